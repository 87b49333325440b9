"""handbook due [--dir DIR] (--list | RULE DATE) [--format text|json]

The due date of a time limit, and how it was computed (macros/time/due.py).
"""
from __future__ import annotations

import difflib
import json

from macros.cli.commands import UsageError, loaded, project_root


def add_arguments(p):
    p.add_argument("rule", nargs="?", help="rule id (see --list), e.g. quarterly-audit.rectification")
    p.add_argument("date", nargs="?", help="the date of the starting event, YYYY-MM-DD")
    p.add_argument("--list", action="store_true", help="list the rule ids with their Chinese names")
    p.add_argument("--dir", help="project directory (default: the current one)")
    p.add_argument("--format", choices=("text", "json"), default="text", help="output format")


def explain(rule, result, start) -> tuple[object, list[str]]:
    """(Due, lines): the text the CLI prints; the browser calculator prints the same lines."""
    from macros.time import due, holidays
    d = due.compute(rule.limit, start, holidays.for_result(result))
    lines = [f"{d.label}：{due.day_zh(d.date)}"]
    if d.unextended:
        lines.append(f"未顺延的日期：{due.day_zh(d.unextended)}，{d.unextended_why}")
    lines += [f"暂定：{year} 年{remark}" for year, remark in d.provisional]
    lines += [f"规则：{rule.id} {rule.name}" + (f"（出处：{'、'.join(rule.source)}）" if rule.source else ""),
              f"时限：{rule.as_json(result.model)['words']}",
              f"起算：{due.day_zh(start)}"]
    q = rule.as_json(result.model)["open_question"]
    if q:
        lines.append(f"待决问题：{q['id']} {q['name']}")
    lines.append("计算：")
    lines += [f"  {line}" for line in d.how]
    return d, lines


def run(args) -> int:
    from macros.time import deadlines, due
    result = loaded(project_root(args.dir), cached=True)
    rules = deadlines.rules(result)
    usable = {r.id: r for r in rules if r.computable}
    if args.list:
        if args.rule or args.date:
            raise UsageError("--list takes no RULE or DATE")
        width = max((len(r) for r in usable), default=0)
        for r in usable.values():
            print(f"{r.id:<{width}}  {r.name}")
        return 0
    if not args.rule or not args.date:
        raise UsageError("give a RULE and a DATE (e.g. handbook due quarterly-audit.rectification 2026-09-30), "
                         "or --list")
    rule = usable.get(args.rule)
    if rule is None:
        open_ = next((r for r in rules if r.id == args.rule), None)
        if open_ is not None:
            raise UsageError(f"'{args.rule}' has no time limit to compute: the policy sets none "
                             f"(open question '{open_.open_question}')")
        close = difflib.get_close_matches(args.rule, list(usable), n=1, cutoff=0.5)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        raise UsageError(f"unknown rule '{args.rule}'{hint}; `handbook due --list` shows them all")
    try:
        start = due.parse_date(args.date)
        d, lines = explain(rule, result, start)
    except (ValueError, due.DueError) as exc:
        raise UsageError(str(exc)) from None
    if args.format == "json":
        print(json.dumps({"rule": rule.id, "start": start.isoformat(), "date": d.date.isoformat(),
                          "unextended": d.unextended.isoformat() if d.unextended else None,
                          "at_least": d.at_least, "provisional": [y for y, _ in d.provisional],
                          "sources": list(d.sources), "how": d.how}, ensure_ascii=False, indent=2))
    else:
        print("\n".join(lines))
    return 0
