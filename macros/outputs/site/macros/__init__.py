"""Functions that fill the hand-written pages' macro calls (engine-neutral).

Each module below has `macros(result, page) -> {name: function}`: the
functions as seen from `page`, the docs-relative path of the page being
filled (links are relative to it, render/links.py). Two callers hand them to
Jinja: the MkDocs adapter, through mkdocs-macros (engine/macros_entry.py),
and the sources step's own pass for engines without it (site/expand.py).
Both call these same functions, so both engines get the same pages.
"""
from __future__ import annotations

from macros.outputs.site import changelog, tail
from macros.outputs.site.macros import checklists, home, time

# One line per module, so adding a page family never touches the others.
MODULES = (home, checklists, time, changelog)


def for_page(result, page: str) -> dict:
    found = {}
    for module in MODULES:
        found.update(module.macros(result, page))
    # Appended by the sources step to pages that go through mkdocs-macros, so
    # the data in it is a macro's return value and never meets Jinja.
    found["page_tail"] = lambda: tail.page_tail(result)
    return found
