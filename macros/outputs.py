"""Artefacts written into the built site besides the MkDocs pages.

Each entry is a function (result, site_dir) -> None, run by `handbook build`
after MkDocs succeeded and before the site is swapped in. Keep the list here,
in one place, so the build order is visible.
"""
from __future__ import annotations


def steps():
    from . import calendar, export
    return [
        calendar.output_step,  # site/calendar/*.ics
        export.output_step,  # site/api/v1/
    ]
