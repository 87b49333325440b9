"""Escaping and small HTML builders shared by every page family.

Every data value goes through `text()` (HTML-escaped, abbreviations wrapped)
or `md_inline()` (for the few places that stay Markdown, such as headings).
Links come only from `href_ok()`-approved targets: http(s), mailto, or a
relative path without a scheme.
"""
from __future__ import annotations

import re

from markupsafe import Markup, escape

from macros.core.text import esc, href_ok, md_inline  # noqa: F401  (re-exported for the renderers)

def link(url: str, label, title: str = "") -> Markup:
    """<a> to a safe target; an unsafe one degrades to plain text."""
    body = label if isinstance(label, Markup) else esc(label)
    if not href_ok(url):
        return Markup(body)
    # Plain concatenation of escaped parts: the same HTML as Markup.format,
    # which costs several times more, and a big page has thousands of links.
    extra = f' title="{escape(title)}"' if title else ""
    return Markup(f'<a href="{escape(url)}"{extra}>{body}</a>')


class Abbreviations:
    """Wraps glossary abbreviations in <abbr title=...> inside escaped text,
    so tooltips work in generated HTML too (the abbr extension only sees
    Markdown text, not raw HTML blocks)."""

    def __init__(self, pairs: dict[str, str]):
        self.pairs = {k: v for k, v in pairs.items() if k}
        keys = sorted(self.pairs, key=len, reverse=True)
        # Whole words only for Latin abbreviations (KPI, not KPIs' substrings of other words).
        self.pattern = re.compile("|".join(
            (rf"(?<![A-Za-z0-9]){re.escape(k)}(?![A-Za-z0-9])" if k.isascii() else re.escape(k))
            for k in keys)) if keys else None

    def wrap(self, escaped: Markup) -> Markup:
        if self.pattern is None:
            return escaped
        s = str(escaped)
        # Never touch the inside of an entity or tag produced by escaping.
        out, pos = [], 0
        for m in self.pattern.finditer(s):
            before = s[pos:m.start()]
            if before.count("&") > before.count(";") and "&" in before[-8:]:
                continue
            out.append(before)
            out.append(f'<abbr title="{escape(self.pairs[m.group(0)])}">{escape(m.group(0))}</abbr>')
            pos = m.end()
        out.append(s[pos:])
        return Markup("".join(out))


NO_ABBR = Abbreviations({})


# table() and ul() build strings from escaped parts rather than with
# Markup.format: the same HTML (escape() is what format applies to each
# argument), at a fraction of the cost, and the big tables (RACI, roles at
# 50x) have tens of thousands of cells.

def table(headers, rows, cls: str = "") -> Markup:
    """A plain HTML table; cells must already be Markup (or are escaped)."""
    c = f' class="{escape(cls)}"' if cls else ""
    # Whitespace between cells: the search index joins text nodes, and cells
    # written back to back read as one run-on word in result snippets.
    head = " ".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "\n".join("<tr>" + " ".join(f"<td>{escape(cell)}</td>" for cell in row) + "</tr>" for row in rows)
    return Markup(f"<table{c}>\n<thead><tr>{head}</tr></thead>\n<tbody>{body}</tbody>\n</table>")


def ul(items, cls: str = "") -> Markup:
    c = f' class="{escape(cls)}"' if cls else ""
    return Markup(f"<ul{c}>" + "".join(f"<li>{escape(i)}</li>" for i in items) + "</ul>")


def block(html) -> str:
    """Raw HTML as a Markdown block: blank lines around it, none inside, so
    Python-Markdown passes it through untouched."""
    s = str(html).strip()
    s = re.sub(r"\n\s*\n", "\n", s)
    return f"\n\n{s}\n\n"


def heading(level: int, title, anchor: str = "") -> str:
    """A Markdown heading (so it appears in the table of contents and the
    search index) with a stable, readable anchor."""
    attr = f" {{ #{anchor} }}" if anchor else ""
    return f"\n\n{'#' * level} {md_inline(title)}{attr}\n\n"


def joined(parts, sep="、") -> Markup:
    parts = [p for p in parts if p]
    return Markup(sep).join(parts) if parts else Markup("")
