"""The order of an enum's values as its schema lists them.

The process categories' reading order (学籍业务 first, 会议与人事 last) is
declared once, by the order of the `category` enum in
data/schemas/process.schema.json, so no code keeps a second list that could
drift from the data. Read per schema file and cached until the file changes.
"""
from __future__ import annotations

import functools
import json
from pathlib import Path


def enum_order(root, schema_file: str, *keys: str) -> tuple:
    """The enum at `keys` inside data/schemas/<schema_file> of project `root`;
    () when there is no root or the schema cannot be read (the check reports
    a broken schema; the pages then fall back to a stable order)."""
    if root is None:
        return ()
    path = Path(root) / "data" / "schemas" / schema_file
    try:
        stamp = path.stat().st_mtime_ns
    except OSError:
        return ()
    return _read(str(path), stamp, keys)


@functools.lru_cache(maxsize=16)
def _read(path: str, stamp: int, keys: tuple) -> tuple:
    try:
        node = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return ()
    for key in keys:
        node = node.get(key) if isinstance(node, dict) else None
    return tuple(v for v in node if isinstance(v, str)) if isinstance(node, list) else ()
