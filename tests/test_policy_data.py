"""The shipped data answers what a new hire asks, as the policy says it.

Each test reads the answer from the data the way a page would, and compares it
with the policy's wording (cited per test). If an edit changes an answer, the
test names the question that now gets a different answer.
"""
from __future__ import annotations

import re

import pytest

from conftest import ROOT
from macros.outputs.compose import load
from macros.check.rules.traceability import PLACEHOLDERS


@pytest.fixture(scope="module")
def model():
    result = load(ROOT)
    assert result.ok, [p.format() for p in result.errors]
    return result.model


def steps(model, process_id):
    return [s.data for s in model.children(model.get("process", process_id), "step")]


def accountable_approvers(model, process_id):
    return [s["raci"]["accountable"] for s in steps(model, process_id) if s.get("approval")]


def test_who_signs_a_purchase(model):  # 三.一.3
    assert accountable_approvers(model, "purchase") == ["director", "finance-department", "ceo"]


def test_urgent_purchase_is_countersigned_by_a_manager_and_reported(model):  # 三.一.4
    path = model.get("path", "purchase.urgent")
    assert path.data["replaces"] == ["department-head-sign"]
    sign, report = path.data["steps"]
    assert set(sign["raci"]["responsible"]) == {"manager-enrolment", "manager-graduation", "manager-archives"}
    assert sign["approval"] and report["record"]["kind"] == "report"


def test_enrolment_has_four_logged_gates_in_order(model):  # 三.一.2
    gates = steps(model, "enrolment")
    assert [g["name"] for g in gates] == ["材料初审", "信息录入", "系统校验", "家长确认"]
    assert all(g["gate"] and g["record"]["kind"] == "log" for g in gates)


def test_withdrawal_involves_finance_and_logistics(model):  # 一.一.4
    responsible = {r for s in steps(model, "withdrawal") for r in s["raci"]["responsible"]}
    assert {"finance-department", "logistics-department"} <= responsible


def test_status_changes_are_finally_reviewed_by_the_director(model):  # 四.一.1
    for pid in ("transfer", "suspension", "resumption", "withdrawal", "graduation"):
        assert accountable_approvers(model, pid)[-1] == "director", pid


def test_only_the_director_may_read_contracts(model):  # 三.二.3
    assert model.get("access-class", "contracts").data["readers"] == ["director"]
    assert model.get("action", "view-contracts").data["only"] == ["director"]


def test_reports_are_due_next_day_next_monday_first_of_next_month(model):  # 三.二.5
    units = {r.id: r.data["deadline"]["unit"] for r in model.all("report")}
    assert units == {"daily-report": "working_days", "weekly-report": "next_monday",
                     "monthly-report": "first_day_of_next_month"}
    assert model.get("report", "daily-report").data["deadline"]["amount"] == 1


def test_meetings_chairs_and_cycles(model):  # 四.二.1-4
    m = {x.id: x.data for x in model.all("meeting")}
    assert m["weekly-meeting"]["cycle"] == {"interval": 1, "unit": "week"}
    assert set(m["weekly-meeting"]["chairs"]) == {"manager-enrolment", "manager-graduation", "manager-archives"}
    assert m["biweekly-meeting"]["cycle"] == {"interval": 2, "unit": "week"}
    assert m["biweekly-meeting"]["chairs"] == ["director"]
    assert m["quarterly-strategy-meeting"]["cycle"]["unit"] == "quarter"
    assert m["quarterly-strategy-meeting"]["invited"] == ["ceo"]


@pytest.mark.parametrize("process_id, step_id, amount, unit", [
    ("emergency-decision", "retroactive-approval", 5, "calendar_days"),  # 四.一.2
    ("audit-rectification", "rectify", 7, "calendar_days"),  # 六.二.4
    ("new-risk-response", "draft-plan", 3, "calendar_days"),  # 六.二.6
    ("decision-follow-up", "distribute-minutes", 3, "calendar_days"),  # 三.二.4
    ("project-milestones", "kickoff", 2, "weeks"),  # 三.一.5
    ("project-milestones", "mid-term-review", 1, "months"),  # 三.一.6
])
def test_time_limits(model, process_id, step_id, amount, unit):
    deadline = model.get("step", f"{process_id}.{step_id}").data["deadline"]
    assert (deadline["amount"], deadline["unit"]) == (amount, unit)


