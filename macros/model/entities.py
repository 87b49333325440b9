"""The model: every entity of every loaded file, indexed by kind and id.

Built once per check or build from the loaded documents, then frozen: render,
print, CLI and tests all share one Model, and nothing downstream can change
it. Views derived from it (coverage, time limits, the render context) hang
off it through Model.view().
"""
from __future__ import annotations

import difflib
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import PurePosixPath
from types import MappingProxyType

from macros.load.kinds import ENTITIES
from macros.load.problems import Problem
from macros.load.yamlio import Document


@dataclass(frozen=True)
class Entity:
    kind: str
    id: str  # qualified for nested kinds: "enrolment.material-review"
    data: dict
    doc: Document
    path: tuple  # where in doc.data
    parent: str = ""  # the qualifying entity's id, for nested kinds

    @property
    def local_id(self) -> str:
        return self.id.rsplit(".", 1)[-1] if self.parent else self.id

    @property
    def name(self) -> str:
        return self.data.get("name") or self.data.get("heading") or self.id

    @property
    def where(self) -> tuple[int, int]:
        return self.doc.where(self.path)

    def get(self, key, default=None):
        return self.data.get(key, default)


@lru_cache(maxsize=None)  # called per entity lookup; glob matching is slow
def kinds_for(file: str):
    return tuple(k for k in ENTITIES if PurePosixPath(file).match(k.pattern))


def _frozen_kinds(by_kind) -> MappingProxyType:
    return MappingProxyType({k: MappingProxyType(dict(v)) for k, v in by_kind.items()})


@dataclass(frozen=True, repr=False, eq=False)
class Model:
    """Read-only once built: the fields cannot be reassigned (a frozen
    dataclass), the maps are MappingProxyType views and the lists tuples. The
    pipeline builds it in two steps, `index()` (entities) and `finish()`
    (references, page source), each returning a new frozen model; nothing is
    added after the pipeline hands it out. (The YAML values inside entities
    stay plain dicts and lists: jsonschema, Jinja and the renderers read them
    as such, and nothing writes to them.)"""
    docs: tuple = ()
    by_kind: Mapping = field(default_factory=lambda: MappingProxyType({}))  # kind -> {id: Entity}
    # (target kind, target id) -> (Reference, ...); see references.py
    referrers: Mapping = field(default_factory=lambda: MappingProxyType({}))
    # The project folder the documents came from.
    root: object = None
    # What the handbook's pages say (onboarding.reading.PageSource), given by
    # the composition root: reading times count what a reader sees, and the
    # model itself knows nothing of pages.
    pages: object = None

    def __post_init__(self):
        # Normalised here so that every way of building a model is frozen, and
        # the lookup indexes exist before anyone can look anything up.
        set_ = object.__setattr__
        set_(self, "docs", tuple(self.docs))
        if not isinstance(self.by_kind, MappingProxyType):
            set_(self, "by_kind", _frozen_kinds(self.by_kind))
        if not isinstance(self.referrers, MappingProxyType):
            set_(self, "referrers", MappingProxyType({k: tuple(v) for k, v in self.referrers.items()}))
        set_(self, "_index", _build_indexes(self.docs, self.by_kind))
        set_(self, "_views", {})

    def __repr__(self) -> str:
        # Short on purpose: mkdocs-macros serialises every template variable
        # (hb.model among them) with str() for a debug log on each build; the
        # dataclass repr of the whole model cost seconds at scale.
        return f"Model({sum(len(v) for v in self.by_kind.values())} entities, {len(self.docs)} files)"

    def get(self, kind: str, id: str) -> Entity | None:
        return self.by_kind.get(kind, {}).get(id)

    def all(self, kind: str) -> list[Entity]:
        return list(self.by_kind.get(kind, {}).values())

    def doc(self, file: str) -> Document | None:
        return self._index[0].get(file)

    def children(self, parent: Entity, kind: str) -> list[Entity]:
        return list(self._index[1].get((kind, parent.id), ()))

    def owner_of(self, doc: Document, path: tuple) -> Entity | None:
        """The innermost entity that contains `path` in `doc`."""
        for e in self._index[2].get(id(doc), ()):  # innermost first
            if path[: len(e.path)] == e.path:
                return e
        return None

    def referring(self, entity: Entity) -> list[tuple["Entity", tuple]]:
        """[(innermost entity holding the reference, path)] for refs to `entity`."""
        out = []
        for ref in self.referrers.get((entity.kind, entity.id), ()):
            owner = self.owner_of(ref.doc, ref.path)
            if owner is not None:
                out.append((owner, ref.path))
        return out

    def view(self, compute):
        """A view derived from this model (`compute(model)`: coverage, time
        limits, the site's render context ...), computed on first use and kept
        with the model. The model cannot change, so a view never goes stale,
        and it goes when the model goes: no module-level cache, no id() keys.
        `compute` must be a module-level function (it is the key)."""
        views = self._views
        if compute not in views:
            views[compute] = compute(self)
        return views[compute]

    # -- building -----------------------------------------------------------

    @classmethod
    def index(cls, docs, root=None) -> tuple["Model", list[Problem]]:
        """Index every entity of every document; duplicate ids are problems.
        The model has no references yet: see finish()."""
        docs, problems = tuple(docs), []
        by_kind: dict = defaultdict(dict)
        for doc in docs:
            for k in kinds_for(doc.file):
                for path, data in _items_at(doc.data, k.at):
                    ident = data.get("id")
                    if not isinstance(ident, str):
                        continue  # the schema check reports the missing or wrong id
                    parent = ""
                    if k.parent:
                        parent = doc.data.get("id") if isinstance(doc.data, dict) else ""
                        if not isinstance(parent, str):
                            continue
                        ident = f"{parent}.{ident}"
                    prior = by_kind[k.kind].get(ident)
                    if prior is not None:
                        line, col = doc.where(path + ("id",))
                        pl, _ = prior.doc.where(prior.path + ("id",))
                        problems.append(Problem(
                            doc.file, line, col,
                            f"duplicate id '{ident}': {k.label or k.kind} ids must be unique "
                            f"(first defined at {prior.doc.file}:{pl})",
                            breadcrumb=model_breadcrumb(k, data, path, parent), rule="unique-id"))
                        continue
                    by_kind[k.kind][ident] = Entity(k.kind, ident, data, doc, path, parent)
        return cls(docs=docs, by_kind=by_kind, root=root), problems

    def finish(self, references=(), pages=None) -> "Model":
        """The same entities with the references found while validating and the
        page source (`pages(model)`, see the field): the model the pipeline
        hands out."""
        referrers: dict = defaultdict(list)
        for ref in references:
            referrers[(ref.kind, ref.target)].append(ref)
        model = Model(docs=self.docs, by_kind=self.by_kind, referrers=referrers, root=self.root)
        if pages is not None:
            # Set once, here, before the model leaves: the page source needs
            # the finished model it describes.
            object.__setattr__(model, "pages", pages(model))
        return model

    def breadcrumb(self, doc: Document, path: tuple) -> str:
        """`Process(id='enrolment') > step 'review' > deadline.unit` for a path in doc."""
        parts, used = [], 0
        for k in sorted(kinds_for(doc.file), key=lambda k: len(k.at)):
            n = len(k.at)
            if path[:n] != k.at or (n and (len(path) <= n or not isinstance(path[n], int))):
                continue
            node_path = path[: n + 1] if n else ()
            data = _get(doc.data, node_path)
            if isinstance(data, dict):
                parts.append(model_breadcrumb(k, data, node_path, ""))
                used = len(node_path)
        rest = _dotted(path[used:])
        return " > ".join(parts + ([rest] if rest else []))

    def resolver_for(self, doc: Document):
        """The x-ref resolver used while validating `doc` (see schema.py)."""
        scope = doc.data.get("id") if isinstance(doc.data, dict) else None

        def resolve(kind: str, value: str):
            if kind == "*":
                target_kind, _, target = value.partition(":")
                if target_kind not in self.by_kind and target_kind not in {k.kind for k in ENTITIES}:
                    return f"'{value}': unknown kind '{target_kind}' (write kind:id, e.g. process:enrolment)"
            elif kind.endswith("@process"):
                target_kind = kind.split("@")[0]
                target = value if "." in value else f"{scope}.{value}"
            else:
                target_kind, target = kind, value
            if target in self.by_kind.get(target_kind, {}):
                return None
            known = list(self.by_kind.get(target_kind, {}))
            close = difflib.get_close_matches(target, known, n=1, cutoff=0.6)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            return f"unknown {target_kind} '{value}'{hint}"

        return resolve


