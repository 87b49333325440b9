"""Where each entity lives in the handbook: kind -> (page, anchor).

A declaration, not rendering: pages are docs-relative Markdown paths, "{id}"
is the entity's id, "{parent}" its process. Kinds not listed (a kind added
later) get a generic page `more/<kind>.md`, so a new kind of data is rendered
and linked without touching this file. The site turns these addresses into
URLs (outputs/site/render/links.py); the first-week plans use them to know
which page holds a duty.
"""
from __future__ import annotations

import re

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
