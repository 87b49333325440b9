"""handbook new KIND ID [DIR] [--print]: scaffold a new entity that checks clean.

File-per-entity kinds get a new file, never an overwrite: a process comes
with its checklist (both files or neither), `checklist ID` lists the steps of
process ID, and `onboarding ROLE` plans the role's first week from its duties
(scaffold_kinds.py). List kinds (roles, meetings, ...) and nested kinds (a step:
`handbook new step enrolment.my-step`) are appended as text at the end of
their list, keeping the rest of the file untouched. Before anything is
written the result is checked on a copy of the project; when it would not
check clean, or the file's shape makes appending unsafe, the snippet is
printed with where to paste it, and nothing is written.
"""
from __future__ import annotations

import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path, PurePosixPath

from macros.cli.commands import UsageError, project_root
from macros.schema import validate as schemas
from macros.tools.scaffold.append import append_item, item_indent
from macros.load.kinds import DATA_DIRS, ENTITIES, FILES
from macros.load.problems import format_text
from macros.outputs.compose import load
from macros.tools.scaffold.generator import CHECK_MARK, PLACEHOLDER, Generator, render_mapping
from macros.tools.scaffold.from_data import (
    ScaffoldError,
    checklist_for,
    checklist_of_existing,
    onboarding_plan,
    place_process,
)
from macros.load.yamlio import decode

_ID = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")


def add_arguments(p):
    kinds = ", ".join(k.kind for k in ENTITIES if (k.at or _many(k)) and k.kind not in COPIED)
    p.add_argument("kind", metavar="KIND", help=f"要新建的数据类型 (kind): {kinds}")
    p.add_argument("id", metavar="ID", help="新条目的英文标识，例如 graduation；步骤写 流程.步骤，例如 enrolment.archive")
    p.add_argument("dir", nargs="?", help="project directory (default: the current one)")
    p.add_argument("--print", action="store_true", help="只显示生成的内容，不写文件")


def _many(k) -> bool:
    return any(fk.pattern == k.pattern and fk.many for fk in FILES)


def _schema_file(k) -> str:
    return next(fk.schema for fk in FILES if fk.pattern == k.pattern)


@dataclass(frozen=True)
class Change:
    """One file of a scaffold: its new full text (None: it cannot be written
    safely, show the lines instead) and the lines that are new."""
    target: str  # project-relative path
    text: str | None
    lines: list
    new_file: bool


def plan(root: Path, kind: str, ident: str, today: date):
    """(where-to-paste hint, [[Change]]): candidate change sets in order of
    preference (see Generator.variants); a process's set holds its checklist too."""
    if kind in COPIED:
        raise UsageError(COPIED[kind])
    k = next((e for e in ENTITIES if e.kind == kind), None)
    if k is None or not (k.at or _many(k)):
        choices = ", ".join(e.kind for e in ENTITIES if (e.at or _many(e)) and e.kind not in COPIED)
        raise UsageError(f"unknown or not creatable kind {kind!r}; choose one of: {choices}")
    result = load(root, today=today)
    # A process without its checklist is the error `handbook new checklist`
    # exists to fix; any other error must be fixed first.
    blocking = [p for p in result.errors if p.rule not in FIXED_BY.get(kind, ())]
    if blocking:
        raise UsageError(f"the project has {len(blocking)} error(s) already; "
                         "fix them first (handbook check), then run handbook new again")
    model = result.model
    scope, local = None, ident
    if k.parent:
        scope, _, local = ident.rpartition(".")
        parent = model.get(k.parent, scope)
        if parent is None:
            raise UsageError(f"write ID as {k.parent}.{kind}-id, e.g. enrolment.archive "
                             f"(no {k.parent} {scope!r})")
    # A file kind's id becomes a file name: only kebab-case, never a path.
    # Other ids are checked by the schema with the rest of the new entity.
    if not k.at and not _ID.fullmatch(local):  # fullmatch: `$` would let "foo\n" through
        raise UsageError(f"{local!r} is not a valid id: lowercase letters, digits and hyphens, e.g. graduation")
    if model.get(kind, ident) is not None:
        raise UsageError(f"{kind} {ident!r} already exists")

    if kind in BUILT:  # what the data decides, not the schema (scaffold_kinds.py)
        try:
            variants = [BUILT[kind](model, ident, today)]
        except ScaffoldError as exc:
            raise UsageError(str(exc)) from None
    else:
        variants = _generated(root, k, model, scope, ident, local, today)

    if not k.at:  # a file of its own (a process: and its checklist)
        target = _new_target(root, k, ident)
        pair = _new_target(root, _kind("checklist"), ident) if kind == "process" else None
        candidates = []
        for variant, comments in variants:
            changes = [_new_file(target, k, variant, comments)]
            if pair:
                changes.append(_new_file(pair, _kind("checklist"), *checklist_for(variant, today)))
            candidates.append(changes)
        return "新文件 " + " 和 ".join(c.target for c in candidates[0]), candidates

    target = parent.doc.file if k.parent else k.pattern
    raw = (root / target).read_bytes()
    text = decode(raw, target)
    indent = item_indent(text, k.at[0])
    candidates = []
    for variant, comments in variants:
        lines = render_mapping(variant, comments, indent + 2, first_prefix="- ")
        new_text = append_item(text, k.at[0], lines, variant, target)
        if new_text is not None and raw.startswith(b"\xef\xbb\xbf"):
            new_text = "\ufeff" + new_text
        if new_text is not None and b"\r\n" in raw:
            new_text = new_text.replace("\n", "\r\n")
        candidates.append([Change(target, new_text, lines, False)])
    return f"{target} 中 {k.at[0]}: 列表的末尾", candidates


