"""The deadlines page's calculator gives the same answer as `handbook due`.

The shipped project plus the every-unit fixture process is built, served on a
free port and opened in Chromium with every request not to 127.0.0.1
blocked; for each (rule, date) the page's text is compared line for line
with what the CLI prints (or, for an error, with its message)."""
from __future__ import annotations

import functools
import http.server
import re
import shutil
import threading

import pytest

from sitetools import need_browser
from conftest import FIXTURES, SESSION_EPOCH, copy_shipped, need_system
from macros.cli.main import main
from macros.time import holidays

CASES = [
    ("time-limits.working-three", "2026-09-30"),  # across 国庆 and its make-up Saturday
    ("time-limits.working-five", "2026-09-18"),  # the make-up Sunday before 国庆
    ("time-limits.working-three", "2026-02-12"),  # across 春节
    ("time-limits.working-five", "2026-12-28"),  # into 2027: provisional statutory holidays
    ("time-limits.working-three", "2027-02-03"),  # 春节 2027, computed from the lunar calendar
    ("time-limits.calendar-three", "2026-12-29"),  # lands on 元旦 2027: moved, with the unextended date
    ("time-limits.working-three", "2075-09-30"),  # far ahead, still inside the page's table
    ("time-limits.calendar-three", "2026-09-30"),  # lands on 国庆: moved to the next working day
    ("time-limits.two-weeks", "2026-03-10"),
    ("time-limits.one-month", "2024-01-31"),
    ("time-limits.three-years", "2024-02-29"),
    ("time-limits.same-day", "2026-07-15"),
    ("time-limits.next-monday", "2026-10-05"),
    ("time-limits.next-month", "2026-12-31"),
    ("daily-report", "2026-12-31"),
    ("audit-rectification.rectify", "2026-12-25"),  # also stated as quarterly-audit.rectification
]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("calc")
    root = copy_shipped(tmp)
    (root / "checklists").mkdir(exist_ok=True)
    shutil.copytree(FIXTURES / "valid" / "every-deadline-unit" / "files", root, dirs_exist_ok=True)
    # The sample process is no real duty: the first-week plans (which must
    # cover every duty) are not what this test is about.
    shutil.rmtree(root / "data" / "onboarding")
    with pytest.MonkeyPatch.context() as mp:  # dated like the session build: shared PDFs come from its cache
        mp.setenv("SOURCE_DATE_EPOCH", SESSION_EPOCH)
        assert main(["build", str(root), "--site-dir", str(tmp / "site")]) == 0
    return root, tmp / "site"


@pytest.fixture(scope="module")
def server(site):
    _, site_dir = site

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site_dir)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def cli_lines(root, rule, date, capsys) -> list[str]:
    """What `handbook due` prints, as the page shows it: the page names the
    rule and the open question without their ids (a reader never sees an id),
    and shows the calculation as a list (no indent)."""
    capsys.readouterr()
    code = main(["due", rule, date, "--dir", str(root)])
    out = capsys.readouterr()
    if code != 0:
        return [out.err.strip().removeprefix("handbook due: ")]
    lines = []
    for line in out.out.rstrip("\n").splitlines():
        if line.startswith("规则：") and line.removeprefix("规则：").startswith(rule + " "):
            line = "规则：" + line.removeprefix("规则：" + rule + " ")
        elif line.startswith("待决问题："):
            line = "待决问题：" + line.removeprefix("待决问题：").split(" ", 1)[1]
        # and says where the holidays come from without a library or file name
        line = re.sub(r"^(\s*\d{4} 年的节假日：)库（[^）]*）$", r"\1" + holidays.READER_SOURCE[holidays.LIBRARY], line)
        line = re.sub(r"^(\s*\d{4} 年的节假日：)数据文件（.*）$", r"\1" + holidays.READER_SOURCE[holidays.DATA], line)
        lines.append(line.strip())
    return lines


def shown(page) -> list[str]:
    """The calculator's answer as lines, the way a reader sees it."""
    return [line.strip() for line in page.inner_text("#hb-calc-out").splitlines() if line.strip()]


