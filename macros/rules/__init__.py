"""Policy rules: small functions over a Model, each with its own id and message.

A rule is registered with @rule("id") and yields Findings; the runner turns
each into a Problem at the entity's file:line with a breadcrumb. Rules run only
on data that passed the schema (so they may trust shapes and references),
which keeps one mistake from cascading into a dozen messages.

Add a rule: write a function in the module of its topic, decorate it, and add
a failing example under tests/fixtures/invalid/.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..problems import ERROR, WARNING, Problem

RULES: dict = {}


@dataclass(frozen=True)
class Finding:
    entity: object  # the Entity the problem is about
    message: str
    path: tuple = ()  # further into the entity's data, e.g. ("raci", "accountable")
    severity: str = ERROR


def rule(rule_id: str, *, needs_today: bool = False):
    """Register a rule. `needs_today=True`: it is called as fn(model, today),
    so date-dependent checks (review freshness, the holiday reminder) are
    testable with a fixed day. A rule about a file that does not exist yet
    yields a Problem at that file instead of a Finding."""
    def register(fn):
        if rule_id in RULES:
            raise ValueError(f"rule id {rule_id!r} registered twice")
        RULES[rule_id] = fn
        fn.rule_id = rule_id
        fn.needs_today = needs_today
        return fn
    return register


def warn(entity, message, path=()):
    return Finding(entity, message, tuple(path), WARNING)


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
    from . import approvals, deadlines, documents, measures, organisation, traceability  # noqa: F401
    from . import structure  # noqa: F401  (registers on import)
    from . import policy  # noqa: F401
    from . import checklists  # noqa: F401
    from . import editing  # noqa: F401
    from . import onboarding  # noqa: F401
    from . import holidays  # noqa: F401
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
