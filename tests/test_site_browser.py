"""The site in real Chromium, served from 127.0.0.1 with every other request
blocked: Chinese search answers new hires' questions, navigation works,
pages are accessible, and screenshots are not blank."""
from __future__ import annotations

import os
import shutil
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml

from conftest import need_system
from sitetools import need_browser, CHROMIUM, browser_page, serve

pytestmark = pytest.mark.browser
QUESTIONS = yaml.safe_load((Path(__file__).parent / "search_questions.yml").read_text(encoding="utf-8"))
SHOTS = Path(os.environ.get("HANDBOOK_SHOTS", Path(__file__).resolve().parent.parent / ".screenshots"))


@pytest.fixture(scope="module")
def site(shipped_site):
    need_browser()
    return shipped_site.site  # conftest's one session build (read-only)


@pytest.fixture(scope="module")
def browser(site):
    blocked: list = []
    with serve(site) as url, browser_page(blocked) as page:
        yield url, page, blocked
    assert blocked == [], f"requests to other hosts: {blocked}"


def search(page, url: str, query: str) -> list[str]:
    """Type a query as a person would and return the result pages in order
    (site-relative paths, without query string or anchor)."""
    if not page.url.startswith(url):
        page.goto(url)
    box = page.locator("input.md-search__input")
    box.click()
    box.fill(query)
    box.press("End")
    previous, stable = None, 0
    for _ in range(50):  # results render asynchronously (a web worker)
        page.wait_for_timeout(100)
        hrefs = page.eval_on_selector_all(
            "li.md-search-result__item > a:first-child", "els => els.map(e => e.getAttribute('href'))")
        if hrefs and hrefs == previous:
            stable += 1
            if stable >= 3:
                break
        else:
            stable = 0
        previous = hrefs
    out = []
    for h in previous or []:
        path = unquote(urlsplit(h).path)
        path = path[len(urlsplit(url).path):] if path.startswith(urlsplit(url).path) else path.lstrip("/")
        out.append(path)
    return out


def test_question_list_is_big_enough():
    assert len(QUESTIONS) >= 30
    assert len({q["question"] for q in QUESTIONS}) == len(QUESTIONS)
    # The everyday questions, typed as people type them, must be answered first.
    assert len([q for q in QUESTIONS if q.get("rank") == 1]) >= 10


@pytest.mark.parametrize("item", QUESTIONS, ids=[q["question"] for q in QUESTIONS])
def test_search_answers_question(browser, item):
    """The answering page within the top 5, or first where the list says `rank: 1`."""
    url, page, _ = browser
    results = search(page, url, item["query"])
    within = item.get("rank", 5)
    assert item["page"] in results[:within], f"{item['question']} ({item['query']}): top {within} = {results[:5]}"


def test_a_search_without_results_suggests_what_to_try(browser):
    """A question that matches nothing gets shorter words to try (the whole
    question rarely appears as typed) and links to the pages listing everything."""
    url, page, _ = browser
    page.goto(url)
    assert search(page, url, "航天飞机怎么办") == []
    hint = page.locator("#hb-search-hint")
    hint.wait_for(timeout=3000)
    assert "航天飞机" in [b.inner_text() for b in hint.locator("button").all()]
    hrefs = hint.locator("a").evaluate_all("els => els.map(e => e.href)")
    assert len(hrefs) >= 3
    for href in hrefs:  # the fixed sections the hint names exist
        assert page.request.get(href).ok, href
    hint.locator("button").first.click()
    page.wait_for_timeout(800)
    assert page.input_value("input.md-search__input") == "航天飞机"
    # a query with results shows no hint
    assert search(page, url, "数据泄露") and page.locator("#hb-search-hint").count() == 0


def test_navigation_reaches_a_process_and_a_role(browser):
    url, page, _ = browser
    page.goto(url + "processes/")
    links = page.locator("article a[href*='/']")
    assert links.count() > 0
    page.locator("article table a").first.click()
    page.wait_for_load_state()
    assert "/processes/" in page.url and page.locator("article svg").count() >= 1
    page.locator("article table.hb-steps a[href*='roles/']").first.click()
    page.wait_for_load_state()
    assert "/roles/" in page.url
    assert page.locator("article h1").inner_text().strip()


