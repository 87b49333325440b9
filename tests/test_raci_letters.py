"""The RACI letters of a step, for all its roles at once
(queries.letters_by_role, which the matrix page uses so that it does not
cost steps x roles) and for one role (queries.letters)."""
from __future__ import annotations

import pytest

from conftest import ROOT
from macros.model import queries as q
from macros.outputs.compose import load


@pytest.mark.parametrize("raci, expected", [
    ({"responsible": "a", "accountable": "a", "consulted": ["b", "c"], "informed": ["c"]},
     {"a": "RA", "b": "C", "c": "CI"}),
    ({"responsible": ["a", "a"], "accountable": "b"}, {"a": "R", "b": "A"}),  # named twice: one letter
    ({"informed": "a", "responsible": "a"}, {"a": "RI"}),  # always in R, A, C, I order
    ({"responsible": None, "consulted": [3, "b"]}, {"b": "C"}),
    ({}, {}),
])
def test_letters_by_role(raci, expected):
    assert q.letters_by_role(raci) == expected
    for role in ("a", "b", "c", "d"):
        assert q.letters(raci, role) == expected.get(role, "")


def test_every_role_a_shipped_step_names_has_a_column_in_the_matrix():
    model = load(ROOT).model
    roles = {r.id for r in q.roles_in_raci(model)}
    steps = [row.step for row in q.all_steps(model)]
    assert len(steps) > 50 and len(roles) > 5
    for step in steps:
        by_role = q.letters_by_role(step.get("raci") or {})
        assert by_role and set(by_role) <= roles, step.get("id")
        assert sum(letters.count("A") for letters in by_role.values()) == 1, step.get("id")  # one accountable


def test_the_process_order_is_the_same_list_each_time_and_a_fresh_one():
    model = load(ROOT).model
    first, second = q.ordered_processes(model), q.ordered_processes(model)
    assert first == second and first is not second
    first.reverse()  # a caller's own copy: the next caller still gets the reading order
    assert q.ordered_processes(model) == second
