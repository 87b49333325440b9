"""handbook impact BASE [DIR] [--site-url URL]: what changed since git BASE, and what it affects.

The base version of data/ and checklists/ is read from git (`git archive`)
into a temporary folder; the working tree is never touched. Output is
Markdown for a pull-request comment."""
from __future__ import annotations

import io
import tarfile
import tempfile
from pathlib import Path

from macros.cli.commands import UsageError, project_root
from macros.core import git
from macros.model.diff import analyse
from macros.outputs.site.urls import entity_url
from macros.tools.impact_report import render
from macros.load.kinds import DATA_DIRS
from macros.outputs.compose import load


def add_arguments(p):
    p.add_argument("base", metavar="BASE", help="git revision to compare with, e.g. origin/main or HEAD~1")
    p.add_argument("dir", nargs="?", help="project directory (default: the current one)")
    p.add_argument("--site-url", default="", help="site address, to turn page paths into links")


def _git(root: Path, *args, binary=False):
    try:
        return git.run(root, *args) if binary else git.text(root, *args)
    except git.GitError as exc:
        raise UsageError(str(exc)) from None


def export_base(root: Path, base: str, dest: Path) -> None:
    """Write data/ and checklists/ as they are at `base` into `dest`."""
    # The project may sit in a subfolder of the repository: work from the
    # top level with full paths, so pathspecs and archive names agree.
    prefix = _git(root, "rev-parse", "--show-prefix")
    top = Path(_git(root, "rev-parse", "--show-toplevel"))
    try:
        commit = _git(root, "rev-parse", "--verify", "--quiet", f"{base}^{{commit}}")
    except UsageError:  # --quiet: git says nothing, so say what is wrong
        shallow = _git(root, "rev-parse", "--is-shallow-repository") == "true"
        raise UsageError(f"no commit {base!r} in this repository"
                         + (" (it is a shallow clone: fetch more history, e.g. git fetch --unshallow)"
                            if shallow else "")) from None
    present = [d for d in DATA_DIRS
               if _git(top, "ls-tree", "--name-only", commit, "--", f"{prefix}{d}")]
    dest.mkdir(parents=True, exist_ok=True)
    if not present:
        return
    raw = _git(top, "archive", "--format=tar", commit, "--", *[f"{prefix}{d}" for d in present], binary=True)
    with tarfile.open(fileobj=io.BytesIO(raw)) as tar:
        for member in tar.getmembers():
            if not member.isfile() or not member.name.startswith(prefix):
                continue
            target = dest / member.name[len(prefix):]
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(tar.extractfile(member).read())


def run(args) -> int:
    root = project_root(args.dir)
    if args.site_url and not args.site_url.startswith(("https://", "http://")):
        raise UsageError("--site-url must start with https:// or http://")
    with tempfile.TemporaryDirectory(prefix="handbook-impact-") as tmp:
        base_root = Path(tmp) / "base"
        export_base(root, args.base, base_root)
        base = load(base_root)
    current = load(root)
    changes = analyse(base.model, current.model, locate=entity_url)
    print(render(changes, args.base, args.site_url, len(current.errors)), end="")
    return 0
