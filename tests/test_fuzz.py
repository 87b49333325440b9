"""Fuzzing: the loader and the checker never raise, whatever the YAML.

Random YAML-ish documents and random mutations of real data files go through
the whole pipeline. The contract: no exception escapes, every problem names a
file and a line, and the CLI exits 0 or 1. FUZZ_EXAMPLES raises the count
for a longer run (the default keeps `make test` quick).
"""
from __future__ import annotations

import os
import shutil

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import BASE, make_project
from macros.cli.main import main
from macros.outputs.compose import load

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "60"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

TARGETS = sorted(p.relative_to(BASE).as_posix() for p in (BASE / "data").rglob("*.yml"))
YAML_BITS = ["-", ":", " ", "  ", "\t", "\n", "[", "]", "{", "}", ",", "&a", "*a", "!!", "!!python/name:os.system",
             "<<: ", "'", '"', "#", "|", ">", "? ", "---", "...", "id: x", "yes", "2024-03-01", "1:20", "012",
             "~", "\ufeff", "\r\n", "\xff", "名称", "%YAML 1.1", "%TAG ! tag:x,2000:", "@", "`", "\x00"]


@st.composite
def yaml_text(draw):
    return "".join(draw(st.lists(st.one_of(st.sampled_from(YAML_BITS), st.text(max_size=5)), max_size=40)))


@st.composite
def mutation(draw):
    target = draw(st.sampled_from(TARGETS))
    text = (BASE / target).read_text(encoding="utf-8")
    for _ in range(draw(st.integers(1, 4))):
        pos = draw(st.integers(0, max(len(text) - 1, 0)))
        op = draw(st.sampled_from(["delete", "insert", "dup-line", "truncate", "indent"]))
        if op == "delete":
            text = text[:pos] + text[pos + draw(st.integers(1, 8)):]
        elif op == "insert":
            text = text[:pos] + draw(st.sampled_from(YAML_BITS)) + text[pos:]
        elif op == "dup-line":
            lines = text.splitlines(keepends=True)
            i = draw(st.integers(0, max(len(lines) - 1, 0)))
            text = "".join(lines[: i + 1] + lines[i:i + 1] + lines[i + 1:])
        elif op == "truncate":
            text = text[:pos]
        else:
            text = text[:pos] + " " * draw(st.integers(1, 3)) + text[pos:]
    return target, text


def _assert_clean_failure(root):
    result = load(root)  # must not raise
    for p in result.problems:
        assert p.file and p.line >= 1 and p.col >= 1 and p.message, p
    return result


@FUZZ
@given(text=yaml_text())
def test_random_documents_never_crash(tmp_path_factory, text):
    root = make_project(tmp_path_factory.mktemp("fuzz"))
    (root / "data/processes/fuzz.yml").write_bytes(text.encode("utf-8", errors="surrogatepass"))
    _assert_clean_failure(root)
    assert main(["check", str(root)]) in (0, 1)
    shutil.rmtree(root)


@FUZZ
@given(case=mutation())
def test_mutated_real_files_never_crash(tmp_path_factory, case):
    target, text = case
    root = make_project(tmp_path_factory.mktemp("mut"))
    (root / target).write_bytes(text.encode("utf-8", errors="surrogatepass"))
    _assert_clean_failure(root)
    shutil.rmtree(root)
