"""Each role's first week as an A4 PDF (site/print/onboarding-<plan>.pdf),
through the print layer: its Jinja environment, stylesheet and PDF writer
(macros/printing.py), with a template of its own
(checklists/templates/onboarding.html.j2). This is the per-role first-week
checklist; its source of truth is data/onboarding/.
"""
from __future__ import annotations

from pathlib import Path

from .. import provenance
from ..render.links import page_url, target
from . import plan as plans
from .pages import pdf_name
from .reading import RATE
from .selfcheck import questions


def html(env, model, plan, prov) -> str:
    role = model.get("role", plan.get("role"))
    mentor = model.get("role", plan.get("mentor"))
    days, titles = [], {i.id: plans.item_title(model, i)[0] for i in plans.items(model, plan)}
    for d in plans.days(model, plan):
        shown = []
        for item in d.items:
            title, detail = plans.item_title(model, item)
            shown.append({"kind": item.kind, "title": title, "detail": detail, "minutes": item.minutes,
                          "after": "、".join(titles.get(a, a) for a in item.after)})
        days.append({"day": d.day, "theme": d.theme, "minutes": d.minutes, "entries": shown})
    total = sum(d["minutes"] for d in days)
    qs = [{"text": q.text, "answer": q.answer,
           "where": f"{q.entity.name}（{page_url(target(q.entity).split('#')[0])}）"}
          for q in (questions(model, role) if role else [])]
    return env.get_template("onboarding.html.j2").render(
        plan=plan.data, role=role.name if role else "", mentor=mentor.name if mentor else "",
        summary=plan.get("summary"), days=days, total=total, total_hours=plans.hours(total),
        workday=plans.WORKDAY_HOURS, budget=plans.BUDGET_MINUTES, rate=RATE, kinds=plans.KIND_LABELS,
        questions=qs, prov=prov, source=plan.get("source", []))


def jobs(result) -> list:
    from ..printing import Job, environment
    env, model = environment(result.root), result.model
    prov = provenance.of(result.root)
    return [Job(pdf_name(p), html(env, model, p, prov)) for p in sorted(model.all("onboarding"), key=lambda e: e.id)]


def write(result, out_dir: Path) -> list:
    """[(name, pages, seconds)] for every plan's PDF (needs a CJK font)."""
    from .. import fonts
    from ..printing import _render
    from concurrent.futures import ProcessPoolExecutor

    from ..printing import default_workers
    fonts.require_cjk_font()
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    todo = jobs(result)
    with ProcessPoolExecutor(max_workers=default_workers()) as pool:
        return list(pool.map(_render, todo, [str(out_dir)] * len(todo)))


def output_step(result, site_dir):
    """`handbook build` step: site/print/onboarding-<plan>.pdf."""
    from mkdocs.exceptions import Abort

    from ..fonts import NoCJKFont
    try:
        write(result, Path(site_dir) / "print")
    except NoCJKFont as exc:
        raise Abort(str(exc)) from None
