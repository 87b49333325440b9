"""The one way the handbook runs git (the changelog page, the provenance of
prints and exports, `handbook impact`).

One timeout and one environment for every call. One error type: `run`
raises GitError with a message a person can act on; callers that can do
without git (a page, a print footer) use `answer`, which gives None
instead, and say so in their output.
"""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from macros.core import lifetime

# Long enough for `git archive` of the data on a slow disk, short enough that
# a hung git (a credential prompt, a lock) does not hang a build for ever.
TIMEOUT = 120
# Dates in UTC, messages in English, no pager: the output is parsed.
_ENV = {"TZ": "UTC", "LC_ALL": "C", "GIT_PAGER": "cat", "GIT_TERMINAL_PROMPT": "0"}


class GitError(Exception):
    """git is missing, timed out or failed; the message says which."""


def run(root: Path, *args: str, stdin: bytes | None = None) -> bytes:
    """git -C root args..., its standard output as bytes."""
    git = shutil.which("git")
    if git is None:
        raise GitError("git is not installed")
    try:
        r = lifetime.run([git, "-C", str(root), *args], input=stdin, capture_output=True,
                         timeout=TIMEOUT, env={**os.environ, **_ENV}, check=False)
    except subprocess.TimeoutExpired:
        raise GitError(f"git {' '.join(args)}: no answer after {TIMEOUT} s") from None
    except OSError as exc:
        raise GitError(f"git {' '.join(args)}: {exc}") from None
    if r.returncode != 0:
        raise GitError(f"git {' '.join(args)}: {r.stderr.decode('utf-8', 'replace').strip()}")
    return r.stdout


def text(root: Path, *args: str) -> str:
    """run() decoded and stripped."""
    return run(root, *args).decode("utf-8", "replace").strip()


def answer(root: Path, *args: str) -> str | None:
    """text(), or None when git cannot answer (no git, not a repository, a
    shallow clone without the commit): for outputs that work without it."""
    try:
        return text(root, *args)
    except GitError:
        return None
