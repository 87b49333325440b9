"""The project's schemas, loaded once per check, and what the walks derive from them.

check/pipeline.py builds one CompiledSchemas per load and hands it to the
frozen model (`Model.schemas`); the schema-directed walks (model/references.py
while validating, model/timelimits.py for the time limits) ask it, node after
node, two questions whose answers depend only on a part of a schema: "does
this oneOf/anyOf branch fit this value?" (one validator per branch, built
once: building one costs more than a check; compiled where jsonschema-rs can,
see verdict.py) and "can an `x-ref` lie below this part?".

Those memos are keyed on the identity of schema parts that this object holds
itself (`written` and `inlined`), so no key can be reused while it lives, and
they go when it goes: no module-level cache, nothing to evict.
"""
from __future__ import annotations

from pathlib import Path

from macros.schema import private
from macros.schema.validate import inline_refs, load_registry
from macros.schema.verdict import Verdicts


class CompiledSchemas:
    def __init__(self, root: Path):
        # {file name: schema} as written, and with every `$ref` inlined
        # (validate.inline_refs: same meaning, no lookup per data node).
        self.registry, self.written = load_registry(root)
        self.inlined = inline_refs(self.written, self.registry)
        # A compiled yes for whole documents; a no goes to jsonschema (verdict.py).
        self.verdicts = Verdicts(self.written)
        self._branch_checks: dict = {}  # id(branch) -> validator.is_valid
        self._may_refer: dict = {}  # id(part) -> bool

    def fits(self, branch, resolver, value) -> bool:
        """Whether `value` is valid against `branch`, a part of `written` or
        `inlined` whose `$ref`s resolve from where `resolver` stands. A part
        sits in one file, so it always meets the same base URI; an inlined
        part keeps only absolute `$ref`s. Formats are not checked: the walks
        run on documents that passed the full validation."""
        check = self._branch_checks.get(id(branch))
        if check is None:
            check = self._branch_checks[id(branch)] = self.verdicts.part(
                branch, private.base_uri(resolver), private.validator_in_scope(branch, resolver).is_valid)
        return check(value)

    def may_refer(self, part) -> bool:
        """False when no `x-ref` can lie below `part`: a walk skips that part
        of the data (names, descriptions, deadlines), which is most of it. A
        `$ref` counts as "may", to stay on the safe side."""
        hit = self._may_refer.get(id(part))
        if hit is None:
            hit = self._may_refer[id(part)] = _holds_ref(part)
        return hit


def _holds_ref(node) -> bool:
    if isinstance(node, dict):
        return "x-ref" in node or "$ref" in node or any(_holds_ref(v) for v in node.values())
    if isinstance(node, list):
        return any(_holds_ref(v) for v in node)
    return False
