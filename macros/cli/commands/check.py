"""handbook check [DIR] [--format text|json]"""
from __future__ import annotations

from macros.cli.commands import project_root
from macros.load.problems import format_json, format_text
from macros.outputs.compose import load


def add_arguments(p):
    p.add_argument("dir", nargs="?", help="project directory (default: the current one)")
    p.add_argument("--format", choices=("text", "json"), default="text", help="output format")


def run(args) -> int:
    result = load(project_root(args.dir))
    out = format_json(result.problems) if args.format == "json" else format_text(result.problems)
    print(out)
    return 0 if result.ok else 1
