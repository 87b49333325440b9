"""The dated first week (issue 20): macros/onboarding/week.py on the
project's working-day calendar, and `handbook first-week ROLE --start DATE`
printing the dated packet whose quiz is the site's, in the site's order."""
from __future__ import annotations

import datetime as dt
import subprocess

import pytest

from conftest import ROOT
from macros.cli.main import main
from macros.onboarding import quiz
from macros.onboarding.week import dated
from macros.outputs.compose import load
from macros.time import holidays


def test_week_skips_yuandan_and_weekend():
    w = dated(dt.date(2026, 12, 28), holidays.for_model(load(ROOT).model))
    assert [d.isoformat() for d in w.dates] == ["2026-12-28", "2026-12-29", "2026-12-30", "2026-12-31", "2027-01-04"]
    assert [(d.isoformat(), why) for d, why in w.skipped] == [
        ("2027-01-01", "法定节假日（元旦）"), ("2027-01-02", "周末"), ("2027-01-03", "周末")]
    assert w.provisional  # 2027 is computed from the statutory rules until its notice is entered


def test_start_on_a_day_off_moves_day_one_and_make_up_days_count():
    cal = holidays.default()
    # 国庆节 2026 runs 1-7 October; Saturday 10 October is a make-up working day (chinesecalendar).
    w = dated(dt.date(2026, 10, 1), cal)
    assert [d.day for d in w.dates] == [8, 9, 10, 12, 13]
    assert len(w.skipped) == 8 and w.skipped[-1] == (dt.date(2026, 10, 11), "周末")


def test_cli_prints_the_dated_packet(tmp_path, capsys):
    assert main(["first-week", "specialist-enrolment", str(ROOT), "--start", "2026-12-28", "--out", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    pdf = tmp_path / "first-week-specialist-enrolment-2026-12-28.pdf"
    assert f"handbook first-week: specialist-enrolment -> {pdf}" in out
    assert "第 5 天  2027-01-04（星期一）" in out and "跳过    2027-01-01（星期五）  法定节假日（元旦）" in out
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    flat = text.replace("\n", "")
    assert "第 5 天 · 2027-01-04（星期一）" in flat and "法定节假日（元旦）" in flat
    assert "完成事项" in flat and "自检得分" in flat and "未完成事项" in flat
    model = load(ROOT).model
    asked = quiz.quiz(model, model.get("onboarding", "specialist-enrolment"))
    # Same questions in the same order as the site; choices lettered as on the site.
    where = [flat.index(a.question.text[:18]) for a in asked]
    assert where == sorted(where)
    assert f"1. {asked[0].answer_letter}" in flat


def test_cli_pdf_path_and_errors(tmp_path, capsys):
    target = tmp_path / "packet.pdf"
    assert main(["first-week", "director", str(ROOT), "--start", "2026-09-01", "--out", str(target)]) == 0
    assert target.exists()
    assert main(["first-week", "director", str(ROOT), "--start", "2026-13-01"]) == 2
    assert capsys.readouterr().err.strip().endswith(
        "handbook first-week: '2026-13-01' 不是日期：请按 YYYY-MM-DD 格式填写，例如 2026-09-30")
    assert main(["first-week", "nobody", str(ROOT), "--start", "2026-09-01"]) == 2
    assert capsys.readouterr().err.strip() == (
        "handbook first-week: no first-week plan for 'nobody': choose one of director, manager-archives, "
        "manager-enrolment, manager-graduation, specialist-archives, specialist-enrolment, specialist-graduation")
