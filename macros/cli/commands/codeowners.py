"""handbook codeowners [DIR] [--write]: .github/CODEOWNERS from data/owners.yml.

Without --write it prints the generated file and exits 1 when the committed
copy differs (so CI and pre-commit catch a stale CODEOWNERS)."""
from __future__ import annotations

import sys

from macros.cli.commands import UsageError, loaded, project_root
from macros.tools.generated import CODEOWNERS, codeowners, compare_or_write


def add_arguments(p):
    p.add_argument("dir", nargs="?", help="project directory (default: the current one)")
    p.add_argument("--write", action="store_true", help=f"write {CODEOWNERS}")


def run(args) -> int:
    root = project_root(args.dir)
    result = loaded(root)
    try:
        text = codeowners(result.model)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    if not args.write:
        print(text, end="")
    code, message = compare_or_write(root, CODEOWNERS, text, args.write)
    print(f"handbook codeowners: {message}", file=sys.stderr)
    return code
