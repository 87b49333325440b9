"""JSON Schema validation with a local registry and a reference keyword.

Schemas live in data/schemas/ (Draft 2020-12) and refer to each other by
relative `$ref`, resolved through a `referencing.Registry` built from those
local files only: validation never touches the network.

Cross-file references are declared in the schemas with a custom keyword,
`"x-ref": "<kind>"`, so the schema says *which* fields point at *what*, and the
same validation pass reports a dangling reference at the field's own line.
Editors' YAML tooling ignores unknown keywords, so this costs them nothing.
"""
from __future__ import annotations

import difflib
import json
from contextvars import ContextVar
from pathlib import Path
from urllib.parse import urljoin

from jsonschema import Draft202012Validator, ValidationError, validators
from referencing import Registry, Resource

from macros.core.personal import redact
from macros.schema import ecma, private

SCHEMA_DIR = Path("data") / "schemas"


def load_registry(root: Path) -> tuple[Registry, dict]:
    """(registry, {file name: schema}) for every schema under root/data/schemas."""
    schemas = {}
    for path in sorted((root / SCHEMA_DIR).glob("*.schema.json")):
        schemas[path.name] = json.loads(path.read_text(encoding="utf-8"))
    resources = [(s["$id"], Resource.from_contents(s)) for s in schemas.values()]
    return Registry().with_resources(resources), schemas


def inline_refs(schemas: dict, registry: Registry) -> dict:
    """{file name: schema} with every `$ref` replaced by what it points at.

    Why: resolving a `$ref` through `referencing` costs a URL join and a JSON
    pointer walk each time it is met, and the data meets the few shared
    definitions (text, id, source, role-ref) thousands of times; with them
    inlined, validating and walking a file costs a third less. The meaning is
    unchanged: a `$ref` with sibling keywords becomes `allOf: [target]` next
    to them (2020-12 applies both), and errors point at the same instance
    paths with the same schemas. A cyclic `$ref` is left in place, made
    absolute, and still resolves through the registry."""
    done: dict = {}

    def walk(node, resolver, active):
        if isinstance(node, list):
            return [walk(v, resolver, active) for v in node]
        if not isinstance(node, dict):
            return node
        out = {}
        for k, v in node.items():
            if k in ("properties", "$defs", "patternProperties") and isinstance(v, dict):
                out[k] = {name: walk(sub, resolver, active) for name, sub in v.items()}
            elif k in ("enum", "const", "examples", "default"):  # values, not schemas
                out[k] = v
            elif k != "$ref":
                out[k] = walk(v, resolver, active)
        ref = node.get("$ref")
        if isinstance(ref, str):
            resolved = resolver.lookup(ref)
            key = _absolute(resolver, ref)
            if key in active:  # recursive schema: keep the reference
                out["$ref"] = key
            else:
                if key not in done:
                    done[key] = walk(resolved.contents, resolved.resolver, active | {key})
                target = done[key]
                if not out:
                    return target
                out["allOf"] = [*out.get("allOf", []), target]
        return out

    out = {}
    for name, schema in schemas.items():
        resolver = registry.resolver(base_uri=schema.get("$id", ""))
        out[name] = walk(schema, resolver, frozenset())
    return out


def _absolute(resolver, ref: str) -> str:
    return urljoin(str(private.base_uri(resolver)), ref)


# The reference resolver of the document being validated. jsonschema builds
# new validator instances as it descends (attrs, slotted), so an attribute on
# the validator would not survive; a context variable does.
_RESOLVE_REF: ContextVar = ContextVar("resolve_ref", default=None)


def _x_ref(validator, kind, instance, schema):
    resolve = _RESOLVE_REF.get()
    if resolve is None or not isinstance(instance, str):
        return
    problem = resolve(kind, instance)
    if problem:
        yield ValidationError(problem)


def _annotation(validator, value, instance, schema):
    return iter(())


_Validator = validators.extend(
    Draft202012Validator, {"x-ref": _x_ref, "x-item-label": _annotation, "pattern": ecma.pattern_keyword}
)


def iter_errors(schema: dict, registry: Registry, instance, resolve_ref=None):
    """All schema errors of `instance`; `resolve_ref(kind, value)` returns a
    message for a reference that does not resolve, or None."""
    validator = _Validator(schema, registry=registry,
                           format_checker=Draft202012Validator.FORMAT_CHECKER)
    token = _RESOLVE_REF.set(resolve_ref)
    try:
        return list(validator.iter_errors(instance))
    finally:
        _RESOLVE_REF.reset(token)


