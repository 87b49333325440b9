"""The printed artefacts in the built site: PDFs under print/, linked from the
checklists index and from each process page, and the print stylesheet that
makes any site page print on A4 without navigation (checked in Chromium)."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import need_system
from macros.outputs.print import fonts
from macros.outputs.compose import load
from sitetools import need_browser, CHROMIUM, broken_links, browser_page, serve


@pytest.fixture(scope="module")
def built(request):
    need_system("fonts-noto-cjk (a CJK font)", bool(fonts.cjk_families()))
    shipped = request.getfixturevalue("shipped_site")  # conftest's one session build (read-only)
    return shipped.root, shipped.site


def test_build_writes_every_pdf_and_the_index_links_them(built):
    root, site = built
    model = load(root).model
    index = (site / "checklists" / "index.html").read_text(encoding="utf-8")
    for checklist in model.all("checklist"):
        assert (site / "print" / f"{checklist.id}.pdf").stat().st_size > 1000
        assert f'href="../print/{checklist.id}.pdf"' in index
    for name in ("checklists.pdf", "handbook.pdf"):
        assert (site / "print" / name).exists() and f'href="../print/{name}"' in index
    # No temporary files: the PDFs and the folder's own index page only.
    assert not [p for p in (site / "print").iterdir() if p.suffix != ".pdf" and p.name != "index.html"]


def test_every_process_page_links_an_existing_pdf(built):
    root, site = built
    model = load(root).model
    pages = {p: p.read_text(encoding="utf-8") for p in site.rglob("*.html")}
    process_pages = [p for p, html in pages.items() if 'id="related"' in html]
    if not process_pages:  # the process pages come with the site's page generator (branch `site`)
        pytest.skip("this build has no process pages yet")
    for process in model.all("process"):
        checklist = next(c for c in model.all("checklist") if c.get("process") == process.id)
        holders = [p for p, html in pages.items() if f"print/{checklist.id}.pdf" in html
                   and p.parent.name != "checklists"]
        assert holders, f"no page links print/{checklist.id}.pdf for process {process.id}"
    assert [b for b in broken_links(site) if ".pdf" in b] == []


def test_print_stylesheet_gives_a4_without_navigation(built, tmp_path):
    _, site = built
    need_browser()
    from pypdf import PdfReader
    blocked: list = []
    with serve(site) as url, browser_page(blocked) as page:
        page.goto(url + "checklists/")
        page.emulate_media(media="print")
        hidden = page.evaluate("""() => ['.md-header', '.md-sidebar--primary', '.md-footer', '.md-search']
            .map(s => document.querySelector(s)).filter(Boolean)
            .map(e => getComputedStyle(e).display)""")
        assert hidden and set(hidden) == {"none"}, hidden
        pdf = tmp_path / "page.pdf"
        page.pdf(path=str(pdf), prefer_css_page_size=True)
    assert blocked == []
    box = PdfReader(pdf).pages[0].mediabox
    assert abs(float(box.width) - 595.28) <= 1 and abs(float(box.height) - 841.89) <= 1
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "检查单" in text and "新生入学检查单" in text
    assert "搜索" not in text  # the search box is not printed
