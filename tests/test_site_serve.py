"""`handbook serve` (`make serve`) previews the whole build and picks up edits
without a restart: a YAML value shows on its page, the linked PDF, the
calendar feeds and api/v1 are served, a change to the rendering code in
macros/ is reloaded, and data with problems keeps the last good page while
the check lines go to the terminal and over the page."""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from conftest import SESSION_EPOCH
from macros.outputs.site.preview_http import ERRORS_TITLE, STATE
from sitetools import project_with


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()
    except OSError:
        return 0, b""


def fetch(url: str) -> str:
    return get(url)[1].decode("utf-8", errors="replace")


def wait_for(test, seconds: float = 180, step: float = 0.02) -> float | None:
    """Seconds until test() held, None if it never did."""
    start = time.monotonic()
    while time.monotonic() - start < seconds:
        if test():
            return time.monotonic() - start
        time.sleep(step)
    return None


@pytest.fixture
def served(tmp_path):
    root = project_with(tmp_path)
    port = free_port()
    # Dated like conftest's session build: the PDFs come from the session's cache.
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1",
           "SOURCE_DATE_EPOCH": SESSION_EPOCH}
    log = (tmp_path / "serve.log").open("w")
    proc = subprocess.Popen([sys.executable, "-m", "macros.cli.main", "serve", "--dev-addr", f"127.0.0.1:{port}"],
                            cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT, text=True)
    try:
        yield root, f"http://127.0.0.1:{port}/", tmp_path / "serve.log"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def test_edits_show_without_restart_with_pdfs_feeds_and_api(served):
    root, url, log = served
    page = url + "roles/director/"
    assert wait_for(lambda: "总监" in fetch(page)), "handbook serve did not come up"
    assert "/__preview__/state" in fetch(page)  # the live-reload script

    # The whole build is previewed: the linked PDF, a feed, the API.
    assert 'href="../../print/' in fetch(url + "processes/enrolment/")
    pdf = url + "print/enrolment.pdf"
    assert wait_for(lambda: get(pdf)[1].startswith(b"%PDF")), "the PDF was never served: " + log.read_text()
    assert get(url + "calendar/director.ics")[1].startswith(b"BEGIN:VCALENDAR")
    assert get(url + "api/v1/schemas/checklist.schema.json")[0] == 200
    assert "enrolment.pdf" in fetch(url + "print/")  # the engine's page beside the PDFs stays

    # A one-field YAML edit shows on its page.
    roles = root / "data" / "roles.yml"
    text = roles.read_text(encoding="utf-8")
    marker = "热更新测试值一二三"
    new = text.replace("summary: ", f"summary: {marker}", 1)
    assert new != text
    roles.write_text(new, encoding="utf-8")
    seconds = wait_for(lambda: marker in fetch(page))
    assert seconds is not None, "the edited YAML value never appeared"
    print(f"\nedit to served page: {seconds:.2f} s")

    # An edit to a checklist reaches its PDF (rendered again in the background).
    before = get(pdf)[1]
    checklist = root / "checklists" / "enrolment.yml"
    checklist.write_text(checklist.read_text(encoding="utf-8").replace(
        "      - step: enrolment.data-entry\n", "      - step: enrolment.data-entry\n        note: 预览中新增的说明\n", 1),
        encoding="utf-8")
    assert wait_for(lambda: get(pdf)[1] not in (before, b"") and get(pdf)[1].startswith(b"%PDF")), \
        "the edited checklist's PDF was never served again"

    # Data with a problem: the check's lines in the terminal and in the state
    # the page's script lays over it; the last good page stays.
    roles.write_text(new.replace("summary: ", "summary: [", 1), encoding="utf-8")
    assert wait_for(lambda: json.loads(fetch(url + STATE.lstrip("/")))["errors"]), "no errors reported"
    errors = json.loads(fetch(url + STATE.lstrip("/")))["errors"]
    assert any(line.startswith("data/roles.yml:") for line in errors), errors
    # The cause, not hundreds of "unknown role" lines from the files that refer to it.
    assert any("YAML syntax error" in line for line in errors) and len(errors) <= 3, errors
    assert "Traceback" not in "\n".join(errors)
    assert marker in fetch(page)
    assert wait_for(lambda: "data/roles.yml:" in log.read_text(), 10)
    assert ERRORS_TITLE in fetch(page)  # the overlay's heading travels with the script
    roles.write_text(new, encoding="utf-8")
    assert wait_for(lambda: json.loads(fetch(url + STATE.lstrip("/")))["errors"] == [])

    # The rendering code: the preview restarts itself on the same address.
    code = root / "macros" / "outputs" / "site" / "render" / "pages_role.py"
    src = code.read_text(encoding="utf-8")
    assert '"岗位信息"' in src
    code.write_text(src.replace('"岗位信息"', '"岗位信息（代码已热更新）"', 1), encoding="utf-8")
    assert wait_for(lambda: "岗位信息（代码已热更新）" in fetch(page)), "the edited rendering code was not reloaded"