def leaf_errors(error: ValidationError):
    """The errors worth showing: for oneOf/anyOf, the branch that got furthest."""
    if error.validator in ("oneOf", "anyOf") and error.context:
        # Group the sub-errors by branch; the branch with the deepest error is
        # the one the author most likely meant; show its errors.
        branches: dict[int, list] = {}
        for sub in error.context:
            branches.setdefault(sub.schema_path[0], []).append(sub)
        def score(errs):  # deeper is closer to what was meant; fewer is closer
            return (max(len(e.absolute_path) for e in errs), -len(errs))
        ranked = sorted(branches.values(), key=score, reverse=True)
        best = ranked[0]
        if len(ranked) > 1 and score(ranked[1]) == score(best):
            yield error  # no branch is clearly meant: say which forms are allowed
            return
        for sub in best:
            yield from leaf_errors(sub)
        return
    yield error


def _show(value) -> str:
    """A value quoted in a message: masked (CI logs must not repeat personal
    data) and shortened (a 10 MB value was echoed whole)."""
    text = redact(json.dumps(value, ensure_ascii=False))
    return text if len(text) <= 60 else text[:57] + "..."


def message(error: ValidationError) -> str:
    """A message an editor can act on, in plain words."""
    v, schema, inst = error.validator, error.schema, error.instance
    if v == "additionalProperties":
        allowed = sorted(schema.get("properties", {}))
        extra = [k for k in inst if k not in schema.get("properties", {})]
        parts = []
        for key in extra:
            close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
            hint = f" (did you mean '{close[0]}'?)" if close else f" (allowed: {', '.join(allowed)})"
            parts.append(f"unknown key '{key}'{hint}")
        return "; ".join(parts)
    if v == "required":
        return error.message.replace(" is a required property", "").join(["missing required key ", ""])
    if v == "dependentRequired":  # e.g. a process's `order` counts within its `category`
        missing = [(key, dep) for key, deps in schema[v].items() if key in inst for dep in deps if dep not in inst]
        return "; ".join(f"'{key}' needs '{dep}' beside it: missing required key '{dep}'" for key, dep in missing) \
            or error.message
    if v == "type":
        want = schema.get("type")
        want = " or ".join(want) if isinstance(want, list) else want
        return f"expected {_TYPE_WORDS.get(want, want)}, got {_show(inst)}"
    if v == "enum":
        return f"{_show(inst)} is not one of: {', '.join(map(str, schema['enum']))}"
    if v == "const":
        return f"{_show(inst)} must be {_show(schema['const'])}"
    if v == "pattern":
        hint = schema.get("description") or schema.get("title") or f"pattern {schema['pattern']}"
        return f"{_show(inst)} is not valid here: {hint}"
    if v in ("oneOf", "anyOf"):
        title = schema.get("title") or "value"
        return f"{_show(inst)} does not fit any allowed form of {title}: {schema.get('description', '')}".rstrip(": ")
    if v == "format":
        return f"{_show(inst)} is not a valid {schema['format']} (use YYYY-MM-DD)" if schema["format"] == "date" \
            else error.message
    if v in ("maxLength", "minLength"):
        limit = schema[v]
        if v == "maxLength":
            return f"{_show(inst)} is too long: {len(inst)} characters, at most {limit} allowed"
        return f"{_show(inst)} is too short: at least {limit} character{'s' if limit != 1 else ''} needed"
    if v == "not" and "required" in (schema.get("not") or {}):
        keys = schema["not"]["required"]
        if len(keys) == 1:
            return f"'{keys[0]}' is not allowed here"
        return f"use only one of: {', '.join(keys)}"
    return _shorten(redact(error.message))


def _shorten(text: str) -> str:
    return text if len(text) <= 300 else text[:297] + "..."


_TYPE_WORDS = {
    "integer": "a whole number", "number": "a number", "string": "text",
    "boolean": "true or false", "array": "a list", "object": "a mapping of keys",
}


def check_all_schemas(root: Path):
    """Raise if any schema under root is itself invalid (used by tests)."""
    _, schemas = load_registry(root)
    for name, schema in schemas.items():
        _Validator.check_schema(schema)
    return sorted(schemas)
