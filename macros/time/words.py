"""Time limits and cycles in Chinese words, from their data.

The one place that words time: every unit (UNITS), every limit
(`{amount: 3, unit: calendar_days, from: meeting_end}` reads "会后 3 个自然日内")
and every cycle (`{interval: 2, unit: week}` reads "每两周一次") is worded
here, for the site, the prints, the calendar, the export and `handbook check`.
`deadline_text` is plain text; `deadline_html` links the open question when
the policy leaves the limit unspecified.
"""
from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from macros.core.text import Html, esc


@dataclass(frozen=True)
class Unit:
    name: str  # the unit on its own: a table cell, "本时限按自然日计", "每周"
    counted: str  # after a number: "3 个自然日", "每 3 个月"; '' for a unit without an amount


# Every unit of time the data uses, in Chinese: a deadline's `unit`
# (common.schema.json#/$defs/deadline) and a cycle's `unit` (#/$defs/cycle).
# The one table: due dates, deadline and cycle words, the calendar and the
# check messages all read it. (deadline-calc.js mirrors the deadline units of
# `handbook due`'s explanation; keep the two in step.)
UNITS = {
    "calendar_days": Unit("自然日", "个自然日"),
    "working_days": Unit("工作日", "个工作日"),
    "weeks": Unit("周", "周"),
    "months": Unit("个月", "个月"),
    "years": Unit("年", "年"),
    "same_day": Unit("当日", ""),
    "next_monday": Unit("下周一", ""),
    "first_day_of_next_month": Unit("下月首日", ""),
    "day": Unit("日", "天"),
    "week": Unit("周", "周"),
    "month": Unit("月", "个月"),
    "quarter": Unit("季度", "个季度"),
    "year": Unit("年", "年"),
}


def unit_name(unit: str) -> str:
    """自然日, 下周一 ...; an unknown unit shows its id."""
    return UNITS[unit].name if unit in UNITS else unit


def amount_text(amount, unit: str) -> str:
    """'3 个自然日', '2 周'; a unit without an amount reads by its name ('下周一')."""
    found = UNITS.get(unit)
    if found is None:
        return f"{amount} {unit}".strip()
    return f"{amount} {found.counted}" if found.counted else found.name


# How a start event reads before a limit ("会后 3 个自然日内"). A data file
# may name an event we do not know yet: then its `from_name` is used.
FROM_PHRASES = {
    "meeting_end": "会后",
    "meeting": "会后",
    "decision": "作出决定后",
    "decision_made": "作出决定后",
    "emergency_decision": "紧急决策后",
    "report_day_end": "报告所属日后",
    "report_week_end": "报告所属周结束后",
    "report_month_end": "报告所属月结束后",
    "policy_effective": "制度生效后",
    "start_date": "入职后",
    "hire_date": "入职后",
    "finding_notified": "收到审计问题通知后",
    "audit_finding": "发现审计问题后",
    "risk_identified": "发现新风险后",
    "incident_detected": "发现事件后",
    "project_approved": "项目立项后",
    "appointment": "任职起",
    "last_rotation": "上次轮岗起",
    "request_received": "收到申请后",
    "action_taken": "采取行动后",
    "leak_discovered": "发现泄露后",
    "month_end": "月末",
    "week_end": "周末",
    "previous_audit": "上次审计后",
    "previous_review": "上次复核后",
}

def from_phrase(deadline: dict) -> str:
    if deadline.get("from_name"):
        name = str(deadline["from_name"])
        return name if name.endswith(("后", "起")) else name + "后"
    key = deadline.get("from", "")
    return FROM_PHRASES.get(key, f"自{key}起" if key else "")


def deadline_text(deadline: dict | None) -> str:
    """Plain words for a deadline object; '' for none."""
    if not deadline:
        return ""
    if deadline.get("unspecified"):
        return "制度未规定"
    unit, amount = deadline.get("unit"), deadline.get("amount")
    start = from_phrase(deadline)
    if unit == "same_day":
        core = f"{_same_day(deadline, start)}当日"
    elif unit == "next_monday":
        core = "下周一"  # the start event is the week itself; naming it adds nothing
    elif unit == "first_day_of_next_month":
        core = "下月首日"
    else:
        words = amount_text(amount, unit)
        if deadline.get("at_least"):
            core = f"{start}不少于 {words}".strip()
        else:
            core = f"{start} {words}内".strip()
    return core


SAME_DAY = {"meeting_end": "会议", "meeting": "会议", "decision": "决定", "decision_made": "决定"}


def _same_day(deadline: dict, start: str) -> str:
    # "会后当日" reads oddly; the event itself names the day ("会议当日").
    if deadline.get("from") in SAME_DAY:
        return SAME_DAY[deadline["from"]]
    for suffix in ("后", "起"):
        if start.endswith(suffix):
            return start[: -len(suffix)]
    return start


def deadline_html(deadline: dict | None, question_link=None) -> Markup:
    """Escaped words; an unspecified limit links its open question via
    `question_link(id) -> Markup`."""
    if not deadline:
        return Html("")
    if deadline.get("unspecified"):
        q = deadline.get("open_question", "")
        ref = question_link(q) if question_link else esc(q)
        return Html("制度未规定（见待决问题 {}）").format(ref)
    words = esc(deadline_text(deadline))
    q = deadline.get("open_question")
    if q:
        ref = question_link(q) if question_link else esc(q)
        words += Html("（口径见待决问题 {}）").format(ref)
    return words


def cycle_text(cycle: dict | None) -> str:
    """How often, in the one wording every output uses (the site, the prints,
    the calendar page and feeds, the export, `handbook check`):
    每周一次, 每两周一次, 每 3 个月一次, 每年至少一次, 每年至少 2 次, 每周 2 次.
    Two is 两 (每两周, not 每 2 周), as Chinese says it; larger numbers are digits."""
    if not cycle:
        return ""
    times, at_least = cycle.get("times", 1), cycle.get("at_least")
    every = every_text(cycle.get("interval", 1), cycle.get("unit"))
    if times and times > 1:
        return f"{every}{'至少' if at_least else ''} {times} 次"
    return every + ("至少一次" if at_least else "一次")


def every_text(interval: int, unit: str) -> str:
    """The "how often" of a cycle: 每周, 每两周, 每 3 个月."""
    found = UNITS.get(unit, Unit(str(unit), str(unit)))
    if interval == 1:
        return f"每{found.name}"
    if interval == 2:
        return f"每两{found.counted}"
    return f"每 {interval} {found.counted}"


def months_text(step: int, first_month: int) -> str:
    """The months a series every `step` months falls in, starting with
    `first_month`: 每月 / 每年 1 月、7 月 / 每两年 1 月 / 每 5 个月."""
    if step == 1:
        return every_text(1, "month")
    if 12 % step == 0:
        months = sorted((first_month - 1 + k * step) % 12 + 1 for k in range(12 // step))
        return every_text(1, "year") + " " + "、".join(f"{m} 月" for m in months)
    if step % 12 == 0:
        return f"{every_text(step // 12, 'year')} {first_month} 月"
    return every_text(step, "month")
