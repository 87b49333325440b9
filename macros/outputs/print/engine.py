"""Checklists -> print HTML -> A4 PDFs (WeasyPrint), in parallel.

Outputs, all rendered from the one loaded model through the dedicated print
templates in checklists/templates/ (never by printing the Material pages,
which WeasyPrint renders badly):

    <out>/<checklist id>.pdf   one per checklist
    <out>/checklists.pdf       the booklet: all checklists, with a contents page
    <out>/handbook.pdf         the whole handbook, for approval and archiving

A CJK font is required first (fonts.require_cjk_font): without one WeasyPrint
would write boxes instead of Chinese, so nothing is written at all.
"""
from __future__ import annotations

import os
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from macros.core.lifetime import die_with_parent
from macros.outputs.print import fonts
from macros.outputs import provenance
from macros.outputs.print.checklist import LOG_ROWS

TEMPLATES = Path("checklists") / "templates"
BOOKLET = "checklists.pdf"
HANDBOOK = "handbook.pdf"


@dataclass(frozen=True)
class Job:
    name: str  # output file name
    html: str  # the complete print document


def environment(root: Path):
    """The print templates' Jinja environment, sandboxed: a template is code
    run in the publish job, so one cannot reach Python internals
    (`cycler.__init__.__globals__.os`) even if a review misses it."""
    import jinja2
    from jinja2.sandbox import SandboxedEnvironment
    env = SandboxedEnvironment(
        loader=jinja2.FileSystemLoader(str(Path(root) / TEMPLATES)),
        autoescape=True,  # every data value is escaped; only the font stack below is trusted
        undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.globals.update(font_stack=Markup(fonts.FONT_STACK), log_rows=LOG_ROWS)
    return env


def checklists(model) -> list:
    """Checklist entities in a stable order: by file name."""
    return sorted(model.all("checklist"), key=lambda c: c.doc.file)


def pdf_name(checklist_id: str) -> str:
    return f"{checklist_id}.pdf"


def _render(job: Job, out_dir: str) -> tuple[str, int, float]:
    """Write one PDF atomically; (name, pages, seconds). Runs in a worker."""
    import weasyprint
    start = time.perf_counter()
    document = weasyprint.HTML(string=job.html, base_url=out_dir, url_fetcher=inline_only()).render()
    target = Path(out_dir) / job.name
    fd, tmp = tempfile.mkstemp(prefix=f".{job.name}.", dir=out_dir)
    os.close(fd)
    try:
        document.write_pdf(tmp)
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return job.name, len(document.pages), time.perf_counter() - start


def inline_only():
    """The print documents are self-contained (CSS inline, QR codes as inline
    SVG): a `file:` or network URL in a template or a value would read the
    runner's files or reach out of the build, so only `data:` URLs load."""
    import weasyprint
    return weasyprint.URLFetcher(allowed_protocols={"data"})


def default_workers() -> int:
    return max(1, min(2, os.cpu_count() or 1))


def render_jobs(todo: list, out_dir: Path, workers: int | None = None) -> list[tuple[str, int, float]]:
    """Render print jobs into out_dir on up to `workers` processes; [(name, pages, seconds)].

    Raises fonts.NoCJKFont before writing anything when no CJK font is
    installed. Largest documents go first so the workers finish together."""
    fonts.require_cjk_font()
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    todo = sorted(todo, key=lambda j: len(j.html), reverse=True)
    workers = default_workers() if workers is None else workers
    if workers <= 1 or len(todo) <= 1:
        done = [_render(j, str(out_dir)) for j in todo]
    else:
        with ProcessPoolExecutor(max_workers=workers, initializer=die_with_parent,
                                 initargs=(os.getpid(),)) as pool:
            done = list(pool.map(_render, todo, [str(out_dir)] * len(todo)))
    order = {j.name: i for i, j in enumerate(jobs_order(todo))}
    return sorted(done, key=lambda d: order[d[0]])


def jobs_order(todo):
    """Report order: checklists by name, then the booklet, then the handbook."""
    last = {BOOKLET: 1, HANDBOOK: 2}
    return sorted(todo, key=lambda j: (last.get(j.name, 0), j.name))
