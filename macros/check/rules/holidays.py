"""Rules for the holiday data files (data/holidays/YYYY.yml, entered from the
State Council's notice) and the yearly reminder to enter the next one.

A file is one year: its dates lie inside that year, a day is either a
holiday or a make-up working day, a make-up working day is a weekend day
(the notice only moves weekend days to work), and every statutory holiday of
that year (statutory.py) is among its holidays, which catches a mistyped
date. From 1 November, the year after today must have data: from the
library or from a file.
"""
from __future__ import annotations

import datetime as dt

from macros.check.rules.registry import Finding, rule, warn
from macros.load.problems import WARNING, Problem
from macros.time import holidays as cal
from macros.time import statutory

REMIND_FROM = (11, 1)  # month, day: the notice usually comes out in November or December


def _date(text):
    try:
        return dt.date.fromisoformat(text)
    except (TypeError, ValueError):
        return None  # the schema reports it


def _days(item):
    """Every day of one holidays entry, or [] when its range is reversed."""
    first, last = _date(item["from"]), _date(item.get("to", item["from"]))
    if first is None or last is None:
        return []
    return [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]


@rule("holiday-file-year")
def holiday_file_year(model):
    """A holiday file is named after its year, and its id says the same year."""
    for e in model.all("holiday-year"):
        year, stem = e.data["year"], e.doc.file.rsplit("/", 1)[-1].removesuffix(".yml")
        if stem != str(year):
            yield Finding(e, f"year {year} does not match the file name {e.doc.file}: rename the file to "
                             f"{cal.holiday_file(year)}, or correct the year", ("year",))
        elif e.id != f"holidays-{year}":
            yield Finding(e, f"id '{e.id}' does not match the year {year}: write id: holidays-{year}", ("id",))


@rule("holiday-dates-in-year")
def holiday_dates_in_year(model):
    """Every date of a holiday file lies inside its year, and no range ends before it starts."""
    for e in model.all("holiday-year"):
        year = e.data["year"]
        for i, item in enumerate(e.data["holidays"]):
            for key in ("from", "to"):
                day = _date(item.get(key))
                if day is not None and day.year != year:
                    yield Finding(e, f"{item['name']} {key} {day.isoformat()} is not in {year}: this file holds "
                                     f"{year} only (enter {day.year} in {cal.holiday_file(day.year)})",
                                  ("holidays", i, key))
            first, last = _date(item["from"]), _date(item.get("to"))
            if first and last and last < first:
                yield Finding(e, f"{item['name']} ends ({last.isoformat()}) before it starts "
                                 f"({first.isoformat()}): swap from and to", ("holidays", i, "to"))
        for i, item in enumerate(e.data.get("workdays", [])):
            day = _date(item["date"])
            if day is not None and day.year != year:
                yield Finding(e, f"make-up working day {day.isoformat()} is not in {year}: this file holds "
                                 f"{year} only", ("workdays", i, "date"))


@rule("holiday-not-workday")
def holiday_not_workday(model):
    """No day is both a holiday and a make-up working day."""
    for e in model.all("holiday-year"):
        off = {}
        for item in e.data["holidays"]:
            off.update({d: item["name"] for d in _days(item)})
        for i, item in enumerate(e.data.get("workdays", [])):
            day = _date(item["date"])
            if day in off:
                yield Finding(e, f"{day.isoformat()} is both a holiday ({off[day]}) and a make-up working day "
                                 f"({item['for']}): check the notice and keep one", ("workdays", i, "date"))


@rule("workday-on-weekend")
def workday_on_weekend(model):
    """A make-up working day (调休上班) is a Saturday or a Sunday."""
    for e in model.all("holiday-year"):
        for i, item in enumerate(e.data.get("workdays", [])):
            day = _date(item["date"])
            if day is not None and day.weekday() < 5:
                yield Finding(e, f"make-up working day {day.isoformat()} is a "
                                 f"{cal.WEEKDAYS_ZH[day.weekday()]}, a working day anyway: the notice only "
                                 "moves Saturdays and Sundays to work; check the date", ("workdays", i, "date"))


@rule("holiday-statutory-missing")
def holiday_statutory_missing(model):
    """Warn when a statutory holiday of the year (statutory.py) is not among the
    file's holidays: the notice always gives those days off, so a date is likely mistyped."""
    for e in model.all("holiday-year"):
        off = {d for item in e.data["holidays"] for d in _days(item)}
        missing = [(d, n) for d, n in statutory.holidays(e.data["year"]).items() if d not in off]
        if missing:
            days = ", ".join(f"{d.isoformat()} {n}" for d, n in missing)
            yield warn(e, f"statutory holidays missing from this year's holidays: {days}; the notice always "
                          "gives them off: check the dates you entered", ("holidays",))


@rule("holidays-next-year", needs_today=True)
def holidays_next_year(model, today):
    """From 1 November, next year needs holiday data: chinesecalendar's or a data file."""
    if (today.month, today.day) < REMIND_FROM:
        return
    year = today.year + 1
    first, last = cal.coverage()
    if first <= year <= last or year in cal.entered(model):
        return
    yield Problem(cal.holiday_file(year), 1, 1,
                  f"{year} has no holiday data yet: {cal.library()} covers {first}-{last} and there is no "
                  f"{cal.holiday_file(year)}, so working days in {year} are counted from the statutory holidays "
                  f"only (provisional). Once the State Council publishes {cal.notice_title(year)}, copy it into "
                  f"{cal.holiday_file(year)} (see data/holidays/README.md)",
                  severity=WARNING, rule="holidays-next-year")
