"""handbook first-week ROLE --start DATE [DIR] [--out PATH]: print a role's
first-week packet with the five days dated on working days.

ROLE is a plan id or the role it is for (data/onboarding/). Day 1 is the
first working day on or after DATE (macros/onboarding/week.py, on the
project's working-day calendar: data file, library, then the statutory
computation, provisional years said so). --out is a PDF path (ending in .pdf)
or a folder; by default the packet is written to the current folder as
first-week-<plan>-<DATE>.pdf. The dates and skipped days are also printed.
"""
from __future__ import annotations

import sys
from pathlib import Path

from macros.cli.commands import UsageError, loaded, project_root
from macros.onboarding.week import dated
from macros.outputs.print.fonts import NoCJKFont
from macros.time import holidays
from macros.time.due import day_zh, parse_date


def add_arguments(p):
    p.add_argument("role", help="the role or plan id, e.g. specialist-enrolment")
    p.add_argument("dir", nargs="?", help="project directory (default: the current one)")
    p.add_argument("--start", required=True, help="start date, YYYY-MM-DD")
    p.add_argument("--out", help="a PDF path (…/x.pdf) or a folder (default: the current folder)")


def target(out: str | None, plan_id: str, start) -> Path:
    name = f"first-week-{plan_id}-{start.isoformat()}.pdf"
    if not out:
        return Path.cwd() / name
    path = Path(out)
    return path if path.suffix.lower() == ".pdf" else path / name


def run(args) -> int:
    from macros.outputs import provenance
    from macros.outputs.print.engine import Job, environment, render_jobs
    from macros.outputs.print.onboarding import html
    from macros.outputs.site.site_config import site_url
    try:
        start = parse_date(args.start)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    root = project_root(args.dir)
    result = loaded(root, cached=True)
    model = result.model
    plans = sorted(model.all("onboarding"), key=lambda e: e.id)
    plan = next((p for p in plans if args.role in (p.id, p.get("role"))), None)
    if plan is None:
        raise UsageError(f"no first-week plan for '{args.role}': choose one of {', '.join(p.id for p in plans)}")
    week = dated(start, holidays.for_result(result))
    path = target(args.out, plan.id, start).resolve()
    job = Job(path.name, html(environment(root), model, plan, provenance.of(root), week,
                               site=site_url(root)))
    try:
        render_jobs([job], path.parent, workers=1)
    except NoCJKFont as exc:
        print(f"handbook first-week: {exc}", file=sys.stderr)
        return 2
    for n, day in enumerate(week.dates, start=1):
        print(f"第 {n} 天  {day_zh(day)}")
    for day, why in week.skipped:
        print(f"跳过    {day_zh(day)}  {why}")
    for note in week.notes:
        print(note)
    print(f"handbook first-week: {plan.id} -> {path}")
    return 0
