"""Html.format (macros/core/text.py) writes what Markup.format writes.

The pages are built with Html's faster format; a difference would change
escaping on every page, so it is held equal to markupsafe's own on random
templates and values, escaping-relevant text and Markup arguments included.
"""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markupsafe import Markup

from macros.core.text import Html

TEXT = st.lists(st.sampled_from(list("<>&'\"ab 名{}\n") + ["&amp;", "<b>"]), max_size=8).map("".join)
VALUE = st.one_of(TEXT, TEXT.map(Markup), st.integers(-5, 10 ** 6), st.booleans(), st.none(),
                  st.floats(allow_nan=False, allow_infinity=False, width=32))
FIELD = st.sampled_from(["{}", "{0}", "{1}", "{name}", "{0!r}", "{:>4}", "{name!s}", "{0:}"])


@settings(max_examples=400, deadline=None, derandomize=True)
@given(st.lists(st.one_of(TEXT.map(lambda t: t.replace("{", "{{").replace("}", "}}")), FIELD), max_size=6),
       st.lists(VALUE, min_size=2, max_size=2), VALUE)
def test_format_writes_what_markup_format_writes(parts, args, named):
    template = "".join(parts)
    try:
        expected = Markup(template).format(*args, name=named)
    except (ValueError, TypeError, IndexError, KeyError) as exc:  # e.g. a spec None cannot take
        with pytest.raises(type(exc)):
            Html(template).format(*args, name=named)
        return
    got = Html(template).format(*args, name=named)
    assert str(got) == str(expected)
    assert isinstance(got, Markup)


def test_errors_are_markups_errors():
    for template, args in (("{} {0}", ("a", "b")), ("{", ()), ("{2}", ("a",)), ("{missing}", ())):
        with pytest.raises((ValueError, IndexError, KeyError)) as theirs:
            Markup(template).format(*args)
        with pytest.raises(theirs.type):
            Html(template).format(*args)


def test_results_stay_html_and_compose_as_markup():
    row = Html("<td>{}</td>").format("<x>") + "<y>"
    assert type(row) is Html and row == "<td>&lt;x&gt;</td>&lt;y&gt;"
    assert Html(", ").join(["<a>", Markup("<b>")]) == "&lt;a&gt;, <b>"
