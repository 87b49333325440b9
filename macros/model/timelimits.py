"""Every time limit and every recurring obligation in the data, found from the schemas.

A time limit is any value the schemas declare as `common.schema.json#/$defs/deadline`;
a recurring obligation is any value declared as `#/$defs/cycle`. Walking each
document alongside its schema finds them wherever they are (step deadlines,
report deadlines, an audit's `rectification`, permissions.yml `review.cycle`
...), so a new kind of data is picked up without touching this module.

Rule ids (stable, used by `handbook due`, the calendar UIDs and the export):
- the owning entity's id when the value sits at `<entity>.deadline` or
  `<entity>.cycle` (steps are qualified by their process: `enrolment.data-entry`);
- `<entity id>.<dotted path>` when it sits elsewhere in the entity, without a
  trailing `deadline`/`cycle` (`quarterly-audit.rectification`);
- `<file stem>.<dotted path>` when no entity owns it (`permissions.review`);
- if two kinds produce the same id, each becomes `<kind>:<id>`.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import PurePosixPath

from macros.schema import private
from macros.schema.compiled import CompiledSchemas
from macros.load.kinds import FILES

COMMON = "common.schema.json"
# Who is responsible for a limit, in order of preference (dotted keys into the
# owning entity); the first one present wins.
RESPONSIBLE_KEYS = ("raci.responsible", "responsible", "owner", "owners", "submitted_by", "chair", "chairs",
                    "assessor")


@dataclass(frozen=True)
class Found:
    """One deadline or cycle value in the data."""
    id: str
    kind: str  # "deadline" or "cycle"
    name: str  # Chinese
    value: dict
    file: str
    path: tuple
    line: int
    entity: object = None  # the owning Entity, or None
    title: str = ""  # the schema title of the field holding it
    container: dict = field(default_factory=dict)  # the mapping that holds the value

    @property
    def owner_kind(self) -> str:
        return self.entity.kind if self.entity is not None else PurePosixPath(self.file).stem

    @property
    def source(self) -> list:
        for holder in (self.container, self.entity.data if self.entity else {}):
            if isinstance(holder, dict) and holder.get("source"):
                return list(holder["source"])
        return []

    def get(self, dotted: str, default=None):
        """A value from the owning entity (or the container), by dotted key."""
        for holder in ((self.entity.data if self.entity else None), self.container):
            node = holder
            for key in dotted.split("."):
                node = node.get(key) if isinstance(node, dict) else None
            if node is not None:
                return node
        return default


def find(model) -> tuple[list[Found], list[Found]]:
    """(deadlines, cycles) of a loaded project, each in data order, with unique
    ids; found once per model (a view of it: see Model.view)."""
    return model.view(_find)


def _find(model):
    # The schemas as written (the targets are the `$defs` themselves), from
    # the check's CompiledSchemas: its memos are keyed on these very parts.
    compiled = model.schemas or CompiledSchemas(model.root)
    by_name = compiled.written
    common = by_name.get(COMMON, {}).get("$defs", {})
    targets = {id(common.get("deadline")): "deadline", id(common.get("cycle")): "cycle"}
    found: list[Found] = []
    lookups: dict = {}  # shared by every document's walk: see _walk
    for doc in model.docs:
        schema = by_name.get(schema_name(doc.file))
        if schema is None:
            continue
        for path, kind, value, titles, container in _walk(doc.data, schema, compiled, targets, lookups):
            entity = model.owner_of(doc, path)
            found.append(_make(doc, path, kind, value, titles, container, entity))
    _disambiguate(found)
    return [f for f in found if f.kind == "deadline"], [f for f in found if f.kind == "cycle"]


@lru_cache(maxsize=None)  # a glob match per file and pattern was half of find()
def schema_name(file: str) -> str | None:
    """The schema file a data file is checked against (load/kinds.py FILES)."""
    path = PurePosixPath(file)
    return next((fk.schema for fk in FILES if path.match(fk.pattern)), None)


def _make(doc, path, kind, value, titles, container, entity) -> Found:
    base = entity.path if entity is not None else ()
    rel = path[len(base):]
    tail = rel[:-1] if rel and rel[-1] in ("deadline", "cycle") else rel
    words, items = _segments(entity.data if entity is not None else doc.data, tail)
    # The titles of the fields between the entity and the value: 轮岗 + 周期.
    prefixes = [path[:i] for i in range(len(base) + 1, len(path) + 1)
                if titles.get(path[:i]) and not isinstance(path[i - 1], int)]
    inner = [titles[p] for p in prefixes if p not in titles["generic"]] or [titles[p] for p in prefixes]
    title = "".join(dict.fromkeys(inner))
    if entity is not None:
        ident = f"{entity.id}.{words}" if words else entity.id
        name = entity.name if not words else f"{entity.name}·{'·'.join(items) or title or words}"
    else:
        ident = f"{PurePosixPath(doc.file).stem}.{words or kind}"
        name = container.get("name") or "·".join(dict.fromkeys(inner)) or ident
    line, _ = doc.where(path)
    return Found(ident, kind, name, value, doc.file, path, line, entity, title, container)


def _segments(node, tail) -> tuple[str, list]:
    """The dotted id of a path inside an entity, list items named by their own id
    (`steps.0` -> `manager-countersign`), and the Chinese names of those items."""
    segs, names, i = [], [], 0
    while i < len(tail):
        key = tail[i]
        child = node.get(key) if isinstance(node, dict) else None
        if isinstance(child, list) and i + 1 < len(tail) and isinstance(tail[i + 1], int):
            item = child[tail[i + 1]]
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                segs.append(item["id"])
                names.append(item.get("name") or item["id"])
                node, i = item, i + 2
                continue
        segs.append(str(key))
        node, i = child, i + 1
    return ".".join(segs), names


def _disambiguate(found):
    for kind in ("deadline", "cycle"):
        same = [f for f in found if f.kind == kind]
        counts = Counter(f.id for f in same)
        for i, f in enumerate(found):
            if f.kind == kind and counts[f.id] > 1:
                found[i] = Found(f"{f.owner_kind}:{f.id}", *[getattr(f, k) for k in
                                 ("kind", "name", "value", "file", "path", "line", "entity", "title", "container")])


def _walk(data, schema, compiled, targets, lookups=None):
    """(path, 'deadline'|'cycle', value, titles, holding mapping) for each target
    value; `titles` maps each path prefix to its schema title, for naming."""
    out, titles = [], {}
    generic = titles.setdefault("generic", set())  # paths titled only by the definition
    # A `$ref` resolves the same way every time it is met from the same base
    # URI, in every document of one load (the registry is `compiled`'s):
    # looking it up again per node, then per document, was most of this
    # walk's cost (at 50x, 32,000 lookups for a few dozen distinct ones).
    lookups = {} if lookups is None else lookups

    def lookup(resolver, ref):
        key = (private.base_uri(resolver), ref)
        if key not in lookups:
            lookups[key] = resolver.lookup(ref)
        return lookups[key]

    def visit(node, sub, resolver, path, parent):
        if not isinstance(sub, dict):
            return
        if sub.get("title"):
            titles.setdefault(path, sub["title"])
        if "$ref" in sub:
            resolved = lookup(resolver, sub["$ref"])
            hit = targets.get(id(resolved.contents))
            if hit and isinstance(node, dict):
                if path not in titles:
                    titles[path] = resolved.contents.get("title", "")
                    generic.add(path)
                out.append((path, hit, node, titles, parent))
                return
            visit(node, resolved.contents, resolved.resolver, path, parent)
        for branch in sub.get("allOf", []):
            visit(node, branch, resolver, path, parent)
        for key in ("oneOf", "anyOf"):
            for branch in sub.get(key, []):
                if compiled.fits(branch, resolver, node):
                    visit(node, branch, resolver, path, parent)
                    break
        if isinstance(node, dict):
            props = sub.get("properties", {})
            for k, v in node.items():
                if k in props:
                    visit(v, props[k], resolver, path + (k,), node)
        elif isinstance(node, list) and "items" in sub:
            for i, item in enumerate(node):
                visit(item, sub["items"], resolver, path + (i,), parent)

    visit(data, schema, compiled.registry.resolver(base_uri=schema.get("$id", "")), (), {})
    return out


def responsible(found: Found) -> list[str]:
    """Role ids responsible for a limit (see RESPONSIBLE_KEYS)."""
    for key in RESPONSIBLE_KEYS:
        value = found.get(key)
        if isinstance(value, str):
            return [value]
        if isinstance(value, list) and value:
            return [v for v in value if isinstance(v, str)]
    return []


def _refs_by_doc(model) -> dict:
    """{id(doc): [(path, kind, target)]}: every recorded reference, by document."""
    index = {}
    for (kind, target), refs in model.referrers.items():
        for ref in refs:
            index.setdefault(id(ref.doc), []).append((ref.path, kind, target))
    return index


def roles_involved(model, found: Found) -> list[str]:
    """Every role the owning entity (or the holding mapping) refers to; when it
    names none, the roles of the entities it refers to (one hop), so that
    permissions.yml `review` reaches the people of the meeting that decides it."""
    index = model.view(_refs_by_doc)

    def inside(doc, scope):
        return [r for r in index.get(id(doc), []) if r[0][:len(scope)] == scope]

    scope_doc = found.entity.doc if found.entity else model.doc(found.file)
    scope = found.entity.path if found.entity else found.path[:-1]
    refs = sorted(inside(scope_doc, scope), key=lambda r: tuple(map(str, r[0])))
    # A role's own limits (its rotation) concern the role itself first.
    roles = [found.entity.id] if found.entity is not None and found.entity.kind == "role" else []
    roles += [target for _, kind, target in refs if kind == "role"]
    if len(roles) == (1 if found.entity is not None and found.entity.kind == "role" else 0):
        for _, kind, target in refs:
            other = model.get(kind, target)
            if other is not None:
                roles += [t for _, k, t in sorted(inside(other.doc, other.path), key=lambda r: tuple(map(str, r[0])))
                          if k == "role"]
    return list(dict.fromkeys(roles))
