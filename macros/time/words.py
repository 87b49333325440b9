"""Time limits and cycles in Chinese words, from their data.

Shared by the site, the print layer and the calendar: one wording for
`{amount: 3, unit: calendar_days, from: meeting_end}` ("会后 3 个自然日内")
everywhere. `deadline_text` is plain text; `deadline_html` links the open
question when the policy leaves the limit unspecified.
"""
from __future__ import annotations

from markupsafe import Markup

from macros.core.text import esc

UNITS = {
    "calendar_days": "个自然日",
    "working_days": "个工作日",
    "weeks": "周",
    "months": "个月",
    "years": "年",
}

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

CYCLE_UNITS = {"day": "日", "week": "周", "month": "月", "quarter": "季度", "year": "年"}
CYCLE_EVERY_ONE = {"day": "每日", "week": "每周", "month": "每月", "quarter": "每季度", "year": "每年"}


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
        words = f"{amount} {UNITS.get(unit, unit)}"
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
        return Markup("")
    if deadline.get("unspecified"):
        q = deadline.get("open_question", "")
        ref = question_link(q) if question_link else esc(q)
        return Markup("制度未规定（见待决问题 {}）").format(ref)
    words = esc(deadline_text(deadline))
    q = deadline.get("open_question")
    if q:
        ref = question_link(q) if question_link else esc(q)
        words += Markup("（口径见待决问题 {}）").format(ref)
    return words


def cycle_text(cycle: dict | None) -> str:
    """'每周', '每两周' ('每 2 周'), '每年至少 2 次'."""
    if not cycle:
        return ""
    unit, interval, times = cycle.get("unit"), cycle.get("interval", 1), cycle.get("times")
    base = CYCLE_EVERY_ONE.get(unit, f"每{unit}") if interval == 1 \
        else f"每 {interval} {'个' if unit in ('month', 'quarter') else ''}{CYCLE_UNITS.get(unit, unit)}"
    if interval == 2 and unit == "week":
        base = "每两周"
    if times and times > 1:
        base += f"{'至少' if cycle.get('at_least') else ''} {times} 次"
    elif cycle.get("at_least"):
        base += "至少 1 次"
    else:
        base += "一次"
    return base
