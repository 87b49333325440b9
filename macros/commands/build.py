"""handbook build [DIR]: check, then a strict site build, swapped in whole.

The site is built into a temporary folder beside site/ and renamed into place
only when everything succeeded, so a failed or interrupted build never leaves
a half-written site/ that could be deployed.
"""
from __future__ import annotations

import logging
import shutil
import sys
import tempfile
from pathlib import Path

from . import project_root
from ..problems import format_text
from ..project import load_cached

def add_arguments(p):
    p.add_argument("dir", nargs="?", help="project directory (default: the current one)")
    p.add_argument("--site-dir", help="where to put the site (default: DIR/site)")


class _Collect(logging.Handler):
    """Prints MkDocs warnings and errors plainly, without MkDocs' CLI."""

    def emit(self, record):
        if record.levelno >= logging.WARNING:
            print(f"{record.levelname}: {record.getMessage()}", file=sys.stderr)


def build_site(root: Path, site_dir: Path) -> int:
    from mkdocs import exceptions
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    result = load_cached(root)
    if not result.ok:
        print(format_text(result.problems))
        return 1
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    _remove_leftovers(site_dir)
    tmp = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-build-", dir=site_dir.parent))
    handler = _Collect()
    logging.getLogger("mkdocs").addHandler(handler)
    try:
        config = load_config(str(root / "mkdocs.yml"), site_dir=str(tmp), strict=True)
        build(config)
        from .. import outputs
        for step in outputs.steps():
            step(result, tmp)
    except (exceptions.MkDocsException, exceptions.Abort) as exc:
        print(f"handbook build: {exc}", file=sys.stderr)
        shutil.rmtree(tmp, ignore_errors=True)
        return 1
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    finally:
        logging.getLogger("mkdocs").removeHandler(handler)
    _swap(tmp, site_dir)
    return 0


def _remove_leftovers(site_dir: Path):
    """A build killed outright (SIGKILL, power cut) cannot clean up after
    itself; its temporary folder is removed by the next build."""
    for stale in site_dir.parent.glob(f".{site_dir.name}-build-*"):
        shutil.rmtree(stale, ignore_errors=True)


def _swap(new: Path, site_dir: Path):
    old = site_dir.with_name(f".{site_dir.name}-old")
    shutil.rmtree(old, ignore_errors=True)
    if site_dir.exists():
        site_dir.rename(old)
    new.rename(site_dir)
    shutil.rmtree(old, ignore_errors=True)


def run(args) -> int:
    root = project_root(args.dir)
    site_dir = Path(args.site_dir).resolve() if args.site_dir else root / "site"
    code = build_site(root, site_dir)
    if code == 0:
        print(f"handbook build: site written to {site_dir}")
    return code
