"""MkDocs hook: the "编辑此页" link of a generated page opens the YAML file
(and line) the page is made from (issue 18, item 8).

Only when mkdocs.yml sets `repo_url` (and `edit_uri`, Material shows the
button then). A generated page's front matter carries `edit_source:
data/roles.yml:21` (sources.py); MkDocs alone would point its edit link at a
Markdown file that exists only in build/sources/. A hand-written page keeps
MkDocs' own link to docs/. The link is the edit URI's folder one level up
from docs/ (the repository root) plus the file, and `#L21` for the line
(GitHub and GitLab open the file there).

MkDocs loads this file by path: it imports nothing from the handbook.
"""
from __future__ import annotations

import posixpath


def edit_url(repo_url: str, edit_uri: str, source: str) -> str | None:
    """`source` ("data/roles.yml:21") as an edit URL, or None without a repository."""
    if not repo_url or not source:
        return None
    path, _, line = source.partition(":")
    base = (edit_uri or "edit/main/docs/").strip("/")
    # edit_uri names the docs folder; the data sits beside it at the root.
    root = posixpath.dirname(base) if posixpath.basename(base) == "docs" else base
    url = f"{repo_url.rstrip('/')}/{root}/{path}" if root else f"{repo_url.rstrip('/')}/{path}"
    return url + (f"#L{line}" if line.isdigit() else "")


def on_page_context(context, page, config, nav):
    source = page.meta.get("edit_source")
    if source:
        page.edit_url = edit_url(config.get("repo_url") or "", config.get("edit_uri") or "", str(source))
    return context
