"""Clause coverage: statuses of leaves and parents, on the shipped data and on
small projects built for each case."""
from __future__ import annotations

import textwrap

import pytest

from conftest import ROOT, make_project
from macros.check import coverage
from macros.outputs.compose import load


@pytest.fixture(scope="module")
def shipped():
    result = load(ROOT)
    assert result.ok, [p.format() for p in result.errors]
    return result.model, coverage.compute(result.model)


def test_every_shipped_clause_is_resolved(shipped):
    _, cov = shipped
    assert [c.id for c in cov.clauses if not c.resolved] == []
    # open clauses (二.二.1 编制X人, 七.一 cut off) are not settled: no 100%
    assert cov.percent < 100.0


def test_a_clause_whose_content_is_left_open_is_open_though_cited(shipped):
    """二.二.1 is cited by the specialist roles, but its only content, the
    headcount, is "X人": the index keeps it open."""
    _, cov = shipped
    status = cov.by_id["二.二.1"]
    assert status.covered_by and status.status == coverage.OPEN
    assert cov.by_id["二.二"].status == coverage.OPEN


def test_sales_and_technology_kpis_are_out_of_scope_with_a_reason(shipped):
    _, cov = shipped
    for cid in ("五.一.2", "五.一.3"):
        status = cov.by_id[cid]
        assert status.status == coverage.OUT_OF_SCOPE
        assert "不由学籍管理部门" in status.reason
        assert status.covered_by == ()


def test_cut_off_section_is_open_and_its_chapter_too(shipped):
    _, cov = shipped
    assert cov.by_id["七.一"].status == coverage.OPEN
    assert cov.by_id["七.一"].questions == ("section-seven-cut-off",)
    assert cov.by_id["七"].status == coverage.OPEN
    assert cov.by_id["七"].children == ("七.一",)


def test_parent_is_covered_when_children_are_covered_or_out_of_scope(shipped):
    _, cov = shipped
    five_one = cov.by_id["五.一"]
    assert five_one.children == ("五.一.1", "五.一.2", "五.一.3", "五.一.4", "五.一.5", "五.一.6")
    assert five_one.status == coverage.COVERED
    assert cov.by_id["五"].status == coverage.COVERED


def test_covering_data_is_named(shipped):
    _, cov = shipped
    refs = {c.ref for c in cov.by_id["三.一.4"].covered_by}
    assert {"path:purchase.urgent", "process:purchase"} <= refs
    # a block that is not an entity is named by its file and place
    assert any(c.kind == "file" and "recruitment" in c.id for c in cov.by_id["二.二.3"].covered_by)
    # questions do not cover, but they are listed with the clause
    assert "headcount-unspecified" in cov.by_id["二.二.1"].questions
    assert all(c.kind != "question" for c in cov.by_id["二.二.1"].covered_by)


def test_every_sentence_level_clause_has_a_parent(shipped):
    _, cov = shipped
    for status in cov.clauses:
        if status.id.count(".") and status.id != "七.一":
            assert status.parent, status.id


def _append(path, text):
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def _project(tmp_path, clauses=(), glossary=None, question=None):
    """The base project plus clauses (appended to the index as (id, heading,
    out_of_scope)), a replacement glossary, and one more open question."""
    root = make_project(tmp_path)
    for cid, heading, reason in clauses:
        extra = f", out_of_scope: {reason}" if reason else ""
        _append(root / "data" / "sources.yml", f"  - {{id: {cid}, heading: {heading}{extra}}}\n")
    if glossary:
        (root / "data" / "glossary.yml").write_text(textwrap.dedent(glossary), encoding="utf-8")
    if question:
        _append(root / "data" / "open_questions.yml", textwrap.indent(textwrap.dedent(question), "  "))
    return root


def test_uncovered_child_makes_its_parents_uncovered(tmp_path):
    root = _project(tmp_path, [("六.二.7", "新条款", "")])
    result = load(root)
    cov = coverage.compute(result.model)
    assert cov.by_id["六.二.7"].status == coverage.UNCOVERED
    assert cov.by_id["六.二"].status == coverage.UNCOVERED
    assert cov.by_id["六"].status == coverage.UNCOVERED
    assert cov.percent < 100
    assert [p.rule for p in result.errors] == ["clause-coverage"]


def test_all_children_out_of_scope_make_the_parent_out_of_scope(tmp_path):
    root = _project(tmp_path, [("六.二.7", "甲", "其他部门执行。"), ("六.二.8", "乙", "其他部门执行。")])
    cov = coverage.compute(load(root).model)
    # 六.二 had no children before; now its children decide, and both are out of scope
    assert cov.by_id["六.二"].status == coverage.OUT_OF_SCOPE
    assert cov.by_id["六"].status == coverage.COVERED  # 六.一 is covered


