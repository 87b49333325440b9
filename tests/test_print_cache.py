"""The PDF cache (macros/outputs/print/cache.py): after a one-field edit a
build renders only the documents whose print HTML changed, keeps nothing
the build did not use, and publishes the same bytes as a clean build."""
from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from conftest import copy_print_cache, copy_shipped, need_system
from macros.model.queries import ordered_processes
from macros.outputs.print.engine import BOOKLET, HANDBOOK
from macros.outputs.print.jobs import write_pdfs
from macros.outputs.compose import load
from macros.outputs.print import cache as pdfcache, fonts
from macros.outputs.print.jobs import jobs
from macros.outputs.site.build import build_site
from sitetools import base_project

EPOCH = "1790000000"  # every build of this test states the same build date


def _entries(folder):
    return {p.name: p.stat().st_mtime_ns for p in folder.iterdir()}


def _keys(entries):
    return {name.split(".", 1)[0] for name in entries}


def _pdfs(site):
    return {p.name: p.read_bytes() for p in (site / "print").glob("*.pdf")}


def _documents(root) -> dict:
    """Every separately rendered document, name -> HTML: the handbook copy by
    its parts (print/parts.py), which are cached one by one."""
    out = {}
    for job in jobs(load(root), first_week=True):
        out.update({p.name: p.html for p in job.assembly.jobs()} if job.assembly else {job.name: job.html})
    return out


def _key(html):
    return pdfcache.key(html, pdfcache.setting())


def test_a_one_field_edit_renders_only_what_changed_and_matches_a_clean_build(tmp_path, monkeypatch):
    need_system("fonts-noto-cjk (a CJK font)", bool(fonts.cjk_families()))
    monkeypatch.delenv(pdfcache.ENV, raising=False)  # the project's own cache, pruned
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    root = base_project(tmp_path / "p")
    folder = root / pdfcache.CACHE_DIR
    assert build_site(root, tmp_path / "site") == 0
    before_html = _documents(root)
    first = _entries(folder)
    assert {_key(h) for h in before_html.values()} <= _keys(first)
    assert all(name.replace(".pdf", ".pages") in first for name in first if name.endswith(".pdf"))

    glossary = root / "data" / "glossary.yml"
    text = glossary.read_text(encoding="utf-8")
    edited = text.replace("职责分工表：", "职责分工一览表：", 1)
    assert edited != text
    glossary.write_text(edited, encoding="utf-8")
    after_html = _documents(root)
    changed = {name for name in after_html if after_html[name] != before_html[name]}
    assert changed and changed != set(after_html), changed  # the edit reaches some documents, not all

    assert build_site(root, tmp_path / "site") == 0
    second = _entries(folder)
    kept = set(first) & set(second)
    assert all(first[name] == second[name] for name in kept)  # reused, not written again
    new = _keys(second) - _keys(first)
    # Only the changed documents rendered, and the handbook copy joined again
    # from its parts (its front and page numbers unchanged).
    assert {_key(after_html[name]) for name in changed} < new and len(new) == len(changed) + 1, changed
    assert {_key(h) for h in after_html.values()} <= _keys(second)
    assert not {_key(before_html[name]) for name in changed} & _keys(second)  # the replaced versions are pruned

    monkeypatch.setenv(pdfcache.ENV, str(tmp_path / "empty-cache"))  # a clean build: nothing stored
    assert build_site(root, tmp_path / "clean") == 0
    cached, clean = _pdfs(tmp_path / "site"), _pdfs(tmp_path / "clean")
    assert set(cached) == {n.split("#")[0] for n in after_html} == set(clean)
    for name in clean:
        assert cached[name] == clean[name], name


