"""handbook checklists [DIR] [--out DIR] [--jobs N]: print the checklists.

Writes one A4 PDF per checklist, the booklet of all of them (checklists.pdf)
and the whole handbook (handbook.pdf) into --out (default DIR/print/). The
data is checked first: nothing is printed from data with errors. Without a
CJK font it stops before writing anything and names the package to install.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

from macros.cli.commands import UsageError, loaded, project_root
from macros.outputs.print.fonts import NoCJKFont


def add_arguments(p):
    p.add_argument("dir", nargs="?", help="project directory (default: the current one)")
    p.add_argument("--out", help="where to write the PDFs (default: DIR/print)")
    p.add_argument("--jobs", type=int, help="parallel renderers (default: up to 2, one per core)")
    p.add_argument("--no-handbook", action="store_true", help="skip the whole-handbook PDF")


def run(args) -> int:
    from macros.outputs.print.jobs import PrintTemplateError, write_pdfs
    root = project_root(args.dir)
    out = Path(args.out).resolve() if args.out else root / "print"
    if args.jobs is not None and args.jobs < 1:
        raise UsageError("--jobs must be at least 1")
    result = loaded(root, cached=True)
    start = time.perf_counter()
    try:
        done = write_pdfs(result, out, workers=args.jobs, handbook=not args.no_handbook)
    except NoCJKFont as exc:
        print(f"handbook checklists: {exc}", file=sys.stderr)
        return 2
    except PrintTemplateError as exc:
        print(exc)
        return 1
    wall = time.perf_counter() - start
    pages = sum(n for _, n, _ in done)
    for name, n, seconds in done:
        print(f"{name:32} {n:3d} 页  {seconds:5.2f} s")
    print(f"handbook checklists: {len(done)} PDF(s), {pages} pages in {wall:.1f} s "
          f"({wall / max(pages, 1):.2f} s per page) -> {out}")
    return 0
