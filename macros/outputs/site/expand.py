"""The sources step's own macro pass: fills the `{{ macro() }}` calls of the
hand-written pages that opt in (`render_macros: true`), for engines without
mkdocs-macros (Zensical's emulation cannot import a package, GUIDE.md §4).

It does what mkdocs-macros does with the settings in mkdocs.yml: only opted-in
pages, the body without its front matter, an undefined name is an error
(on_undefined: strict), an error fails the build (on_error_fail), and a
macro's return value is not rendered again.
"""
from __future__ import annotations

import jinja2

from macros.outputs.site.macros import for_page
from macros.outputs import OutputError


def split_front_matter(text: str) -> tuple[str, str]:
    """(front matter with its fences, body); ("", text) without one."""
    if text.startswith("---\n"):
        end = text.find("\n---\n", 3)
        if end >= 0:
            return text[:end + 5], text[end + 5:]
    return "", text


def opted_in(front: str) -> bool:
    return any(line.split(":", 1)[0].strip() == "render_macros" and line.split(":", 1)[1].strip() == "true"
               for line in front.splitlines() if ":" in line)


def expand(result, page: str, body: str) -> str:
    """`body` of docs/`page` with its macro calls filled."""
    env = jinja2.Environment(undefined=jinja2.StrictUndefined, keep_trailing_newline=True, autoescape=False)
    env.globals.update(for_page(result, page))
    try:
        return env.from_string(body).render()
    except jinja2.TemplateSyntaxError as exc:
        raise OutputError(f"docs/{page}: line {exc.lineno} of the body: {exc.message}") from None
    except jinja2.TemplateError as exc:
        raise OutputError(f"docs/{page}: {exc}") from None
