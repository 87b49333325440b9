"""Due dates: from a starting date and a time limit {amount, unit, at_least}.

Pure (no MkDocs, no model): the CLI (`handbook due`), the deadlines page and
the tests call it with the project's holidays.Calendar, and
docs/javascripts/deadline-calc.js implements the same algorithm line for
line, fed with Calendar.table(), so the browser calculator and the CLI give
the same answer with the same explanation. Every message is Chinese.

Semantics (the policy says only 三日内, 次日, 下周一, 下月首日 ...):
- calendar_days N: start + N days; the start day is not counted
  (民法典 第二百零一条). Weekends and holidays inside the period count.
- working_days N: the Nth working day after the start day (the start day is
  not counted), per the calendar's holidays and make-up working days.
- weeks N: start + 7N days. months/years N: same day N months/years later,
  or that month's last day when it has no such day (01-31 + 1 month = 02-28).
- same_day: the start day. next_monday: the first Monday after the start day
  (a Monday start gives the following Monday). first_day_of_next_month: the
  1st of the month after the start's month.
- A due date on a rest day (a weekend or holiday that is not a make-up
  working day) moves to the next working day (民法典 第二百零三条; the
  handbook's proposal in open question day-unit-default); the answer says
  so and keeps the unextended date. Not for same_day (nothing is counted)
  and not for at_least.
- at_least: the limit is a minimum ("不短于"), so the date is the earliest
  allowed, not a due date.
- Every answer names the source of each year it looked at (data file,
  library, or provisional statutory computation).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from macros.core.dates import add_months
from macros.time import holidays
from macros.time.holidays import WEEKDAYS_ZH
from macros.time.words import amount_text

# Days and weeks are fixed lengths: plain timedelta, several times cheaper than
# dateutil's relativedelta, which only months need (core/dates.add_months). The
# calendar feeds compute a due date for every period up to the horizon.
ONE_DAY = dt.timedelta(days=1)

UNITS = ("calendar_days", "working_days", "weeks", "months", "years",
         "same_day", "next_monday", "first_day_of_next_month")
NO_AMOUNT = ("same_day", "next_monday", "first_day_of_next_month")
# A working-day count longer than this is a data error, not a deadline.
MAX_WORKING_DAYS = 1000
EXTENSION_REASON = ("期间的最后一日是法定休假日的，以休假日结束的次日为期间的最后一日"
                    "（民法典第二百零三条；制度未规定，这是手册的建议做法）")


class DueError(Exception):
    """The date cannot be computed (an unsupported limit); the message is Chinese."""


@dataclass(frozen=True)
class Due:
    start: dt.date
    date: dt.date
    at_least: bool = False
    how: list = field(default_factory=list)  # explanation lines, Chinese
    unextended: dt.date | None = None  # the date before a rest day moved it
    unextended_why: str = ""  # why that day was no working day: 法定节假日（元旦）
    sources: tuple = ()  # Year.note of every year looked at
    # (year, remark) of every year answered by the provisional statutory computation
    provisional: tuple = ()

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
        raise ValueError(f"'{text}' 不是日期：请按 YYYY-MM-DD 格式填写，例如 2026-09-30") from None


def span(first: dt.date, last: dt.date) -> str:
    return first.isoformat() if first == last else f"{first.isoformat()} 至 {last.isoformat()}"


def compute(limit: dict, start: dt.date, cal: holidays.Calendar | None = None) -> Due:
    """The due (or earliest) date for `limit` started on `start`, with how it was computed."""
    try:
        return _compute(limit, start, cal or holidays.default())
    except (OverflowError, ValueError):
        raise DueError("结果超出可以计算的日期范围（公元 1 年至 9999 年）") from None


def _compute(limit: dict, start: dt.date, cal: holidays.Calendar) -> Due:
    unit = limit.get("unit")
    if limit.get("unspecified") or unit is None:
        raise DueError("制度没有规定这个时限，无法计算；见它的待决问题")
    if unit not in UNITS:
        raise DueError(f"未知的时限单位 '{unit}'（应为以下之一：{'、'.join(UNITS)}）")
    amount = limit.get("amount")
    if unit not in NO_AMOUNT and not (isinstance(amount, int) and amount >= 1):
        raise DueError(f"单位 '{unit}' 需要不小于 1 的整数 amount")
    how: list[str] = []
    if unit == "calendar_days":
        date = start + dt.timedelta(days=amount)
        how.append(f"{start.isoformat()} 加 {amount} 个自然日（起算日不计，期间的周末和节假日照常计算）"
                   f"= {date.isoformat()}")
    elif unit == "working_days":
        date = _working_days(cal, start, amount, how)
    elif unit == "weeks":
        date = start + dt.timedelta(weeks=amount)
        how.append(f"{start.isoformat()} 加 {amount} 周（{7 * amount} 天）= {date.isoformat()}")
    elif unit in ("months", "years"):
        date = add_months(start, amount * (12 if unit == "years" else 1))
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
    # The first day whose calendar was consulted: each counted day, or the due date.
    looked = start + ONE_DAY if unit == "working_days" else date
    at_least = bool(limit.get("at_least"))
    unextended, why = None, ""
    if unit != "working_days":
        what = cal.describe(date)
        if cal.is_workday(date):
            if what:
                how.append(f"注意：{date.isoformat()} 是{what}，照常上班")
        elif at_least:
            how.append(f"注意：{date.isoformat()} 是{what}；这是下限，不顺延")
        elif unit == "same_day":
            how.append(f"注意：{date.isoformat()} 是{what}；当日完成的事项不顺延")
        else:
            unextended, why = date, what
            date = _extend(cal, date, how)
    if at_least:
        how.append(f"这是下限（不短于）：{date.isoformat()} 是最早可以的日期，不是截止日期")
    notes = cal.notes(looked, date)
    how += notes
    provisional = tuple((y, cal.year(y).remark) for y in range(looked.year, date.year + 1)
                        if cal.year(y).provisional)
    return Due(start=start, date=date, at_least=at_least, how=how, unextended=unextended,
               unextended_why=why, sources=tuple(notes), provisional=provisional)


def _extend(cal: holidays.Calendar, date: dt.date, how: list) -> dt.date:
    """The first working day after the rest days that begin at `date`."""
    how.append(f"{date.isoformat()} 是休息日：{EXTENSION_REASON}")
    skipped, day = [], date
    while not cal.is_workday(day):
        skipped.append(day)
        day += ONE_DAY
    how += [f"跳过 {span(first, last)}：{what}" for first, last, what in _runs(cal, skipped)]
    how.append(f"顺延至 {day_zh(day)}")
    return day


def _working_days(cal: holidays.Calendar, start: dt.date, amount: int, how: list) -> dt.date:
    if amount > MAX_WORKING_DAYS:
        raise DueError(f"{amount} 个工作日超过上限 {MAX_WORKING_DAYS} 个")
    how.append(f"从 {day_zh(start)} 的次日起数 {amount} 个工作日（起算日不计），"
               "按法定节假日和调休安排")
    day, counted, skipped, makeup = start, 0, [], []
    while counted < amount:
        day += ONE_DAY
        if cal.is_workday(day):
            counted += 1
            if day.weekday() >= 5:
                makeup.append(day)
        else:
            skipped.append(day)
    how += [f"跳过 {span(first, last)}：{what}" for first, last, what in _runs(cal, skipped)]
    how += [f"计入 {d.isoformat()}：{cal.describe(d)}" for d in makeup]
    how.append(f"第 {amount} 个工作日是 {day_zh(day)}")
    return day


def _runs(cal: holidays.Calendar, days):
    """Consecutive days with the same description, as (first, last, description)."""
    runs = []
    for d in days:
        what = cal.describe(d)
        if runs and runs[-1][2] == what and (d - runs[-1][1]).days == 1:
            runs[-1] = (runs[-1][0], d, what)
        else:
            runs.append((d, d, what))
    return runs
