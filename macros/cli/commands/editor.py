"""handbook editor [DIR] [--write]: .vscode/settings.json from kinds.FILES.

Maps every data file pattern to its JSON Schema, so VS Code (redhat.vscode-yaml)
completes keys and shows the schemas' Chinese titles and descriptions."""
from __future__ import annotations

import sys

from macros.cli.commands import project_root
from macros.tools.generated import VSCODE_SETTINGS, compare_or_write, vscode_settings


def add_arguments(p):
    p.add_argument("dir", nargs="?", help="project directory (default: the current one)")
    p.add_argument("--write", action="store_true", help=f"write {VSCODE_SETTINGS}")


def run(args) -> int:
    root = project_root(args.dir)
    text = vscode_settings()
    if not args.write:
        print(text, end="")
    code, message = compare_or_write(root, VSCODE_SETTINGS, text, args.write)
    print(f"handbook editor: {message}", file=sys.stderr)
    return code
