"""Load and check a project directory: the one pipeline behind the CLI, the
site build and the tests.

    files -> strict YAML -> entity index -> JSON Schema (+ references) -> rules

Every stage collects problems and goes on where it safely can; the rules only
run when everything before them is clean.
"""
from __future__ import annotations

import gc
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from macros.check import privacy
from macros.model import references
from macros.schema import files as schemafiles
from macros.schema import validate as schemas
from macros.schema.compiled import CompiledSchemas
from macros.load.kinds import DATA_DIRS, FILES, IGNORED_SUFFIXES
from macros.model.entities import Model
from macros.load.problems import ERROR, Problem, split
from macros.load.yamlio import LoadError, load_file


@dataclass(frozen=True)
class Result:
    """What a load gives every output: the frozen model and its problems."""
    root: Path
    model: Model
    problems: tuple = ()

    def __post_init__(self):
        object.__setattr__(self, "problems", tuple(self.problems))

    @property
    def errors(self):
        return split(self.problems)[0]

    @property
    def warnings(self):
        return split(self.problems)[1]

    @property
    def ok(self) -> bool:
        return not self.errors


def discover(root: Path) -> tuple[list[tuple[Path, str, object]], list[Problem]]:
    """[(path, shown name, FileKind)] for every data file, plus problems for
    files that match no kind (a misnamed file must not be silently ignored)."""
    problems, links = symlinks(root)
    found, claimed = [], set(links)
    for fk in FILES:
        for path in sorted(root.glob(fk.pattern)):
            rel = path.relative_to(root).as_posix()
            if rel in links:
                continue
            found.append((path, rel, fk))
            claimed.add(rel)
        if not fk.many and not (root / fk.pattern).exists():
            problems.append(Problem(fk.pattern, 1, 1, "required file is missing", rule="files"))
    for top in DATA_DIRS:
        for path in sorted((root / top).rglob("*")):
            rel = path.relative_to(root).as_posix()
            if path.is_dir() or rel in claimed or path.suffix in IGNORED_SUFFIXES \
                    or rel.startswith("data/schemas/") or path.name.startswith("."):
                continue
            expected = ", ".join(fk.pattern for fk in FILES if PurePosixPath(fk.pattern).parent
                                 == PurePosixPath(rel).parent) or ", ".join(fk.pattern for fk in FILES)
            problems.append(Problem(rel, 1, 1, f"file is not part of the handbook (expected: {expected}); "
                                               "rename it to .yml in the right folder, or remove it",
                                    rule="files"))
    return found, problems


def symlinks(root: Path) -> tuple[list[Problem], set]:
    """A symbolic link under data/, checklists/ or docs/ is refused and not
    read: MkDocs would publish its target (a file outside the repository,
    /proc/self/environ), and the loader would echo its keys in messages."""
    problems, links = [], set()
    for top in ("data", "checklists", "docs"):
        for path in sorted((root / top).rglob("*")):
            if path.is_symlink():
                rel = path.relative_to(root).as_posix()
                links.add(rel)
                problems.append(Problem(rel, 1, 1, "symbolic links are not allowed here: the handbook reads and "
                                                   "publishes only files kept in the repository; put the file "
                                                   "itself here", rule="files"))
    return problems, links


def load(root: Path, today=None, *, pages) -> Result:
    """Load and check the project at `root`. Never raises on bad data.

    `pages(model)` gives the model its page source (what the handbook's pages
    say, for reading times): the composition root passes the site's
    (macros/outputs/compose.py), so the check never imports a renderer."""
    # Loading allocates hundreds of thousands of small objects and keeps them;
    # the cyclic garbage collector would scan them again and again while they
    # are built (more than half of the check at 50x the shipped data). Loading
    # makes no garbage cycles worth collecting meanwhile, so the collector
    # waits until it is done.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _load(Path(root), today, pages)
    finally:
        if enabled:
            gc.enable()


