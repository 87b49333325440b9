"""Content digests, the keys of the build's caches under .cache/: an entry is
keyed by what its output is made of, so it is never stale, only unused."""
from __future__ import annotations

import hashlib
from pathlib import Path

CODE = Path(__file__).resolve().parents[1]  # the macros/ package that runs


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def tree(folder: Path, pattern: str = "*") -> str:
    """One digest of every file below `folder` matching `pattern`: names and contents."""
    digest = hashlib.sha256()
    for path in sorted(folder.rglob(pattern)) if folder.is_dir() else []:
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + sha(path.read_bytes()).encode() + b"\n")
    return digest.hexdigest()


def code() -> str:
    """The handbook's own code (every .py under macros/)."""
    return tree(CODE, "*.py")
