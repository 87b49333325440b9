"""Two-core rendering gives exactly what one core gives, also when the child fails."""
from __future__ import annotations

import os

import pytest

from conftest import ROOT
from macros.outputs.site.render import parallel

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="POSIX fork only")


def test_the_shipped_pages_render_the_same_on_two_cores():
    from macros.outputs.site import pages
    from macros.outputs.compose import load
    from macros.outputs.site.render import Ctx, shared_for
    result = load(ROOT)
    shared = shared_for(result.model)
    generated = pages.generated(result.model)
    assert parallel.usable(len(generated))  # else this test would not test the fork

    def render(page):
        return page.render(Ctx(shared, page.path))
    assert parallel.render_all(generated, render) == [render(p) for p in generated]


def test_a_failing_child_falls_back_to_rendering_here(monkeypatch):
    monkeypatch.setattr(parallel, "MIN_PAGES", 2)
    parent = os.getpid()

    def render(n):
        if os.getpid() != parent:
            raise RuntimeError("only in the child")
        return n * n
    assert parallel.render_all(list(range(7)), render) == [n * n for n in range(7)]


def test_threads_keep_it_on_one_core(monkeypatch):
    import threading
    monkeypatch.setattr(threading, "active_count", lambda: 2)  # as under `mkdocs serve`
    assert not parallel.usable(10_000)


def test_an_error_here_stops_the_child_and_comes_through(monkeypatch):
    """The child may be blocked writing more than a pipe holds; an error in
    this process must not wait for it forever."""
    monkeypatch.setattr(parallel, "MIN_PAGES", 2)
    parent = os.getpid()

    def render(n):
        if os.getpid() == parent and n == 4:
            raise ValueError("a broken page")
        return "x" * 1_000_000  # far more than a pipe buffers
    with pytest.raises(ValueError, match="a broken page"):
        parallel.render_all(list(range(8)), render)
