"""Review freshness: overdue reviews warn (never fail), with `today` injected;
the yearly authorisation review of 制度 四.一; the site's "上次审核" text."""
from __future__ import annotations

from datetime import date

import pytest

from conftest import FIXTURES, ROOT, TODAY, case_today, make_project
from macros.core.dates import add_months
from macros.model.review import review_of
from macros.outputs import provenance
from macros.outputs.site.render import Ctx, shared_for
from macros.outputs.site.render.fields import review_html
from macros.outputs.compose import load

WARNINGS = sorted(p for p in (FIXTURES / "warnings").iterdir() if p.is_dir())


@pytest.mark.parametrize("case", WARNINGS, ids=lambda p: p.name)
def test_warning_case_reports_exact_lines_and_stays_ok(case, tmp_path):
    result = load(make_project(tmp_path, case / "files"), today=case_today(case))
    expected = (case / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert [p.format() for p in result.problems] == expected
    assert result.ok and not result.errors  # warnings never fail a check


def _overdue_on(tmp_path, day):
    root = make_project(tmp_path, FIXTURES / "warnings" / "review-overdue" / "files")
    return [p for p in load(root, today=day).warnings if p.rule == "review-overdue"]


def test_due_day_is_not_overdue_but_the_next_day_is(tmp_path):
    # last_reviewed 2025-10-31 + 12 months = 2026-10-31
    assert _overdue_on(tmp_path / "a", date(2026, 10, 31)) == []
    assert len(_overdue_on(tmp_path / "b", date(2026, 11, 1))) == 1


def test_add_months_clamps_to_the_end_of_the_month():
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2027, 12, 15), 1) == date(2028, 1, 15)
    assert add_months(date(2024, 2, 29), 12) == date(2025, 2, 28)


def test_shipped_data_is_warning_free_and_warns_when_it_ages():
    # A fixed day, not the real one: the reviews fall due with the calendar,
    # and a review falling due must not fail an unrelated pull request.
    # (Only this warnings: other rules' findings are their tests' business.)
    mine = {"review-overdue", "authorisation-review-yearly", "placeholder-left"}
    assert [p.format() for p in load(ROOT, today=TODAY).warnings if p.rule in mine] == []
    later = load(ROOT, today=date(2099, 1, 1))
    assert any(p.rule in ("review-overdue",) for p in later.warnings)
    assert later.ok


def test_authorisation_review_longer_than_a_year_is_an_error(tmp_path):
    root = make_project(tmp_path, FIXTURES / "invalid" / "authorisation-review-too-long" / "files")
    errors = load(root, today=TODAY).errors
    assert [p.rule for p in errors] == ["authorisation-review-yearly"]


def test_malformed_review_record_has_no_freshness():
    assert review_of({"review": {"last_reviewed": "2026-13-01", "cycle_months": 12}}) is None
    assert review_of({"name": "x"}) is None
    assert provenance.review_due(None) == ""


def test_rule_site_and_print_agree_on_the_review_due_date():
    """One computation (core.dates.add_months via model.review): the rule's due
    date, the site's 下次审核 and the printed 复审到期 are the same day."""
    result = load(ROOT, today=TODAY)
    entity = next(e for e in result.model.all("process") if e.get("review"))
    record = {**entity.data, "review": {**entity.get("review"), "last_reviewed": "2026-01-31",
                                        "cycle_months": 1}}
    due = review_of(record).due
    assert due == date(2026, 2, 28)
    assert provenance.review_due(record["review"]) == "2026-02-28"
    fake = type(entity)(entity.kind, entity.id, record, entity.doc, entity.path)
    ctx = Ctx(shared_for(result.model), "processes/x.md")
    assert "审核周期：每月 · 下次审核：2026-02-28 前" in str(review_html(ctx, fake))