def test_a_restart_lets_the_page_being_sent_finish():
    """The preview replaces itself after a code change (serve._restart); a
    page it was still sending must arrive whole, not cut off (CI saw
    IncompleteRead on a 60 KB page before drain() existed)."""
    import http.server
    import threading

    from macros.outputs.site.preview_http import Server

    body = b"x" * 200_000
    started, sent = threading.Event(), threading.Event()

    class Slow(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            started.set()
            time.sleep(0.5)
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            sent.set()

        def log_message(self, *args):
            pass

    server = Server(("127.0.0.1", 0), Slow)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    got = {}
    client = threading.Thread(target=lambda: got.update(r=get(f"http://127.0.0.1:{server.server_port}/")))
    client.start()
    assert started.wait(10)
    server.drain()
    assert sent.is_set(), "drain() returned while the page was still being sent"
    client.join(10)
    server.server_close()
    assert got["r"] == (200, body)


def test_the_first_edit_after_a_commit_builds_only_the_pages_it_changes(tmp_path, monkeypatch):
    """Every page ends with the handbook version, and the first edit after a
    commit turns it into "…（有未提交改动）". The preview's pages hold a
    placeholder the server fills in, so that edit builds only the pages whose
    content changed (it built all 78, 2 s or more, the first edit of every
    session); yet every page, and the search index, say the new version."""
    from git_helpers import commit_all, init

    from macros.outputs import provenance, steps
    from macros.outputs.site import engine as engines, preview_http, serve

    root = project_with(tmp_path)
    init(root)
    commit_all(root, "handbook")
    monkeypatch.setattr(steps, "steps", lambda: [])  # the pages only: no PDFs rendering beside
    preview = serve.Preview(root, engines.get(None), root / serve.PREVIEW / "sources")
    assert preview.cycle(whole=True)
    committed = provenance.version(root)
    assert preview.handbook_version == committed and "（" not in committed

    site = root / serve.PREVIEW / "site"
    untouched = site / "maintainers" / "performance" / "index.html"
    assert preview_http.VERSION_SLOT in untouched.read_text(encoding="utf-8")
    written = {p: p.stat().st_mtime_ns for p in site.rglob("*.html")}
    time.sleep(0.05)
    process = root / "data" / "processes" / "enrolment.yml"
    process.write_text(process.read_text(encoding="utf-8").replace("\nsummary: ", "\nsummary: 改一处：", 1),
                       encoding="utf-8")
    assert preview.cycle()
    assert preview.handbook_version == f"{committed}（有未提交改动）"
    rebuilt = [p for p, mtime in written.items() if p.stat().st_mtime_ns != mtime]
    assert site / "processes" / "enrolment" / "index.html" in rebuilt
    assert untouched not in rebuilt and len(rebuilt) < len(written) / 3, sorted(map(str, rebuilt))

    server = preview_http.listen(preview, "127.0.0.1", free_port())
    try:
        base = f"http://127.0.0.1:{server.server_port}/"
        page = fetch(base + "maintainers/performance/")
        assert f"手册版本 {committed}（有未提交改动）" in page and preview_http.VERSION_SLOT not in page
        assert preview_http.VERSION_SLOT in (site / "search" / "search_index.json").read_text(encoding="utf-8")
        index = fetch(base + "search/search_index.json")
        assert preview_http.VERSION_SLOT not in index and f"{committed}（有未提交改动）" in index
        assert json.loads(index)["docs"]
    finally:
        server.shutdown()
        server.server_close()
