"""Due dates: every unit, across national holidays and make-up working days,
a due date on a rest day (moved to the next working day, 民法典 203), and the
years the holiday library does not cover (provisional statutory holidays, or
a data file). Expected dates were worked out by hand from the State Council's
2026 schedule (国办发明电〔2025〕7号: 国庆 10-01..10-07 with 09-20 Sun and 10-10
Sat worked; 春节 02-15..02-23 with 02-14 Sat and 02-28 Sat worked) and, for
2027, from the lunar calendar (春节 初一 2027-02-06, so 02-05..02-08 off; 元旦
Friday 2027-01-01), not by the code under test."""
from __future__ import annotations

import datetime as dt

import pytest

from conftest import FIXTURES, ROOT, make_project
from macros.time import due, holidays
from macros.cli.main import main
from macros.outputs.compose import load

D = dt.date.fromisoformat
UNITS_CASE = FIXTURES / "valid" / "every-deadline-unit" / "files"
HOLIDAYS_2027 = FIXTURES / "valid" / "holidays-2027" / "files"


@pytest.mark.parametrize("limit, start, expected", [
    ({"amount": 3, "unit": "calendar_days"}, "2026-09-28", "2026-10-08"),  # 国庆: moved
    ({"amount": 3, "unit": "calendar_days"}, "2026-09-25", "2026-09-28"),
    ({"amount": 3, "unit": "calendar_days"}, "2026-12-30", "2027-01-04"),  # Sat 01-02: provisional 2027
    ({"amount": 3, "unit": "working_days"}, "2026-09-30", "2026-10-10"),  # 国庆, then the make-up Saturday
    ({"amount": 5, "unit": "working_days"}, "2026-09-18", "2026-09-24"),  # the make-up Sunday 09-20 counts
    ({"amount": 3, "unit": "working_days"}, "2026-02-12", "2026-02-24"),  # 02-14 worked, 春节 skipped
    ({"amount": 2, "unit": "working_days"}, "2026-11-27", "2026-12-01"),  # an ordinary weekend
    ({"amount": 1, "unit": "working_days"}, "2026-10-09", "2026-10-10"),  # Saturday, but worked
    ({"amount": 2, "unit": "weeks"}, "2026-03-10", "2026-03-24"),
    ({"amount": 1, "unit": "months"}, "2024-01-31", "2024-02-29"),
    ({"amount": 1, "unit": "months"}, "2025-01-31", "2025-02-28"),
    ({"amount": 3, "unit": "months"}, "2026-01-20", "2026-04-20"),
    ({"amount": 3, "unit": "months"}, "2026-01-19", "2026-04-20"),  # Sunday 04-19: moved
    ({"amount": 5, "unit": "years"}, "2026-01-21", "2031-01-21"),
    ({"amount": 5, "unit": "years"}, "2026-01-19", "2031-01-20"),  # Sunday, a computed year
    ({"amount": 3, "unit": "years", "at_least": True}, "2024-02-29", "2027-02-28"),  # a minimum: not moved
    ({"unit": "same_day"}, "2026-07-15", "2026-07-15"),
    ({"unit": "same_day"}, "2026-10-03", "2026-10-03"),  # nothing is counted: not moved
    ({"unit": "next_monday"}, "2026-11-22", "2026-11-23"),  # Sunday -> the next day
    ({"unit": "next_monday"}, "2026-10-04", "2026-10-08"),  # Monday 10-05 is 国庆: moved
    ({"unit": "next_monday"}, "2026-10-05", "2026-10-12"),  # a Monday -> the following Monday
    ({"unit": "next_monday"}, "2026-10-10", "2026-10-12"),
    ({"unit": "first_day_of_next_month"}, "2026-03-15", "2026-04-01"),
    ({"unit": "first_day_of_next_month"}, "2026-02-15", "2026-03-02"),  # Sunday 03-01: moved
    ({"unit": "first_day_of_next_month"}, "2026-12-31", "2027-01-04"),  # 元旦 2027, then the weekend
])
def test_due_date_for_every_unit(limit, start, expected):
    assert due.compute(limit, D(start)).date == D(expected)


