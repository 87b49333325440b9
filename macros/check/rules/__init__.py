"""Policy rules: small functions over a Model, each with its own id and message.

A rule is registered with @rule("id") and yields Findings; the runner turns
each into a Problem at the entity's file:line with a breadcrumb. Rules run only
on data that passed the schema (so they may trust shapes and references),
which keeps one mistake from cascading into a dozen messages.

Add a rule: write a function in the module of its topic, decorate it, and add
a failing example under tests/fixtures/invalid/.
"""
from __future__ import annotations

from macros.load.problems import Problem
from macros.check.rules.registry import RULES, Finding, rule, warn  # noqa: F401

# Every rule module; importing one registers its rules, in this order (the
# order rules run in). A new module goes here.
MODULES = ("approvals", "deadlines", "documents", "measures", "organisation", "traceability",
           "structure", "policy", "checklists", "editing", "onboarding", "holidays")
from macros.check.rules import approvals, deadlines, documents, measures, organisation, traceability  # noqa: E402,F401,I001
from macros.check.rules import structure, policy, checklists, editing, onboarding, holidays  # noqa: E402,F401,I001


def today_default():
    """The checker's today: HANDBOOK_TODAY (YYYY-MM-DD) when set, so the
    date-dependent rules can be seen as of any day (the tests pin it), else
    the real date."""
    import datetime
    import os
    text = os.environ.get("HANDBOOK_TODAY", "").strip()
    try:
        return datetime.date.fromisoformat(text) if text else datetime.date.today()
    except ValueError:
        raise SystemExit(f"HANDBOOK_TODAY={text!r} is not a date: use YYYY-MM-DD") from None


def run_rules(model, today=None) -> list[Problem]:
    if today is None:
        today = today_default()
    problems = []
    for rule_id, fn in RULES.items():
        for f in (fn(model, today) if getattr(fn, "needs_today", False) else fn(model)):
            if isinstance(f, Problem):
                problems.append(f)
                continue
            path = f.entity.path + f.path
            line, col = f.entity.doc.where(path)
            problems.append(Problem(
                f.entity.doc.file, line, col, f.message,
                breadcrumb=model.breadcrumb(f.entity.doc, path),
                severity=f.severity, rule=rule_id))
    return problems
