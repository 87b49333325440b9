"""Reproducible dates for generated artefacts (calendar DTSTAMP, export header).

Never "now": two builds of the same data must be byte-identical. The build
date is SOURCE_DATE_EPOCH when set (the reproducible-builds convention),
otherwise the data's own date: the newest of the policy's version date and
every `review.last_reviewed` in the data.
"""
from __future__ import annotations

import datetime as dt
import os


def policy_info(model) -> dict:
    """sources.yml `policy` (name, version, published ...), or {}."""
    for doc in model.docs:
        if doc.file == "data/sources.yml" and isinstance(doc.data, dict):
            return dict(doc.data.get("policy") or {})
    return {}


def _dates(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "last_reviewed" and isinstance(value, str):
                yield value
            else:
                yield from _dates(value)
    elif isinstance(node, list):
        for item in node:
            yield from _dates(item)


def data_date(model) -> dt.date:
    policy = policy_info(model)
    found = [policy.get("published"), policy.get("version")]
    for doc in model.docs:
        found += list(_dates(doc.data))
    days = []
    for text in found:
        try:
            days.append(dt.date.fromisoformat(str(text)))
        except ValueError:
            continue
    return max(days) if days else dt.date(1970, 1, 1)


def effective_date(model) -> dt.date:
    """When the policy took effect: the anchor of every recurring series (it
    does not move when data is re-reviewed, so event dates stay stable)."""
    policy = policy_info(model)
    for key in ("effective", "published", "version"):
        try:
            return dt.date.fromisoformat(str(policy.get(key)))
        except ValueError:
            continue
    return data_date(model)


# Dates in the data lie in 1900-2099 (common.schema.json `date`); a build
# date past them would carry every computed deadline out of range.
EPOCH_MAX = 4_102_444_799  # 2099-12-31T23:59:59Z


class BadEpoch(ValueError):
    """SOURCE_DATE_EPOCH is set but is not a usable timestamp."""


def source_date_epoch() -> int | None:
    """SOURCE_DATE_EPOCH as an int, None when unset or empty; BadEpoch when
    it is not a whole number of seconds between 1970 and 2099."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not value:
        return None
    if not value.isdigit() or int(value) > EPOCH_MAX:
        raise BadEpoch(f"SOURCE_DATE_EPOCH={value[:40]!r} is not a timestamp between 1970 and 2099 "
                       "(whole seconds since 1970-01-01 UTC); unset it or fix it")
    return int(value)


def build_stamp(model) -> dt.datetime:
    """A UTC timestamp: SOURCE_DATE_EPOCH, else midnight UTC of data_date()."""
    epoch = source_date_epoch()
    if epoch is not None:
        return dt.datetime.fromtimestamp(epoch, tz=dt.timezone.utc)
    day = data_date(model)
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc)


def build_date(model) -> dt.date:
    """The build's day (build_stamp()): the one clock of the pages and feeds."""
    return build_stamp(model).date()


def horizon(model) -> dt.date:
    """The end of the year after the build date: how far the feeds' working-day
    corrections and the pages' holiday table reach for sure."""
    return dt.date(build_date(model).year + 1, 12, 31)
