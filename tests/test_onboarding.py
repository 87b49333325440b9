"""The first week (issue 6): every role's plan fits five working days, covers
the role's duties, computes its reading time from the rendered pages, and
comes with a generated self-check that the built site and PDF carry."""
from __future__ import annotations

import math
import re
import subprocess

import pytest

from conftest import ROOT, copy_shipped
from macros.onboarding import duties as coverage, plan as op, quiz, reading, selfcheck
from macros.outputs.site.render.pages_onboarding import pdf_name
from macros.outputs.compose import load
from macros.outputs.site.render import Ctx, shared_for
from sitetools import article_text, broken_links, parse

ROLES = ("specialist-enrolment", "specialist-graduation", "specialist-archives",
         "manager-enrolment", "manager-graduation", "manager-archives", "director")


@pytest.fixture(scope="module")
def shipped():
    result = load(ROOT)
    return result


@pytest.fixture(scope="module")
def reloaded():
    """A second, independent load of the same project."""
    return load(ROOT)


def plan_of(model, role_id):
    plans = [p for p in model.all("onboarding") if p.get("role") == role_id]
    assert len(plans) == 1, f"{role_id}: {len(plans)} plans"
    return plans[0]


def test_shipped_plans_check_clean(shipped):
    ours = [p for p in shipped.problems if p.file.startswith("data/onboarding/") or p.rule.startswith("onboarding")]
    assert ours == [], "\n".join(p.format() for p in ours)


@pytest.mark.parametrize("role_id", ROLES)
def test_every_roles_plan_fits_five_working_days(shipped, role_id):
    model = shipped.model
    days = op.days(model, plan_of(model, role_id))
    assert [d.day for d in days] == [1, 2, 3, 4, 5]
    for d in days:
        assert all(i.minutes is not None for i in d.items), d
        assert 0 < d.minutes <= op.BUDGET_MINUTES, f"{role_id} day {d.day}: {d.minutes} min"
    assert op.BUDGET_MINUTES < op.WORKDAY_HOURS * 60
    print(role_id, [d.minutes for d in days], sum(d.minutes for d in days))


@pytest.mark.parametrize("role_id", ROLES)
def test_every_roles_plan_covers_its_duties_by_day_five(shipped, role_id):
    model = shipped.model
    plan = plan_of(model, role_id)
    duties = coverage.duties(model, model.get("role", role_id))
    kinds = {d.entity.kind for d in duties}
    # R/A steps, the permission level, recurring duties: all present for every role
    assert {"step", "permission", "action", "meeting", "report", "drill", "compliance", "assessment"} <= kinds
    assert coverage.uncovered(model, plan) == []


@pytest.mark.parametrize("role_id", ROLES)
def test_prerequisites_come_first(shipped, role_id):
    model = shipped.model
    seen = set()
    for item in op.items(model, plan_of(model, role_id)):
        assert set(item.after) <= seen, item.id
        seen.add(item.id)


def test_reading_time_is_computed_from_the_rendered_page(shipped):
    model = shipped.model
    plan = plan_of(model, "specialist-enrolment")
    read = next(i for i in op.items(model, plan) if i.target == "process:enrolment")
    page = next(p for p in __import__("macros.outputs.site.pages", fromlist=["generated"]).generated(model)
                if p.path == "processes/enrolment.md")
    html = page.render(Ctx(shared_for(model), page.path))
    han = len(re.findall(r"[\u4e00-\u9fff]", re.sub(r"<[^>]+>", " ", html)))
    assert han > 500
    assert read.computed and read.minutes == math.ceil(han / reading.RATE)
    # The typed estimates are the other kinds only.
    assert all(not i.computed for i in op.items(model, plan) if i.kind != "read")


def test_longer_page_means_longer_reading_time(tmp_path):
    """Not typed by hand: lengthen the process description and the plan's
    estimate for reading it grows by the added characters / rate."""
    root = copy_shipped(tmp_path)
    before = load(root).model
    item = lambda m: next(i for i in op.items(m, plan_of(m, "specialist-enrolment")) if i.target == "process:enrolment")
    chars = reading.page_chars(before, "processes/enrolment.md")
    assert item(before).minutes == math.ceil(chars / reading.RATE)
    path = root / "data" / "processes" / "enrolment.yml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "summary: 新生从提交材料", "summary: " + "核对" * 500 + "新生从提交材料", 1), encoding="utf-8")
    after = load(root)
    assert after.ok, after.problems
    longer = reading.page_chars(after.model, "processes/enrolment.md")
    assert longer >= chars + 1000
    assert item(after.model).minutes == math.ceil(longer / reading.RATE) >= item(before).minutes + 3


