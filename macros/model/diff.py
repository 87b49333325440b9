"""Change impact: what changed between two loaded models, and what it touches.

Pure functions over two Models (base and current); `handbook impact` does
the git part. A change is an entity added, removed or modified (with the
fields that changed). What a change affects is found through reverse
references (Model.referring), followed a few steps up: a renamed role reaches
the steps that name it, their processes, and what refers to those (a
checklist, an onboarding item).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from macros.load.kinds import ENTITIES
from macros.model.entities import _dotted

MAX_DEPTH = 4  # reference hops followed from a change
# Only what people work from passes a change on: a step changes its process,
# a process its checklist and onboarding items. Anything else that refers to
# a change is listed, but not followed further (a question that mentions a
# role is not changed by the role's renaming, and neither is its owner).
CARRIERS = {"step", "path", "process", "checklist", "onboarding"}
_PARENT = {k.kind: k.parent for k in ENTITIES}
# A whole-file entity (a process) does not count its children's lists (its
# steps) as its own fields: those are changes of the children.
_CHILD_KEYS = {}
for _k in ENTITIES:
    if _k.at:
        _CHILD_KEYS.setdefault(_k.pattern, set()).add(_k.at[0])


@dataclass
class Change:
    status: str  # "added" | "removed" | "modified"
    entity: object  # the current entity (the base one when removed)
    fields: list = field(default_factory=list)  # [(dotted path, old, new)]
    affected: list = field(default_factory=list)  # [Entity], nearest first
    roles: list = field(default_factory=list)  # [Entity] who must re-read
    pages: list = field(default_factory=list)  # [url]


def own_data(entity) -> dict:
    data = entity.data if isinstance(entity.data, dict) else {}
    if entity.path == ():
        skip = _CHILD_KEYS.get(_pattern(entity.kind), set())
        return {k: v for k, v in data.items() if k not in skip}
    return data


def _pattern(kind):
    return next(k.pattern for k in ENTITIES if k.kind == kind)


def field_changes(old, new, path=()) -> list:
    if isinstance(old, dict) and isinstance(new, dict):
        out = []
        for key in list(old) + [k for k in new if k not in old]:
            out += field_changes(old.get(key), new.get(key), path + (key,))
        return out
    if isinstance(old, list) and isinstance(new, list) and len(old) == len(new):
        out = []
        for i, (a, b) in enumerate(zip(old, new)):
            out += field_changes(a, b, path + (i,))
        return out
    return [] if old == new else [(_dotted(path) or "(whole)", old, new)]


def diff(base, current) -> list[Change]:
    changes = []
    for k in ENTITIES:
        old, new = base.by_kind.get(k.kind, {}), current.by_kind.get(k.kind, {})
        for ident, entity in new.items():
            if ident not in old:
                changes.append(Change("added", entity))
            else:
                fields = field_changes(own_data(old[ident]), own_data(entity))
                if fields:
                    changes.append(Change("modified", entity, fields))
        for ident, entity in old.items():
            if ident not in new:
                changes.append(Change("removed", entity))
    return changes


def parent_of(model, entity):
    kind = _PARENT.get(entity.kind)
    return model.get(kind, entity.parent) if kind else None


def affected(model, entity) -> list:
    """Entities that show or depend on `entity`: its parent, whoever refers to
    it, and onwards up to MAX_DEPTH hops, nearest first."""
    seen, out, frontier = {(entity.kind, entity.id)}, [], [entity]
    for _ in range(MAX_DEPTH):
        nxt = []
        for e in frontier:
            for other in [parent_of(model, e)] + [owner for owner, _ in model.referring(e)]:
                if other is not None and (other.kind, other.id) not in seen:
                    seen.add((other.kind, other.id))
                    out.append(other)
                    if other.kind in CARRIERS or other.kind.startswith("onboarding"):
                        nxt.append(other)
        frontier = nxt
    return out


def role_mentions(model) -> list[tuple[str, tuple]]:
    """[(role id, (kind, id) of the entity naming it)] for every role reference."""
    out = []
    for (kind, target), refs in model.referrers.items():
        if kind == "role":
            for ref in refs:
                owner = model.owner_of(ref.doc, ref.path)
                if owner is not None:
                    out.append((target, (owner.kind, owner.id)))
    return out


def readers(model, entities, mentions) -> list:
    """Internal and temporary roles named by these entities, or being one:
    the people who must re-read a changed page. `mentions`: role_mentions(model)."""
    keys = {(e.kind, e.id) for e in entities}
    ids = {e.id for e in entities if e.kind == "role"} | {role for role, owner in mentions if owner in keys}
    roles = [model.get("role", i) for i in sorted(ids)]
    return [r for r in roles if r is not None and r.get("kind", "internal") != "external"]


def analyse(base, current, locate=lambda entity: None) -> list[Change]:
    """Changes with what they affect. `locate(entity)` is where an entity is
    shown (a site URL, or None); the site passes its resolver, so this module
    knows nothing of pages."""
    changes = diff(base, current)
    for change in changes:
        model = base if change.status == "removed" else current
        change.affected = affected(model, change.entity)
        touched = [change.entity] + change.affected
        workbook = [change.entity] + [e for e in change.affected
                                      if e.kind in CARRIERS or e.kind.startswith("onboarding")]
        change.roles = readers(model, workbook, model.view(role_mentions))  # walks every reference: once per model
        urls = [locate(e) for e in touched]
        change.pages = sorted({u.split("#", 1)[0] or "/" for u in urls if u is not None})
    return changes
