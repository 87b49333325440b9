"""Time limits are data: a limit named in prose must exist as a deadline with
an explicit unit. The schema already makes every deadline state its unit (or
say `unspecified` with an open question); this rule catches the limit that an
editor wrote only into a sentence."""
from __future__ import annotations

import re

from macros.check.rules.registry import Finding, rule
from macros.check.rules.common import all_steps
from macros.model import timelimits

# 三日内, 7天以内, 两周内, 三个月内, 五年之内
LIMIT = re.compile(r"([0-9〇零一二两三四五六七八九十百]+)\s*(个)?(日|天|周|星期|月|年)(以内|之内|内)")
FAMILY = {"日": "days", "天": "days", "周": "weeks", "星期": "weeks", "月": "months", "年": "years"}
UNIT_FAMILY = {"calendar_days": "days", "working_days": "days", "weeks": "weeks",
               "months": "months", "years": "years"}
# Free-text fields read for limits. Glossary definitions, questions and clause
# headings explain or quote the policy; they are not where a rule is kept.
SKIP_KINDS = {"term", "question", "clause"}
_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
           "六": 6, "七": 7, "八": 8, "九": 9}


def chinese_number(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    total, current = 0, 0
    for ch in text:
        if ch in _DIGITS:
            current = _DIGITS[ch]
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        elif ch == "百":
            total += (current or 1) * 100
            current = 0
        else:
            return None
    return total + current


def limits_in(text: str):
    """[(phrase, amount, family)] for every time limit named in `text`."""
    out = []
    for m in LIMIT.finditer(text):
        amount = chinese_number(m.group(1))
        if amount:
            out.append((m.group(0), amount, FAMILY[m.group(3)]))
    return out


def limit_family(limit: dict):
    """(amount, unit family) of a deadline value: 3 working days and 3 calendar
    days both answer "三日内"."""
    return limit.get("amount"), UNIT_FAMILY.get(limit.get("unit"), limit.get("unit"))


def deadlines_by_file(model) -> dict:
    """{file: {path: deadline value}} for every deadline in the data, found
    from the schemas (model/timelimits.py): wherever a schema declares
    `$defs/deadline`, so a new kind of limit needs no change here."""
    out: dict = {}
    for found in timelimits.find(model)[0]:
        out.setdefault(found.file, {})[found.path] = found.value
    return out


def inside(limits: dict, base: tuple) -> dict:
    """The limits under `base`, keyed by their path relative to it."""
    return {p[len(base):]: v for p, v in limits.items() if p[:len(base)] == base}


def texts_in(data, skip=frozenset(), path=()):
    """(path, text) for every string under `data`, ids, references and the
    deadline values at the paths in `skip` aside."""
    if path in skip:
        return
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, dict):
        for key, value in data.items():
            if key not in ("id", "source"):
                yield from texts_in(value, skip, path + (key,))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from texts_in(value, skip, path + (i,))


@rule("time-limit-as-data")
def time_limit_as_data(model):
    """A step's text may only name the limit its own deadline carries; any other
    text may name a limit that some deadline in the data carries (a summary
    restating a process's limit is fine, a limit found nowhere else is not)."""
    limits = deadlines_by_file(model)
    everywhere = {limit_family(v) for in_file in limits.values() for v in in_file.values()}
    for _, anchor, where, step in all_steps(model):
        mine = inside(limits.get(anchor.doc.file, {}), anchor.path + tuple(where))
        own = {limit_family(v) for v in mine.values()}
        for path, text in texts_in(step, frozenset(mine)):
            for phrase, amount, family in limits_in(text):
                if (amount, family) not in own:
                    yield Finding(anchor, f"the text names the time limit '{phrase}' but the step's deadline "
                                          f"does not carry it: write deadline: {{amount: {amount}, unit: ...}} "
                                          "with an explicit unit", where + path)
    for kind, entities in model.by_kind.items():
        if kind in SKIP_KINDS or kind == "step":
            continue  # steps (also those inside paths) are read above
        for entity in entities.values():
            # Nested entities (a process's steps, a path's steps) are read on their own.
            nested = {k for k in entity.data if isinstance(entity.data[k], list)
                      and any(isinstance(x, dict) and "id" in x for x in entity.data[k])}
            mine = frozenset(inside(limits.get(entity.doc.file, {}), entity.path))
            for path, text in texts_in({k: v for k, v in entity.data.items() if k not in nested}, mine):
                for phrase, amount, family in limits_in(text):
                    if (amount, family) not in everywhere:
                        yield Finding(entity, f"the text names the time limit '{phrase}', which no deadline in "
                                              "the data carries: write it as a deadline with an explicit unit",
                                      path)
