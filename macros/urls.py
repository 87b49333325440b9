"""Where each entity appears on the site, for the impact report's page list.

The site (issue 4) owns the routes: `macros/render/links.py` declares them
(kind -> docs page and anchor) and turns them into URLs. When that module is
present this one simply asks it, so the report names exactly the pages the
site builds. Until it is merged, FALLBACK mirrors its routes as of branch
`site` (2026-11-29); a test pins the paths both must give.

URLs are site-relative with MkDocs' directory URLs: "roles/director/",
"processes/enrolment/#step-material-review", "meetings/#meeting-weekly-meeting".
"""
from __future__ import annotations

import re

# kind -> (docs page, anchor); "{id}", "{parent}" (a step's process), "{local}".
FALLBACK = {
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
    "onboarding": ("first-week/index.md", "onboarding-{id}"),
}
# Kinds that are not shown on the site (editing metadata).
NOT_SHOWN = {"owner-area"}


def _fallback_target(entity) -> str:
    page, anchor = FALLBACK.get(entity.kind, (f"more/{entity.kind}.md", entity.kind + "-{id}"))
    fill = {"id": entity.id, "parent": entity.parent, "local": entity.local_id}
    anchor = re.sub(r"[\s.#]+", "-", anchor.format(**fill))
    return page.format(**fill) + (f"#{anchor}" if anchor else "")


def target(entity) -> str:
    """Docs-relative page (and anchor) of an entity, e.g. 'roles/director.md'."""
    try:
        from .render import links  # the site's own resolver, once merged
    except ImportError:
        return _fallback_target(entity)
    return links.target(entity)


def md_to_url(src: str) -> str:
    """'roles/director.md' -> 'roles/director/'; 'meetings/index.md' -> 'meetings/'."""
    if src == "index.md":
        return ""
    if src.endswith("/index.md"):
        return src[: -len("index.md")]
    return src[:-3] + "/"


def entity_url(entity) -> str | None:
    if entity.kind in NOT_SHOWN:
        return None
    page, _, anchor = target(entity).partition("#")
    return md_to_url(page) + (f"#{anchor}" if anchor else "")


def page_of(url: str) -> str:
    """The page part of a URL (without the anchor)."""
    return url.split("#", 1)[0]
