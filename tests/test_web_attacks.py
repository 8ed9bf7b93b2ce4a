"""The web page keeps answering everyone while one client attacks it (issue 25 items 5, 6):
the real server as a subprocess, real sockets on loopback, ordinary requests measured while
the attack is under way. Bounds are generous (answering at all, not a tight timing): the
machine is shared and slow, and what failed before was answering at all (12 s time-outs).

The attacker connects from another loopback address (127.0.0.2) than the ordinary visitor
(127.0.0.1), as a second machine would; every loop here is bounded in count and time.
"""

from __future__ import annotations

import contextlib
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from pipeline.web.guard import PER_CLIENT, REQUEST_SECONDS
from tests.conftest import SAMPLE_CONFIG, SAMPLE_PDFS
from tools.webserver import Server, start_server

ANSWER_SECONDS = 5.0  # an ordinary request must be answered within this, during an attack


@pytest.fixture
def server(sample_index: Path, tmp_path: Path) -> Iterator[Server]:
    index = tmp_path / "index"
    shutil.copytree(sample_index, index, symlinks=True)
    running = start_server(SAMPLE_CONFIG, SAMPLE_PDFS, index, tmp_path / "logs")
    yield running
    running.stop()


def ordinary_requests(server: Server, seconds: float, paths: list[str]) -> list[tuple[int, float]]:
    """GET the paths in turn for `seconds`: each one's status (0: no answer in time) and time."""
    done: list[tuple[int, float]] = []
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and len(done) < 500:
        path = paths[len(done) % len(paths)]
        started = time.monotonic()
        try:
            connection = socket.create_connection((server.host, server.port), timeout=ANSWER_SECONDS)
            connection.settimeout(ANSWER_SECONDS)
            connection.sendall(f"GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())
            head = connection.recv(64)
            connection.close()
            status = int(head.split()[1]) if head.startswith(b"HTTP/1.1 ") else 0
        except OSError:
            status = 0
        done.append((status, time.monotonic() - started))
        time.sleep(0.1)
    return done


class SlowClient:
    """Connections from one address that each send a request one header line at a time,
    every `every` seconds, for at most `seconds`, never finishing it."""

    def __init__(self, server: Server, count: int, source: str, every: float, seconds: float) -> None:
        self.sockets: list[socket.socket] = []
        for _ in range(count):
            sock = socket.socket()
            sock.settimeout(2)
            sock.bind((source, 0))
            try:
                sock.connect((server.host, server.port))
                sock.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n")
            except OSError:
                pass
            self.sockets.append(sock)
        self.closed_by_server = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._dribble, args=(every, seconds), daemon=True)
        self._thread.start()

    def _dribble(self, every: float, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while not self._stop.wait(every) and time.monotonic() < deadline:
            for sock in self.sockets:
                with contextlib.suppress(OSError):
                    sock.sendall(b"X-Slow: 1\r\n")

    def count_closed(self) -> int:
        """How many the server has closed (a read sees the end, or a reset)."""
        closed = 0
        for sock in self.sockets:
            sock.setblocking(False)
            try:
                closed += sock.recv(1024) == b""
            except BlockingIOError:
                pass
            except OSError:
                closed += 1
        return closed

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(10)
        for sock in self.sockets:
            sock.close()


def p95(times: list[float]) -> float:
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]


ORDINARY = ["/", "/api/search?q=pharmacies&role=pharmacist", "/search?q=consent", "/static/style.css"]


def test_half_open_connections_from_one_client_starve_nobody(server: Server) -> None:
    """Item 6: one client holding 110 (here 300) connections that each send a byte every
    few seconds made the server answer nobody; now each request is answered."""
    attacker = SlowClient(server, 300, "127.0.0.2", every=2.0, seconds=12)
    try:
        answers = ordinary_requests(server, 8, ORDINARY)
    finally:
        attacker.stop()

    assert [s for s, _ in answers if s != 200] == []
    assert max(t for _, t in answers) < ANSWER_SECONDS
    print(
        f"ordinary requests during the attack: {len(answers)}, p95 {p95([t for _, t in answers]) * 1000:.0f} ms"
    )
    assert "Traceback" not in server.output()


def test_a_request_that_never_finishes_arriving_is_closed(server: Server) -> None:
    """Item 6: a request must arrive whole within REQUEST_SECONDS of its first byte, however
    slowly it trickles (waitress alone keeps it while any byte comes within 30 s)."""
    attacker = SlowClient(server, 20, "127.0.0.3", every=1.0, seconds=REQUEST_SECONDS + 8)
    try:
        time.sleep(REQUEST_SECONDS + 5)
        closed = attacker.count_closed()
    finally:
        attacker.stop()

    assert closed == 20


def test_one_client_may_hold_only_so_many_connections(server: Server) -> None:
    """Item 6: connections past PER_CLIENT from one address are closed as accepted."""
    attacker = SlowClient(server, PER_CLIENT + 20, "127.0.0.4", every=1.0, seconds=6)
    try:
        time.sleep(3)
        closed = attacker.count_closed()
    finally:
        attacker.stop()

    assert closed == 20
