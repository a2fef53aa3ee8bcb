"""Load and faults: gunicorn started as `make run` starts it, clients on loopback posting 10-article clusters.

    python bench/load.py                                   # every phase, 60 s each, make run's gunicorn
    python bench/load.py --seconds 10 --memory-requests 50,200      # a short trial
    python bench/load.py --gunicorn-args "--workers 2 --threads 4"  # another worker setting
    python bench/load.py --phases steady,big --json bench/results/load.json
    python bench/load.py --shared --phases steady,kill      # two instances on PostgreSQL + Redis (issue 10)

Phases (each on the same server, in this order, after a warm-up of 4 x concurrency requests that
lets every worker load its models):
  memory  RSS of each worker after N and M requests (VmHWM, the peak, from /proc): flat means the ratio
          stays under 1.10.
  steady  `--concurrency` clients post clusters to /api/summarize for `--seconds`: requests per second,
          p50, p99 and max latency, errors (anything but 200, or no answer).
  big     the same, and one request at the size limit (MAX_DOCUMENT_CHARS per article up to
          MAX_TOTAL_CHARS in all) sent halfway: its status and time, and the others' p99 while it ran.
  kill    the same, with one worker SIGKILLed a third of the way in while a browser-like client saves
          briefs through the page form: errors, whether the master started a new worker, and whether
          every saved brief is in the database (PRAGMA integrity_check, count before and after) and opens.

`--shared` runs the same clients and phases against two instances of that gunicorn on two ports, sharing
one PostgreSQL (saved briefs) and one Redis (rate-limit counts, with a limit no client reaches, so every
brief request still counts in Redis), both started by tests/servers.py in a temporary directory (Debian's
postgresql and redis-server; fsync on). Clients take the instances in turn and, when one refuses the
connection, the other, as a load balancer would. The kill phase then also SIGKILLs the whole second
instance (master and workers) two thirds of the way in; every saved brief must still be in the database
and open through the first.

Standard library only (threads and http.client), plus psycopg with --shared. The API's rate limit is turned
off (SUMMARIZER_API_RATE_LIMIT=off) in the SQLite run and the data directory is a fresh temporary one.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import shlex
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

from common import MDS_DIR, ROOT, load_clusters

sys.path.insert(0, str(ROOT / "tests"))
from live_stack import child_pids  # noqa: E402

GUNICORN = Path(sys.executable).with_name("gunicorn")


def make_run_workers() -> str:
    """The worker count `make run` uses (the Makefile's WORKERS), so the figures are of that set-up."""
    match = re.search(r"^WORKERS \?= (\d+)", (ROOT / "Makefile").read_text(), re.MULTILINE)
    return match.group(1) if match else "1"

TIMEOUT = 60  # seconds a client waits for an answer before counting an error


# --- the server ---------------------------------------------------------------------------------------------


class Server:
    """gunicorn as `make run` starts it (plus `extra` arguments), on a free loopback port."""

    def __init__(self, extra: list[str], data_dir: Path, env: dict[str, str] | None = None):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.data_dir = data_dir
        self.database = data_dir / "briefs.sqlite3"
        # The page client of the kill phase saves more briefs than one address may in a day: no quota here.
        env = {**os.environ, "SUMMARIZER_DATA_DIR": str(data_dir), "SUMMARIZER_API_RATE_LIMIT": "off",
               "SUMMARIZER_BRIEF_QUOTA": "1000000", "SUMMARIZER_BRIEF_QUOTA_MB": "1000000", **(env or {})}
        # Each instance its own control socket (gunicorn 27 shares ~/.gunicorn/gunicorn.ctl otherwise).
        command = [str(GUNICORN), "--bind", f"127.0.0.1:{self.port}", "--workers", make_run_workers(),
                   "--access-logfile", "-", "--control-socket", str(data_dir / "gunicorn.ctl"), *extra]
        command.append("app:create_app()")
        self.command = " ".join(shlex.quote(c) for c in command)
        self.process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        self._wait_until_up()

    def _wait_until_up(self, seconds: float = 60) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"gunicorn exited: {self.process.stderr.read().decode()[-2000:]}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    pass
                if self.workers():
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise SystemExit("gunicorn did not start within a minute")

    def workers(self) -> list[int]:
        """The master's child processes (its workers), from /proc."""
        return child_pids(self.process.pid)

    def stop(self) -> None:
        if self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()

    def kill_whole(self) -> None:
        """SIGKILL the master and its workers at once: a host that dies."""
        for pid in [*self.workers(), self.process.pid]:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        self.process.wait()


class Targets:
    """Where clients send requests: the instances in turn; one that refuses the connection is skipped for the
    next, as a load balancer's health check would (nothing was sent to it, so nothing is sent twice)."""

    def __init__(self, ports: list[int]):
        self.ports = ports
        self._turn = iter(range(10**12))
        self._lock = threading.Lock()

    def request(self, method: str, path: str, body: bytes | str | None = None, headers: dict | None = None):
        with self._lock:
            start = next(self._turn)
        for attempt in range(len(self.ports)):
            port = self.ports[(start + attempt) % len(self.ports)]
            try:
                return request(port, method, path, body, headers)
            except ConnectionRefusedError:
                if attempt == len(self.ports) - 1:
                    raise
        raise AssertionError("unreachable")


class Deployment:
    """What the phases load: one instance (SQLite), or several sharing PostgreSQL and Redis. Memory and the
    worker kill watch the first instance; `database` is the SQLite file or the PostgreSQL URL."""

    def __init__(self, servers: list[Server], database: Path | str):
        self.servers = servers
        self.database = database
        self.targets = Targets([server.port for server in servers])

    def workers(self) -> list[int]:
        return self.servers[0].workers()

    def stop(self) -> None:
        for server in self.servers:
            server.stop()


def peak_rss_mb(pid: int) -> float:
    """VmHWM: the most resident memory the process has had, in MB."""
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"^VmHWM:\s+(\d+) kB", status, re.MULTILINE).group(1)) / 1024


