"""The compiled verdict (macros/schema/verdict.py) says yes only where jsonschema finds no error.

A yes skips jsonschema, so a yes on a document that jsonschema rejects would
hide that document's problems from `handbook check`. These tests hold the
two equal on the shipped data, on every corpus case, and on mutations of
the shipped data aimed at what each keyword decides (types, enums, patterns,
formats, unknown and missing keys, references); and they pin that anything
the compiled validator cannot handle is left to jsonschema.
"""
from __future__ import annotations

import copy
import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import FIXTURES, ROOT, make_project
from macros.check.pipeline import discover
from macros.load.yamlio import LoadError, load_file
from macros.model.entities import Model
from macros.model import references, timelimits
from macros.schema import ecma, private
from macros.schema import validate as schemas
from macros.schema.compiled import CompiledSchemas
from macros.schema.verdict import Verdicts

DRAFT = "https://json-schema.org/draft/2020-12/schema"


class Project:
    """A project's documents as the check's validation step meets them."""

    def __init__(self, root: Path, compiled: CompiledSchemas | None = None):
        found, _ = discover(root)
        self.docs = []
        for path, shown, kind in found:
            try:
                self.docs.append((load_file(path, shown), kind.schema))
            except LoadError:
                continue
        self.model, _ = Model.index([d for d, _ in self.docs], root=root)
        self.compiled = compiled or CompiledSchemas(root)

    def both(self, doc, name, data=None):
        """(compiled verdict, jsonschema's verdict) on `data` (default: the document's own)."""
        data = doc.data if data is None else data
        resolve = self.model.resolver_for(doc)
        jsonschema_ok = not schemas.iter_errors(self.compiled.inlined[name], self.compiled.registry, data, resolve)
        return self.compiled.verdicts.valid(name, data, resolve), jsonschema_ok


SHIPPED = Project(ROOT)


def test_every_shipped_document_is_valid_to_both():
    verdicts = [SHIPPED.both(doc, name) for doc, name in SHIPPED.docs]
    assert len(verdicts) >= 50
    assert verdicts == [(True, True)] * len(verdicts)


CASES = sorted(p for kind in ("valid", "invalid", "warnings") for p in (FIXTURES / kind).iterdir() if p.is_dir())


def test_every_corpus_case_is_decided_alike(tmp_path):
    seen, base_done = {True: 0, False: 0}, set()
    for i, case in enumerate(CASES):
        overlay = {p.relative_to(case / "files").as_posix() for p in (case / "files").rglob("*") if p.is_file()}
        if any(file.startswith("data/schemas/") for file in overlay):
            continue  # a case about a broken schema: the check reports the schema and validates nothing
        # The shipped schemas (a case that changes them is left out above).
        project = Project(make_project(tmp_path / str(i), case / "files"), SHIPPED.compiled)
        for doc, name in project.docs:
            if doc.file not in overlay:  # a base file, the same in every case: compared once
                if doc.file in base_done:
                    continue
                base_done.add(doc.file)
            compiled, jsonschema_ok = project.both(doc, name)
            assert compiled == jsonschema_ok, f"{case.name}: {doc.file}"
            seen[compiled] += 1
    assert seen[False] >= 15 and seen[True] >= 10, seen  # the invalid cases reach the validator, not only the loader


# Values aimed at what the schemas decide: ECMA-262 line ends and spaces,
# digits outside ASCII, impossible and leap dates, ids of every shape,
# numbers at the edges, and every JSON type.
VALUES = st.sampled_from([
    "", " ", "x", "abc", "abc\n", "\nabc", "a b", "a:b", "a:\ufeffb", "a:\x85b", "a:\u3000b", "٣", "١٢", "é",
    "enrolment", "process:enrolment", "process:nope", "role:director", "director", "nope", "Director",
    "specialist-enrolment", "manager-enrolment", "meetings/index.md", "nope.md", "a/../b.md",
    "2026-01-01", "2024-02-29", "2025-02-29", "2025-02-30", "2026-1-1", "20260101", "未知",
    "引言", "三.1", "三.一", "七.2.10", "https://example.org", "http://example.org", "mailto:a@b.c", "a@b.c",
    "working_days", "calendar_days", "months", "weeks", "year", "week", "internal", "external",
    "名称", "学籍管理部门", "（）", "x" * 200, "\x00", "\x7f", "\u2028",
    -1, 0, 1, 2, 5, 12, 31, 1000, 10 ** 9, 1.0, 1.5, True, False, None, [], {}, ["x"], {"id": "x"},
])


def _nodes(data, at=()):
    """Every (path, value) below `data`, containers included."""
    yield at, data
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _nodes(value, at + (key,))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _nodes(value, at + (i,))


def _mutated(data, path, how, value):
    out = copy.deepcopy(data)
    if not path:
        return value if how == "replace" else out
    parent = out
    for step in path[:-1]:
        parent = parent[step]
    last = path[-1]
    if how == "replace":
        parent[last] = value
    elif how == "delete":
        del parent[last]
    elif how == "add-key" and isinstance(parent[last], dict):
        parent[last]["unexpected_key"] = value
    elif how == "duplicate" and isinstance(parent, list):
        parent.append(copy.deepcopy(parent[last]))
    return out


SEEN: dict = {True: 0, False: 0}
VALID_MUTANTS: list = []  # (doc, schema name, data): mutations both call valid, for the walks below


