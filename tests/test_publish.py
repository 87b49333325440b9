"""Publishing a built tree (macros/outputs/publish.py): dangerous targets are
refused, one build at a time, the swap leaves no moment without a site, modes
a web server can read, and workers that die with their parent.
Red-team review 2026-12: F2, F7, F8, F9, F20, F25."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import pytest

from conftest import make_project
from macros.cli.main import main
from macros.outputs import publish


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return make_project(tmp_path_factory.mktemp("publish"))


@pytest.mark.parametrize("target, what", [
    (".", "the project folder"), ("..", "the project folder"), ("data", "data/"),
    ("checklists", "checklists/"), (".git", ".git/"),
])
def test_site_dir_that_holds_the_project_is_refused(project, target, what, capsys):
    """F2: `handbook build --site-dir .` deleted the whole project, .git
    included, and exited 0."""
    (project / ".git").mkdir(exist_ok=True)
    before = sorted(p.name for p in project.iterdir())
    site = (project / target).resolve()
    assert main(["build", str(project), "--site-dir", str(project / target)]) == 2
    err = capsys.readouterr().err
    assert err == (f"handbook build: refusing to write the site into {site}: it is or contains {what} "
                   "(the build replaces the site folder whole); choose an empty or new folder\n")
    assert sorted(p.name for p in project.iterdir()) == before


def test_a_folder_that_is_no_earlier_site_is_refused(project, tmp_path, capsys):
    other = tmp_path / "notes"
    other.mkdir()
    (other / "keep.txt").write_text("mine")
    assert main(["build", str(project), "--site-dir", str(other)]) == 2
    assert capsys.readouterr().err == (f"handbook build: refusing to replace {other}: it is not empty and holds "
                                       "no earlier site (no .handbook-site file); choose an empty or new folder\n")
    assert (other / "keep.txt").read_text() == "mine"


def test_a_site_inside_docs_is_refused(project):
    with pytest.raises(publish.PublishError, match="it is inside docs/, which the site is built from"):
        publish.refuse(project, project / "docs" / "site")


def test_a_second_build_is_refused_while_one_runs(project, tmp_path, capsys):
    """F7: a second build deleted the first one's temporary tree; the first
    then swapped a half site in and exited 0."""
    site = tmp_path / "site"
    with publish.locked(site):
        assert main(["build", str(project), "--site-dir", str(site)]) == 2
    lock = tmp_path / ".site.lock"
    assert capsys.readouterr().err == (f"handbook build: another build is writing {site} (it holds {lock}); "
                                       "wait for it to finish\n")
    assert not site.exists()


def test_leftovers_of_living_builds_are_kept(tmp_path):
    site = tmp_path / "site"
    mine = tmp_path / f".site-build-{os.getpid()}-abc"
    dead = tmp_path / ".site-build-999999999-abc"
    old_style = tmp_path / ".site-build-xn1vcfqi"
    for folder in (mine, dead, old_style):
        folder.mkdir()
    assert publish.remove_leftovers(site) == []
    assert mine.exists() and not dead.exists() and not old_style.exists()


def test_an_incomplete_tree_is_not_swapped_in(tmp_path):
    tree = tmp_path / "tree"
    tree.mkdir()
    with pytest.raises(publish.PublishError, match=r"^the built site is incomplete \(missing index.html\); "
                                                   "the previous site is kept$"):
        publish.finish(tree)


def test_swap_exchanges_in_one_step_and_removes_the_old_site(tmp_path):
    """F8: two renames left a moment (and, if killed then, a state) without site/."""
    site, new = tmp_path / "site", tmp_path / ".site-build-1-x"
    site.mkdir()
    (site / "old.html").write_text("old")
    new.mkdir()
    (new / "index.html").write_text("new")
    assert publish._exchange(new, site)  # the kernel supports it here
    publish._exchange(new, site)  # and back
    assert publish.swap(new, site) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
    assert (site / "index.html").read_text() == "new"


def test_a_swap_killed_between_two_renames_is_restored(tmp_path):
    site = tmp_path / "site"
    old = tmp_path / ".site-old"
    old.mkdir()
    (old / "index.html").write_text("previous")
    tree = publish.new_tree(site)
    assert (site / "index.html").read_text() == "previous" and not old.exists()
    assert tree.name.startswith(f".site-build-{os.getpid()}-")


def test_an_old_site_that_cannot_be_removed_is_named(tmp_path, monkeypatch):
    """F20: the error named site/ while the obstacle was .site-old, and every
    later build failed."""
    site, new = tmp_path / "site", tmp_path / "new"
    for folder in (site, new):
        folder.mkdir()
        (folder / "index.html").write_text(folder.name)

    def refuse(path, onerror):
        onerror(os.unlink, str(Path(path) / "index.html"), (PermissionError, PermissionError(13, "Permission denied"), None))
    monkeypatch.setattr(publish.shutil, "rmtree", refuse)
    warnings = publish.swap(new, site)
    assert warnings == [f"could not remove {new}: {new}/index.html: Permission denied"]
    assert (site / "index.html").read_text() == "new"


def test_published_modes_are_readable_by_another_user(tmp_path):
    """F9: the site root was a 0700 mkdtemp folder."""
    old = os.umask(0o022)
    try:
        tree = Path(tempfile.mkdtemp(dir=tmp_path))
        (tree / "sub").mkdir(mode=0o700)
        fd, name = tempfile.mkstemp(dir=tree / "sub")
        os.close(fd)
        (tree / "index.html").write_text("x")
        publish.finish(tree)
    finally:
        os.umask(old)
    modes = {p.relative_to(tree).as_posix(): oct(p.stat().st_mode & 0o777) for p in [tree, *tree.rglob("*")]}
    assert modes == {".": "0o755", "sub": "0o755", f"sub/{Path(name).name}": "0o644", "index.html": "0o644",
                     ".handbook-site": "0o644"}


WORKERS = textwrap.dedent("""
    import os, sys, time
    from concurrent.futures import ProcessPoolExecutor
    from macros.core.lifetime import die_with_parent
    with ProcessPoolExecutor(2, initializer=die_with_parent, initargs=(os.getpid(),)) as pool:
        futures = [pool.submit(time.sleep, 60) for _ in range(2)]
        time.sleep(1)
        print(" ".join(str(p) for p in pool._processes), flush=True)
        time.sleep(60)
