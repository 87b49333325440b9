"""A document rendered in parts (print/parts.py) is joined on a worker while
the caller builds the site (print/engine.py): the copy is the same, byte for
byte, as the one joined in the calling process, and a part that does not fit
stops the build with the document's name, not a worker's traceback."""
from __future__ import annotations

import jinja2
import pytest

from conftest import need_system
from macros.outputs.print import cache as pdfcache, engine, fonts, parts

TEMPLATE = """<html><head><style>@page { size: A4 } .page { break-after: page }
.page:last-child { break-after: auto }</style><title>parts</title></head><body>
{%- if part == "body" %}<h1 id="{{ anchor }}">Chapter {{ anchor }}</h1><p>{{ text }}</p>
{%- elif part == "front" %}<h1>Contents</h1>{% for a, n in page.items() %}<p><a href="#{{ a }}">{{ a }} {{ n }}</a></p>{% endfor %}
{%- else %}{% for i in range(total) %}<div class="page">{{ i + 1 }} / {{ total }}</div>{% endfor %}{% endif %}
</body></html>"""


def _document(name: str, anchors: tuple, named=None):
    template = jinja2.Environment(autoescape=True).from_string(TEMPLATE)
    bodies = [{"anchor": a, "text": f"text of {a} " * 40} for a in anchors]
    return parts.from_template(name, template, {}, bodies, named or anchors, engine.Job)


@pytest.fixture(autouse=True)
def _font():
    need_system("fonts-noto-cjk (a CJK font)", bool(fonts.cjk_families()))


def test_a_copy_joined_on_a_worker_is_the_copy_joined_here(tmp_path):
    jobs = [_document("a.pdf", ("one", "two")), _document("b.pdf", ("three",))]
    out = {}
    for workers in (1, 2):
        cache = pdfcache.Cache(tmp_path / f"cache{workers}", prune=True)
        done = engine.render_jobs(jobs, tmp_path / f"out{workers}", workers=workers, cache=cache)
        assert [(name, pages) for name, pages, _ in done] == [("a.pdf", 3), ("b.pdf", 2)]
        out[workers] = {n: (tmp_path / f"out{workers}" / n).read_bytes() for n in ("a.pdf", "b.pdf")}
    assert out[1] == out[2]


def test_a_part_that_does_not_fit_names_the_document(tmp_path):
    broken = _document("a.pdf", ("one", "two"), named=("one", "two", "missing"))
    cache = pdfcache.Cache(tmp_path / "cache", prune=True)
    with pytest.raises(parts.AssemblyError, match=r"^a\.pdf: the contents name anchors no chapter holds: missing$"):
        engine.render_jobs([broken], tmp_path / "out", workers=2, cache=cache)
    assert not (tmp_path / "out" / "a.pdf").exists()
