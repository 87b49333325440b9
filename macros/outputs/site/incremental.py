"""`handbook build` rebuilds only the pages an edit touched, and publishes
what a clean build would write, byte for byte (tests/test_incremental_build.py).

After each build a state file records, for the site folder it published:
what the whole build depended on (the sources' mkdocs.yml with the
navigation, the list of pages and every other file of the sources tree, the
theme overrides, the handbook's code, the installed packages and the
engine), a key per page, the engine's record (engine/mkdocs_dirty.py) and
the SHA-256 of every file the engine wrote. The next build:

- builds everything when there is no state, when any of the whole-build
  inputs changed, or when the published site no longer holds exactly the
  files recorded (edited, deleted): the reason is reported;
- otherwise copies the engine's files of the published site into the new
  tree (copies: the engine rewrites files in place, and the published site
  must stay whole until the swap) and lets the engine rebuild only the
  pages whose key changed.

A page's key is its Markdown in the sources tree; a hand-written page that
mkdocs-macros fills adds what its macros give for the current data, since
that is not in its Markdown. Everything a page shows of the other pages
(the navigation with their titles, breadcrumbs, previous/next) comes from the
sources' mkdocs.yml, and its links resolve against the list of pages: both
are whole-build inputs, so a page whose key is unchanged renders the same
bytes. What every build writes anyway (404.html, the sitemap, the search
index) is the engine's to get right (engine/mkdocs_dirty.py). The output steps (PDFs, feeds, API) are never
copied: they write their files into every build.

The state lives in .cache/site/ (ignored by git, removed by `make clean`),
one file per site folder: outside the published site, so a web server never
serves it and the swap never replaces it with a tree it does not describe.
"""
from __future__ import annotations

import hashlib
import importlib.metadata
import json
import os
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

from macros.core import digest
from macros.outputs import OutputError
from macros.outputs.site.expand import expand as fill, opted_in, split_front_matter
from macros.outputs.site.site_config import CONFIG, project_config

STATE_DIR = Path(".cache") / "site"
FORMAT = 1  # of the state file; another format is a whole build
WHY = {  # a whole-build input that changed -> what the build says
    "format": "the state file is from another version",
    "engine": "another engine built the site",
    "config": "the navigation or the settings changed",
    "files": "a page was added or removed, or an asset changed",
    "theme": "the theme overrides changed",
    "code": "the handbook's code changed",
    "packages": "the installed packages changed",
}


class CannotRebuild(OutputError):
    """An engine's rebuild found the previous build's files inconsistent
    with its record: the build goes on as a whole one (the message says why)."""


@dataclass
class Pages:
    """What the engine did: `rebuilt` of `total` pages; `whole` says why
    everything was built ('' when only what changed was)."""
    rebuilt: list[str]
    total: int
    whole: str
    state: dict | None = field(default=None, repr=False)


def state_path(root: Path, site_dir: Path) -> Path:
    name = hashlib.sha256(str(Path(site_dir).resolve()).encode()).hexdigest()[:16]
    return Path(root) / STATE_DIR / f"{name}.json"


def build(result, engine, sources: Path, tree: Path, site_dir: Path) -> Pages:
    """The engine's pages for `sources` into the empty `tree`: only the
    changed ones when the state allows, else all. remember() afterwards."""
    sources, tree = Path(sources), Path(tree)
    inputs, keys = whole_inputs(engine, sources), page_keys(result, engine, sources)
    previous = _load(state_path(result.root, site_dir))
    why = _why_whole(engine, previous, inputs) or _copy_published(Path(site_dir), tree, previous["files"])
    record = None
    if not why:
        stale = {src for src, key in keys.items() if previous["pages"].get(src) != key}
        try:
            record = engine.rebuild(sources, tree, previous["record"], stale)
        except CannotRebuild as exc:
            why = str(exc)
    if why:
        _empty(tree)  # a copy, maybe half rebuilt: the whole build starts from nothing
        record = engine.build(sources, tree)
    rebuilt = record["rebuilt"] if record else sorted(keys)
    state = None if record is None else {
        "format": FORMAT, "site": str(Path(site_dir).resolve()), "inputs": inputs, "pages": keys,
        "record": {k: v for k, v in record.items() if k != "rebuilt"}, "files": _hashes(tree)}
    return Pages(rebuilt, len(keys), why, state)


