"""The benchmark works end to end at a tiny scale (no timings asserted: the
machines are shared and noisy; only that it measures and reports)."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from macros.tools.bench import synth
from macros.outputs.compose import load

ROOT = Path(__file__).resolve().parent.parent


def test_synthetic_handbook_checks_clean_and_scales(tmp_path):
    base = load(synth.make(ROOT, tmp_path / "x1", 1))
    double = load(synth.make(ROOT, tmp_path / "x2", 2))
    assert base.ok and double.ok, [p.message for p in (base.errors + double.errors)[:5]]
    for kind in ("process", "step"):
        assert len(double.model.all(kind)) == 2 * len(base.model.all(kind)), kind
    printed = lambda r: [c for c in r.model.all("checklist") if c.get("process")]  # noqa: E731
    assert len(printed(double)) == 2 * len(printed(base)) == 2 * len(base.model.all("process"))
    # Copies refer to their own copies, never back to the originals.
    clone = double.model.get("checklist", "enrolment-2")
    assert clone.get("process") == "enrolment-2"
    steps = [i["step"] for s in clone.get("sections") for i in s["items"] if "step" in i]
    assert steps and all(s.startswith("enrolment-2.") for s in steps)
    # Copy 2 is a second set of business lines with its own staff: every
    # first-week plan is copied and teaches the copies, so the onboarding
    # rules run on twice the plans and find nothing to warn about.
    assert len(double.model.all("onboarding")) == 2 * len(base.model.all("onboarding")) > 0
    plan = double.model.get("onboarding", "specialist-enrolment-2")
    assert plan.get("role") == "specialist-enrolment-2" and plan.get("mentor") == "manager-enrolment-2"
    reads = [i["read"] for d in plan.get("days") for i in d["items"] if str(i.get("read")).startswith("process:")]
    assert reads and all(r.endswith("-2") for r in reads), reads
    assert double.model.get("role", "manager-enrolment-2").get("reports_to") == "director-2"
    assert not [p.message for p in double.problems if p.rule.startswith("onboarding")]


@pytest.mark.slow
def test_bench_runs_and_ends_with_the_bench_line(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "macros.cli.main", "bench", str(ROOT), "--scales", "1,2", "--repeat", "1",
         "--pdf-at", "", "--keep", str(tmp_path)],
        capture_output=True, text=True, cwd=ROOT, timeout=1800)
    assert proc.returncode == 0, proc.stderr[-3000:]
    lines = proc.stdout.strip().splitlines()
    assert re.fullmatch(r"bench: build_ratio=\d+\.\d\d scale_exponent=-?\d+\.\d\d check_ratio=\d+\.\d\d"
                        r" preview_s=\d+\.\d\d rebuild_ratio=\d+\.\d\d",
                        lines[-1]), lines[-1]
    assert lines[0].split()[:3] == ["scale", "pages", "real"]
    assert any(line.strip().startswith("2x") for line in lines)
    # The plain baseline really is the same site without the data layer.
    plain_yml = (tmp_path / "plain-x2" / "mkdocs.yml").read_text(encoding="utf-8")
    assert "- macros:" not in plain_yml and "handbook_root" not in plain_yml and "nav:" in plain_yml
    for kept in ("navigation.prune", "- search:", "separator:", "pymdownx.slugs.slugify", "extra_css:"):
        assert kept in plain_yml, kept
    assert (tmp_path / "plain-x2" / "docs" / "processes" / "enrolment-2.md").exists()
    assert "{{" not in (tmp_path / "plain-x2" / "docs" / "deadlines.md").read_text(encoding="utf-8")


def test_r_pairs_each_real_build_with_its_neighbouring_plain_build():
    """The 50x samples of one run on this machine: one fast plain build while
    the real build beside it ran slow made min/min 1.19; the pairs say ~1.03."""
    from macros.tools.bench.measure import Scale
    s = Scale(50, real=[91.59, 91.85, 92.64, 106.50], plain=[92.00, 91.88, 87.74, 76.87])
    assert round(s.ratio_of_minima, 2) == 1.19
    assert round(s.ratio, 2) == 1.03
