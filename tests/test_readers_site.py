"""Issue 18: every page a reader opens speaks Chinese, and its tables read.

Both checks run on the session's one build of the shipped site
(conftest.shipped_site) and on fixtures made to break them
(tests/fixtures/readers/broken/), so a check that stopped finding anything
would fail here. The checks themselves live in tests/readers.py.
"""
from __future__ import annotations

import shutil

import pytest

from conftest import FIXTURES
from readers import (
    ALLOWED_ENGLISH,
    entity_ids,
    measure_tables,
    page_urls,
    problems_in,
    scan_pdfs,
    scan_site,
    visible_text,
)
from sitetools import need_browser, serve

BROKEN = FIXTURES / "readers" / "broken"


def test_reader_pages_speak_chinese(shipped_site):
    """No entity id, English word (beyond ALLOWED_ENGLISH), file path or
    literally shown escape in any reader page's text, title, description,
    tooltip or aria-label."""
    found = scan_site(shipped_site.site, entity_ids(shipped_site.model))
    assert found == [], f"{len(found)} 处：\n" + "\n".join(found[:80])


def test_printed_pdfs_speak_chinese(shipped_site):
    need_system_pdftotext()
    found = scan_pdfs(shipped_site.site / "print", entity_ids(shipped_site.model))
    assert found == [], f"{len(found)} 处：\n" + "\n".join(found[:80])


def need_system_pdftotext():
    from conftest import need_system
    need_system("poppler-utils (pdftotext)", shutil.which("pdftotext") is not None)


def test_the_scan_finds_every_kind_of_leak():
    """The broken fixture has one leak of each kind, and allowed words beside them."""
    html = (BROKEN / "leaks" / "index.html").read_text(encoding="utf-8")
    found = problems_in(visible_text(html), {"manager-enrolment.rotation.period", "meet-mentor", "reviewer"})
    text = "\n".join(found)
    for leak in ("编号 'manager-enrolment.rotation.period'", "编号 'reviewer'", "编号 'meet-mentor'",
                 "文件路径 'data/processes/enrolment.yml'", "英文 'Handbook'", "'&#34;'", "文件路径 'data/'"):
        assert leak in text, (leak, found)
    assert not any(f"'{w}'" in text for w in ALLOWED_ENGLISH | {"R", "A", "C", "I", "a1d9c4b"})


def test_the_scan_reads_the_broken_site_as_a_site(tmp_path):
    site = tmp_path / "site"
    shutil.copytree(BROKEN, site)
    found = scan_site(site, {"meet-mentor"})
    assert any(f.startswith("leaks/index.html: ") for f in found)


def test_tables_read_at_desktop_and_phone_width(shipped_site):
    """Every page at 1280 and 390 px: no cell squeezed to one or two
    characters a line, no page wider than the window."""
    need_browser()
    pages = page_urls(shipped_site.site)
    assert len(pages) > 50
    with serve(shipped_site.site) as url:
        found = measure_tables(url, pages)
    assert found == [], f"{len(found)} 处：\n" + "\n".join(found[:80])


def test_the_table_check_finds_a_squeezed_table_and_a_wide_page():
    need_browser()
    with serve(BROKEN) as url:
        found = measure_tables(url, ["tables/"])
    for width in (1280, 390):
        assert any(f.startswith(f"tables/ @{width}: 单元格挤成一两个字一行") for f in found), found
        assert any(f.startswith(f"tables/ @{width}: 页面比窗口宽") for f in found), found
