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

import multiprocessing
import os
import shutil
import tempfile
import threading
import time
from concurrent.futures import ProcessPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from macros.core import atomic, lifetime
from macros.outputs.print import cache as pdfcache, fonts, parts
from macros.outputs import provenance
from macros.outputs.print.checklist import LOG_ROWS

TEMPLATES = Path("checklists") / "templates"
BOOKLET = "checklists.pdf"
HANDBOOK = "handbook.pdf"


@dataclass(frozen=True)
class Job:
    name: str  # output file name
    html: str  # the complete print document (an assembled one: its parts' text, in order)
    assembly: parts.Assembly | None = None  # rendered in parts and joined (print/parts.py)


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


def _render(job: Job, out_dir: str, target: str | None = None) -> tuple[str, int, float]:
    """Write one PDF atomically to `target` (default: out_dir/name); (name,
    pages, seconds). Runs in a worker."""
    import weasyprint
    start = time.perf_counter()
    document = weasyprint.HTML(string=job.html, base_url=out_dir, url_fetcher=inline_only()).render()
    target = Path(target) if target else Path(out_dir) / job.name
    atomic.write(target, document.write_pdf)
    return job.name, len(document.pages), time.perf_counter() - start


# The documents joined from parts, by name, for the worker that joins each.
# An Assembly renders its front and page numbers through closures over the
# print templates, which do not pickle: the workers are forked after this is
# set, so they hold it already and a task names the document.
_ASSEMBLED: dict = {}


def _assemble(name: str, keys: dict, cache: pdfcache.Cache, setting: str, out_dir: str) -> parts.Joined:
    """Join one assembled document on a worker (print/parts.py), rendering
    its front and numbers layer there too. Runs while the site is built."""
    job = _ASSEMBLED[name]

    def render(todo):
        return [_render(Job(label, html), out_dir, target)[1:] for label, html, target in todo]

    return parts.assemble(name, job.assembly, keys, cache, setting, render)


def inline_only():
    """The print documents are self-contained (CSS inline, QR codes as inline
    SVG): a `file:` or network URL in a template or a value would read the
    runner's files or reach out of the build, so only `data:` URLs load."""
    import weasyprint
    return weasyprint.URLFetcher(allowed_protocols={"data"})


def default_workers() -> int:
    return max(1, min(2, os.cpu_count() or 1))


def render_jobs(todo: list, out_dir: Path, workers: int | None = None,
                cache: pdfcache.Cache | None = None) -> list[tuple[str, int, float]]:
    """Render print jobs into out_dir on up to `workers` processes; [(name, pages, seconds)].

    With a `cache`, a document whose key (print/cache.py) is stored is copied
    from it (0 seconds) and only the others are rendered, into the cache.
    Raises fonts.NoCJKFont before writing anything when no CJK font is
    installed. Largest documents go first so the workers finish together."""
    return start_rendering(todo, out_dir, workers, cache).finish()


