"""From a `cycle` (and, for reports, their deadline) to an iCalendar recurrence.

Pure. The policy says how often (每周, 每月, 每季度, 每年至少两次) but never on
which day, so the handbook proposes one fixed convention, shown on the
calendar page:
- a series starts with the first whole period on or after the policy took
  effect (stamp.effective_date);
- weekly things fall on Monday; monthly, quarterly and yearly things on the
  first Monday of their month (a holiday is not moved: RRULE cannot know the
  State Council's schedule);
- k times per period are spread evenly: twice a year is every six months,
  twice a week Monday and Thursday;
- something with a deadline (日报 次日, 周报 下周一, 月报 下月首日) appears on its
  due date: the deadline applied to the end of each period. The RRULE follows
  the plain pattern; up to a horizon (the end of the year after the build,
  stamp.horizon) EXDATE/RDATE correct it wherever the holidays move a due
  date (a working-day count, or a due date on a rest day that moves to the
  next working day), provisional statutory years included.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from macros.core.dates import PERIODS, add_months
from macros.time import due
from macros.time.words import cycle_text, months_text

BYDAY = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
# times per week -> weekdays (Monday = 0)
SPREAD_WEEK = {1: (0,), 2: (0, 3), 3: (0, 2, 4), 4: (0, 1, 3, 4), 5: (0, 1, 2, 3, 4)}
# A deadline unit -> the cycle unit it repeats in (for deadlines that recur,
# e.g. a rotation window that reopens every two years).
DEADLINE_TO_CYCLE = {"calendar_days": ("day", 1), "weeks": ("week", 1), "months": ("month", 1),
                     "years": ("year", 1)}


class SeriesError(Exception):
    """The cycle cannot be written as one RRULE (the message says why)."""


@dataclass(frozen=True)
class Series:
    start: dt.date  # the first occurrence
    rrule: dict  # iCalendar RRULE parts, e.g. {"FREQ": "WEEKLY", "INTERVAL": 1, "BYDAY": ["MO"]}
    words: str  # Chinese: 每周一次（星期一）, 每月一次（截止：1 日）
    due: bool = False  # True: the occurrences are due dates
    # Corrections to the RRULE where holidays move a due date, up to `corrected_until`.
    exdates: tuple = ()
    rdates: tuple = ()
    corrected_until: dt.date | None = None
    provisional: tuple = ()  # years among the corrected ones computed provisionally


def from_deadline(deadline: dict) -> dict | None:
    """A recurring deadline (amount N of unit U) as a cycle {interval: N, unit: U}."""
    unit = DEADLINE_TO_CYCLE.get(deadline.get("unit"))
    if unit is None or not deadline.get("amount"):
        return None
    # `at_least` (不短于) is said by the event's summary (期满可办理), not by the cycle.
    return {"interval": deadline["amount"] * unit[1], "unit": unit[0]}


def first_period(unit: str, anchor: dt.date, months: int = 0) -> dt.date:
    """The start of the first whole period on or after `anchor`; with `months`,
    of the first run of that many months (calendar-aligned: quarters start in
    January, April, July, October)."""
    if unit == "day":
        return anchor
    if unit == "week":
        return anchor + dt.timedelta(days=(7 - anchor.weekday()) % 7)
    months = months or PERIODS[unit].months
    start = anchor.replace(day=1)
    while start < anchor or (start.month - 1) % months:
        start = add_months(start, 1)
    return start


def period_end(start: dt.date, unit: str, interval: int) -> dt.date:
    if unit == "day":
        return start + dt.timedelta(days=interval - 1)
    if unit == "week":
        return start + dt.timedelta(days=7 * interval - 1)
    return add_months(start, PERIODS[unit].months * interval) - dt.timedelta(days=1)


def first_monday(day: dt.date) -> dt.date:
    return day + dt.timedelta(days=(7 - day.weekday()) % 7)


def series(cycle: dict, anchor: dt.date, deadline: dict | None = None, cal=None,
           until: dt.date | None = None) -> Series:
    """The series of `cycle` from `anchor`; with a deadline, its due dates,
    corrected for the holidays of `cal` up to `until` (default: no corrections)."""
    unit, interval = cycle["unit"], cycle.get("interval", 1)
    times = cycle.get("times", 1)
    start = first_period(unit, anchor)
    if deadline and deadline.get("unit") and times == 1:
        return _due_series(unit, interval, start, deadline, cycle, cal, until)
    every = cycle_text(cycle)
    if unit == "day":
        if times != 1:
            raise SeriesError(f"{times} times a day cannot be put in a calendar")
        return Series(start, {"FREQ": "DAILY", "INTERVAL": interval}, every)
    if unit == "week":
        days = SPREAD_WEEK.get(times)
        if days is None:
            raise SeriesError(f"{times} times a week: at most 5 (one a working day)")
        names = "、".join("一二三四五"[d] for d in days)
        return Series(start + dt.timedelta(days=days[0]),
                      {"FREQ": "WEEKLY", "INTERVAL": interval, "BYDAY": [BYDAY[d] for d in days]},
                      f"{every}（星期{names}）")
    months = PERIODS[unit].months * interval
    if months % times:
        raise SeriesError(f"{times} times every {months} months cannot be spread evenly over whole months")
    step = months // times
    start = first_period(unit, anchor, min(step, 12))
    return Series(first_monday(start), {"FREQ": "MONTHLY", "INTERVAL": step, "BYDAY": ["1MO"]},
                  f"{every}（{months_text(step, start.month)}的第一个星期一）")


def _due_series(unit, interval, start, deadline, cycle, cal, until) -> Series:
    first = due.compute(deadline, period_end(start, unit, interval), cal)
    first_due = first.unextended or first.date  # the plain pattern's date
    every = cycle_text(cycle)
    if unit == "day":
        working = deadline["unit"] == "working_days" and interval == 1
        rule = {"FREQ": "DAILY", "INTERVAL": interval}
        if working:  # due every working day: Monday to Friday, corrected below
            rule["BYDAY"] = list(BYDAY[:5])
        plain = Series(first_due, rule, f"{every}（{'每个工作日' if working else ''}截止）", True)
    elif unit == "week":
        wd = first_due.weekday()
        plain = Series(first_due, {"FREQ": "WEEKLY", "INTERVAL": interval, "BYDAY": [BYDAY[wd]]},
                       f"{every}（截止：星期{'一二三四五六日'[wd]}）", True)
    else:
        months = PERIODS[unit].months * interval
        day = first_due.day if first_due.day <= 28 else -1
        plain = Series(first_due, {"FREQ": "MONTHLY", "INTERVAL": months, "BYMONTHDAY": [day]},
                       f"{every}（截止：{'当月最后一天' if day == -1 else f'{day} 日'}）", True)
    if until is None:
        return plain
    return _corrected(plain, unit, interval, start, deadline, cal, until)


def _corrected(plain: Series, unit, interval, start, deadline, cal, until: dt.date) -> Series:
    """Due dates move with the holidays: for every period that ends by `until`,
    EXDATE the RRULE's dates that are not due dates and RDATE the due dates it
    misses, so the feed is exact up to `until`."""
    from dateutil import rrule as du

    actual, period, provisional = set(), start, set()
    while (end := period_end(period, unit, interval)) <= until:
        d = due.compute(deadline, end, cal)
        actual.add(d.date)
        provisional |= {year for year, _ in d.provisional}
        period = end + dt.timedelta(days=1)
    if not actual:
        return plain
    # Up to the last due date: a period just before `until` may be due after it.
    last = max(max(actual), until)
    r = plain.rrule
    freq = {"DAILY": du.DAILY, "WEEKLY": du.WEEKLY, "MONTHLY": du.MONTHLY}[r["FREQ"]]
    days = [getattr(du, d) for d in r.get("BYDAY", [])] or None
    approx = {d.date() for d in du.rrule(freq, interval=r["INTERVAL"], byweekday=days,
                                          bymonthday=r.get("BYMONTHDAY"),
                                          dtstart=dt.datetime.combine(plain.start, dt.time()),
                                          until=dt.datetime.combine(last, dt.time()))}
    exdates, rdates = tuple(sorted(approx - actual)), tuple(sorted(actual - approx))
    if not exdates and not rdates:
        return plain
    words = plain.words + f"；至 {until.isoformat()} 已按节假日和调休校正"
    if provisional:
        words += f"（{'、'.join(str(y) for y in sorted(provisional))} 年为法定节假日推算，暂定）"
    return Series(plain.start, plain.rrule, words, True, exdates, rdates, until, tuple(sorted(provisional)))
