"""handbook calendar [DIR] [--out OUT]: write the iCalendar feeds (department + one per role)."""
from __future__ import annotations

from pathlib import Path

from macros.cli.commands import loaded, project_root
from macros.load.problems import format_text


def add_arguments(p):
    p.add_argument("dir", nargs="?", help="project directory (default: the current one)")
    p.add_argument("--out", help="where to write the .ics files (default: DIR/site/calendar)")


def run(args) -> int:
    from macros.outputs.calendar.feeds import CalendarError, FEEDS_DIR, write_feeds
    root = project_root(args.dir)
    result = loaded(root, cached=True)
    out = Path(args.out).resolve() if args.out else root / "site" / FEEDS_DIR
    try:
        written = write_feeds(result, out)
    except CalendarError as exc:
        print(format_text(exc.problems))
        return 1
    for name, count in written.items():
        print(f"{out / name}: {count} recurring event(s)")
    return 0