# --- clients ------------------------------------------------------------------------------------------------


@dataclass
class Result:
    started: float  # time.monotonic()
    seconds: float
    status: int  # 0: no answer (refused, reset, timed out)
    error: str = ""


def request(port: int, method: str, path: str, body: bytes | str | None = None, headers: dict | None = None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


def timed_post(targets: Targets, body: bytes) -> Result:
    started = time.monotonic()
    try:
        status, _, _ = targets.request("POST", "/api/summarize", body, {"Content-Type": "application/json"})
        return Result(started, time.monotonic() - started, status)
    except (OSError, http.client.HTTPException) as error:
        return Result(started, time.monotonic() - started, 0, type(error).__name__)


def run_load(targets: Targets, bodies: list[bytes], concurrency: int, *, seconds: float | None = None,
             requests: int | None = None, during=None) -> list[Result]:
    """`concurrency` threads posting `bodies` in turn, for `seconds` or until `requests` are made.
    `during(stop_event)` runs in its own thread meanwhile (a big request, a kill)."""
    results: list[Result] = []
    lock = threading.Lock()
    stop = threading.Event()
    counter = iter(range(10**9))
    deadline = time.monotonic() + seconds if seconds else None

    def client() -> None:
        while not stop.is_set():
            with lock:
                number = next(counter)
            if requests is not None and number >= requests:
                return
            result = timed_post(targets, bodies[number % len(bodies)])
            with lock:
                results.append(result)
            if deadline and time.monotonic() >= deadline:
                return

    threads = [threading.Thread(target=client) for _ in range(concurrency)]
    helper = threading.Thread(target=during, args=(stop,)) if during else None
    for thread in threads:
        thread.start()
    if helper:
        helper.start()
    for thread in threads:
        thread.join()
    stop.set()
    if helper:
        helper.join()
    return results


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile (share in 0..1)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered) + 0.5) - 1))] if ordered else float("nan")


def summary(results: list[Result], seconds: float | None = None) -> dict:
    latencies = [r.seconds for r in results]
    span = seconds or (max(r.started + r.seconds for r in results) - min(r.started for r in results)) if results else 0
    errors = [r for r in results if r.status != 200]
    return {
        "requests": len(results),
        "rps": round(len(results) / span, 2) if span else 0,
        "p50_ms": round(1000 * percentile(latencies, 0.50)),
        "p99_ms": round(1000 * percentile(latencies, 0.99)),
        "max_ms": round(1000 * max(latencies, default=0)),
        "errors": len(errors),
        "error_kinds": sorted({r.error or str(r.status) for r in errors}),
    }


# --- inputs -------------------------------------------------------------------------------------------------


