"""Mainland China's working-day calendar, from the chinesecalendar library.

One place wraps the library so that (a) a year it does not cover fails with a
plain message instead of its NotImplementedError, and (b) the browser
calculator gets exactly the same table (see table()), so the CLI and the page
cannot disagree about which days are worked.
"""
from __future__ import annotations

import datetime as dt
from functools import lru_cache

import chinese_calendar

WEEKDAYS_ZH = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")


class NotCovered(Exception):
    """A working-day count needs a year the holiday library does not cover."""


@lru_cache(maxsize=1)
def coverage() -> tuple[int, int]:
    """(first year, last year) the installed chinesecalendar knows."""
    years = {d.year for d in chinese_calendar.holidays} | {d.year for d in chinese_calendar.workdays}
    return min(years), max(years)


def library_version() -> str:
    return getattr(chinese_calendar, "__version__", "unknown")


def covered(day: dt.date) -> bool:
    first, last = coverage()
    return first <= day.year <= last


def require(day: dt.date):
    if not covered(day):
        first, last = coverage()
        raise NotCovered(
            f"{day.year} 年的法定节假日和调休安排尚未收录：{library()} "
            f"只覆盖 {first}–{last} 年，无法按工作日计算 "
            f"(no holiday data for {day.year}; {library()} covers {first}-{last}; "
            "upgrade it once the State Council publishes that year's schedule)")


def _chinese(name) -> str:
    # The library stores English names; its Holiday enum carries the Chinese.
    for h in chinese_calendar.Holiday:
        if h.value == name:
            return h.chinese
    return str(name)


def is_workday(day: dt.date) -> bool:
    """Weekdays are worked unless a public holiday; some weekends are make-up working days."""
    require(day)
    return chinese_calendar.is_workday(day)


def describe(day: dt.date) -> str:
    """Why `day` is or is not worked, in Chinese: 法定节假日（国庆节）, 调休上班日（国庆节）, 周末, ''."""
    if not covered(day):
        return ""
    if day in chinese_calendar.workdays and day.weekday() >= 5:
        return f"调休上班日（{_chinese(chinese_calendar.workdays[day])}）"
    if day in chinese_calendar.holidays:
        return f"法定节假日（{_chinese(chinese_calendar.holidays[day])}）"
    if day.weekday() >= 5:
        return "周末"
    return ""


def library() -> str:
    return f"chinesecalendar {library_version()}"


@lru_cache(maxsize=1)
def table() -> dict:
    """The whole library as plain data, for the browser calculator and the export:
    {library, first_year, last_year, holidays: {date: name}, workdays: {date: name}}.
    `workdays` are the make-up working days (weekend days that are worked).
    Cached: treat the result as read-only."""
    first, last = coverage()
    return {
        "library": library(),
        "first_year": first,
        "last_year": last,
        "holidays": {d.isoformat(): _chinese(n) for d, n in sorted(chinese_calendar.holidays.items())},
        "workdays": {d.isoformat(): _chinese(n) for d, n in sorted(chinese_calendar.workdays.items())},
    }