class Rendering:
    """Print jobs under way in worker processes: the caller does other work
    (the site engine's build) and calls finish() for the results, or cancel()."""

    def __init__(self, todo, out_dir: Path, workers: int, cache, keys: dict, done: list, order: dict,
                 assembled: list, temporary: bool, setting: str):
        self.out_dir, self.cache, self.keys, self.done, self.order = out_dir, cache, keys, done, order
        self.assembled, self.temporary, self.setting = assembled, temporary, setting
        targets = [str(cache.pdf(keys[j.name])) for j in todo]
        self._pool, self._futures, self._now, self._joining, self._joiners = None, [], [], {}, []
        if workers <= 1 or not todo:
            self._now = list(zip(todo, targets))  # rendered in this process, by finish()
            return
        # Forked here, from the calling thread, before the caller starts its
        # own work: the workers render while the engine builds. Fork, named:
        # the joining tasks rely on the workers inheriting _ASSEMBLED.
        _ASSEMBLED.clear()
        _ASSEMBLED.update((j.name, j) for j in assembled)
        # The first submit forks every worker (a fork pool starts them all at
        # once): under lifetime.SPAWNING, so no other thread's subprocess
        # pipes are copied into them.
        with lifetime.SPAWNING:
            self._pool = ProcessPoolExecutor(max_workers=min(workers, len(todo) + len(assembled)),
                                             initializer=lifetime.die_with_parent, initargs=(os.getpid(),),
                                             mp_context=multiprocessing.get_context("fork"))
            self._futures = [self._pool.submit(_render, j, str(out_dir), t) for j, t in zip(todo, targets)]
        # Each assembled document is joined on a worker as soon as its own
        # parts are rendered (a thread each waits for them), so that the
        # joining (pypdf, about 0.4 s a document) also runs while the engine
        # builds, not after it.
        by_name = {j.name: f for j, f in zip(todo, self._futures)}
        for job in assembled:
            self._joiners.append(threading.Thread(target=self._join_when_ready, args=(job, by_name), daemon=True))
            self._joiners[-1].start()

    def _join_when_ready(self, job: Job, by_name: dict):
        mine = [(j.name, by_name[j.name]) for j in job.assembly.jobs() if j.name in by_name]
        wait([f for _, f in mine])
        if any(f.cancelled() or f.exception() is not None for _, f in mine):
            return  # finish() raises the part's error; or cancel() stopped the pool
        for name, f in mine:  # the joining worker reads the parts' page counts from the cache
            self.cache.remember_pages(self.keys[name], f.result()[1])
        own = {j.name: self.keys[j.name] for j in job.assembly.jobs()}
        try:
            self._joining[job.name] = self._pool.submit(
                _assemble, job.name, own, self.cache, self.setting, str(self.out_dir))
        except (RuntimeError, AttributeError):  # the pool is shut down, or gone (cancel)
            pass

    def finish(self) -> list[tuple[str, int, float]]:
        """Wait for the workers, join the assembled documents, then put every
        PDF into out_dir; [(name, pages, seconds)]."""
        try:
            rendered = [_render(j, str(self.out_dir), t) for j, t in self._now]
            rendered += [f.result() for f in self._futures]
            for name, pages, _ in rendered:
                self.cache.remember_pages(self.keys[name], pages)
            results, used = self.done + rendered, set(self.keys.values())
            for job in self.assembled:
                results, used = self._join(job, results, used)
            self._stop()
            # The out_dir may be new (an engine's build empties its site
            # folder first): the stored PDFs are copied in only now.
            self.out_dir.mkdir(parents=True, exist_ok=True)
            for name in self.order:
                pdfcache.copy_out(self.cache.pdf(self.keys[name]), self.out_dir / name)
            self.cache.keep_only(used)
        finally:
            self.cancel()
        return sorted(results, key=lambda d: self.order[d[0]])

    def _join(self, job, results, used):
        """One assembled document from its rendered chapters (print/parts.py):
        reported once, with the time of every part it rendered."""
        own = {j.name for j in job.assembly.jobs()}
        for thread in self._joiners:
            thread.join()
        if job.name in self._joining:  # joined on a worker meanwhile
            joined = self._joining[job.name].result()
        else:
            joined = self._join_here(job, own)
        self.keys[job.name] = joined.key
        took = joined.seconds + sum(s for name, _, s in results if name in own)
        results = [r for r in results if r[0] not in own] + [(job.name, joined.pages, took)]
        return results, used | joined.used

    def _join_here(self, job, own) -> parts.Joined:
        """Joined here: there are no workers (one asked for, or every part
        was stored already)."""

        def render(todo):  # on the workers when there are (they have WeasyPrint loaded)
            out = str(self.out_dir)
            if self._pool is None:
                return [_render(Job(label, html), out, target)[1:] for label, html, target in todo]
            futures = [self._pool.submit(_render, Job(label, html), out, target) for label, html, target in todo]
            return [f.result()[1:] for f in futures]

        return parts.assemble(job.name, job.assembly, {n: self.keys[n] for n in own},
                              self.cache, self.setting, render)

    def cancel(self):
        self._stop()
        if self.temporary:
            shutil.rmtree(self.cache.folder, ignore_errors=True)

    def _stop(self):
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


def start_rendering(todo: list, out_dir: Path, workers: int | None = None,
                    cache: pdfcache.Cache | None = None) -> Rendering:
    """Start render_jobs' work in worker processes and return at once
    (nothing is written into out_dir before finish(); without a cache, the
    documents go through a temporary one)."""
    fonts.require_cjk_font()
    out_dir = Path(out_dir)
    temporary = cache is None
    if temporary:
        out_dir.mkdir(parents=True, exist_ok=True)
        cache = pdfcache.Cache(Path(tempfile.mkdtemp(prefix="handbook-print-")), prune=False)
    order = {j.name: i for i, j in enumerate(jobs_order(todo))}
    assembled = [j for j in todo if j.assembly is not None]
    # An assembled document's chapters are rendered like any document.
    todo = [p for j in todo for p in (j.assembly.jobs() if j.assembly is not None else (j,))]
    todo = sorted(todo, key=lambda j: len(j.html), reverse=True)
    setting = pdfcache.setting()
    keys = {j.name: pdfcache.key(j.html, setting) for j in todo}
    cache.folder.mkdir(parents=True, exist_ok=True)
    stored = {j.name: cache.get(keys[j.name]) for j in todo}
    done = [(j.name, stored[j.name], 0.0) for j in todo if stored[j.name] is not None]
    todo = [j for j in todo if stored[j.name] is None]
    workers = default_workers() if workers is None else workers
    return Rendering(todo, out_dir, workers, cache, keys, done, order, assembled, temporary, setting)


def jobs_order(todo):
    """Report order: checklists by name, then the booklet, then the handbook."""
    last = {BOOKLET: 1, HANDBOOK: 2}
    return sorted(todo, key=lambda j: (last.get(j.name, 0), j.name))
