"""The intranet recipe, for real: README's own nginx server block serves a
fresh build of the shipped handbook on 127.0.0.1, with nginx's workers
running as its usual unprivileged user (www-data), as on a school server.

Every page, PDF, feed and export file answers 200, the search index comes
gzipped, and every internal link and anchor resolves over HTTP. Red-team
review F9 (a 0700 site root served nothing to another user) is the reason
this runs as www-data rather than as the builder.

Debian's nginx is installed when the tests run as root (like the system
packages in the Makefile); otherwise the test is skipped, and REQUIRE_BROWSER=1
turns that skip into a failure.
"""
from __future__ import annotations

import gzip
import os
import re
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import quote, unquote, urljoin, urlsplit

import pytest

from conftest import ROOT, copy_shipped, need_system
from sitetools import Links, build

USER = "www-data"  # Debian's nginx runs its workers as this user


def _ensure_nginx() -> str | None:
    if shutil.which("nginx") is None and os.geteuid() == 0 and shutil.which("apt-get"):
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run("apt-get update -qq && apt-get install -y -qq --no-install-recommends nginx",
                       shell=True, env=env, capture_output=True, timeout=600)
    return shutil.which("nginx") or (Path("/usr/sbin/nginx").exists() and "/usr/sbin/nginx") or None


def readme_server_block() -> str:
    """The nginx block README.md tells an administrator to use, verbatim."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    m = re.search(r"```nginx\n(server \{.*?\n\})\n```", text, re.S)
    assert m, "README.md has no ```nginx server block"
    return m.group(1)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    nginx = _ensure_nginx()
    need_system("nginx", nginx is not None)
    if os.geteuid() != 0:
        pytest.skip("nginx's workers switch to www-data only when started as root")
    # Outside pytest's 0700 temporary folders: www-data must reach the site
    # the way it would reach /srv/xueji-handbook/site.
    top = Path(tempfile.mkdtemp(prefix="hb-nginx-"))
    top.chmod(0o755)
    try:
        root = copy_shipped(tmp_path_factory.mktemp("nginx"))
        site = top / "site"
        assert build(root, site) == 0
        port = _free_port()
        block = readme_server_block()
        block = block.replace("listen 80;", f"listen 127.0.0.1:{port};")
        block = block.replace("root /srv/xueji-handbook/site;", f"root {site};")
        assert f"root {site};" in block and f"listen 127.0.0.1:{port};" in block
        run = top / "run"
        run.mkdir()
        conf = run / "nginx.conf"
        temp = "".join(f"    {k}_temp_path {run}/{k};\n" for k in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
        conf.write_text(f"user {USER};\nworker_processes 1;\npid {run}/nginx.pid;\nerror_log {run}/error.log;\n"
                        f"events {{}}\nhttp {{\n    include /etc/nginx/mime.types;\n"
                        f"    default_type application/octet-stream;\n    access_log {run}/access.log;\n{temp}"
                        f"{block}\n}}\n", encoding="utf-8")
        check = subprocess.run([nginx, "-t", "-c", str(conf), "-p", str(run)], capture_output=True, text=True)
        assert check.returncode == 0, check.stderr
        proc = subprocess.Popen([nginx, "-c", str(conf), "-p", str(run), "-g", "daemon off;"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(base + "/", timeout=2).close()
                break
            except (urllib.error.URLError, ConnectionError):
                assert proc.poll() is None, proc.stderr.read().decode()
                time.sleep(0.1)
        try:
            yield site, base, proc.pid
        finally:
            proc.terminate()
            proc.wait(timeout=20)
    finally:
        shutil.rmtree(top, ignore_errors=True)


def get(url: str, **headers):
    req = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


def _url(base: str, rel: str) -> str:
    return f"{base}/{quote(rel)}"


def test_workers_run_as_the_unprivileged_user(served):
    _, _, master = served
    workers = subprocess.run(["ps", "-o", "user=", "--ppid", str(master)], capture_output=True, text=True).stdout.split()
    assert workers and set(workers) == {USER}


def test_every_published_file_answers_200(served):
    site, base, _ = served
    files = sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()
                   and not p.name.startswith("."))
    kinds = {Path(f).suffix for f in files}
    assert {".html", ".pdf", ".ics", ".json"} <= kinds
    assert any(f.startswith("api/") for f in files) and any(f.startswith("print/") for f in files)
    failed = [(f, status) for f in files for status in [get(_url(base, f))[0]] if status != 200]
    assert failed == []
    pages = [f[: -len("index.html")] for f in files if f.endswith("index.html")]
    assert [p for p in pages if get(_url(base, p))[0] != 200] == []  # directory URLs, as the nav links them


def test_search_index_is_served_gzipped(served):
    site, base, _ = served
    status, headers, body = get(base + "/search/search_index.json", **{"Accept-Encoding": "gzip"})
    assert status == 200 and headers.get("Content-Encoding") == "gzip"
    original = (site / "search" / "search_index.json").read_bytes()
    assert gzip.decompress(body) == original and len(body) < len(original) / 3


def test_a_missing_page_gets_the_sites_404(served):
    site, base, _ = served
    status, _, body = get(base + "/no-such-page/")
    assert status == 404 and body == (site / "404.html").read_bytes()


def test_every_internal_link_and_anchor_resolves_over_http(served):
    """The link check of the built files (tests/sitetools.broken_links), done
    against what nginx serves."""
    site, base, _ = served
    pages = {}

    def page(url):
        if url not in pages:
            status, headers, body = get(url)
            links = Links()
            if status == 200 and headers.get("Content-Type", "").startswith("text/html"):
                links.feed(body.decode("utf-8"))
            pages[url] = (status, links)
        return pages[url]

    start = [_url(base, p.relative_to(site).as_posix()[: -len("index.html")]) for p in site.rglob("index.html")]
    broken = []
    for url in start:
        for tag, key, ref in page(url)[1].refs:
            if re.match(r"^[a-z][a-z0-9+.-]*:", ref, re.I) and not ref.startswith(base):
                continue  # another scheme or host: the self-contained test covers resources
            target = urlsplit(urljoin(url, ref))
            if target.netloc != urlsplit(base).netloc:
                continue
            status, links = page(target._replace(fragment="").geturl())
            frag = unquote(target.fragment)
            if status != 200:
                broken.append(f"{url}: {ref} ({status})")
            elif frag and links.refs and frag not in links.ids:
                broken.append(f"{url}: {ref} (no anchor)")
    assert len(start) > 50 and broken == []
