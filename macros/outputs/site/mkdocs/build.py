"""The site build through MkDocs: check, build strictly, run the output steps,
then swap the result in whole.

The site is built into a temporary folder beside site/ and renamed into place
only when everything succeeded, so a failed or interrupted build never leaves
a half-written site/ that could be deployed.
"""
from __future__ import annotations

import logging
import os
import shutil
import sys
import tempfile
from pathlib import Path

from mkdocs import exceptions
from mkdocs.commands.build import build
from mkdocs.config import load_config

from macros.load.problems import format_text
from macros.outputs import steps as outputs
from macros.outputs.compose import load_cached


class _Collect(logging.Handler):
    """Prints MkDocs warnings and errors plainly, without MkDocs' CLI."""

    def emit(self, record):
        if record.levelno >= logging.WARNING:
            print(f"{record.levelname}: {record.getMessage()}", file=sys.stderr)


def engine_build(config_file: Path, site_dir: Path, capture: bool = False):
    """One strict MkDocs build of `config_file` into `site_dir`; with
    `capture`, also returns every page's final Markdown (plain.Capture)."""
    config = load_config(str(config_file), site_dir=str(site_dir), strict=True)
    captured = None
    if capture:
        from macros.outputs.site.mkdocs.plain import attach
        captured = attach(config)
    build(config)
    return captured


def build_site(root: Path, site_dir: Path) -> int:
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
        engine_build(root / "mkdocs.yml", tmp)
        for step in outputs.steps():
            step(result, tmp)
    except (exceptions.MkDocsException, exceptions.Abort, outputs.OutputError) as exc:
        print(f"handbook build: {exc}", file=sys.stderr)
        shutil.rmtree(tmp, ignore_errors=True)
        return 1
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    finally:
        logging.getLogger("mkdocs").removeHandler(handler)
    publishable(tmp)
    _swap(tmp, site_dir)
    return 0


def publishable(tree: Path):
    """mkdtemp/mkstemp make 0700 folders and 0600 files; a web server copying
    the site with its modes would answer 403. Folders 0755, files 0644,
    less what the umask withholds."""
    umask = os.umask(0)
    os.umask(umask)
    tree.chmod(0o755 & ~umask)
    for path in tree.rglob("*"):
        if path.is_symlink():
            continue
        path.chmod((0o755 if path.is_dir() else 0o644) & ~umask)


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
