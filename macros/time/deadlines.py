"""The time limits of the data as rules for `handbook due`, the deadlines page,
the browser calculator and the export: one list, built in one place.

A rule is a deadline found by timelimits.find() (its id scheme is documented
there); `computable` is False for the limits the policy leaves open
(`unspecified: true`), which are listed but have no date to compute.
"""
from __future__ import annotations

import json
from dataclasses import dataclass

from macros.time import holidays, stamp
from macros.model import timelimits
from macros.time.words import deadline_text as limit_words, from_phrase as start_words


@dataclass(frozen=True)
class Rule:
    id: str
    name: str
    limit: dict
    responsible: tuple
    source: tuple
    file: str
    line: int
    kind: str

    @property
    def computable(self) -> bool:
        return not self.limit.get("unspecified")

    @property
    def open_question(self) -> str:
        return self.limit.get("open_question", "")

    def as_json(self, model) -> dict:
        q = model.get("question", self.open_question) if self.open_question else None
        return {
            "id": self.id, "name": self.name, "kind": self.kind,
            "limit": dict(self.limit), "computable": self.computable,
            "words": limit_words(self.limit), "from_words": start_words(self.limit),
            "responsible": list(self.responsible), "source": list(self.source),
            "open_question": ({"id": q.id, "name": q.name} if q else None),
            "file": self.file, "line": self.line,
        }


def rules(result) -> list[Rule]:
    return result.model.view(_rules)


def _rules(model) -> list[Rule]:
    deadlines, _ = timelimits.find(model)
    roles = {r.id for r in model.all("role")}
    return [Rule(d.id, d.name, dict(d.value),
                 tuple(r for r in timelimits.responsible(d) if r in roles),
                 tuple(d.source), d.file, d.line, d.owner_kind) for d in deadlines]


# The browser calculator reads every day off from the page (it cannot run the
# lunar computation), so the page carries a generous horizon: the statutory
# years from FIRST_TABLE_YEAR to this many years after the build year. Before
# and after, it counts weekends only and says so.
FIRST_TABLE_YEAR = 2000
PAGE_YEARS_AHEAD = 50


def table_years(result) -> tuple[int, int]:
    """(first, last) year of the holiday table the page and the export carry."""
    return _table_years(result.model)


def _table_years(model) -> tuple[int, int]:
    cal = model.view(holidays.for_model)
    first, last = holidays.coverage()
    entered = list(cal.data_years)
    return (min([FIRST_TABLE_YEAR, first] + entered),
            max([stamp.build_date(model).year + PAGE_YEARS_AHEAD, last] + entered))


def holiday_table(result) -> dict:
    """The project's working-day table over table_years() (holidays.Calendar.table),
    built once per loaded model (Model.view)."""
    return result.model.view(_holiday_table)


def _holiday_table(model) -> dict:
    return model.view(holidays.for_model).table(*_table_years(model))


def calculator_data(result) -> dict:
    """What the browser calculator needs: the computable rules and the holiday table."""
    return {
        "rules": [r.as_json(result.model) for r in rules(result) if r.computable],
        "holidays": holiday_table(result),
    }


def calculator_json(result) -> str:
    """calculator_data() as JSON safe to put inside a <script> element."""
    text = json.dumps(calculator_data(result), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
