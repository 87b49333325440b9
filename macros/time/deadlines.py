"""The time limits of the data as rules for `handbook due`, the deadlines page,
the browser calculator and the export: one list, built in one place.

A rule is a deadline found by timelimits.find() (its id scheme is documented
there); `computable` is False for the limits the policy leaves open
(`unspecified: true`), which are listed but have no date to compute.
"""
from __future__ import annotations

import json
from dataclasses import dataclass

from macros.time import holidays, stamp, statutory_store
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
    with statutory_store.kept(model.root):  # the statutory years of earlier builds
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


def holiday_table_for_model(model) -> dict:
    """holiday_table() for a caller holding only the model (the first-week
    pages render from it): the same view, so the same table as the calculator."""
    return model.view(_holiday_table)


# Rules a clerk looks up daily come first; then the processes in business
# order; then the department's standing rules (goals, rotation, permissions ...).
DAILY_KINDS = ("report", "document-rule", "decision-rule")


@dataclass(frozen=True)
class Group:
    key: str  # a process id, or a kind: the filter's value, never shown
    name: str  # Chinese
    order: tuple


def group_of(model, rule: Rule) -> Group:
    """Where a reader looks for `rule`: its process (a step's or a path's
    rule) or the kind of thing that sets it (报告, 角色, 审计 ...)."""
    from macros.core import words
    from macros.model.queries import process_rank
    if rule.kind in ("step", "path"):
        process = model.get("process", rule.id.split(".", 1)[0])
        if process is not None:
            return Group(process.id, process.name, (1, process_rank(model)[process.id]))
    daily = rule.kind in DAILY_KINDS
    name = "报告、纪要与决议" if daily else words.kind(rule.kind)
    return Group("daily" if daily else rule.kind, name, (0, 0) if daily else (2, name))


def same_rule_key(rule: Rule) -> tuple:
    """The limit itself: amount and unit counted from the same event."""
    limit = rule.limit
    if limit.get("unspecified"):
        return ("unspecified", rule.id)
    return (limit.get("unit"), limit.get("amount"), limit.get("from"), bool(limit.get("at_least")))


def _clusters(places: list[Rule]) -> list[list[Rule]]:
    """Rules with the same limit that cite a common clause: one rule stated in
    several places (the five-day retroactive approval of 四.一.2 appears in
    the permission, the emergency decision and the data-leak response).
    Recording a decision (四.二.5) and confirming its owner by e-mail
    (四.二.6) share a limit but are two rules."""
    groups: list[list[Rule]] = []
    for r in places:
        touching = [g for g in groups if any(set(r.source) & set(x.source) for x in g)]
        merged_group = [r] + [x for g in touching for x in g]
        groups = [g for g in groups if g not in touching] + [merged_group]
    return groups


def merged(result) -> list[tuple[Group, list[Rule]]]:
    """The computable rules, each stated once: (its home group, [the rule as
    stated there, then every other place stating it]), in reading order. The
    home is the process stating it most often (the archive steps of 文档归档),
    else the first in reading order. A view of the model: the deadlines page
    asks for it in its table, filters, count and calculator."""
    return result.model.view(_merged)


def _merged(model) -> list[tuple[Group, list[Rule]]]:
    by_limit: dict[tuple, list[Rule]] = {}
    all_rules = model.view(_rules)
    index = {r.id: i for i, r in enumerate(all_rules)}
    for r in all_rules:
        if r.computable:
            by_limit.setdefault(same_rule_key(r), []).append(r)
    out = []
    for places in by_limit.values():
        for cluster in _clusters(places):
            groups = [group_of(model, r) for r in cluster]
            home = min(groups, key=lambda g: (-groups.count(g), g.order))
            cluster.sort(key=lambda r: (group_of(model, r) != home, group_of(model, r).order, index[r.id]))
            out.append((home, cluster))
    return sorted(out, key=lambda gp: gp[0].order)
