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
from dataclasses import dataclass
from pathlib import Path

from macros.load.problems import format_text
from macros.outputs import publish, steps as outputs
from macros.outputs.compose import load_cached
from macros.outputs.site import engine as engines
from macros.outputs.site import incremental, sources

SOURCES = Path("build") / "sources"


def write_sources(result, out: Path, engine, expand: bool | None = None, version: str | None = None) -> Path:
    """The tree `engine` builds; `expand` fills the macro pages here even when
    the engine has a macro plugin (a preview, the benchmark's baseline);
    `version` stands in for the handbook version on every page (the preview's)."""
    expanded = engine.EXPANDS_MACROS if expand is None else expand or engine.EXPANDS_MACROS
    return sources.write(result, out, expanded,
                         lambda config: engine.configure(config, Path(result.root), Path(out), expanded), version)


@dataclass
class Built:
    """A build's exit code and, when it published, what the engine did."""
    code: int
    pages: incremental.Pages | None = None

    def summary(self) -> str:
        """'5 of 78 pages rebuilt', or why all were built."""
        p = self.pages
        if p is None:
            return ""
        if p.whole:
            return f"all {p.total} pages built: {p.whole}"
        return f"{len(p.rebuilt)} of {p.total} pages rebuilt"


def build_site(root: Path, site_dir: Path, engine_name: str | None = None, sources_dir: Path | None = None) -> int:
    return build(root, site_dir, engine_name, sources_dir).code


def build(root: Path, site_dir: Path, engine_name: str | None = None, sources_dir: Path | None = None) -> Built:
    result = load_cached(root)
    if not result.ok:
        print(format_text(result.problems))
        return Built(1)
    engine = engines.get(engine_name)
    sources_dir = sources_dir or root / SOURCES
    try:
        publish.refuse(root, site_dir)
        site_dir.parent.mkdir(parents=True, exist_ok=True)
        with publish.locked(site_dir):
            return _build_locked(result, engine, sources_dir, site_dir)
    except publish.PublishError as exc:
        print(f"handbook build: {exc}", file=sys.stderr)
        return Built(2)


def _build_locked(result, engine, sources_dir: Path, site_dir: Path) -> Built:
    tmp = publish.new_tree(site_dir)
    done = []
    try:
        def pages():
            write_sources(result, sources_dir, engine)
            done.append(incremental.build(result, engine, sources_dir, tmp, site_dir))
        outputs.build(result, tmp, pages)
        publish.finish(tmp)
    except (outputs.OutputError, publish.PublishError) as exc:
        print(f"handbook build: {exc}", file=sys.stderr)
        shutil.rmtree(tmp, ignore_errors=True)
        return Built(1)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    for warning in publish.swap(tmp, site_dir):
        print(f"handbook build: warning: {warning}", file=sys.stderr)
    incremental.remember(result.root, site_dir, done[0])
    return Built(0, done[0])


