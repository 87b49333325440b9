"""Both engines build the same sources tree into the same pages, and every
internal link resolves in both (docs/maintainers/engines.md): the MkDocs
default and Zensical (`handbook build --engine zensical`)."""
from __future__ import annotations

import importlib.util
import time

import pytest

from sitetools import article_text, broken_links, build, project_with


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    # No skip: `make setup` installs Zensical from the lock (LOCK_EXTRAS), so
    # a missing engine is a broken set-up, and CI must say so.
    assert importlib.util.find_spec("zensical") is not None, "Zensical is not installed: run make setup"
    tmp = tmp_path_factory.mktemp("engines")
    built, seconds = {}, {}
    for engine in ("mkdocs", "zensical"):
        # Whole builds: links to the PDFs, feeds and API count too.
        root = project_with(tmp / engine)
        start = time.perf_counter()
        assert build(root, tmp / f"site-{engine}", engine) == 0
        seconds[engine] = time.perf_counter() - start
        built[engine] = tmp / f"site-{engine}"
    print(f"\nhandbook build seconds, PDFs included: {seconds}")
    return built


def pages(site):
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


def test_same_pages(sites):
    assert pages(sites["mkdocs"]) == pages(sites["zensical"])
    assert len(pages(sites["mkdocs"])) > 50


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_every_internal_link_resolves(sites, engine):
    assert broken_links(sites[engine]) == []


@pytest.mark.parametrize("page", ["index.html", "deadlines/index.html", "calendar/index.html",
                                  "checklists/index.html", "roles/director/index.html"])
def test_macro_and_generated_pages_say_the_same(sites, page):
    """mkdocs-macros (MkDocs) and the sources step (Zensical) fill the macro
    pages with the same functions: the same words reach the reader."""
    mk, zs = (article_text(sites[e] / page) for e in ("mkdocs", "zensical"))
    assert "{{" not in mk and "{{" not in zs
    # Themes differ in chrome (permalink signs, edit buttons); the words do not.
    strip = lambda s: "".join(ch for ch in s if "\u4e00" <= ch <= "\u9fff")  # noqa: E731
    assert strip(mk) == strip(zs)
