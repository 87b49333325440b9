"""Rendering many pages on two cores (issue 10).

`mkdocs build` runs on one core; the handbook's own share of a build is
mostly turning the data into Markdown, page by page, and every page is
independent. So a forked child renders every other page while this process
renders the rest, and sends its Markdown back through a pipe. The child
inherits the loaded model (copy-on-write), so nothing is loaded twice.

Only where it is safe and pays: a POSIX fork, more than one CPU, enough
pages, and a single-threaded process (`mkdocs serve` runs a server thread;
forking beside other threads can deadlock the child on a lock they held).
If the child fails for any reason, its pages are rendered here instead, so
the result never depends on the path taken: the same Markdown either way
(tests/test_parallel_render.py).
"""
from __future__ import annotations

import os
import pickle
import signal
import threading

from macros.core.lifetime import die_with_parent

MIN_PAGES = 60  # below this the fork costs about what it saves


def usable(count: int) -> bool:
    return (count >= MIN_PAGES and hasattr(os, "fork") and (os.cpu_count() or 1) > 1
            and threading.active_count() == 1)


def render_all(items: list, render) -> list:
    """[render(item) for item in items], on two cores when usable()."""
    if not usable(len(items)):
        return [render(i) for i in items]
    theirs_idx = range(1, len(items), 2)  # interleaved: costly pages are spread evenly
    read_end, write_end = os.pipe()
    parent = os.getpid()
    pid = os.fork()
    if pid == 0:  # the child: render, send, and leave without running any cleanup of the parent's
        code = 1
        try:
            die_with_parent(parent)
            os.close(read_end)
            data = pickle.dumps([render(items[i]) for i in theirs_idx], protocol=pickle.HIGHEST_PROTOCOL)
            with os.fdopen(write_end, "wb") as out:
                out.write(data)
            code = 0
        finally:
            os._exit(code)
    os.close(write_end)
    pipe = os.fdopen(read_end, "rb")
    try:
        mine = {i: render(items[i]) for i in range(0, len(items), 2)}
        data = pipe.read()
    except BaseException:
        # Our own pages failed: stop the child, which may be blocked writing
        # to a pipe nobody will read, then let the error through.
        os.kill(pid, signal.SIGKILL)
        raise
    finally:
        pipe.close()
        _, status = os.waitpid(pid, 0)
    theirs = pickle.loads(data) if status == 0 and data else [render(items[i]) for i in theirs_idx]
    mine.update(zip(theirs_idx, theirs))
    return [mine[i] for i in range(len(items))]
