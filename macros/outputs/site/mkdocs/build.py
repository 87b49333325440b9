"""The site build through MkDocs: check, build strictly, run the output steps,
then swap the result in whole.

The site is built into a temporary folder beside site/ and renamed into place
only when everything succeeded, so a failed or interrupted build never leaves
a half-written site/ that could be deployed.
"""
from __future__ import annotations

import logging
import shutil
import sys
from pathlib import Path

from mkdocs import exceptions
from mkdocs.commands.build import build
from mkdocs.config import load_config

from macros.load.problems import format_text
from macros.outputs import publish, steps as outputs
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
    try:
        publish.refuse(root, site_dir)
        site_dir.parent.mkdir(parents=True, exist_ok=True)
        with publish.locked(site_dir):
            return _build_locked(result, root, site_dir)
    except publish.PublishError as exc:
        print(f"handbook build: {exc}", file=sys.stderr)
        return 2


def _build_locked(result, root: Path, site_dir: Path) -> int:
    tmp = publish.new_tree(site_dir)
    handler = _Collect()
    logging.getLogger("mkdocs").addHandler(handler)
    try:
        engine_build(root / "mkdocs.yml", tmp)
        for step in outputs.steps():
            step(result, tmp)
        publish.finish(tmp)
    except (exceptions.MkDocsException, exceptions.Abort, outputs.OutputError, publish.PublishError) as exc:
        print(f"handbook build: {exc}", file=sys.stderr)
        shutil.rmtree(tmp, ignore_errors=True)
        return 1
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    finally:
        logging.getLogger("mkdocs").removeHandler(handler)
    for warning in publish.swap(tmp, site_dir):
        print(f"handbook build: warning: {warning}", file=sys.stderr)
    return 0


