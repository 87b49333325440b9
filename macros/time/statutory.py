"""The statutory public holidays of any year, computed from the national rules.

《全国年节及纪念日放假办法》 fixes which days are holidays; the State Council's
yearly notice then adds the bridging days and the make-up working days
(调休), which cannot be computed. So for a year that neither a data file
(data/holidays/YYYY.yml) nor chinesecalendar covers, the handbook counts
these days only, and every answer says it is provisional (holidays.py).

The lunar dates (春节, 端午, 中秋) and the solar term 清明 come from
lunar-python. Each edition of the rules is data below; the edition in force
in a year applies to all of it (the handbook does not model the rules before
1999 or the six-day week: a year before 2000 is computed with the 1999
edition). tests/test_statutory.py holds the computation to chinesecalendar's
own tables: every computed day is a holiday there, in every year it covers.

Pure: no model, no MkDocs.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta
from lunar_python import Lunar


@dataclass(frozen=True)
class Festival:
    name: str  # as chinesecalendar names it in Chinese, so every source reads alike
    anchor: str  # "solar": month/day of the Gregorian year; "lunar": of the lunar year; "qingming"
    month: int = 0
    day: int = 0
    offset: int = 0  # days from the anchor to the first day off (除夕 is 初一 - 1)
    days: int = 1


@dataclass(frozen=True)
class Edition:
    first_year: int  # the first whole year it governs
    decree: str
    festivals: tuple


NEW_YEAR = Festival("元旦", "solar", 1, 1)
QINGMING = Festival("清明", "qingming")
DRAGON_BOAT = Festival("端午", "lunar", 5, 5)
MID_AUTUMN = Festival("中秋", "lunar", 8, 15)
NATIONAL_DAY = Festival("国庆节", "solar", 10, 1, days=3)

# Newest first. The 2024 amendment (国务院令第795号) is in force since 2025-01-01.
EDITIONS = (
    Edition(2025, "国务院令第795号（2024年修订）", (
        NEW_YEAR, Festival("春节", "lunar", 1, 1, offset=-1, days=4), QINGMING,
        Festival("劳动节", "solar", 5, 1, days=2), DRAGON_BOAT, MID_AUTUMN, NATIONAL_DAY)),
    Edition(2014, "国务院令第644号（2013年修订）", (
        NEW_YEAR, Festival("春节", "lunar", 1, 1, days=3), QINGMING,
        Festival("劳动节", "solar", 5, 1), DRAGON_BOAT, MID_AUTUMN, NATIONAL_DAY)),
    Edition(2008, "国务院令第513号（2007年修订）", (
        NEW_YEAR, Festival("春节", "lunar", 1, 1, offset=-1, days=3), QINGMING,
        Festival("劳动节", "solar", 5, 1), DRAGON_BOAT, MID_AUTUMN, NATIONAL_DAY)),
    Edition(1, "国务院令第270号（1999年修订）", (
        NEW_YEAR, Festival("春节", "lunar", 1, 1, days=3),
        Festival("劳动节", "solar", 5, 1, days=3), NATIONAL_DAY)),
)


def edition(year: int) -> Edition:
    """The edition of the rules that governs `year`."""
    return next(e for e in EDITIONS if year >= e.first_year)


def _lunar(year: int, month: int, day: int) -> dt.date:
    s = Lunar.fromYmd(year, month, day).getSolar()
    return dt.date(s.getYear(), s.getMonth(), s.getDay())


def _qingming(year: int) -> dt.date:
    # The lunar year `year` begins in January or February, so its 清明 is April of `year`.
    s = Lunar.fromYmd(year, 1, 1).getJieQiTable()["清明"]
    return dt.date(s.getYear(), s.getMonth(), s.getDay())


def _anchor(f: Festival, year: int) -> dt.date:
    if f.anchor == "solar":
        return dt.date(year, f.month, f.day)
    if f.anchor == "lunar":
        return _lunar(year, f.month, f.day)
    return _qingming(year)


# Every year computed or remembered in this process. A year costs lunar-python
# about 4 ms, and the page's table spans some 75 years (deadlines.py), so a
# build would spend 0.2 s on it: statutory_store.py keeps them between processes.
_years: dict[int, dict] = {}


def holidays(year: int) -> dict:
    """{date: festival name} of the statutory days off in `year` (1 to 9999), sorted."""
    found = _years.get(year)
    if found is None:
        found = _years[year] = _compute(year)
    return found


def known() -> dict[int, dict]:
    """The years this process holds: {year: holidays(year)}."""
    return dict(_years)


def remember(years: dict[int, dict]) -> None:
    """Take years computed earlier (by this same code and lunar-python) as known."""
    for year, days in years.items():
        _years.setdefault(year, days)


def _compute(year: int) -> dict:
    out = {}
    for f in edition(year).festivals:
        first = _anchor(f, year) + relativedelta(days=f.offset)
        for n in range(f.days):
            out[first + relativedelta(days=n)] = f.name
    return dict(sorted(out.items()))
