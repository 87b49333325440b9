"""CONTRIBUTING.md stays true: its message examples are the program's exact
output, every kind of message is explained, its YAML examples check clean,
and its ownership table matches data/owners.yml."""
from __future__ import annotations

import re

import pytest

from conftest import FIXTURES, ROOT, TODAY, case_today, make_project
from macros.tools.scaffold.append import append_item
from macros.outputs.compose import load
from macros.load.yamlio import load_text

GUIDE = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
PROBLEM = re.compile(r"^\S+:\d+:\d+: (error|warning): ")
CASES = sorted(p for kind in ("invalid", "warnings") for p in (FIXTURES / kind).iterdir() if p.is_dir())


def _blocks(lang):
    return re.findall(rf"```{lang}\n(.*?)```", GUIDE, flags=re.S)


def _expected(case):
    return (case / "expected.txt").read_text(encoding="utf-8").splitlines()


def test_every_example_message_is_exact_current_output():
    known = {line for case in CASES for line in _expected(case)}
    shown = [ln for block in _blocks("text") for ln in block.splitlines() if PROBLEM.match(ln)]
    assert len(shown) >= 25
    assert [ln for ln in shown if ln not in known] == []


# Messages that come from loading and the schema, not from a policy rule.
NOT_POLICY = {"", "schema", "reference", "unique-id", "files", "schema-file"}


def _rule_rows():
    """{rule id: [message fragments]} from the rule table."""
    rows = {}
    for line in GUIDE.splitlines():
        m = re.match(r"\| `([a-z-]+)` \| (.*?) \|", line)
        if m:
            rows[m.group(1)] = re.findall(r"`([^`]+)`", m.group(2))
    return rows


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_every_kind_of_message_is_explained(case, tmp_path):
    """Loading and schema messages have a verbatim example; a policy rule's
    messages contain a fragment that the rule table lists for that rule."""
    problems = load(make_project(tmp_path, case / "files"), today=case_today(case)).problems
    rows = _rule_rows()
    if all(p.rule in NOT_POLICY for p in problems):
        assert any(line in GUIDE for line in _expected(case)), f"CONTRIBUTING.md has no example of {case.name}"
    for p in problems:
        if p.rule not in NOT_POLICY:
            assert p.rule in rows, f"rule {p.rule} is not in CONTRIBUTING.md's rule table"
            assert any(f in p.message for f in rows[p.rule]), (p.rule, p.message)


def test_every_registered_rule_is_in_the_table(tmp_path):
    from macros.check.rules import RULES
    load(make_project(tmp_path))  # imports every rule module
    assert sorted(set(RULES) - set(_rule_rows())) == []


def test_yaml_examples_check_clean(tmp_path):
    root = make_project(tmp_path)
    examples = [b for b in _blocks("yaml") if b.startswith("# 示例：追加到 ")]
    assert len(examples) >= 2
    for block in examples:
        target, key = re.match(r"# 示例：追加到 (\S+) 的 (\w+): 列表末尾", block).groups()
        lines = block.splitlines()[1:]
        item = load_text("x:\n" + "\n".join(lines) + "\n", "example").data["x"][0]
        path = root / target
        new = append_item(path.read_text(encoding="utf-8"), key, lines, item, target)
        assert new is not None, target
        path.write_text(new, encoding="utf-8")
    result = load(root, today=TODAY)  # the examples' review dates stay fresh
    assert [p.format() for p in result.errors] == []
    # the guide says the step goes into its checklist next; until then, this warning
    assert {p.rule for p in result.warnings} <= {"step-covered-by-checklist"}
    assert result.model.get("role", "specialist-digitisation") is not None
    assert result.model.get("step", "enrolment.archive") is not None


def test_review_table_matches_the_ownership_data():
    model = load(ROOT).model
    table = GUIDE.split("目前的分工")[1].split("要改分工")[0]
    for area in model.all("owner-area"):
        row = next((ln for ln in table.splitlines() if ln.startswith(f"| {area.name} |")), None)
        assert row is not None, area.name
        assert model.get("role", area.data["role"]).name in row
        for pattern in area.data["files"]:
            assert f"`{pattern}`" in row
