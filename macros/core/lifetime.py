"""Child processes die with the process that started them, and a forked
worker never holds another child's pipes.

The build runs PDF workers. If the build is killed outright (SIGKILL from
`timeout -s KILL`, the OOM killer, `kill -9`), nothing in it runs to stop
them, and an orphan keeps its memory (1.5 GB was seen) until someone finds
it. The kernel can do it instead: PR_SET_PDEATHSIG.

The workers are forked (print/engine.py), and a fork copies every open file,
including the pipes of a subprocess another thread is starting at that
moment (git, in the preview, while its background thread forks the PDF
workers). That subprocess's caller then waits for an end of file that
comes only when the workers exit: in the preview a page update waited for
every PDF, 3 to 5 s. So the handbook starts subprocesses through run()
below, and forks its workers under the same lock (SPAWNING).
"""
from __future__ import annotations

import os
import signal
import subprocess
import threading

SPAWNING = threading.Lock()


def run(args: list, **kwargs) -> subprocess.CompletedProcess:
    """subprocess.run, never while a worker pool is being forked (held for
    the whole call: a pipe to the child's stdin leaks as badly as its output)."""
    with SPAWNING:
        return subprocess.run(args, **kwargs)

_PR_SET_PDEATHSIG = 1


def die_with_parent(parent: int) -> None:
    """Call first thing in a child: the kernel sends it SIGKILL when its
    parent dies; a child whose parent `parent` is already gone exits now."""
    try:
        import ctypes
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # not Linux: the check below still narrows the window
        pass
    if os.getppid() != parent:
        os._exit(1)
