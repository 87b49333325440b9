"""`handbook build`: check, write the sources tree, let the engine build it
strictly, run the output steps, then swap the result in whole.

The site is built into a temporary folder beside site/ and renamed into place
only when everything succeeded, so a failed or interrupted build never leaves
a half-written site/ that could be deployed. The sources tree stays in
SOURCES (build/sources/ by default) for anyone who wants to read what the
engine was given.
"""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

from macros.load.problems import format_text
from macros.outputs import publish, steps as outputs
from macros.outputs.compose import load_cached
from macros.outputs.site import engine as engines
from macros.outputs.site import sources

SOURCES = Path("build") / "sources"


def write_sources(result, out: Path, engine, expand: bool | None = None) -> Path:
    """The tree `engine` builds; `expand` fills the macro pages here even when
    the engine has a macro plugin (a preview, the benchmark's baseline)."""
    expanded = engine.EXPANDS_MACROS if expand is None else expand or engine.EXPANDS_MACROS
    return sources.write(result, out, expanded,
                         lambda config: engine.configure(config, Path(result.root), Path(out), expanded))


def build_site(root: Path, site_dir: Path, engine_name: str | None = None, sources_dir: Path | None = None) -> int:
    result = load_cached(root)
    if not result.ok:
        print(format_text(result.problems))
        return 1
    engine = engines.get(engine_name)
    sources_dir = sources_dir or root / SOURCES
    try:
        publish.refuse(root, site_dir)
        site_dir.parent.mkdir(parents=True, exist_ok=True)
        with publish.locked(site_dir):
            return _build_locked(result, engine, sources_dir, site_dir)
    except publish.PublishError as exc:
        print(f"handbook build: {exc}", file=sys.stderr)
        return 2


def _build_locked(result, engine, sources_dir: Path, site_dir: Path) -> int:
    tmp = publish.new_tree(site_dir)
    try:
        def pages():
            write_sources(result, sources_dir, engine)
            engine.build(sources_dir, tmp)
        outputs.build(result, tmp, pages)
        publish.finish(tmp)
    except (outputs.OutputError, publish.PublishError) as exc:
        print(f"handbook build: {exc}", file=sys.stderr)
        shutil.rmtree(tmp, ignore_errors=True)
        return 1
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    for warning in publish.swap(tmp, site_dir):
        print(f"handbook build: warning: {warning}", file=sys.stderr)
    return 0


