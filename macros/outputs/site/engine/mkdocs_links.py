"""MkDocs hook (the sources tree's mkdocs.yml lists it under `hooks:`): raw-HTML
links resolve the way Markdown links do.

Every link the handbook writes names a source file relative to the page's
source file (render/links.py): `../roles/director.md#duties`,
`../print/enrolment.pdf`. A Markdown link means exactly that in every engine,
and so does a raw-HTML href in Zensical. MkDocs leaves raw HTML untouched,
so this hook resolves those hrefs with MkDocs' own URL functions, before the
raw HTML is put back into the page. Measured in docs/maintainers/engines.md.

MkDocs loads this file by path: it imports nothing from the handbook.
"""
from __future__ import annotations

import logging
from pathlib import Path
import posixpath
import re
from urllib.parse import unquote

from markdown import Extension
from markdown.postprocessors import Postprocessor
from mkdocs.utils import get_relative_url

log = logging.getLogger("mkdocs.hooks.handbook-links")

HREF = re.compile(r"""(<(?:a|area)\b[^>]*?\shref=)("[^"]*"|'[^']*')""", re.I)
SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.I)
_PAGE: list = [None, None]  # the page being rendered and the site's files


def resolve(href: str, page, files) -> str:
    """`href` written in `page`'s source file, as a URL from the built page."""
    if not href or SCHEME.match(href) or href.startswith(("/", "#", "?")):
        return href
    path, rest = re.match(r"([^?#]*)(.*)", href, re.S).groups()
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page.file.src_uri), unquote(path)))
    found = files.get_file_from_path(target) if files is not None else None
    if found is not None:
        url = found.url_relative_to(page.file)
    elif target.endswith(".md"):
        log.warning("Doc file '%s' contains a raw HTML link to '%s', which is not found",
                    page.file.src_uri, href)
        return href
    else:  # a file the output steps add to the site (PDF, feed, API)
        url = get_relative_url(target, page.file.url)
        url += "/" if path.endswith("/") and not url.endswith("/") else ""
    return url + rest


class _RawLinks(Postprocessor):
    def __init__(self, md):
        super().__init__(md)
        self.done = 0  # stash entries already resolved

    def run(self, text):
        # Extensions such as toc run the postprocessors on snippets too: each
        # stash entry is resolved once, or a resolved href would be taken as
        # written in the source and resolved again.
        page, files = _PAGE
        blocks = self.md.htmlStash.rawHtmlBlocks
        if page is None:
            return text
        for i in range(self.done, len(blocks)):
            block = blocks[i]
            if isinstance(block, str) and "href=" in block.lower():
                blocks[i] = HREF.sub(lambda m: m.group(1) + m.group(2)[0] + resolve(
                    m.group(2)[1:-1], page, files) + m.group(2)[0], block)
        self.done = len(blocks)
        return text


class RawLinksExtension(Extension):
    def extendMarkdown(self, md):
        md.postprocessors.register(_RawLinks(md), "handbook_raw_links", 31)  # before raw_html (30)


def on_config(config):
    config.markdown_extensions.append(RawLinksExtension())
    try:  # Material segments Chinese with jieba; silence its start-up lines
        import jieba
        jieba.setLogLevel(logging.WARNING)
        # jieba's default cache is one shared /tmp/jieba.cache, loaded with
        # marshal: on a shared runner another user could plant it. Keep it
        # beside the sources tree (under the git-ignored build/) instead.
        cache = Path(config.config_file_path).parent / ".cache"
        cache.mkdir(exist_ok=True)
        jieba.dt.tmp_dir = str(cache)
    except ImportError:
        pass
    return config


def on_page_markdown(markdown, page, config, files):
    _PAGE[:] = [page, files]
    return markdown
