"""Structural rules: the shape of processes beyond what a schema can say."""
from __future__ import annotations

from macros.check.rules.registry import Finding, rule


@rule("step-order")
def step_order(model):
    """`after` may only name steps listed earlier, so the order on the page is a
    valid order to work in, and there are no cycles."""
    for process in model.all("process"):
        seen = set()
        for i, step in enumerate(process.data["steps"]):
            for j, before in enumerate(step.get("after", [])):
                local = before.rsplit(".", 1)[-1]
                if local not in seen:
                    entity = model.get("step", f"{process.id}.{step['id']}")
                    yield Finding(entity, f"step '{step['id']}' comes after '{before}', "
                                          "which is not listed before it: reorder the steps", ("after", j))
            seen.add(step["id"])


@rule("process-order")
def process_order(model):
    """Within a category each process has its own `order`: two at the same
    place would fall back to the policy clause, an order nobody declared."""
    from macros.core import words
    seen: dict = {}
    for process in model.all("process"):
        number = process.get("order")
        if number is None:
            continue
        cat = process.get("category")
        first = seen.setdefault((cat, number), process)
        if first is not process:
            line, _ = first.doc.where(first.path + ("order",))
            yield Finding(process, f"order {number} in category '{cat}' ({words.value(cat)}) is already taken "
                                   f"by process '{first.id}' ({first.doc.file}:{line}): give each process "
                                   "of a category its own number, e.g. one between its neighbours", ("order",))
