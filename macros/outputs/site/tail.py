"""The lines every page ends with: the provenance line (policy version, last
review, a fingerprint of the data) and the glossary's abbreviations, which
Markdown's abbr extension turns into tooltips in the page's Markdown text.

The sources step appends them to every page after any macro ran, so none of
this data ever goes through Jinja.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

from markupsafe import Markup

from macros.core.text import abbreviation
from macros.outputs.site.render.html import block, esc
from macros.outputs.site.render.pages_trace import data_version


def data_fingerprint(root: Path) -> str:
    """A short hash of every data and checklist file's content: which data a
    page was built from, stable across machines and rebuilds."""
    h = hashlib.sha256()
    for top in ("data", "checklists"):
        for path in sorted((Path(root) / top).rglob("*")):
            if path.is_file():
                h.update(path.relative_to(root).as_posix().encode())
                h.update(path.read_bytes())
    return h.hexdigest()[:10]


def page_tail(result) -> str:
    """The provenance line and abbreviation definitions, as Markdown."""
    model = result.model
    abbrs = []
    for term in model.all("term"):
        abbr, definition = term.get("abbr"), term.get("definition")
        line = abbreviation(abbr, definition)  # a second defence behind the schema's pattern
        if line:
            abbrs.append(line)
    reviewed = _reviewed(model)
    meta = Markup('<p class="hb-meta">制度版本 {}{} · 数据指纹 {}</p>').format(
        esc(data_version(model)), Markup(" · 最近一次审核 {}").format(reviewed) if reviewed else "",
        data_fingerprint(result.root))
    return block(meta) + ("\n\n" + "\n".join(abbrs) + "\n" if abbrs else "")


def _reviewed(model) -> str:
    dates = []
    for entities in model.by_kind.values():
        for e in entities.values():
            r = e.get("review")
            if isinstance(r, dict) and r.get("last_reviewed"):
                dates.append(str(r["last_reviewed"]))
    return max(dates) if dates else ""
