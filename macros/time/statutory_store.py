"""The statutory years computed by earlier builds, kept in the project's
.cache/holidays/ (ignored by git, removed by `make clean`).

Each build is a new process, and the working-day table the pages carry
(deadlines.py) spans some 75 years: computing their lunar dates again cost
every `handbook build` about 0.2 s, a twentieth of a build after a one-field
edit. A statutory year is a pure function of the year, statutory.py and the
libraries it calls, so the file is named by a digest of exactly those: a
changed rule or an upgraded lunar-python reads a new file, never a stale one.
A file that cannot be read or does not parse is ignored (the years are
computed again); one that cannot be written only costs time.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import json
from importlib import metadata
from pathlib import Path

from macros.core import atomic, digest
from macros.time import statutory

STORE_DIR = Path(".cache") / "holidays"


def _name() -> str:
    made_of = [Path(statutory.__file__).read_bytes()]
    made_of += [f"{d}=={metadata.version(d)}".encode() for d in ("lunar-python", "python-dateutil")]
    return digest.sha(b"\0".join(made_of)) + ".json"


def _read(path: Path) -> dict[int, dict]:
    try:
        stored = json.loads(path.read_text(encoding="utf-8"))
        return {int(year): {dt.date.fromisoformat(day): str(name) for day, name in days}
                for year, days in stored["years"].items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}


def _write(folder: Path, name: str, years: dict[int, dict]) -> None:
    text = json.dumps({"years": {str(y): [[d.isoformat(), n] for d, n in days.items()]
                                 for y, days in sorted(years.items())}}, ensure_ascii=False)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        atomic.write_text(folder / name, text)
        for old in folder.glob("*.json"):  # another code or library version's years
            if old.name != name:
                old.unlink(missing_ok=True)
    except OSError:
        pass


@contextlib.contextmanager
def kept(root):
    """Within the block, statutory.holidays() knows the years stored for the
    project at `root` (None: no project folder, nothing stored); the years
    it computed meanwhile are stored when the block ends."""
    if root is None:
        yield
        return
    folder, name = Path(root) / STORE_DIR, _name()
    stored = _read(folder / name)
    statutory.remember(stored)
    yield
    known = statutory.known()
    if set(known) - set(stored):
        _write(folder, name, known)
