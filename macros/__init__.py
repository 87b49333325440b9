"""mkdocs-macros entry point: load and check the data once, register macros.

Kept thin on purpose (Material is in maintenance mode): loading, checking and
rendering live in plain modules that know nothing of MkDocs.
"""
from __future__ import annotations

from pathlib import Path


def define_env(env):
    from .problems import DataError
    from .project import load_cached

    root = Path(env.conf["config_file_path"]).parent
    result = load_cached(root)
    if not result.ok:
        # on_error_fail turns this into a failed build; the message is the
        # same report `handbook check` prints.
        raise DataError(result.errors)
    model = result.model
    org = model.all("organisation")[0]
    # One namespace variable: a front-matter key cannot shadow it by accident.
    env.variables["hb"] = {"org": org.data, "model": model}
