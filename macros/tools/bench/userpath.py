"""What users wait for, measured on the commands they run: a rebuild after a
one-field edit (`handbook build`, PDFs included) against a clean build, and
the preview (`handbook serve`) from a saved edit to the page that shows it.

Both edit the same field, the summary of the first process (it shows on the
process page, in the handbook PDF and on the checklists' pages), with a new
value each time.
"""
from __future__ import annotations

import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from macros.outputs.print import cache as pdfcache

HANDBOOK = [sys.executable, "-m", "macros.cli.main"]
PAGE = "processes/{}/"
STATE = "__preview__/state"


def _target(root: Path) -> Path:
    return sorted((root / "data" / "processes").glob("*.yml"))[0]


def edit(root: Path, marker: str, base: str | None = None) -> tuple[Path, str]:
    """One field, a new value, in one write: the first process's summary (in
    `base`, default the file as it is) with `marker` in front. Returns the
    file and its text before the edit."""
    path = _target(root)
    text = path.read_text(encoding="utf-8")
    base = text if base is None else base
    if "\nsummary: " not in base:
        raise RuntimeError(f"{path}: no summary to edit")
    path.write_text(base.replace("\nsummary: ", f"\nsummary: {marker}", 1), encoding="utf-8")
    return path, text


def _env() -> dict:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop(pdfcache.ENV, None)  # the project's own cache, as a user has it
    return env


def _build(root: Path, site: Path) -> float:
    start = time.perf_counter()
    proc = subprocess.run(HANDBOOK + ["build", str(root), "--site-dir", str(site)],
                          capture_output=True, text=True, env=_env())
    if proc.returncode != 0:
        raise RuntimeError(f"handbook build failed:\n{proc.stdout}\n{proc.stderr}")
    return time.perf_counter() - start


def _committed(root: Path) -> None:
    """Make `root` a git repository with everything committed, as an editor's
    checkout is (the synthetic copies are plain folders): the handbook's
    version string, on every page and PDF, depends on it."""
    env = {**os.environ, "GIT_AUTHOR_NAME": "bench", "GIT_AUTHOR_EMAIL": "bench@example.invalid",
           "GIT_COMMITTER_NAME": "bench", "GIT_COMMITTER_EMAIL": "bench@example.invalid"}
    inside = subprocess.run(["git", "-C", str(root), "rev-parse", "--show-toplevel"],
                            capture_output=True, text=True)
    if inside.returncode == 0 and Path(inside.stdout.strip()).resolve() == root.resolve():
        return
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "bench"]):
        subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, env=env)


def rebuild(root: Path, site: Path) -> dict:
    """A clean build (PDF cache empty) of a committed checkout, then two
    one-field edits, each followed by `handbook build`. The first edit after
    a commit turns the version into "…（有未提交改动）" and moves the data
    date, on every page and PDF, so everything is redone (by design: a draft
    must say it is one); the second is the edit-build loop an editor is in
    from then on, which rebuild_ratio measures. Both are reported."""
    _committed(root)
    shutil.rmtree(root / pdfcache.CACHE_DIR, ignore_errors=True)
    clean = _build(root, site)
    path, text = edit(root, "修订一处：")
    try:
        first = _build(root, site)
        edit(root, "再修订一处：", text)
        again = _build(root, site)
    finally:
        path.write_text(text, encoding="utf-8")
    return {"clean": clean, "first": first, "rebuild": again}


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=10) as r:
            return r.read().decode("utf-8", errors="replace")
    except OSError:
        return ""


def _wait(test, seconds: float = 600, step: float = 0.05) -> float:
    start = time.perf_counter()
    while not test():
        if time.perf_counter() - start > seconds:
            raise RuntimeError("the preview did not answer in time")
        time.sleep(step)
    return time.perf_counter() - start


def preview(root: Path, edits: int) -> dict:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url = f"http://127.0.0.1:{port}/"
    page = url + PAGE.format(_target(root).stem)
    proc = subprocess.Popen(HANDBOOK + ["serve", str(root), "--dev-addr", f"127.0.0.1:{port}"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=_env())
    settled = lambda: (json.loads(_get(url + STATE) or "{}").get("settled") is True)  # noqa: E731
    original = _target(root).read_text(encoding="utf-8")
    seconds = []
    try:
        _wait(lambda: "<html" in _get(page) and settled())
        for n in range(edits):
            marker = f"预览第{n + 1}次修改："
            edit(root, marker, original)  # each edit: one field of the shipped text
            seconds.append(_wait(lambda: marker in _get(page)))
            _wait(settled)  # PDFs, feeds and API done: the next edit starts from rest
    finally:
        _target(root).write_text(original, encoding="utf-8")
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
    return {"edits": seconds, "median": statistics.median(seconds)}
