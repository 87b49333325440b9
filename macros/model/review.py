"""Review freshness: when was an entity last reviewed, and when is it due.

Pure functions over plain data, shared by the `review-overdue` rule, the
site ("下次审核" on entity pages) and the printed checklists ("复审到期"). An entity records its review as
`review: {last_reviewed: YYYY-MM-DD, cycle_months: N}` (common.schema.json
#/$defs/review); a file-level record (permissions.yml `review_info`) has the
same shape.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from macros.core.dates import add_months

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
