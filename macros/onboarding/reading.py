"""Reading time of a handbook page, computed from the page as the site renders it.

The method and its source are explained for maintainers in
docs/maintainers/reading-time.md (new hires see only "约 N 分钟").

Rate: 250 Han characters per minute. Source: the International Reading Speed
Texts (IReST; Trauzettel-Klosinski & Dietz, Invest. Ophthalmol. Vis. Sci.
2012;53(9):5452-5461, doi:10.1167/iovs.11-8284) measured native Chinese
readers at about 255 characters per minute (reading aloud, easy texts).
Silent reading of plain prose is faster (studies report roughly 300-500
characters a minute), but a new hire studies rules, tables and deadlines
that must be remembered, so we take the slower, conservative figure and
round it down. Only Han characters are counted: ids, digits and Latin
abbreviations are few and read at a glance.

The page text comes from the model's page source (`model.pages`), which the
composition root supplies (macros/outputs/compose.py: the site's own pages,
rendered with the same functions the build uses). So the estimate is the
length of what a reader really sees, and this domain module imports no
renderer.
"""
from __future__ import annotations

import math
import re
from typing import Protocol

from macros.model.routes import target as entity_target

RATE = 250  # Han characters per minute (see the module docstring)
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_TAG = re.compile(r"<[^>]+>")


class PageSource(Protocol):
    """What the handbook's pages say; supplied by the composition root."""

    def known(self) -> set[str]:
        """Every docs-relative page path of the handbook."""

    def title(self, page: str) -> str | None:
        """The page's title (None: no such page)."""

    def text(self, page: str) -> str | None:
        """The page's Markdown/HTML as a reader gets it (None: no such page)."""

    derived: dict
    """Values derived from these pages (Han counts), kept as long as the pages."""


def han_count(text: str) -> int:
    return len(_HAN.findall(text))


def visible_text(markup: str) -> str:
    """Page text without tags, SVG text kept (diagram labels are read too)."""
    markup = re.sub(r"<(script|style)\b.*?</\1>", " ", markup, flags=re.S | re.I)
    markup = re.sub(r"\btitle=\"[^\"]*\"", " ", markup)  # tooltips are not read
    return _TAG.sub(" ", markup)


def minutes_for(chars: int) -> int:
    """Whole minutes, rounded up; a page is never free to read."""
    return max(1, math.ceil(chars / RATE))


def target_page(model, target: str) -> str | None:
    """Docs-relative page of a read target: 'kind:id' -> the page holding the
    entity; 'x/y.md' -> itself. None when the entity does not exist."""
    if target.endswith(".md") and ":" not in target:
        return target
    kind, _, ident = target.partition(":")
    entity = model.get(kind, ident)
    return entity_target(entity).split("#", 1)[0] if entity is not None else None


def _source(model) -> PageSource:
    if model.pages is None:
        raise RuntimeError("reading times need the page source: load the project through "
                           "macros.outputs.compose.load (or pass pages= to check.pipeline.load)")
    return model.pages


def known_pages(model) -> set[str]:
    """Every page a plan may ask to read: generated pages and docs/*.md."""
    return _source(model).known()


def page_title(model, page: str) -> str:
    return _source(model).title(page) or page


def page_chars(model, page: str) -> int | None:
    """Han characters on a page as rendered (None: no such page)."""
    source = _source(model)
    key = ("chars", page)
    if key not in source.derived:
        text = source.text(page)
        source.derived[key] = None if text is None else han_count(visible_text(text))
    return source.derived[key]


def reading_minutes(model, target: str) -> int | None:
    page = target_page(model, target)
    chars = page_chars(model, page) if page else None
    return None if chars is None else minutes_for(chars)
