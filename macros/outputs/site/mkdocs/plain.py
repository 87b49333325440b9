"""The baseline: the same rendered Markdown as a plain mkdocs-material project.

While the real pipeline builds, a capturing plugin records every page's final
Markdown (after the macros plugin and the handbook hooks) and the navigation
the hooks computed. `write` turns that into a docs folder and an mkdocs.yml
with the same theme, search and Markdown settings but without the macros
plugin, the hooks and the data: what MkDocs Material alone costs for this
very site. The real build minus this one is the data layer's overhead.
"""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import yaml
from mkdocs.plugins import event_priority

# mkdocs.yml blocks that belong to the data layer, dropped from the plain config.
_DROP_TOP = ("hooks", "watch", "nav")
_DROP_PLUGIN = "macros"


class Capture:
    """An MkDocs plugin object: records pages after every other hook."""

    def __init__(self):
        self.pages: dict[str, tuple[dict, str]] = {}
        self.nav = None

    @event_priority(-100)  # after the handbook hooks (-50) and the macros plugin
    def on_page_markdown(self, markdown, page, config, files):
        self.pages[page.file.src_uri] = (dict(page.meta), markdown)
        return markdown

    def on_files(self, files, config):
        return files

    @event_priority(-100)
    def on_nav(self, nav, config, files):
        self.nav = config["nav"]
        return nav


def attach(config) -> Capture:
    capture = Capture()
    config.plugins["bench-capture"] = capture  # PluginCollection registers its on_* events
    return capture


def plain_config(text: str) -> str:
    """mkdocs.yml without the data layer's keys and the macros plugin (text
    edit: the file holds a python tag that a YAML round trip would lose)."""
    out, skip_indent = [], None
    for line in text.splitlines():
        stripped = line.lstrip()
        indent = len(line) - len(stripped)
        if skip_indent is not None:
            if not stripped or stripped.startswith("#") or indent > skip_indent:
                continue
            skip_indent = None
        top = re.match(r"([A-Za-z_]+):", line)
        if top and top.group(1) in _DROP_TOP:
            skip_indent = 0
            continue
        if re.match(rf"\s*-\s*{_DROP_PLUGIN}:\s*$", line):
            skip_indent = indent
            continue
        out.append(line)
    return "\n".join(out) + "\n"


def write(capture: Capture, root: Path, dest: Path) -> Path:
    """The plain project for what `capture` saw while building `root`."""
    root, dest = Path(root), Path(dest)
    if dest.exists():
        shutil.rmtree(dest)
    docs = dest / "docs"
    shutil.copytree(root / "docs", docs, ignore=shutil.ignore_patterns("*.md"))
    for src_uri, (meta, markdown) in capture.pages.items():
        path = docs / src_uri
        path.parent.mkdir(parents=True, exist_ok=True)
        head = "---\n" + yaml.safe_dump(meta, allow_unicode=True) + "---\n\n" if meta else ""
        path.write_text(head + markdown, encoding="utf-8")
    if (root / "overrides").exists():
        shutil.copytree(root / "overrides", dest / "overrides")
    config = plain_config((root / "mkdocs.yml").read_text(encoding="utf-8"))
    if capture.nav:
        config += yaml.safe_dump({"nav": capture.nav}, allow_unicode=True, sort_keys=False)
    (dest / "mkdocs.yml").write_text(config, encoding="utf-8")
    return dest
