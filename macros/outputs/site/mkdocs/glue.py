"""MkDocs glue, called by the thin hook file mkdocs_hooks.py: add the
generated pages, build the navigation, append glossary abbreviations and
the provenance line. Reloadable under `mkdocs serve` (the hook file is
not: MkDocs caches it), so all behaviour lives here.
"""
from __future__ import annotations

import hashlib
import json
import logging
import re
from pathlib import Path

from markupsafe import Markup

from macros.core.text import abbreviation
from macros.outputs.site import pages as page_list
from macros.load.problems import format_text
from macros.outputs.compose import load_cached
from macros.outputs.site.render import shared_for
from macros.outputs.site.render.html import block, esc
from macros.outputs.site.render.parallel import render_all
from macros.outputs.site.render.pages_trace import data_version

log = logging.getLogger("mkdocs.hooks.handbook")


def root_of(config) -> Path:
    return Path(config["config_file_path"]).resolve().parent


# The build in progress: (config, result, {memo}). MkDocs makes a new config
# object for every build (`mkdocs serve` too, on each change), so keying on it
# checks the data once per build, not once per page: per-page checks stat
# every data file for each page, which made the build quadratic.
_BUILD: list = [None, None, {}]


def checked(config):
    """The loaded project; a data problem fails the build with exactly the
    lines `handbook check` prints."""
    from mkdocs.exceptions import PluginError

    if _BUILD[0] is config:
        return _BUILD[1]
    result = load_cached(root_of(config))
    if not result.ok:
        raise PluginError("the data has problems:\n" + format_text(result.problems))
    _BUILD[:] = [config, result, {}]
    return result


def _once(config, key, make):
    """A value computed once per build (see _BUILD)."""
    checked(config)
    memo = _BUILD[2]
    if key not in memo:
        memo[key] = make(_BUILD[1])
    return memo[key]


def data_fingerprint(root: Path) -> str:
    """A short hash of every data and checklist file's content: which data a
    page was built from, stable across machines and rebuilds."""
    h = hashlib.sha256()
    for top in ("data", "checklists"):
        for path in sorted((root / top).rglob("*")):
            if path.is_file():
                h.update(path.relative_to(root).as_posix().encode())
                h.update(path.read_bytes())
    return h.hexdigest()[:10]


def add_generated(files, config):
    from mkdocs.structure.files import File

    result = checked(config)
    shared = shared_for(result.model)
    directory_urls = bool(config.get("use_directory_urls", True))
    existing = {f.src_uri for f in files}
    generated = page_list.generated(result.model)
    for page in generated:
        if page.path in existing:
            log.info("docs/%s is hand-written; the generated page is not added", page.path)
    todo = [p for p in generated if p.path not in existing]
    bodies = render_all(todo, lambda page: page.markdown(shared, directory_urls))
    for page, body in zip(todo, bodies):
        # Themes print page titles unescaped, and titles are data: escape
        # them here (JSON strings are valid YAML front matter).
        meta = "---\ntitle: " + json.dumps(str(esc(page.title)), ensure_ascii=False) + "\n" \
            + ("" if page.searchable else "search:\n  exclude: true\n") + "---\n"
        files.append(File.generated(config, page.path, content=meta + body))
    docs = [(f.src_uri, _title_of(Path(f.abs_src_path))) for f in files.documentation_pages()
            if f.abs_src_path and f.src_uri not in {p.path for p in generated}]
    config["nav"] = page_list.nav(generated, docs)
    return files


def _title_of(path: Path) -> str:
    """A hand-written page's title: front-matter title, else its first heading."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return path.stem
    m = re.search(r"^title:\s*(.+)$", text.split("\n---", 2)[0] if text.startswith("---") else "", re.M)
    if m:
        return m.group(1).strip().strip("'\"")
    m = re.search(r"^#\s+(.+)$", text, re.M)
    return m.group(1).strip() if m else path.stem


def page_markdown(markdown: str, page, config) -> str:
    """Appends the abbreviation definitions (tooltips in Markdown text of
    every page) and the provenance line. Runs after the macros plugin, so
    none of this data ever goes through Jinja."""
    return markdown.rstrip() + _once(config, "page-tail", _page_tail)


def _page_tail(result) -> str:
    """The provenance line and abbreviation definitions every page ends with."""
    model = result.model
    abbrs = []
    for term in model.all("term"):
        abbr, definition = term.get("abbr"), term.get("definition")
        line = abbreviation(abbr, definition)  # a second defence behind the schema's pattern
        if line:
            abbrs.append(line)
    reviewed = _reviewed(model)
    meta = Markup('<p class="hb-meta">制度版本 {}{} · 数据指纹 {}</p>').format(
        esc(data_version(model)), Markup(" · 最近一次审核 {}").format(reviewed) if reviewed else "",
        _fingerprint(result.root))
    return block(meta) + ("\n\n" + "\n".join(abbrs) + "\n" if abbrs else "")


_FP: dict = {}


def _fingerprint(root: Path) -> str:
    from macros.check.pipeline import fingerprint
    key = (root, fingerprint(root))
    if key not in _FP:
        _FP.clear()
        _FP[key] = data_fingerprint(root)
    return _FP[key]


def _reviewed(model) -> str:
    dates = []
    for entities in model.by_kind.values():
        for e in entities.values():
            r = e.get("review")
            if isinstance(r, dict) and r.get("last_reviewed"):
                dates.append(str(r["last_reviewed"]))
    return max(dates) if dates else ""
