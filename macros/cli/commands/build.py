"""handbook build [DIR] [--engine mkdocs|zensical]: check, write the Markdown
sources tree (build/sources/), let the engine build it strictly, run the
output steps, swap the site in whole (macros/outputs/site/build.py)."""
from __future__ import annotations

from pathlib import Path

from macros.cli.commands import project_root
from macros.outputs.site.build import build, build_site  # noqa: F401 (tests/sitetools.py imports build_site here)
from macros.outputs.site.engine import DEFAULT, ENGINES


def add_engine_argument(p):
    p.add_argument("--engine", choices=sorted(ENGINES), default=DEFAULT,
                   help=f"site engine that builds the sources tree (default: {DEFAULT})")


def add_arguments(p):
    p.add_argument("dir", nargs="?", help="project directory (default: the current one)")
    p.add_argument("--site-dir", help="where to put the site (default: DIR/site)")
    add_engine_argument(p)


def run(args) -> int:
    root = project_root(args.dir)
    site_dir = Path(args.site_dir).resolve() if args.site_dir else root / "site"
    built = build(root, site_dir, args.engine)
    if built.code == 0:
        print(f"handbook build: site written to {site_dir} ({args.engine}, {built.summary()})")
    return built.code
