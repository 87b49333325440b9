"""`handbook build` rebuilds only the pages an edit touched
(macros/outputs/site/incremental.py, engine/mkdocs_dirty.py) and publishes
what a clean build writes, byte for byte; whatever it cannot vouch for
makes it build everything.

The builds are slow (seconds each), so one project is built once for the
module and the tests go on from the site the previous one left (each ends
with a good build).
"""
from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from conftest import copy_shipped, need_system
from macros.cli.main import main
from macros.core import digest
from macros.outputs.compose import load
from macros.outputs.print import fonts
from macros.outputs.site import engine as engines, incremental
from macros.outputs.site.build import build, write_sources
from macros.tools.bench.userpath import edit

EPOCH = "1790000000"  # every build here states the same build date


@pytest.fixture(scope="module")
def project(tmp_path_factory, shipped_site):  # its build fills the session's PDF cache first
    need_system("fonts-noto-cjk (a CJK font)", bool(fonts.cjk_families()))
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", EPOCH)
        tmp = tmp_path_factory.mktemp("incremental")
        root = copy_shipped(tmp)
        first = build(root, tmp / "site")
        assert first.code == 0
        assert first.pages.whole == "no earlier build of this site folder"
        assert sorted(first.pages.rebuilt) == sorted(_pages(root))  # all of them
        yield root, tmp / "site", tmp


@pytest.fixture(autouse=True)
def _epoch(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)


def _pages(root: Path) -> list[str]:
    docs = root / "build" / "sources" / "docs"
    return [p.relative_to(docs).as_posix() for p in docs.rglob("*.md")]


def _tree(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in folder.rglob("*") if p.is_file()}


def _differing(a: Path, b: Path) -> list[str]:
    one, two = _tree(a), _tree(b)
    return sorted(rel for rel in one.keys() | two.keys() if one.get(rel) != two.get(rel))


def _clean_build(root: Path, site: Path) -> None:
    """A build from nothing: a new site folder, so no state."""
    shutil.rmtree(site, ignore_errors=True)
    clean = build(root, site)
    assert clean.code == 0 and clean.pages.whole, clean


def test_a_one_field_edit_rebuilds_its_pages_and_publishes_a_clean_builds_bytes(project):
    root, site, tmp = project
    target, _ = edit(root, "修订一处：")  # the first process's summary (the benchmark's edit)
    page = f"processes/{target.stem}.md"
    built = build(root, site)
    assert built.code == 0
    assert built.pages.whole == "", built.pages.whole
    assert page in built.pages.rebuilt
    assert 0 < len(built.pages.rebuilt) <= 5, built.pages.rebuilt  # the process page and the lists showing it
    assert built.pages.total == len(_pages(root)) > 60
    assert "修订一处：" in (site / "processes" / target.stem / "index.html").read_text(encoding="utf-8")

    _clean_build(root, tmp / "clean")
    assert _differing(site, tmp / "clean") == []  # pages, search index, sitemap, 404, PDFs, feeds, API

    again = build(root, site)  # nothing changed: nothing rebuilt, nothing different
    assert again.code == 0 and again.pages.whole == "" and again.pages.rebuilt == []
    assert _differing(site, tmp / "clean") == []


def test_the_search_index_keeps_each_pages_entries_in_a_clean_builds_order(project):
    """An edit that changes what a page's search entries say (not only their
    number) is merged into the previous index where a clean build puts it."""
    root, site, tmp = project
    glossary = root / "data" / "glossary.yml"
    text = glossary.read_text(encoding="utf-8")
    edited = text.replace("供复核和审计使用。", "供复核、审计和交接使用。", 1)
    assert edited != text
    glossary.write_text(edited, encoding="utf-8")
    built = build(root, site)
    assert built.code == 0 and built.pages.whole == ""
    assert 0 < len(built.pages.rebuilt) < built.pages.total / 2, built.pages.rebuilt
    _clean_build(root, tmp / "clean")
    assert _differing(site, tmp / "clean") == []
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert any("供复核、审计和交接使用" in entry["text"].replace("\u200b", "") for entry in index["docs"])


def _tamper_index(site: Path):
    path = site / "index.html"
    path.write_text(path.read_text(encoding="utf-8").replace("学籍手册", "学籍手冊", 1), encoding="utf-8")


def _remove_a_page(site: Path):
    (site / "glossary" / "index.html").unlink()


def _change_settings(root: Path):
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "site_description: ", "site_description: 本部门", 1), encoding="utf-8")


def _add_a_process(root: Path):
    assert main(["new", "process", "extra-step", str(root)]) == 0  # with its checklist, checking clean
    assert (root / "data" / "processes" / "extra-step.yml").is_file()


def _miscount_search(root: Path, site: Path):
    """A state whose record does not fit the published search index (the
    files' hashes still do): the engine's rebuild gives up, the build goes on whole."""
    path = incremental.state_path(root, site)
    state = json.loads(path.read_text(encoding="utf-8"))
    state["record"]["pages"][0][2] += 1
    path.write_text(json.dumps(state), encoding="utf-8")


