"""Artefacts written into the built site besides the engine's pages.

Each entry is a function (result, site_dir) -> None, run after the site
engine succeeded and before the site is swapped in (build() below; the
preview runs them in the background). Keep the
list here, in one place, so the build order is visible. A step that cannot
finish raises OutputError; only the engine adapter translates it into the
engine's own error type.
"""
from __future__ import annotations

from pathlib import Path

from macros.outputs import OutputError
from macros.outputs.calendar import feeds as calendar
from macros.outputs.export import api as export
from macros.outputs.print.fonts import NoCJKFont
from macros.outputs.print.parts import AssemblyError
from macros.outputs.print.jobs import PrintTemplateError, start_pdfs, write_pdfs

PRINT_DIR = "print"  # site/print/: every PDF


def print_pdfs(result, site_dir: Path):
    """Checklists, the booklet, the handbook and the first-week packets under
    site/print/, in one pool of workers; unchanged ones come from the PDF cache."""
    try:
        write_pdfs(result, Path(site_dir) / PRINT_DIR, first_week=True, cached=True)
    except (NoCJKFont, PrintTemplateError, AssemblyError) as exc:  # a build without its PDFs is not a complete site
        raise OutputError(str(exc)) from None


def calendar_feeds(result, site_dir: Path):
    """The iCalendar feeds under site/calendar/."""
    try:
        calendar.write_feeds(result, Path(site_dir) / calendar.FEEDS_DIR)
    except calendar.CalendarError as exc:
        raise OutputError(str(exc)) from None


def steps():
    return [
        print_pdfs,  # site/print/*.pdf
        calendar_feeds,  # site/calendar/*.ics
        export.output_step,  # site/api/v1/
    ]


def build(result, site_dir: Path, engine_build) -> None:
    """`engine_build()` (which writes the sources and fills site_dir with the
    pages), then every step.

    The PDFs start first, in worker processes, and render while the engine
    builds and the other steps run: on two cores a one-field edit's handbook
    PDF alone takes longer than all the rest. They are copied into site_dir
    last, since the engine empties its folder first. A failure anywhere stops
    the workers and propagates: the caller publishes nothing."""
    try:
        pdfs = start_pdfs(result, Path(site_dir) / PRINT_DIR, first_week=True)
    except (NoCJKFont, PrintTemplateError) as exc:
        raise OutputError(str(exc)) from None
    try:
        engine_build()
        for step in steps():
            if step is not print_pdfs:
                step(result, site_dir)
        pdfs.finish()
    except AssemblyError as exc:
        raise OutputError(str(exc)) from None
    finally:
        pdfs.cancel()
