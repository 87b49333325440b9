"""MkDocs hooks (mkdocs.yml `hooks:`). MkDocs loads this file once per
process and caches it, so it stays a thin shim: each event looks up
macros.outputs.site.mkdocs.glue afresh, after reloading any edited module of the macros
package (under `mkdocs serve`, code edits then show without a restart).
"""
from __future__ import annotations

import importlib
import logging
import sys
from pathlib import Path

from mkdocs.plugins import event_priority

_MTIMES: dict = {}

# This project's package must win over another checkout's installed copy.
_ROOT = str(Path(__file__).resolve().parent.parent)
if _ROOT not in sys.path:
    sys.path.insert(0, _ROOT)


def _package_dir() -> Path:
    return Path(__file__).resolve().parent


def _reload_if_edited():
    """Drop every macros.* module when any .py file under macros/ changed:
    modules import names from each other, so reloading one is not enough."""
    now = {p: p.stat().st_mtime_ns for p in _package_dir().rglob("*.py")}
    if _MTIMES and now != _MTIMES:
        for name in [n for n in sys.modules if n == "macros" or n.startswith("macros.")]:
            del sys.modules[name]
    _MTIMES.clear()
    _MTIMES.update(now)


def _glue():
    return importlib.import_module("macros.outputs.site.mkdocs.glue")


@event_priority(100)  # before the macros plugin imports the package
def on_config(config):
    _reload_if_edited()
    import jieba  # Material segments Chinese with it; silence its start-up lines
    jieba.setLogLevel(logging.WARNING)
    # jieba's default cache is one shared /tmp/jieba.cache, loaded with
    # marshal: on a shared runner another user could plant it. Keep it in the
    # project's own (git-ignored) .cache/ instead.
    cache = Path(config.config_file_path).parent / ".cache"
    cache.mkdir(exist_ok=True)
    jieba.dt.tmp_dir = str(cache)
    _glue().checked(config)
    return config


def on_files(files, config):
    return _glue().add_generated(files, config)


@event_priority(-50)  # after the macros plugin: appended data never meets Jinja
def on_page_markdown(markdown, page, config, files):
    return _glue().page_markdown(markdown, page, config)
