"""The site engines, behind one interface; the only package that knows them.

An engine module has:

    NAME            its name on the command line (`--engine`)
    EXPANDS_MACROS  False when its own macro plugin fills the hand-written
                    pages; the sources step fills them otherwise
    configure(config, root, sources, expanded) -> config
                    its additions to the sources tree's mkdocs.yml
    build(sources, site)   builds the tree strictly into `site`; raises OutputError;
                    returns its record (pages in build order, their outputs
                    and search entries, which were built) or None
    rebuild(sources, site, previous, stale)   optional: `site` holds the
                    files of the build `previous` records; rebuild the `stale`
                    pages and what every build writes, so the result equals
                    a clean build's; returns the record (site/incremental.py
                    decides and checks; without it every build is whole)
    preview(sources, site, dirty)
                    a build for `handbook serve`; `dirty`: only what changed,
                    in place, where the engine can

MkDocs + Material + mkdocs-macros is the default (the design card's stack);
Zensical, Material's successor, builds the same tree (`--engine zensical`).
"""
from __future__ import annotations

from macros.outputs.site.engine import mkdocs, zensical

ENGINES = {m.NAME: m for m in (mkdocs, zensical)}
DEFAULT = mkdocs.NAME


def get(name: str | None):
    return ENGINES[name or DEFAULT]
