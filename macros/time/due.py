"""Due dates: from a starting date and a time limit {amount, unit, at_least}.

Pure (no MkDocs, no model): the CLI (`handbook due`), the deadlines page and
the tests call it, and docs/javascripts/deadline-calc.js implements the same
algorithm line for line, fed with holidays.table(), so the browser calculator
and the CLI give the same answer with the same explanation.

Semantics (the policy says only 三日内, 次日, 下周一, 下月首日 ...):
- calendar_days N: start + N days; a weekend or holiday is not skipped.
- working_days N: the Nth working day after the start day (the start day is
  not counted), per the State Council's holidays and make-up working days.
- weeks N: start + 7N days. months/years N: same day N months/years later,
  or that month's last day when it has no such day (01-31 + 1 month = 02-28).
- same_day: the start day. next_monday: the first Monday after the start day
  (a Monday start gives the following Monday). first_day_of_next_month: the
  1st of the month after the start's month.
- at_least: the limit is a minimum ("不短于"), so the date is the earliest
  allowed, not a due date.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from macros.core.dates import add_months
from macros.time import holidays
from macros.time.holidays import WEEKDAYS_ZH, NotCovered
from macros.time.words import amount_text, unit_name

UNITS = ("calendar_days", "working_days", "weeks", "months", "years",
         "same_day", "next_monday", "first_day_of_next_month")
NO_AMOUNT = ("same_day", "next_monday", "first_day_of_next_month")
# A working-day count longer than this is a data error, not a deadline.
MAX_WORKING_DAYS = 1000


class DueError(Exception):
    """The date cannot be computed (unsupported limit, year not covered)."""


@dataclass(frozen=True)
class Due:
    start: dt.date
    date: dt.date
    at_least: bool = False
    how: list = field(default_factory=list)  # explanation lines, Chinese

    @property
    def label(self) -> str:
        return "最早日期" if self.at_least else "截止日期"


def day_zh(day: dt.date) -> str:
    """2026-10-10（星期六）"""
    return f"{day.isoformat()}（{WEEKDAYS_ZH[day.weekday()]}）"


def parse_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except (TypeError, ValueError):
        raise ValueError(f"'{text}' is not a date: use YYYY-MM-DD, e.g. 2026-09-30") from None


def compute(limit: dict, start: dt.date) -> Due:
    """The due (or earliest) date for `limit` started on `start`, with how it was computed."""
    unit = limit.get("unit")
    if limit.get("unspecified") or unit is None:
        raise DueError("制度没有规定这个时限，无法计算 (the policy sets no limit here; see its open question)")
    if unit not in UNITS:
        raise DueError(f"unknown unit '{unit}' (expected one of: {', '.join(UNITS)})")
    amount = limit.get("amount")
    if unit not in NO_AMOUNT and not (isinstance(amount, int) and amount >= 1):
        raise DueError(f"unit '{unit}' needs a whole amount of at least 1")
    how: list[str] = []
    if unit == "calendar_days":
        date = start + dt.timedelta(days=amount)
        how.append(f"{start.isoformat()} 加 {amount} 个自然日（周末和节假日照常计算）= {date.isoformat()}")
    elif unit == "working_days":
        try:
            date = _working_days(start, amount, how)
        except NotCovered as exc:
            raise DueError(str(exc)) from None
    elif unit == "weeks":
        date = start + dt.timedelta(days=7 * amount)
        how.append(f"{start.isoformat()} 加 {amount} 周（{7 * amount} 天）= {date.isoformat()}")
    elif unit in ("months", "years"):
        months = amount * (12 if unit == "years" else 1)
        date = add_months(start, months)
        how.append(f"{start.isoformat()} 加 {amount_text(amount, unit)} = {date.isoformat()}")
        if date.day != start.day:
            how.append(f"{date.year} 年 {date.month} 月没有 {start.day} 日，取该月最后一天")
    elif unit == "same_day":
        date = start
        how.append(f"当日完成：截止日就是起算日 {start.isoformat()}")
    elif unit == "next_monday":
        date = start + dt.timedelta(days=7 - start.weekday())
        how.append(f"{day_zh(start)} 之后的第一个星期一 = {date.isoformat()}")
    else:  # first_day_of_next_month
        date = add_months(start.replace(day=1), 1)
        how.append(f"{start.year} 年 {start.month} 月的下一个月的第一天 = {date.isoformat()}")
    if unit != "working_days":
        what = holidays.describe(date)
        if what:
            how.append(f"注意：{date.isoformat()} 是{what}；本时限按{unit_name(unit)}计，不顺延")
    at_least = bool(limit.get("at_least"))
    if at_least:
        how.append(f"这是下限（不短于）：{date.isoformat()} 是最早可以的日期，不是截止日期")
    return Due(start=start, date=date, at_least=at_least, how=how)


def _working_days(start: dt.date, amount: int, how: list) -> dt.date:
    if amount > MAX_WORKING_DAYS:
        raise DueError(f"{amount} working days is more than {MAX_WORKING_DAYS}")
    lib = holidays.library()
    how.append(f"从 {day_zh(start)} 的次日起数 {amount} 个工作日（起算日不计），"
               f"按国务院公布的法定节假日和调休安排（{lib}）")
    day, counted, skipped, makeup = start, 0, [], []
    holidays.require(start)
    while counted < amount:
        day += dt.timedelta(days=1)
        if holidays.is_workday(day):
            counted += 1
            if day.weekday() >= 5:
                makeup.append(day)
        else:
            skipped.append(day)
    for first, last, what in _runs(skipped):
        span = first.isoformat() if first == last else f"{first.isoformat()} 至 {last.isoformat()}"
        how.append(f"跳过 {span}：{what}")
    for d in makeup:
        how.append(f"计入 {d.isoformat()}：{holidays.describe(d)}")
    how.append(f"第 {amount} 个工作日是 {day_zh(day)}")
    return day


def _runs(days):
    """Consecutive days with the same description, as (first, last, description)."""
    runs = []
    for d in days:
        what = holidays.describe(d)
        if runs and runs[-1][2] == what and (d - runs[-1][1]).days == 1:
            runs[-1] = (runs[-1][0], d, what)
        else:
            runs.append((d, d, what))
    return runs
