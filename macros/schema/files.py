"""Problems with the JSON Schema files themselves (data/schemas/*.schema.json).

Schemas are data too: an editor adds an enum value or a field title, and a
stray comma or a misspelt type must come back as a message naming the file
and line, never as a traceback from deep in the validator.

Two steps, because checking against the metaschema costs as much as checking
all the data at the shipped size: `check` (every check) finds missing files,
broken JSON and a missing `$id`; `check_meta` (Draft 2020-12 metaschema)
runs only when validating the data with the schemas crashed or found schema
errors, which is when a malformed schema can be the cause (project.load).
"""
from __future__ import annotations

import json
from pathlib import Path

from jsonschema import Draft202012Validator

from macros.load.problems import Problem
from macros.schema.validate import SCHEMA_DIR

RULE = "schema-file"


def check(root: Path, needed: dict[str, str]) -> list[Problem]:
    """Problems with the schema files; `needed` maps a schema file name to a
    data file that uses it (named in the message for a missing schema)."""
    problems = []
    folder = root / SCHEMA_DIR
    present = {p.name: p for p in folder.glob("*.schema.json")} if folder.is_dir() else {}
    for name, user in sorted(needed.items()):
        if name not in present:
            problems.append(Problem((SCHEMA_DIR / name).as_posix(), 1, 1,
                                    f"schema file is missing (needed to check {user}); "
                                    "restore it from git: git checkout -- " + (SCHEMA_DIR / name).as_posix(),
                                    rule=RULE))
    for name, path in sorted(present.items()):
        problems += _check_file(path, (SCHEMA_DIR / name).as_posix())
    return problems


def _check_file(path: Path, shown: str) -> list[Problem]:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return [Problem(shown, line, 1, "file is not valid UTF-8; save it as UTF-8", rule=RULE)]
    try:
        schema = json.loads(text)
    except json.JSONDecodeError as exc:
        return [Problem(shown, exc.lineno, exc.colno, f"not valid JSON: {exc.msg}", rule=RULE)]
    if not isinstance(schema, dict):
        return [Problem(shown, 1, 1, "a schema must be a JSON object {...}", rule=RULE)]
    if not isinstance(schema.get("$id"), str):
        return [Problem(shown, 1, 1, 'schema has no "$id" (other schemas refer to it by that name)', rule=RULE)]
    return []


def check_meta(root: Path) -> list[Problem]:
    """Every schema file checked against the Draft 2020-12 metaschema."""
    problems = []
    for path in sorted((root / SCHEMA_DIR).glob("*.schema.json")):
        text = path.read_text(encoding="utf-8-sig")
        problems += _check_meta(json.loads(text), text, path.name, (SCHEMA_DIR / path.name).as_posix())
    return problems


def unusable(exc: Exception) -> Problem:
    """The last resort when a schema breaks validation and the metaschema finds
    nothing wrong: still a message, never a traceback."""
    return Problem(SCHEMA_DIR.as_posix(), 1, 1, f"the schemas could not be used to check the data "
                   f"({type(exc).__name__}: {exc}); undo the last change to data/schemas/", rule=RULE)


def _check_meta(schema, text: str, name: str, shown: str) -> list[Problem]:
    problems = []
    meta = Draft202012Validator(Draft202012Validator.META_SCHEMA)
    for error in sorted(meta.iter_errors(schema), key=lambda e: [str(k) for k in e.absolute_path]):
        # "not valid under any of the given schemas" says nothing to an editor;
        # the branch that came closest says what was expected.
        error = next((c for c in error.context if c.validator == "enum"), error)
        keys = [str(k) for k in error.absolute_path]
        where = "/".join(keys) or "(top level)"
        problems.append(Problem(shown, locate(text, keys), 1, f"not a valid JSON Schema at {where}: {error.message}",
                                breadcrumb=f"Schema({name!r})", rule=RULE))
    return problems


def locate(text: str, keys: list[str]) -> int:
    """Line of the value at `keys` (object keys and list indexes), found by
    looking for each key in turn after the previous one. JSON parsers keep no
    positions; for the pretty-printed schemas this finds the right line, and
    when it cannot, it stops at the deepest key it found."""
    pos = 0
    for key in keys:
        if key.isdigit():
            continue  # list index: the value lies after its parent key
        found = text.find(json.dumps(key, ensure_ascii=False) + ":", pos)
        if found < 0:
            found = text.find(json.dumps(key) + ":", pos)
        if found < 0:
            break
        pos = found
    return text.count("\n", 0, pos) + 1
