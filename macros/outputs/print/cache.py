"""The PDF cache: a print document that did not change is not rendered again.

WeasyPrint's output depends only on the print HTML (the documents are
self-contained: CSS inline, images as data: URLs, every other URL refused),
the fonts fontconfig offers and the versions of WeasyPrint and pydyf. So a
PDF is stored under the SHA-256 of exactly those, and a build whose
document hashes to a stored key copies the stored bytes: the same bytes a
fresh render gives (tests/test_print_cache.py compares them with a clean
build).

The cache lives in one ignored folder, `.cache/print/` in the project
(`make clean` removes it). After each build the entries that build did not
use are removed, so the folder holds one build's PDFs at most. The
HANDBOOK_PRINT_CACHE environment variable names another folder, shared by
several projects (the test session uses one); its owner removes it, so it is
never pruned.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from macros.core import atomic, lifetime

CACHE_DIR = Path(".cache") / "print"
ENV = "HANDBOOK_PRINT_CACHE"
PAGES = ".pages"  # beside each <key>.pdf: its page count, written first


@dataclass(frozen=True)
class Cache:
    folder: Path
    prune: bool  # remove what the last build did not use (the project's own cache only)

    def pdf(self, key: str) -> Path:
        return self.folder / f"{key}.pdf"

    def get(self, key: str) -> int | None:
        """The stored document's page count, or None when it is not stored."""
        try:
            pages = int((self.folder / f"{key}{PAGES}").read_text(encoding="ascii"))
        except (OSError, ValueError):
            return None
        return pages if self.pdf(key).is_file() else None

    def remember_pages(self, key: str, pages: int):
        self.folder.mkdir(parents=True, exist_ok=True)
        atomic.write_text(self.folder / f"{key}{PAGES}", str(pages))

    def keep_only(self, keys: set[str]):
        """Remove every entry not in `keys` (the project's own cache only)."""
        if not self.prune or not self.folder.is_dir():
            return
        for entry in self.folder.iterdir():
            if entry.name.split(".", 1)[0] not in keys:
                entry.unlink(missing_ok=True)


def for_project(root: Path) -> Cache:
    shared = os.environ.get(ENV)
    if shared:
        return Cache(Path(shared), prune=False)
    return Cache(Path(root) / CACHE_DIR, prune=True)


def key(html: str, setting: str) -> str:
    return hashlib.sha256(setting.encode("utf-8") + b"\0" + html.encode("utf-8")).hexdigest()


def setting() -> str:
    """What besides the HTML decides the bytes: the renderer's versions and
    every font file fontconfig offers (path, face, size, modification time),
    and pypdf's version, which joins the handbook copy's parts (print/parts.py).
    The versions come from the installed distributions: importing WeasyPrint
    here would cost the build about half a second before the first PDF can
    start (the workers import it themselves)."""
    return (f"weasyprint {_version('weasyprint')}; pydyf {_version('pydyf')}; pypdf {_version('pypdf')}; "
            f"fonts {_fonts()}")


def _version(distribution: str) -> str:
    """An installed distribution's version (pydyf writes WeasyPrint's PDF
    objects and comes with it)."""
    from importlib import metadata
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "none"


def _fonts_listing() -> str:
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return ""
    try:
        return lifetime.run([fc_list, "--format", "%{file}\t%{index}\n"], capture_output=True,
                            text=True, timeout=30, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return ""


def _fonts() -> str:
    lines = []
    for line in sorted(set(_fonts_listing().splitlines())):
        path = line.split("\t", 1)[0]
        try:
            st = os.stat(path)
        except OSError:
            continue
        lines.append(f"{line}\t{st.st_size}\t{st.st_mtime_ns}")
    return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()


def copy_out(source: Path, target: Path):
    """The stored PDF into the output folder, atomically (a reader never sees
    half a file; the build's publish step sets the modes)."""
    atomic.write(target, lambda tmp: shutil.copyfile(source, tmp))

