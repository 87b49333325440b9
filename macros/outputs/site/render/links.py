"""Links between pages: relative URLs from one page to an entity or a file.

Where each entity lives is declared in macros/model/routes.py (the domain
also needs it: a first-week plan reads pages); this module only turns those
addresses into URLs seen from a given page.
"""
from __future__ import annotations

import functools
import posixpath
import re

from markupsafe import Markup


from macros.model.queries import display_name
from macros.model.routes import NOT_SHOWN, ROUTES, anchor_id, generic_page, shown, target  # noqa: F401
from macros.outputs.site.render.html import esc, link

def page_url(src: str) -> str:
    """The built URL (site-relative) of a docs page with directory URLs, the
    scheme the site publishes (roles/director.md -> roles/director/). For
    readers' eyes (printouts, the impact report); links inside the site use
    relative() instead."""
    if src == "index.md":
        return ""
    if src.endswith("/index.md"):
        return src[: -len("index.md")]
    return src[:-3] + "/"


def address(src: str, site: str = "") -> str:
    """Where a reader opens a page from outside the site (paper, a calendar
    app): its full URL when the site's address is known, else its path on
    the site. `src` is a docs page, optionally with #anchor."""
    page, _, anchor = src.partition("#")
    path = page_url(page) + (f"#{anchor}" if anchor else "")
    return site + path if site else "/" + path


@functools.lru_cache(maxsize=1 << 16)  # pure, and asked again for every mention of an entity
def relative(to_src: str, from_src: str) -> str:
    """`to_src` (a docs .md page or a file of the built site, may carry
    #anchor) as a link written in the page `from_src`.

    The link names the source file, relative to the source file: what a
    Markdown link means in every engine. Zensical resolves raw-HTML hrefs the
    same way; MkDocs leaves raw HTML alone, so its adapter resolves them
    (engine/mkdocs_links.py). A link relative to the built URL would be one
    `../` off in one of the two (docs/maintainers/engines.md)."""
    to_page, _, anchor = to_src.partition("#")
    suffix = f"#{anchor}" if anchor else ""
    if to_page == from_src:
        return suffix or posixpath.basename(from_src)
    return posixpath.relpath(to_page, posixpath.dirname(from_src) or ".") + suffix


class Linker:
    """Links from one page: `linker.to(entity)` -> <a>, escaped."""

    def __init__(self, model, page: str):
        self.model, self.page = model, page
        # A page names the same roles and steps again and again (every step
        # of a process names its roles): each entity's link is made once per
        # page. Keyed by id(): the entities live as long as the model, which
        # outlives this page's Linker.
        self._named: dict = {}

    def url(self, entity) -> str:
        return relative(target(entity), self.page)

    def url_src(self, src: str) -> str:
        return relative(src, self.page)

    def to(self, entity, label=None) -> Markup:
        if label is None:
            made = self._named.get(id(entity))
            if made is None:
                made = self._named[id(entity)] = self._to(entity, esc(display_name(self.model, entity)))
            return made
        return self._to(entity, label)

    def _to(self, entity, text) -> Markup:
        return link(self.url(entity), text) if shown(entity) else Markup(text)

    def ref(self, kind: str, ident: str, label=None) -> Markup:
        """Link to kind:id; an unknown target (should not happen after the
        check) shows the id as plain text rather than a broken link."""
        entity = self.model.get(kind, ident)
        return self.to(entity, label) if entity is not None else esc(ident)
