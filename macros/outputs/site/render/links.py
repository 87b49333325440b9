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

from macros.model.routes import NOT_SHOWN, ROUTES, anchor_id, generic_page, shown, target  # noqa: F401
from macros.outputs.site.render.html import esc, link

def page_url(src: str, directory_urls: bool = True) -> str:
    """The built URL (site-relative) of a docs page, as MkDocs computes it."""
    if not directory_urls:
        return src[:-3] + ".html"
    if src == "index.md":
        return ""
    if src.endswith("/index.md"):
        return src[: -len("index.md")]
    return src[:-3] + "/"


@functools.lru_cache(maxsize=1 << 16)  # pure, and asked again for every mention of an entity
def relative(to_src: str, from_src: str, directory_urls: bool = True) -> str:
    """URL of `to_src` (may carry #anchor) seen from the page `from_src`."""
    to_page, _, anchor = to_src.partition("#")
    suffix = f"#{anchor}" if anchor else ""
    if not to_page.endswith(".md"):  # a file in the built site (a PDF, a feed)
        here = page_url(from_src, directory_urls)
        here_dir = here.rstrip("/") if directory_urls else posixpath.dirname(here)
        return posixpath.relpath(to_page, here_dir or ".") + suffix
    if to_page == from_src:
        return suffix or "./"
    here, there = page_url(from_src, directory_urls), page_url(to_page, directory_urls)
    # With directory URLs a page is a folder; otherwise its folder is the parent.
    here_dir = here.rstrip("/") if directory_urls else posixpath.dirname(here)
    rel = posixpath.relpath(there.rstrip("/") or ".", here_dir or ".")
    if directory_urls:
        rel += "/"
    return rel + suffix


class Linker:
    """Links from one page: `linker.to(entity)` -> <a>, escaped."""

    def __init__(self, model, page: str, directory_urls: bool = True):
        self.model, self.page, self.directory_urls = model, page, directory_urls

    def url(self, entity) -> str:
        return relative(target(entity), self.page, self.directory_urls)

    def url_src(self, src: str) -> str:
        return relative(src, self.page, self.directory_urls)

    def to(self, entity, label=None) -> Markup:
        text = esc(entity.name) if label is None else label
        return link(self.url(entity), text) if shown(entity) else Markup(text)

    def ref(self, kind: str, ident: str, label=None) -> Markup:
        """Link to kind:id; an unknown target (should not happen after the
        check) shows the id as plain text rather than a broken link."""
        entity = self.model.get(kind, ident)
        return self.to(entity, label) if entity is not None else esc(ident)
