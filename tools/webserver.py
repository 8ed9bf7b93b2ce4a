"""Start the real `cse-toolkit serve` as a subprocess on a free port, for the web tests and
`make bench`: it prints its URL on start-up, and stops on SIGTERM."""

from __future__ import annotations

import contextlib
import http.client
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

# How the browser tests and tools/screenshot.py start Debian's chromium: headless, and
# quiet (no update checks, sync or QUIC probes that would reach for the network).
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

REPO = Path(__file__).resolve().parent.parent
STARTUP_SECONDS = 30
URL_LINE = re.compile(r"at (http://(\S+?):(\d+)/)")


@dataclass
class Server:
    url: str  # http://127.0.0.1:PORT/
    host: str
    port: int
    process: subprocess.Popen[bytes]
    stdout: Path
    stderr: Path

    def get(self, path: str, host: str | None = None) -> tuple[int, dict[str, str], bytes]:
        """GET a raw path (sent exactly as given, nothing normalised or encoded)."""
        connection = http.client.HTTPConnection(host or self.host, self.port, timeout=30)
        try:
            connection.request("GET", path)
            response = connection.getresponse()
            headers = {name.lower(): value for name, value in response.getheaders()}
            return response.status, headers, response.read()
        finally:
            connection.close()

    def output(self) -> str:
        """Everything the server printed so far, on stdout and stderr."""
        return self.stdout.read_text(errors="replace") + self.stderr.read_text(errors="replace")

    def stop(self, timeout: float = 15) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        return int(self.process.returncode)


def start_server(
    config: Path,
    pdfs: Path,
    index: Path,
    logs: Path,
    *extra: str,
    host: str | None = None,
    env: dict[str, str] | None = None,
) -> Server:
    """Run `cse-toolkit serve --port 0 ...` and wait for its start-up line."""
    logs.mkdir(parents=True, exist_ok=True)
    stdout, stderr = logs / "server.out", logs / "server.err"
    command = [
        sys.executable,
        "-c",
        "from pipeline.cli import toolkit_main; toolkit_main()",
        "serve",
        "--port",
        "0",
        "--config",
        str(config),
        "--pdfs",
        str(pdfs),
        "--index",
        str(index),
        *(["--host", host] if host else []),
        *extra,
    ]
    environment = {**os.environ, "PYTHONUNBUFFERED": "1", "PYTHONPATH": str(REPO), **(env or {})}
    with stdout.open("wb") as out, stderr.open("wb") as err:
        process = subprocess.Popen(command, stdout=out, stderr=err, cwd=REPO, env=environment)
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        found = URL_LINE.search(stdout.read_text(errors="replace"))
        if found:
            return Server(found.group(1), found.group(2), int(found.group(3)), process, stdout, stderr)
        if process.poll() is not None:
            break
        time.sleep(0.05)
    process.kill()
    process.wait()
    raise RuntimeError(f"the server did not start:\n{stdout.read_text()}\n{stderr.read_text()}")


@contextlib.contextmanager
def running_server(config: Path, pdfs: Path, index: Path, logs: Path, *extra: str) -> Iterator[Server]:
    server = start_server(config, pdfs, index, logs, *extra)
    try:
        yield server
    finally:
        server.stop()