def test_a_glossary_term_alone_does_not_cover_a_clause(tmp_path):
    root = _project(tmp_path, [("六.二.7", "新条款", "")], glossary="""\
        terms:
          - {id: raci, name: RACI, abbr: RACI, definition: 职责分工。, source: [三.一, 六.二.7]}
        """)
    cov = coverage.compute(load(root).model)
    assert cov.by_id["六.二.7"].status == coverage.UNCOVERED
    assert [t.ref for t in cov.by_id["六.二.7"].mentioned_by] == ["term:raci"]


def test_a_question_citing_a_clause_makes_it_open(tmp_path):
    root = _project(tmp_path, [("六.二.7", "新条款", "")], question="""\
        - id: new-clause-unclear
          name: 新条款不清楚
          question: 新条款没有说明由谁执行。
          owner: director
          raised: "2026-12-02"
          proposed_default: 由总监执行。
          affects: [clause:六.二.7]
          source: [六.二.7]
        """)
    result = load(root)
    assert result.ok, [p.format() for p in result.errors]
    cov = coverage.compute(result.model)
    assert cov.by_id["六.二.7"].status == coverage.OPEN
    assert cov.by_id["六.二.7"].questions == ("new-clause-unclear",)


def _proposed_clause(tmp_path, basis, affects):
    """六.二.7, cited only by a risk that rests on `basis`."""
    root = _project(tmp_path, [("六.二.7", "新条款", "")], question=f"""\
        - id: new-clause-unclear
          name: 新条款不清楚
          question: 新条款没有说明由谁执行。
          owner: director
          raised: "2026-12-02"
          proposed_default: 由总监执行。
          affects: [{affects}]
          source: [六.二.7]
        """)
    path = root / "data" / "risks.yml"
    risk = ("  - {id: new-risk, name: 新风险, summary: 新的风险。, owner: director, plan: 由总监执行。, "
            f"review_cycle: {{interval: 1, unit: year}}, basis: {basis}, source: [六.二.7]}}\n")
    path.write_text(path.read_text(encoding="utf-8").replace("risks:\n", "risks:\n" + risk, 1), encoding="utf-8")
    return root


def test_a_clause_cited_only_by_a_proposal_is_a_proposal(tmp_path):
    result = load(_proposed_clause(tmp_path, "{proposal: new-clause-unclear}", "risk:new-risk"))
    assert result.ok, [p.format() for p in result.errors]
    cov = coverage.compute(result.model)
    assert cov.by_id["六.二.7"].status == coverage.PROPOSAL
    assert [c.basis for c in cov.by_id["六.二.7"].covered_by] == ["proposal"]


def test_a_clause_cited_only_by_a_decision_is_decided(tmp_path):
    result = load(_proposed_clause(
        tmp_path, "{decision: {by: director, date: '2027-01-05', record: 2027-会议纪要-001}}", "clause:六.二.7"))
    assert result.ok, [p.format() for p in result.errors]
    assert coverage.compute(result.model).by_id["六.二.7"].status == coverage.DECIDED


def test_summary_counts(shipped):
    model, cov = shipped
    text = coverage.summary(cov, coverage.open_questions(model))
    assert f"{cov.count(coverage.OPEN)} open, 2 out of scope, 0 uncovered; " in text
    assert "100%" not in text
    assert text.endswith(f"% of leaves settled; {coverage.open_questions(model)} open question(s)")
    assert f"{len(cov.clauses)} clauses" in text


def test_coverage_command_lists_every_clause(capsys):
    from macros.cli.main import main
    assert main(["coverage", str(ROOT)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert "100%" not in lines[-1] and lines[-1].endswith("open question(s)")
    assert any(line.strip().startswith("五.一.2 ") and "[out_of_scope]" in line for line in lines)
    assert main(["coverage", str(ROOT), "--format", "json"]) == 0
    import json
    clauses = json.loads(capsys.readouterr().out)
    assert {c["status"] for c in clauses} == {"covered", "out_of_scope", "open"}


def test_coverage_command_fails_on_an_uncovered_clause(tmp_path, capsys):
    from macros.cli.main import main
    root = _project(tmp_path, [("六.二.7", "新条款", "")])
    assert main(["coverage", str(root)]) == 1
    out = capsys.readouterr().out
    assert "clause '六.二.7' (新条款) is not covered" in out
