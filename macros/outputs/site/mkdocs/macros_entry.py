"""mkdocs-macros: load and check the data once, register the page macros.

The macro functions themselves are engine-neutral (macros/outputs/site/macros/);
this module only hands them to mkdocs-macros.
"""
from __future__ import annotations

import importlib
from pathlib import Path

from macros.load.problems import DataError
from macros.outputs.compose import load_cached

# Modules that contribute macros. Each has `register(env, result)`, which adds
# functions and variables to `env`. One line per module, so adding a page
# family never touches the others.
MACRO_MODULES: tuple[str, ...] = (
    "macros.outputs.site.macros.home",
    "macros.outputs.site.macros.checklists",
    "macros.outputs.site.macros.time",  # deadlines and calendar pages
    "macros.outputs.site.changelog",
)


def define_env(env):
    root = Path(env.conf["config_file_path"]).parent
    result = load_cached(root)
    if not result.ok:
        # on_error_fail turns this into a failed build; the message is the
        # same report `handbook check` prints.
        raise DataError(result.errors)
    # One namespace variable: a front-matter key cannot shadow it by accident.
    env.variables["hb"] = {"model": result.model,
                           "org": result.model.all("organisation")[0].data}
    for name in MACRO_MODULES:
        importlib.import_module(name).register(env, result)
