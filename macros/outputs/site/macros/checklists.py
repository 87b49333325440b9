"""Macros for the checklists index page and the links to the printed PDFs.

The PDFs are written by `handbook build` (outputs.py) under site/print/, so
links are emitted as plain HTML (MkDocs does not validate those against
docs/). Every value is escaped.
"""
from __future__ import annotations

from markupsafe import Markup, escape

from macros.outputs.print.engine import BOOKLET, HANDBOOK, checklists, pdf_name

PRINT_DIR = "print"


def _prefix(env) -> str:
    """From the current page's URL back to the site root (directory URLs)."""
    page = getattr(env, "page", None)
    url = getattr(page, "url", "") or ""
    return "../" * url.count("/")


def for_process(model, process_id: str) -> list:
    return [c for c in checklists(model) if c.get("process") == process_id]


def register(env, result):
    model = result.model

    def href(name: str) -> str:
        return f"{_prefix(env)}{PRINT_DIR}/{name}"

    @env.macro
    def checklist_links(process_id: str) -> Markup:
        """Links to the printable checklists of one process (for process pages)."""
        links = [f'<a href="{escape(href(pdf_name(c.id)))}">{escape(c.name)}（PDF，A4）</a>'
                 for c in for_process(model, process_id)]
        return Markup("、".join(links))

    @env.macro
    def checklist_index() -> Markup:
        """A table of every checklist with its PDF, plus the booklet and handbook."""
        rows = []
        for c in checklists(model):
            process = model.get("process", c.get("process", ""))
            n = sum(len(s["items"]) for s in c.data["sections"])
            rows.append(
                f'<tr><td><a href="{escape(href(pdf_name(c.id)))}">{escape(c.name)}</a></td>'
                f'<td>{escape(process.name) if process else "周期性事务"}</td><td>{n}</td>'
                f'<td>{escape("、".join(c.data["source"]))}</td>'
                f'<td>{escape(c.data["review"]["last_reviewed"])}</td></tr>')
        return Markup(
            '<table><thead><tr><th>检查单（PDF）</th><th>流程</th><th>检查项</th><th>出处</th>'
            '<th>上次审核</th></tr></thead><tbody>' + "".join(rows) + "</tbody></table>\n\n"
            f'<p>全部检查单合订本：<a href="{escape(href(BOOKLET))}">检查单汇编（PDF）</a>；'
            f'整本手册：<a href="{escape(href(HANDBOOK))}">学籍手册（PDF，供审批与归档）</a>。</p>')
