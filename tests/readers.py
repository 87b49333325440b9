"""What a reader sees, and the two checks on it (issue 18).

`scan_site` reads every built page a reader opens (not the maintainers'
section, not the machine API) and every printed PDF, and reports what the
handbook should have said in Chinese: entity ids, English words outside a
short allowlist, file paths, and escaped entities shown literally.

`measure_tables` opens every page in Chromium at a desktop and a phone width
and reports cells laid out one or two characters a line, and pages wider
than the window. Both return findings as "page: what" lines, so a failing
test names every place to fix.
"""
from __future__ import annotations

import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path

# English a Chinese reader meets on purpose: abbreviations the glossary
# explains and names of formats. Everything else has a Chinese word.
ALLOWED_ENGLISH = {"CEO", "KPI", "RACI", "PDF", "A4"}
# Parts of the built site that are not for readers.
NOT_READERS = ("maintainers/", "api/", "search/", "assets/", "javascripts/", "stylesheets/")
# Attributes whose text a reader sees or hears (tooltip, screen reader).
SPOKEN_ATTRS = ("title", "aria-label", "alt", "placeholder")
_SKIP_TAGS = {"script", "style", "template"}
_WORD = re.compile(r"(?<![A-Za-z0-9_])[A-Za-z][A-Za-z0-9]*(?:[-_.][A-Za-z0-9]+)*")
_PATH = re.compile(r"[\w.-]+/[\w./-]*\.(?:ya?ml|json|py|md|html)\b|\b(?:data|checklists|macros|docs)/[\w./-]*")
# A version's commit id (手册版本 2026-12-02-a1d9c4b): a number an auditor
# matches, not a word to translate.
_COMMIT = re.compile(r"(?=[0-9a-f]*[0-9])(?=[0-9a-f]*[a-f])[0-9a-f]{7,40}")
_ENTITY = re.compile(r"&(?:#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);")
# The first-week packet prints page addresses on purpose (issue 19: a URL
# and a QR code, or the path on the site): that is where the page is, so the
# path may hold ids and English. Only the address after its label is exempt.
PAGE_ADDRESS = re.compile(r"(网址：|网站上的路径：)\s*\S+")


class _Visible(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.skip = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in _SKIP_TAGS:
            self.skip += 1
        for name, value in attrs:
            if value and (name in SPOKEN_ATTRS or (tag == "meta" and name == "content"
                                                    and ("name", "description") in attrs)):
                self.parts.append(value)

    def handle_endtag(self, tag):
        if tag in _SKIP_TAGS and self.skip:
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def visible_text(html: str) -> list[str]:
    """The page's text runs and spoken attribute values, entities decoded once."""
    p = _Visible()
    p.feed(html)
    return [t for t in p.parts if t.strip()]


def problems_in(texts: list[str], ids: set[str]) -> list[str]:
    found = []
    for t in texts:
        for m in _ENTITY.finditer(t):
            found.append(f"转义字符原样显示 {m.group(0)!r} in {t.strip()[:60]!r}")
        for m in _PATH.finditer(t):
            found.append(f"文件路径 {m.group(0)!r}")
        for m in _WORD.finditer(t):
            w = m.group(0)
            if w in ids:
                found.append(f"编号 {w!r}")
            elif len(w) > 1 and w not in ALLOWED_ENGLISH and not _PATH.search(w) and not _COMMIT.fullmatch(w):
                found.append(f"英文 {w!r} in {t.strip()[:60]!r}")
    return found


def reader_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html")
                  if not p.relative_to(site).as_posix().startswith(NOT_READERS))


def entity_ids(model) -> set[str]:
    ids = set()
    for kind in model.by_kind:
        for e in model.all(kind):
            ids.add(e.id)
            ids.add(e.local_id)
    return ids


def scan_site(site: Path, ids: set[str]) -> list[str]:
    out = []
    for page in reader_pages(site):
        rel = page.relative_to(site).as_posix()
        out += [f"{rel}: {p}" for p in problems_in(visible_text(page.read_text(encoding="utf-8")), ids)]
    return out


def scan_pdfs(folder: Path, ids: set[str]) -> list[str]:
    out = []
    for pdf in sorted(folder.rglob("*.pdf")):
        text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True,
                              check=True).stdout.decode("utf-8", "replace")
        text = PAGE_ADDRESS.sub(r"\1", text)
        out += [f"{pdf.name}: {p}" for p in problems_in(text.splitlines(), ids)]
    return out


# Measured in the browser: a cell whose text (three characters or more)
# runs over two or more lines in a content box narrower than three
# characters is laid out one or two characters a line ("批/准/人/A"). The
# box, not the text run, is measured: a long run that merely wraps at the end
# of a wide cell's line is fine. Hidden cells (closed details) have no lines.
_MEASURE = r"""() => {
  const bad = [];
  const range = document.createRange();
  for (const cell of document.querySelectorAll('.md-content td, .md-content th')) {
    const text = cell.innerText.replace(/\s+/g, '');
    if (text.length < 3) continue;
    const style = getComputedStyle(cell);
    const em = parseFloat(style.fontSize);
    const inner = cell.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    if (inner >= 3 * em) continue;
    range.selectNodeContents(cell);
    const tops = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
    if (tops.size >= 2) bad.push(`${text.slice(0, 12)}（${tops.size} 行，宽 ${Math.round(inner / em * 10) / 10} 字）`);
  }
  const wide = document.documentElement.scrollWidth - window.innerWidth;
  return {bad, wide};
}"""
WIDTHS = (1280, 390)


def measure_tables(base_url: str, pages: list[str]) -> list[str]:
    """Every page at each width in one Chromium: squeezed cells and pages
    wider than the window, as "page @width: what" lines."""
    from playwright.sync_api import sync_playwright
    from sitetools import CHROMIUM, CHROMIUM_ARGS
    out = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": WIDTHS[0], "height": 900})
            # Self-contained: nothing but the local server is fetched; the
            # search index plays no part in layout and is left out.
            page.route("**/*", lambda r: r.continue_()
                       if r.request.url.startswith((base_url, "data:", "blob:")) and "/search/" not in r.request.url
                       else r.abort())
            for rel in pages:
                # One load, measured at each width: the layout is CSS (media
                # queries and Material's scroll boxes), which a resize reflows
                # as a fresh load at that width would lay it out.
                page.set_viewport_size({"width": WIDTHS[0], "height": 900})
                page.goto(base_url + rel, wait_until="load")
                for width in WIDTHS:
                    page.set_viewport_size({"width": width, "height": 900})
                    found = page.evaluate(_MEASURE)
                    out += [f"{rel or '/'} @{width}: 单元格挤成一两个字一行：{b}" for b in found["bad"]]
                    if found["wide"] > 1:
                        out.append(f"{rel or '/'} @{width}: 页面比窗口宽 {found['wide']} px")
        finally:
            browser.close()
    return out


def page_urls(site: Path) -> list[str]:
    """Every reader page as a URL path below the site root ("" is the home page)."""
    return [p.relative_to(site).as_posix().removesuffix("index.html") for p in reader_pages(site)
            if p.name == "index.html"]
