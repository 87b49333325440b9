"""Each role's first week as an A4 PDF (site/print/onboarding-<plan>.pdf),
through the print layer: its Jinja environment, stylesheet and PDF writer
(macros/outputs/print/engine.py), with a template of its own
(checklists/templates/onboarding.html.j2). This is the per-role first-week
checklist; its source of truth is data/onboarding/.

Paper cannot follow a link. With `site_url` set in mkdocs.yml every page a
new hire is sent to prints as its full address and a QR code (segno, as
inline SVG) that a phone opens; without it, as the page's title and its path
on the site. The answer key prints last, on a sheet of its own, after the
sign-off, so the packet can be handed out without it.
"""
from __future__ import annotations


from markupsafe import Markup

from macros.outputs import provenance
from macros.model.routes import target
from macros.outputs.site.render.links import address
from macros.onboarding import plan as plans
from macros.outputs.site.render.pages_onboarding import pdf_name
from macros.onboarding import quiz
from macros.onboarding.reading import page_title
from macros.outputs.site.site_config import site_url
from macros.time.due import day_zh


def qr_svg(url: str) -> Markup:
    """A QR code for url as inline SVG (segno). The SVG holds only the
    code's modules, never the text, so it is safe to put in the page as is."""
    import segno
    return Markup(segno.make(url, error="m").svg_inline(omitsize=True, svgclass="qr", border=2))


def where(model, page: str, site: str) -> dict:
    """How paper points at a docs page: title, and the full URL with a QR
    code when the site's address is known, else the path on the site."""
    if site:
        url = address(page, site)
        return {"title": page_title(model, page), "url": url, "path": "", "qr": qr_svg(url)}
    return {"title": page_title(model, page), "url": "", "path": address(page), "qr": ""}


def html(env, model, plan, prov, week=None, site: str = "") -> str:
    """The packet; `week` (onboarding.week.Week) dates the days and the sign-off;
    `site` (site_url()) turns page references into URLs and QR codes."""
    role = model.get("role", plan.get("role"))
    mentor = model.get("role", plan.get("mentor"))
    days, titles = [], {i.id: plans.item_title(model, i)[0] for i in plans.items(model, plan)}
    for d in plans.days(model, plan):
        shown = []
        for item in d.items:
            title, detail = plans.item_title(model, item)
            page = where(model, detail, site) if item.kind == "read" else None
            shown.append({"kind": item.kind, "title": title, "detail": "" if page else detail, "page": page,
                          "minutes": item.minutes, "after": "、".join(titles.get(a, a) for a in item.after)})
        date = day_zh(week.dates[d.day - 1]) if week else ""
        days.append({"day": d.day, "theme": d.theme, "minutes": d.minutes, "entries": shown, "date": date})
    total = sum(d["minutes"] for d in days)
    asked = quiz.quiz(model, plan)
    qs = [{"text": a.question.text, "answer": a.question.answer, "letter": a.answer_letter,
           "choices": [(quiz.letter(i), c) for i, c in enumerate(a.choices)],
           "where": a.question.entity.name, "page": where(model, target(a.question.entity).split("#")[0], site)}
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
    prov = provenance.of_result(result)
    site = site_url(result.root)
    return [Job(pdf_name(p), html(env, model, p, prov, site=site))
            for p in sorted(model.all("onboarding"), key=lambda e: e.id)]
