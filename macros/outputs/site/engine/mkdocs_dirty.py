"""MkDocs' dirty build, made exact enough to publish (`handbook build`;
site/incremental.py decides which pages to rebuild and checks the rest).

MkDocs skips, in a dirty build, every page whose HTML is not older than its
Markdown; incremental.py forces that decision with mtimes on a copy of the
previous site (prepare()). What a dirty build would otherwise get wrong:

- The pages it skips are never read, so the navigation of the pages it does
  build, and 404.html, would miss their front matter (Material shows a nav
  item's `meta.icon`, `meta.subtitle`, `meta.status`). Skipped pages are read
  (not rendered) before anything is written (Recorder.on_env).
- Material's search plugin would write an index of the rebuilt pages alone.
  The Recorder counts each page's entries as the plugin adds them, so the
  index is merged page by page, in the build's order, exactly as a clean
  build writes it (finish()).
- MkDocs warns that the build is dirty, and strict mode counts that warning
  as a failure: that one record is dropped (NOT_DIRTY_NOTICE).

The record a build returns, for the next one (engine-neutral, JSON):
{"pages": [[source, output, search entries], ...] in build order,
 "search": the index's path in the site or None, "rebuilt": [source, ...]}.
"""
from __future__ import annotations

import json
import logging
import os
from pathlib import Path

from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import InclusionLevel

from macros.outputs.site.incremental import CannotRebuild

SEARCH_INDEX = "search/search_index.json"
DIRTY_NOTICE = "A 'dirty' build is being performed"


class _DropDirtyNotice(logging.Filter):
    def filter(self, record):
        return not record.getMessage().startswith(DIRTY_NOTICE)


# On the logger that writes the notice: a logger's filter runs before the
# record reaches any handler, MkDocs' strict-mode counter included.
NOT_DIRTY_NOTICE = (logging.getLogger("mkdocs.commands.build"), _DropDirtyNotice())


def _search_plugin(config):
    for plugin in config.plugins.values():
        if type(plugin).__module__.startswith("material.plugins.search") and hasattr(plugin, "search_index"):
            return plugin
    return None


class Recorder(BasePlugin):
    """Registered last (after the search plugin and the hooks): what each
    page added to the search index and which pages were built."""

    def __init__(self, dirty: bool):
        super().__init__()
        self.dirty, self.order, self.entries, self.rebuilt = dirty, [], {}, []
        self.search, self._seen = None, 0

    @classmethod
    def install(cls, config, dirty: bool = False) -> "Recorder":
        recorder = cls(dirty)
        config.plugins["handbook/record"] = recorder
        return recorder

    def on_config(self, config):
        self.search = _search_plugin(config)  # its index exists after its own on_config
        return config

    def on_env(self, env, config, files):
        for file in files.documentation_pages(inclusion=InclusionLevel.is_included):
            self.order.append((file.src_uri, file.dest_uri))
            if self.dirty and file.page is not None and file.page.markdown is None:
                file.page.read_source(config)  # its front matter, for the others' navigation
        return env

    def on_page_context(self, context, page, config, nav):
        self.rebuilt.append(page.file.src_uri)
        if self.search is not None and self.search.config.enabled:
            now = len(self.search.search_index.entries)
            self.entries[page.file.src_uri], self._seen = now - self._seen, now
        return context

    def record(self, previous: dict | None = None) -> dict:
        before = {src: n for src, _, n in (previous or {}).get("pages", [])}
        built = set(self.rebuilt)
        searched = self.search is not None and self.search.config.enabled
        return {"pages": [[src, dest, self.entries.get(src, 0) if src in built else before.get(src, 0)]
                          for src, dest in self.order],
                "search": SEARCH_INDEX if searched else None,
                "rebuilt": list(self.rebuilt)}


def prepare(sources: Path, site: Path, previous: dict, stale: set[str]) -> str | None:
    """`site` holds the previous build's files: a stale page's HTML goes (so
    MkDocs builds it), every other page's HTML gets its Markdown's mtime (so
    MkDocs skips it). Returns the previous search index's text."""
    docs = Path(sources) / "docs"
    for src, dest, _ in previous["pages"]:
        out = Path(site) / dest
        if src in stale:
            out.unlink(missing_ok=True)
        elif out.is_file():  # (a page whose output was empty has none: MkDocs tries it again)
            ns = (docs / src).stat().st_mtime_ns
            os.utime(out, ns=(ns, ns))
    index = previous.get("search")
    return (Path(site) / index).read_text(encoding="utf-8") if index else None


def finish(site: Path, previous: dict, recorder: Recorder, index_before: str | None) -> dict:
    """The record of this build; the search index merged with the previous one."""
    record = recorder.record(previous)
    if record["search"] is None:
        return record
    if index_before is None or previous.get("search") != record["search"]:
        raise CannotRebuild("the previous search index is missing")
    path = Path(site) / record["search"]
    written = json.loads(path.read_text(encoding="utf-8"))
    rebuilt = set(record["rebuilt"])
    old = _by_page(json.loads(index_before)["docs"], previous["pages"], lambda src: True)
    new = _by_page(written["docs"], record["pages"], lambda src: src in rebuilt)
    docs = []
    for src, _, _ in record["pages"]:
        if src not in new and src not in old:
            raise CannotRebuild(f"the previous search index has no entries for {src}")
        docs += new[src] if src in rebuilt else old[src]
    # As Material writes it (plugins/search/plugin.py, generate_search_index).
    data = {"config": written["config"], "docs": docs}
    path.write_bytes(json.dumps(data, separators=(",", ":"), default=str).encode("utf-8"))
    return record


def _by_page(docs: list, pages: list, written) -> dict:
    """The index's entries cut into each page's (for pages `written` into it)."""
    pages = [(src, n) for src, _, n in pages if written(src)]
    if sum(n for _, n in pages) != len(docs):
        raise CannotRebuild("a search index does not match the record of its build")
    out, at = {}, 0
    for src, n in pages:
        out[src], at = docs[at:at + n], at + n
    return out
