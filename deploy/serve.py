"""Serve the app as `make run` does: nginx on HOST:PORT in front of two gunicorn pools on private unix sockets.

    python deploy/serve.py                      # HOST, PORT, WORKERS from the environment (127.0.0.1, 8000, 2)
    python deploy/serve.py --port 9000 --access-log /tmp/access.log

What runs (see deploy/nginx.conf.template and deploy/gunicorn.conf.py for why):
  nginx      listens on HOST:PORT, reads and buffers whole requests (a slow client costs it a connection,
             never a worker), refuses bodies over MAX_CONTENT_LENGTH, answers JSON for the API when a
             worker times out or dies, and routes:
  gunicorn   `summarise` pool (WORKERS sync workers): POST /api/summarize, /summarize, /briefs/<id>/resummarize;
             `pages` pool (PAGE_WORKERS x PAGE_THREADS gthread workers): everything else.
Each gunicorn has its own control socket, and the sockets, nginx's pid, temp files and error pages live in
a fresh runtime directory (mode 0700, under /tmp, removed on exit). The app sees SUMMARIZER_PROXIES=1 (the
client address comes from nginx's X-Forwarded-For) and, unless set, SUMMARIZER_BASE_URL=http://HOST:PORT.

Several hosts behind a load balancer (README: Several hosts): give each the same SECRET_KEY,
SUMMARIZER_DATABASE_URL, SUMMARIZER_RATELIMIT_STORAGE_URI and SUMMARIZER_BASE_URL, and set
SUMMARIZER_FORWARDED_BY to the balancer's addresses so nginx takes the client's from its X-Forwarded-For.

Stops everything on SIGTERM or Ctrl-C, and when any of the three exits (with its status). Needs Debian's
nginx (`apt-get install nginx`; `make run` installs it when run as root).
"""

from __future__ import annotations

import argparse
import html
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEPLOY = ROOT / "deploy"
sys.path.insert(0, str(ROOT))

# The error bodies nginx answers with when it made the error itself: (code, title, message) per status.
NGINX_ERRORS = {
    413: ("request_too_large", "Too large",
          "What you sent is over {limit} in all, so it was not read. Send fewer or smaller files, or paste only "
          "the part of the articles you need."),
    429: ("rate_limited", "Too many connections",
          "Too many connections from your address at once. Wait a few seconds and try again."),
    502: ("server_error", "Something went wrong",
          "The server stopped while handling this request (it took too long or ran out of memory), so nothing "
          "was made. Try again with fewer or shorter articles."),
    503: ("unavailable", "Not available", "The server is not available just now. Try again in a minute."),
    504: ("timeout", "Took too long",
          "The server did not answer in time; it may be busy. Try again in a minute, or with fewer or shorter "
          "articles."),
}  # fmt: skip

HTML_ERROR = """<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} · News brief</title></head>
<body><main><h1>{title}</h1><p role="alert">{message}</p><p><a href="/">Make a new brief</a></p></main></body>
</html>
"""


def find_nginx() -> str:
    found = os.environ.get("NGINX") or shutil.which("nginx") or "/usr/sbin/nginx"
    if not os.access(found, os.X_OK):
        raise SystemExit(
            "make run serves the app behind nginx, which is not installed. Install Debian's: "
            "`sudo apt-get install nginx` (make run does this itself when run as root)."
        )
    return found


def real_ip_lines(forwarded_by: str) -> str:
    """nginx's realip directives for SUMMARIZER_FORWARDED_BY: the load balancers' addresses or networks,
    comma-separated ("10.0.0.5" or "10.0.0.0/24,fd00::/64"); none when it is empty."""
    import ipaddress

    lines = []
    for entry in (item.strip() for item in forwarded_by.split(",")):
        if not entry:
            continue
        try:
            ipaddress.ip_network(entry, strict=False)
        except ValueError:
            raise SystemExit(f"SUMMARIZER_FORWARDED_BY must list addresses or networks (10.0.0.5, 10.0.0.0/24), "
                             f"not {entry!r}") from None
        lines.append(f"    set_real_ip_from {entry};")
    if lines:
        lines += ["    real_ip_header X-Forwarded-For;", "    real_ip_recursive on;"]
    return "\n".join(lines)


def write_runtime_dir(run_dir: Path, *, listen: str, max_body: int, access_log: str, worker_timeout: int) -> Path:
    """Write nginx.conf and the error pages into run_dir; the path of nginx.conf."""
    from web.inputs import megabytes

    as_root = os.geteuid() == 0
    values = {
        "RUN_DIR": str(run_dir),
        "LISTEN": listen,
        "MAX_BODY_BYTES": str(max_body),
        "ACCESS_LOG": access_log,
        "WORKER_TIMEOUT": str(worker_timeout),
        # Room for the request itself and for two before it in the queue of a busy pool.
        "PROXY_READ_TIMEOUT": str(3 * worker_timeout),
        # As root, nginx's workers drop to nobody (the runtime directory lets them through, mode 0711).
        "USER_LINE": "user nobody nogroup;" if as_root else "",
        "REAL_IP": real_ip_lines(os.environ.get("SUMMARIZER_FORWARDED_BY", "")),
    }
    config = (DEPLOY / "nginx.conf.template").read_text(encoding="utf-8")
    for name, value in values.items():
        config = config.replace(f"@{name}@", value)
    leftover = [line for line in config.splitlines() if "@" in line.split("#", 1)[0]]
    if leftover:
        raise SystemExit(f"deploy/nginx.conf.template has a placeholder serve.py does not fill: {leftover[0]}")
    path = run_dir / "nginx.conf"
    path.write_text(config, encoding="utf-8")
    errors = run_dir / "html" / "_errors"
    errors.mkdir(parents=True)
    for status, (code, title, message) in NGINX_ERRORS.items():
        message = message.format(limit=megabytes(max_body))
        body = json.dumps({"error": {"code": code, "message": message}}, ensure_ascii=False) + "\n"
        (errors / f"{status}.json").write_text(body, encoding="utf-8")
        (errors / f"{status}.html").write_text(
            HTML_ERROR.format(title=html.escape(title), message=html.escape(message)), encoding="utf-8"
        )
    if as_root:
        run_dir.chmod(0o711)
        for directory in (run_dir / "html", errors):
            directory.chmod(0o755)
    return path


