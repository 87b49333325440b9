"""Personal-data lint: the handbook is published, students' data must never be in it.

Scans the raw text of every file under data/, checklists/ and docs/ (so a
value hidden in a comment or a Markdown page is found too) for:

- mainland ID-card numbers: 18 characters whose check digit is valid
  (GB 11643, ISO 7064 MOD 11-2) and whose birth date is a real date;
- mainland mobile numbers: 1[3-9] and nine more digits, also written with
  +86 or separators (138-1234-5678);
- individuals' e-mail addresses: every address that is not listed as a
  functional mailbox in data/privacy.yml (reserved example domains, RFC 2606,
  are fictitious by definition);
- national student numbers (全国学籍号): G, J or L followed by an ID-card
  number.

A value listed in data/privacy.yml `allowlist` (with a reason) is a declared
fictitious example. Messages mask the value: CI logs are not a safe place for
personal data either.
"""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from macros.load.problems import Problem

SCANNED_DIRS = ("data", "checklists", "docs")
SCANNED_SUFFIXES = {".yml", ".yaml", ".md", ".html", ".txt", ".csv", ".json", ".j2"}
SKIPPED = ("data/schemas/",)  # schemas describe formats; they hold no people

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"

ID_CARD = re.compile(r"(?<![0-9A-Za-z])([1-9][0-9]{16}[0-9Xx])(?![0-9A-Za-z])")
STUDENT_NO = re.compile(r"(?<![0-9A-Za-z])([GJL][1-9][0-9]{16}[0-9X])(?![0-9A-Za-z])")
MOBILE = re.compile(r"(?<![0-9])(?:\+?86[ -]?)?(1[3-9][0-9])[ -]?([0-9]{4})[ -]?([0-9]{4})(?![0-9])")
EMAIL = re.compile(r"(?<![\w.+-])([A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})")
EXAMPLE_DOMAINS = re.compile(r"@(?:[\w-]+\.)*(example\.(?:com|org|net|edu)|[\w-]+\.(?:example|invalid|test))$",
                             re.IGNORECASE)


def id_card_valid(number: str) -> bool:
    """True for an 18-character mainland ID number with a valid check digit and birth date."""
    if len(number) != 18 or not number[:17].isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(number[:17], _WEIGHTS))
    if _CHECK[total % 11] != number[17].upper():
        return False
    try:
        born = dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return False
    return dt.date(1900, 1, 1) <= born


def mask(value: str) -> str:
    if "@" in value:
        local, _, domain = value.partition("@")
        return f"{local[:1]}***@{domain}"
    return value[:3] + "*" * max(len(value) - 7, 3) + value[-4:]


# Something every pattern above needs: 17 digits in a row (ID card, student
# number), the start of a mobile number, or an @. One pass of this simple
# pattern is far cheaper than the four with look-arounds, and most files
# have none of these, so they are skipped (found by tests/test_privacy.py).
_MAYBE = re.compile(r"[0-9]{17}|1[3-9][0-9][ -]?[0-9]{4}|@")


def find(text: str, mailboxes=frozenset()):
    """Yield (offset, kind, value) for each personal-data hit in `text`."""
    if _MAYBE.search(text) is None:
        return
    for m in STUDENT_NO.finditer(text):
        if id_card_valid(m.group(1)[1:]):
            yield m.start(1), "全国学籍号 (national student number)", m.group(1)
    for m in ID_CARD.finditer(text):
        if id_card_valid(m.group(1)):
            yield m.start(1), "身份证号 (mainland ID-card number)", m.group(1)
    for m in MOBILE.finditer(text):
        yield m.start(), "手机号 (mobile number)", m.group(0)
    for m in EMAIL.finditer(text):
        address = m.group(1)
        if address.lower() in mailboxes or EXAMPLE_DOMAINS.search(address):
            continue
        yield m.start(1), "个人邮箱 (individual's e-mail address)", address


def settings(model) -> tuple[frozenset, frozenset]:
    """(functional mailboxes, allowlisted values) from data/privacy.yml."""
    doc = model.doc("data/privacy.yml")
    data = doc.data if doc is not None and isinstance(doc.data, dict) else {}
    boxes = frozenset(str(b).lower() for b in data.get("functional_mailboxes") or [] if isinstance(b, str))
    allowed = frozenset(str(a.get("value")) for a in data.get("allowlist") or [] if isinstance(a, dict))
    return boxes, allowed


def scan(root: Path, model) -> list[Problem]:
    mailboxes, allowed = settings(model)
    problems = []
    for top in SCANNED_DIRS:
        for path in sorted((root / top).rglob("*")):
            rel = path.relative_to(root).as_posix()
            if not path.is_file() or path.suffix not in SCANNED_SUFFIXES or rel.startswith(SKIPPED):
                continue
            try:
                text = path.read_bytes().decode("utf-8-sig", errors="replace")
            except OSError:
                continue  # unreadable files are reported by the loader
            if rel == "data/privacy.yml":
                continue  # the allowlist itself names the allowed values
            problems += _scan_text(rel, text, mailboxes, allowed)
    return problems


def _scan_text(rel, text, mailboxes, allowed):
    out = []
    for offset, kind, value in find(text, mailboxes):
        if value in allowed or re.sub(r"[ -]|^\+?86", "", value) in allowed:
            continue
        # Positions only for findings (rare): indexing every line of every
        # file up front was a tenth of `handbook check`.
        line = text.count("\n", 0, offset) + 1
        col = offset - (text.rfind("\n", 0, offset) + 1) + 1
        out.append(Problem(
            rel, line, col,
            f"looks like personal data, a {kind}: {mask(value)}. Remove it; if it is a "
            "fictitious example, add it to data/privacy.yml allowlist with a reason",
            rule="personal-data"))
    return out
