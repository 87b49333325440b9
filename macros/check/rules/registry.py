"""The rule registry: @rule, Finding and warn. Rule modules import this, and
the runner (macros/check/rules/__init__.py) imports the rule modules, so
imports run one way."""
from __future__ import annotations

from dataclasses import dataclass

from macros.load.problems import ERROR, WARNING

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