def test_a_missing_read_leaves_a_duty_uncovered(tmp_path):
    root = copy_shipped(tmp_path)
    path = root / "data" / "onboarding" / "specialist-enrolment.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("      - {id: read-reports, read: documents/reports.md}\n", ""), encoding="utf-8")
    problems = [p.format() for p in load(root).problems if p.rule == "onboarding-covers-duties"]
    assert any("report 'daily-report'" in p for p in problems), problems


@pytest.mark.parametrize("role_id", ROLES)
def test_self_check_is_generated_with_answers_and_pages(shipped, role_id):
    model = shipped.model
    qs = selfcheck.questions(model, model.get("role", role_id))
    assert len(qs) >= selfcheck.MIN_QUESTIONS
    assert len({q.text for q in qs}) == len(qs)
    for q in qs:
        assert q.text.endswith("？") and q.answer and q.entity is not None
    texts = " ".join(q.text for q in qs)
    assert "由谁批准" in texts or "由谁主持" in texts
    assert "之后是哪一道" in texts and "多久" in texts and "谁可以调阅" in texts


def test_self_check_answer_follows_the_data(tmp_path):
    root = copy_shipped(tmp_path)
    path = root / "data" / "meetings.yml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "    chairs: [manager-enrolment, manager-graduation, manager-archives]\n",
        "    chairs: [director]\n", 1), encoding="utf-8")
    model = load(root).model
    qs = {q.text: q.answer for q in selfcheck.questions(model, model.get("role", "specialist-enrolment"))}
    assert qs["「周会」由谁主持？"] == "总监"


@pytest.fixture(scope="module")
def built(shipped_site):
    return shipped_site.model, shipped_site.site  # conftest's one session build (read-only)


def test_site_has_a_first_week_page_and_self_check_per_role(built):
    model, site = built
    for role_id in ROLES:
        plan = plan_of(model, role_id)
        page = site / "first-week" / plan.id / "index.html"
        text = article_text(page)
        days = op.days(model, plan)
        for d in days:
            assert f"第 {d.day} 天" in text and f"约 {d.minutes} 分钟" in text
        total = sum(d.minutes for d in days)
        assert f"约 {total} 分钟" in text
        # Plain words: no reading-rate method, no "（按字数）" (it is in docs/maintainers/).
        assert "汉字/分钟" not in text and "按字数" not in text and "IReST" not in text
        boxes = [a for t, a in parse_inputs(page) if t == "input"]
        assert len(boxes) == len(op.items(model, plan))
        assert all(a["data-hb-key"].startswith(f"hb-onboarding:{plan.id}:") for a in boxes)
        assert f"print/{pdf_name(plan)}" in page.read_text(encoding="utf-8")

        check = site / "first-week" / f"{plan.id}-self-check" / "index.html"
        html = check.read_text(encoding="utf-8")
        asked = quiz.quiz(model, plan)
        assert html.count('<fieldset class="hb-question"') == len(asked) >= 10
        assert html.count('type="radio"') == sum(len(a.choices) for a in asked)
        for a in asked:
            # The key is a hash, never the answer in an attribute of its own.
            assert f'data-hb-check="{quiz.answer_check(plan.id, a.number, a.question.answer)}"' in html
        assert "hb-answer" not in html and "答案：" not in html


def parse_inputs(page):
    from html.parser import HTMLParser

    class P(HTMLParser):
        found: list = []

        def handle_starttag(self, tag, attrs):
            if tag == "input" and dict(attrs).get("class") == "hb-progress":
                self.found.append((tag, dict(attrs)))
    p = P()
    p.found = []
    p.feed(page.read_text(encoding="utf-8"))
    return p.found


def test_first_week_links_resolve_and_are_reachable(built):
    model, site = built
    broken = [b for b in broken_links(site) if "first-week" in b or "roles/" in b]
    assert broken == []
    home = (site / "first-week" / "index.html").read_text(encoding="utf-8")
    for role_id in ROLES:
        plan = plan_of(model, role_id)
        assert f'href="../first-week/{plan.id}/"' in (site / "roles" / role_id / "index.html").read_text(encoding="utf-8") \
            or f'href="{plan.id}/"' in home
        assert f'href="{plan.id}/"' in home
        assert "../../first-week/" in (site / "roles" / role_id / "index.html").read_text(encoding="utf-8")


def test_onboarding_pdfs_are_printed(built):
    model, site = built
    for plan in model.all("onboarding"):
        pdf = site / "print" / pdf_name(plan)
        assert pdf.exists(), pdf
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        assert plan.name in text and "第 5 天" in text and "自检答案" in text
        role = model.get("role", plan.get("role"))
        first = quiz.quiz(model, plan)[0]
        assert role is not None and first.question.text[:20] in text.replace("\n", "")


