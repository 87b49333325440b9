"""Due dates: every unit, across national holidays and make-up working days,
and the year the holiday library does not cover. Expected dates were worked
out by hand from the State Council's 2026 schedule (国办发明电〔2025〕7号:
国庆 10-01..10-07 with 09-20 Sun and 10-10 Sat worked; 春节 02-15..02-23 with
02-14 Sat and 02-28 Sat worked), not by the code under test."""
from __future__ import annotations

import datetime as dt

import pytest

from conftest import FIXTURES, make_project
from macros.time import due
from macros.cli.main import main

D = dt.date.fromisoformat
UNITS_CASE = FIXTURES / "valid" / "every-deadline-unit" / "files"


@pytest.mark.parametrize("limit, start, expected", [
    ({"amount": 3, "unit": "calendar_days"}, "2026-09-30", "2026-10-03"),
    ({"amount": 3, "unit": "calendar_days"}, "2026-12-30", "2027-01-02"),  # no holiday data needed
    ({"amount": 3, "unit": "working_days"}, "2026-09-30", "2026-10-10"),  # 国庆, then the make-up Saturday
    ({"amount": 5, "unit": "working_days"}, "2026-09-18", "2026-09-24"),  # the make-up Sunday 09-20 counts
    ({"amount": 3, "unit": "working_days"}, "2026-02-12", "2026-02-24"),  # 02-14 worked, 春节 skipped
    ({"amount": 2, "unit": "working_days"}, "2026-11-27", "2026-12-01"),  # an ordinary weekend
    ({"amount": 1, "unit": "working_days"}, "2026-10-09", "2026-10-10"),  # Saturday, but worked
    ({"amount": 2, "unit": "weeks"}, "2026-03-10", "2026-03-24"),
    ({"amount": 1, "unit": "months"}, "2024-01-31", "2024-02-29"),
    ({"amount": 1, "unit": "months"}, "2025-01-31", "2025-02-28"),
    ({"amount": 3, "unit": "months"}, "2026-01-19", "2026-04-19"),
    ({"amount": 5, "unit": "years"}, "2026-01-19", "2031-01-19"),
    ({"amount": 3, "unit": "years", "at_least": True}, "2024-02-29", "2027-02-28"),
    ({"unit": "same_day"}, "2026-07-15", "2026-07-15"),
    ({"unit": "next_monday"}, "2026-10-04", "2026-10-05"),  # Sunday -> the next day
    ({"unit": "next_monday"}, "2026-10-05", "2026-10-12"),  # a Monday -> the following Monday
    ({"unit": "next_monday"}, "2026-10-10", "2026-10-12"),
    ({"unit": "first_day_of_next_month"}, "2026-02-15", "2026-03-01"),
    ({"unit": "first_day_of_next_month"}, "2026-12-31", "2027-01-01"),
])
def test_due_date_for_every_unit(limit, start, expected):
    assert due.compute(limit, D(start)).date == D(expected)


def test_working_days_explain_the_holiday_and_the_make_up_day():
    how = "\n".join(due.compute({"amount": 3, "unit": "working_days"}, D("2026-09-30")).how)
    assert "跳过 2026-10-01 至 2026-10-07：法定节假日（国庆节）" in how
    assert "计入 2026-10-10：调休上班日（国庆节）" in how
    assert "第 3 个工作日是 2026-10-10（星期六）" in how


def test_calendar_days_landing_on_a_holiday_say_so_but_do_not_move():
    d = due.compute({"amount": 3, "unit": "calendar_days"}, D("2026-09-30"))
    assert d.date == D("2026-10-03")
    assert any("法定节假日（国庆节）" in line and "不顺延" in line for line in d.how)


def test_at_least_is_an_earliest_date_not_a_due_date():
    d = due.compute({"amount": 2, "unit": "years", "at_least": True}, D("2026-03-01"))
    assert (d.label, d.date, d.at_least) == ("最早日期", D("2028-03-01"), True)


@pytest.mark.parametrize("start", ["2026-12-28", "2027-03-01"])
def test_working_days_in_a_year_without_holiday_data_fail_clearly(start):
    with pytest.raises(due.DueError, match="2027.*chinesecalendar .* 2004.2026"):
        due.compute({"amount": 5, "unit": "working_days"}, D(start))


