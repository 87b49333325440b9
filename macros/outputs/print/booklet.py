"""The booklet (checklists.pdf): every checklist behind a cover and a
contents page, rendered in parts and joined like the handbook copy
(print/parts.py).

As one document, a change to any process re-rendered all of its pages, and
after the handbook copy went into parts it was the slowest PDF of an edit
build. Each part holds PER_PART checklists (21 today: three parts): fewer parts would re-render
more pages per edit, more would make the file bigger, since every part
embeds its own subset of the CJK fonts (about 260 KB whatever its length).
"""
from __future__ import annotations

from macros.outputs.print.parts import from_template

PER_PART = 8


def booklet_job(env, views, prov, org: str):
    from macros.outputs.print.engine import BOOKLET, Job
    groups = [views[i:i + PER_PART] for i in range(0, len(views), PER_PART)]
    return from_template(BOOKLET, env.get_template("booklet.html.j2"),
                         dict(views=views, prov=prov, org=org, page={}, total=0),
                         [dict(views=group) for group in groups], (f"cl-{v.id}" for v in views), Job)
