"""The first-week page in real Chromium: a ticked item survives a reload
(localStorage, no server), the counter follows, keys are namespaced per
plan and item, and self-check answers open with a click. Served from
127.0.0.1 on a free port; every other request is blocked."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import need_system
from sitetools import need_browser, CHROMIUM, browser_page, build_pages, project_with, serve

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    need_browser()
    tmp = tmp_path_factory.mktemp("onboarding-browser")
    root = project_with(tmp)
    out = tmp / "site"
    # The pages and the script are enough here: no PDFs needed (test_onboarding builds those).
    return build_pages(root, out)


def test_ticked_item_survives_reload(site):
    blocked: list = []
    with serve(site) as url, browser_page(blocked) as page:
        page.goto(url + "first-week/specialist-enrolment/")
        box = page.locator('input.hb-progress[data-hb-key="hb-onboarding:specialist-enrolment:read-role"]')
        other = page.locator('input.hb-progress[data-hb-key="hb-onboarding:specialist-enrolment:read-org"]')
        assert not box.is_checked()
        box.check()
        assert page.locator(".hb-progress-summary .hb-done").inner_text() == "1"
        page.reload()
        box = page.locator('input.hb-progress[data-hb-key="hb-onboarding:specialist-enrolment:read-role"]')
        assert box.is_checked()
        assert not other.is_checked()
        assert page.locator(".hb-progress-summary .hb-done").inner_text() == "1"
        stored = page.evaluate("() => Object.keys(localStorage).filter(k => k.startsWith('hb-onboarding:'))")
        assert stored == ["hb-onboarding:specialist-enrolment:read-role"]

        # Another role's plan has the same item id and is not ticked by it.
        page.goto(url + "first-week/specialist-graduation/")
        assert not page.locator('input.hb-progress[data-hb-key="hb-onboarding:specialist-graduation:read-role"]').is_checked()

        # Unticking removes the key; the reset button clears the rest.
        page.goto(url + "first-week/specialist-enrolment/")
        page.locator('input.hb-progress[data-hb-key="hb-onboarding:specialist-enrolment:read-org"]').check()
        page.locator(".hb-progress-reset").click()
        page.reload()
        assert page.locator("input.hb-progress:checked").count() == 0
        assert page.evaluate("() => Object.keys(localStorage).filter(k => k.startsWith('hb-onboarding:')).length") == 0

        # Self-check: the answer is hidden until the question is clicked.
        page.goto(url + "first-week/specialist-enrolment-self-check/")
        first = page.locator("details.hb-question").first
        answer = first.locator(".hb-answer")
        assert not answer.is_visible()
        first.locator("summary").click()
        assert answer.is_visible() and answer.inner_text().startswith("答案：")
    assert blocked == [], f"requests to other hosts: {blocked}"
