"""The schemas' Chinese titles as labels: the one reader, for the site and the prints.

A field's `title` in data/schemas/*.json is data: an editor who adds a field
with a title sees it labelled on the site and in print without touching the
code. The program's own reader words (core/words.FIELD, VALUE) come first;
the schema titles name what those tables do not, so a new field or a new
enum value never shows up as a bare English key.

Precedence for a field label: FIELD, then the field's own title in the kind's
schema, then its own title anywhere (nested fields), then the title of the
definition it refers to (e.g. 审核信息), then the key itself.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from macros.core import words
from macros.load.kinds import ENTITIES, FILES
from macros.schema import validate as schemas

# An enum explained in its description: "internal 部门内岗位；external 部门外".
_ENUM_WORDS = re.compile(r"([a-z][a-z0-9_-]*) ([^；;，,。\s]+)")


@dataclass(frozen=True)
class SchemaLabels:
    own: dict = field(default_factory=dict)  # kind -> {key: the property's own title}
    defined: dict = field(default_factory=dict)  # kind -> {key: its definition's title}
    anywhere: dict = field(default_factory=dict)  # key -> first own title in any schema
    enums: dict = field(default_factory=dict)  # key -> {enum value: words}

    def label(self, key: str, kind: str | None = None) -> str:
        return (words.FIELD.get(key) or self.own.get(kind, {}).get(key) or self.anywhere.get(key)
                or self.defined.get(kind, {}).get(key) or key)

    def value(self, key: str, value):
        """An enum value of field `key` in words: the schema's words for that
        field first (they can depend on the field), then core/words.VALUE."""
        return self.enums.get(key, {}).get(value) or words.value(value)


def read(root) -> SchemaLabels:
    """Labels from the schemas under root/data/schemas; empty when they cannot
    be read (the check reports broken schemas; labels fall back to the keys)."""
    try:
        registry, by_name = schemas.load_registry(root)
    except (OSError, ValueError, KeyError, TypeError):
        return SchemaLabels()
    out = SchemaLabels()
    for schema in by_name.values():
        _walk(schema, out.anywhere, out.enums)
    files = {fk.pattern: fk.schema for fk in FILES}
    for k in ENTITIES:
        schema = by_name.get(files.get(k.pattern, ""))
        if schema is None or "$id" not in schema:
            continue
        node, resolver = schema, registry.resolver(base_uri=schema["$id"])
        for key in k.at:
            node, resolver = resolve(node.get("properties", {}).get(key, {}), resolver)
            node, resolver = resolve(node.get("items", {}), resolver)
        own, defined = out.own.setdefault(k.kind, {}), out.defined.setdefault(k.kind, {})
        for key, sub in node.get("properties", {}).items():
            if not isinstance(sub, dict):
                continue
            if sub.get("title"):
                own[key] = sub["title"]
            elif key not in words.FIELD and "$ref" in sub:
                # Only read when nothing better names the field (see label()):
                # following every $ref made this reader five times slower.
                target, _ = resolve(sub, resolver)
                if target.get("title"):
                    defined[key] = target["title"]
    return out


def resolve(node, resolver):
    """A schema node with its `$ref` followed, its sibling keywords kept
    (2020-12 applies both): (node, resolver for the node's own refs)."""
    while isinstance(node, dict) and "$ref" in node:
        resolved = resolver.lookup(node["$ref"])
        node, resolver = {**resolved.contents, **{k: v for k, v in node.items() if k != "$ref"}}, resolved.resolver
    return node, resolver


def _walk(node, titles: dict, enums: dict):
    if isinstance(node, dict):
        for key, sub in (node.get("properties") or {}).items():
            if not isinstance(sub, dict):
                continue
            if sub.get("title"):
                titles.setdefault(key, sub["title"])
            if isinstance(sub.get("enum"), list) and sub.get("description"):
                found = dict(_ENUM_WORDS.findall(sub["description"]))
                enums.setdefault(key, {}).update({v: found[v] for v in sub["enum"] if v in found})
        for v in node.values():
            _walk(v, titles, enums)
    elif isinstance(node, list):
        for v in node:
            _walk(v, titles, enums)