def test_a_process_edit_renders_the_handbook_part_holding_it_not_the_whole_copy(tmp_path, monkeypatch, shipped_site):
    """The edit the benchmark makes (the first process's summary): of the
    handbook copy only the part holding the process chapter renders again,
    of the booklet only the part holding its checklist; the other parts,
    the fronts and the page numbers come from the cache."""
    need_system("fonts-noto-cjk (a CJK font)", bool(fonts.cjk_families()))
    session = os.environ.get(pdfcache.ENV)
    monkeypatch.delenv(pdfcache.ENV, raising=False)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    root = copy_shipped(tmp_path)
    folder = root / pdfcache.CACHE_DIR
    if session and Path(session).is_dir():
        # The session build (shipped_site) rendered these very documents: start
        # from its cache, as a project starts from its last build's.
        copy_print_cache(session, folder)
    write_pdfs(load(root), tmp_path / "out", first_week=True, cached=True)
    before_html, first = _documents(root), _entries(folder)

    process = ordered_processes(load(root).model)[0]
    path = root / process.doc.file
    text = path.read_text(encoding="utf-8")
    assert "\nsummary: " in text
    path.write_text(text.replace("\nsummary: ", "\nsummary: 核对后", 1), encoding="utf-8")
    after_html = _documents(root)
    changed = {name for name in after_html if after_html[name] != before_html[name]}
    assembled = {j.name: j for j in jobs(load(root)) if j.assembly is not None}
    assert set(assembled) == {HANDBOOK, BOOKLET}
    parts = {j.name for j in assembled[HANDBOOK].assembly.body}  # the chapters (not the front, which names every process)
    holding = {n for n in parts if f'id="e-process-{process.id}"' in after_html[n]}
    assert len(parts) > 2 and len(holding) == 1 and changed & parts == holding
    booklet = {j.name for j in assembled[BOOKLET].assembly.body}  # groups of checklists
    assert len(booklet) > 2 and len(changed & booklet) == 1

    done = dict((name, seconds) for name, _, seconds in write_pdfs(
        load(root), tmp_path / "out", first_week=True, cached=True))
    second = _entries(folder)
    assert all(first[n] == second[n] for n in set(first) & set(second))  # the other parts not written again
    new = _keys(second) - _keys(first)
    joined = new - {_key(h) for h in after_html.values()}  # no document's own key: the joined copy
    assert len(joined) == len(assembled) and new - joined == {_key(after_html[n]) for n in changed}, changed
    assert done[HANDBOOK] > 0  # reported as one document, with the time its part took
    assert "核对后" in subprocess.run(["pdftotext", str(tmp_path / "out" / HANDBOOK), "-"], capture_output=True,
                                     text=True, check=True).stdout


def test_the_key_follows_html_and_renderer(monkeypatch):
    setting = pdfcache.setting()
    assert pdfcache.key("<p>甲</p>", setting) == pdfcache.key("<p>甲</p>", setting)
    assert pdfcache.key("<p>甲</p>", setting) != pdfcache.key("<p>乙</p>", setting)
    import weasyprint
    assert f"weasyprint {weasyprint.__version__};" in setting  # the version that renders, not another install's
    installed = pdfcache._version
    monkeypatch.setattr(pdfcache, "_version", lambda d: "0.0-other" if d == "weasyprint" else installed(d))
    assert pdfcache.setting() != setting  # another WeasyPrint renders everything again


def test_a_font_file_change_changes_the_key(monkeypatch, tmp_path):
    font = tmp_path / "a.ttf"
    font.write_bytes(b"font one")
    monkeypatch.setattr(pdfcache, "_fonts_listing", lambda: f"{font}\t0\n")
    one = pdfcache.setting()
    font.write_bytes(b"font two, longer")
    assert pdfcache.setting() != one


@pytest.mark.parametrize("shared", [True, False])
def test_only_the_projects_own_cache_is_pruned(monkeypatch, tmp_path, shared):
    if shared:
        monkeypatch.setenv(pdfcache.ENV, str(tmp_path / "shared"))
    else:
        monkeypatch.delenv(pdfcache.ENV, raising=False)
    cache = pdfcache.for_project(tmp_path / "project")
    cache.folder.mkdir(parents=True)
    for k in ("a", "b"):
        cache.pdf(k).write_bytes(b"%PDF")
        cache.remember_pages(k, 1)
    cache.keep_only({"a"})
    assert cache.get("a") == 1
    assert (cache.get("b") == 1) is shared


def test_pdfs_render_while_the_engine_builds_and_a_failed_engine_publishes_nothing(tmp_path, monkeypatch):
    """The build starts the PDF workers before the engine (steps.build): the
    engine runs while they render. When the engine fails, the workers are
    stopped and the earlier site stays as it was, with no temporary tree left."""
    need_system("fonts-noto-cjk (a CJK font)", bool(fonts.cjk_families()))
    import multiprocessing

    from macros.outputs import OutputError
    from macros.outputs.site import engine as engines
    monkeypatch.setenv(pdfcache.ENV, str(tmp_path / "empty-cache"))  # every PDF to render
    root = base_project(tmp_path / "p")
    site = tmp_path / "site"
    site.mkdir()
    for name in ("index.html", "404.html"):
        (site / name).write_text("earlier site", encoding="utf-8")
    seen = {}

    def failing_build(sources, out):
        seen["workers"] = len(multiprocessing.active_children())
        raise OutputError("the engine failed")

    monkeypatch.setattr(engines.get(None), "build", failing_build)
    assert build_site(root, site) == 1
    assert seen["workers"] >= 1  # rendering while the engine ran
    assert not multiprocessing.active_children()  # stopped, not left behind
    assert sorted(p.name for p in site.iterdir()) == ["404.html", "index.html"]
    assert (site / "index.html").read_text(encoding="utf-8") == "earlier site"
    assert not list(tmp_path.glob(".site-build-*"))
