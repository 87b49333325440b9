"""Personal-data lint: the handbook is published, students' data must never be in it.

What it reads (the patterns are in macros/core/personal.py):

- the raw text of every file under data/ (schemas included), checklists/
  (templates and CSS included) and docs/, whatever its suffix, decoded with
  its BOM or a detected encoding (a UTF-16 file is read as UTF-16), so a
  value in a comment, a script or an SVG is found too;
- every file's path, since a file name becomes a URL and a nav entry;
- every loaded string value and mapping key of the data and checklist files,
  at the node's own line: YAML escapes (`\\x31\\x33…`), `\\`-continued and
  folded lines spell a number that the raw text does not show, and it is the
  loaded value that the site, the export and the PDFs publish.

A value listed in data/privacy.yml `allowlist` (with a reason) is a declared
fictitious example. Messages mask the value: CI logs are not a safe place for
personal data either.
"""
from __future__ import annotations

import codecs
import json
import unicodedata
from pathlib import Path

from macros.core.personal import canonical, find, mask, maybe, normalise
from macros.load.problems import Problem

SCANNED_DIRS = ("data", "checklists", "docs")
PRIVACY_FILE = "data/privacy.yml"  # the allowlist itself names the allowed values
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def settings(model) -> tuple[frozenset, frozenset]:
    """(functional mailboxes, canonical allowlisted values) from data/privacy.yml."""
    doc = model.doc(PRIVACY_FILE)
    data = doc.data if doc is not None and isinstance(doc.data, dict) else {}
    boxes = frozenset(str(b).lower() for b in data.get("functional_mailboxes") or [] if isinstance(b, str))
    allowed = frozenset(canonical(str(a.get("value"))) for a in data.get("allowlist") or [] if isinstance(a, dict))
    return boxes, allowed


def decode(raw: bytes) -> str | None:
    """The text of a file: by its BOM, as UTF-8, or in the encoding detected;
    None for a binary file (an image, a font)."""
    for bom, codec in _BOMS:
        if raw.startswith(bom):
            return raw.decode(codec, errors="replace")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes
    best = from_bytes(raw[:1_000_000]).best()
    return None if best is None else raw.decode(best.encoding, errors="replace")


def scan(root: Path, model) -> list[Problem]:
    mailboxes, allowed = settings(model)
    found_all, seen = [], {}
    for top in SCANNED_DIRS:
        for path in sorted((root / top).rglob("*")):
            rel = path.relative_to(root).as_posix()
            found_all += _hits(rel, 1, 1, normalise(rel), mailboxes, allowed, "file name ")
            if not path.is_file() or path.is_symlink() or rel == PRIVACY_FILE:
                continue
            try:
                text = decode(path.read_bytes())
            except OSError:
                continue  # unreadable files are reported by the loader
            if text is None:
                continue
            found = _scan_text(rel, text, mailboxes, allowed)
            seen[rel] = {value for value, _ in found}
            found_all += found
    for doc in model.docs:
        if doc.file != PRIVACY_FILE:
            found_all += _scan_values(doc, mailboxes, allowed, seen.get(doc.file, set()))
    return [problem for _, problem in found_all]


def _scan_text(rel, text, mailboxes, allowed):
    norm = normalise(text)
    out = []
    for offset, kind, value in find(norm, mailboxes):
        if canonical(value) in allowed:
            continue
        # Positions only for findings (rare): indexing every line of every
        # file up front was a tenth of `handbook check`.
        line, col = _position(text, norm, offset)
        out += [_problem(rel, line, col, kind, value)]
    return out


def _position(text: str, norm: str, offset: int) -> tuple[int, int]:
    line = norm.count("\n", 0, offset) + 1
    col_norm = offset - (norm.rfind("\n", 0, offset) + 1)
    if norm is text:
        return line, col_norm + 1
    original = text.split("\n")[line - 1] if line <= text.count("\n") + 1 else ""
    for k in range(len(original) + 1):  # NFKC may change lengths: find the original column
        if len(unicodedata.normalize("NFKC", original[:k])) >= col_norm:
            return line, k + 1
    return line, col_norm + 1


def _may_hold(data) -> bool:
    """False when no loaded key or value of `data` can hold a hit.

    Why: walking every value in Python (a call per string, tens of thousands
    at scale) was most of the scan, and almost no document has anything
    find() could match. One JSON text of the document holds every key and
    string, so one pass of the prefilter over it (C code throughout) clears
    it. JSON spells a tab `\\t`, and a tab may separate the digits of a
    mobile number: it is turned back (any other escape, and numbers that are
    not text, can only make a document walked that need not be)."""
    return maybe(normalise(json.dumps(data, ensure_ascii=False).replace("\\t", "\t")))


def _scan_values(doc, mailboxes, allowed, seen_raw):
    out = []
    if not _may_hold(doc.data):
        return out

    def walk(node, path):
        if isinstance(node, dict):
            for key, value in node.items():
                hits = _hits(doc.file, *doc.where(path + (key,)), normalise(str(key)), mailboxes, allowed, "key ")
                out.extend(h for h in hits if h[0] not in seen_raw)
                walk(value, path + (key,))
        elif isinstance(node, list):
            for i, value in enumerate(node):
                walk(value, path + (i,))
        elif isinstance(node, str):
            hits = _hits(doc.file, *doc.where(path), normalise(node), mailboxes, allowed, "loaded value ")
            out.extend(h for h in hits if h[0] not in seen_raw)

    walk(doc.data, ())
    return out


def _hits(rel, line, col, text, mailboxes, allowed, where=""):
    return [_problem(rel, line, col, kind, value, where)
            for _, kind, value in find(text, mailboxes) if canonical(value) not in allowed]


def _problem(rel, line, col, kind, value, where=""):
    """(canonical value, Problem): the value lets a loaded value already
    reported from the raw text be left out."""
    return canonical(value), Problem(
        rel, line, col,
        f"{where}looks like personal data, a {kind}: {mask(value)}. Remove it; if it is a "
        "fictitious example, add it to data/privacy.yml allowlist with a reason",
        rule="personal-data")
