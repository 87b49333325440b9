"""Child processes die with the process that started them.

The build forks a page renderer and runs PDF workers. If the build is killed
outright (SIGKILL from `timeout -s KILL`, the OOM killer, `kill -9`), nothing
in it runs to stop them, and an orphan keeps its memory (1.5 GB was seen)
until someone finds it. The kernel can do it instead: PR_SET_PDEATHSIG.
"""
from __future__ import annotations

import os
import signal

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
