"""The built site: every generated page and entity, zero broken links,
nothing fetched from another host, a segmented Chinese search index."""
from __future__ import annotations

import json
import re

import pytest

from sitetools import article_text, broken_links, external_refs

from macros.outputs.site import pages as page_list
from macros.outputs.site.render.links import page_url, target


@pytest.fixture(scope="module")
def shipped_site(shipped_site):
    """conftest's one session build, unpacked (read-only)."""
    return shipped_site.root, shipped_site.site, shipped_site.model


def html_of(site, src):
    return site / (page_url(src) + "index.html" if page_url(src).endswith("/") or not page_url(src)
                   else page_url(src))


def test_every_generated_page_is_built(shipped_site):
    root, site, model = shipped_site
    pages = page_list.generated(model)
    assert len(pages) >= len(page_list.FIXED) + len(model.all("role")) + len(model.all("process"))
    for p in pages:
        f = html_of(site, p.path)
        assert f.exists(), p.path
        assert len(article_text(f)) > 40, f"{p.path} is nearly empty"


def test_every_entity_appears_on_its_page(shipped_site):
    """Each entity's name is on the page its links point to, and the anchor
    its links use exists there."""
    root, site, model = shipped_site
    missing = []
    from macros.outputs.site.render.links import NOT_SHOWN
    for kind, entities in model.by_kind.items():
        if kind in NOT_SHOWN:
            continue
        for e in entities.values():
            page, _, anchor = target(e).partition("#")
            f = html_of(site, page)
            if not f.exists():
                missing.append(f"{kind}:{e.id}: no page {page}")
                continue
            html = f.read_text(encoding="utf-8")
            shown = e.name if kind != "clause" else e.id
            if kind == "interface":  # titled by the department it connects to
                dept = model.get("role", e.get("department"))
                shown = dept.name if dept else e.id
            if shown not in article_text(f):
                missing.append(f"{kind}:{e.id}: '{shown}' not on {page}")
            if anchor and f'id="{anchor}"' not in html:
                missing.append(f"{kind}:{e.id}: no anchor #{anchor} on {page}")
    assert not missing, "\n".join(missing)


def test_zero_broken_internal_links(shipped_site):
    root, site, model = shipped_site
    assert broken_links(site) == []


def test_roles_and_processes_are_linked_wherever_mentioned(shipped_site):
    root, site, model = shipped_site
    proc = model.all("process")[0]
    html = html_of(site, target(proc)).read_text(encoding="utf-8")
    for step in model.children(proc, "step"):
        for rid in step.get("raci")["responsible"]:
            assert re.search(r'href="\.\./\.\./roles/%s/"' % re.escape(rid), html), rid


def test_no_resource_from_another_host(shipped_site):
    root, site, model = shipped_site
    assert external_refs(site) == []
    # Google Fonts and CDNs by name, in case a reference hides in JavaScript config.
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in text and "unpkg.com" not in text and "jsdelivr" not in text, page


def test_search_index_is_segmented(shipped_site):
    root, site, model = shipped_site
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["config"]["lang"] == ["zh"]
    assert "\\u200b" in index["config"]["separator"] or "\u200b" in index["config"]["separator"]
    text = " ".join(d["text"] + " " + d["title"] for d in index["docs"])
    # jieba joins the words of a Han run with U+200B: whole words are separated.
    assert text.count("\u200b") > 500
    words = set(re.split(r"[\s\u200b\u3000\-、。，．？！；]+", text))
    for word in ("流程", "权限", "会议", "总监"):
        assert word in words, word


def test_provenance_and_review_shown(shipped_site):
    root, site, model = shipped_site
    text = article_text(site / "index.html")
    # The handbook version, as every PDF prints it (tests/test_print_records.py).
    assert re.search(r"手册版本 (\d{4}-\d\d-\d\d-[0-9a-f]{7}|\S+) · 制度版本 \S+ · 最近一次审核", text)


def test_time_limits_in_words_on_process_pages(shipped_site):
    root, site, model = shipped_site
    for proc in model.all("process"):
        text = article_text(html_of(site, target(proc)))
        assert "步骤一览" in text and "流程图" in text
        for step in model.children(proc, "step"):
            assert step.name in text
    assert "<svg" in html_of(site, target(model.all("process")[0])).read_text(encoding="utf-8")


def test_abbreviation_tooltips_on_other_pages(shipped_site):
    root, site, model = shipped_site
    terms = [t for t in model.all("term") if t.get("abbr")]
    assert terms
    found = 0
    for t in terms:
        needle = f'<abbr title="{t.get("definition")}">{t.get("abbr")}</abbr>'
        pages = [p for p in site.rglob("index.html") if "glossary" not in p.parts
                 and needle in p.read_text(encoding="utf-8")]
        found += bool(pages)
    assert found >= 1


def test_review_dates_shown_on_entity_pages(shipped_site):
    root, site, model = shipped_site
    reviewed = [p for p in model.all("process") if p.get("review")]
    for p in reviewed:
        text = article_text(html_of(site, target(p)))
        assert f"上次审核：{p.get('review')['last_reviewed']}" in text
        assert "下次审核：" in text


def test_overview_tables_have_no_empty_column(shipped_site):
    """A column that is '—' in every row means a renderer asks for a field
    the schema no longer has."""
    from html.parser import HTMLParser

    class Tables(HTMLParser):
        def __init__(self):
            super().__init__()
            self.tables, self.cell = [], None

        def handle_starttag(self, tag, attrs):
            if tag == "table":
                self.tables.append([])
            elif tag == "tr" and self.tables:
                self.tables[-1].append([])
            elif tag == "td":
                self.cell = ""

        def handle_endtag(self, tag):
            if tag == "td" and self.cell is not None and self.tables and self.tables[-1]:
                self.tables[-1][-1].append(self.cell.strip())
                self.cell = None

        def handle_data(self, data):
            if self.cell is not None:
                self.cell += data

    root, site, model = shipped_site
    bad = []
    for page in site.rglob("index.html"):
        if "permissions" in page.parts:
            continue  # matrices legitimately hold '—' (not allowed) columns
        t = Tables()
        t.feed(page.read_text(encoding="utf-8"))
        for table in t.tables:
            rows = [r for r in table if r]
            if len(rows) < 2:
                continue
            for i in range(len(rows[0])):
                if all(len(r) > i and r[i] == "—" for r in rows):
                    bad.append(f"{page.relative_to(site)}: column {i + 1}")
    assert not bad, bad


def _nav_links(html_file) -> set[str]:
    return set(re.findall(r'<a href="([^"]*)" class="md-nav__link', html_file.read_text("utf-8")))


def test_process_pages_carry_only_their_own_category_in_the_nav(shipped_site):
    """With navigation.prune a collapsed group shows only its first page, so a
    process page must not carry every process in the handbook (issue 10: page
    weight would grow with the handbook)."""
    from macros.model.queries import ordered_processes
    root, site, model = shipped_site
    by_cat: dict = {}
    for p in ordered_processes(model):
        by_cat.setdefault(p.get("category"), []).append(p.id)
    assert len(by_cat) > 1
    for cat, ids in by_cat.items():
        links = _nav_links(html_of(site, f"processes/{ids[0]}.md"))
        for other_cat, others in by_cat.items():
            for pid in others[1:]:
                assert (f"../{pid}/" in links) == (other_cat == cat), (ids[0], pid)
