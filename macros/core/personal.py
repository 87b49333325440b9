"""Personal data in text: what it looks like, and how to show it masked.

The patterns (check/privacy.py scans files, names and loaded values with them;
every message that quotes a value masks it with redact()):

- mainland ID-card numbers: 18 characters whose check digit is valid
  (GB 11643, ISO 7064 MOD 11-2) and whose birth date is a real date; letters
  touching the number do not hide it (`IDNo110105…`);
- mainland mobile numbers: 1[3-9] and nine more digits, also with +86/0086,
  parentheses and runs of separators (`138.1234.5678`, `(138)1234-5678`);
- individuals' e-mail addresses, Unicode local parts and domains included
  (`张三@学校.中国`);
- national student numbers (全国学籍号): G, J or L (either case) followed by
  an ID-card number.

Text is NFKC-normalised first, so full-width digits and `＠`, U+3000 and
no-break spaces read as their plain forms. Every quantifier is bounded, so a
line of 200,000 `%` costs a single pass (it cost 31 s when the local part
was unbounded and `%` could start a match anywhere).
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"
_SEP = r"[ \t.()\-]{0,3}"

ID_CARD = re.compile(r"(?<![0-9])([1-9][0-9]{16}[0-9Xx])(?![0-9])")
STUDENT_NO = re.compile(r"(?<![0-9])([GJLgjl][1-9][0-9]{16}[0-9Xx])(?![0-9])")
MOBILE = re.compile(rf"(?<![0-9])(?:(?:\+|00)?86{_SEP})?\(?(1[3-9][0-9]){_SEP}([0-9]{{4}}){_SEP}([0-9]{{4}})(?![0-9])")
EMAIL = re.compile(r"(?<![\w.%+-])([\w.%+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){0,8}\.[^\W\d_]{2,63})(?![\w-])")
EXAMPLE_DOMAINS = re.compile(r"@(?:[\w-]+\.)*(example\.(?:com|org|net|edu)|[\w-]+\.(?:example|invalid|test))$",
                             re.IGNORECASE)
# Something every pattern above needs: 17 digits in a row (ID card, student
# number), the digits of a mobile number, or an @. One pass of this simple
# pattern is far cheaper than the four with look-arounds, and most text has
# none of these, so it is skipped.
_MAYBE = re.compile(rf"[0-9]{{17}}|1[3-9][0-9]{_SEP}[0-9]{{4}}|@")

STUDENT, ID, PHONE, MAIL = ("全国学籍号 (national student number)", "身份证号 (mainland ID-card number)",
                            "手机号 (mobile number)", "个人邮箱 (individual's e-mail address)")


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


def normalise(text: str) -> str:
    """NFKC: `１３８`, `＠`, U+3000 and NBSP as `138`, `@` and spaces. Newlines
    are kept one for one, so line numbers carry over. (Most Chinese text is
    NFKC already, and asking costs a fraction of normalising.)"""
    if text.isascii() or unicodedata.is_normalized("NFKC", text):
        return text
    return unicodedata.normalize("NFKC", text)


def maybe(text: str) -> bool:
    """False when `text` (normalised) cannot hold a hit of find(): it has
    none of what every pattern needs (see _MAYBE)."""
    return _MAYBE.search(text) is not None


def canonical(value: str) -> str:
    """The value without its spelling: digits (and the prefix letter) only, or
    the lower-cased address; what the allowlist and de-duplication compare."""
    if "@" in value:
        return value.lower()
    digits = re.sub(r"[^0-9A-Za-z]", "", value).upper()
    return digits[2:] if len(digits) == 13 and digits.startswith("86") else \
        digits[4:] if len(digits) == 15 and digits.startswith("0086") else digits


def find(text: str, mailboxes=frozenset()):
    """Yield (offset, kind, value) for each hit in `text`, already
    normalised (offsets are into the text as given)."""
    if _MAYBE.search(text) is None:
        return
    students = set()
    for m in STUDENT_NO.finditer(text):
        if id_card_valid(m.group(1)[1:]):
            students.add(m.start(1) + 1)
            yield m.start(1), STUDENT, m.group(1)
    for m in ID_CARD.finditer(text):
        if m.start(1) not in students and id_card_valid(m.group(1)):
            yield m.start(1), ID, m.group(1)
    for m in MOBILE.finditer(text):
        yield m.start(), PHONE, m.group(0)
    for m in EMAIL.finditer(text):
        address = m.group(1)
        if address.lower() in mailboxes or EXAMPLE_DOMAINS.search(address):
            continue
        yield m.start(1), MAIL, address


def mask(value: str) -> str:
    if "@" in value:
        local, _, domain = value.partition("@")
        return f"{local[:1]}***@{domain}"
    value = canonical(value)
    return value[:3] + "*" * max(len(value) - 7, 3) + value[-4:]


def redact(text: str) -> str:
    """`text` with every personal-data hit masked and everything else as it
    was: for messages, logs and anything published from outside the checked
    data (commit subjects). Short texts only (it normalises per character)."""
    text = str(text)
    if _MAYBE.search(normalise(text)) is None:
        return text
    parts = [unicodedata.normalize("NFKC", c) for c in text]
    starts, at = [], 0  # starts[i]: where original character i begins in the normalised text
    for part in parts:
        starts.append(at)
        at += len(part)
    norm = "".join(parts)
    origin = {start: i for i, start in enumerate(starts)}
    out, done = [], 0
    for offset, _, value in sorted(find(norm), key=lambda h: h[0]):
        begin, end = origin.get(offset), origin.get(offset + len(value), len(text))
        if begin is None or begin < done:
            continue
        out += [text[done:begin], mask(value)]
        done = end
    return "".join(out) + text[done:]
