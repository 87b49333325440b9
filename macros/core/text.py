"""Text safety: every data value that reaches Markdown, HTML or a pull-request
comment passes through one of these. Kept at the bottom of the house so that
any room (time words, print, the site, tools) escapes the same way.
"""
from __future__ import annotations

import html
import re

from markupsafe import Markup, escape

# Python-Markdown's backslash escapes plus the characters attr_list, tables,
# abbr and emphasis react to. Applied after HTML escaping, so `<` is gone.
_MD_INLINE = re.compile(r"([\\`*_{}\[\]()#+\-.!|>])")
_SAFE_LINK = re.compile(r"^(?:https?://[^\s<>\"']+|mailto:[^\s<>\"']+|[^:\s<>\"']*)$", re.I)


def esc(value) -> Markup:
    return escape("" if value is None else str(value))


def md_inline(value) -> str:
    """A data value for a Markdown heading or list: escaped for HTML and
    for Markdown syntax, so `[x](javascript:..)` stays text."""
    return _MD_INLINE.sub(r"\\\1", str(esc(value)).replace("\n", " "))


def href_ok(url: str) -> bool:
    return bool(_SAFE_LINK.match(url or "")) and not url.lower().startswith(("javascript", "data", "vbscript"))



_MD_COMMENT = re.compile(r"([\\`*_\[\]|#~])")


def md_comment(text) -> str:
    """Data text made inert in Markdown and HTML (a PR comment renders both)."""
    return _MD_COMMENT.sub(r"\\\1", html.escape(str(text), quote=False)).replace("\n", " ")


def code(text) -> str:
    """An inline code span: nothing inside is interpreted, so only backticks matter."""
    return "`" + str(text).replace("`", "'").replace("\n", " ") + "`"


