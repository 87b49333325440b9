"""Append an item to a top-level list of a YAML file as text.

The rest of the file (comments, blank lines, quoting, flow style) is kept
byte for byte: the new lines are inserted after the list's last content line.
The edit is only accepted when the strict loader reads the new text as the
old data plus exactly that item; any other shape returns None and the caller
prints the snippet for the editor to paste instead.
"""
from __future__ import annotations

import copy
import re

import yaml

from macros.load.yamlio import LoadError, load_text

_TOP_KEY = re.compile(r"^([A-Za-z_][A-Za-z0-9_-]*)\s*:(\s|$)")
_ITEM = re.compile(r"^(\s*)- ")


def item_indent(text: str, key: str) -> int:
    """Indentation of the '- ' of the list under top-level `key` (2 by default)."""
    lines = text.split("\n")
    start = _key_line(lines, key)
    if start is not None:
        for line in lines[start + 1:]:
            if _TOP_KEY.match(line):
                break
            m = _ITEM.match(line)
            if m:
                return len(m.group(1))
    return 2


def _key_line(lines, key):
    for i, line in enumerate(lines):
        m = _TOP_KEY.match(line)
        if m and m.group(1) == key:
            return i
    return None


def append_item(text: str, key: str, item_lines: list[str], item: dict, file: str) -> str | None:
    """`text` with `item_lines` appended to the top-level list `key`, or None
    when that cannot be done safely. `item` is the value the lines must load as."""
    try:
        before = load_text(text, file).data
    except LoadError:
        return None
    if not isinstance(before, dict):
        return None
    lines = text.split("\n")
    start = _key_line(lines, key)
    if key not in before:
        if start is not None:
            return None
        body = text if text.endswith("\n") else text + "\n"
        new_text = body + f"{key}:\n" + "\n".join(item_lines) + "\n"
        expected = {**before, key: [item]}
    else:
        if start is None or not isinstance(before[key], list) or not before[key]:
            return None
        if lines[start].split(":", 1)[1].split("#", 1)[0].strip():
            return None  # flow list on the key's line: `roles: [...]`
        end = next((i for i in range(start + 1, len(lines)) if _TOP_KEY.match(lines[i])), len(lines))
        last = max((i for i in range(start + 1, end)
                    if lines[i].strip() and not lines[i].lstrip().startswith("#")), default=None)
        if last is None:
            return None
        new_lines = lines[: last + 1] + item_lines + lines[last + 1:]
        new_text = "\n".join(new_lines)
        expected = copy.deepcopy(before)
        expected[key].append(item)
    try:
        after = load_text(new_text, file).data
    except (LoadError, yaml.YAMLError):
        return None
    return new_text if after == expected else None
