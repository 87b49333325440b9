"""Pure rendering: model -> escaped Markdown/HTML strings, one module per
page family. Nothing here imports MkDocs (Material is in maintenance mode;
this layer must survive a change of site generator).

    html.py       escaping, safe links, tables
    links.py      the one resolver: where each entity lives (url_for)
    timewords.py  time limits and cycles in Chinese words
    context.py    per-model shared state and the per-page context
    fields.py     generic entity rendering from data + schema titles
    svg.py        build-time diagrams (flow, org chart)
    queries.py    who does what, computed from the model
    pages_*.py    page families
"""
from macros.outputs.site.render.context import Ctx, shared_for  # noqa: F401
from macros.outputs.site.render.links import target as url_for  # noqa: F401
from macros.time.words import cycle_text, deadline_html, deadline_text  # noqa: F401