# Kinds copied from a document, not scaffolded: what to do instead.
COPIED = {"holiday-year": "a holiday file is copied from the State Council's notice, not generated: "
                          "create data/holidays/YYYY.yml as data/holidays/README.md shows"}

# Errors a new entry of a kind repairs, so they do not stop `handbook new`.
FIXED_BY = {"checklist": ("process-has-checklist",)}

# Kinds whose new entry comes from the data (see scaffold_kinds.py).
BUILT = {
    "checklist": checklist_of_existing,
    "onboarding": onboarding_plan,
}


def _generated(root, k, model, scope, ident, local, today):
    """(data, comments) variants generated from the kind's JSON Schema."""
    registry, by_name = schemas.load_registry(root)
    top = by_name[_schema_file(k)]
    resolver = registry.resolver(base_uri=top["$id"])
    # Kinds sit at the top of a file or in one top-level list (kinds.py).
    entity_schema = {"$ref": f"#/properties/{k.at[0]}/items"} if k.at else top
    gen = Generator(registry, model, scope if k.parent else (ident if not k.at else None), today)
    data = gen.entity(entity_schema, resolver, local)
    if k.kind == "process":  # its place in the reading order: the data decides, not the schema
        data = place_process(model, data, gen.comments)
    return gen.variants(data)


def _kind(name: str):
    return next(e for e in ENTITIES if e.kind == name)


def _new_target(root: Path, k, ident: str) -> str:
    target = PurePosixPath(k.pattern.replace("*", ident)).as_posix()
    if (root / target).exists():
        raise UsageError(f"{target} already exists: not overwritten")
    return target


def _new_file(target: str, k, data: dict, comments: dict) -> Change:
    rel_schema = os.path.relpath(f"data/schemas/{_schema_file(k)}", PurePosixPath(target).parent.as_posix())
    lines = [f"# yaml-language-server: $schema={rel_schema}",
             f"# 由 handbook new 生成：把「{PLACEHOLDER}」换成真实内容，核对标有「{CHECK_MARK}」的值，"
             "然后运行 handbook check。"] + render_mapping(data, comments, 0)
    return Change(target, "\n".join(lines) + "\n", lines, True)


def verify(root: Path, changes: list, today: date):
    """Load a copy of the project with the changes: the Result it gives."""
    with tempfile.TemporaryDirectory(prefix="handbook-new-") as tmp:
        copy = Path(tmp) / "project"
        # docs/ too: rules read it (personal data, first-week reading targets).
        for top in (*DATA_DIRS, "docs"):
            if (root / top).is_dir():
                shutil.copytree(root / top, copy / top)
        for c in changes:
            (copy / c.target).parent.mkdir(parents=True, exist_ok=True)
            (copy / c.target).write_bytes(c.text.encode("utf-8"))
        return load(copy, today=today)


def _snippets(changes) -> str:
    return "\n\n".join((f"# {c.target}\n" if len(changes) > 1 else "") + "\n".join(c.lines) for c in changes)


def run(args) -> int:
    root = project_root(args.dir)
    today = date.today()
    where, candidates = plan(root, args.kind, args.id, today)
    first = candidates[0]
    if any(c.text is None for c in first):
        print(f"无法安全地自动追加到 {first[0].target}（文件结构特殊）。请把下面的内容粘贴到{where}：\n")
        print(_snippets(first))
        return 1
    first_result = None
    for changes in candidates:
        result = verify(root, changes, today) if all(c.text is not None for c in changes) else None
        first_result = first_result or result
        if result is not None and result.ok:
            break
    else:
        print(f"生成的内容没有通过检查，未写入文件。请把下面的内容粘贴到{where}，再按提示修改：\n")
        print(_snippets(first) + "\n")
        print(format_text(first_result.problems))
        return 1
    if args.print:
        print(f"# 将写入{where}：\n{_snippets(changes)}")
        return 0
    write(root, changes)
    print(f"已写入{where}：\n{_snippets(changes)}\n")
    print(f"下一步：把「{PLACEHOLDER}」换成真实内容，核对标有「{CHECK_MARK}」的值，然后运行 handbook check"
          f"（或 make serve 预览）。")
    return 0


def write(root: Path, changes: list) -> None:
    """All the files or none: new files are created exclusively (never over a
    file that appeared meanwhile) and removed again if a later one fails;
    an append goes to a file beside, then a rename, so a crash never leaves
    half a file."""
    created = []
    try:
        for c in changes:
            path = root / c.target
            if c.new_file:
                path.parent.mkdir(parents=True, exist_ok=True)
                with open(path, "xb") as fh:
                    created.append(path)
                    fh.write(c.text.encode("utf-8"))
            else:
                tmp = path.with_name(f".{path.name}.new")
                tmp.write_bytes(c.text.encode("utf-8"))
                os.replace(tmp, path)
    except BaseException:
        for path in created:
            path.unlink(missing_ok=True)
        raise