def test_working_days_explain_the_holiday_and_the_make_up_day():
    how = "\n".join(due.compute({"amount": 3, "unit": "working_days"}, D("2026-09-30")).how)
    assert "跳过 2026-10-01 至 2026-10-07：法定节假日（国庆节）" in how
    assert "计入 2026-10-10：调休上班日（国庆节）" in how
    assert "第 3 个工作日是 2026-10-10（星期六）" in how


def test_calendar_days_landing_on_a_holiday_move_to_the_next_working_day():
    d = due.compute({"amount": 3, "unit": "calendar_days"}, D("2026-09-30"))
    assert (d.date, d.unextended, d.unextended_why) == (D("2026-10-08"), D("2026-10-03"), "法定节假日（国庆节）")
    assert d.how == [
        "2026-09-30 加 3 个自然日（起算日不计，期间的周末和节假日照常计算）= 2026-10-03",
        "2026-10-03 是休息日：期间的最后一日是法定休假日的，以休假日结束的次日为期间的最后一日"
        "（民法典第二百零三条；制度未规定，这是手册的建议做法）",
        "跳过 2026-10-03 至 2026-10-07：法定节假日（国庆节）",
        "顺延至 2026-10-08（星期四）",
        "2026 年的节假日：库（chinesecalendar 1.11.0）"]
    assert d.provisional == ()


def test_a_make_up_saturday_is_a_working_day_and_ends_a_period():
    d = due.compute({"amount": 10, "unit": "calendar_days"}, D("2026-09-30"))
    assert (d.date, d.unextended) == (D("2026-10-10"), None)
    assert "注意：2026-10-10 是调休上班日（国庆节），照常上班" in d.how


def test_a_minimum_on_a_rest_day_is_not_moved():
    d = due.compute({"amount": 3, "unit": "years", "at_least": True}, D("2024-02-29"))
    assert (d.date, d.unextended) == (D("2027-02-28"), None)
    assert "注意：2027-02-28 是周末；这是下限，不顺延" in d.how


def test_at_least_is_an_earliest_date_not_a_due_date():
    d = due.compute({"amount": 2, "unit": "years", "at_least": True}, D("2026-03-01"))
    assert (d.label, d.date, d.at_least) == ("最早日期", D("2028-03-01"), True)


def test_working_days_in_a_year_without_holiday_data_are_provisional():
    """2027: no library data, no data file: the statutory holidays, said to be provisional."""
    d = due.compute({"amount": 5, "unit": "working_days"}, D("2027-02-03"))
    assert d.date == D("2027-02-12")  # 02-04, then 02-05..02-08 off, then 02-09..02-12
    assert d.provisional == ((2027, "暂按法定节假日计算，调休安排待国务院公布"),)
    assert d.how == [
        "从 2027-02-03（星期三） 的次日起数 5 个工作日（起算日不计），按法定节假日和调休安排",
        "跳过 2027-02-05 至 2027-02-08：法定节假日（春节）",
        "第 5 个工作日是 2027-02-12（星期五）",
        "2027 年的节假日：法定节假日推算（暂定），暂按法定节假日计算，调休安排待国务院公布"]


@pytest.mark.parametrize("start, expected", [
    ("2099-09-30", "2099-10-07"),  # 国庆 2099-10-01..03 (Thursday to Saturday), then Sunday
    ("1999-12-30", "2000-01-04"),  # 12-31, then 元旦 2000 on a Saturday, then 01-03 and 01-04
    ("9999-12-24", "9999-12-29")])
