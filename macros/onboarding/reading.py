"""Reading time of a handbook page, computed from the page as the site renders it.

Rate: 250 Han characters per minute. Source: the International Reading Speed
Texts (IReST; Trauzettel-Klosinski & Dietz, Invest. Ophthalmol. Vis. Sci.
2012;53(9):5452-5461, doi:10.1167/iovs.11-8284) measured native Chinese
readers at about 255 characters per minute (reading aloud, easy texts).
Silent reading of plain prose is faster (studies report roughly 300-500
characters a minute), but a new hire studies rules, tables and deadlines
that must be remembered, so we take the slower, conservative figure and
round it down. Only Han characters are counted: ids, digits and Latin
abbreviations are few and read at a glance.

Each page is rendered once per loaded model (cached on the model's id), with
the same render functions and the same shared context the site build uses,
so the estimate is the length of what a reader really sees.
"""
from __future__ import annotations

import math
import re
from pathlib import Path

RATE = 250  # Han characters per minute (see the module docstring)
RATE_SOURCE = ("国际标准阅读速度文本 IReST（Trauzettel-Klosinski & Dietz, 2012, "
               "Invest. Ophthalmol. Vis. Sci. 53(9):5452–5461）测得母语读者朗读中文约 255 字/分钟；"
               "默读一般文字更快（约 300–500 字/分钟），但新人要记住规则、表格和时限，取较慢的 250 字/分钟")

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_TAG = re.compile(r"<[^>]+>")
_JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)
_CACHE: dict = {}


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
    from ..render.links import target as entity_target
    if target.endswith(".md") and ":" not in target:
        return target
    kind, _, ident = target.partition(":")
    entity = model.get(kind, ident)
    return entity_target(entity).split("#", 1)[0] if entity is not None else None


def _generated(model) -> dict:
    from .. import pages
    return {p.path: p for p in pages.generated(model)}


def known_pages(model) -> set[str]:
    """Every page a plan may ask to read: generated pages and docs/*.md."""
    found = set(_state(model)["generated"])
    root = getattr(model, "root", None)
    if root is not None:
        docs = Path(root) / "docs"
        found |= {p.relative_to(docs).as_posix() for p in docs.rglob("*.md")} if docs.is_dir() else set()
    return found


def _state(model) -> dict:
    key = id(model)
    state = _CACHE.get(key)
    if state is None or state["model"] is not model:
        _CACHE.clear()
        state = _CACHE[key] = {"model": model, "generated": _generated(model), "chars": {}}
    return state


def page_title(model, page: str) -> str:
    """A page's title: the generated page's, or a hand-written page's first heading."""
    state = _state(model)
    if page in state["generated"]:
        return state["generated"][page].title
    root = getattr(model, "root", None)
    path = Path(root) / "docs" / page if root is not None else None
    if path is not None and path.is_file():
        m = re.search(r"^#\s+(.+)$", path.read_text(encoding="utf-8"), re.M)
        if m:
            return m.group(1).strip()
    return page


def page_chars(model, page: str) -> int | None:
    """Han characters on a page as rendered (None: no such page)."""
    state = _state(model)
    if page in state["chars"]:
        return state["chars"][page]
    chars = None
    if page in state["generated"]:
        from ..render import shared_for
        shared = shared_for(model, getattr(model, "root", None))
        chars = han_count(visible_text(state["generated"][page].markdown(shared)))
    elif getattr(model, "root", None) is not None and (Path(model.root) / "docs" / page).is_file():
        # A hand-written page: its Markdown without front matter and macro calls.
        text = (Path(model.root) / "docs" / page).read_text(encoding="utf-8")
        if text.startswith("---"):
            text = text.split("\n---", 1)[-1]
        chars = han_count(visible_text(_JINJA.sub(" ", text)))
    state["chars"][page] = chars
    return chars


def reading_minutes(model, target: str) -> int | None:
    page = target_page(model, target)
    chars = page_chars(model, page) if page else None
    return None if chars is None else minutes_for(chars)
