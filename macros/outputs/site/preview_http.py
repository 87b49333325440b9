"""The preview's web server: the last good site, a live-reload script, and the
check's lines over the page while the data has errors.

Every HTML page it serves gets a small script that asks /__preview__/state
three times a second: a new version reloads the page; a version with errors
keeps the page and lays the `handbook check` lines over it. Requests wait
while the site is being changed (Preview.lock), so a page is never read half
written. Before the first good build there is no site: every path answers
with a page that shows the errors (or says the preview is being built).
"""
from __future__ import annotations

import html
import http.server
import json
import os
import socket
import threading
from urllib.parse import urlsplit

from markupsafe import escape

STATE = "/__preview__/state"
# What the preview's pages say in place of the handbook version, filled in as
# each page (and the search index) is served. The first edit after a commit
# makes the version "…（有未提交改动）"; written into every page, it had
# every page built again, and the first edit of a session took 2 s or more.
VERSION_SLOT = "HBPREVIEWHANDBOOKVERSION"
ERRORS_TITLE = "数据有错误，预览仍显示上一次检查通过的页面（改正后自动刷新）："

SCRIPT = """<script>(function(){var v=%d;
function show(e){var d=document.getElementById("hb-preview-errors");
if(!e.length){if(d)d.remove();return;}
if(!d){d=document.createElement("div");d.id="hb-preview-errors";d.setAttribute("role","alert");
d.style.cssText="position:fixed;left:0;right:0;bottom:0;max-height:60vh;overflow:auto;z-index:10000;"
+"background:#fff4f4;color:#8b0000;border-top:4px solid #c62828;padding:1em 1.5em;"
+"font:14px/1.6 monospace;white-space:pre-wrap";document.body.appendChild(d);}
d.textContent=%s+"\\n\\n"+e.join("\\n");}
function poll(){fetch("%s",{cache:"no-store"}).then(function(r){return r.json();}).then(function(s){
if(s.version!==v&&s.ready&&!s.errors.length){location.reload();return;}
show(s.errors);setTimeout(poll,300);}).catch(function(){setTimeout(poll,1000);});}
poll();})();</script>"""


def script(version: int) -> bytes:
    return (SCRIPT % (version, json.dumps(ERRORS_TITLE, ensure_ascii=False), STATE)).encode("utf-8")


def waiting_page(preview) -> bytes:
    """What every path shows before the first good build."""
    if preview.errors:
        body = f"<h1>{html.escape(ERRORS_TITLE)}</h1><pre>{html.escape(chr(10).join(preview.errors))}</pre>"
    else:
        body = "<h1>正在生成预览……</h1><p>生成后自动显示。</p>"
    return (f'<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>学籍手册 · 预览</title>'
            f"</head><body>{body}").encode("utf-8") + script(preview.version) + b"</body></html>"


def _read(path: str) -> bytes | None:
    try:
        with open(path, "rb") as f:
            return f.read()
    except OSError:
        return None


def handler_for(preview):
    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(preview.site), **kwargs)

        def log_message(self, *args):
            pass  # the terminal is for the check's lines

        def do_GET(self):
            path = urlsplit(self.path).path
            if path == STATE:
                state = {"version": preview.version, "errors": preview.errors, "ready": preview.ready,
                         "settled": preview.settled.is_set()}
                return self._send(200, "application/json", json.dumps(state, ensure_ascii=False).encode())
            if not preview.ready:
                return self._send(503, "text/html; charset=utf-8", waiting_page(preview))
            with preview.lock:
                target = self.translate_path(self.path)
                if os.path.isdir(target):
                    if not path.endswith("/"):  # a folder without its slash, as static servers do
                        self.send_response(301)
                        self.send_header("Location", path + "/")
                        self.end_headers()
                        return None
                    target = os.path.join(target, "index.html")
                if target.endswith(".html"):
                    return self._html(target)
                if target.endswith("search_index.json"):
                    return self._search_index(target)
                return super().do_GET()

        def do_HEAD(self):
            with preview.lock:
                return super().do_HEAD()

        def _html(self, target: str):
            page = _read(target)
            if page is None:
                return self.send_error(404)
            page = page.replace(VERSION_SLOT.encode(), str(escape(preview.handbook_version)).encode())
            tag = script(preview.version)
            at = page.rfind(b"</body>")
            page = page[:at] + tag + page[at:] if at >= 0 else page + tag
            return self._send(200, "text/html; charset=utf-8", page)

        def _search_index(self, target: str):
            index = _read(target)
            if index is None:
                return self.send_error(404)
            # The pages' text, HTML-escaped, inside JSON strings.
            value = json.dumps(str(escape(preview.handbook_version)), ensure_ascii=False)[1:-1]
            return self._send(200, "application/json", index.replace(VERSION_SLOT.encode(), value.encode()))

        def _send(self, code: int, kind: str, body: bytes):
            self.send_response(code)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)

    return Handler


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._busy = 0
        self._idle = threading.Condition()

    def process_request(self, request, client_address):
        # Counted here, in the serving loop, so that drain() after shutdown()
        # also sees a request whose thread has not started yet.
        with self._idle:
            self._busy += 1
        super().process_request(request, client_address)

    def process_request_thread(self, request, client_address):
        try:
            super().process_request_thread(request, client_address)
        finally:
            with self._idle:
                self._busy -= 1
                self._idle.notify_all()

    def drain(self, timeout: float = 10.0) -> None:
        """Stop taking requests and let the ones being answered finish. The
        preview restarts itself on this socket after a code change: without
        this, a page half sent when the process is replaced arrives cut off.
        Connections waiting in the socket's queue go to the new process."""
        self.shutdown()
        with self._idle:
            self._idle.wait_for(lambda: self._busy == 0, timeout)


def listen(preview, host: str, port: int, fd: int | None = None) -> Server:
    """The server on host:port, or on the inherited listening socket `fd`
    (the preview restarting itself after a code change keeps its address)."""
    server = Server((host, port), handler_for(preview), bind_and_activate=fd is None)
    if fd is not None:
        server.socket.close()
        server.socket = socket.socket(fileno=fd)
    server.socket.set_inheritable(True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server
