"""Real PostgreSQL and Redis servers for tests and benchmarks: Debian's `postgresql` and `redis-server`, started
in a temporary directory on free loopback ports and stopped afterwards (installed by .ci/run).

PostgreSQL refuses to run as root, so as root its programs run as the `postgres` user (`runuser`), which the
Debian package creates. Without the binaries the fixtures skip with the command that installs them; with
the environment variable CI set they fail instead, so CI cannot pass by skipping.

Standard library only (the app's own psycopg makes the databases), so bench/ can use it too.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from itertools import count
from pathlib import Path

import pytest

INSTALL = "apt-get install -y postgresql redis-server"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def postgres_bin() -> Path | None:
    """The newest of Debian's PostgreSQL installs (/usr/lib/postgresql/<version>/bin), or None."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), key=lambda p: int(Path(p).parts[-3]))
    return Path(found[-1]).parent if found else None


def redis_bin() -> str | None:
    return shutil.which("redis-server") or (os.access("/usr/bin/redis-server", os.X_OK) and "/usr/bin/redis-server")


def _listening(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


class PostgresServer:
    """A PostgreSQL cluster of its own (initdb in a temporary directory, trust on loopback only).

    `fsync=False` trades durability on a crash of the machine for speed: right for tests, not for figures.
    """

    def __init__(self, *, fsync: bool = True):
        self.bin = postgres_bin()
        if self.bin is None:
            raise FileNotFoundError(f"PostgreSQL is not installed ({INSTALL})")
        self.port = free_port()
        self.root = Path(tempfile.mkdtemp(prefix="news-brief-pg-"))
        self.data = self.root / "data"
        self.fsync = fsync
        self._user = "postgres" if os.geteuid() == 0 else None
        self._databases = count(1)

    def _run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        command = [*(("runuser", "-u", self._user, "--") if self._user else ()), *args]
        return subprocess.run(command, capture_output=True, text=True, check=check, cwd=self.root)

    def start(self) -> PostgresServer:
        if self._user:
            owner = pwd.getpwnam(self._user)
            self.root.chmod(0o755)  # the postgres user must reach it; the cluster directory stays 0700
            os.chown(self.root, owner.pw_uid, owner.pw_gid)
        if not self.data.exists():
            self._run(str(self.bin / "initdb"), "-D", str(self.data), "-A", "trust", "-U", "postgres", "-E", "UTF8",
                      "--no-sync")
        options = f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync={'on' if self.fsync else 'off'}"
        result = self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-o", options, "-l",
                           str(self.root / "server.log"), "-w", "start", check=False)
        if result.returncode != 0:
            raise RuntimeError(f"PostgreSQL did not start: {result.stderr}\n{self.log()}")
        return self

    def stop(self) -> None:
        self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop", check=False)

    def log(self) -> str:
        try:
            return (self.root / "server.log").read_text(errors="replace")[-3000:]
        except OSError:
            return ""

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def create_database(self, prefix: str = "briefs") -> str:
        """A new empty database; its URL."""
        import psycopg

        name = f"{prefix}_{os.getpid()}_{next(self._databases)}"
        with psycopg.connect(self.url(), autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def close(self) -> None:
        self.stop()
        shutil.rmtree(self.root, ignore_errors=True)


class RedisServer:
    """redis-server in the foreground without a config file, nothing saved to disk; stop() and start() again
    keep the port, so a test can take Redis away and give it back."""

    def __init__(self):
        self.binary = redis_bin()
        if not self.binary:
            raise FileNotFoundError(f"redis-server is not installed ({INSTALL})")
        self.port = free_port()
        self.root = Path(tempfile.mkdtemp(prefix="news-brief-redis-"))
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> RedisServer:
        self.process = subprocess.Popen(
            [self.binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--dir", str(self.root)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        deadline = time.monotonic() + 20
        while not _listening(self.port):
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"redis-server did not start (status {self.process.poll()})")
            time.sleep(0.05)
        return self

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def close(self) -> None:
        self.stop()
        shutil.rmtree(self.root, ignore_errors=True)


def unavailable(what: str, error: Exception) -> None:
    """Skip on a developer's machine without the server; fail in CI, which must have it."""
    message = f"{what} is needed for this test and could not be started: {error}. Install it: {INSTALL}"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """One PostgreSQL for the whole session; each test asks it for a database of its own (create_database)."""
    try:
        server = PostgresServer(fsync=False).start()
    except (OSError, RuntimeError, subprocess.CalledProcessError, KeyError) as error:
        unavailable("PostgreSQL", error)
    try:
        yield server
    finally:
        server.close()


@pytest.fixture(scope="session")
def redis_server() -> Iterator[RedisServer]:
    """One Redis for the whole session (tests that stop Redis start their own RedisServer)."""
    try:
        server = RedisServer().start()
    except (OSError, RuntimeError) as error:
        unavailable("Redis", error)
    try:
        yield server
    finally:
        server.close()


@pytest.fixture
def postgres_url(postgres_server) -> str:
    """A fresh, empty database on the session's PostgreSQL."""
    return postgres_server.create_database()
