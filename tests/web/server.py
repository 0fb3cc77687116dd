"""A small HTTP server on 127.0.0.1 for the tests: the fixture pages under /pages/NAME, and
routes for every failure a fetch must survive (errors, slowness, redirects, huge and
compressed bodies, wrong types)."""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import threading
import time
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, format: str, *args: object) -> None:  # quiet
        pass

    def _send(self, status: int, body: bytes, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        for key, value in {"Content-Type": "text/html; charset=utf-8",
                           "Content-Length": str(len(body)), **(headers or {})}.items():
            self.send_header(key, value)
        self.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.wfile.write(body)

    def do_GET(self) -> None:
        srv = self.server
        srv.hits.append(self.path)
        path = self.path.split("?", 1)[0]
        if path.startswith("/pages/"):
            name = path.removeprefix("/pages/")
            body = srv.overrides.get(name)
            if body is None:
                file = srv.root / name
                if not file.is_file():
                    self._send(404, b"<html><body>Not found</body></html>")
                    return
                body = file.read_bytes()
            etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
            srv.conditional.append(self.headers.get("If-None-Match"))
            if self.headers.get("If-None-Match") == etag and srv.honour_conditional:
                self.send_response(304)
                self.send_header("ETag", etag)
                self.end_headers()
                return
            self._send(200, body, {"ETag": etag,
                                   "Last-Modified": "Tue, 01 Apr 2025 08:00:00 GMT"})
            return
        route = getattr(self, "route_" + path.strip("/").replace("-", "_"), None)
        if route is None:
            self._send(404, b"<html><body>Not found</body></html>")
            return
        route()

    def route_error500(self) -> None:
        self._send(500, b"<html><body>Internal error</body></html>")

    def route_slow(self) -> None:
        time.sleep(self.server.slow_seconds)
        self._send(200, (self.server.root / "national_daily.html").read_bytes())

    def route_trickle(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        for _ in range(200):
            try:
                self.wfile.write(b"<p>still loading</p>\n")
                self.wfile.flush()
            except (BrokenPipeError, ConnectionResetError):
                return
            time.sleep(0.05)

    def route_loop(self) -> None:
        self._send(302, b"", {"Location": "/loop"})

    def route_to_file(self) -> None:
        self._send(302, b"", {"Location": "file:///etc/passwd"})

    def route_moved(self) -> None:
        self._send(301, b"", {"Location": "/pages/provincial_paper.html"})

    def route_pdf(self) -> None:
        self._send(200, b"%PDF-1.4 not a page", {"Content-Type": "application/pdf"})

    def route_huge(self) -> None:
        # 50 MB of HTML, sent without a Content-Length (so only the streamed limit stops it).
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        chunk = b"<p>" + b"x" * 65_530 + b"</p>"
        try:
            for _ in range(50 * 16):
                self.wfile.write(chunk)
        except (BrokenPipeError, ConnectionResetError):
            return

    def route_bomb(self) -> None:
        # 256 MB of zeros, gzip-compressed to about 250 KB.
        self._send(200, self.server.bomb(), {"Content-Encoding": "gzip"})

    def route_gzipped(self) -> None:
        body = gzip.compress((self.server.root / "army_paper.html").read_bytes())
        self._send(200, body, {"Content-Encoding": "gzip"})

    def route_latin1(self) -> None:
        page = ("<html><head><title>x</title></head><body><h1>Café owners in Hué meet the "
                "district</h1><div><p>" + "The café owners of the old quarter said the new "
                "rules on pavements were fair and clear to everyone. " * 3 + "</p></div>"
                "</body></html>")
        self._send(200, page.encode("latin-1"), {"Content-Type": "text/html; charset=ISO-8859-1"})


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, root: Path) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.root = root
        self.hits: list[str] = []
        self.conditional: list[str | None] = []
        """The If-None-Match header of each request for /pages/ (None when absent)."""
        self.honour_conditional = True
        self.overrides: dict[str, bytes] = {}
        self.slow_seconds = 3.0
        self._bomb: bytes | None = None

    def bomb(self) -> bytes:
        if self._bomb is None:
            z = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
            block = b"\0" * (1024 * 1024)
            self._bomb = b"".join(z.compress(block) for _ in range(256)) + z.flush()
        return self._bomb


class PageServer:
    """The test server, on a free port of 127.0.0.1, in a thread."""

    def __init__(self, root: Path) -> None:
        self.httpd = _Server(root)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host!s}:{port}"

    def url(self, path: str) -> str:
        return self.base + path

    @property
    def hits(self) -> list[str]:
        return self.httpd.hits

    @property
    def conditional(self) -> list[str | None]:
        return self.httpd.conditional

    def serve(self, name: str, body: bytes) -> None:
        """Serve `body` at /pages/NAME instead of the fixture file."""
        self.httpd.overrides[name] = body

    def set_slow(self, seconds: float) -> None:
        self.httpd.slow_seconds = seconds

    def start(self) -> None:
        self.thread.start()

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(5)
