"""Helpers for the site tests: build a project copy, serve it, drive Chromium.

Kept out of conftest.py (shared with other helpers) on purpose; the
fixtures that use these live in the test modules.
"""
from __future__ import annotations

import contextlib
import functools
import http.server
import re
import shutil
import socketserver
import threading
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from conftest import BASE, ROOT, copy_shipped

CHROMIUM = "/usr/bin/chromium"


def need_browser():
    """Debian's Chromium and Playwright, or a skip (a failure under REQUIRE_BROWSER=1)."""
    import importlib.util
    import shutil as _shutil

    from conftest import need_system
    need_system("chromium", Path(CHROMIUM).exists() and _shutil.which(CHROMIUM) is not None)
    need_system("playwright (the test extra)", importlib.util.find_spec("playwright") is not None)
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def project_with(tmp_path: Path, data_from: Path | None = None, overlay: Path | None = None) -> Path:
    """The shipped project (config, docs, macros), optionally with the data of
    another fixture and overlay files on top."""
    root = copy_shipped(tmp_path)
    if data_from is not None:
        schemas = root / "data" / "schemas"
        keep = tmp_path / "schemas-keep"
        shutil.copytree(schemas, keep)
        shutil.rmtree(root / "data")
        shutil.copytree(data_from / "data", root / "data")
        shutil.copytree(keep, root / "data" / "schemas")
        # Checklists refer to the data by id: they come with it.
        # (templates and other non-data files stay).
        for f in (root / "checklists").glob("*.yml"):
            f.unlink()
        if (data_from / "checklists").is_dir():
            shutil.copytree(data_from / "checklists", root / "checklists", dirs_exist_ok=True)
    if overlay is not None:
        shutil.copytree(overlay, root, dirs_exist_ok=True)
    return root


def base_project(tmp_path: Path) -> Path:
    return project_with(tmp_path, data_from=BASE)


def build(root: Path, site: Path, engine: str | None = None) -> int:
    """`handbook build` in this process, dated like conftest's session build
    (unless the test set SOURCE_DATE_EPOCH): the print documents of a shipped
    copy are then the session build's, and come from the session's PDF cache."""
    import os
    from conftest import SESSION_EPOCH
    from macros.cli.commands.build import build_site
    saved = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = saved or SESSION_EPOCH
    try:
        return build_site(root, site, engine)
    finally:
        if saved is None:
            del os.environ["SOURCE_DATE_EPOCH"]


def build_pages(root: Path, site: Path, engine: str | None = None) -> Path:
    """The engine's pages only (sources tree, then the engine): no PDFs,
    feeds or API, for tests that look at pages alone."""
    from macros.outputs.compose import load
    from macros.outputs.site import engine as engines
    from macros.outputs.site.build import SOURCES, write_sources
    result = load(root)
    assert result.ok, [p.format() for p in result.errors]
    chosen = engines.get(engine)
    write_sources(result, root / SOURCES, chosen)
    chosen.build(root / SOURCES, site)
    return site


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serve(site: Path):
    """A static server for `site` on a free port of 127.0.0.1."""
    handler = functools.partial(_Quiet, directory=str(site))
    with socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler) as httpd:
        thread = threading.Thread(target=httpd.serve_forever, daemon=True)
        thread.start()
        try:
            yield f"http://127.0.0.1:{httpd.server_address[1]}/"
        finally:
            httpd.shutdown()


@contextlib.contextmanager
def browser_page(blocked: list):
    """A Chromium page that refuses (and records) every request not to 127.0.0.1."""
    from playwright.sync_api import sync_playwright
    import tempfile

    with sync_playwright() as pw, tempfile.TemporaryDirectory() as profile:
        ctx = pw.chromium.launch_persistent_context(profile, executable_path=CHROMIUM, args=CHROMIUM_ARGS,
                                                    headless=True, viewport={"width": 1280, "height": 900})

        def route(r):
            host = urlsplit(r.request.url).hostname
            if r.request.url.startswith(("data:", "blob:")) or host == "127.0.0.1":
                r.continue_()
            else:
                blocked.append(r.request.url)
                r.abort()

        ctx.route("**/*", route)
        try:
            yield ctx.pages[0] if ctx.pages else ctx.new_page()
        finally:
            ctx.close()


class Links(HTMLParser):
    """Collects ids, hrefs and srcs of one HTML page."""

    def __init__(self):
        super().__init__()
        self.ids, self.refs = set(), []
        self._in_content = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"])
        if tag == "a" and a.get("name"):
            self.ids.add(a["name"])
        for key in ("href", "src"):
            if a.get(key) is not None:
                self.refs.append((tag, key, a[key]))
        if tag == "use" and a.get("xlink:href"):
            self.refs.append((tag, "xlink:href", a["xlink:href"]))


def parse(path: Path) -> Links:
    p = Links()
    p.feed(path.read_text(encoding="utf-8"))
    return p


def broken_links(site: Path) -> list[str]:
    """Every internal href/src in the built site that does not resolve to a
    file, or whose #anchor is not an id on the target page."""
    pages = {p: parse(p) for p in site.rglob("*.html")}
    broken = []
    for page, links in pages.items():
        base = "http://site/" + page.relative_to(site).as_posix()
        for tag, key, ref in links.refs:
            if re.match(r"^[a-z][a-z0-9+.-]*:", ref, re.I) and not ref.startswith("http://site/"):
                continue  # external: checked by the self-contained test
            url = urlsplit(urljoin(base, ref))
            target = site / unquote(url.path).lstrip("/")
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{page.relative_to(site)}: {ref} (no file)")
                continue
            frag = unquote(url.fragment)
            if frag and target.suffix == ".html":
                ids = pages[target].ids if target in pages else parse(target).ids
                if frag not in ids:
                    broken.append(f"{page.relative_to(site)}: {ref} (no anchor)")
    return broken


def external_refs(site: Path) -> list[str]:
    """Resources (not plain hyperlinks) that would be fetched from another host."""
    out = []
    for page in site.rglob("*.html"):
        for tag, key, ref in parse(page).refs:
            external = re.match(r"^(https?:)?//", ref) and not re.match(r"^https?://127\.0\.0\.1", ref)
            if external and not (tag == "a" and key == "href"):
                out.append(f"{page.relative_to(site)}: <{tag} {key}={ref}>")
    for css in site.rglob("*.css"):
        for ref in re.findall(r"url\(\s*['\"]?((?:https?:)?//[^'\")]+)", css.read_text(encoding="utf-8", errors="replace")):
            out.append(f"{css.relative_to(site)}: url({ref})")
    return out


def article_text(html_file: Path) -> str:
    s = html_file.read_text(encoding="utf-8")
    start, end = s.find("<article"), s.find("</article>")
    body = s[start:end] if start >= 0 else s
    import html
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body)))
