"""`handbook serve` (`make serve`): a live preview of what `make build` publishes.

The same pipeline as a build (check, sources tree, engine, output steps), kept
in one process so an edit costs only what it changes:

- an edit under data/, checklists/, docs/, overrides/ or mkdocs.yml: check
  again, write the sources again (only files whose content changed are
  written), and let the engine rebuild only those pages (MkDocs' dirty build)
  in place. A change of the navigation or settings (the sources' mkdocs.yml)
  builds the whole site beside the served one and swaps it in.
- the output steps of a build (outputs/steps.py: calendar feeds, api/v1,
  then the PDFs through the PDF cache, so only documents whose print HTML
  changed are rendered again) follow in a background thread, into a folder
  beside the site, and are put in when each is complete.
- an edit under macros/ (the code): the preview restarts itself on the same
  listening socket, so the new code is imported.
- data with errors: the `handbook check` lines go to the terminal and over the
  page in the browser (preview_http.py); the last good site stays.
- the handbook version every page ends with is a placeholder in the preview's
  pages, filled in as they are served (preview_http.VERSION_SLOT): the first
  edit after a commit changes the version but builds only the pages it changes.

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
from macros.outputs import provenance, steps as outputs
from macros.outputs.compose import load
from macros.outputs.site import preview_http
from macros.outputs.site.build import write_sources
from macros.outputs.site.site_config import CONFIG

WATCHED = ("data", "checklists", "docs", "macros", "overrides", "mkdocs.yml")
CODE = "macros"
POLL_SECONDS = 0.05
PREVIEW = Path("build") / "preview"
FD_ENV = "HANDBOOK_SERVE_FD"  # the listening socket, across a restart after a code change


def snapshot(root: Path) -> dict:
    """{path: (size, mtime)} of every watched file: cheap enough to poll (os.scandir,
    ~2 ms for the shipped project; pathlib's rglob took 10 ms of every 50)."""
    found = {}
    stack = [os.path.join(root, name) for name in WATCHED]
    while stack:
        top = stack.pop()
        try:
            if not os.path.isdir(top):
                st = os.stat(top)
                found[top] = (st.st_size, st.st_mtime_ns)
                continue
            entries = list(os.scandir(top))
        except OSError:
            continue
        for entry in entries:
            if entry.is_dir(follow_symlinks=True):
                if entry.name != "__pycache__":
                    stack.append(entry.path)
            elif entry.is_file():
                st = entry.stat()
                found[entry.path] = (st.st_size, st.st_mtime_ns)
    return found


class Preview:
    def __init__(self, root: Path, engine, sources: Path):
        self.root, self.engine, self.sources = Path(root), engine, Path(sources)
        self.site = self.root / PREVIEW / "site"
        self.lock = threading.Lock()  # held while the served site changes
        self.version = 0
        # The handbook version the served pages show (preview_http.VERSION_SLOT):
        # the last good result's; at a restart, before that, the checkout's.
        self.handbook_version = provenance.version(self.root)
        self.errors: list[str] = []
        self.ready = (self.site / "index.html").is_file()  # a restart serves the last site at once
        self._wanted = threading.Condition()
        self._result = None  # the latest good result whose outputs are not written yet
        self._published: set[str] = set()  # the output steps' files in the site (relative paths)
        self.settled = threading.Event()  # set while every output of the latest good result is in
        threading.Thread(target=self._outputs_loop, daemon=True).start()

    def cycle(self, whole: bool = False) -> bool:
        """Check, write the sources, build what changed; False keeps the last good site."""
        try:
            result = load(self.root)
            if not result.ok:
                return self._failed(format_text(result.problems).splitlines())
            config = self.sources / CONFIG
            before = config.read_bytes() if config.is_file() else b""
            write_sources(result, self.sources, self.engine, expand=True, version=preview_http.VERSION_SLOT)
            whole = whole or not self.ready or config.read_bytes() != before
            # Already the checkout's: the pages served while these are built say it too.
            self.handbook_version = provenance.of_result(result).version
            self._whole() if whole else self._dirty()
        except outputs.OutputError as exc:
            return self._failed([f"handbook serve: {exc}"])
        except Exception:  # a bug in the code being edited: say so, keep serving
            return self._failed(traceback.format_exc().splitlines())
        self.errors, self.ready = [], True
        self.version += 1
        with self._wanted:
            self._result = result
            self.settled.clear()
            self._wanted.notify()
        return True

    def _failed(self, lines: list[str]) -> bool:
        print("\n".join(lines), file=sys.stderr)
        print("handbook serve: the preview keeps the last good pages", file=sys.stderr, flush=True)
        # As the check orders them: it already withholds the follow-on errors
        # of a file that does not read (check/pipeline.py), so the cause shows.
        self.errors = lines
        self.version += 1
        return False

    def _dirty(self):
        with self.lock:
            self.engine.preview(self.sources, self.site, dirty=True)

    def _whole(self):
        fresh = self.site.with_name("site-next")
        shutil.rmtree(fresh, ignore_errors=True)
        self.engine.preview(self.sources, fresh, dirty=False)
        with self.lock:
            for rel in self._published:  # the outputs follow; the last ones meanwhile
                if (self.site / rel).is_file() and not (fresh / rel).exists():
                    (fresh / rel).parent.mkdir(parents=True, exist_ok=True)
                    shutil.copy2(self.site / rel, fresh / rel)
            old = self.site.with_name("site-old")
            shutil.rmtree(old, ignore_errors=True)
            if self.site.exists():
                self.site.rename(old)
            fresh.rename(self.site)
        shutil.rmtree(old, ignore_errors=True)

    def _publish(self, staging: Path, name: str):
        """staging/name's files into the site (beside the engine's pages in
        the same folder, such as print/index.html); the files this step wrote
        last time and not now go."""
        files = {p.relative_to(staging).as_posix() for p in (staging / name).rglob("*") if p.is_file()}
        for rel in {r for r in self._published if r.split("/", 1)[0] == name} - files:
            (self.site / rel).unlink(missing_ok=True)
        for rel in files:
            (self.site / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(staging / rel, self.site / rel)
        self._published = {r for r in self._published if r.split("/", 1)[0] != name} | files

    def _outputs(self) -> list[str]:
        staging = self.root / PREVIEW / "outputs"
        return sorted(p.name for p in staging.iterdir()) if staging.is_dir() else []

    def _outputs_loop(self):
        """Runs the build's output steps for the latest result beside the
        site (the PDFs last, they take longest) and puts each in when done."""
        staging = self.root / PREVIEW / "outputs"
        while True:
            with self._wanted:
                while self._result is None:
                    self.settled.set()
                    self._wanted.wait()
                result, self._result = self._result, None
            shutil.rmtree(staging, ignore_errors=True)
            staging.mkdir(parents=True)
            todo = outputs.steps()
            for step in sorted(todo, key=lambda s: s is outputs.print_pdfs):
                before = set(self._outputs())
                try:
                    step(result, staging)
                except Exception as exc:  # no font, a template error: the pages stay useful
                    print(f"handbook serve: {exc}", file=sys.stderr, flush=True)
                    continue
                with self.lock:
                    for name in set(self._outputs()) - before:
                        self._publish(staging, name)


def _restart(root: Path, engine, addr: str, server):
    """Run the preview again with the new code, on the same socket."""
    server.drain()
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
            if any(os.path.relpath(p, root).split(os.sep)[0] == CODE for p in changed):
                _restart(root, engine, addr, server)
            if preview.cycle():
                print("handbook serve: updated", file=sys.stderr, flush=True)
    except KeyboardInterrupt:
        return 0
    finally:
        server.shutdown()
