"""Two builds of the same sources with the same SOURCE_DATE_EPOCH are
byte-identical: every page, the sitemap, the search index, the PDFs, the
calendar feeds and the JSON export.

The two builds share one PDF cache, seeded from the session's (conftest's
session build has the same sources and SOURCE_DATE_EPOCH, so the first
build renders only what that one did not), and the second must find every
print document's HTML unchanged (the cache's entries stay as they were), so
its PDFs are the same bytes.
That WeasyPrint itself gives the same bytes for the same HTML is pinned by
test_printing.py::test_same_sources_give_the_same_bytes."""
from __future__ import annotations

import hashlib
import os
import subprocess
import sys

from conftest import SESSION_EPOCH, copy_print_cache, copy_shipped, need_system


def _digests(site):
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def test_two_builds_are_byte_identical(tmp_path, shipped_site):
    need_system("a CJK font (fonts-noto-cjk)",
                bool(subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True).stdout.strip()))
    root = copy_shipped(tmp_path)
    cache = tmp_path / "print-cache"
    copy_print_cache(os.environ["HANDBOOK_PRINT_CACHE"], cache)
    env = {**os.environ, "SOURCE_DATE_EPOCH": SESSION_EPOCH, "HANDBOOK_PRINT_CACHE": str(cache)}
    sites, stored = [], []
    for n in (1, 2):
        site = tmp_path / f"site{n}"
        r = subprocess.run([sys.executable, "-m", "macros.cli.main", "build", str(root), "--site-dir", str(site)],
                           env=env, capture_output=True, text=True, timeout=900)
        assert r.returncode == 0, r.stdout + r.stderr
        sites.append(_digests(site))
        stored.append({p.name: p.stat().st_mtime_ns for p in cache.iterdir()})
    assert stored[0] and stored[1] == stored[0]  # the second build rendered nothing new
    first, second = sites
    kinds = {name.rsplit(".", 1)[-1] for name in first}
    assert {"html", "pdf", "ics", "json", "xml"} <= kinds, kinds  # the outputs that matter are there
    assert first.keys() == second.keys()
    differ = sorted(name for name in first if first[name] != second[name])
    assert differ == []
