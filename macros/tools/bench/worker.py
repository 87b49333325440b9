"""One timed task in a fresh Python process (so no run inherits another's
caches, imports or jieba dictionary): prints one JSON line.

    python -m macros.tools.bench.worker build  ROOT SITE [--dump PLAIN]
    python -m macros.tools.bench.worker plain  PLAIN SITE
    python -m macros.tools.bench.worker serve  ROOT SITE
    python -m macros.tools.bench.worker check  ROOT REPEAT
    python -m macros.tools.bench.worker pdf    ROOT OUT
    python -m macros.tools.bench.worker rebuild ROOT SITE
    python -m macros.tools.bench.worker preview ROOT EDITS

`seconds` is measured from the start of this process's work (imports of
MkDocs and the handbook included, as a real `mkdocs build` pays them).
"""
from __future__ import annotations

import time

_T0 = time.perf_counter()

import json  # noqa: E402
import logging  # noqa: E402
import os  # noqa: E402
import resource  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402


def _rss_mb() -> float:
    """Peak RSS of this process or of its largest child (the build renders
    half the pages in a forked child; PDFs render in worker processes)."""
    return max(resource.getrusage(who).ru_maxrss for who in
               (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)) / 1024  # Linux: KiB


def _build(root: Path, site: Path):
    """What `handbook build` does before its output steps: load and check,
    write the sources tree, build it with the default engine. Returns the
    loaded result."""
    from macros.outputs.compose import load_cached
    from macros.outputs.site import engine
    from macros.outputs.site.build import SOURCES, write_sources
    result = load_cached(root)
    default = engine.get(None)
    write_sources(result, root / SOURCES, default)
    default.build(root / SOURCES, site)
    return result


def task_build(root, site, dump=None):
    result = _build(Path(root), Path(site))
    seconds = time.perf_counter() - _T0
    if dump is not None:  # written after the clock stopped
        from macros.outputs.site import engine
        from macros.outputs.site.build import write_sources
        write_sources(result, Path(dump), engine.get(None), expand=True)
    return {"seconds": seconds, "rss_mb": _rss_mb()}


def task_plain(plain, site):
    """The baseline: the same pages, already Markdown with every macro filled,
    built by the same engine with nothing of the handbook's data layer."""
    from macros.outputs.site import engine
    engine.get(None).build(Path(plain), Path(site))
    return {"seconds": time.perf_counter() - _T0, "rss_mb": _rss_mb()}


def task_serve(root, site):
    """What a save costs in a warm process: the sources written again and
    the engine's rebuild (modules and load_cached stay warm)."""
    root = Path(root)
    _build(root, Path(site))
    first = time.perf_counter() - _T0
    target = sorted((root / "data" / "processes").glob("*.yml"))[0]
    text = target.read_text(encoding="utf-8")
    target.write_text(text.replace("name: ", "name: 修订 ", 1), encoding="utf-8")
    start = time.perf_counter()
    _build(root, Path(site))
    rebuild = time.perf_counter() - start
    target.write_text(text, encoding="utf-8")
    return {"first": first, "rebuild": rebuild, "rss_mb": _rss_mb()}


def _timed(fn):
    """(seconds, value) of fn(), each side paying for its own garbage: the
    collector runs before (so nobody pays for the other's leftovers) and
    after, inside the time (handbook check defers collection while loading;
    a deferred cost is still a cost)."""
    import gc
    gc.collect()
    start = time.perf_counter()
    value = fn()
    gc.collect()
    return time.perf_counter() - start, value


def task_check(root, repeat):
    """`handbook check`'s pipeline against bare C-libyaml parsing of the very
    same files, interleaved, minimum of `repeat` rounds each."""
    import yaml

    from macros.check.pipeline import discover
    from macros.outputs.compose import load
    root = Path(root)
    files = [path for path, _, _ in discover(root)[0]]
    load(root)  # warm imports and schema files once, for both sides alike
    best_check = best_yaml = float("inf")
    for _ in range(int(repeat)):
        best_yaml = min(best_yaml, _timed(lambda: [yaml.load(p.read_bytes(), Loader=yaml.CSafeLoader)
                                                   for p in files])[0])
        seconds, result = _timed(lambda: load(root))
        best_check = min(best_check, seconds)
        if not result.ok:
            from macros.load.problems import format_text
            raise SystemExit("synthetic project does not check clean:\n" + format_text(result.errors))
        del result
    return {"check": best_check, "yaml": best_yaml, "files": len(files), "rss_mb": _rss_mb()}


def task_pdf(root, out):
    from macros.outputs.print.jobs import write_pdfs
    from macros.outputs.compose import load
    result = load(Path(root))
    start = time.perf_counter()
    done = write_pdfs(result, Path(out))
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "pages": sum(p for _, p, _ in done), "documents": len(done),
            "rss_mb": _rss_mb()}


def task_rebuild(root, site):
    """`handbook build` (PDFs included) as a user runs it, each in its own
    process: clean (the PDF cache emptied), then after a one-field edit (the
    cache as the clean build left it)."""
    from macros.tools.bench import userpath
    return userpath.rebuild(Path(root), Path(site))


def task_preview(root, edits):
    """`handbook serve` as a user runs it: seconds from a one-field edit to
    the page that shows it being served, for `edits` edits in a row."""
    from macros.tools.bench import userpath
    return userpath.preview(Path(root), int(edits))


TASKS = {"build": task_build, "plain": task_plain, "serve": task_serve, "check": task_check, "pdf": task_pdf,
         "rebuild": task_rebuild, "preview": task_preview}


def main(argv):
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    task, *args = argv
    if "--dump" in args:  # build ROOT SITE --dump PLAIN -> build(ROOT, SITE, PLAIN)
        i = args.index("--dump")
        args = args[:i] + args[i + 1:]
    print(json.dumps(TASKS[task](*args)))


if __name__ == "__main__":
    main(sys.argv[1:])
