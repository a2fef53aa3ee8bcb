"""A small web server on the loopback for the link tests: pages, redirects, stalls and big bodies.

Served by the standard library's `http.server` in a thread, on 127.0.0.1 and a free port; the app
and the fetcher reach it only where `SUMMARIZER_FETCH_ALLOW_HOSTS` (here `site.allow`) allows it.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@dataclass
class Route:
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    stall: bool = False  # answer nothing until the server stops
    send_length: bool = True  # False: no Content-Length, the body ends when the connection closes


class LocalSite:
    """`with LocalSite() as site:` serves `site.routes` (path -> Route) on `site.url(path)`."""

    def __init__(self):
        self.routes: dict[str, Route] = {
            "/article": Route((FIXTURES / "web" / "article.html").read_bytes()),
            "/kyodo": Route((FIXTURES / "kyodo-kishida-nato.txt").read_bytes(), "text/plain; charset=utf-8"),
            "/nhk": Route((FIXTURES / "nhk-kishida-nato-reader-copy.txt").read_bytes(), "text/plain; charset=utf-8"),
            "/photo.png": Route(b"\x89PNG\r\n\x1a\n" + bytes(64), "image/png"),
            "/missing": Route(b"Not here", "text/plain", status=404),
            "/stall": Route(stall=True),
        }
        self.requests: list[tuple[str, str]] = []  # (path, Host header) of each request, in order
        self.stopping = threading.Event()
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self):  # noqa: N802 (http.server's name)
                site.requests.append((self.path, self.headers.get("Host", "")))
                route = site.routes.get(self.path)
                if route is None:
                    route = Route(b"No such page", "text/plain", status=404)
                if route.stall:
                    site.stopping.wait(30)
                    return
                self.send_response(route.status)
                self.send_header("Content-Type", route.content_type)
                for name, value in route.headers.items():
                    self.send_header(name, value)
                if route.send_length:
                    self.send_header("Content-Length", str(len(route.body)))
                else:
                    self.send_header("Connection", "close")
                    self.close_connection = True
                self.end_headers()
                self.wfile.write(route.body)

            def log_message(self, format, *args):  # quiet
                pass

        class Server(ThreadingHTTPServer):
            def handle_error(self, request, client_address):  # a client that hung up early (the byte limit)
                pass

        self.server = Server(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.host = f"127.0.0.1:{self.port}"
        self.allow = [self.host]  # the allow list that lets the fetcher reach this site

    def url(self, path: str) -> str:
        return f"http://{self.host}{path}"

    def redirect(self, path: str, location: str, status: int = 302) -> str:
        """Add a route that redirects to `location`; return its URL."""
        self.routes[path] = Route(b"", status=status, headers={"Location": location})
        return self.url(path)

    def __enter__(self) -> LocalSite:
        threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        return self

    def __exit__(self, *exc) -> None:
        self.stopping.set()
        self.server.shutdown()
        self.server.server_close()


def resolve_loopback_only(host: str, port: int) -> list[str]:
    """The apps under test resolve only 127.0.0.1 (to itself): a link in a test never leaves the machine."""
    if host == "127.0.0.1":
        return [host]
    raise OSError(f"tests resolve no names but 127.0.0.1, not {host}")
