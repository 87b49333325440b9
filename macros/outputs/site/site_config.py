"""The engine's config for the sources tree, made from the project's mkdocs.yml.

Both engines read mkdocs.yml (Zensical reads Material's settings from it).
The project's file holds what is the same for every engine: theme, search,
Markdown extensions, CSS and scripts. The sources step adds what the data
decides (the navigation), points the paths at the sources tree, and lets the
engine adapter add what only that engine needs.

The file is edited as data, not text: a loader keeps the `!!python/...`
tags (pymdownx.slugs) as they are, so they reach the engine unchanged.
"""
from __future__ import annotations

from pathlib import Path

import yaml

from macros.outputs import OutputError

CONFIG = "mkdocs.yml"
# Keys of the project's file that the sources step decides.
REPLACED = ("docs_dir", "site_dir", "nav", "hooks", "watch")


class Tagged:
    """A `!!python/...` node, kept for the engine to construct."""

    def __init__(self, tag: str, value):
        self.tag, self.value = tag, value


class _Loader(yaml.SafeLoader):
    pass


def _tagged(loader, suffix, node):
    tag = "tag:yaml.org,2002:python/" + suffix
    if isinstance(node, yaml.MappingNode):
        return Tagged(tag, loader.construct_mapping(node, deep=True))
    if isinstance(node, yaml.SequenceNode):
        return Tagged(tag, loader.construct_sequence(node, deep=True))
    return Tagged(tag, loader.construct_scalar(node))


_Loader.add_multi_constructor("tag:yaml.org,2002:python/", _tagged)


class _Dumper(yaml.SafeDumper):
    pass


def _represent(dumper, t: Tagged):
    if isinstance(t.value, dict):
        return dumper.represent_mapping(t.tag, t.value)
    if isinstance(t.value, list):
        return dumper.represent_sequence(t.tag, t.value)
    return dumper.represent_scalar(t.tag, t.value)


_Dumper.add_representer(Tagged, _represent)


def project_config(root: Path) -> dict:
    path = Path(root) / CONFIG
    try:
        config = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
    except (OSError, yaml.YAMLError) as exc:
        raise OutputError(f"{CONFIG}: {exc}") from None
    if not isinstance(config, dict):
        raise OutputError(f"{CONFIG}: expected a mapping of settings")
    return config


def site_url(root: Path) -> str:
    """The published site's address (`site_url`), ending in '/'; '' when it
    is unset, not http(s), or the file does not read. Paper and calendar
    apps cannot follow a relative link: they print this address."""
    try:
        url = str(project_config(root).get("site_url") or "").strip()
    except OutputError:
        return ""
    return url.rstrip("/") + "/" if url.startswith(("https://", "http://")) else ""


def plugin_names(config: dict) -> list[str]:
    return [next(iter(p)) if isinstance(p, dict) else p for p in config.get("plugins") or []]


def without_plugin(config: dict, name: str) -> dict:
    config["plugins"] = [p for p in config.get("plugins") or []
                         if (next(iter(p)) if isinstance(p, dict) else p) != name]
    return config


def sources_config(root: Path, nav: list) -> dict:
    """The project's settings for a tree whose pages are in ./docs."""
    config = {k: v for k, v in project_config(root).items() if k not in REPLACED}
    theme = config.get("theme")
    if isinstance(theme, dict) and theme.get("custom_dir"):
        theme["custom_dir"] = str((Path(root) / theme["custom_dir"]).resolve())
    config["docs_dir"] = "docs"
    config["site_dir"] = "site"
    config["nav"] = nav
    return config


def dump(config: dict) -> str:
    head = "# Written by `handbook build` from the project's mkdocs.yml: do not edit.\n"
    return head + yaml.dump(config, Dumper=_Dumper, allow_unicode=True, sort_keys=False)