def _not_blank(png: Path):
    from PIL import Image
    img = Image.open(png).convert("L")
    hist = img.histogram()
    total = sum(hist)
    light = sum(hist[240:])
    assert total - light > total * 0.02, f"{png} is nearly blank"
    assert len([h for h in hist if h]) > 20, f"{png} has almost no tones"


def test_screenshots_are_not_blank(browser):
    url, page, _ = browser
    SHOTS.mkdir(parents=True, exist_ok=True)
    for path, name in (("", "home.png"), ("processes/purchase/", "process-purchase.png"),
                       ("organisation/", "organisation.png")):
        page.goto(url + path)
        page.wait_for_load_state("networkidle")
        if page.locator("article h1").count() == 0:
            pytest.fail(f"{path}: no page")
        page.screenshot(path=str(SHOTS / name), full_page=True)
        _not_blank(SHOTS / name)


MAIN_PAGES = ["", "first-week/", "organisation/", "roles/director/", "processes/", "processes/enrolment/",
              "permissions/", "permissions/raci/", "documents/", "documents/reports/", "meetings/",
              "glossary/", "coverage/"]


@pytest.mark.parametrize("path", MAIN_PAGES)
def test_no_serious_accessibility_violations(browser, path):
    from axe_playwright_python.sync_playwright import Axe
    url, page, _ = browser
    page.goto(url + path)
    page.wait_for_load_state("networkidle")
    results = Axe().run(page)
    bad = [f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes'][:3]]}"
           for v in results.response["violations"] if v.get("impact") in ("serious", "critical")]
    assert not bad, "\n".join(bad)


def test_deadline_table_filters_by_process_and_role(browser):
    """The clerk's table: choosing a process leaves that process's rules under
    its one heading; choosing a role leaves the rules naming that role."""
    url, page, _ = browser
    page.goto(url + "deadlines/")
    page.wait_for_load_state("networkidle")
    rows = "#hb-deadlines tbody tr"
    every = page.locator(f"{rows}:not(.hb-group-row)").count()
    page.select_option("#hb-filter-group", label="审计整改")
    shown = page.locator(f"{rows}:visible")
    groups = page.locator(f"{rows}.hb-group-row:visible").all_inner_texts()
    assert groups == ["审计整改"]
    assert 0 < shown.count() - 1 < every
    page.select_option("#hb-filter-group", "")
    page.select_option("#hb-filter-role", label="招生学籍专员")
    visible = page.locator(f"{rows}:not(.hb-group-row):visible")
    assert 0 < visible.count() < every
    roles = visible.evaluate_all("els => els.map(e => e.dataset.roles)")
    assert all("specialist-enrolment" in r.split() for r in roles)
    # The calculator answered on load: the preselected rule from today.
    assert page.locator("#hb-calc-out .hb-due strong").inner_text()


def test_calendar_shows_the_next_30_days_from_today(browser):
    """Computed in the browser from today's date, not the build's."""
    import datetime as dt
    url, page, _ = browser
    page.goto(url + "calendar/")
    page.wait_for_load_state("networkidle")
    today = page.evaluate("(() => { const d = new Date(); return [d.getFullYear(), d.getMonth() + 1, d.getDate()]; })()")
    box = page.locator("#hb-upcoming")
    assert f"今天是 {dt.date(*today).isoformat()}" in box.inner_text()
    days = box.locator(".hb-upcoming-list > li").count()
    assert days > 0  # weekly meetings alone fill any 30 days
    everyone = box.locator(".hb-upcoming-list li li").count()
    page.select_option("#hb-upcoming-role", label="信息技术部")
    assert box.locator(".hb-upcoming-list li li").count() < everyone
    # A feed for every role that has events, and none that is empty.
    feeds = page.locator("ul.hb-feeds li").all_inner_texts()
    assert feeds and not any("（0 项）" in f for f in feeds)
