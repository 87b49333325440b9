"""Where the data refers to what: every `x-ref` field found by walking each
document alongside its schema.

Validation (schema/validate.py) already proved the references resolve; this walk
records them, so the model can answer "who refers to this?" for pages,
impact reports and rules. It runs on documents that passed the schema.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Reference:
    doc: object  # the Document holding the reference
    path: tuple  # where in the document
    kind: str  # target kind
    target: str  # target id (qualified for nested kinds)


def walk(doc, schema: dict, schemas) -> list[Reference]:
    """The references in `doc`, walked alongside `schema`, one of
    `schemas.inlined` (schemas: the load's CompiledSchemas)."""
    found: list[Reference] = []
    scope = doc.data.get("id") if isinstance(doc.data, dict) else None

    def visit(node, subschema, resolver, path):
        if not isinstance(subschema, dict) or not schemas.may_refer(subschema):
            return
        if "$ref" in subschema:  # only a cyclic one is left by inlining
            resolved = resolver.lookup(subschema["$ref"])
            visit(node, resolved.contents, resolved.resolver, path)
        kind = subschema.get("x-ref")
        if kind and isinstance(node, str):
            found.append(_reference(doc, path, kind, node, scope))
        for branch in subschema.get("allOf", []):
            visit(node, branch, resolver, path)
        for key in ("oneOf", "anyOf"):
            for branch in subschema.get(key, []):
                if schemas.fits(branch, resolver, node):
                    visit(node, branch, resolver, path)
                    break
        if isinstance(node, dict):
            props = subschema.get("properties", {})
            extra = subschema.get("additionalProperties")  # e.g. basis.fields: {field: basis}
            for k, v in node.items():
                if k in props:
                    visit(v, props[k], resolver, path + (k,))
                elif isinstance(extra, dict):
                    visit(v, extra, resolver, path + (k,))
        elif isinstance(node, list) and "items" in subschema:
            for i, item in enumerate(node):
                visit(item, subschema["items"], resolver, path + (i,))

    visit(doc.data, schema, schemas.registry.resolver(base_uri=schema.get("$id", "")), ())
    return found


def _reference(doc, path, kind, value, scope) -> Reference:
    if kind == "*":
        target_kind, _, target = value.partition(":")
        return Reference(doc, path, target_kind, target)
    if kind.endswith("@process"):
        target = value if "." in value else f"{scope}.{value}"
        return Reference(doc, path, kind.split("@")[0], target)
    return Reference(doc, path, kind, value)
