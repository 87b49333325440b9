"""MkDocs + Material + mkdocs-macros: the default engine (the design card's stack).

Builds the sources tree in this process through MkDocs' API, strictly. The
hand-written macro pages are filled by mkdocs-macros (engine/macros_entry.py
registers the handbook's macro functions; on_error_fail and on_undefined:
strict come from the project's mkdocs.yml). Raw-HTML links are resolved by
the mkdocs_links.py hook.
"""
from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from mkdocs import exceptions
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config

from macros.outputs.site.engine.mkdocs_dirty import NOT_DIRTY_NOTICE, Recorder, finish, prepare
from macros.outputs.site.site_config import CONFIG, dump, plugin_names, project_config, without_plugin
from macros.outputs import OutputError

NAME = "mkdocs"
EXPANDS_MACROS = False
MACROS_PLUGIN = "macros"
ENTRY = "macros.outputs.site.engine.macros_entry"
LINKS_HOOK = Path(__file__).with_name("mkdocs_links.py")
EDIT_HOOK = Path(__file__).with_name("mkdocs_edit.py")  # 编辑此页 -> the YAML a page comes from
DIRTY_CONFIG = ".mkdocs-dirty.yml"  # the preview's settings for a dirty build, beside mkdocs.yml


def configure(config: dict, root: Path, sources: Path, expanded: bool) -> dict:
    config["hooks"] = [str(LINKS_HOOK), str(EDIT_HOOK)]
    if expanded:  # pages are filled already: nothing may render them again
        return without_plugin(config, MACROS_PLUGIN)
    if MACROS_PLUGIN not in plugin_names(config):
        raise OutputError(f"{CONFIG}: the MkDocs build needs the `{MACROS_PLUGIN}` plugin (mkdocs-macros)")
    for i, plugin in enumerate(config["plugins"]):
        if plugin == MACROS_PLUGIN or (isinstance(plugin, dict) and MACROS_PLUGIN in plugin):
            settings = dict(plugin[MACROS_PLUGIN] or {}) if isinstance(plugin, dict) else {}
            settings.pop("module_name", None)
            settings["modules"] = [ENTRY]
            config["plugins"][i] = {MACROS_PLUGIN: settings}
    # Where the data is, for macros_entry (relative: the tree moves with the project).
    config.setdefault("extra", {})["handbook_root"] = os.path.relpath(root, sources)
    return config


class _Collect(logging.Handler):
    """Prints MkDocs warnings and errors plainly, without MkDocs' CLI."""

    def emit(self, record):
        if record.levelno >= logging.WARNING:
            print(f"{record.levelname}: {record.getMessage()}", file=sys.stderr)


def build(sources: Path, site: Path) -> dict:
    """A clean, strict build; returns its record (engine/mkdocs_dirty.py)."""
    config = load_config(str(Path(sources) / CONFIG), site_dir=str(site), strict=True)
    recorder = Recorder.install(config)
    _build(config)
    return recorder.record()


def rebuild(sources: Path, site: Path, previous: dict, stale: set[str]) -> dict:
    """`site` holds the files of the build `previous` records: rebuild the
    `stale` pages (and what every build writes: 404.html, the sitemap, the
    search index), strictly, with MkDocs' dirty build; returns the record."""
    index = prepare(sources, site, previous, stale)
    config = load_config(str(Path(sources) / CONFIG), site_dir=str(site), strict=True)
    recorder = Recorder.install(config, dirty=True)
    _build(config, dirty=True)
    return finish(site, previous, recorder, index)


def preview(sources: Path, site: Path, dirty: bool):
    """A build for `handbook serve`. `dirty`: only the pages whose Markdown is
    newer than their HTML, in place (MkDocs' own incremental build). Not
    strict: a dirty build warns by design. The search plugin is left out of a
    dirty build: it would write an index of the rebuilt pages alone, so the
    last whole build's index stays."""
    _keep_compiled_templates()
    path = Path(sources) / CONFIG
    if dirty:
        path = Path(sources) / DIRTY_CONFIG
        text = dump(without_plugin(project_config(sources), "search"))
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
    _build(load_config(str(path), site_dir=str(site), strict=False), dirty=dirty)


class _Compiled:
    """Jinja's compiled theme templates, kept across the preview's builds
    (MkDocs makes a new environment for each; compiling Material's templates
    again costs ~0.5 s of every edit). Keyed by Jinja on the template's
    source, so an edited template is compiled again."""

    def __init__(self):
        import jinja2

        class Memory(jinja2.BytecodeCache):
            def __init__(self):
                self.stored = {}

            def load_bytecode(self, bucket):
                if bucket.key in self.stored:
                    bucket.bytecode_from_string(self.stored[bucket.key])

            def dump_bytecode(self, bucket):
                self.stored[bucket.key] = bucket.bytecode_to_string()
        self.cache = Memory()


def _keep_compiled_templates():
    from mkdocs.theme import Theme
    if getattr(Theme.get_env, "compiled", None) is not None:
        return
    original, compiled = Theme.get_env, _Compiled()

    def get_env(self):
        env = original(self)
        env.bytecode_cache = compiled.cache
        return env
    get_env.compiled = compiled
    Theme.get_env = get_env


def _build(config, dirty: bool = False):
    handler = _Collect()
    logging.getLogger("mkdocs").addHandler(handler)
    notice, drop = NOT_DIRTY_NOTICE
    notice.addFilter(drop)
    try:
        mkdocs_build(config, dirty=dirty)
    except (exceptions.MkDocsException, exceptions.Abort) as exc:
        raise OutputError(str(exc)) from None
    finally:
        notice.removeFilter(drop)
        logging.getLogger("mkdocs").removeHandler(handler)
