"""Two builds of the same sources with the same SOURCE_DATE_EPOCH are
byte-identical: every page, the sitemap, the search index, the PDFs, the
calendar feeds and the JSON export."""
from __future__ import annotations

import hashlib
import os
import subprocess
import sys

from conftest import copy_shipped, need_system


def _digests(site):
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def test_two_builds_are_byte_identical(tmp_path):
    need_system("a CJK font (fonts-noto-cjk)",
                bool(subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True).stdout.strip()))
    root = copy_shipped(tmp_path)
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1767225600"}  # 2026-01-01T00:00:00Z
    sites = []
    for n in (1, 2):
        site = tmp_path / f"site{n}"
        r = subprocess.run([sys.executable, "-m", "macros.cli.main", "build", str(root), "--site-dir", str(site)],
                           env=env, capture_output=True, text=True, timeout=900)
        assert r.returncode == 0, r.stdout + r.stderr
        sites.append(_digests(site))
    first, second = sites
    kinds = {name.rsplit(".", 1)[-1] for name in first}
    assert {"html", "pdf", "ics", "json", "xml"} <= kinds, kinds  # the outputs that matter are there
    assert first.keys() == second.keys()
    differ = sorted(name for name in first if first[name] != second[name])
    assert differ == []
