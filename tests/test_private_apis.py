"""Other libraries' private parts are used in one module only
(macros/schema/private.py), and this file says so loudly when an upgrade of
referencing or jsonschema changes them."""
from __future__ import annotations

import ast

import pytest
from referencing import Registry, Resource

from macros.schema import private
from test_architecture import MODS

ALLOWED = "macros.schema.private"

# Two schemas in the shape of data/schemas/: a part of A refers to B relatively.
A = {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": "https://example.invalid/s/a.json",
     "$defs": {"part": {"type": "object", "properties": {"n": {"$ref": "b.json#/$defs/small"}}},
               "local": {"$ref": "#/$defs/part"}}}
B = {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": "https://example.invalid/s/b.json",
     "$defs": {"small": {"type": "integer", "maximum": 3}}}


def _resolver():
    registry = Registry().with_resources([(s["$id"], Resource.from_contents(s)) for s in (A, B)])
    return registry.resolver(base_uri=A["$id"])


def _loudly(what, call):
    try:
        return call()
    except (AttributeError, TypeError) as exc:
        pytest.fail(f"{what} changed in this release ({exc!r}): adapt macros/schema/private.py")


def test_a_resolver_still_tells_its_base_uri():
    resolver = _resolver()
    assert _loudly("referencing.Resolver._base_uri", lambda: private.base_uri(resolver)) == A["$id"]
    moved = resolver.lookup("b.json#/$defs/small").resolver
    assert _loudly("referencing.Resolver._base_uri", lambda: private.base_uri(moved)) == B["$id"]


def test_a_part_of_a_schema_still_validates_where_it_sits():
    resolver = _resolver()
    part = resolver.lookup("#/$defs/local")  # a part whose own $ref is relative to a.json
    validator = _loudly("jsonschema's _resolver= / Resolver._registry",
                        lambda: private.validator_in_scope(part.contents, part.resolver))
    assert validator.is_valid({"n": 2})
    assert not validator.is_valid({"n": 4})  # b.json's maximum, reached from a.json's part
    assert not validator.is_valid({"n": "2"})


def _private_uses(tree) -> list[str]:
    """Names with one leading underscore taken from anything but self/cls,
    keyword arguments with one, and imports of private modules or names."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr.startswith("_") and not node.attr.startswith("__"):
            if ast.unparse(node.value) not in ("self", "cls") and ast.unparse(node) not in PUBLIC_UNDERSCORED:
                found.append(f"{node.lineno}: {ast.unparse(node)}")
        elif isinstance(node, ast.keyword) and node.arg and node.arg.startswith("_"):
            found.append(f"{node.lineno}: keyword {node.arg}=")
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            module = getattr(node, "module", None) or ""
            names = [module, *(a.name for a in node.names)] if module else [a.name for a in node.names]
            if module.startswith("macros") or module == "__future__":
                continue
            if any(part.startswith("_") for name in names for part in name.split(".")):
                found.append(f"{node.lineno}: import {', '.join(names)}")
    return found


# Documented public APIs whose names happen to start with an underscore.
PUBLIC_UNDERSCORED = {"os._exit"}  # exit a forked child without running the parent's cleanup


def test_no_other_module_uses_a_private_name():
    """macros' own underscored helpers are called within their module only,
    so any hit elsewhere is another library's private part."""
    hits = {name: uses for name, path in MODS.items() if name != ALLOWED
            and (uses := _private_uses(ast.parse(path.read_text(encoding="utf-8"))))}
    assert hits == {}, f"private names outside {ALLOWED}: {hits}"


def test_the_scan_sees_each_form():
    code = ("import jsonschema._utils\nfrom jsonschema._utils import equal\nr._registry\n"
            "V(s, _resolver=r)\nself._x\nfrom __future__ import annotations\n")
    assert _private_uses(ast.parse(code)) == [
        "1: import jsonschema._utils", "2: import jsonschema._utils, equal", "3: r._registry",
        "4: keyword _resolver=",
    ]
