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
from pathlib import PurePosixPath

from jsonschema import Draft202012Validator

from . import schema as schemas
from .kinds import FILES

COMMON = "common.schema.json"
# Who is responsible for a limit, in order of preference (dotted keys into the
# owning entity); the first one present wins.
RESPONSIBLE_KEYS = ("raci.responsible", "responsible", "owner", "submitted_by", "chair", "assessor")


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


def find(result) -> tuple[list[Found], list[Found]]:
    """(deadlines, cycles) of a loaded project, each in data order, with unique ids."""
    registry, by_name = schemas.load_registry(result.root)
    common = by_name.get(COMMON, {}).get("$defs", {})
    targets = {id(common.get("deadline")): "deadline", id(common.get("cycle")): "cycle"}
    kinds_of = {}
    for fk in FILES:
        kinds_of[fk.pattern] = by_name.get(fk.schema)
    found: list[Found] = []
    model = result.model
    for doc in model.docs:
        schema = next((s for pat, s in kinds_of.items() if PurePosixPath(doc.file).match(pat)), None)
        if schema is None:
            continue
        for path, kind, value, titles, container in _walk(doc.data, schema, registry, targets):
            entity = model.owner_of(doc, path)
            found.append(_make(doc, path, kind, value, titles, container, entity))
    _disambiguate(found)
    return [f for f in found if f.kind == "deadline"], [f for f in found if f.kind == "cycle"]


def _make(doc, path, kind, value, titles, container, entity) -> Found:
    base = entity.path if entity is not None else ()
    rel = path[len(base):]
    tail = rel[:-1] if rel and rel[-1] in ("deadline", "cycle") else rel
    words = ".".join(str(k) for k in tail)
    # The titles of the fields between the entity and the value: 轮岗 + 周期.
    inner = [titles[path[:i]] for i in range(len(base) + 1, len(path) + 1)
             if titles.get(path[:i]) and not isinstance(path[i - 1], int)]
    title = "".join(dict.fromkeys(inner))
    if entity is not None:
        ident = f"{entity.id}.{words}" if words else entity.id
        name = entity.name if not words else f"{entity.name}·{title or words}"
    else:
        ident = f"{PurePosixPath(doc.file).stem}.{words or kind}"
        name = container.get("name") or "".join(dict.fromkeys(inner[:-1])) or title or ident
    line, _ = doc.where(path)
    return Found(ident, kind, name, value, doc.file, path, line, entity, title, container)


def _disambiguate(found):
    for kind in ("deadline", "cycle"):
        same = [f for f in found if f.kind == kind]
        counts = Counter(f.id for f in same)
        for i, f in enumerate(found):
            if f.kind == kind and counts[f.id] > 1:
                found[i] = Found(f"{f.owner_kind}:{f.id}", *[getattr(f, k) for k in
                                 ("kind", "name", "value", "file", "path", "line", "entity", "title", "container")])


def _walk(data, schema, registry, targets):
    """(path, 'deadline'|'cycle', value, titles, holding mapping) for each target
    value; `titles` maps each path prefix to its schema title, for naming."""
    out, titles = [], {}

    def visit(node, sub, resolver, path, parent):
        if not isinstance(sub, dict):
            return
        if sub.get("title"):
            titles.setdefault(path, sub["title"])
        if "$ref" in sub:
            resolved = resolver.lookup(sub["$ref"])
            hit = targets.get(id(resolved.contents))
            if hit and isinstance(node, dict):
                titles.setdefault(path, resolved.contents.get("title", ""))
                out.append((path, hit, node, titles, parent))
                return
            visit(node, resolved.contents, resolved.resolver, path, parent)
        for branch in sub.get("allOf", []):
            visit(node, branch, resolver, path, parent)
        for key in ("oneOf", "anyOf"):
            for branch in sub.get(key, []):
                if Draft202012Validator(branch, registry=registry, _resolver=resolver).is_valid(node):
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

    visit(data, schema, registry.resolver(base_uri=schema.get("$id", "")), (), {})
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


def roles_involved(result, found: Found) -> list[str]:
    """Every role the owning entity (or the holding mapping) refers to; when it
    names none, the roles of the entities it refers to (one hop), so that
    permissions.yml `review` reaches the people of the meeting that decides it."""
    model = result.model
    scope_doc = found.entity.doc if found.entity else model.doc(found.file)
    scope = found.entity.path if found.entity else found.path[:-1]
    roles, hops = [], []
    for (kind, target), refs in model.referrers.items():
        for ref in refs:
            if ref.doc is scope_doc and ref.path[:len(scope)] == scope:
                (roles if kind == "role" else hops).append((ref.path, kind, target))
    if not roles:
        for _, kind, target in sorted(hops, key=lambda t: tuple(map(str, t[0]))):
            other = model.get(kind, target)
            if other is None:
                continue
            for (k2, t2), refs in model.referrers.items():
                if k2 == "role" and any(r.doc is other.doc and r.path[:len(other.path)] == other.path for r in refs):
                    roles.append(((), "role", t2))
    out = []
    for _, _, role in sorted(roles, key=lambda t: tuple(map(str, t[0]))):
        if role not in out:
            out.append(role)
    return out
