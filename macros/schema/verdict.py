"""A compiled yes to "is this document valid?"; every no goes to jsonschema.

Why: jsonschema is pure Python, and deciding that the shipped data is valid
was a fifth of `handbook check` (0.084 s of 0.48 s at the shipped size,
0.55 s of 2.8 s at ten times it). jsonschema-rs, compiled, decides the same
question about fifty times faster. It is only ever asked for a yes: a
document it does not accept, a value it cannot read, a schema it cannot
compile, any exception at all, and the document goes to jsonschema as
before, whose errors are the only ones the handbook shows. So no message
depends on this module; at worst it saves nothing.

The two agree by construction where the handbook's schemas go beyond the
standard vocabulary: `pattern` is the same ECMA-262 engine (schema/ecma.py),
every `format` is jsonschema's own format checker, and `x-ref` asks the same
resolver. What is left is the core vocabulary (types, properties, required,
oneOf, ...), which both implement after the Draft 2020-12 text;
tests/test_schema_verdict.py holds them equal on the shipped data, the
corpus, and a thousand and more mutations of the shipped data.

The schema-directed walks (model/references.py, model/timelimits.py) ask a
second question, node after node: which oneOf/anyOf branch does this value
fit? `Verdicts.part` answers it compiled too, and there both answers count,
so the same tests hold the walks' results equal to jsonschema's.
"""
from __future__ import annotations

from contextvars import ContextVar
from functools import partial

import jsonschema_rs
from jsonschema import Draft202012Validator

from macros.schema import ecma

# The x-ref resolver of the document being judged (see validate._RESOLVE_REF:
# the keyword objects are built once per schema, the resolver per document).
_RESOLVE_REF: ContextVar = ContextVar("verdict_resolve_ref", default=None)


class _Pattern:
    """`pattern` with ECMA-262 semantics, as schema/ecma.py gives jsonschema."""

    def __init__(self, parent_schema, value, schema_path):
        self.pattern = value

    def validate(self, instance):
        if isinstance(instance, str) and not ecma.search(self.pattern, instance):
            raise ValueError("pattern")


class _XRef:
    """`x-ref`: the value names an existing entity (validate._x_ref)."""

    def __init__(self, parent_schema, value, schema_path):
        self.kind = value

    def validate(self, instance):
        resolve = _RESOLVE_REF.get()
        if resolve is not None and isinstance(instance, str) and resolve(self.kind, instance):
            raise ValueError("x-ref")


_KEYWORDS = {"pattern": _Pattern, "x-ref": _XRef}
# The walks' validators see no x-ref resolver (validate._x_ref does nothing
# then): the compiled one leaves the keyword out, which is the same.
_PART_KEYWORDS = {"pattern": _Pattern}


def _formats(node, found: set) -> set:
    if isinstance(node, dict):
        if isinstance(node.get("format"), str):
            found.add(node["format"])
        for key, value in node.items():
            if key not in ("enum", "const", "examples", "default"):
                _formats(value, found)
    elif isinstance(node, list):
        for value in node:
            _formats(value, found)
    return found


class Verdicts:
    """One compiled validator per schema file, built from the files as written."""

    def __init__(self, written: dict):
        checker = Draft202012Validator.FORMAT_CHECKER
        formats = {name: partial(_conforms, checker, name) for name in _formats(written, set())}
        self._validators = {}
        try:
            self._registry = jsonschema_rs.Registry([(s["$id"], s) for s in written.values() if "$id" in s])
        except Exception:  # noqa: BLE001 - no yes without a registry: jsonschema decides
            self._registry = None
            return
        for name, schema in written.items():
            try:
                self._validators[name] = jsonschema_rs.validator_for(
                    schema, registry=self._registry, keywords=_KEYWORDS, formats=formats, validate_formats=True)
            except Exception:  # noqa: BLE001 - a schema it cannot compile: jsonschema decides
                continue

    def valid(self, name: str, instance, resolve_ref=None) -> bool:
        """True only when the document is valid against schema file `name`
        (x-refs resolved by `resolve_ref(kind, value)`); False means "ask
        jsonschema", not "invalid". `instance` is a document as yamlio loads
        it: dicts with text keys, lists, text, numbers, booleans and nulls
        (the compiled validator would read a tuple as an array, which
        jsonschema does not; the loader never makes one)."""
        validator = self._validators.get(name)
        if validator is None:
            return False
        token = _RESOLVE_REF.set(resolve_ref)
        try:
            return validator.is_valid(instance)
        except Exception:  # noqa: BLE001 - a value it cannot read: jsonschema decides
            return False
        finally:
            _RESOLVE_REF.reset(token)

    def part(self, part, base_uri: str, fallback):
        """`is_valid` for a part of a schema whose relative `$ref`s resolve
        from `base_uri`, as the schema-directed walks ask it (compiled.py
        fits): formats not checked, x-ref not resolved, as in `fallback`, the
        jsonschema validator for the same part, which answers whatever the
        compiled one cannot. Unlike `valid`, both answers count here (which
        oneOf branch a value takes), so tests/test_schema_verdict.py holds the
        walks' results equal both ways."""
        try:
            compiled = jsonschema_rs.Draft202012Validator(part, registry=self._registry, base_uri=base_uri,
                                                          keywords=_PART_KEYWORDS)
        except Exception:  # noqa: BLE001 - a part it cannot compile (or no registry)
            return fallback

        def check(value) -> bool:
            try:
                return compiled.is_valid(value)
            except Exception:  # noqa: BLE001 - a value it cannot read
                return fallback(value)
        return check


def _conforms(checker, name: str, value) -> bool:
    return checker.conforms(value, name)
