"""Where each entity appears on the site: one small declared table.

Paths are relative to the site root, with MkDocs' directory URLs. Entities
with a page of their own get `section/<id>/`; entities shown on a shared page
get `section/#<id>` (the page gives each an anchor equal to its id). Nested
kinds (steps, paths) sit on their parent's page at `#<local id>`.

The site pages (issue 4) and the impact report (`handbook impact`) both use
page_url(), so the report's links are the pages that really change.
"""
from __future__ import annotations

# kind -> (section, has its own page)
PAGES = {
    "organisation": ("", False),
    "principle": ("", False),
    "goal": ("", False),
    "line": ("organisation", False),
    "interface": ("organisation", False),
    "role": ("roles", True),
    "permission": ("permissions", False),
    "action": ("permissions", False),
    "process": ("processes", True),
    "checklist": ("checklists", True),
    "onboarding": ("onboarding", True),
    "business-type": ("documents", False),
    "storage": ("documents", False),
    "access-class": ("documents", False),
    "report": ("documents", False),
    "document-rule": ("documents", False),
    "meeting": ("meetings", False),
    "decision-rule": ("meetings", False),
    "kpi": ("kpis", False),
    "assessment": ("kpis", False),
    "incentive": ("incentives", False),
    "compliance": ("compliance", False),
    "risk": ("risks", False),
    "drill": ("risks", False),
    "audit": ("risks", False),
    "term": ("glossary", False),
    "clause": ("sources", False),
    "question": ("open-questions", False),
}
# Kinds that are not shown on the site.
NOT_SHOWN = {"owner-area"}


def page_url(kind: str, ident: str, parent_kind: str = "") -> str | None:
    """The site path of an entity, e.g. "roles/director/",
    "processes/enrolment/#data-entry", "meetings/#weekly-meeting"."""
    if kind in NOT_SHOWN:
        return None
    if parent_kind:  # a step or path: an anchor on its parent's page
        parent, _, local = ident.rpartition(".")
        base = page_url(parent_kind, parent)
        return f"{base.split('#')[0]}#{local}" if base is not None else None
    section, own_page = PAGES.get(kind, (kind + "s", False))
    prefix = f"{section}/" if section else ""
    return f"{prefix}{ident}/" if own_page else f"{prefix}#{ident}"


def entity_url(entity) -> str | None:
    from .kinds import ENTITIES
    parent_kind = next((k.parent for k in ENTITIES if k.kind == entity.kind), "")
    return page_url(entity.kind, entity.id, parent_kind)


def page_of(url: str) -> str:
    """The page part of a URL (without the anchor)."""
    return url.split("#", 1)[0]
