"""The app served as `make run` serves it (deploy/serve.py: nginx in front of two gunicorn pools), on a free
loopback port with a temporary data directory: for tests/test_server.py, tests/test_multihost.py (two of them
sharing PostgreSQL and Redis, given in `env` with one SECRET_KEY) and bench/hostile.py.

Standard library only. Everything it starts is stopped by `stop()` (or the context manager), and every
address it talks to is 127.0.0.1.
"""

from __future__ import annotations

import http.client
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SERVE = ROOT / "deploy" / "serve.py"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def nginx_available() -> bool:
    return bool(os.environ.get("NGINX") or shutil.which("nginx") or os.access("/usr/sbin/nginx", os.X_OK))


def child_pids(pid: int) -> list[int]:
    """The process's children, from /proc (a gunicorn master's workers)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # pid (comm) state ppid ...: comm may hold spaces, so split after its closing parenthesis
        if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
            found.append(int(entry.name))
    return sorted(found)


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def memory_mb(pid: int, field: str = "VmHWM") -> float:
    """VmHWM (the peak resident memory) or VmRSS of a process, in MB; 0 when it is gone."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0.0
    match = re.search(rf"^{field}:\s+(\d+) kB", status, re.MULTILINE)
    return int(match.group(1)) / 1024 if match else 0.0


class LiveStack:
    """`python deploy/serve.py --port <free>` with a temporary data directory; `env` adds settings."""

    def __init__(self, env: dict[str, str] | None = None, workers: int = 2, data_dir: Path | None = None):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self._own_dir = Path(tempfile.mkdtemp(prefix="news-brief-stack-")) if data_dir is None else None
        self.data_dir = self._own_dir / "data" if self._own_dir else data_dir
        self.log_path = self.data_dir.parent / f"serve-{self.port}.log"
        self.env = {
            **os.environ,
            "SUMMARIZER_DATA_DIR": str(self.data_dir),
            "WORKERS": str(workers),
            **(env or {}),
        }
        if "SECRET_KEY" not in (env or {}):  # the key file in the data directory, as on one host in production
            self.env.pop("SECRET_KEY", None)
        self.process: subprocess.Popen | None = None

    def start(self, seconds: float = 180) -> LiveStack:
        command = [sys.executable, str(SERVE), "--port", str(self.port),
                   "--access-log", str(self.data_dir.parent / f"access-{self.port}.log")]  # fmt: skip
        with open(self.log_path, "wb") as log:
            self.process = subprocess.Popen(command, cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + seconds
        while True:
            if self.process.poll() is not None:
                raise RuntimeError(f"deploy/serve.py exited with {self.process.returncode}:\n{self.log()}")
            try:
                if self.request("GET", "/", timeout=5)[0] == 200:
                    return self
            except (OSError, http.client.HTTPException):
                pass
            if time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"the stack did not answer within {seconds:.0f} s:\n{self.log()}")
            time.sleep(0.2)

    def log(self) -> str:
        try:
            return self.log_path.read_text(errors="replace")[-4000:]
        except OSError:
            return ""

    def request(self, method: str, path: str, body: bytes | str | None = None, headers: dict | None = None,
                timeout: float = 60) -> tuple[int, dict[str, str], bytes]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            connection.request(method, path, body=body, headers=headers or {})
            response = connection.getresponse()
            return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
        finally:
            connection.close()

    def workers(self) -> dict[str, list[int]]:
        """The gunicorn workers of each pool ("summarise", "pages"), by pid."""
        pools: dict[str, list[int]] = {"summarise": [], "pages": []}
        if self.process is None:
            return pools
        for master in child_pids(self.process.pid):
            command = _cmdline(master)
            for pool in pools:
                if f"{pool}.sock" in command:
                    pools[pool] += child_pids(master)
        return pools

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self._own_dir:
            shutil.rmtree(self._own_dir, ignore_errors=True)

    def __enter__(self) -> LiveStack:
        return self.start()

    def __exit__(self, *_exc) -> None:
        self.stop()


def post_chunked(port: int, path: str, body: bytes, timeout: float = 30) -> tuple[bytes, bytes]:
    """POST `body` as a chunked JSON request on a raw socket; the answer's (head, payload). A server may
    answer and close before the whole body went: what it said then is returned."""
    sock = socket.create_connection(("127.0.0.1", port), timeout=timeout)
    try:
        sock.sendall(b"POST %s HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                     b"Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n" % path.encode())  # fmt: skip
        try:
            for start in range(0, len(body), 1 << 20):
                chunk = body[start:start + (1 << 20)]
                sock.sendall(b"%x\r\n%s\r\n" % (len(chunk), chunk))
            sock.sendall(b"0\r\n\r\n")
        except OSError:
            pass  # answered and closed before the whole body went
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    finally:
        sock.close()
    head, _, payload = answer.partition(b"\r\n\r\n")
    return head, payload


class SlowBody:
    """A slow client, as in issue 8: it announces a JSON body and sends it one byte every `interval` seconds."""

    def __init__(self, port: int, interval: float, length: int = 10_000):
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=10)
        self.sock.sendall(b"POST /api/summarize HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                          b"Content-Length: %d\r\n\r\n{" % length)  # fmt: skip
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._trickle, args=(interval,), daemon=True)
        self._thread.start()

    def _trickle(self, interval: float) -> None:
        while not self._stop.wait(interval):
            try:
                self.sock.sendall(b" ")
            except OSError:
                return

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        self.sock.close()
