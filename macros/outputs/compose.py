"""The composition root: the check, given the site's pages.

Every command, the site adapter and the tests load a project through here,
so the check measures reading times on the pages the site really renders
while macros/check imports nothing of the outputs.
"""
from __future__ import annotations

from pathlib import Path

from macros.check import pipeline
from macros.outputs.site.page_source import SitePages


def load(root: Path, today=None) -> pipeline.Result:
    """Load and check the project at `root`. Never raises on bad data."""
    return pipeline.load(root, today, pages=SitePages)


_LAST: dict = {}


def load_cached(root: Path, today=None) -> pipeline.Result:
    """load(), once per set of inputs: `handbook build` checks the data and the
    site build in the same process reuses it; `make serve` reloads only when
    a file under data/, checklists/ or docs/ changed."""
    root = Path(root).resolve()
    key = (root, pipeline.fingerprint(root), today)
    if key not in _LAST:
        _LAST.clear()
        _LAST[key] = load(root, today=today)
    return _LAST[key]
