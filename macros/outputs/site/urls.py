"""Where each entity appears on the site, as site-relative URLs.

The declaration lives in macros/outputs/site/render/links.py (ROUTES), the one resolver
the pages use; this module turns it into URLs with MkDocs' directory URLs.

The site pages (issue 4) and the impact report (`handbook impact`) both use
page_url(), so the report's links are the pages that really change.
"""
from __future__ import annotations

from dataclasses import dataclass

from macros.outputs.site.render.links import NOT_SHOWN  # noqa: E402  kinds not shown on the site


@dataclass(frozen=True)
class _Ref:
    """Just enough of an Entity for the site's resolver."""
    kind: str
    id: str
    parent: str = ""

    @property
    def local_id(self) -> str:
        return self.id.rsplit(".", 1)[-1] if self.parent else self.id


def page_url(kind: str, ident: str, parent_kind: str = "") -> str | None:
    """The site path of an entity, e.g. "roles/director/",
    "processes/enrolment/#step-data-entry", "meetings/#meeting-weekly-meeting".
    Delegates to the site's one resolver (macros/outputs/site/render/links.py), so the
    impact report links exactly where the pages put things."""
    from macros.outputs.site.render.links import page_url as built_url, target
    if kind in NOT_SHOWN:
        return None
    parent = ident.rpartition(".")[0] if parent_kind else ""
    page, _, anchor = target(_Ref(kind, ident, parent)).partition("#")
    return built_url(page) + (f"#{anchor}" if anchor else "")


def entity_url(entity) -> str | None:
    from macros.load.kinds import ENTITIES
    parent_kind = next((k.parent for k in ENTITIES if k.kind == entity.kind), "")
    return page_url(entity.kind, entity.id, parent_kind)


def page_of(url: str) -> str:
    """The page part of a URL (without the anchor)."""
    return url.split("#", 1)[0]
