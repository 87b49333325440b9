"""handbook bench [DIR]: how build, check, rebuild and PDF costs grow with
the handbook (synthetic copies at 1x, 10x, 50x). Prints a table; the last
line is `bench: build_ratio=R scale_exponent=S check_ratio=C preview_s=P
rebuild_ratio=B` (P and B: what users wait for, at --user-at, 1x by default).
See docs/maintainers/performance.md for the method."""
from __future__ import annotations

import sys

from macros.cli.commands import UsageError, project_root


def add_arguments(p):
    p.add_argument("dir", nargs="?", help="project directory (default: the current one)")
    p.add_argument("--scales", default="1,10,50", help="comma-separated factors (default: 1,10,50)")
    p.add_argument("--repeat", type=int, default=1,
                   help="plain builds per scale, and real builds besides the serve session's; the minimum counts")
    p.add_argument("--pdf-at", default="1", help="scales at which to time the PDFs ('' for none)")
    p.add_argument("--serve-at", help="scales at which to time a serve rebuild (default: every scale)")
    p.add_argument("--keep", help="keep the synthetic projects and sites in this folder")
    p.add_argument("--user-at", default="1",
                   help="scales at which to time handbook build after an edit and handbook serve ('' for none)")


def _factors(text: str) -> tuple[int, ...]:
    try:
        out = tuple(int(x) for x in text.split(",") if x.strip())
    except ValueError:
        raise UsageError(f"not a list of whole numbers: {text!r}") from None
    if any(f < 1 for f in out):
        raise UsageError("scales must be 1 or more")
    return out


def run(args) -> int:
    from macros.tools.bench.measure import run as bench
    from macros.tools.bench.report import bench_line, table
    root = project_root(args.dir)
    factors = _factors(args.scales)
    if not factors:
        raise UsageError("give at least one scale")
    if args.repeat < 1:
        raise UsageError("--repeat must be 1 or more")
    log = lambda msg: print(msg, file=sys.stderr, flush=True)  # noqa: E731 - progress, not results
    serve_at = None if args.serve_at is None else _factors(args.serve_at)
    summary = bench(root, factors, args.repeat, _factors(args.pdf_at), args.keep, log, serve_at,
                    _factors(args.user_at))
    for line in table(summary):
        print(line)
    print(bench_line(summary))
    return 0
