"""Rules that tie the printed checklists (checklists/*.yml) to the processes.

The schema already makes a checklist item that names a missing step an error
(x-ref), so a checklist cannot point at a step that is gone. These rules cover
the other direction: what the processes have that no checklist prints.
"""
from __future__ import annotations

from macros.check.rules.registry import Finding, rule, warn


def _covered_steps(model) -> set[str]:
    """Qualified ids of steps that a checklist lists or deliberately omits."""
    covered = set()
    for checklist in model.all("checklist"):
        for section in checklist.data["sections"]:
            for item in section["items"]:
                if "step" in item:
                    covered.add(item["step"])
        for omitted in checklist.get("omits", []):
            covered.add(omitted["step"])
    return covered


@rule("process-has-checklist")
def process_has_checklist(model):
    """Every process has a checklist source (an error).

    The policy wants every gate logged and every process auditable; the printed
    checklist with its operation-log tables is where that log is kept on
    paper, and the site links each process page to its PDF. A process with no
    checklist would publish a process that cannot be worked or audited on
    paper, so this blocks the build."""
    printed = {c.get("process") for c in model.all("checklist")}
    for process in model.all("process"):
        if process.id not in printed:
            yield Finding(process, f"no checklist covers process '{process.id}': add "
                                   f"checklists/{process.id}.yml with `process: {process.id}`")


@rule("step-covered-by-checklist")
def step_covered_by_checklist(model):
    """A process step that no checklist lists is a warning, not an error.

    Decision: when a step is added to a process, the policy change itself is
    valid and may be published at once; the printed checklist lags behind
    until someone adds the item. Blocking the policy change on the paper form
    would push editors to add a hollow item just to pass. So the step is
    flagged on every `handbook check` (and in CI output) until a checklist
    lists it, or a checklist's `omits` names it with a reason. A process with
    no checklist at all is already an error (process-has-checklist), so its
    steps are not reported once more each."""
    covered = _covered_steps(model)
    printed = {c.get("process") for c in model.all("checklist")}
    for step in model.all("step"):
        if step.parent in printed and step.id not in covered:
            yield warn(step, f"no checklist lists step '{step.id}': add `- step: {step.id}` to a "
                             "checklist, or name it under `omits` with a reason")
