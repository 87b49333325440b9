"""handbook serve [DIR] [--engine E] [--dev-addr ADDR]: live preview of the
whole build (pages, PDFs, calendar feeds, api/v1), rebuilding only what an
edit changes (macros/outputs/site/serve.py)."""
from __future__ import annotations

from macros.cli.commands import project_root
from macros.cli.commands.build import add_engine_argument
from macros.outputs.site import engine as engines
from macros.outputs.site.serve import PREVIEW, serve


def add_arguments(p):
    p.add_argument("dir", nargs="?", help="project directory (default: the current one)")
    add_engine_argument(p)
    p.add_argument("--dev-addr", default="127.0.0.1:8000", help="address to serve on (default: %(default)s)")


def run(args) -> int:
    root = project_root(args.dir)
    return serve(root, root / PREVIEW / "sources", engines.get(args.engine), args.dev_addr)