def test_unspecified_limits_are_not_computed():
    with pytest.raises(due.DueError, match="没有规定"):
        due.compute({"unspecified": True, "open_question": "x"}, D("2026-01-01"))


# -- the command ----------------------------------------------------------------

@pytest.fixture
def units_project(tmp_path):
    return make_project(tmp_path, UNITS_CASE)


def test_list_prints_rule_ids_first_with_chinese_names(units_project, capsys):
    assert main(["due", "--list", "--dir", str(units_project)]) == 0
    lines = capsys.readouterr().out.splitlines()
    pairs = [line.split(None, 1) for line in lines]
    ids = [p[0] for p in pairs]
    assert "time-limits.working-three" in ids and "time-limits.next-month" in ids
    assert dict(pairs)["time-limits.working-three"] == "三个工作日"
    # steps whose limit the policy leaves open are not computable rules
    assert "enrolment.data-entry" not in ids


@pytest.mark.parametrize("rule, start, expected", [
    ("time-limits.calendar-three", "2026-09-30", "截止日期：2026-10-03（星期六）"),
    ("time-limits.working-three", "2026-09-30", "截止日期：2026-10-10（星期六）"),
    ("time-limits.working-five", "2026-09-18", "截止日期：2026-09-24（星期四）"),
    ("time-limits.two-weeks", "2026-03-10", "截止日期：2026-03-24（星期二）"),
    ("time-limits.one-month", "2024-01-31", "截止日期：2024-02-29（星期四）"),
    ("time-limits.three-years", "2024-02-29", "最早日期：2027-02-28（星期日）"),
    ("time-limits.same-day", "2026-07-15", "截止日期：2026-07-15（星期三）"),
    ("time-limits.next-monday", "2026-10-04", "截止日期：2026-10-05（星期一）"),
    ("time-limits.next-month", "2026-12-31", "截止日期：2027-01-01（星期五）"),
])
def test_due_command_prints_the_date_and_how(units_project, capsys, rule, start, expected):
    assert main(["due", rule, start, "--dir", str(units_project)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == expected
    assert out[1].startswith(f"规则：{rule} ")
    assert "计算：" in out


@pytest.mark.parametrize("args, message", [
    (["time-limits.working-thre", "2026-09-30"], "did you mean 'time-limits.working-three'"),
    (["time-limits.working-three", "2026-02-30"], "not a date"),
    (["time-limits.working-three", "30.09.2026"], "not a date"),
    (["time-limits.working-five", "2026-12-28"], "2027"),
    (["time-limits.working-three"], "give a RULE and a DATE"),
    (["enrolment.data-entry", "2026-09-30"], "no time limit"),
])
def test_due_usage_errors_exit_2_without_traceback(units_project, capsys, args, message):
    assert main(["due", *args, "--dir", str(units_project)]) == 2
    captured = capsys.readouterr()
    assert message in captured.err
    assert "Traceback" not in captured.err + captured.out


def test_due_json_format(units_project, capsys):
    import json
    assert main(["due", "time-limits.working-three", "2026-09-30", "--dir", str(units_project),
                 "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert (out["date"], out["at_least"]) == ("2026-10-10", False)


def test_three_day_limits_have_their_open_question(tmp_path):
    """GUIDE §2: whether 三日内 means calendar or working days is an open question
    in the shipped data, and the shipped minutes limit points at it."""
    from conftest import ROOT
    from macros.outputs.compose import load
    result = load(ROOT)
    questions = [q for q in result.model.all("question")
                 if "三日" in (q.get("question", "") + q.name) and "工作日" in (q.get("question", "") + q.name)]
    assert questions, "open_questions.yml lacks the 三日内 calendar-or-working-days question"
    from macros.time import deadlines
    ids = {q.id for q in questions}
    three_days = [r for r in deadlines.rules(result)
                  if r.limit.get("amount") == 3 and r.limit.get("unit") in ("calendar_days", "working_days")]
    assert three_days and all(r.open_question in ids for r in three_days), \
        [(r.id, r.open_question) for r in three_days if r.open_question not in ids]
