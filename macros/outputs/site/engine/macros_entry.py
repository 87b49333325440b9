"""mkdocs-macros' entry (`modules:` in the sources tree's mkdocs.yml): hands
the handbook's macro functions (outputs/site/macros/) to mkdocs-macros.

The functions take the page's docs-relative path; mkdocs-macros knows it as
`env.page.file.src_uri` while it renders a page.
"""
from __future__ import annotations

from pathlib import Path

from macros.load.problems import DataError
from macros.outputs.compose import load_cached
from macros.outputs.site.macros import for_page


def define_env(env):
    config_dir = Path(env.conf["config_file_path"]).parent
    result = load_cached((config_dir / env.conf["extra"]["handbook_root"]).resolve())
    if not result.ok:
        # on_error_fail turns this into a failed build; the message is the
        # same report `handbook check` prints.
        raise DataError(result.errors)
    for name in for_page(result, "index.md"):
        env.macro(_on_current_page(env, result, name), name)


def _on_current_page(env, result, name):
    def macro(*args, **kwargs):
        return for_page(result, env.page.file.src_uri)[name](*args, **kwargs)
    macro.__name__ = name
    return macro