def cluster_bodies(path: Path) -> list[bytes]:
    """One JSON request per cluster: its articles with their titles."""
    bodies = []
    for cluster in load_clusters(path):
        documents = [{"text": d["text"], "title": d.get("title") or None} for d in cluster["documents"]]
        bodies.append(json.dumps({"documents": documents}).encode())
    return bodies


def size_limit_body(path: Path, per_article: int, total: int) -> bytes:
    """Distinct news text up to the limits: articles of `per_article` characters, `total` in all."""
    text = "\n\n".join(d["text"] for cluster in load_clusters(path) for d in cluster["documents"])
    while len(text) < total:
        text += "\n\n" + text
    count = max(1, total // per_article)
    documents = [{"text": text[i * per_article : (i + 1) * per_article].strip()} for i in range(count)]
    return json.dumps({"documents": documents}).encode()


def page_client(targets: Targets, clusters: list[dict], stop: threading.Event, saved: list[str], failed: list[str]) -> None:
    """A browser saving briefs through the page form (three articles each) until `stop`."""
    number = 0
    while not stop.is_set():
        cluster = clusters[number % len(clusters)]
        number += 1
        try:
            status, headers, page = targets.request("GET", "/")
            cookie = headers["Set-Cookie"].split(";", 1)[0]
            token = re.search(rb'<meta name="csrf-token" content="([^"]+)"', page).group(1).decode()
            fields = {
                "csrf_token": token,
                "title": [f"load {number}"] + [""] * 2,
                "text": [d["text"] for d in cluster["documents"][:3]],
                "length": "60", "unit": "words", "algorithm": "consensus", "language": "english",
            }
            status, headers, body = targets.request("POST", "/summarize", urlencode(fields, doseq=True),
                                            {"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie})
            if status == 303:
                saved.append(headers["Location"].rsplit("/", 1)[-1])
            else:
                failed.append(str(status))
        except (OSError, http.client.HTTPException, KeyError, AttributeError) as error:
            failed.append(type(error).__name__)


def database_state(path: Path | str) -> tuple[str, set[str]]:
    """(integrity, the ids of every saved brief): SQLite's integrity_check, or "n/a" for PostgreSQL (a URL)."""
    if isinstance(path, str):
        import psycopg

        with psycopg.connect(path) as connection:
            return "n/a", {row[0] for row in connection.execute("SELECT id FROM briefs")}
    connection = sqlite3.connect(path, timeout=10)
    try:
        integrity = connection.execute("PRAGMA integrity_check").fetchone()[0]
        ids = {row[0] for row in connection.execute("SELECT id FROM briefs")}
    finally:
        connection.close()
    return integrity, ids


# --- phases -------------------------------------------------------------------------------------------------


def phase_memory(server: Deployment, bodies: list[bytes], concurrency: int, counts: tuple[int, int]) -> dict:
    first, second = counts
    run_load(server.targets, bodies, concurrency, requests=first)
    after_first = {pid: peak_rss_mb(pid) for pid in server.workers()}
    results = run_load(server.targets, bodies, concurrency, requests=second - first)
    after_second = {pid: peak_rss_mb(pid) for pid in server.workers()}
    ratios = {pid: after_second[pid] / after_first[pid] for pid in after_first if pid in after_second}
    return {
        "requests": [first, second],
        "peak_rss_mb": {
            str(pid): [round(after_first[pid], 1), round(after_second.get(pid, float("nan")), 1)] for pid in after_first
        },
        "worst_ratio": round(max(ratios.values(), default=float("nan")), 3),
        "errors": sum(1 for r in results if r.status != 200),
    }


def phase_steady(server: Deployment, bodies: list[bytes], concurrency: int, seconds: float) -> dict:
    return summary(run_load(server.targets, bodies, concurrency, seconds=seconds), seconds)


def phase_big(server: Deployment, bodies: list[bytes], concurrency: int, seconds: float, big: bytes) -> dict:
    outcome: dict = {}

    def send_big(stop: threading.Event) -> None:
        if not stop.wait(seconds / 2):
            outcome["big"] = timed_post(server.targets, big)

    results = run_load(server.targets, bodies, concurrency, seconds=seconds, during=send_big)
    report = summary(results, seconds)
    big_result = outcome.get("big")
    if big_result:
        overlapping = [r for r in results if r.started < big_result.started + big_result.seconds
                       and r.started + r.seconds > big_result.started]
        report["big_request"] = {"bytes": len(big), "status": big_result.status, "ms": round(1000 * big_result.seconds),
                                 "error": big_result.error}
        report["while_big_ran"] = summary(overlapping) if overlapping else {}
    return report


def phase_kill(server: Deployment, bodies: list[bytes], concurrency: int, seconds: float, clusters: list[dict]) -> dict:
    integrity_before, ids_before = database_state(server.database)
    workers_before = server.workers()
    saved: list[str] = []
    failed: list[str] = []
    events: dict = {}

    def kill_one(stop: threading.Event) -> None:
        began = time.monotonic()
        page_stop = threading.Event()
        browser = threading.Thread(target=page_client, args=(server.targets, clusters, page_stop, saved, failed))
        browser.start()
        if not stop.wait(seconds / 3):
            victim = server.workers()[0]
            events["killed_at"] = time.monotonic()
            os.kill(victim, signal.SIGKILL)
            events["killed"] = victim
            events["killed_at_s"] = round(seconds / 3, 1)
            started = time.monotonic()
            while time.monotonic() - started < 60:
                current = server.workers()
                if victim not in current and len(current) >= len(workers_before):
                    events["replaced_in_s"] = round(time.monotonic() - started, 2)
                    events["new_workers"] = sorted(set(current) - set(workers_before))
                    break
                time.sleep(0.05)
        if len(server.servers) > 1 and not stop.wait(max(0.0, 2 * seconds / 3 - (time.monotonic() - began))):
            server.servers[1].kill_whole()  # a whole host dies; its clients go to the first from now on
            events["instance_killed_at_s"] = round(2 * seconds / 3, 1)
        stop.wait()
        page_stop.set()
        browser.join()

    results = run_load(server.targets, bodies, concurrency, seconds=seconds, during=kill_one)
    killed_at = events.pop("killed_at", None)
    if killed_at is not None:  # when the service answered again: the new worker, or the others at once
        answers = [r.started + r.seconds - killed_at for r in results if r.started >= killed_at and r.status == 200]
        events["first_answer_after_kill_s"] = round(min(answers), 2) if answers else None
    integrity_after, ids_after = database_state(server.database)
    opened = sum(1 for brief_id in saved if server.targets.request("GET", f"/briefs/{brief_id}")[0] == 200)
    return {
        **summary(results, seconds),
        **events,
        "workers_before": len(workers_before),
        "workers_after": len(server.workers()),
        "page_saves": len(saved),
        "page_save_failures": len(failed),
        "page_failure_kinds": sorted(set(failed)),
        "integrity": integrity_after,
        "briefs_before": len(ids_before),
        "briefs_after": len(ids_after),
        "all_saved_briefs_present": set(saved) <= ids_after and ids_before <= ids_after,
        "all_saved_briefs_open": opened == len(saved),
    }


# --- output -------------------------------------------------------------------------------------------------


def line(report: dict) -> str:
    return (f"{report['requests']} requests, {report['rps']} req/s, p50 {report['p50_ms']} ms, "
            f"p99 {report['p99_ms']} ms, max {report['max_ms']} ms, errors {report['errors']}"
            + (f" ({', '.join(report['error_kinds'])})" if report["errors"] else ""))


def print_report(results: dict) -> None:
    print(f"gunicorn: {results['command']}")
    print(f"instances: {results['instances']} ({results['store']})")
    print(f"workers: {results['workers']}, concurrency {results['concurrency']}, {results['clusters']} clusters "
          f"of {results['articles_per_request']} articles from {results['corpus']}")
    print(f"warm-up (not counted below): {line(results['warm_up'])}")
    if "memory" in results:
        m = results["memory"]
        print(f"\nmemory: peak RSS per worker after {m['requests'][0]} and {m['requests'][1]} requests (MB): "
              + ", ".join(f"{a} -> {b}" for a, b in m["peak_rss_mb"].values())
              + f"; worst ratio {m['worst_ratio']} (target <= 1.10); errors {m['errors']}")
    if "steady" in results:
        print(f"\nsteady ({results['seconds']} s): {line(results['steady'])}")
    if "big" in results:
        b = results["big"]
        print(f"\nbig request during load: {line(b)}")
        if "big_request" in b:
            r = b["big_request"]
            outcome = r["status"] or r["error"]
            print(f"  the size-limit request ({r['bytes'] / 1e6:.1f} MB): status {outcome}, {r['ms']} ms")
            if b["while_big_ran"]:
                print(f"  others while it ran: {line(b['while_big_ran'])}")
    if "kill" in results:
        k = results["kill"]
        print(f"\nworker killed during load: {line(k)}")
        print(f"  killed pid {k.get('killed')} at {k.get('killed_at_s')} s; master forked a new worker after "
              f"{k.get('replaced_in_s', 'NEVER')} s; first answer to a request sent after the kill "
              f"{k.get('first_answer_after_kill_s')} s; workers {k['workers_before']} -> {k['workers_after']}")
        if "instance_killed_at_s" in k:
            print(f"  the second instance (master and workers) SIGKILLed at {k['instance_killed_at_s']} s")
        print(f"  page saves {k['page_saves']} (failed {k['page_save_failures']}"
              + (f": {', '.join(k['page_failure_kinds'])}" if k["page_failure_kinds"] else "") + "); "
              f"briefs {k['briefs_before']} -> {k['briefs_after']}; integrity {k['integrity']}; "
              f"all saved present {k['all_saved_briefs_present']}, all open {k['all_saved_briefs_open']}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=60, help="length of the steady, big and kill phases")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--phases", default="memory,steady,big,kill")
    parser.add_argument("--memory-requests", default="100,1000", help="the two request counts of the memory phase")
    parser.add_argument("--gunicorn-args", default="", help='added to make run\'s command, e.g. "--workers 2"')
    parser.add_argument("--corpus", type=Path, default=MDS_DIR / "duc2003.jsonl")
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument("--shared", action="store_true",
                        help="two instances on one PostgreSQL and one Redis (started here) instead of SQLite")
    args = parser.parse_args()
    phases = args.phases.split(",")

    sys.path.insert(0, str(ROOT))
    from app import DEFAULTS  # the limits the big request is built to

    clusters = load_clusters(args.corpus)
    bodies = cluster_bodies(args.corpus)
    services = []
    with tempfile.TemporaryDirectory(prefix="load-") as data_dir:
        extra = shlex.split(args.gunicorn_args)
        if args.shared:
            from servers import PostgresServer, RedisServer

            postgres, redis = PostgresServer(fsync=True).start(), RedisServer().start()
            services = [postgres, redis]
            url = postgres.create_database("load")
            env = {"SUMMARIZER_DATABASE_URL": url, "SUMMARIZER_RATELIMIT_STORAGE_URI": redis.url,
                   "SUMMARIZER_API_RATE_LIMIT": "1000000/minute", "SECRET_KEY": "load-bench-shared-key"}
            instances = []
            for number in range(2):
                (Path(data_dir) / str(number)).mkdir(mode=0o700)
                instances.append(Server(extra, Path(data_dir) / str(number), env))
            server = Deployment(instances, url)
        else:
            server = Deployment([Server(extra, Path(data_dir))], Path(data_dir) / "briefs.sqlite3")
        results: dict = {
            "command": server.servers[0].command,
            "instances": len(server.servers),
            "store": "PostgreSQL + Redis" if args.shared else "SQLite, memory:// limits (off)",
            "workers": len(server.workers()),
            "concurrency": args.concurrency,
            "seconds": args.seconds,
            "corpus": str(args.corpus),
            "clusters": len(bodies),
            "articles_per_request": round(statistics.mean(len(c["documents"]) for c in clusters), 1),
        }
        try:
            # Each worker loads its models on its first requests: a cold start, measured apart.
            warm = run_load(server.targets, bodies, args.concurrency, requests=4 * args.concurrency)
            results["warm_up"] = summary(warm)
            if "memory" in phases:
                first, second = (int(n) for n in args.memory_requests.split(","))
                results["memory"] = phase_memory(server, bodies, args.concurrency, (first, second))
            if "steady" in phases:
                results["steady"] = phase_steady(server, bodies, args.concurrency, args.seconds)
            if "big" in phases:
                big = size_limit_body(args.corpus, DEFAULTS["MAX_DOCUMENT_CHARS"], DEFAULTS["MAX_TOTAL_CHARS"])
                results["big"] = phase_big(server, bodies, args.concurrency, args.seconds, big)
            if "kill" in phases:
                results["kill"] = phase_kill(server, bodies, args.concurrency, args.seconds, clusters)
        finally:
            server.stop()
            for service in services:
                service.close()
    print_report(results)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
