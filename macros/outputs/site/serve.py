"""`handbook serve` (`make serve`): a live preview of what `make build` publishes.

The same pipeline as a build (check, sources tree, engine, output steps), kept
in one process so an edit costs only what it changes:

- an edit under data/, checklists/, docs/, overrides/ or mkdocs.yml: check
  again, write the sources again (only files whose content changed are
  written), and let the engine rebuild only those pages (MkDocs' dirty build)
  in place; the calendar feeds and api/v1 are rewritten with them. A change
  of the navigation or settings (the sources' mkdocs.yml) builds the whole
  site beside the served one and swaps it in.
- the PDFs follow in a background thread, through the PDF cache: only the
  documents whose print HTML changed are rendered again.
- an edit under macros/ (the code): the preview restarts itself on the same
  listening socket, so the new code is imported.
- data with errors: the `handbook check` lines go to the terminal and over the
  page in the browser (preview_http.py); the last good site stays.

The preview site lives in build/preview/site (never in site/). Requests wait
while it changes, so no page is ever read half built. A dirty build leaves
the search index of the last whole build: text added since is found after the
next whole build (a restart, or a change of the navigation).
"""
from __future__ import annotations

import os
import shutil
import sys
import threading
import time
import traceback
from pathlib import Path

from macros.load.problems import format_text
from macros.outputs import steps as outputs
from macros.outputs.compose import load
from macros.outputs.print.jobs import write_pdfs
from macros.outputs.site import preview_http
from macros.outputs.site.build import write_sources
from macros.outputs.site.site_config import CONFIG

WATCHED = ("data", "checklists", "docs", "macros", "overrides", "mkdocs.yml")
CODE = "macros"
POLL_SECONDS = 0.05
PREVIEW = Path("build") / "preview"
FD_ENV = "HANDBOOK_SERVE_FD"  # the listening socket, across a restart after a code change


def snapshot(root: Path) -> dict:
    """(size, mtime) of every watched file: cheap enough to poll."""
    found = {}
    for name in WATCHED:
        top = root / name
        paths = [top] if top.is_file() else top.rglob("*") if top.is_dir() else []
        for path in paths:
            if "__pycache__" not in path.parts and path.is_file():
                st = path.stat()
                found[path] = (st.st_size, st.st_mtime_ns)
    return found


def fast_steps(result, site: Path):
    """The output steps that take a fraction of a second (all but the PDFs)."""
    for step in outputs.steps():
        if step is not outputs.print_pdfs:
            step(result, site)


class Preview:
    def __init__(self, root: Path, engine, sources: Path):
        self.root, self.engine, self.sources = Path(root), engine, Path(sources)
        self.site = self.root / PREVIEW / "site"
        self.lock = threading.Lock()  # held while the served site changes
        self.version = 0
        self.errors: list[str] = []
        self.ready = (self.site / "index.html").is_file()  # a restart serves the last site at once
        self._pdf_wanted = threading.Condition()
        self._pdf_result = None
        threading.Thread(target=self._pdf_loop, daemon=True).start()

    def cycle(self, whole: bool = False) -> bool:
        """Check, write the sources, build what changed; False keeps the last good site."""
        try:
            result = load(self.root)
            if not result.ok:
                return self._failed(format_text(result.problems).splitlines())
            config = self.sources / CONFIG
            before = config.read_bytes() if config.is_file() else b""
            write_sources(result, self.sources, self.engine, expand=True)
            whole = whole or not self.ready or config.read_bytes() != before
            self._whole(result) if whole else self._dirty(result)
        except outputs.OutputError as exc:
            return self._failed([f"handbook serve: {exc}"])
        except Exception:  # a bug in the code being edited: say so, keep serving
            return self._failed(traceback.format_exc().splitlines())
        self.errors, self.ready = [], True
        self.version += 1
        with self._pdf_wanted:
            self._pdf_result = result
            self._pdf_wanted.notify()
        return True

    def _failed(self, lines: list[str]) -> bool:
        print("\n".join(lines), file=sys.stderr)
        print("handbook serve: the preview keeps the last good pages", file=sys.stderr, flush=True)
        self.errors = lines
        self.version += 1
        return False

    def _dirty(self, result):
        with self.lock:
            self.engine.preview(self.sources, self.site, dirty=True)
            fast_steps(result, self.site)

    def _whole(self, result):
        fresh = self.site.with_name("site-next")
        shutil.rmtree(fresh, ignore_errors=True)
        self.engine.preview(self.sources, fresh, dirty=False)
        fast_steps(result, fresh)
        with self.lock:
            if (self.site / outputs.PRINT_DIR).is_dir():  # the PDFs follow; meanwhile the last ones
                shutil.copytree(self.site / outputs.PRINT_DIR, fresh / outputs.PRINT_DIR, dirs_exist_ok=True)
            old = self.site.with_name("site-old")
            shutil.rmtree(old, ignore_errors=True)
            if self.site.exists():
                self.site.rename(old)
            fresh.rename(self.site)
        shutil.rmtree(old, ignore_errors=True)

    def _pdf_loop(self):
        """Renders the latest result's PDFs (through the cache) beside the site,
        then puts them in under the lock."""
        staging = self.root / PREVIEW / "print"
        while True:
            with self._pdf_wanted:
                while self._pdf_result is None:
                    self._pdf_wanted.wait()
                result, self._pdf_result = self._pdf_result, None
            try:
                shutil.rmtree(staging, ignore_errors=True)
                write_pdfs(result, staging, first_week=True, cached=True)
            except Exception as exc:  # no font, a template error: the pages stay useful
                print(f"handbook serve: the PDFs were not updated: {exc}", file=sys.stderr, flush=True)
                continue
            with self.lock:
                target = self.site / outputs.PRINT_DIR
                shutil.rmtree(target, ignore_errors=True)
                shutil.copytree(staging, target)
            print(f"handbook serve: PDFs updated ({len(list(staging.glob('*.pdf')))})", file=sys.stderr, flush=True)


def _restart(root: Path, engine, addr: str, server):
    """Run the preview again with the new code, on the same socket."""
    fd = server.socket.fileno()
    os.set_inheritable(fd, True)
    os.environ[FD_ENV] = str(fd)
    print("handbook serve: the code changed; restarting the preview", file=sys.stderr, flush=True)
    os.execv(sys.executable, [sys.executable, "-m", "macros.cli.main", "serve", str(root),
                              "--engine", engine.NAME, "--dev-addr", addr])


def serve(root: Path, sources: Path, engine, addr: str) -> int:
    root = Path(root).resolve()
    host, _, port = addr.rpartition(":")
    preview = Preview(root, engine, sources)
    fd = os.environ.pop(FD_ENV, None)
    server = preview_http.listen(preview, host or "127.0.0.1", int(port), int(fd) if fd else None)
    print(f"handbook serve: previewing at http://{addr}/ (edits to {', '.join(WATCHED)} show here)",
          file=sys.stderr, flush=True)
    seen = snapshot(root)
    preview.cycle(whole=True)
    try:
        while True:
            time.sleep(POLL_SECONDS)
            now = snapshot(root)
            if now == seen:
                continue
            changed = {p for p in now.keys() | seen.keys() if now.get(p) != seen.get(p)}
            seen = now
            if any(p.relative_to(root).parts[0] == CODE for p in changed):
                _restart(root, engine, addr, server)
            if preview.cycle():
                print("handbook serve: updated", file=sys.stderr, flush=True)
    except KeyboardInterrupt:
        return 0
    finally:
        server.shutdown()
