"""The first week on the calendar: the five plan days dated on working days
from a start date, with the days off in between and why (周末, 法定节假日（元旦）,
调休上班日 counted as worked), using the handbook's working-day calendar
(macros/time/holidays.py: data file, else the library, else the statutory
computation, marked provisional). The browser does the same from the same
table (docs/javascripts/onboarding-quiz.js, deadlines.holiday_table()).

A start date that is no working day moves to the next working day: day 1 is
the first day the new hire can work.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from macros.onboarding.plan import DAYS
from macros.time import holidays


@dataclass(frozen=True)
class Week:
    start: dt.date
    dates: tuple  # day n -> dates[n - 1]
    skipped: tuple  # (date, why) of every day off from start to day 5
    notes: tuple  # which source answered for each year (holidays.Year.note)
    provisional: bool


def dated(start: dt.date, cal: holidays.Calendar | None = None, days: int = DAYS) -> Week:
    cal = cal or holidays.default()
    dates, skipped, day = [], [], start
    while len(dates) < days:
        if cal.is_workday(day):
            dates.append(day)
        else:
            skipped.append((day, cal.describe(day)))
        day += dt.timedelta(days=1)
    return Week(start, tuple(dates), tuple(skipped), tuple(cal.notes(start, dates[-1])),
                cal.provisional(start, dates[-1]))
