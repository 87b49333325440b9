"""Policy, proposal, decision: a question decided end to end, and the standing
of statements in the pages, the prints and the export.

tests/fixtures/valid/question-proposed is the base project where the handbook
proposes a time limit for the first enrolment gate (open question
gate-deadlines-unspecified); question-decided is the same project after the
总监's path: the question decided in data/open_questions.yml and the data
changed to say so. Both check clean.
"""
from __future__ import annotations

from conftest import FIXTURES, ROOT, make_project
from macros.model import basis
from macros.outputs.compose import load
from macros.outputs.export.api import document
from macros.outputs.print.checklist import step_item
from macros.outputs.site.pages import generated
from macros.outputs.site.render.context import shared_for

Q = "gate-deadlines-unspecified"
STEP = "enrolment.material-review"


def _load(tmp_path, case):
    result = load(make_project(tmp_path, FIXTURES / "valid" / case / "files"))
    assert [p.format() for p in result.problems] == []  # no error, no warning
    return result


def _page(result, path) -> str:
    shared = shared_for(result.model)
    return next(p for p in generated(result.model) if p.path == path).markdown(shared)


def _exported(result, ref):
    kind, _, ident = ref.partition(":")
    return next(e for e in document(result)["entities"] if e["kind"] == kind and e["id"] == ident)


def test_a_question_decided_end_to_end(tmp_path):
    before = _load(tmp_path / "before", "question-proposed")
    page = _page(before, "processes/enrolment.md")
    assert ('制度未规定 · <span class="hb-basis hb-basis-proposal">建议：收到材料后 2 个工作日内（待决问题：'
            in page)
    assert "hb-basis-decision" not in page
    log = _page(before, "questions/index.md")
    assert "待决 3 个，已决定 0 个" in log and "已决定（" not in log
    step = _exported(before, f"step:{STEP}")
    assert step["basis"] == "policy"  # the gate itself is the policy's
    assert step["parts"] == {"deadline": {"basis": "proposal", "question": Q}}
    printed = step_item(before.model, before.model.get("step", STEP).data, ref=STEP)
    assert dict(printed.facts)["时限"] == "制度未规定 · 建议：收到材料后 2 个工作日内（待决问题：新生入学各关卡没有时限）"

    after = _load(tmp_path / "after", "question-decided")
    page = _page(after, "processes/enrolment.md")
    assert ('制度未规定 · <span class="hb-basis hb-basis-decision">决定：收到材料后 2 个工作日内（'
            in page)
    assert "2026-11-20" in page and "hb-basis-proposal" not in page
    log = _page(after, "questions/index.md")
    assert "待决 2 个，已决定 1 个" in log
    decided = log[log.index("## 已决定（1）"):log.index("## 逐条说明")]
    assert "2026-11-20" in decided and "每道关卡在收到材料后两个工作日内办完。" in decided
    step = _exported(after, f"step:{STEP}")
    assert step["parts"] == {"deadline": {"basis": "decision", "question": Q, "decision": {
        "by": "manager-enrolment", "date": "2026-11-20", "record": "2026-会议纪要-041（招生学籍周会）"}}}
    printed = step_item(after.model, after.model.get("step", STEP).data, ref=STEP)
    assert dict(printed.facts)["时限"] == "制度未规定 · 决定：收到材料后 2 个工作日内（招生学籍主管，2026-11-20）"


def test_the_proposal_left_behind_after_a_decision_is_warned(tmp_path):
    """The question decided in one pull request, the data not yet: the rule
    points at the proposal (a warning, so the decision can merge first)."""
    root = make_project(tmp_path, FIXTURES / "valid" / "question-proposed" / "files")
    decided = FIXTURES / "valid" / "question-decided" / "files" / "data" / "open_questions.yml"
    (root / "data" / "open_questions.yml").write_bytes(decided.read_bytes())
    result = load(root)
    assert result.ok
    assert [p.rule for p in result.warnings] == ["proposal-question-open"] + ["open-reference-to-decided"] * 3


def test_every_exported_entity_carries_its_basis():
    result = load(ROOT)
    entities = document(result)["entities"]
    assert {e["basis"] for e in entities} == {"policy", "proposal"}
    transfer = next(e for e in entities if e["kind"] == "process" and e["id"] == "transfer")
    assert transfer["basis"] == "proposal" and transfer["basis_question"] == "student-process-details"
    # a step of a proposed process stands where its process stands
    assert _exported(result, "step:transfer.application")["basis"] == "proposal"
    # a policy entity with one proposed field carries it in parts
    weekly = _exported(result, "meeting:weekly-meeting")
    assert weekly["basis"] == "policy"
    assert weekly["parts"]["chairs"] == {"basis": "proposal", "question": "weekly-meeting-chair"}


def test_a_step_whose_own_basis_differs_from_its_process():
    result = load(ROOT)
    step = result.model.get("step", "transfer.director-approval")
    assert basis.of_entity(result.model, step) == basis.Basis(basis.PROPOSAL, "critical-data-undefined")
    assert basis.of_entity(result.model, result.model.get("step", "transfer.application")).own is False


def test_mostly_proposed_process_opens_with_a_notice_and_a_policy_one_does_not():
    result = load(ROOT)
    assert "建议，非制度" in _page(result, "processes/transfer.md")
    assert "建议，非制度" not in _page(result, "processes/enrolment.md")


def test_shipped_questions_all_have_a_status_and_a_raised_date():
    result = load(ROOT)
    for q in result.model.all("question"):
        assert q.get("raised"), q.id
        assert basis.status(q) in (basis.OPEN, basis.DECIDED, basis.WITHDRAWN)
