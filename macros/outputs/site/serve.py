"""`handbook serve` (`make serve`): a live preview of the sources tree.

The engine's own server serves build/sources/ with live reload. This process
watches what the sources are made from (data/, checklists/, docs/, macros/,
mkdocs.yml) and, on a change, writes the sources again in a fresh
`handbook sources` process, so edits to the code show without a restart.
Only changed files are written, so the engine reloads only what changed.
When the data has problems, that process prints the `handbook check` lines
and writes nothing: the preview keeps the last good pages.

The macro pages are filled by the sources step here (for every engine), so
the engine's server never imports the handbook and never needs reloading.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

WATCHED = ("data", "checklists", "docs", "macros", "overrides", "mkdocs.yml")
POLL_SECONDS = 0.5


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


def write_sources(root: Path, sources: Path, engine: str) -> bool:
    """A fresh process writes the sources (it imports the code as it is now)."""
    argv = [sys.executable, "-m", "macros.cli.main", "sources", str(root), "--out", str(sources),
            "--engine", engine, "--expand"]
    return subprocess.run(argv, cwd=root).returncode == 0


def _stop(signum, frame):
    raise KeyboardInterrupt  # a terminated preview stops its engine's server too


def serve(root: Path, sources: Path, engine, addr: str) -> int:
    if not write_sources(root, sources, engine.NAME):
        return 1
    signal.signal(signal.SIGTERM, _stop)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen(engine.serve_argv(sources, addr), cwd=sources, env=env)
    seen = snapshot(root)
    try:
        while server.poll() is None:
            time.sleep(POLL_SECONDS)
            now = snapshot(root)
            if now != seen:
                seen = now
                if write_sources(root, sources, engine.NAME):
                    print("handbook serve: sources updated", file=sys.stderr)
                else:
                    print("handbook serve: the preview keeps the last good pages", file=sys.stderr)
        return server.returncode or 0
    except KeyboardInterrupt:
        return 0
    finally:
        if server.poll() is None:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