def test_any_year_gets_an_answer(start, expected):
    d = due.compute({"amount": 3, "unit": "working_days"}, D(start))
    assert d.date == D(expected)
    assert d.provisional and all(f"{y} 年的节假日：法定节假日推算（暂定）" in " ".join(d.how) for y, _ in d.provisional)


def test_past_the_last_date_is_a_chinese_message():
    with pytest.raises(due.DueError) as exc:
        due.compute({"amount": 5, "unit": "working_days"}, D("9999-12-30"))
    assert str(exc.value) == "结果超出可以计算的日期范围（公元 1 年至 9999 年）"


def test_unspecified_limits_are_not_computed():
    with pytest.raises(due.DueError, match="没有规定"):
        due.compute({"unspecified": True, "open_question": "x"}, D("2026-01-01"))


def test_every_due_error_is_chinese_only():
    import re
    for limit in ({"unit": "fortnights", "amount": 1}, {"unit": "weeks"}, {"unit": "working_days", "amount": 5000},
                  {"unspecified": True}):
        with pytest.raises(due.DueError) as exc:
            due.compute(limit, D("2026-01-05"))
        words = re.sub(r"'[^']*'|[a-z_]+(, [a-z_]+)*", "", str(exc.value))
        assert not re.search(r"[A-Za-z]{3,}", words), str(exc.value)
    with pytest.raises(ValueError, match="不是日期：请按 YYYY-MM-DD 格式填写"):
        due.parse_date("30.09.2026")


# -- the must-show answers on the shipped data ----------------------------------

def test_daily_report_on_new_years_eve_2026(capsys):
    assert main(["due", "daily-report", "2026-12-31", "--dir", str(ROOT)]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "截止日期：2027-01-04（星期一）",
        "暂定：2027 年暂按法定节假日计算，调休安排待国务院公布",
        "规则：daily-report 日报（出处：三.二.5）",
        "时限：报告当日结束后 1 个工作日内",
        "起算：2026-12-31（星期四）",
        '待决问题：daily-report-next-day 日报的“次日”指哪一天',
        "计算：",
        "  从 2026-12-31（星期四） 的次日起数 1 个工作日（起算日不计），按法定节假日和调休安排",
        "  跳过 2027-01-01：法定节假日（元旦）",
        "  跳过 2027-01-02 至 2027-01-03：周末",
        "  第 1 个工作日是 2027-01-04（星期一）",
        "  2027 年的节假日：法定节假日推算（暂定），暂按法定节假日计算，调休安排待国务院公布"]


def test_rectification_from_christmas_2026_ends_after_new_year(capsys):
    assert main(["due", "quarterly-audit.rectification", "2026-12-25", "--dir", str(ROOT)]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "截止日期：2027-01-04（星期一）",
        "未顺延的日期：2027-01-01（星期五），法定节假日（元旦）",
        "暂定：2027 年暂按法定节假日计算，调休安排待国务院公布",
        "规则：quarterly-audit.rectification 季度内部审计·时限（出处：六.二.3、六.二.4）",
        "时限：收到审计问题通知后 7 个自然日内",
        "起算：2026-12-25（星期五）",
        "待决问题：day-unit-default “N日内”按自然日还是工作日",
        "计算：",
        "  2026-12-25 加 7 个自然日（起算日不计，期间的周末和节假日照常计算）= 2027-01-01",
        "  2027-01-01 是休息日：期间的最后一日是法定休假日的，以休假日结束的次日为期间的最后一日"
        "（民法典第二百零三条；制度未规定，这是手册的建议做法）",
        "  跳过 2027-01-01：法定节假日（元旦）",
        "  跳过 2027-01-02 至 2027-01-03：周末",
        "  顺延至 2027-01-04（星期一）",
        "  2027 年的节假日：法定节假日推算（暂定），暂按法定节假日计算，调休安排待国务院公布"]


# -- a year entered as a data file ------------------------------------------------