@pytest.mark.parametrize("change, why", [
    (lambda root, site: _tamper_index(site), "the published site's index.html was changed"),
    (lambda root, site: _remove_a_page(site), "the published site lacks glossary/index.html"),
    (lambda root, site: _change_settings(root), "the navigation or the settings changed"),
    (lambda root, site: _add_a_process(root), "the navigation or the settings changed"),
    (_miscount_search, "a search index does not match the record of its build"),
], ids=["edited-site-file", "deleted-site-file", "mkdocs.yml", "new-process", "state-mismatch"])
def test_what_the_state_cannot_vouch_for_builds_everything(project, change, why):
    root, site, tmp = project
    change(root, site)
    built = build(root, site)
    assert built.code == 0
    assert built.pages.whole == why
    assert sorted(built.pages.rebuilt) == sorted(_pages(root))
    if "published site" in why:  # the tampered copy was in the tree: nothing of it may survive
        _clean_build(root, tmp / "clean")
        assert _differing(site, tmp / "clean") == []
    # The other whole builds start from an emptied tree, as a clean build
    # does; the first test compares a rebuilt site with a clean one.


def test_another_site_folder_theme_assets_code_or_packages_build_everything(project, monkeypatch):
    root, site, tmp = project
    engine = engines.get(None)
    sources = root / "build" / "sources"
    state = incremental._load(incremental.state_path(root, site))
    inputs = incremental.whole_inputs(engine, sources)
    assert incremental._why_whole(engine, state, inputs) == ""
    assert incremental._load(incremental.state_path(root, tmp / "elsewhere")) is None
    assert incremental._copy_published(tmp / "removed", tmp / "unused", state["files"]) \
        == "no earlier site in this folder"

    overridden = sorted(p for p in (root / "overrides").rglob("*") if p.is_file())[0]
    kept = overridden.read_bytes()
    overridden.write_bytes(kept + b"\n")
    assert incremental._why_whole(engine, state, incremental.whole_inputs(engine, sources)) \
        == "the theme overrides changed"
    overridden.write_bytes(kept)
    asset = sources / "docs" / "assets" / "handbook.css"
    kept = asset.read_bytes()
    asset.write_bytes(kept + b"\n")
    assert incremental._why_whole(engine, state, incremental.whole_inputs(engine, sources)) \
        == "a page was added or removed, or an asset changed"
    asset.write_bytes(kept)
    assert incremental._why_whole(engine, state, incremental.whole_inputs(engine, sources)) == ""

    code = tmp / "code"
    shutil.copytree(digest.CODE, code, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(digest, "CODE", code)
    assert incremental.whole_inputs(engine, sources) == inputs  # the same code, elsewhere
    with open(code / "outputs" / "steps.py", "a", encoding="utf-8") as f:
        f.write("\n# an edit\n")
    assert incremental._why_whole(engine, state, incremental.whole_inputs(engine, sources)) \
        == "the handbook's code changed"

    monkeypatch.setattr(incremental.sys, "version", "3.99 (another Python)")
    assert "packages" in [k for k, v in incremental.whole_inputs(engine, sources).items() if v != inputs[k]]
    assert incremental._why_whole(engines.get("zensical"), state, inputs) == "this engine has no incremental build"


def test_a_macro_page_follows_the_data_its_macros_show(project, tmp_path):
    """deadlines.md is filled by mkdocs-macros: its Markdown stays the same
    when a time limit changes, its key does not."""
    root, _, _ = project
    engine = engines.get(None)
    copy = tmp_path / "p"
    shutil.copytree(root, copy, ignore=shutil.ignore_patterns("build", ".cache"))
    first = load(copy)
    before = write_sources(first, tmp_path / "s1", engine)
    path = copy / "data" / "processes" / "audit-rectification.yml"
    text = path.read_text(encoding="utf-8")
    assert "amount: 7" in text
    path.write_text(text.replace("amount: 7", "amount: 8", 1), encoding="utf-8")
    second = load(copy)
    after = write_sources(second, tmp_path / "s2", engine)
    assert (before / "docs" / "deadlines.md").read_bytes() == (after / "docs" / "deadlines.md").read_bytes()
    one, two = incremental.page_keys(first, engine, before), incremental.page_keys(second, engine, after)
    assert one["deadlines.md"] != two["deadlines.md"]
    assert one["glossary/index.md"] == two["glossary/index.md"]  # a page the limit is not on


def test_a_failed_incremental_build_publishes_nothing_and_keeps_the_state(project, capsys):
    """A broken link in an edited hand-written page fails the strict dirty
    build as it fails a clean one; the site and its state stay; after the
    fix the next build is incremental again and right."""
    root, site, tmp = project
    page = root / "docs" / "maintainers" / "engines.md"
    text = page.read_text(encoding="utf-8")
    state_file = incremental.state_path(root, site)
    before, state = _tree(site), state_file.read_bytes()
    page.write_text(text + "\n\n[不存在的页面](no-such-page.md)\n", encoding="utf-8")
    failed = build(root, site)
    assert failed.code == 1 and failed.pages is None
    assert "no-such-page.md" in capsys.readouterr().err  # the engine's strict build refused it
    assert _tree(site) == before
    assert state_file.read_bytes() == state
    assert not list(site.parent.glob(f".{site.name}-build-*"))

    page.write_text(text + "\n\n本页末尾加了一句。\n", encoding="utf-8")
    fixed = build(root, site)
    assert fixed.code == 0 and fixed.pages.whole == ""
    assert fixed.pages.rebuilt == ["maintainers/engines.md"]
    _clean_build(root, tmp / "clean")
    assert _differing(site, tmp / "clean") == []
