"""Reproducible dates for generated artefacts (calendar DTSTAMP, the export
header, the print footer).

Never "now": two builds of the same sources must be byte-identical.

The data date (数据日期) has one meaning everywhere it is printed (the export
header, the PDF footer, the calendar's DTSTAMP): the day the handbook's
sources (data/ and checklists/) last changed. That is the committer date of
the last commit touching them when they are committed and unchanged, else
the newest source file's modification day; never later than
SOURCE_DATE_EPOCH when that is set (the reproducible-builds convention,
https://reproducible-builds.org/specs/source-date-epoch/). A review date is
not a data date: editing a deadline without re-reviewing changes the data.
"""
from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from macros.core import git

SOURCES = ("data", "checklists")


def policy_info(model) -> dict:
    """sources.yml `policy` (name, version, published ...), or {}."""
    for doc in model.docs:
        if doc.file == "data/sources.yml" and isinstance(doc.data, dict):
            return dict(doc.data.get("policy") or {})
    return {}


# Dates in the data lie in 1900-2099 (common.schema.json `date`); a build
# date past them would carry every computed deadline out of range.
EPOCH_MAX = 4_102_444_799  # 2099-12-31T23:59:59Z


class BadEpoch(ValueError):
    """SOURCE_DATE_EPOCH is set but is not a usable timestamp."""


def epoch() -> int | None:
    """SOURCE_DATE_EPOCH as seconds, None when unset or empty; BadEpoch when
    it is not a whole number of seconds between 1970 and 2099 (the CLI
    reports that with exit 2 before any command meets it)."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not value:
        return None
    if not value.isdigit() or int(value) > EPOCH_MAX:
        raise BadEpoch(f"SOURCE_DATE_EPOCH={value[:40]!r} is not a timestamp between 1970 and 2099 "
                       "(whole seconds since 1970-01-01 UTC); unset it or fix it")
    return int(value)


def _day(ts: float) -> dt.date:
    return dt.datetime.fromtimestamp(ts, dt.timezone.utc).date()


def dirty(root: Path) -> bool:
    """The sources differ from the last commit (or git cannot tell)."""
    return git.answer(root, "status", "--porcelain", "--", *SOURCES) != ""


def last_change(root: Path) -> float:
    """When the sources last changed, as a timestamp (see the module docstring)."""
    root = Path(root)
    if git.answer(root, "rev-parse", "--is-inside-work-tree") == "true" and not dirty(root):
        stamp = git.answer(root, "log", "-1", "--format=%ct", "--", *SOURCES)
        if stamp and stamp.isdigit():
            return float(stamp)
    return max((p.stat().st_mtime for top in SOURCES for p in (root / top).rglob("*.yml")
                if p.is_file()), default=0.0)


def data_date_of(root: Path) -> dt.date:
    """The data date of the project at `root`, clamped to SOURCE_DATE_EPOCH."""
    return _clamped(last_change(root))


def data_date(model) -> dt.date:
    """data_date_of(model.root), asking git once per model (Model.view)."""
    return _clamped(model.view(_last_change))


def _last_change(model) -> float:
    return last_change(model.root) if model.root is not None else 0.0


def _clamped(ts: float) -> dt.date:
    limit = epoch()
    if limit is not None:
        ts = min(ts, limit) if ts else limit
    return _day(ts)


def effective_date(model) -> dt.date:
    """The anchor of every recurring series: when the policy took effect, or,
    while that is unknown (sources.yml `effective: 未知`), the date of the web
    page the text came from. Only an anchor, never shown as an effective date;
    it does not move when data is edited or re-reviewed, so event dates stay
    stable. A policy that states no date falls back to the data date."""
    policy = policy_info(model)
    for key in ("effective", "published", "page_date", "version"):
        try:
            return dt.date.fromisoformat(str(policy.get(key)))
        except ValueError:
            continue
    return data_date(model)


def build_stamp(model) -> dt.datetime:
    """A UTC timestamp: SOURCE_DATE_EPOCH, else midnight UTC of data_date()."""
    limit = epoch()
    if limit is not None:
        return dt.datetime.fromtimestamp(limit, tz=dt.timezone.utc)
    day = data_date(model)
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc)


def build_date(model) -> dt.date:
    """The build's day (build_stamp()): the one clock of the pages and feeds."""
    return build_stamp(model).date()


def horizon(model) -> dt.date:
    """The end of the year after the build date: how far the feeds' working-day
    corrections and the pages' holiday table reach for sure."""
    return dt.date(build_date(model).year + 1, 12, 31)
