"""The benchmark run: synthetic handbooks at each scale, every timing in a
fresh process, real and plain builds in back-to-back pairs (Scale.ratio)."""
from __future__ import annotations

import gzip
import json
import math
import os
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from macros.tools.bench import synth


@dataclass
class Scale:
    factor: int
    pages: int = 0
    real: list = field(default_factory=list)  # seconds of each real build
    plain: list = field(default_factory=list)
    rss_mb: float = 0.0
    check: float = 0.0
    yaml: float = 0.0
    files: int = 0
    first: float = 0.0  # serve: first build in the process
    rebuild: float = 0.0  # serve: rebuild after one YAML edit
    page_bytes: int = 0  # a typical (median) page's HTML
    process_page_bytes: int = 0  # one process page's HTML
    index_gz: int = 0  # search index, gzip -9
    pdf: dict = field(default_factory=dict)
    clean_build: float = 0.0  # `handbook build` with PDFs, the PDF cache empty
    first_edit_build: float = 0.0  # after the first one-field edit since the last commit
    edit_build: float = 0.0  # after a further one-field edit, the cache warm
    preview: list = field(default_factory=list)  # `handbook serve`: edit to served page, each edit

    @property
    def rebuild_ratio(self) -> float:
        return self.edit_build / self.clean_build if self.clean_build else float("nan")

    @property
    def preview_s(self) -> float:
        return statistics.median(self.preview) if self.preview else float("nan")

    @property
    def t_real(self) -> float:
        return min(self.real)

    @property
    def t_plain(self) -> float:
        return min(self.plain)

    @property
    def ratio(self) -> float:
        """R at this scale: the median of each round's real/plain ratio.

        Why not min(real)/min(plain): on this shared machine the speed drifts
        over minutes (one 50x run had plain builds of 92.0, 91.9, 87.7 and
        76.9 s), so the two minima can come from different speeds and one
        lucky sample decides R. Each round runs its real and plain build back
        to back, so their ratio compares like with like; the median drops the
        rounds a drift split."""
        return statistics.median(r / p for r, p in zip(self.real, self.plain))

    @property
    def ratio_of_minima(self) -> float:
        return self.t_real / self.t_plain


def _worker(*args) -> dict:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    proc = subprocess.run([sys.executable, "-m", "macros.tools.bench.worker", *map(str, args)],
                          capture_output=True, text=True, env=env,
                          cwd=str(Path(__file__).resolve().parents[2]))
    if proc.returncode != 0:
        raise RuntimeError(f"bench worker {args[0]} failed:\n{proc.stdout}\n{proc.stderr}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _site_sizes(site: Path) -> tuple[int, int, int, int]:
    """(pages, median page bytes, a process page's bytes, gzipped search index)."""
    pages = sorted(p.stat().st_size for p in site.rglob("*.html") if p.name != "404.html")
    process = next(iter(sorted((site / "processes").glob("*/index.html"))), None)
    index = site / "search" / "search_index.json"
    gz = len(gzip.compress(index.read_bytes(), 9)) if index.exists() else 0
    return (len(pages), int(statistics.median(pages)) if pages else 0,
            process.stat().st_size if process else 0, gz)


def run_scale(src: Path, factor: int, work: Path, repeat: int, pdf: bool, serve: bool, log,
              user: bool = False) -> Scale:
    s = Scale(factor)
    root = synth.make(src, work / f"x{factor}", factor)
    log(f"  x{factor}: synthetic project at {root}")
    c = _worker("check", root, max(repeat, 2))
    s.check, s.yaml, s.files = c["check"], c["yaml"], c["files"]
    plain_root = work / f"plain-x{factor}"
    site = work / f"site-x{factor}"
    # Interleaved: real (it also captures the Markdown, written after its clock
    # stops), plain, a serve session (its first build is one more real build
    # from a fresh process), plain again; then more rounds if asked. Real and
    # plain get the same number of samples, in pairs (see Scale.ratio).
    r = _worker("build", root, site, "--dump", plain_root)
    s.real.append(r["seconds"])
    s.rss_mb = r["rss_mb"]
    s.plain.append(_worker("plain", plain_root, work / f"plain-site-x{factor}")["seconds"])
    log(f"  x{factor}: real {s.real[-1]:.2f}s, plain {s.plain[-1]:.2f}s")
    s.pages, s.page_bytes, s.process_page_bytes, s.index_gz = _site_sizes(site)
    if serve:
        sv = _worker("serve", root, work / f"serve-x{factor}")
        s.first, s.rebuild = sv["first"], sv["rebuild"]
        s.real.append(sv["first"])
        s.rss_mb = max(s.rss_mb, sv["rss_mb"])
        s.plain.append(_worker("plain", plain_root, work / f"plain-site-x{factor}")["seconds"])
        log(f"  x{factor}: serve: first build {s.first:.2f}s, rebuild after one edit {s.rebuild:.2f}s; "
            f"plain {s.plain[-1]:.2f}s")
    for _ in range(repeat - 1):
        s.plain.append(_worker("plain", plain_root, work / f"plain-site-x{factor}")["seconds"])
        s.real.append(_worker("build", root, site)["seconds"])
        log(f"  x{factor}: plain {s.plain[-1]:.2f}s, real {s.real[-1]:.2f}s")
    if pdf:
        s.pdf = _worker("pdf", root, work / f"pdf-x{factor}")
        s.rss_mb = max(s.rss_mb, s.pdf["rss_mb"])
    if user:
        rb = _worker("rebuild", root, work / f"user-site-x{factor}")
        s.clean_build, s.first_edit_build, s.edit_build = rb["clean"], rb["first"], rb["rebuild"]
        log(f"  x{factor}: handbook build clean {s.clean_build:.2f}s, after the first edit since the commit "
            f"{s.first_edit_build:.2f}s, after a further edit {s.edit_build:.2f}s")
        s.preview = _worker("preview", root, PREVIEW_EDITS)["edits"]
        log(f"  x{factor}: handbook serve, edit to served page: " + ", ".join(f"{x:.2f}s" for x in s.preview))
    return s


PREVIEW_EDITS = 5


@dataclass
class Summary:
    scales: list
    build_ratio: float
    scale_exponent: float
    check_ratio: float
    preview_s: float = float("nan")  # at the smallest scale measured for it (1x by default)
    rebuild_ratio: float = float("nan")


def summarise(scales: list[Scale]) -> Summary:
    """R: real over plain build at the largest scale (Scale.ratio); S: growth exponent
    between the two largest scales; C: check over bare parsing, largest scale."""
    big = scales[-1]
    r = big.ratio
    if len(scales) >= 2:
        a, b = scales[-2], scales[-1]
        sx = math.log(b.t_real / a.t_real) / math.log(b.factor / a.factor)
    else:
        sx = float("nan")
    user = [s for s in scales if s.preview]
    return Summary(scales, r, sx, big.check / big.yaml,
                   user[0].preview_s if user else float("nan"), user[0].rebuild_ratio if user else float("nan"))


def run(src: Path, factors=(1, 10, 50), repeat: int = 1, pdf_at=(1,), keep: Path | None = None,
        log=print, serve_at=None, user_at=(1,)) -> Summary:
    with tempfile.TemporaryDirectory(prefix="handbook-bench-") as tmp:
        work = Path(keep) if keep else Path(tmp)
        serve_at = factors if serve_at is None else serve_at
        scales = [run_scale(src, f, work, repeat, f in pdf_at, f in serve_at, log, f in user_at) for f in factors]
    return summarise(scales)
