"""A time limit in Chinese words: 会议结束后 3 个工作日内, 制度生效后的下月首日 ...

Small on purpose: the site pages have their own phrasing helper (macros/render/
on the `site` branch); the two should become one when the branches meet.
"""
from __future__ import annotations

AMOUNT_UNITS = {"calendar_days": "个自然日", "working_days": "个工作日", "weeks": "周",
                "months": "个月", "years": "年"}


def start_words(limit: dict) -> str:
    return limit.get("from_name") or limit.get("from") or "起算事件"


def limit_words(limit: dict) -> str:
    if limit.get("unspecified"):
        return "制度未规定"
    unit, start = limit.get("unit"), start_words(limit)
    if unit == "same_day":
        return f"{start}当日"
    if unit == "next_monday":
        return f"{start}后的下周一"
    if unit == "first_day_of_next_month":
        return f"{start}后的下月首日"
    amount = f"{limit.get('amount')} {AMOUNT_UNITS.get(unit, unit)}"
    if limit.get("at_least"):
        return f"自{start}起不短于 {amount}"
    return f"{start}后 {amount}内"
