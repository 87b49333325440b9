"""mkdocs-macros entry point: load and check the data once, register macros.

Kept thin on purpose (Material is in maintenance mode): loading, checking and
rendering live in plain modules that know nothing of MkDocs.
"""
from __future__ import annotations

import importlib
from pathlib import Path

# Modules that contribute macros. Each has `register(env, result)`, which adds
# functions and variables to `env`. One line per module, so adding a page
# family never touches the others.
MACRO_MODULES: tuple[str, ...] = (
    "site_macros",
    "checklist_pages",
    "timepages",  # deadlines and calendar pages (macros/timepages.py)
    "changelog",
)


def define_env(env):
    from .problems import DataError
    from .project import load_cached

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
        importlib.import_module(f"{__name__}.{name}").register(env, result)
