"""The bench table and its last line (the line CI and the docs quote)."""
from __future__ import annotations


def _kb(n: int) -> str:
    return f"{n / 1024:.1f} KB"


def table(summary) -> list[str]:
    rows = [("scale", "pages", "real s", "plain s", "R", "R min/min", "check s", "yaml s", "C",
             "serve rebuild s", "rebuild/build", "page", "process page", "index.gz", "peak RSS")]
    for s in summary.scales:
        rows.append((f"{s.factor}x", str(s.pages), f"{s.t_real:.2f}", f"{s.t_plain:.2f}",
                     f"{s.ratio:.2f}", f"{s.ratio_of_minima:.2f}", f"{s.check:.3f}", f"{s.yaml:.3f}",
                     f"{s.check / s.yaml:.2f}", f"{s.rebuild:.2f}" if s.first else "-",
                     f"{s.rebuild / s.t_real:.2f}" if s.first else "-",
                     _kb(s.page_bytes), _kb(s.process_page_bytes), _kb(s.index_gz),
                     f"{s.rss_mb:.0f} MB"))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(c.rjust(w) for c, w in zip(r, widths)) for r in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    for s in summary.scales:
        if s.preview:
            lines.append(f"user path at {s.factor}x: handbook build clean {s.clean_build:.2f} s, after the first "
                         f"one-field edit since a commit {s.first_edit_build:.2f} s "
                         f"({s.first_edit_build / s.clean_build:.2f}), after a further one-field "
                         f"edit {s.edit_build:.2f} s (rebuild_ratio {s.rebuild_ratio:.2f}); handbook serve, "
                         f"edit to served page " + ", ".join(f"{x:.2f}" for x in s.preview)
                         + f" s (median {s.preview_s:.2f})")
        if s.pdf:
            per = s.pdf["seconds"] / max(s.pdf["pages"], 1)
            lines.append(f"PDF at {s.factor}x: {s.pdf['documents']} documents, {s.pdf['pages']} pages "
                         f"in {s.pdf['seconds']:.2f} s = {per * 1000:.0f} ms a page")
    return lines


def bench_line(summary) -> str:
    return (f"bench: build_ratio={summary.build_ratio:.2f} "
            f"scale_exponent={summary.scale_exponent:.2f} check_ratio={summary.check_ratio:.2f} "
            f"preview_s={summary.preview_s:.2f} rebuild_ratio={summary.rebuild_ratio:.2f}")