def _load(root: Path, today, pages) -> Result:
    found, problems = discover(root)
    docs, kinds_of, unread = [], {}, []
    for path, shown, fk in found:
        try:
            doc = load_file(path, shown)
        except LoadError as exc:
            problems.append(exc.problem)
            unread.append(shown)
            continue
        docs.append(doc)
        kinds_of[doc.file] = fk
    indexed, dup = Model.index(docs, root=root)
    problems += dup

    needed = {}
    for doc in docs:
        needed.setdefault(kinds_of[doc.file].schema, doc.file)
    broken = schemafiles.check(root, needed)
    refs: list = []
    compiled = None
    if not broken:
        try:
            compiled = CompiledSchemas(root)
            checked = _validate(compiled, docs, kinds_of, indexed, refs)
        except Exception as exc:  # noqa: BLE001 - a schema file that parses but is no schema
            broken = schemafiles.check_meta(root) or [schemafiles.unusable(exc)]
        else:
            # A malformed schema can also fail valid data (`"required": "id"`
            # demands the keys "i" and "d"): on schema errors, look at the
            # schemas once more, which costs nothing when the data is valid.
            if any(p.rule == "schema" for p in checked):
                broken = schemafiles.check_meta(root)
            problems += checked
    # Frozen from here on: the rules, the site, the prints and the CLI share it.
    model = indexed.finish(refs, pages, schemas=None if broken else compiled)
    if broken:  # the schema files' own problems; data checked against them would be noise
        return Result(root=root, model=model,
                      problems=[p for p in problems if p.rule not in ("schema", "reference")] + broken)

    if unread:
        problems = _without_cascade(problems, unread)
    problems += privacy.scan(root, model)

    if not any(p.severity == ERROR for p in problems):
        from macros.check.rules import run_rules
        problems += run_rules(model, today=today)
    return Result(root=root, model=model, problems=problems)


def _without_cascade(problems: list, unread: list) -> list:
    """A file that does not read leaves every id it defines unknown: one
    syntax error in roles.yml made hundreds of "unknown role" lines in other
    files, burying the one line to fix. Until every file reads, references
    are not reported; one line says so and names the files to fix first."""
    kept = [p for p in problems if p.rule != "reference"]
    if len(kept) < len(problems):
        kept.append(Problem(unread[0], 1, 1,
                            f"references between files are checked once {', '.join(unread)} "
                            f"can be read again ({len(problems) - len(kept)} reference(s) not checked)",
                            severity=ERROR, rule="reference"))
    return kept


def fingerprint(root: Path) -> tuple:
    """Names, sizes and mtimes of every input: changes when any source changes.
    docs/ counts too: the privacy scan and the reading times read it."""
    files = []
    for top in ("data", "checklists", "docs"):
        for path in sorted((root / top).rglob("*")):
            if path.is_file():
                st = path.stat()
                files.append((path.relative_to(root).as_posix(), st.st_size, st.st_mtime_ns))
    return tuple(files)


def _validate(compiled: CompiledSchemas, docs, kinds_of, model, refs: list) -> list[Problem]:
    """Schema and reference problems of every file; the references of the
    files that passed go into `refs`."""
    problems = []
    for doc in docs:
        name = kinds_of[doc.file].schema
        schema = compiled.inlined[name]
        resolve = model.resolver_for(doc)
        # Most documents are valid: a compiled yes saves asking jsonschema,
        # which alone says why a document is not (schema/verdict.py).
        errors = [] if compiled.verdicts.valid(name, doc.data, resolve) \
            else schemas.iter_errors(schema, compiled.registry, doc.data, resolve)
        if not errors:
            refs += references.walk(doc, schema, compiled)
        for error in errors:
            for leaf in schemas.leaf_errors(error):
                path = tuple(leaf.absolute_path)
                line, col = doc.where(_key_path(leaf, path))
                problems.append(Problem(
                    doc.file, line, col, schemas.message(leaf),
                    breadcrumb=model.breadcrumb(doc, path),
                    rule="reference" if _is_reference(leaf) else "schema"))
    return problems


def _is_reference(error) -> bool:
    """An unknown id, also where a value may take several forms (a page to
    read: `kind:id` or a docs path) and the `kind:id` form failed only on
    its id: no form fits because the referenced entity is missing."""
    if error.validator == "x-ref":
        return True
    return error.validator in ("oneOf", "anyOf") and any(e.validator == "x-ref" for e in error.context or ())


def _key_path(error, path):
    """For an unknown key, point at the key itself rather than its mapping."""
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        extra = [k for k in error.instance if k not in error.schema.get("properties", {})]
        if extra:
            return path + (extra[0],)
    return path
