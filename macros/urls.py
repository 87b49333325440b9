"""Where each entity appears on the site, as site-relative URLs.

The site owns the routes (macros/render/links.py declares kind -> docs page
and anchor); this module only turns them into the URLs MkDocs serves with
directory URLs: "roles/director/", "processes/enrolment/#step-material-review".
The impact report uses it to name the pages a change touches.
"""
from __future__ import annotations

from .render import links

# Kinds that are not shown on the site (editing metadata).
NOT_SHOWN = {"owner-area"}


def target(entity) -> str:
    """Docs-relative page (and anchor) of an entity, e.g. 'roles/director.md'."""
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
