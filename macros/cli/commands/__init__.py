"""Subcommands of `handbook`, one module each: add_arguments(parser) and run(args) -> exit code."""
from __future__ import annotations

from pathlib import Path

from macros.outputs.compose import load, load_cached


class UsageError(Exception):
    """Bad arguments or an unreadable project: exit 2."""


def project_root(arg: str | None) -> Path:
    root = Path(arg or ".").resolve()
    if not (root / "data").is_dir():
        raise UsageError(f"{root}: not a handbook project (no data/ folder here)")
    return root


class NotLoaded(Exception):
    """The data did not check clean: main prints the problems, exit 1."""

    def __init__(self, problems):
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems


def loaded(root: Path, *, cached: bool = False):
    """The project's checked data, or NotLoaded: commands that need a model
    say nothing of their own about data that does not load."""
    result = (load_cached if cached else load)(root)
    if not result.ok:
        raise NotLoaded(result.problems)
    return result
