"""A failed or interrupted build never leaves a half-written site/."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time

from conftest import SESSION_EPOCH, copy_shipped

BUILD = [sys.executable, "-m", "macros.cli.main", "build"]


def _build(root, **kw):
    # Dated like conftest's session build: the PDFs come from the session's cache.
    env = {**os.environ, "SOURCE_DATE_EPOCH": SESSION_EPOCH}
    return subprocess.run(BUILD + [str(root)], capture_output=True, text=True, timeout=300, env=env, **kw)


def _with_published_site(tmp_path, shipped_site):
    """A copy of the shipped project whose site/ is the session's build of
    it, as a previous `handbook build` would have left it."""
    root = copy_shipped(tmp_path)
    shutil.copytree(shipped_site.site, root / "site")
    return root


def test_data_error_fails_build_with_check_message_and_keeps_old_site(tmp_path, shipped_site):
    root = _with_published_site(tmp_path, shipped_site)
    before = (root / "site" / "index.html").read_bytes()
    roles = root / "data" / "roles.yml"
    roles.write_text(roles.read_text(encoding="utf-8").replace("kind: internal", "kind: intern", 1),
                     encoding="utf-8")
    r = _build(root)
    check = subprocess.run([sys.executable, "-m", "macros.cli.main", "check", str(root)],
                           capture_output=True, text=True)
    assert r.returncode == 1 and check.returncode == 1
    first_error = check.stdout.splitlines()[0]
    assert first_error.startswith("data/roles.yml:") and first_error in r.stdout
    assert "Traceback" not in r.stdout + r.stderr
    assert (root / "site" / "index.html").read_bytes() == before
    assert not list(tmp_path.glob("shipped/.site-build-*"))


def test_interrupted_build_leaves_previous_site(tmp_path, shipped_site):
    root = _with_published_site(tmp_path, shipped_site)
    (root / "site" / "marker.txt").write_text("previous build")
    proc = subprocess.Popen(BUILD + [str(root)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True, env={**os.environ, "SOURCE_DATE_EPOCH": SESSION_EPOCH})
    # Wait until it is building (its temporary folder exists), then kill it hard.
    deadline = time.monotonic() + 120
    while not list(root.glob(".site-build-*")) and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    assert (root / "site" / "marker.txt").read_text() == "previous build"
    assert (root / "site" / "index.html").exists()
    # The next build cleans up what the killed one left and succeeds.
    assert _build(root).returncode == 0
    assert not list(root.glob(".site-build-*"))
    assert not (root / "site" / "marker.txt").exists()
    # F20: jieba's cache lives in the project (build/, git-ignored), not in a shared /tmp file.
    assert (root / "build" / "sources" / ".cache" / "jieba.cache").is_file()  # beside the sources tree
