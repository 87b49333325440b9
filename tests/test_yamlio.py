"""The strict loader on its own: values, positions and refusals."""
from __future__ import annotations

import time

import pytest

from macros.load.yamlio import LoadError, decode, load_text


def load(text):
    return load_text(text, "t.yml")


def error_of(text):
    with pytest.raises(LoadError) as info:
        load(text)
    return info.value.problem


@pytest.mark.parametrize("text, value", [
    ("a: 2024-03-01", "2024-03-01"),  # dates stay strings
    ("a: no", "no"), ("a: on", "on"), ("a: Yes", "Yes"),  # YAML 1.1 booleans are not
    ("a: 1:20", "1:20"),  # sexagesimal is not 80
    ("a: 012", "012"),  # octal is not 10
    ("a: 0x1F", "0x1F"),
    ("a: true", True), ("a: false", False),
    ("a: 12", 12), ("a: -3", -3), ("a: 1.5", 1.5),
    ("a: ~", None), ("a:", None), ("a: null", None),
    ("a: '12'", "12"), ('a: "true"', "true"),
    ("a: !!str 12", "12"), ("a: !!str 1.5e3", "1.5e3"), ("a: 1.5e3", 1500.0),  # a hand-written str tag wins
    ("a: !!int 12", 12), ('a: !!int "12"', "12"), ("a: '<<'", "<<"),
])
def test_scalar_resolution(text, value):
    assert load(text).data["a"] == value


def test_keys_are_always_text():
    assert load("1: a\nno: b\n").data == {"1": "a", "no": "b"}


def test_positions_are_kept_for_every_node():
    doc = load("a:\n  b: [1, 2]\n  c:\n    - x: 1\n")
    assert doc.where(("a", "b")) == (2, 3)
    assert doc.where(("a", "b", 1)) == (2, 10)
    assert doc.where(("a", "c", 0, "x")) == (4, 7)
    assert doc.where(("a", "missing", "deeper")) == (1, 1)  # nearest existing ancestor


def test_duplicate_key_names_both_lines():
    p = error_of("a: 1\nb: 2\na: 3\n")
    assert (p.line, p.col) == (3, 1)
    assert "duplicate key 'a' (first defined at line 1)" in p.message


def test_nested_duplicate_key():
    p = error_of("x:\n  a: 1\n  a: 2\n")
    assert (p.line, p.col) == (3, 3)


def test_alias_bomb_fails_fast():
    lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    for prev, name in zip("abcdefgh", "bcdefghi"):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    start = time.perf_counter()
    p = error_of("\n".join(lines))
    assert "alias" in p.message
    assert time.perf_counter() - start < 10  # generous: it stops at the node budget


@pytest.mark.parametrize("text, message", [
    ("x: &a [ *a ]\n", "an alias refers to a node that contains it (a cycle): it would never end; "
                       "write the values out instead"),
    ("x0: &a0 [1]\n" + "".join(f"x{i}: &a{i} [*a{i - 1}]\n" for i in range(1, 1500)),
     "nested deeper than 200 levels (through aliases?): write the values out instead"),
    ("s: &s '" + "a" * 2000 + "'\nl: [" + ", ".join(["*s"] * 50_000) + "]\n",
     "aliases repeat more than 200,000 characters of text (an alias bomb?); write the values out instead"),
])
def test_alias_cycles_chains_and_amplification_are_refused(text, message):
    """Red-team F12/F13: a 13-byte cycle and a 1,500-deep chain were
    RecursionErrors; 656 KB of aliases made a 100 MB page."""
    start = time.perf_counter()
    assert error_of(text).message == message
    assert time.perf_counter() - start < 10


def test_a_large_file_without_aliases_is_not_called_a_bomb():
    """Red-team F23: 100,000 plain terms were reported as an alias bomb."""
    text = "terms:\n" + "".join(f"  - {{a: {i}, b: {i}}}\n" for i in range(70_000))
    assert error_of(text).message == "too many values (over 200,000): split the file into smaller ones"


def test_small_aliases_are_fine():
    assert load("a: &x [1, 2]\nb: *x\n").data["b"] == [1, 2]


@pytest.mark.parametrize("text", [
    "a: !!python/object/apply:os.system ['ls']",
    "a: !!python/name:os.system",
    "!!python/object:object {}",
    "a: !custom x",
    "a: !!set {x}",
])
def test_unsafe_tags_are_refused(text):
    assert "is not allowed" in error_of(text).message


def test_merge_keys_are_refused():
    assert "merge keys" in error_of("a: &x {k: 1}\nb:\n  <<: *x\n").message


def test_tab_indentation_is_located():
    p = error_of("a:\n\tb: 1\n")
    assert p.line == 2 and "tab" in p.message


def test_invalid_utf8_is_located():
    with pytest.raises(LoadError) as info:
        decode("a: 1\nb: é\n".encode("utf-8").replace("é".encode(), b"\xe9"), "t.yml")
    p = info.value.problem
    assert (p.line, p.col) == (2, 4) and "UTF-8" in p.message


def test_bom_and_crlf():
    text = decode(b"\xef\xbb\xbfa: 1\r\nb: x\r\n", "t.yml")
    assert load(text).data == {"a": 1, "b": "x"}


@pytest.mark.parametrize("text", ["", "   \n", "# only a comment\n"])
def test_empty_file(text):
    assert "empty" in error_of(text).message


def test_syntax_error_is_located():
    p = error_of("a: [1, 2\nb: 3\n")
    assert p.line == 2 and "syntax" in p.message
