"""The sources step (macros/outputs/site/sources.py) and the MkDocs links hook,
without running an engine: what the tree holds, that unchanged files are not
written again, exact messages for a broken macro page, and the link scheme
measured in docs/maintainers/engines.md."""
from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest

from conftest import ROOT, make_project
from macros.outputs.compose import load
from macros.outputs.site import engine as engines
from macros.outputs.site.build import write_sources
from macros.outputs import OutputError


@pytest.fixture
def project(tmp_path):
    root = make_project(tmp_path)
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    (root / "docs").mkdir()
    (root / "docs" / "index.md").write_text("---\nrender_macros: true\n---\n# 首页\n\n{{ home_overview() }}\n",
                                           encoding="utf-8")
    (root / "docs" / "plain.md").write_text("# 普通页\n\n正文 {{ 不是宏 }}\n", encoding="utf-8")
    result = load(root)
    assert result.ok, [p.format() for p in result.errors]
    return root, result


def test_tree_for_zensical_has_every_page_filled(project, tmp_path):
    root, result = project
    out = write_sources(result, tmp_path / "src", engines.get("zensical"))
    index = (out / "docs" / "index.md").read_text(encoding="utf-8")
    assert "{{" not in index and "render_macros" not in index and "hb-meta" in index
    # A page that did not opt in keeps its braces: data and text never meet Jinja.
    assert "正文 {{ 不是宏 }}" in (out / "docs" / "plain.md").read_text(encoding="utf-8")
    config = (out / "mkdocs.yml").read_text(encoding="utf-8")
    assert "- macros:" not in config and "custom_dir" not in config and "nav:" in config
    assert "!!python/object/apply:pymdownx.slugs.slugify" in config
    assert (out / "docs" / "organisation" / "index.md").is_file()


def test_tree_for_mkdocs_leaves_macros_to_mkdocs_macros(project, tmp_path):
    root, result = project
    out = write_sources(result, tmp_path / "src", engines.get("mkdocs"))
    index = (out / "docs" / "index.md").read_text(encoding="utf-8")
    assert "{{ home_overview() }}" in index and index.endswith("{{ page_tail() }}\n")
    config = (out / "mkdocs.yml").read_text(encoding="utf-8")
    assert "macros.outputs.site.engine.macros_entry" in config and "mkdocs_links.py" in config
    assert "handbook_root: ../" in config


def test_only_changed_files_are_written_and_stale_ones_go(project, tmp_path):
    root, result = project
    out = write_sources(result, tmp_path / "src", engines.get("zensical"))
    stale = out / "docs" / "gone.md"
    stale.write_text("x", encoding="utf-8")
    stamps = {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file() and p != stale}
    write_sources(load(root), out, engines.get("zensical"))
    assert not stale.exists()
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()} == stamps


def test_broken_macro_page_names_the_page_and_line(project, tmp_path):
    root, result = project
    (root / "docs" / "index.md").write_text("---\nrender_macros: true\n---\n# 首页\n\n{{ nope() }}\n{% if %}\n",
                                           encoding="utf-8")
    with pytest.raises(OutputError) as exc:
        write_sources(load(root), tmp_path / "src", engines.get("zensical"))
    assert str(exc.value) == "docs/index.md: line 4 of the body: Expected an expression, got 'end of statement block'"
    (root / "docs" / "index.md").write_text("---\nrender_macros: true\n---\n# 首页\n\n{{ nope() }}\n",
                                           encoding="utf-8")
    with pytest.raises(OutputError) as exc:
        write_sources(load(root), tmp_path / "src", engines.get("zensical"))
    assert str(exc.value) == "docs/index.md: 'nope' is undefined"


def _hook():
    spec = importlib.util.spec_from_file_location("links_hook", engines.mkdocs.LINKS_HOOK)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("href, url", [
    ("../c/d.md", "../../c/d/"),
    ("../c/d.md#sec", "../../c/d/#sec"),
    ("../c/index.md", "../../c/"),
    ("b.md", "./"),
    ("../print/x.pdf", "../../print/x.pdf"),
    ("#sec", "#sec"),
    ("https://example.org/x", "https://example.org/x"),
])
def test_mkdocs_hook_resolves_raw_links_like_zensical(href, url, tmp_path):
    """Page a/b.md (built as a/b/index.html): the expected URLs are what
    Zensical 0.0.73 writes for the same hrefs (docs/maintainers/engines.md)."""
    from mkdocs.structure.files import File, Files
    docs = tmp_path / "docs"
    files = Files([File(p, str(docs), str(tmp_path / "site"), True) for p in ("a/b.md", "c/d.md", "c/index.md")])
    page = SimpleNamespace(file=files.get_file_from_path("a/b.md"))
    assert _hook().resolve(href, page, files) == url
