"""What every renderer needs: the model, a linker for the current page,
the escaping (with glossary tooltips) and the field labels (core/words and
the schemas' titles, through macros/schema/labels.py).

`Shared` is computed once per loaded model (reference map, labels,
abbreviations, the pages rendered so far) and kept as a view of the model
(Model.view); `Ctx` binds it to one page. Nothing here imports MkDocs.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from markupsafe import Markup

from macros.outputs.site.render.html import Abbreviations, esc
from macros.outputs.site.render.links import Linker
from macros.schema import labels as schema_labels
from macros.schema.labels import SchemaLabels


@dataclass
class Shared:
    model: object
    refs: dict  # (file, path) -> (kind, target id)
    labels: SchemaLabels  # field labels and enum words (core/words first, then the schemas)
    abbr: Abbreviations
    # (page path, directory_urls) -> Markdown. The first-week rules count each
    # page's characters before the build renders the same pages; rendering
    # once per model halves the data layer's share of a build (issue 10).
    rendered: dict = field(default_factory=dict)

    @classmethod
    def build(cls, model) -> "Shared":
        refs = {}
        for (kind, target), lst in model.referrers.items():
            for ref in lst:
                refs[(ref.doc.file, tuple(ref.path))] = (kind, target)
        root = model.root
        labels = schema_labels.read(Path(root)) if root is not None else SchemaLabels()
        pairs = {}
        for term in model.all("term"):
            if term.get("abbr"):
                pairs[str(term.get("abbr"))] = str(term.get("definition", ""))
        return cls(model, refs, labels, Abbreviations(pairs))


def shared_for(model) -> Shared:
    """The render context of a model: built once, kept as a view of the model."""
    return model.view(_build)


def _build(model) -> Shared:  # a module-level function: it is the view's key
    return Shared.build(model)


class Ctx:
    def __init__(self, shared: Shared, page: str, directory_urls: bool = True):
        self.shared, self.model, self.page = shared, shared.model, page
        self.linker = Linker(shared.model, page, directory_urls)

    def text(self, value) -> Markup:
        """A data value as escaped HTML, abbreviations as tooltips."""
        if isinstance(value, bool):
            return Markup("是" if value else "否")
        return self.shared.abbr.wrap(esc(value))

    def enum(self, value, key: str = "") -> Markup:
        """An identifier-like value (enum) of field `key` in words when we know them."""
        return self.text(self.shared.labels.value(key, value))

    def label(self, key: str, kind: str | None = None) -> str:
        return self.shared.labels.label(key, kind)

    def to(self, entity, label=None) -> Markup:
        return self.linker.to(entity, label)

    def ref(self, kind: str, ident: str, label=None) -> Markup:
        return self.linker.ref(kind, ident, label)

    def url(self, entity) -> str:
        return self.linker.url(entity)

    def url_src(self, src: str) -> str:
        return self.linker.url_src(src)

    def ref_at(self, file: str, path: tuple):
        return self.shared.refs.get((file, tuple(path)))
