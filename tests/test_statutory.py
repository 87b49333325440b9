"""The statutory holidays computed from the national rules (macros/statutory.py)
and the order of the three sources (macros/holidays.py)."""
from __future__ import annotations

import datetime as dt

import chinese_calendar
import pytest

from macros.time import holidays, statutory

D = dt.date.fromisoformat


@pytest.mark.parametrize("year", [2025, 2026])
def test_every_computed_day_is_a_holiday_in_the_librarys_own_table(year):
    """The 2024 rules (in force since 2025) against the State Council's 2025 and
    2026 arrangements as chinesecalendar records them."""
    computed = statutory.holidays(year)
    assert len(computed) == 13  # 元旦 1 + 春节 4 + 清明 1 + 劳动节 2 + 端午 1 + 中秋 1 + 国庆 3
    assert [d for d in computed if not chinese_calendar.is_holiday(d)] == []


def test_every_older_edition_agrees_with_the_library_too():
    """2004-2024: the 1999, 2007 and 2013 editions; a wrong lunar date shows here."""
    wrong = [(d, n) for y in range(holidays.coverage()[0], 2025)
             for d, n in statutory.holidays(y).items() if not chinese_calendar.is_holiday(d)]
    assert wrong == []


def test_2027_computed_by_hand_from_the_lunar_calendar():
    # 春节: 初一 is Saturday 2027-02-06, so 除夕 to 初三 is 02-05..02-08; 清明 2027-04-05;
    # 端午 (五月初五) 2027-06-09; 中秋 (八月十五) 2027-09-15.
    assert {d.isoformat(): n for d, n in statutory.holidays(2027).items()} == {
        "2027-01-01": "元旦", "2027-02-05": "春节", "2027-02-06": "春节", "2027-02-07": "春节",
        "2027-02-08": "春节", "2027-04-05": "清明", "2027-05-01": "劳动节", "2027-05-02": "劳动节",
        "2027-06-09": "端午", "2027-09-15": "中秋", "2027-10-01": "国庆节", "2027-10-02": "国庆节",
        "2027-10-03": "国庆节"}
    assert statutory.edition(2027).decree == "国务院令第795号（2024年修订）"


def test_the_sources_in_order():
    entered = holidays.Year(2026, holidays.DATA, {D("2026-03-02"): "测试"}, {}, "data/holidays/2026.yml；通知")
    cal = holidays.Calendar({2026: entered})
    assert cal.year(2026).source == holidays.DATA  # a data file beats the library
    assert not cal.is_workday(D("2026-03-02")) and cal.describe(D("2026-03-02")) == "法定节假日（测试）"
    assert cal.is_workday(D("2026-10-01"))  # the file, not the library, answers for 2026
    assert cal.year(2025).source == holidays.LIBRARY
    assert cal.year(2027).source == holidays.STATUTORY and cal.year(2027).provisional
    assert cal.year(2027).note == "2027 年的节假日：法定节假日推算（暂定），暂按法定节假日计算，调休安排待国务院公布"
    assert cal.year(2026).note == "2026 年的节假日：数据文件（data/holidays/2026.yml；通知）"
    assert cal.year(2025).note == "2025 年的节假日：库（chinesecalendar 1.11.0）"
    assert cal.year(2003).note == "2003 年的节假日：法定节假日推算（暂定），手册未收录当年的调休安排，只按法定节假日计算"


def test_weekend_notes_in_every_year():
    cal = holidays.default()
    assert cal.describe(D("2027-01-09")) == "周末"
    assert cal.describe(D("2031-10-02")) == "法定节假日（国庆节）"
    assert cal.describe(D("2031-10-08")) == ""


def test_the_table_carries_each_years_source():
    t = holidays.default().table(2025, 2028)
    assert t["years"]["2026"] == {"source": "library", "note": "2026 年的节假日：库（chinesecalendar 1.11.0）",
                                  "remark": ""}
    assert t["years"]["2028"]["source"] == "statutory"
    assert t["years"]["2028"]["remark"] == holidays.PROVISIONAL
    assert t["holidays"]["2027-02-05"] == "春节" and "2026-10-10" in t["workdays"]
    assert all(key[:4] in t["years"] for key in list(t["holidays"]) + list(t["workdays"]))