def remember(root: Path, site_dir: Path, pages: Pages) -> None:
    """After the swap: the state of the site now published (none when the
    engine keeps no record, so the next build is whole)."""
    path = state_path(root, site_dir)
    if pages.state is None:
        path.unlink(missing_ok=True)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}")
    tmp.write_text(json.dumps(pages.state, ensure_ascii=False), encoding="utf-8")
    tmp.replace(path)


def whole_inputs(engine, sources: Path) -> dict:
    """What every page depends on, each as one SHA-256."""
    docs = sources / "docs"
    listing = hashlib.sha256()
    for path in sorted(p for p in docs.rglob("*") if p.is_file()):
        rel = path.relative_to(docs).as_posix()
        listing.update(rel.encode() + b"\0")
        if path.suffix != ".md":  # a page has its own key; an asset is copied as is
            listing.update(digest.sha(path.read_bytes()).encode() + b"\n")
    theme = project_config(sources).get("theme")
    custom = theme.get("custom_dir") if isinstance(theme, dict) else None
    return {
        "format": str(FORMAT),
        "engine": engine.NAME,
        "config": digest.sha((sources / CONFIG).read_bytes()),
        "files": listing.hexdigest(),
        "theme": digest.tree(Path(custom)) if custom else "",
        "code": digest.code(),
        "packages": digest.sha("\n".join(sorted(f"{d.metadata['Name']}=={d.version}"
                                          for d in importlib.metadata.distributions())
                                   + [sys.version]).encode()),
    }


def page_keys(result, engine, sources: Path) -> dict[str, str]:
    docs = sources / "docs"
    keys = {}
    for path in sorted(docs.rglob("*.md")):
        rel = path.relative_to(docs).as_posix()
        text = path.read_bytes()
        key = hashlib.sha256(text)
        if not engine.EXPANDS_MACROS:
            front, body = split_front_matter(text.decode("utf-8"))
            if opted_in(front):  # its macros give what the data says now
                key.update(b"\0" + fill(result, rel, body).encode("utf-8"))
        keys[rel] = key.hexdigest()
    return keys


def _why_whole(engine, previous: dict | None, inputs: dict) -> str:
    if not hasattr(engine, "rebuild"):
        return "this engine has no incremental build"
    if previous is None:
        return "no earlier build of this site folder"
    for name, value in inputs.items():
        if previous.get("inputs", {}).get(name) != value:
            return WHY[name]
    return ""


def _copy_published(site: Path, tree: Path, files: dict) -> str:
    """The engine's files of the published site into `tree`, each checked
    against the state; '' or why the site cannot be trusted."""
    if not site.is_dir():
        return "no earlier site in this folder"  # removed since its build
    for rel, sha in sorted(files.items()):
        src = site / rel
        try:
            data = src.read_bytes()
        except OSError:
            return f"the published site lacks {rel}"
        if digest.sha(data) != sha:
            return f"the published site's {rel} was changed"
        out = tree / rel
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(data)
        shutil.copystat(src, out)
    return ""


def _empty(tree: Path) -> None:
    for path in tree.iterdir():
        shutil.rmtree(path) if path.is_dir() and not path.is_symlink() else path.unlink()


def _load(path: Path) -> dict | None:
    try:
        state = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    ok = isinstance(state, dict) and all(k in state for k in ("inputs", "pages", "record", "files"))
    return state if ok else None


def _hashes(tree: Path) -> dict[str, str]:
    return {p.relative_to(tree).as_posix(): digest.sha(p.read_bytes())
            for p in sorted(tree.rglob("*")) if p.is_file() and not p.is_symlink()}
