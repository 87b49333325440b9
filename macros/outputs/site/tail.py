"""The lines every page ends with: the provenance line (the handbook version
every PDF, feed and export also carries, the policy version, the last
review) and the glossary's abbreviations, which
Markdown's abbr extension turns into tooltips in the page's Markdown text.

The sources step appends them to every page after any macro ran, so none of
this data ever goes through Jinja.
"""
from __future__ import annotations

from macros.core.text import Html, abbreviation
from macros.outputs import provenance
from macros.outputs.site.render.html import block, esc
from macros.outputs.site.render.pages_trace import data_version


def page_tail(result, version: str | None = None) -> str:
    """The provenance line and abbreviation definitions, as Markdown.
    `version` stands in for the handbook version (the preview's placeholder,
    filled in as each page is served: preview_http.py)."""
    model = result.model
    abbrs = []
    for term in model.all("term"):
        abbr, definition = term.get("abbr"), term.get("definition")
        line = abbreviation(abbr, definition)  # a second defence behind the schema's pattern
        if line:
            abbrs.append(line)
    reviewed = _reviewed(model)
    # The handbook version first, worded as on every print (macros/outputs/provenance.py):
    # a reader holding a PDF matches it to this page by that one string.
    meta = Html('<p class="hb-meta">手册版本 {} · 制度版本 {}{}</p>').format(
        provenance.of_result(result).version if version is None else version, esc(data_version(model)),
        Html(" · 最近一次审核 {}").format(reviewed) if reviewed else "")
    return block(meta) + ("\n\n" + "\n".join(abbrs) + "\n" if abbrs else "")


def _reviewed(model) -> str:
    dates = []
    for entities in model.by_kind.values():
        for e in entities.values():
            r = e.get("review")
            if isinstance(r, dict) and r.get("last_reviewed"):
                dates.append(str(r["last_reviewed"]))
    return max(dates) if dates else ""
