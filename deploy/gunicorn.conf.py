"""gunicorn settings for the two pools `make run` starts behind nginx (deploy/serve.py passes --bind).

SUMMARIZER_POOL picks the pool:
  summarise  the POSTs that make a brief (nginx routes them here). Sync workers, WORKERS of them (2): one
             request per process, so a costly one never slows another's Python, its memory goes when the
             process does, and the app's time budget (web/deadline.py, SIGALRM) can stop it.
  pages      everything else: pages, saved briefs, static files, deletes. gthread workers (PAGE_WORKERS x
             PAGE_THREADS, 2 x 4): many cheap requests at once, and `GET /` answers while briefs are made.
Both sit behind nginx, which buffers whole requests and answers, so no worker ever waits on a client.
"""

import os
import re

pool = os.environ.get("SUMMARIZER_POOL", "summarise")
if pool not in ("summarise", "pages"):
    raise SystemExit(f"SUMMARIZER_POOL must be summarise or pages, not {pool!r}")


def _int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    try:
        value = int(raw) if raw else default
    except ValueError:
        raise SystemExit(f"{name} must be a whole number, not {raw!r}") from None
    if value < 1:
        raise SystemExit(f"{name} must be at least 1, not {value}")
    return value


wsgi_app = "app:create_app()"
# The app (and its NLP models) is loaded once in the master and the workers are forked from it: a worker
# replaced after max_requests, a timeout or a big request is ready at once, and the pages share memory.
preload_app = True
if pool == "summarise":
    worker_class = "sync"
    workers = _int("WORKERS", 2)
    # The app stops a request at SUMMARIZER_REQUEST_SECONDS (20); the worker is killed at this timeout only
    # if Python could not be interrupted (a long call into C). serve.py sets it to max(30, that + 10).
    timeout = _int("SUMMARIZER_WORKER_TIMEOUT", 30)
    # A new process every 200-250 requests: whatever a worker's heap grew to is given back.
    max_requests = 200
    max_requests_jitter = 50
else:
    worker_class = "gthread"
    workers = _int("PAGE_WORKERS", 2)
    threads = _int("PAGE_THREADS", 4)
    timeout = 30
    max_requests = 2000
    max_requests_jitter = 200
graceful_timeout = 10
keepalive = 2
# A worker whose resident memory is over this after a request is replaced right after it (post_request),
# rather than keeping a big request's heap for the next 200: the memory comes back at once.
MAX_WORKER_RSS_MB = _int("SUMMARIZER_MAX_WORKER_RSS_MB", 600)


def _rss_mb() -> float:
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            match = re.search(r"^VmRSS:\s+(\d+) kB", status.read(), re.MULTILINE)
    except OSError:
        return 0.0
    return int(match.group(1)) / 1024 if match else 0.0


def post_request(worker, req, environ, resp):
    rss = _rss_mb()
    if rss > MAX_WORKER_RSS_MB and worker.alive:
        worker.log.info("Worker holds %.0f MB (over %d MB): replacing it after this request.", rss, MAX_WORKER_RSS_MB)
        worker.alive = False