""")


def test_workers_die_with_a_killed_parent():
    """F25: after `kill -9` of the build, its PDF workers lived on (1.5 GB for
    17 minutes). The engine's pool and the page renderer's fork both use
    die_with_parent."""
    parent = subprocess.Popen([sys.executable, "-c", WORKERS], stdout=subprocess.PIPE, text=True,
                              cwd=Path(__file__).resolve().parents[1])
    pids = [int(p) for p in parent.stdout.readline().split()]
    assert len(pids) == 2
    parent.send_signal(signal.SIGKILL)
    parent.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(_alive(p) for p in pids):
        time.sleep(0.1)
    assert not [p for p in pids if _alive(p)]


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().split(") ")[1][0] != "Z"
    except FileNotFoundError:
        return False


def _sleep(seconds: float):
    time.sleep(seconds)


def test_a_subprocess_is_not_held_up_by_workers_forked_beside_it():
    """The preview's background thread forks the PDF workers while its main
    thread runs git: a fork at the moment git's pipes were open copied them
    into the workers, and the git call waited for end of file until the
    workers exited (page updates took 3 to 5 s). lifetime.run and the
    workers' fork share one lock, so no call waits for a worker's life."""
    import multiprocessing
    import threading

    from macros.core import lifetime

    stop = threading.Event()
    forked = []

    def fork_workers():  # as print/engine.py forks its pool
        while not stop.is_set():
            with lifetime.SPAWNING:
                worker = multiprocessing.get_context("fork").Process(target=_sleep, args=(3,))
                worker.start()
            forked.append(worker)
            time.sleep(0.01)

    thread = threading.Thread(target=fork_workers)
    thread.start()
    slowest, runs, deadline = 0.0, 0, time.monotonic() + 60
    try:
        # Until the two have interleaved often enough, however busy the
        # machine: the lock is not fair, so each call pauses after it and
        # lets the forking thread take it (the preview's git calls are far
        # apart too).
        while (runs < 150 or len(forked) < 20) and time.monotonic() < deadline:
            start = time.monotonic()
            lifetime.run(["true"], capture_output=True, check=True)
            slowest = max(slowest, time.monotonic() - start)
            runs += 1
            time.sleep(0.005)
    finally:
        stop.set()
        thread.join()
        for worker in forked:
            worker.terminate()
            worker.join()
    assert len(forked) >= 20, f"only {len(forked)} forks beside {runs} calls in 60 s"
    assert slowest < 1.5, f"a subprocess waited {slowest:.1f} s for workers forked beside it"


def test_git_and_the_pdf_workers_take_the_spawning_lock(monkeypatch, tmp_path):
    from macros.core import git, lifetime
    from macros.outputs.print import engine

    held = []
    real_run = lifetime.subprocess.run
    monkeypatch.setattr(lifetime.subprocess, "run",
                        lambda *a, **k: held.append(("git", lifetime.SPAWNING.locked())) or real_run(*a, **k))
    git.answer(tmp_path, "--version")
    assert held == [("git", True)]

    class Pool:  # records whether the fork (the first submit) happens under the lock
        def __init__(self, *args, **kwargs):
            held.append(("pool", lifetime.SPAWNING.locked()))

        def submit(self, *args):
            held.append(("submit", lifetime.SPAWNING.locked()))
            from concurrent.futures import Future
            f = Future()
            f.set_result(("x.pdf", 1, 0.0))
            return f

        def shutdown(self, **kwargs):
            pass

    monkeypatch.setattr(engine, "ProcessPoolExecutor", Pool)
    cache = engine.pdfcache.Cache(tmp_path / "cache", prune=False)
    rendering = engine.Rendering([engine.Job("x.pdf", "<p>x</p>")], tmp_path, 2, cache, {"x.pdf": "k"},
                                 [], {"x.pdf": 0}, [], False, "setting")
    rendering.cancel()
    assert held[1:] == [("pool", True), ("submit", True)]