@pytest.mark.browser
def test_browser_calculator_agrees_with_the_cli(site, server, tmp_path, capsys):
    need_browser()
    from playwright.sync_api import sync_playwright
    root, _ = site
    blocked, errors = [], []

    def route(r):
        host = r.request.url.split("/")[2].split(":")[0] if "://" in r.request.url else ""
        if host == "127.0.0.1" or r.request.url.startswith(("data:", "blob:")):
            r.continue_()
        else:
            blocked.append(r.request.url)
            r.abort()

    with sync_playwright() as p:
        ctx = p.chromium.launch_persistent_context(
            str(tmp_path / "profile"), executable_path="/usr/bin/chromium", headless=True,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"])
        try:
            ctx.route("**/*", route)
            page = ctx.new_page()
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(f"{server}/deadlines/")
            shipped_rules = page.eval_on_selector_all("#hb-calc-rule option", "els => els.map(e => e.value)")
            cases = CASES + [(r, "2026-09-30") for r in shipped_rules if not r.startswith("time-limits.")]
            assert len(cases) > len(CASES), "the shipped data's rules are in the calculator too"
            for rule, date in cases:
                page.select_option("#hb-calc-rule", rule)
                page.fill("#hb-calc-date", date)
                page.click("#hb-calc-go")
                assert shown(page) == cli_lines(root, rule, date, capsys), (rule, date)
                assert rule not in page.inner_text("#hb-calc-out"), "no rule id in the answer"
            # a direct link opens the calculator with the rule and the date filled in
            page.goto(f"{server}/deadlines/#rule=time-limits.working-three&date=2026-09-30")
            page.reload()
            assert shown(page)[0] == "截止日期：2026-10-10（星期六）"
            assert page.locator("#hb-calc-out .hb-due strong").inner_text() == "2026-10-10（星期六）"
            # past the page's table: an answer that says it counted weekends only, no error
            page.goto(f"{server}/deadlines/#rule=time-limits.working-three&date=2199-09-30")
            page.reload()
            assert page.get_attribute("#hb-calc-out", "data-state") == "ok"
            assert "2199 年的节假日：不在本页的节假日表（2000–2076 年）内，只按周末计算，请向手册维护者核实" \
                in shown(page)
            # with no link, the page answers at once: the preselected 日报 from today
            page.goto(f"{server}/deadlines/")
            page.reload()
            assert page.input_value("#hb-calc-rule") == "daily-report"
            assert shown(page)[0].startswith("截止日期：")
        finally:
            ctx.close()
    assert errors == []
    assert blocked == []


@pytest.mark.browser
def test_a_2027_answer_fits_a_phone_column(site, server, tmp_path, capsys):
    """At 390 px the longest answer (the 民法典 reason, the provisional source)
    wraps inside the column: nothing is cut off or scrolls sideways."""
    need_browser()
    from playwright.sync_api import sync_playwright
    root, _ = site
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True,
                                    args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                                          "--disable-background-networking", "--disable-component-update",
                                          "--disable-sync"])
        try:
            page = browser.new_page(viewport={"width": 390, "height": 844})
            page.route("**/*", lambda r: r.continue_() if "127.0.0.1" in r.request.url else r.abort())
            # a link may name the rule by any place stating it: the picker shows the one place
            page.goto(f"{server}/deadlines/#rule=quarterly-audit.rectification&date=2026-12-25")
            page.reload()
            assert page.input_value("#hb-calc-rule") == "audit-rectification.rectify"
            out = page.locator("#hb-calc-out")
            assert shown(page) == cli_lines(root, "audit-rectification.rectify", "2026-12-25", capsys)
            assert "暂定：2027 年暂按法定节假日计算，调休安排待国务院公布" in out.text_content()
            box = out.bounding_box()
            sizes = out.evaluate("e => [e.scrollWidth, e.clientWidth, document.documentElement.scrollWidth]")
            assert sizes[0] <= sizes[1], sizes  # no line runs past the box
            assert box["x"] >= 0 and box["x"] + box["width"] <= 390, box
            assert sizes[2] <= 390, sizes  # the page does not scroll sideways
        finally:
            browser.close()


def test_built_site_has_feeds_export_and_pages(site):
    _, site_dir = site
    assert (site_dir / "calendar" / "department.ics").is_file()
    assert (site_dir / "api" / "v1" / "handbook.json").is_file()
    assert (site_dir / "api" / "v1" / "schemas" / "handbook.schema.json").is_file()
    html = (site_dir / "calendar" / "index.html").read_text(encoding="utf-8")
    assert 'href="department.ics"' in html
    deadlines = (site_dir / "deadlines" / "index.html").read_text(encoding="utf-8")
    assert 'id="hb-calc-data"' in deadlines and "time-limits.working-three" in deadlines
    assert "javascripts/deadline-calc.js" in deadlines
