"""Mainland China's working-day calendar, for any year, from three sources.

For each year, in order:
1. a data file the department entered from the State Council's notice
   (data/holidays/YYYY.yml: holidays and make-up working days, with the
   notice's reference);
2. otherwise the chinesecalendar library, for the years it covers;
3. otherwise the statutory holidays computed from the national rules
   (statutory.py). Bridging and make-up days are unknown there, so every
   answer from such a year says it is provisional.

A Calendar is built once per loaded project (for_result) and passed to the
due-date computation, the feeds and the pages; table() hands the browser
calculator exactly the same days, so the CLI and the page cannot disagree.
Pure: no MkDocs.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import PurePosixPath

import chinese_calendar
from dateutil.relativedelta import relativedelta

from macros.time import statutory

WEEKDAYS_ZH = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")
HOLIDAY_FILES = "data/holidays/*.yml"
DATA, LIBRARY, STATUTORY = "data", "library", "statutory"
SOURCE_ZH = {DATA: "数据文件", LIBRARY: "库", STATUTORY: "法定节假日推算（暂定）"}
READER_SOURCE = {DATA: "国务院公布的放假和调休安排（手册已录入）", LIBRARY: "国务院公布的放假和调休安排"}
PROVISIONAL = "暂按法定节假日计算，调休安排待国务院公布"
# A year before the library's first one: its notice was published long ago,
# the handbook just has not entered it.
PAST_UNKNOWN = "手册未收录当年的调休安排，只按法定节假日计算"


def notice_title(year: int) -> str:
    return f"国务院办公厅关于{year}年部分节假日安排的通知"


def holiday_file(year: int) -> str:
    return f"data/holidays/{year}.yml"


@lru_cache(maxsize=1)
def coverage() -> tuple[int, int]:
    """(first year, last year) the installed chinesecalendar knows."""
    years = {d.year for d in chinese_calendar.holidays} | {d.year for d in chinese_calendar.workdays}
    return min(years), max(years)


def library_version() -> str:
    return getattr(chinese_calendar, "__version__", "unknown")


def library() -> str:
    return f"chinesecalendar {library_version()}"


def _chinese(name) -> str:
    # The library stores English names; its Holiday enum carries the Chinese.
    for h in chinese_calendar.Holiday:
        if h.value == name:
            return h.chinese
    return str(name)


@lru_cache(maxsize=1)
def _library_years() -> dict:
    """{year: (holidays {date: name}, workdays {date: name})} from the library."""
    first, last = coverage()
    out = {y: ({}, {}) for y in range(first, last + 1)}
    for i, table in enumerate((chinese_calendar.holidays, chinese_calendar.workdays)):
        for day, name in sorted(table.items()):
            out[day.year][i][day] = _chinese(name)
    return out


@dataclass(frozen=True)
class Year:
    """One year's days off and make-up working days, and where they come from."""
    year: int
    source: str  # DATA, LIBRARY or STATUTORY
    holidays: dict  # {date: name}
    workdays: dict  # {date: name}: weekend days that are worked
    origin: str = ""  # data: the file and the notice; library: its name and version

    @property
    def provisional(self) -> bool:
        return self.source == STATUTORY

    @property
    def remark(self) -> str:
        """Why a computed year is provisional ('' for the others)."""
        if not self.provisional:
            return ""
        return PAST_UNKNOWN if self.year < coverage()[0] else PROVISIONAL

    @property
    def reader_note(self) -> str:
        """note() for a reader's page: where the days come from in words,
        without the library's name or the data file's path (the CLI and the
        export keep those). docs/javascripts/deadline-calc.js says the same."""
        if self.provisional:
            return self.note
        return f"{self.year} 年的节假日：{READER_SOURCE[self.source]}"

    @property
    def note(self) -> str:
        """2027 年的节假日：法定节假日推算（暂定），暂按法定节假日计算，调休安排待国务院公布"""
        text = f"{self.year} 年的节假日：{SOURCE_ZH[self.source]}"
        return f"{text}，{self.remark}" if self.provisional else f"{text}（{self.origin}）"


