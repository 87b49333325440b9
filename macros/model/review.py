"""Review freshness: when was an entity last reviewed, and when is it due.

Pure functions over plain data, shared by the `review-overdue` rule and the
site ("上次审核" on entity pages). An entity records its review as
`review: {last_reviewed: YYYY-MM-DD, cycle_months: N}` (common.schema.json
#/$defs/review); a file-level record (permissions.yml `review_info`) has the
same shape.
"""
from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

from markupsafe import Markup, escape

# Keys that hold a review record of the common shape.
REVIEW_KEYS = ("review", "review_info")


@dataclass(frozen=True)
class Freshness:
    key: str  # which key held the record: "review" or "review_info"
    last_reviewed: date
    cycle_months: int
    due: date  # last_reviewed + cycle_months

    def overdue(self, today: date) -> bool:
        return today > self.due


def add_months(day: date, months: int) -> date:
    """`day` plus whole months; the 31st becomes the month's last day."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def review_of(data) -> Freshness | None:
    """The review record of an entity's data, or None when it has none (or
    the record is malformed: the schema check reports that)."""
    if not isinstance(data, dict):
        return None
    for key in REVIEW_KEYS:
        record = data.get(key)
        if not isinstance(record, dict) or "last_reviewed" not in record:
            continue
        try:
            last = date.fromisoformat(str(record["last_reviewed"]))
            months = int(record["cycle_months"])
        except (KeyError, TypeError, ValueError):
            return None
        return Freshness(key, last, months, add_months(last, months))
    return None


def review_label(data, today: date | None = None) -> str:
    """Plain text for a page: "上次审核：2026-01-19（每 12 个月审核一次，下次 2027-01-19）",
    with "，已超期" when overdue on `today`. Empty when there is no record."""
    f = review_of(data)
    if f is None:
        return ""
    text = f"上次审核：{f.last_reviewed.isoformat()}（每 {f.cycle_months} 个月审核一次，下次 {f.due.isoformat()}"
    if today is not None and f.overdue(today):
        text += "，已超期"
    return text + "）"


def review_html(data, today: date | None = None) -> Markup:
    """review_label as escaped HTML, ready for a page; empty Markup when none."""
    label = review_label(data, today)
    if not label:
        return Markup("")
    overdue = today is not None and review_of(data).overdue(today)
    css = "hb-review hb-review--overdue" if overdue else "hb-review"
    return Markup('<p class="{}">{}</p>').format(css, escape(label))
