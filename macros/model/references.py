"""Where the data refers to what: every `x-ref` field found by walking each
document alongside its schema.

Validation (schema.py) already proved the references resolve; this walk
records them, so the model can answer "who refers to this?" for pages,
impact reports and rules. It runs on documents that passed the schema.
"""
from __future__ import annotations

from dataclasses import dataclass

from jsonschema import Draft202012Validator

from macros.schema.fastcheck import compile as compile_schema


@dataclass(frozen=True)
class Reference:
    doc: object  # the Document holding the reference
    path: tuple  # where in the document
    kind: str  # target kind
    target: str  # target id (qualified for nested kinds)


def walk(doc, schema: dict, registry) -> list[Reference]:
    found: list[Reference] = []
    scope = doc.data.get("id") if isinstance(doc.data, dict) else None
    resolver = registry.resolver(base_uri=schema.get("$id", ""))

    def visit(node, subschema, resolver, path):
        if not isinstance(subschema, dict) or not _may_refer(subschema):
            return
        if "$ref" in subschema:
            resolved = resolver.lookup(subschema["$ref"])
            visit(node, resolved.contents, resolved.resolver, path)
        kind = subschema.get("x-ref")
        if kind and isinstance(node, str):
            found.append(_reference(doc, path, kind, node, scope))
        for branch in subschema.get("allOf", []):
            visit(node, branch, resolver, path)
        for key in ("oneOf", "anyOf"):
            for branch in subschema.get(key, []):
                if _valid(node, branch, resolver):
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

    visit(doc.data, schema, resolver, ())
    return found


def _valid(node, branch, resolver) -> bool:
    # Resolving $refs inside a branch needs the resolver's registry; a plain
    # validator over the branch with that registry is enough (no x-ref checks).
    # One validator per branch schema, reused for every node that meets it:
    # building one costs more than the check itself.
    # The compiled yes/no check (fastcheck.py) when the branch allows it; the
    # document already passed the full validation, formats included.
    hit = _BRANCHES.get(id(branch))
    if hit is None or hit[0] is not branch or hit[1] is not resolver._registry:
        if len(_BRANCHES) > 4096:  # schemas of earlier loads: let them go
            _BRANCHES.clear()
        fast = compile_schema(branch)
        if fast is not None:
            check = lambda node: fast(node, None)  # noqa: E731
        else:
            check = Draft202012Validator(branch, registry=resolver._registry, _resolver=resolver).is_valid
        hit = _BRANCHES[id(branch)] = (branch, resolver._registry, check)
    return hit[2](node)


_BRANCHES: dict = {}
_REFERS: dict = {}  # id(subschema) -> (subschema, holds an x-ref or a $ref somewhere inside)


def _may_refer(subschema) -> bool:
    """False when no `x-ref` can lie below: the walk skips that part of the
    data (names, descriptions, deadlines), which is most of it. A `$ref` left
    by schema.inline_refs (a cycle) counts as "may", to stay on the safe side."""
    hit = _REFERS.get(id(subschema))
    if hit is None or hit[0] is not subschema:
        if len(_REFERS) > 8192:  # the schemas of earlier loads: let them go
            _REFERS.clear()
        hit = _REFERS[id(subschema)] = (subschema, _holds_ref(subschema))
    return hit[1]


def _holds_ref(node) -> bool:
    if isinstance(node, dict):
        return "x-ref" in node or "$ref" in node or any(_holds_ref(v) for v in node.values())
    if isinstance(node, list):
        return any(_holds_ref(v) for v in node)
    return False
valid_branch = _valid  # shared with timelimits.py's walk


def _reference(doc, path, kind, value, scope) -> Reference:
    if kind == "*":
        target_kind, _, target = value.partition(":")
        return Reference(doc, path, target_kind, target)
    if kind.endswith("@process"):
        target = value if "." in value else f"{scope}.{value}"
        return Reference(doc, path, kind.split("@")[0], target)
    return Reference(doc, path, kind, value)