def entered(model) -> dict:
    """{year: Year} from the project's data/holidays/*.yml (already checked)."""
    out = {}
    for doc in model.docs:
        if not PurePosixPath(doc.file).match(HOLIDAY_FILES) or not isinstance(doc.data, dict):
            continue
        year = doc.data["year"]
        days = {}
        for item in doc.data.get("holidays", []):
            first = dt.date.fromisoformat(item["from"])
            last = dt.date.fromisoformat(item.get("to", item["from"]))
            while first <= last:
                days[first] = item["name"]
                first += relativedelta(days=1)
        work = {dt.date.fromisoformat(w["date"]): w["for"] for w in doc.data.get("workdays", [])}
        notice = doc.data["notice"]
        origin = f"{doc.file}；{notice['title']}" + (f"，{notice['number']}" if notice.get("number") else "")
        out[year] = Year(year, DATA, dict(sorted(days.items())), dict(sorted(work.items())), origin)
    return out


@dataclass
class Calendar:
    """The working-day calendar: data-file years first, then the library, then the rules."""
    data_years: dict = field(default_factory=dict)  # {year: Year} from data files
    _years: dict = field(default_factory=dict, repr=False)

    def year(self, year: int) -> Year:
        found = self._years.get(year)
        if found is None:
            found = self._years[year] = self._make(year)
        return found

    def _make(self, year: int) -> Year:
        if year in self.data_years:
            return self.data_years[year]
        lib = _library_years().get(year)
        if lib is not None:
            return Year(year, LIBRARY, lib[0], lib[1], library())
        return Year(year, STATUTORY, statutory.holidays(year), {}, statutory.edition(year).decree)

    def is_workday(self, day: dt.date) -> bool:
        """Weekdays are worked unless a day off; some weekend days are make-up working days."""
        y = self.year(day.year)
        if day in y.workdays:
            return True
        return day.weekday() < 5 and day not in y.holidays

    def describe(self, day: dt.date) -> str:
        """Why `day` is or is not worked: 法定节假日（国庆节）, 调休上班日（国庆节）, 周末, ''."""
        y = self.year(day.year)
        if day in y.workdays and day.weekday() >= 5:
            return f"调休上班日（{y.workdays[day]}）"
        if day in y.holidays:
            return f"法定节假日（{y.holidays[day]}）"
        if day.weekday() >= 5:
            return "周末"
        return ""

    def notes(self, first: dt.date, last: dt.date) -> list[str]:
        """One line per year from `first` to `last`: which source answered for it."""
        return [self.year(y).note for y in range(first.year, last.year + 1)]

    def provisional(self, first: dt.date, last: dt.date) -> bool:
        return any(self.year(y).provisional for y in range(first.year, last.year + 1))

    def table(self, first_year: int, last_year: int) -> dict:
        """Every day off and make-up day from first_year to last_year, as plain
        data for the browser calculator and the export, with each year's
        source and the line that says so (Year.note)."""
        years, holidays, workdays = {}, {}, {}
        for number in range(first_year, last_year + 1):
            y = self.year(number)
            years[str(number)] = {"source": y.source, "note": y.note, "remark": y.remark}
            holidays.update({d.isoformat(): n for d, n in y.holidays.items() if d.year == number})
            workdays.update({d.isoformat(): n for d, n in y.workdays.items() if d.year == number})
        return {"library": library(), "first_year": first_year, "last_year": last_year,
                "years": years, "holidays": holidays, "workdays": workdays}


_DEFAULT = Calendar()


def default() -> Calendar:
    """The calendar without data files: the library, then the rules."""
    return _DEFAULT


def for_model(model) -> Calendar:
    """The project's calendar: its data files, then the library, then the rules."""
    years = entered(model)
    return Calendar(years) if years else _DEFAULT


def for_result(result) -> Calendar:
    """for_model(), built once per loaded model (a view of it: Model.view)."""
    return result.model.view(for_model)
