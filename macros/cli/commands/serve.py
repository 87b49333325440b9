"""handbook serve [DIR] [--engine E] [--dev-addr ADDR]: live preview of the
sources tree with the engine's own server (macros/outputs/site/serve.py)."""
from __future__ import annotations

from macros.cli.commands import project_root
from macros.cli.commands.build import add_engine_argument
from macros.outputs.site import engine as engines
from macros.outputs.site.build import SOURCES
from macros.outputs.site.serve import serve


def add_arguments(p):
    p.add_argument("dir", nargs="?", help="project directory (default: the current one)")
    add_engine_argument(p)
    p.add_argument("--dev-addr", default="127.0.0.1:8000", help="address to serve on (default: %(default)s)")


def run(args) -> int:
    root = project_root(args.dir)
    return serve(root, root / SOURCES, engines.get(args.engine), args.dev_addr)
