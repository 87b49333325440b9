"""handbook build [DIR]: check, then a strict site build, swapped in whole
(macros/outputs/site/mkdocs/build.py)."""
from __future__ import annotations

from pathlib import Path

from macros.cli.commands import project_root
from macros.outputs.site.mkdocs.build import build_site


def add_arguments(p):
    p.add_argument("dir", nargs="?", help="project directory (default: the current one)")
    p.add_argument("--site-dir", help="where to put the site (default: DIR/site)")


def run(args) -> int:
    root = project_root(args.dir)
    site_dir = Path(args.site_dir).resolve() if args.site_dir else root / "site"
    code = build_site(root, site_dir)
    if code == 0:
        print(f"handbook build: site written to {site_dir}")
    return code
