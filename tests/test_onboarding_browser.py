"""The first-week page in real Chromium: a ticked item survives a reload
(localStorage, no server), the counter follows, keys are namespaced per
plan and item; the quiz scores and the plan is dated (issue 20). Served from
127.0.0.1 on a free port; every other request is blocked."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import need_system
from sitetools import need_browser, CHROMIUM, browser_page, serve

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def site(shipped_site):
    need_browser()
    return shipped_site.site  # conftest's one session build (read-only)


def test_ticked_item_survives_reload(site):
    blocked: list = []
    with serve(site) as url, browser_page(blocked) as page:
        page.goto(url + "first-week/specialist-enrolment/")
        box = page.locator('input.hb-progress[data-hb-key="hb-onboarding:specialist-enrolment:read-role"]')
        other = page.locator('input.hb-progress[data-hb-key="hb-onboarding:specialist-enrolment:read-org"]')
        assert not box.is_checked()
        box.check()
        assert page.locator(".hb-progress-summary .hb-done").inner_text() == "1"
        page.reload()
        box = page.locator('input.hb-progress[data-hb-key="hb-onboarding:specialist-enrolment:read-role"]')
        assert box.is_checked()
        assert not other.is_checked()
        assert page.locator(".hb-progress-summary .hb-done").inner_text() == "1"
        stored = page.evaluate("() => Object.keys(localStorage).filter(k => k.startsWith('hb-onboarding:'))")
        assert stored == ["hb-onboarding:specialist-enrolment:read-role"]

        # Another role's plan has the same item id and is not ticked by it.
        page.goto(url + "first-week/specialist-graduation/")
        assert not page.locator('input.hb-progress[data-hb-key="hb-onboarding:specialist-graduation:read-role"]').is_checked()

        # Unticking removes the key; the reset button clears the rest.
        page.goto(url + "first-week/specialist-enrolment/")
        page.locator('input.hb-progress[data-hb-key="hb-onboarding:specialist-enrolment:read-org"]').check()
        page.locator(".hb-progress-reset").click()
        page.reload()
        assert page.locator("input.hb-progress:checked").count() == 0
        assert page.evaluate("() => Object.keys(localStorage).filter(k => k.startsWith('hb-onboarding:')).length") == 0

    assert blocked == [], f"requests to other hosts: {blocked}"


ROLES = ["director", "manager-archives", "manager-enrolment", "manager-graduation",
         "specialist-archives", "specialist-enrolment", "specialist-graduation"]


@pytest.mark.parametrize("plan_id", ROLES)
def test_quiz_scores_and_plan_is_dated_per_role(site, plan_id):
    """Choose answers (the first choice everywhere), submit, see the score the
    Python key gives; set 2026-12-28 as the start: day 5 is 2027-01-04, 元旦
    skipped; the mentor summary shows the score and the open items."""
    from macros.onboarding import quiz
    from macros.outputs.compose import load
    model = load(Path(site).parent / "shipped").model
    plan = model.get("onboarding", plan_id)
    asked = quiz.quiz(model, plan)
    right = sum(1 for a in asked if a.correct == 0)
    blocked: list = []
    with serve(site) as url, browser_page(blocked) as page:
        page.goto(url + f"first-week/{plan_id}-self-check/")
        sets = page.locator("fieldset.hb-question")
        assert sets.count() == len(asked)
        # Keyboard: focus the first choice, Space picks it.
        page.locator("#q-1 input[type=radio]").first.focus()
        page.keyboard.press("Space")
        for i in range(2, len(asked) + 1):
            page.locator(f"#q-{i} input[type=radio]").first.check()
        page.locator("#hb-quiz button[type=submit]").press("Enter")
        need = quiz.needed(plan, len(asked))
        result = page.locator("#hb-quiz-result").inner_text()
        verdict = "通过" if right >= need else "未通过"
        assert result == (f"得分：{right} / {len(asked)}（{round(right * 100 / len(asked))}%）；"
                          f"及格线：{quiz.pass_mark(plan)}%（{need} 题）；{verdict}。")
        assert page.locator("fieldset.hb-wrong").count() == len(asked) - right
        wrong = [a for a in asked if a.correct != 0]
        if wrong:
            src = page.locator(f"#q-{wrong[0].number} .hb-q-source")
            assert src.is_visible() and "正确答案在这一页" in src.inner_text()
        assert not page.locator(f"#q-{asked[0].number} .hb-q-source").is_visible() or asked[0].correct != 0

        page.goto(url + f"first-week/{plan_id}/")
        page.locator("#hb-start").fill("2026-12-28")
        assert page.locator('span.hb-day-date[data-day="5"]').inner_text() == "2027-01-04（星期一）"
        assert page.locator('span.hb-day-date[data-day="4"]').inner_text() == "2026-12-31（星期四）"
        assert page.locator('p.hb-day-date[data-day="5"]').inner_text() == "日期：2027-01-04（星期一）"
        out = page.locator("#hb-week-out").inner_text()
        assert "2027-01-01（星期五） 法定节假日（元旦）" in out and "2027 年（暂定" in out
        page.locator("#hb-summary-make").click()
        summary = page.locator("#hb-summary").inner_text()
        assert f"自检得分：{right} / {len(asked)}" in summary and "入职日期：2026-12-28（星期一）" in summary
        assert "完成事项：0 / " in summary and "未完成事项：" in summary
    assert blocked == [], f"requests to other hosts: {blocked}"


def test_browser_dates_match_python(site):
    """The page's dating (onboarding-week.js over the calculator's table) and
    macros/onboarding/week.py agree, make-up working days and provisional
    years included."""
    import datetime as dt
    from macros.onboarding.week import dated
    from macros.outputs.compose import load
    from macros.time import holidays
    cal = holidays.for_model(load(Path(site).parent / "shipped").model)
    blocked: list = []
    with serve(site) as url, browser_page(blocked) as page:
        page.goto(url + "first-week/specialist-graduation/")
        for start in ("2026-10-01", "2026-12-28", "2027-02-05", "2030-09-30"):
            page.locator("#hb-start").fill(start)
            shown = [page.locator(f'span.hb-day-date[data-day="{n}"]').inner_text()[:10] for n in range(1, 6)]
            want = [d.isoformat() for d in dated(dt.date.fromisoformat(start), cal).dates]
            assert shown == want, start
    assert blocked == [], f"requests to other hosts: {blocked}"