@settings(max_examples=1000, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def _a_mutation_is_decided_alike(data):
    doc, name = data.draw(st.sampled_from(SHIPPED.docs), label="document")
    path, _ = data.draw(st.sampled_from(list(_nodes(doc.data))), label="node")
    how = data.draw(st.sampled_from(["replace", "replace", "replace", "delete", "add-key", "duplicate"]), label="how")
    value = data.draw(VALUES, label="value")
    mutated = _mutated(doc.data, path, how, value)
    compiled, jsonschema_ok = SHIPPED.both(doc, name, mutated)
    assert compiled == jsonschema_ok, (doc.file, path, how, value)
    SEEN[compiled] += 1
    if compiled:
        VALID_MUTANTS.append((doc, name, mutated))


def test_mutations_of_the_shipped_data_are_decided_alike():
    SEEN.update({True: 0, False: 0})
    VALID_MUTANTS.clear()
    _a_mutation_is_decided_alike()
    # Both answers, many times: mutations that only ever made valid (or only
    # invalid) documents would prove nothing.
    assert SEEN[True] >= 150 and SEEN[False] >= 350, SEEN


def _verdicts(schema: dict) -> Verdicts:
    return Verdicts({"t.schema.json": {"$schema": DRAFT, "$id": "https://handbook.invalid/t.schema.json", **schema}})


def test_a_pattern_means_what_it_means_in_ecma_262():
    pattern = "^[a-z][a-z-]*:[^\\s:]+$"
    verdicts = _verdicts({"pattern": pattern})
    for value in ["a:b", "a:b\n", "a:\ufeffb", "a:\u3000b", "a:\x85b", "ab", "a-b:c"]:
        assert verdicts.valid("t.schema.json", value) == ecma.search(pattern, value), repr(value)
    assert not verdicts.valid("t.schema.json", "a:b\n")  # Python's `$` would accept the newline


def test_a_format_is_decided_by_jsonschemas_own_checker():
    verdicts = _verdicts({"type": "string", "format": "date"})
    assert verdicts.valid("t.schema.json", "2024-02-29")
    assert not verdicts.valid("t.schema.json", "2025-02-29")
    assert not verdicts.valid("t.schema.json", "2026-1-1")


def test_a_reference_is_asked_of_the_documents_resolver():
    verdicts = _verdicts({"type": "string", "x-ref": "role"})
    known = {"director"}
    asked = []

    def resolve(kind, value):
        asked.append((kind, value))
        return None if value in known else f"unknown {kind} '{value}'"

    assert verdicts.valid("t.schema.json", "director", resolve)
    assert not verdicts.valid("t.schema.json", "nobody", resolve)
    assert asked == [("role", "director"), ("role", "nobody")]


def test_a_value_it_cannot_read_is_left_to_jsonschema():
    verdicts = _verdicts({"type": "object", "additionalProperties": {"type": "string"}})
    assert verdicts.valid("t.schema.json", {"a": "x"})
    for unreadable in ({"a": dt.date(2026, 1, 1)}, {"a": {1, 2}}, {"a": object()}, {1: "x"}):
        assert verdicts.valid("t.schema.json", unreadable) is False


JSON_TYPES = (dict, list, str, int, float, bool, type(None))


def test_the_loader_gives_the_verdict_only_json_values(tmp_path):
    """The compiled validator reads a tuple as an array, which jsonschema
    does not: the verdict relies on yamlio making plain JSON values only."""
    dates = Project(make_project(tmp_path, FIXTURES / "valid" / "dates-stay-strings" / "files"))
    for doc, _ in SHIPPED.docs + dates.docs:
        for path, value in _nodes(doc.data):
            assert type(value) in JSON_TYPES, (doc.file, path, type(value))
            if isinstance(value, dict):
                assert all(type(k) is str for k in value), (doc.file, path)


def test_a_schema_it_cannot_compile_is_left_to_jsonschema():
    verdicts = _verdicts({"type": 5})
    assert verdicts.valid("t.schema.json", "anything") is False
    assert Verdicts({}).valid("t.schema.json", "anything") is False


class _JsonschemaParts(CompiledSchemas):
    """The walks' branch question answered by jsonschema alone, as before the
    compiled part checks; counts the answers."""

    answers = {True: 0, False: 0}

    def fits(self, branch, resolver, value):
        answer = private.validator_in_scope(branch, resolver).is_valid(value)
        self.answers[answer] += 1
        return answer


def _walks(compiled, doc, name, data):
    common = compiled.written["common.schema.json"]["$defs"]
    targets = {id(common["deadline"]): "deadline", id(common["cycle"]): "cycle"}
    doc = dataclasses.replace(doc, data=data)
    refs = [(r.path, r.kind, r.target) for r in references.walk(doc, compiled.inlined[name], compiled)]
    limits = [(path, kind, value) for path, kind, value, _, _ in
              timelimits._walk(data, compiled.written[name], compiled, targets)]
    return refs, limits


def test_the_walks_take_the_same_branches_with_compiled_part_checks():
    """The reference and time-limit walks choose a oneOf/anyOf branch by
    asking which one fits: the compiled answer must be jsonschema's, yes and
    no, on the shipped documents and on valid mutations of them."""
    if not VALID_MUTANTS:
        _a_mutation_is_decided_alike()
    jsonschema_only = _JsonschemaParts(ROOT)
    cases = [(doc, name, doc.data) for doc, name in SHIPPED.docs] + VALID_MUTANTS
    for doc, name, data in cases:
        assert _walks(SHIPPED.compiled, doc, name, data) == _walks(jsonschema_only, doc, name, data), doc.file
    assert jsonschema_only.answers[True] >= 100 and jsonschema_only.answers[False] >= 100, jsonschema_only.answers
