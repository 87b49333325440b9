"""The print queue: every document the handbook prints, as one list of jobs.

Checklists, the booklet, the handbook PDF and the first-week packets are
assembled here from their own modules and rendered by the one engine in a
single pool, so the two cores stay busy until the last PDF.
"""
from __future__ import annotations

from pathlib import Path

from macros.outputs import provenance
from macros.outputs.print import cache as pdfcache, onboarding
from macros.outputs.print.checklist import checklist_view
from macros.core.text import printable
from macros.outputs.print.engine import (BOOKLET, TEMPLATES, Job, Rendering, checklists, environment,
                                         pdf_name, render_jobs, start_rendering)
from macros.outputs.print.booklet import booklet_job
from macros.outputs.print.handbook import handbook_job


class PrintTemplateError(Exception):
    """A print template failed (a syntax error, or something the sandbox
    refuses); the message names the template file and line."""


def jobs(result, booklet: bool = True, handbook: bool = True, first_week: bool = False) -> list[Job]:
    """The print documents as HTML; a template's failure as PrintTemplateError."""
    import jinja2
    try:
        return _jobs(result, booklet, handbook, first_week)
    except jinja2.TemplateError as exc:
        raise PrintTemplateError(_where(exc)) from None


def _where(exc) -> str:
    """`checklists/templates/x.j2:LINE: error: …` from a Jinja error: its own
    position for a syntax error, else the innermost template frame."""
    import traceback
    name, line = getattr(exc, "name", None), getattr(exc, "lineno", None)
    if not name:
        frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename.endswith(".j2")]
        if frames:
            name, line = Path(frames[-1].filename).name, frames[-1].lineno
    where = f"{TEMPLATES.as_posix()}/{name}:{line or 1}:1" if name else TEMPLATES.as_posix()
    return printable(f"{where}: error: print template failed: {type(exc).__name__}: {exc}")


def _jobs(result, booklet, handbook, first_week) -> list[Job]:
    env, model = environment(result.root), result.model
    prov = provenance.of_result(result)
    views = [checklist_view(model, c) for c in checklists(model)]
    out = [Job(pdf_name(v.id), env.get_template("checklist.html.j2").render(view=v, prov=prov))
           for v in views]
    if booklet:
        out.append(booklet_job(env, views, prov, model.all("organisation")[0].name))
    if handbook:
        out.append(handbook_job(env, result.root, model, views, prov))
    if first_week:
        out += onboarding.jobs(result)
    return out


def write_pdfs(result, out_dir: Path, workers: int | None = None, booklet: bool = True,
               handbook: bool = True, first_week: bool = False, cached: bool = False) -> list[tuple[str, int, float]]:
    """Render every print document into out_dir; [(name, pages, seconds)].
    `cached`: reuse the project's PDF cache (print/cache.py), as builds do."""
    cache = pdfcache.for_project(result.root) if cached else None
    return render_jobs(jobs(result, booklet, handbook, first_week), out_dir, workers, cache)


def start_pdfs(result, out_dir: Path, first_week: bool = False) -> Rendering:
    """write_pdfs through the project's cache, started in worker processes:
    the caller builds the site meanwhile and calls finish()."""
    return start_rendering(jobs(result, first_week=first_week), out_dir, cache=pdfcache.for_project(result.root))
