"""Subcommands of `handbook`, one module each: add_arguments(parser) and run(args) -> exit code."""
from __future__ import annotations

from pathlib import Path


class UsageError(Exception):
    """Bad arguments or an unreadable project: exit 2."""


def project_root(arg: str | None) -> Path:
    root = Path(arg or ".").resolve()
    if not (root / "data").is_dir():
        raise UsageError(f"{root}: not a handbook project (no data/ folder here)")
    return root
