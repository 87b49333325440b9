"""The print queue: every document the handbook prints, as one list of jobs.

Checklists, the booklet, the handbook PDF and the first-week packets are
assembled here from their own modules and rendered by the one engine in a
single pool, so the two cores stay busy until the last PDF.
"""
from __future__ import annotations

from pathlib import Path

from macros.outputs import provenance
from macros.outputs.print import onboarding
from macros.outputs.print.checklist import checklist_view
from macros.outputs.print.engine import BOOKLET, HANDBOOK, Job, checklists, environment, pdf_name, render_jobs
from macros.outputs.print.handbook import handbook_html


def jobs(result, booklet: bool = True, handbook: bool = True, first_week: bool = False) -> list[Job]:
    """The print documents as HTML, rendered from the model (fast, serial)."""
    env, model = environment(result.root), result.model
    prov = provenance.of(result.root)
    views = [checklist_view(model, c) for c in checklists(model)]
    out = [Job(pdf_name(v.id), env.get_template("checklist.html.j2").render(view=v, prov=prov))
           for v in views]
    if booklet:
        org = model.all("organisation")[0]
        out.append(Job(BOOKLET, env.get_template("booklet.html.j2").render(
            views=views, prov=prov, org=org.name)))
    if handbook:
        out.append(Job(HANDBOOK, handbook_html(env, result.root, model, views, prov)))
    if first_week:
        out += onboarding.jobs(result)
    return out


def write_pdfs(result, out_dir: Path, workers: int | None = None, booklet: bool = True,
               handbook: bool = True, first_week: bool = False) -> list[tuple[str, int, float]]:
    """Render every print document into out_dir; [(name, pages, seconds)]."""
    return render_jobs(jobs(result, booklet, handbook, first_week), out_dir, workers)
