"""An onboarding plan as the pages and the rules see it: days of items, each
with its kind, target and minutes (reading computed, the rest typed).

The working day: 8 hours, of which 6 (360 minutes) are the learning budget.
The other 2 hours go to what every first day and week holds besides the plan:
paperwork with 人力资源部, accounts and keys, breaks, the 日报 the new hire
already writes from day 1 (制度 三.二), and questions to the mentor. A plan
that fills the whole 8 hours would be late by Wednesday.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from macros.core import words
from macros.onboarding.reading import reading_minutes, target_page

WORKDAY_HOURS = 8
BUDGET_MINUTES = 360  # learning budget per day (6 of the 8 hours)
DAYS = 5  # 制度 一.二: new staff are productive within one week

KIND_LABELS = words.PLAN_ITEM
KINDS = tuple(KIND_LABELS)


@dataclass
class PlanItem:
    id: str
    kind: str  # read | practise | meet | check
    target: str  # the value of its kind key
    minutes: int | None  # None: a read target that does not resolve (the rules say so)
    computed: bool  # True: reading time computed from the page
    day: int
    index: int  # position in the day
    data: dict = field(default_factory=dict)
    path: tuple = ()  # where in the plan's data

    @property
    def after(self) -> list:
        return list(self.data.get("after", []))


@dataclass
class DayView:
    day: int
    theme: str
    items: list

    @property
    def minutes(self) -> int:
        return sum(i.minutes or 0 for i in self.items)


def kind_of(item: dict) -> str:
    return next(k for k in KINDS if k in item)


def items(model, plan) -> list[PlanItem]:
    out = []
    for d, day in enumerate(plan.data["days"]):
        for i, raw in enumerate(day["items"]):
            kind = kind_of(raw)
            if kind == "read":
                minutes, computed = reading_minutes(model, raw["read"]), True
            else:
                minutes, computed = raw["minutes"], False
            out.append(PlanItem(raw["id"], kind, str(raw[kind]), minutes, computed, day["day"], i,
                                raw, ("days", d, "items", i)))
    return out


def days(model, plan) -> list[DayView]:
    by_day: dict = {}
    for item in items(model, plan):
        by_day.setdefault(item.day, []).append(item)
    return [DayView(day["day"], day["theme"], by_day.get(day["day"], [])) for day in plan.data["days"]]


def total_minutes(model, plan) -> int:
    return sum(d.minutes for d in days(model, plan))


def read_pages(model, plan) -> set[str]:
    """Docs-relative pages the plan reads."""
    return {p for i in items(model, plan) if i.kind == "read" for p in [target_page(model, i.target)] if p}


def item_title(model, item) -> tuple[str, str]:
    """(title, detail) of an item in words: what to read, practise or meet.
    A read item's detail is its docs-relative page: each output says where
    that page is in its own terms (a link on the site, a URL on paper)."""
    from macros.onboarding.reading import page_title
    if item.kind == "read":
        kind, _, ident = item.target.partition(":")
        e = model.get(kind, ident) if not item.target.endswith(".md") else None
        page = target_page(model, item.target)
        return (e.name if e else page_title(model, page)), page
    if item.kind == "practise":
        c = model.get("checklist", item.target)
        return (c.name if c else item.target), f"样例：{item.data.get('case', '')}"
    if item.kind == "meet":
        r = model.get("role", item.target)
        return (r.name if r else item.target), str(item.data.get("topic", ""))
    return item.target, "自检题见本文件末尾"


def hours(minutes: int) -> str:
    """'5.5 小时' style, one decimal, for people."""
    return f"{minutes / 60:.1f}".rstrip("0").rstrip(".") + " 小时"
