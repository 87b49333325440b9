"""The one link resolver: where each entity lives in the site.

`ROUTES` is a declaration: kind -> (page, anchor). Pages are docs-relative
Markdown paths; "{id}" is the entity's id, "{parent}" its process. Kinds
not listed (a kind added later) get a generic page `more/<kind>.md`, so a
new kind of data is rendered and linked without touching this file.
"""
from __future__ import annotations

import functools
import posixpath
import re

from markupsafe import Markup

from .html import esc, link

ROUTES: dict[str, tuple[str, str]] = {
    "organisation": ("organisation/index.md", ""),
    "principle": ("organisation/index.md", "principle-{id}"),
    "goal": ("organisation/index.md", "goal-{id}"),
    "line": ("organisation/index.md", "line-{id}"),
    "interface": ("organisation/index.md", "interface-{id}"),
    "role": ("roles/{id}.md", ""),
    "permission": ("permissions/index.md", "permission-{id}"),
    "action": ("permissions/index.md", "action-{id}"),
    "process": ("processes/{id}.md", ""),
    "step": ("processes/{parent}.md", "step-{local}"),
    "path": ("processes/{parent}.md", "path-{local}"),
    "business-type": ("documents/index.md", "business-type-{id}"),
    "storage": ("documents/index.md", "storage-{id}"),
    "access-class": ("documents/index.md", "access-class-{id}"),
    "document-rule": ("documents/index.md", "document-rule-{id}"),
    "report": ("documents/reports.md", "report-{id}"),
    "meeting": ("meetings/index.md", "meeting-{id}"),
    "decision-rule": ("meetings/index.md", "decision-rule-{id}"),
    "kpi": ("kpis/index.md", "kpi-{id}"),
    "assessment": ("kpis/index.md", "assessment-{id}"),
    "incentive": ("incentives/index.md", "incentive-{id}"),
    "compliance": ("compliance/index.md", "compliance-{id}"),
    "risk": ("risks/index.md", "risk-{id}"),
    "drill": ("risks/index.md", "drill-{id}"),
    "audit": ("risks/index.md", "audit-{id}"),
    "term": ("glossary/index.md", "term-{id}"),
    "clause": ("coverage/index.md", "clause-{id}"),
    "question": ("questions/index.md", "question-{id}"),
    "onboarding": ("first-week/{id}.md", ""),
    # The print layer's hand-written index (docs/checklists.md) lists every
    # checklist with its PDF; process pages link the PDFs directly.
    "checklist": ("checklists.md", ""),
}


# Kinds that are about maintaining the handbook, not about the department
# (data/owners.yml: who maintains which file): no page, no links.
NOT_SHOWN = {"owner-area"}


def shown(entity) -> bool:
    return entity is not None and entity.kind not in NOT_SHOWN


def generic_page(kind: str) -> str:
    return f"more/{kind}.md"


def anchor_id(text: str) -> str:
    """HTML ids from data ids: dots (clause 三.一, step a.b) become dashes."""
    return re.sub(r"[\s.#]+", "-", text)


def target(entity) -> str:
    """Docs-relative target of an entity: 'roles/director.md' or
    'processes/enrolment.md#step-entry'."""
    page, anchor = ROUTES.get(entity.kind, (generic_page(entity.kind), entity.kind + "-{id}"))
    fill = {"id": entity.id, "parent": entity.parent, "local": entity.local_id}
    page = page.format(**fill)
    return f"{page}#{anchor_id(anchor.format(**fill))}" if anchor else page


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
