"""The sources step: the complete Markdown tree an engine builds.

    OUT/mkdocs.yml   the project's settings + the navigation (site_config.py)
    OUT/docs/        every page as Markdown: the hand-written pages of docs/
                     (with their assets) and the pages generated from the data,
                     each ending with the provenance line and abbreviations

No engine is imported here. An engine adapter (engine/) says whether the
hand-written macro pages are filled here (`expand`) or left to its own macro
plugin, and adds its settings through `configure`.

Only files whose content changed are written, and files no longer produced
are removed, so an engine's live reload sees exactly what changed.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Callable

from macros.outputs.site import pages as page_list
from macros.outputs.site.expand import expand as fill, opted_in, split_front_matter
from macros.outputs.site.page_source import front_matter_title
from macros.outputs.site.render import shared_for
from macros.outputs.site.render.html import esc
from macros.outputs.site.site_config import CONFIG, dump, sources_config
from macros.outputs.site.tail import page_tail

# Appended to a page that goes through the engine's macro plugin: the tail
# then arrives as a macro's return value, which is never rendered as Jinja.
TAIL_MACRO = "\n\n{{ page_tail() }}\n"


def write(result, out: Path, expand: bool, configure: Callable[[dict], dict] = lambda c: c,
          version: str | None = None) -> Path:
    """Writes the tree for the checked `result` into `out`; returns `out`.
    `version`: what every page's tail says in place of the handbook version
    (see tail.page_tail)."""
    root, out = Path(result.root), Path(out)
    files: dict[str, bytes] = {}
    tail = page_tail(result, version)
    docs = root / "docs"
    hand_written = []
    for path in sorted(docs.rglob("*")) if docs.is_dir() else []:
        rel = path.relative_to(docs).as_posix()
        if not path.is_file():
            continue
        if path.suffix != ".md":
            files[rel] = path.read_bytes()
            continue
        text = path.read_text(encoding="utf-8")
        front, body = split_front_matter(text)
        hand_written.append((rel, front_matter_title(text) or path.stem))
        if opted_in(front) and not expand:
            files[rel] = (text.rstrip() + TAIL_MACRO).encode()
            continue
        if opted_in(front):
            body, front = fill(result, rel, body), _without_opt_in(front)
        files[rel] = (front + body.rstrip() + "\n\n" + tail).encode()
    generated = page_list.generated(result.model)
    written = {rel for rel, _ in hand_written}
    todo = [p for p in generated if p.path not in written]  # a hand-written page wins
    shared = shared_for(result.model)
    for page, body in zip(todo, [p.markdown(shared) for p in todo]):
        files[page.path] = (_front_matter(page, page.origin(result.model)) + body.rstrip() + "\n\n" + tail).encode()
    nav = page_list.nav(generated, [(rel, title) for rel, title in hand_written
                                    if rel not in {p.path for p in generated}])
    config = dump(configure(sources_config(root, nav)))
    _sync(out / "docs", files)
    _write_if_changed(out / CONFIG, config.encode())
    return out


def _without_opt_in(front: str) -> str:
    """Front matter without `render_macros` (the page is filled already), or
    nothing when that was all it held."""
    lines = [line for line in front.splitlines() if not line.startswith("render_macros:")]
    return "" if lines == ["---", "---"] else "\n".join(lines) + "\n"


def _front_matter(page, origin: str = "") -> str:
    # Themes print page titles unescaped, and titles are data: escape them
    # here (a JSON string is a valid YAML scalar). `edit_source` is where the
    # page's 编辑此页 link leads (engine/mkdocs_edit.py).
    return ("---\ntitle: " + json.dumps(str(esc(page.title)), ensure_ascii=False) + "\n"
            + (f"edit_source: {json.dumps(origin, ensure_ascii=False)}\n" if origin else "")
            + ("search:\n  exclude: true\n" if not page.searchable
               else f"search:\n  boost: {page.boost}\n" if page.boost else "") + "---\n\n")


def _sync(folder: Path, files: dict[str, bytes]):
    """`folder` holds exactly `files` afterwards; unchanged files are not touched."""
    for rel, content in files.items():
        _write_if_changed(folder / rel, content)
    if folder.is_dir():
        for path in sorted(folder.rglob("*"), reverse=True):
            rel = path.relative_to(folder).as_posix()
            if path.is_file() and rel not in files:
                path.unlink()
            elif path.is_dir() and not any(path.iterdir()):
                shutil.rmtree(path)


def _write_if_changed(path: Path, content: bytes):
    try:
        if path.read_bytes() == content:
            return
    except OSError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(content)
    tmp.replace(path)