def model_breadcrumb(k, data, path, parent) -> str:
    ident = data.get("id")
    label = k.label or k.kind
    if k.parent:  # nested things read as words: step 'review'
        return f"{label} '{ident}'" if ident else f"{label} #{path[-1] + 1}"
    return f"{label}(id='{ident}')" if ident else f"{label} #{path[-1] + 1 if path else 1}"


def _items_at(data, at):
    if not at:
        if isinstance(data, dict):
            yield (), data
        return
    node = _get(data, at)
    if isinstance(node, list):
        for i, item in enumerate(node):
            if isinstance(item, dict):
                yield at + (i,), item


def _get(data, path):
    for key in path:
        try:
            data = data[key]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _dotted(path) -> str:
    out = ""
    for key in path:
        out += f"[{key}]" if isinstance(key, int) else (f".{key}" if out else str(key))
    return out


def _build_indexes(docs, by_kind):
    """(file -> doc, (kind, parent id) -> children, id(doc) -> entities,
    deepest first): built with the model, so a lookup costs O(1) instead of a
    scan of every entity (pages ask once per reference: a scan made the site
    quadratic in the size of the data)."""
    files, children, owners = {}, defaultdict(list), defaultdict(list)
    for d in docs:
        files.setdefault(d.file, d)
    for kind, entities in by_kind.items():
        for e in entities.values():
            if e.parent:
                children[(kind, e.parent)].append(e)
            owners[id(e.doc)].append(e)
    for lst in owners.values():
        lst.sort(key=lambda e: -len(e.path))
    return (MappingProxyType(files), MappingProxyType({k: tuple(v) for k, v in children.items()}),
            MappingProxyType({k: tuple(v) for k, v in owners.items()}))
