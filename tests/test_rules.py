"""Every policy rule has a failing example in the corpus, and none fires on
the shipped data."""
from __future__ import annotations

import pytest

from conftest import FIXTURES, ROOT, case_today, make_project
from macros.outputs.compose import load
from macros.check.rules import RULES, run_rules

# Cases whose expected.txt pins messages: errors (invalid/) and warnings (warnings/).
INVALID = sorted(p for kind in ("invalid", "warnings") if (FIXTURES / kind).is_dir()
                 for p in (FIXTURES / kind).iterdir() if p.is_dir())


@pytest.fixture(scope="module")
def rules_seen(tmp_path_factory):
    """Which rule ids the invalid corpus makes fire (its expected.txt pins the
    exact messages; this only maps cases to rules)."""
    seen = {}
    for case in INVALID:
        root = make_project(tmp_path_factory.mktemp(case.name), case / "files")
        for problem in load(root, today=case_today(case)).problems:
            seen.setdefault(problem.rule, []).append(case.name)
    return seen


def test_every_rule_has_a_failing_example(rules_seen):
    load(ROOT)  # registers every rule module
    missing = sorted(set(RULES) - set(rules_seen))
    assert missing == [], f"rules without a case in tests/fixtures/invalid/ or warnings/: {missing}"


def test_rule_cases_are_named_after_one_rule(rules_seen):
    """A rule-* case shows one rule at work, so a change in another rule cannot
    hide behind it."""
    for rule_id, cases in rules_seen.items():
        for case in cases:
            if case.startswith("rule-"):
                fired = {r for r, cs in rules_seen.items() if case in cs}
                assert fired == {rule_id}, (case, fired)


def test_no_rule_fires_on_the_shipped_data():
    result = load(ROOT)
    assert [p.format() for p in result.problems] == []
    assert run_rules(result.model) == []


def test_every_rule_has_a_docstring():
    """The docstring is the rule's explanation for the editor and the site."""
    load(ROOT)  # rule modules register when the rules first run
    assert [r for r, fn in RULES.items() if not (fn.__doc__ or "").strip()] == []


@pytest.mark.parametrize("text, found", [
    ("会后三日内分发", [("三日内", 3, "days")]),
    ("十五天以内办结", [("十五天以内", 15, "days")]),
    ("两周内开启动会，三个月内完成", [("两周内", 2, "weeks"), ("三个月内", 3, "months")]),
    ("五年之内互联互通", [("五年之内", 5, "years")]),
    ("7日内整改", [("7日内", 7, "days")]),
    ("每月演练一次，每两年可申请", []),  # cycles are not limits
])
def test_time_limits_are_found_in_chinese_text(text, found):
    from macros.check.rules.deadlines import limits_in
    assert limits_in(text) == found