@pytest.fixture
def entered_2027(tmp_path):
    root = make_project(tmp_path, UNITS_CASE)
    import shutil
    shutil.copytree(HOLIDAYS_2027, root, dirs_exist_ok=True)
    return root


def test_a_data_file_overrides_the_statutory_computation(entered_2027):
    result = load(entered_2027)
    assert result.ok, [p.format() for p in result.errors]
    cal = holidays.for_result(result)
    limit = {"amount": 3, "unit": "working_days"}
    computed = due.compute(limit, D("2027-02-04"))  # statutory: 春节 02-05..02-08 only
    entered = due.compute(limit, D("2027-02-04"), cal)  # the file: 02-05..02-13, Saturday 02-20 worked
    assert (computed.date, entered.date) == (D("2027-02-11"), D("2027-02-17"))
    assert computed.provisional and entered.provisional == ()
    assert entered.how[-1] == ("2027 年的节假日：数据文件（data/holidays/2027.yml；"
                               "国务院办公厅关于2027年部分节假日安排的通知，国办发明电〔2026〕99号）")
    assert due.compute({"amount": 12, "unit": "working_days"}, D("2027-02-04"), cal).how[-3] == \
        "计入 2027-02-20：调休上班日（春节）"


def test_with_the_data_file_the_answers_stop_saying_provisional(entered_2027, capsys):
    assert main(["due", "time-limits.working-five", "2026-12-28", "--dir", str(entered_2027)]) == 0
    out = capsys.readouterr().out
    assert "暂定" not in out and "暂按法定节假日计算" not in out
    assert "  2027 年的节假日：数据文件（data/holidays/2027.yml；" in out
    assert "  2026 年的节假日：库（chinesecalendar 1.11.0）" in out
    assert out.splitlines()[0] == "截止日期：2027-01-05（星期二）"  # 12-29..31, then 01-04, 01-05


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
    ("time-limits.calendar-three", "2026-09-30", "截止日期：2026-10-08（星期四）"),
    ("time-limits.working-three", "2026-09-30", "截止日期：2026-10-10（星期六）"),
    ("time-limits.working-five", "2026-09-18", "截止日期：2026-09-24（星期四）"),
    ("time-limits.two-weeks", "2026-03-10", "截止日期：2026-03-24（星期二）"),
    ("time-limits.one-month", "2024-01-31", "截止日期：2024-02-29（星期四）"),
    ("time-limits.three-years", "2024-02-29", "最早日期：2027-02-28（星期日）"),
    ("time-limits.same-day", "2026-07-15", "截止日期：2026-07-15（星期三）"),
    ("time-limits.next-monday", "2026-10-04", "截止日期：2026-10-08（星期四）"),
    ("time-limits.next-month", "2026-12-31", "截止日期：2027-01-04（星期一）"),
])
def test_due_command_prints_the_date_and_how(units_project, capsys, rule, start, expected):
    assert main(["due", rule, start, "--dir", str(units_project)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == expected
    assert [line for line in out if line.startswith("规则：")][0].startswith(f"规则：{rule} ")
    assert "计算：" in out


@pytest.mark.parametrize("args, message", [
    (["time-limits.working-thre", "2026-09-30"], "did you mean 'time-limits.working-three'"),
    (["time-limits.working-three", "2026-02-30"], "'2026-02-30' 不是日期：请按 YYYY-MM-DD 格式填写"),
    (["time-limits.working-three", "30.09.2026"], "不是日期"),
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
    assert (out["date"], out["at_least"], out["unextended"], out["provisional"]) == ("2026-10-10", False, None, [])
    assert out["sources"] == ["2026 年的节假日：库（chinesecalendar 1.11.0）"]


def test_due_json_says_provisional_and_unextended(units_project, capsys):
    import json
    assert main(["due", "time-limits.calendar-three", "2026-12-29", "--dir", str(units_project),
                 "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert (out["date"], out["unextended"], out["provisional"]) == ("2027-01-04", "2027-01-01", [2027])


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
