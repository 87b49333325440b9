"""The model is frozen once the pipeline hands it out, and the views derived
from it (coverage, time limits, the render context, obligations) hang off it,
not off module-level caches keyed by id()."""
from __future__ import annotations

import copy
import re
from dataclasses import FrozenInstanceError

import pytest

from conftest import ROOT
from macros.check import coverage
from macros.model import timelimits
from macros.outputs.calendar import feeds
from macros.outputs.compose import load
from macros.outputs.site.render import shared_for
from macros.time import deadlines


@pytest.fixture(scope="module")
def shipped():
    result = load(ROOT)
    assert result.ok
    return result


def test_fields_cannot_be_reassigned(shipped):
    model = shipped.model
    for name, value in (("root", None), ("pages", None), ("referrers", {}), ("by_kind", {}), ("docs", [])):
        with pytest.raises(FrozenInstanceError):
            setattr(model, name, value)
    with pytest.raises(FrozenInstanceError):
        model.anything_new = 1
    with pytest.raises(FrozenInstanceError):
        shipped.problems = []
    assert isinstance(shipped.problems, tuple) and isinstance(model.docs, tuple)


def test_maps_and_lists_cannot_be_changed(shipped):
    model = shipped.model
    role = model.all("role")[0]
    with pytest.raises(TypeError):
        model.by_kind["role"] = {}
    with pytest.raises(TypeError):
        model.by_kind["role"]["someone-new"] = role
    key = next(iter(model.referrers))
    with pytest.raises(TypeError):
        model.referrers[("role", "someone-new")] = ()
    with pytest.raises(AttributeError):
        model.referrers[key].append(model.referrers[key][0])
    process = model.all("process")[0]
    steps = model.children(process, "step")
    steps.clear()  # a caller's copy: the model's index is untouched
    assert model.children(process, "step")


def test_indexes_and_references_are_complete_before_the_model_is_handed_out(shipped):
    model = shipped.model
    assert model.referrers and model.pages is not None
    assert all(model.owner_of(e.doc, e.path) is e for e in model.all("process"))


def test_views_are_computed_once_per_model_and_go_with_it(shipped):
    model = shipped.model
    assert coverage.compute(model) is coverage.compute(model)
    assert timelimits.find(model) is timelimits.find(model)
    assert shared_for(model) is shared_for(model)
    assert feeds.obligations(shipped) is feeds.obligations(shipped)
    assert deadlines.rules(shipped) is deadlines.rules(shipped)
    other = load(ROOT).model
    assert shared_for(other) is not shared_for(model) and shared_for(other).model is other
    assert coverage.compute(other) is not coverage.compute(model)


def test_no_module_cache_is_keyed_by_object_identity():
    offenders = [f"{p.relative_to(ROOT)}:{n}" for p in sorted((ROOT / "macros").rglob("*.py"))
                 for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
                 if re.search(r"\bid\((model|result|self\.model|result\.model)\)", line)]
    assert offenders == []


def test_rendering_and_the_calendar_leave_the_data_as_loaded():
    """Entity values stay plain dicts (jsonschema, Jinja and the renderers read
    them as such); this proves no output writes into them."""
    result = load(ROOT)
    before = copy.deepcopy([d.data for d in result.model.docs])
    for page in sorted(result.model.pages.known()):
        result.model.pages.text(page)
    feeds.obligations(result)
    deadlines.rules(result)
    assert [d.data for d in result.model.docs] == before
