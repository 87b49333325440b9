"""`handbook build`: check, write the sources tree, let the engine build it
strictly, run the output steps, then swap the result in whole.

The site is built into a temporary folder beside site/ and renamed into place
only when everything succeeded, so a failed or interrupted build never leaves
a half-written site/ that could be deployed. The sources tree stays in
SOURCES (build/sources/ by default) for anyone who wants to read what the
engine was given.
"""
from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

from macros.load.problems import format_text
from macros.outputs import steps as outputs
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
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    _remove_leftovers(site_dir)
    tmp = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-build-", dir=site_dir.parent))
    try:
        write_sources(result, sources_dir, engine)
        engine.build(sources_dir, tmp)
        for step in outputs.steps():
            step(result, tmp)
    except outputs.OutputError as exc:
        print(f"handbook build: {exc}", file=sys.stderr)
        shutil.rmtree(tmp, ignore_errors=True)
        return 1
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
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
