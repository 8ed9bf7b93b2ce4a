"""Run the web page in one process with waitress, a production WSGI server.

Waitress answers on a pool of threads (the engine keeps one searcher per thread, and
PDFium is used under one lock), needs no compiler and runs the same on Linux, macOS and
Windows, where a board's laptop may be. SIGTERM and Ctrl+C stop it cleanly: the server
stops accepting, lets running requests finish (waitress waits up to 5 seconds), and exits.

The access log names the method, the route (never the path as typed, nor the query
string: a practitioner may type a child's name), the status and the time taken.
"""

from __future__ import annotations

import ipaddress
import logging
import re
import signal
import sys
import threading
import time
from collections.abc import Callable
from types import FrameType

from flask import Flask, Response, g, request

from pipeline.engine.index import close_searchers
from pipeline.errors import UsageError
from pipeline.web.app import create_app
from pipeline.web.guard import create_server
from pipeline.web.site import NotReady, Settings
from pipeline.web.state import EXTENSION

THREADS = 8
ACCESS = logging.getLogger("cse_toolkit.web.access")


def add_access_log(app: Flask) -> None:
    """One line per request: method, route template, status, milliseconds."""

    @app.before_request
    def started() -> None:
        g.started = time.perf_counter()

    @app.after_request
    def logged(response: Response) -> Response:
        rule = request.url_rule.rule if request.url_rule is not None else "(no such page)"
        took = (time.perf_counter() - g.get("started", time.perf_counter())) * 1000
        ACCESS.info("%s %s %d %.0f ms", request.method, rule, response.status_code, took)
        return response


URL_PREFIX = re.compile(r"^(/[A-Za-z0-9._~!$&'()*+,;=:@%-]+)+$")  # path segments, nothing else


def url_prefix_path(text: str) -> str:
    """--url-prefix as a path without its final slash ("" for none), or a UsageError."""
    prefix = text.rstrip("/")
    if prefix and not URL_PREFIX.match(prefix):
        raise UsageError(
            f"--url-prefix {text!r} is not a path: give the path the web server forwards, "
            "starting with / (such as /cse-toolkit)"
        )
    return prefix


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def serve(
    settings: Settings,
    host: str,
    port: int,
    *,
    url_prefix: str = "",
    threads: int = THREADS,
    watch: float | None = None,
    echo: Callable[[str], None] = lambda line: print(line, flush=True),
) -> None:
    """Serve until SIGTERM or Ctrl+C; with `watch` (seconds a change must settle), ingest
    whenever the PDFs or the config change (ingest/watch.py), in a thread of its own."""
    logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stderr)
    logging.getLogger("waitress.queue").setLevel(logging.ERROR)  # "task queue depth" chatter
    app = create_app(settings)
    add_access_log(app)
    server = create_server(
        app,
        host=host,
        port=port,
        threads=threads,
        url_prefix=url_prefix,
        ident="cse-toolkit",
        max_request_header_size=16 * 1024,  # bounds the URL, and so the query
        max_request_body_size=64 * 1024,
        channel_timeout=30,  # an idle connection; a request in progress: guard.REQUEST_SECONDS
        clear_untrusted_proxy_headers=True,
        # A web server on this machine in front (docs/nginx-cse-toolkit.conf) says whether the
        # visitor came by HTTPS, for the few absolute links (the Atom feed's); nobody else may.
        trusted_proxy="127.0.0.1",
        trusted_proxy_headers={"x-forwarded-proto"},
    )
    listening = getattr(server, "effective_listen", None) or [(server.effective_host, server.effective_port)]
    bound_host, bound_port = listening[0][0], listening[0][1]
    shown_host = f"[{bound_host}]" if ":" in str(bound_host) else bound_host
    url = f"http://{shown_host}:{bound_port}{url_prefix}/"
    app.extensions[EXTENSION].images.renderer.start()
    site = app.extensions["cse_site"]
    try:
        edition = site.edition()
        about = f"{edition.toolkit.title}, index {edition.name}"
    except NotReady as exc:
        about = exc.message.rstrip(".") + "; the page starts answering once it has run"
    echo(f"Serving the toolkit search at {url} ({about}). Stop with Ctrl+C.")
    if not is_loopback(host):
        echo(
            f"Listening on {host}: anyone who can reach this machine on port {bound_port} "
            "can use the page. Put it behind the intranet's web server (see README)."
        )

    def stop(signum: int, frame: FrameType | None) -> None:
        raise SystemExit(0)  # waitress's run loop turns this into a clean shutdown

    previous = signal.signal(signal.SIGTERM, stop)
    watching = start_watching(site.settings, watch) if watch is not None else None
    try:
        server.run()
    except KeyboardInterrupt:
        server.close()
    finally:
        signal.signal(signal.SIGTERM, previous)
        if watching is not None:
            watching()
        close_searchers()
        app.extensions[EXTENSION].images.renderer.close()
        echo("Stopped.")


def start_watching(settings: Settings, settle: float) -> Callable[[], None]:
    """The watched folder in a thread beside the server; returns what stops it."""
    from pipeline.ingest.watch import Folder, IngestChild, Paths, Watcher

    paths = Paths(settings.config_path, settings.pdfs_dir, settings.index_dir)
    stop, child = threading.Event(), IngestChild(paths)
    watcher = Watcher(Folder(paths), child, settle)
    thread = threading.Thread(target=watcher.run, args=(stop,), name="cse-watch", daemon=True)
    thread.start()

    def end() -> None:
        stop.set()
        child.stop()
        thread.join(timeout=10)

    return end
