"""Text safety: every data value that reaches Markdown, HTML, a PDF, an .ics
feed, CODEOWNERS or a pull-request comment passes through one of these. Kept
at the bottom of the house so that any room (time words, print, the site,
tools) escapes the same way.
"""
from __future__ import annotations

import html
import re
from functools import lru_cache
from string import Formatter

from markupsafe import Markup, escape

# Python-Markdown's backslash escapes plus the characters attr_list, tables,
# abbr and emphasis react to. Applied after HTML escaping, so `<` is gone.
_MD_INLINE = re.compile(r"([\\`*_{}\[\]()#+\-.!|>])")
_SAFE_LINK = re.compile(r"^(?:https?://[^\s<>\"']+|mailto:[^\s<>\"']+|[^:\s<>\"']*)$", re.I)
# Every character that ends a line somewhere (Python's str.splitlines, which
# Python-Markdown, browsers and editors between them honour) and every other
# C0/C1 control: in a one-line context each becomes a space.
_BREAKS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")
# An abbreviation the abbr extension matches as one token and nothing else:
# the schema (glossary.schema.json) allows the same set.
_ABBR = re.compile(r"[A-Za-z0-9][A-Za-z0-9+./-]{0,19}\Z")
# GitHub turns `@team` into a notification and `scheme://x` into a link.
_MENTION = re.compile(r"@(?=[A-Za-z0-9])")
_SCHEME = re.compile(r"\b([A-Za-z][A-Za-z0-9+.-]*):(?=//)")


class Html(Markup):
    """Markup whose `format` costs a fraction of Markup.format's.

    Why: the pages are built from thousands of small `Markup(...).format(...)`
    calls, and markupsafe formats each through string.Formatter, field by
    field; that was 30 % of rendering the pages (and so of the reading times
    in `handbook check`). For a template whose fields are plain (`{}`, `{0}`,
    `{name}`: no conversion, no format spec, no attribute or index), escaping
    each argument and then str.format gives the same string: escape() is what
    Markup.format applies to every value. Any other template goes to
    Markup.format itself. Results are Html too (markupsafe builds them with
    the instance's class), and an Html is a Markup wherever one is expected.
    """

    __slots__ = ()

    def format(self, *args, **kwargs):
        if not _plain(str(self)):
            return super().format(*args, **kwargs)
        return self.__class__(str.format(self, *map(escape, args),
                                         **{k: escape(v) for k, v in kwargs.items()}))


@lru_cache(maxsize=2048)  # the templates are the code's own literals
def _plain(template: str) -> bool:
    try:
        fields = list(Formatter().parse(template))
    except ValueError:  # unbalanced braces: Markup.format raises the same error
        return False
    return all(name is None or ((name == "" or name.isdigit() or name.isidentifier())
                                and not spec and conversion is None)
               for _, name, spec, conversion in fields)


def one_line(value) -> str:
    """A value for a one-line context: line breaks and controls become spaces."""
    return _BREAKS.sub(" ", "" if value is None else str(value))


def esc(value) -> Markup:
    return escape("" if value is None else str(value))


def md_inline(value) -> str:
    """A data value for a Markdown heading or list: on one line, escaped for
    HTML and for Markdown syntax, so `[x](javascript:..)` stays text."""
    return _MD_INLINE.sub(r"\\\1", str(esc(one_line(value))))


def href_ok(url: str) -> bool:
    # The schemes with their colon: a page such as data-leak-response.md
    # starts with "data" and is a plain relative link (found by issue #18's
    # overview, where 数据泄露响应 alone was not linked).
    return bool(_SAFE_LINK.fullmatch(url or "")) and not url.lower().startswith(("javascript:", "data:", "vbscript:"))


def abbr_ok(abbr) -> bool:
    """True for an abbreviation that is safe as a Markdown `*[ABBR]:` line:
    anything else (a backslash, `<`, `&`, a line break) would leave the line
    as text and let the definition through as raw HTML."""
    return isinstance(abbr, str) and _ABBR.match(abbr) is not None


def abbreviation(abbr, definition) -> str | None:
    """The Markdown abbr-extension line `*[ABBR]: definition`, or None when
    the abbreviation is not a safe token (abbr_ok) or there is no definition.
    The extension escapes the definition into a title attribute, but only
    when the whole line matches its pattern: hence one line, whitespace
    collapsed."""
    text = " ".join(one_line(definition).split())
    return f"*[{abbr}]: {text}" if abbr_ok(abbr) and text else None


_MD_COMMENT = re.compile(r"([\\`*_\[\]|#~])")


def md_comment(text) -> str:
    """Data text made inert in Markdown and HTML (a PR comment renders both),
    on one line, with @mentions and URL schemes broken up so the bot's
    comment neither notifies a team nor shows a clickable link."""
    text = _MD_COMMENT.sub(r"\\\1", html.escape(one_line(text), quote=False))
    return _SCHEME.sub("\\1\u200b:", _MENTION.sub("@\u200b", text))


def code(text) -> str:
    """An inline code span: nothing inside is interpreted, so only backticks matter."""
    return "`" + one_line(text).replace("`", "'") + "`"


def codeowners_comment(text) -> str:
    """A value for a `# ...` comment line of CODEOWNERS: one line, so it cannot
    start a rule of its own."""
    return one_line(text)


_ICS_CTL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]+")


def ics_text(text) -> str:
    """An iCalendar TEXT value (RFC 5545 3.3.11 excludes control characters):
    line breaks other than \\n and every other control become a space;
    icalendar escapes \\n, `;`, `,` and `\\` itself."""
    return _ICS_CTL.sub(" ", "" if text is None else str(text))


_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def printable(text) -> str:
    """A message line for a terminal or a CI log: controls and line breaks
    shown as escapes (`\\n`, `\\x00`), so a value can neither split the
    line nor send escape sequences to the terminal."""
    def show(m):
        c = m.group(0)
        return {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(c) or (
            f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}")
    return _UNPRINTABLE.sub(show, str(text))