def test_decisions_are_recorded_the_same_day_and_checked_at_the_next_weekly_meeting(model):  # 四.二.5-8
    follow = {s["id"]: s for s in steps(model, "decision-follow-up")}
    assert follow["record-decisions"]["deadline"]["unit"] == "same_day"
    assert follow["confirm-owners"]["record"]["kind"] == "email"
    assert model.get("decision-rule", "check-at-next-weekly-meeting").data["checked_in"] == "weekly-meeting"
    assert model.get("decision-rule", "late-execution").data["approver"] == "director"
    assert follow["extension-approval"]["raci"]["accountable"] == "director"


def test_permission_levels(model):  # 四.一.1-2
    held = {r.id: r.get("permission") for r in model.all("role") if r.get("permission")}
    assert held["specialist-enrolment"] == "basic-entry"
    assert held["manager-graduation"] == "non-critical-adjust"
    assert held["director"] == "final-review"
    assert held["crisis-team"] == "emergency-execution"
    review = model.doc("data/permissions.yml").data["review"]
    assert review["cycle"] == {"interval": 1, "unit": "year"}


def test_kpis_and_assessments(model):  # 五.一
    assert {k.data["dimension"] for k in model.all("kpi")} == {
        "accuracy", "timeliness", "compliance", "completeness", "error_rate"}
    cycles = {a.id: a.data["cycle"]["unit"] for a in model.all("assessment")}
    assert cycles == {"monthly-self-assessment": "month", "quarterly-superior-assessment": "quarter"}


def test_rotation_periods(model):  # 二.二.5-6
    spec = model.get("role", "specialist-graduation").data["rotation"]
    mgr = model.get("role", "manager-archives").data["rotation"]
    assert (spec["mode"], spec["period"]["amount"], spec["period"]["unit"]) == ("apply", 2, "years")
    assert (mgr["mode"], mgr["period"]["amount"], mgr["period"]["at_least"]) == ("rotate", 3, True)


def test_compliance_training_twice_a_year_and_monthly_drills(model):  # 六.一.4, 六.二.2-3
    training = model.get("compliance", "compliance-training").data["cycle"]
    assert (training["times"], training["at_least"], training["unit"]) == (2, True, "year")
    assert model.get("drill", "monthly-drill").data["cycle"]["unit"] == "month"
    assert model.get("audit", "quarterly-audit").data["cycle"]["unit"] == "quarter"


def test_every_named_department_has_an_interface(model):  # 一.一, 二.一.5
    departments = {i.data["department"] for i in model.all("interface")}
    assert departments == {"hr-department", "academic-affairs", "it-department",
                           "finance-department", "logistics-department"}
    assert model.get("interface", "hr-interface").data["contact_chosen_by"] == "director"
    assert model.get("interface", "academic-affairs-interface").data["level"] == "manager"


def test_every_step_has_a_limit_with_unit_or_an_open_question(model):
    for step in model.all("step"):
        d = step.data["deadline"]
        assert d.get("unit") or (d.get("unspecified") and d.get("open_question")), step.id


def test_every_open_question_has_owner_default_and_affects(model):
    for q in model.all("question"):
        assert q.get("owner") and q.get("proposed_default") and q.get("affects"), q.id


def test_no_placeholder_text_in_data_files_outside_open_questions():
    """The rule `no-placeholder-text` reads values; this reads the raw files,
    comments included."""
    found = []
    for path in sorted((ROOT / "data").rglob("*.yml")):
        if path.name == "open_questions.yml":
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if PLACEHOLDERS.search(line):
                found.append(f"{path.relative_to(ROOT)}:{n}: {line.strip()}")
    assert found == []


def test_the_policy_text_is_not_pasted():
    """Restated, not copied: no 20-character run of the policy's text appears in
    the data (headings of the clause index are our own short summaries)."""
    seed = ROOT.parent / "shared" / "seed" / "000_76d4514d8c9d385a.txt"  # ../shared beside the project
    if not seed.exists():
        pytest.skip("policy text not available on this machine")
    policy = re.sub(r"\s", "", seed.read_text(encoding="utf-8"))
    runs = {policy[i:i + 20] for i in range(len(policy) - 20)}
    for path in sorted((ROOT / "data").rglob("*.yml")):
        text = re.sub(r"\s", "", path.read_text(encoding="utf-8"))
        hits = [text[i:i + 20] for i in range(len(text) - 20) if text[i:i + 20] in runs]
        assert hits == [], (path.name, hits[:3])
