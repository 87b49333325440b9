"""Artefacts written into the built site besides the MkDocs pages.

Each entry is a function (result, site_dir) -> None, run by `handbook build`
after MkDocs succeeded and before the site is swapped in. Keep the list here,
in one place, so the build order is visible.
"""
from __future__ import annotations


def print_pdfs(result, site_dir):
    """The checklist PDFs, the booklet and the handbook PDF under site/print/."""
    from mkdocs.exceptions import Abort

    from .fonts import NoCJKFont
    from .printing import write_pdfs
    try:
        write_pdfs(result, site_dir / "print")
    except NoCJKFont as exc:  # a build without its PDFs is not a complete site
        raise Abort(str(exc)) from None


def steps():
    from . import calendar, export
    return [
        print_pdfs,  # site/print/*.pdf
        calendar.output_step,  # site/calendar/*.ics
        export.output_step,  # site/api/v1/
    ]
