"""Each role's first week as an A4 PDF (site/print/onboarding-<plan>.pdf),
through the print layer: its Jinja environment, stylesheet and PDF writer
(macros/outputs/print/engine.py), with a template of its own
(checklists/templates/onboarding.html.j2). This is the per-role first-week
checklist; its source of truth is data/onboarding/.
"""
from __future__ import annotations

from pathlib import Path

from macros.outputs import provenance
from macros.model.routes import target
from macros.outputs.site.render.links import page_url
from macros.onboarding import plan as plans
from macros.outputs.site.render.pages_onboarding import pdf_name
from macros.onboarding import quiz
from macros.time.due import day_zh


def html(env, model, plan, prov, week=None) -> str:
    """The packet; `week` (onboarding.week.Week) dates the days and the sign-off."""
    role = model.get("role", plan.get("role"))
    mentor = model.get("role", plan.get("mentor"))
    days, titles = [], {i.id: plans.item_title(model, i)[0] for i in plans.items(model, plan)}
    for d in plans.days(model, plan):
        shown = []
        for item in d.items:
            title, detail = plans.item_title(model, item)
            if item.kind == "read":
                detail = f"手册页面：/{page_url(detail)}"
            shown.append({"kind": item.kind, "title": title, "detail": detail, "minutes": item.minutes,
                          "after": "、".join(titles.get(a, a) for a in item.after)})
        date = day_zh(week.dates[d.day - 1]) if week else ""
        days.append({"day": d.day, "theme": d.theme, "minutes": d.minutes, "entries": shown, "date": date})
    total = sum(d["minutes"] for d in days)
    asked = quiz.quiz(model, plan)
    qs = [{"text": a.question.text, "answer": a.question.answer, "letter": a.answer_letter,
           "choices": [(quiz.letter(i), c) for i, c in enumerate(a.choices)],
           "where": f"{a.question.entity.name}（{page_url(target(a.question.entity).split('#')[0])}）"}
          for a in asked]
    dated = {"start": day_zh(week.dates[0]), "last": day_zh(week.dates[-1]),
             "skipped": "；".join(f"{day_zh(d)} {why}" for d, why in week.skipped),
             "provisional": week.provisional} if week else None
    return env.get_template("onboarding.html.j2").render(
        plan=plan.data, role=role.name if role else "", mentor=mentor.name if mentor else "",
        summary=plan.get("summary"), days=days, total=total, total_hours=plans.hours(total),
        workday=plans.WORKDAY_HOURS, budget=plans.BUDGET_MINUTES, kinds=plans.KIND_LABELS,
        questions=qs, prov=prov, source=plan.get("source", []), week=dated,
        pass_mark=quiz.pass_mark(plan), needed=quiz.needed(plan, len(qs)), item_count=len(plans.items(model, plan)))


def jobs(result) -> list:
    """One print job per first-week plan (the print queue is macros/outputs/print/jobs.py)."""
    from macros.outputs.print.engine import Job, environment
    env, model = environment(result.root), result.model
    prov = provenance.of(result.root)
    return [Job(pdf_name(p), html(env, model, p, prov)) for p in sorted(model.all("onboarding"), key=lambda e: e.id)]
