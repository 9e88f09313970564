"""A real HTTP server on 127.0.0.1 for the URL, feed and sitemap readers.

Test modules import the fixture: ``from localserver import LocalServer, Route, serve``.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from khabar.pipeline import Options


@dataclass
class Route:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    chunked: bool = False


@dataclass
class LocalServer:
    base: str
    routes: dict[str, Route] = field(default_factory=dict)
    hits: Counter[str] = field(default_factory=Counter)
    agents: list[str] = field(default_factory=list)

    def url(self, path: str) -> str:
        return self.base + path

    def options(self, **http: Any) -> Options:
        values = {"allow_private": True, "delay": 0.0, "retries": 1, "backoff": 0.0,
                  "timeout": 2.0, **http}
        return Options.load(overrides={"http": values})


def _handler(server: LocalServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def handle(self) -> None:
            with contextlib.suppress(ConnectionResetError, BrokenPipeError):
                super().handle()  # a client that stops reading (size cap) resets

        def do_GET(self) -> None:
            path = self.path
            server.hits[path] += 1
            server.agents.append(self.headers.get("User-Agent", ""))
            route = server.routes.get(path, Route(404, b"not here"))
            if route.delay:
                time.sleep(route.delay)
            self.send_response(route.status)
            for key, value in route.headers.items():
                self.send_header(key, value)
            if route.chunked:
                self._send_chunked(route.body)
                return
            self.send_header("Content-Length", str(len(route.body)))
            self.end_headers()
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(route.body)  # the client may stop reading (size cap)

        def _send_chunked(self, body: bytes) -> None:
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            step = 65536
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                for i in range(0, len(body), step):
                    chunk = body[i : i + step]
                    self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                self.wfile.write(b"0\r\n\r\n")

        def log_message(self, format: str, *args: Any) -> None:
            pass

    return Handler


@pytest.fixture(name="local_server")
def serve() -> Iterator[LocalServer]:
    state = LocalServer("")
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    httpd.daemon_threads = True
    state.base = f"http://127.0.0.1:{httpd.server_address[1]}"
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield state
    finally:
        httpd.shutdown()
        httpd.server_close()