def _wait_for(check, seconds: float, what: str, processes: list[subprocess.Popen]) -> None:
    deadline = time.monotonic() + seconds
    while not check():
        for process in processes:
            if process.poll() is not None:
                raise SystemExit(f"{what}: {process.args[0]} exited with status {process.returncode}")
        if time.monotonic() > deadline:
            raise SystemExit(f"{what}: not ready within {seconds:.0f} s")
        time.sleep(0.05)


def _listening(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host if host not in ("0.0.0.0", "::") else "127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--host", default=os.environ.get("HOST") or "127.0.0.1")
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT") or 8000))
    parser.add_argument("--workers", type=int, default=int(os.environ.get("WORKERS") or 2),
                        help="sync workers that summarise (default WORKERS or 2)")
    parser.add_argument("--access-log", default="/dev/stdout", help="nginx's access log (default: standard output)")
    args = parser.parse_args(argv)

    from app import DEFAULTS
    from web.security import prepare_data_dir

    try:  # the settings first: what the user set is reported wrong whatever the machine has installed
        data_dir = prepare_data_dir(Path(os.environ.get("SUMMARIZER_DATA_DIR") or DEFAULTS["DATA_DIR"]))
    except RuntimeError as error:
        raise SystemExit(str(error)) from None
    nginx = find_nginx()
    max_body = int(os.environ.get("SUMMARIZER_MAX_CONTENT_LENGTH") or DEFAULTS["MAX_CONTENT_LENGTH"])
    request_seconds = int(os.environ.get("SUMMARIZER_REQUEST_SECONDS") or DEFAULTS["REQUEST_SECONDS"])
    # The summarising workers' timeout: the app's own budget stops a request first, with a message.
    worker_timeout = int(os.environ.get("SUMMARIZER_WORKER_TIMEOUT") or max(30, request_seconds + 10))
    listen = f"[{args.host}]:{args.port}" if ":" in args.host else f"{args.host}:{args.port}"
    url_host = f"[{args.host}]" if ":" in args.host else args.host

    run_dir = Path(tempfile.mkdtemp(prefix=f"news-brief-{args.port}-"))
    processes: list[subprocess.Popen] = []
    try:
        config = write_runtime_dir(run_dir, listen=listen, max_body=max_body, access_log=args.access_log,
                                   worker_timeout=worker_timeout)
        env = {
            **os.environ,
            "SUMMARIZER_DATA_DIR": str(data_dir),
            "SUMMARIZER_PROXIES": os.environ.get("SUMMARIZER_PROXIES") or "1",
            # Links people copy: this address, unless it is every interface (then set it to the public one).
            "SUMMARIZER_BASE_URL": os.environ.get("SUMMARIZER_BASE_URL")
            or ("" if args.host in ("0.0.0.0", "::") else f"http://{url_host}:{args.port}"),
            "WORKERS": str(args.workers),
            "SUMMARIZER_WORKER_TIMEOUT": str(worker_timeout),
        }
        for pool in ("summarise", "pages"):
            command = [
                sys.executable, "-m", "gunicorn", "-c", str(DEPLOY / "gunicorn.conf.py"),
                "--bind", f"unix:{run_dir / (pool + '.sock')}",
                "--control-socket", str(run_dir / f"{pool}.ctl"),
                "--name", f"news-brief-{pool}",
            ]  # fmt: skip
            processes.append(subprocess.Popen(command, cwd=ROOT, env={**env, "SUMMARIZER_POOL": pool}))
        sockets = [run_dir / "summarise.sock", run_dir / "pages.sock"]
        _wait_for(lambda: all(s.exists() for s in sockets), 120, "gunicorn", processes)
        processes.append(
            subprocess.Popen([nginx, "-p", str(run_dir), "-c", str(config), "-e", "stderr"])
        )
        _wait_for(lambda: _listening(args.host, args.port), 20, "nginx", processes)
        print(
            f"Serving on http://{url_host}:{args.port} (nginx; gunicorn: {args.workers} summarising workers, "
            f"pages pool; runtime directory {run_dir})",
            flush=True,
        )
        if not env["SUMMARIZER_BASE_URL"]:
            print("Links on the pages are paths: set SUMMARIZER_BASE_URL to the address people use.", flush=True)

        stopping = []

        def stop(signum, _frame):
            stopping.append(signum)

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        while not stopping:
            exited = [p for p in processes if p.poll() is not None]
            if exited:
                print(f"{exited[0].args[0]} exited with status {exited[0].returncode}; stopping.", file=sys.stderr)
                return exited[0].returncode or 1
            time.sleep(0.2)
        return 0
    finally:
        _stop_all(processes)
        shutil.rmtree(run_dir, ignore_errors=True)


def _stop_all(processes: list[subprocess.Popen]) -> None:
    """nginx first (SIGQUIT: finish what it is sending), then gunicorn (SIGTERM: graceful), then kill what is left."""
    for process in reversed(processes):
        if process.poll() is None:
            process.send_signal(signal.SIGQUIT if process.args[0].endswith("nginx") else signal.SIGTERM)
    deadline = time.monotonic() + 15
    for process in processes:
        try:
            process.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


if __name__ == "__main__":
    sys.exit(main())
