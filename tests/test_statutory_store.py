"""The statutory years kept between builds (macros/time/statutory_store.py):
a build reads the years an earlier one computed instead of computing them
again, and a file it cannot trust is computed over, never believed."""
from __future__ import annotations

import json

import pytest

from macros.time import statutory, statutory_store

YEARS = range(2027, 2032)


@pytest.fixture
def fresh(monkeypatch):
    """This process as a new build starts it: no year known yet."""
    monkeypatch.setattr(statutory, "_years", {})


def _computed() -> dict:
    return {y: statutory._compute(y) for y in YEARS}


def _no_lunar(monkeypatch):
    def refuse(year):
        raise AssertionError(f"{year} computed again")
    monkeypatch.setattr(statutory, "_compute", refuse)


def test_a_later_build_reads_the_years_an_earlier_one_computed(tmp_path, fresh, monkeypatch):
    expected = _computed()
    with statutory_store.kept(tmp_path):
        assert {y: statutory.holidays(y) for y in YEARS} == expected
    stored = list((tmp_path / statutory_store.STORE_DIR).glob("*.json"))
    assert [p.name for p in stored] == [statutory_store._name()]

    monkeypatch.setattr(statutory, "_years", {})  # the next build's process
    _no_lunar(monkeypatch)
    with statutory_store.kept(tmp_path):
        got = {y: statutory.holidays(y) for y in YEARS}
    assert got == expected
    assert [list(days) for days in got.values()] == [list(days) for days in expected.values()]  # in date order


@pytest.mark.parametrize("text", ["", "{", '{"years": 3}', '{"years": {"2027": [["2027-02-30", "春节"]]}}',
                                  '{"years": {"2027": {"2027-02-05": "春节"}}}', "[]"])
def test_a_file_that_does_not_parse_is_computed_over(tmp_path, fresh, text):
    folder = tmp_path / statutory_store.STORE_DIR
    folder.mkdir(parents=True)
    (folder / statutory_store._name()).write_text(text, encoding="utf-8")
    with statutory_store.kept(tmp_path):
        got = {y: statutory.holidays(y) for y in YEARS}
    assert got == _computed()
    rewritten = json.loads((folder / statutory_store._name()).read_text(encoding="utf-8"))
    assert sorted(rewritten["years"]) == [str(y) for y in YEARS]


def test_another_versions_file_is_not_read_and_goes(tmp_path, fresh):
    """A changed statutory.py or lunar-python names a new file; the old one
    is never read (its dates may be wrong now) and is removed."""
    folder = tmp_path / statutory_store.STORE_DIR
    folder.mkdir(parents=True)
    old = folder / ("0" * 64 + ".json")
    old.write_text(json.dumps({"years": {"2027": [["2027-03-01", "春节"]]}}), encoding="utf-8")
    with statutory_store.kept(tmp_path):
        assert statutory.holidays(2027) == statutory._compute(2027)
    assert not old.exists()
    assert [p.name for p in folder.iterdir()] == [statutory_store._name()]


def test_a_store_that_cannot_be_written_only_costs_time(tmp_path, fresh):
    """(A file where the folder should be: refused even to root, as CI runs.)"""
    (tmp_path / statutory_store.STORE_DIR).parent.mkdir()
    (tmp_path / statutory_store.STORE_DIR).write_text("not a folder", encoding="utf-8")
    with statutory_store.kept(tmp_path):
        assert statutory.holidays(2027) == statutory._compute(2027)
    assert (tmp_path / statutory_store.STORE_DIR).read_text(encoding="utf-8") == "not a folder"


def test_no_project_folder_stores_nothing(tmp_path, fresh, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with statutory_store.kept(None):
        statutory.holidays(2027)
    assert list(tmp_path.iterdir()) == []
