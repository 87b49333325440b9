"""handbook sources [DIR] [--out OUT] [--engine E] [--expand]: check, then write
the Markdown sources tree that the engine builds (macros/outputs/site/sources.py)."""
from __future__ import annotations

import sys
from pathlib import Path

from macros.cli.commands import loaded, project_root
from macros.cli.commands.build import add_engine_argument
from macros.outputs.site import engine as engines
from macros.outputs.site.build import SOURCES, write_sources
from macros.outputs import OutputError


def add_arguments(p):
    p.add_argument("dir", nargs="?", help="project directory (default: the current one)")
    p.add_argument("--out", help=f"where to write the tree (default: DIR/{SOURCES})")
    add_engine_argument(p)
    p.add_argument("--expand", action="store_true",
                   help="fill the macro pages here even for an engine with a macro plugin")


def run(args) -> int:
    root = project_root(args.dir)
    result = loaded(root)
    out = Path(args.out).resolve() if args.out else root / SOURCES
    try:
        write_sources(result, out, engines.get(args.engine), expand=args.expand)
    except OutputError as exc:
        print(f"handbook sources: {exc}", file=sys.stderr)
        return 1
    return 0
