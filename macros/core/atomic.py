"""Files written whole or not at all: a reader (a web server, the next build,
another test worker sharing a cache) sees the old file or the new one,
never half of either.

The new content goes to a dot-named temporary file beside the target and is
renamed over it. Dot-named, so that whoever copies a folder being written can
leave the half-written files out (tests/conftest.py copy_print_cache).
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Callable


def write(target: Path, fill: Callable[[str], object]) -> None:
    """`fill(tmp)` writes the content to the path `tmp`; then it becomes `target`."""
    target = Path(target)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    os.close(fd)
    try:
        fill(tmp)
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def write_text(target: Path, text: str) -> None:
    write(target, lambda tmp: Path(tmp).write_text(text, encoding="utf-8"))
