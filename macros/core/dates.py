"""Calendar arithmetic every room shares: whole months, and the lengths of the
periods a cycle repeats in.

One definition, so a due date (`handbook due`), a review date (the
review-overdue rule, the site's "下次审核", the printed "复审到期") and a
calendar series agree to the day. Month arithmetic is dateutil's
relativedelta: the 31st plus one month is the last day of the next month.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta


def add_months(day: dt.date, months: int) -> dt.date:
    """`day` plus whole months; a day the target month lacks becomes its last
    day (2026-01-31 + 1 month = 2026-02-28)."""
    return day + relativedelta(months=months)


@dataclass(frozen=True)
class Period:
    """One unit a cycle repeats in (`cycle.unit` in common.schema.json)."""
    months: int  # whole calendar months (0: shorter than a month)
    days: int  # nominal length in days, to order cycles by how often they come
    per_year: int  # how many fit in a year, to compare frequencies


PERIODS = {
    "day": Period(months=0, days=1, per_year=365),
    "week": Period(months=0, days=7, per_year=52),
    "month": Period(months=1, days=30, per_year=12),
    "quarter": Period(months=3, days=91, per_year=4),
    "year": Period(months=12, days=365, per_year=1),
}


def per_year(cycle: dict) -> float:
    """How often a cycle {interval, unit, times} comes in a year."""
    return cycle.get("times", 1) * PERIODS[cycle["unit"]].per_year / cycle.get("interval", 1)


def gap_days(cycle: dict) -> float:
    """Nominal days between two occurrences of a cycle."""
    return PERIODS[cycle["unit"]].days * cycle.get("interval", 1) / cycle.get("times", 1)


def gap_months(cycle: dict) -> int | None:
    """Whole months between two occurrences; None for a cycle counted in days or weeks."""
    months = PERIODS[cycle["unit"]].months
    if not months:
        return None
    return cycle.get("interval", 1) * months // max(cycle.get("times", 1), 1)
