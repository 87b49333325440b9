"""`handbook serve` (`make serve`) picks up edits without a restart: a YAML
value, a change to the rendering code in macros/, and data with problems
keeps the last good page while the check lines are printed."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from sitetools import project_with


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.read().decode("utf-8")
    except OSError:
        return ""


def wait_for(url: str, text: str, seconds: float = 180) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if text in fetch(url):
            return True
        time.sleep(0.5)
    return False


@pytest.fixture
def served(tmp_path):
    root = project_with(tmp_path)
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "macros.cli.main", "serve", "--dev-addr", f"127.0.0.1:{port}"],
                            cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        yield root, f"http://127.0.0.1:{port}/"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


def test_yaml_and_code_edits_show_without_restart(served):
    root, url = served
    page = url + "roles/director/"
    assert wait_for(page, "总监"), "handbook serve did not come up"

    roles = root / "data" / "roles.yml"
    text = roles.read_text(encoding="utf-8")
    marker = "热更新测试值一二三"
    new = text.replace("summary: ", f"summary: {marker}", 1)
    assert new != text
    roles.write_text(new, encoding="utf-8")
    assert wait_for(page, marker), "the edited YAML value never appeared"

    code = root / "macros" / "outputs" / "site" / "render" / "pages_org.py"
    src = code.read_text(encoding="utf-8")
    assert '"基本信息"' in src
    code.write_text(src.replace('"基本信息"', '"基本信息（代码已热更新）"', 1), encoding="utf-8")
    assert wait_for(page, "基本信息（代码已热更新）"), "the edited rendering code was not reloaded"

    # A data problem: the page stays as it was, the sources are not touched.
    sources = root / "build" / "sources" / "docs" / "roles" / "director.md"
    before = sources.read_bytes()
    roles.write_text(new.replace("summary: ", "summary: [", 1), encoding="utf-8")
    time.sleep(6)
    assert sources.read_bytes() == before
    assert marker in fetch(page)
