"""The site's pages as the onboarding domain reads them (reading times).

The composition root (macros/outputs/compose.py) hands `SitePages` to the
check, so a reading time counts what a reader sees: generated pages rendered
by the same functions the build uses, hand-written pages without their front
matter and macro calls. Rendered once per loaded model, kept on this object
(which hangs off the model), never in a module-level cache.
"""
from __future__ import annotations

import re
from pathlib import Path

from macros.outputs.site import pages as declared

_JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)


def front_matter_title(text: str) -> str | None:
    """A hand-written page's title: front-matter title, else its first heading."""
    if text.startswith("---"):
        m = re.search(r"^title:\s*(.+)$", text.split("\n---", 2)[0], re.M)
        if m:
            return m.group(1).strip().strip("'\"")
    m = re.search(r"^#\s+(.+)$", text, re.M)
    return m.group(1).strip() if m else None


class SitePages:
    def __init__(self, model):
        self.model = model
        self.docs = Path(model.root) / "docs" if model.root is not None else None
        self._generated = None
        self._text: dict[str, str | None] = {}
        self.derived: dict = {}  # what the onboarding domain derives from the pages

    @property
    def generated(self) -> dict:
        if self._generated is None:
            self._generated = {p.path: p for p in declared.generated(self.model)}
        return self._generated

    def _hand_written(self, page: str) -> Path | None:
        if self.docs is None:
            return None
        path = self.docs / page
        return path if path.is_file() else None

    def known(self) -> set[str]:
        found = set(self.generated)
        if self.docs is not None and self.docs.is_dir():
            found |= {p.relative_to(self.docs).as_posix() for p in self.docs.rglob("*.md")}
        return found

    def title(self, page: str) -> str | None:
        if page in self.generated:
            return self.generated[page].title
        path = self._hand_written(page)
        return front_matter_title(path.read_text(encoding="utf-8")) if path else None

    def text(self, page: str) -> str | None:
        if page not in self._text:
            self._text[page] = self._render(page)
        return self._text[page]

    def _render(self, page: str) -> str | None:
        if page in self.generated:
            from macros.outputs.site.render import shared_for
            return self.generated[page].markdown(shared_for(self.model))
        path = self._hand_written(page)
        if path is None:
            return None
        text = path.read_text(encoding="utf-8")
        if text.startswith("---"):
            text = text.split("\n---", 1)[-1]
        return _JINJA.sub(" ", text)