@pytest.mark.parametrize("role_id", ROLES)
def test_quiz_is_seeded_multiple_choice_covering_duties(shipped, reloaded, role_id):
    model = shipped.model
    plan = plan_of(model, role_id)
    asked = quiz.quiz(model, plan)
    # Seeded: a second, independent load draws the same quiz (each model
    # keeps its own, so this is not the same list handed back).
    again = reloaded.model
    redrawn = quiz.quiz(again, plan_of(again, role_id))
    assert [a.question.text for a in asked] == [a.question.text for a in redrawn]
    assert [a.choices for a in asked] == [a.choices for a in redrawn]
    assert quiz.size(model, plan) == len(asked)  # what the check rules count
    assert len(asked) >= selfcheck.MIN_QUESTIONS and quiz.uncovered_pages(model, plan) == []
    for a in asked:
        assert 3 <= len(a.choices) <= 4 and len(set(a.choices)) == len(a.choices)
        assert a.choices[a.correct] == a.question.answer
    assert any(a.question.scenario for a in asked)


def test_scenarios_come_from_paths_rules_and_access(shipped):
    model = shipped.model
    asked = {a.question.text: a for a in quiz.quiz(model, plan_of(model, "manager-enrolment"))}
    urgent = asked["「采购审批」走「紧急采购」（采购紧急、来不及等待部门负责人签字时）：「主管代签」完成以后，还必须依次做什么？"]
    assert urgent.question.answer == "「额外报备」 → 「财务部签字」 → 「CEO 签字」 → 「签字单和合同归档」"
    assert "「财务部签字」 → 「CEO 签字」 → 「签字单和合同归档」" in urgent.choices
    clerk = {a.question.text: a for a in quiz.quiz(model, plan_of(model, "specialist-enrolment"))}
    leak = clerk["任何人发现或造成学生信息泄露。你是招生学籍专员，第一步做什么？"]
    assert leak.question.answer == "「立即报告」" and "「控制影响」" in leak.choices
    assert clerk["有人要调阅一份「采购合同」。谁可以调阅？"].question.answer == "总监"


def test_a_new_approver_changes_the_right_answer(tmp_path):
    root = copy_shipped(tmp_path)
    text = "「复学」的「材料审核」由谁批准（A，负责）？"
    before = load(root).model
    plan = plan_of(before, "specialist-enrolment")
    old = next(a for a in quiz.quiz(before, plan) if a.question.text == text)
    assert old.choices[old.correct] == "招生学籍主管"
    path = root / "data" / "processes" / "resumption.yml"
    raw = path.read_text(encoding="utf-8")
    step = "raci: {responsible: [specialist-enrolment], accountable: manager-enrolment, consulted: [academic-affairs]}"
    assert raw.count(step) == 1
    path.write_text(raw.replace(step, step.replace("manager-enrolment", "director")), encoding="utf-8")
    after = load(root).model
    new = next(a for a in quiz.quiz(after, plan_of(after, "specialist-enrolment")) if a.question.text == text)
    assert new.choices[new.correct] == "总监" and new.question.answer == "总监"
    assert quiz.answer_check(plan.id, new.number, "总监") != quiz.answer_check(plan.id, old.number, "招生学籍主管")


def test_pass_mark_is_data_with_a_rule(tmp_path):
    root = copy_shipped(tmp_path)
    path = root / "data" / "onboarding" / "specialist-enrolment.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("pass_mark: 80", "pass_mark: 100"), encoding="utf-8")
    result = load(root)
    n = len(quiz.quiz(result.model, result.model.get("onboarding", "specialist-enrolment")))
    msgs = [p.message for p in result.problems if p.rule == "onboarding-pass-mark"]
    assert msgs == [f"pass_mark 100 needs all {n} answers right: a single awkward question would fail everyone; "
                    f"set it to {(n - 1) * 100 // n} or lower"]


def test_wrong_answers_are_ranked_in_the_seeded_key_order():
    """quiz._ranked hashes the shared prefix once; the order must stay the
    one _key gives (every published quiz's choices depend on it)."""
    values = ["总监", "学籍主管", "a|b", "", "x" * 70, "学籍专员（入学）", "|", "2026-01-01"]
    for parts in (("plan-a", "谁负责审核？"), ("", ""), ("p|q", "r")):
        assert quiz._ranked(values, *parts) == sorted(values, key=lambda v: quiz._key(*parts, v))
