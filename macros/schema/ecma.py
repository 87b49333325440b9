"""JSON Schema `pattern` with ECMA-262 semantics, as the standard says.

Python's `re` differs where it matters here: `$` also matches before a final
newline, so `^[a-z]+$` accepted "annual-extra\\n", and the published schemas
then meant something else in ajv or any editor. The `regress` engine is an
ECMA-262 implementation, so a pattern means the same here and everywhere the
schemas are used.
"""
from __future__ import annotations

import regress

_COMPILED: dict = {}


def compiled(pattern: str):
    rx = _COMPILED.get(pattern)
    if rx is None:
        rx = _COMPILED[pattern] = regress.Regex(pattern, "u")
    return rx


def search(pattern: str, value: str) -> bool:
    """True when `pattern` (ECMA-262, unanchored like `pattern`) matches `value`."""
    return compiled(pattern).find(value) is not None


def pattern_keyword(validator, pattern, instance, schema):
    """The `pattern` keyword for jsonschema, with ECMA-262 semantics."""
    from jsonschema import ValidationError
    if validator.is_type(instance, "string") and not search(pattern, instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")
