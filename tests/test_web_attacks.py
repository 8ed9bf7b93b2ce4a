"""The web page keeps answering everyone while one client attacks it (issue 25 items 5, 6):
the real server as a subprocess, real sockets on loopback, ordinary requests measured while
the attack is under way. Bounds are generous (answering at all, not a tight timing): the
machine is shared and slow, and what failed before was answering at all (12 s time-outs).

The attacker connects from another loopback address (127.0.0.2) than the ordinary visitor
(127.0.0.1), as a second machine would; every loop here is bounded in count and time.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

from pipeline.web.guard import PER_CLIENT, REQUEST_SECONDS
from pipeline.web.renderer import MAX_PIXELS, Renderer
from tests.conftest import SAMPLE_CONFIG, SAMPLE_PDFS, Place
from tests.hostile_pdfs import HELVETICA, build_pdf, stream, text_content
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


# --------------------------------------------------------- item 5: one huge or dense page
def one_page_pdf(path: Path, content: bytes, box: tuple[int, int] = (595, 842)) -> None:
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
        HELVETICA,
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] "
        b"/Resources << /Font << /F1 3 0 R >> >> /Contents 5 0 R >>" % box,
        stream(content, compress=True),
    ]
    path.write_bytes(build_pdf(objects))


@pytest.fixture
def hostile_pages(tmp_path: Path) -> Iterator[Server]:
    """The sample toolkit plus a 14400 x 14400 pt page and a small file whose one page is
    30,000 full-page fills (half a minute of drawing); each page render is given 3 s."""
    pdfs = tmp_path / "pdfs"
    shutil.copytree(SAMPLE_PDFS, pdfs)
    one_page_pdf(pdfs / "huge.pdf", text_content([b"Quokka survey notes."]), (14400, 14400))
    dense = text_content([b"Numbat survey notes."]) + b"\n" + b"0.5 g 10 10 500 700 re f\n" * 30_000
    one_page_pdf(pdfs / "dense.pdf", dense)
    index = tmp_path / "index"
    result = Place(SAMPLE_CONFIG, pdfs, index).ingest()
    assert result.exit_code == 0, result.output
    running = start_server(SAMPLE_CONFIG, pdfs, index, tmp_path / "logs", env={"CSE_WEB_RENDER_SECONDS": "3"})
    yield running
    running.stop()


def first_result(server: Server, word: str) -> dict[str, str]:
    status, _, body = server.get(f"/api/search?q={word}")
    assert status == 200, body
    return dict(json.loads(body)["results"][0])


def keep_asking(server: Server, paths: list[str], seconds: float) -> threading.Thread:
    """A visitor asking for the hostile pages again and again (bounded in time and count)."""

    def ask() -> None:
        deadline = time.monotonic() + seconds
        for count in range(200):
            if time.monotonic() > deadline:
                return
            with contextlib.suppress(OSError):
                server.get(paths[count % len(paths)])

    thread = threading.Thread(target=ask, daemon=True)
    thread.start()
    return thread


def test_pages_are_drawn_at_the_servers_priority_and_a_long_job_is_lowered() -> None:
    """A worker draws at the server's priority (at a lower one an ordinary page waited for
    a core on a busy machine); a job still running after `demote_after` is lowered, and
    its worker replaced afterwards, since a process cannot raise its priority again."""
    ours = os.getpriority(os.PRIO_PROCESS, 0)
    pdf = SAMPLE_PDFS / "chapter-4-health-services.pdf"
    seen = []
    for demote_after in (30.0, 0.0):  # 0: every job counts as long
        renderer = Renderer(workers=1, demote_after=demote_after)
        try:
            renderer.start()
            worker = renderer._idle.queue[0]
            before = worker.process.pid
            png = renderer.draw(pdf, "chapter-4", 20)
            after = worker.process.pid
            seen.append((png[:4], before == after, os.getpriority(os.PRIO_PROCESS, after)))
        finally:
            renderer.close()
    assert seen == [(b"\x89PNG", True, ours), (b"\x89PNG", False, ours)]


def test_huge_and_dense_pages_never_hold_up_the_other_visitors(hostile_pages: Server) -> None:
    """Item 5: one 14400 x 14400 pt page grew the server to 3.6 GB and ended in a 500; a
    dense page held every other page image for seconds. Now: the huge page is drawn within
    MAX_PIXELS, the dense one is "too large to show" (422) after its time, and everyone
    else is answered meanwhile."""
    server = hostile_pages
    huge, dense = first_result(server, "quokka"), first_result(server, "numbat")
    ordinary_image = first_result(server, "pharmacies")["image_url"]
    attack = [dense["image_url"], huge["image_url"], f"/page/{dense['image_url'].split('/')[2]}/1"]
    attackers = [keep_asking(server, attack, 10) for _ in range(3)]
    answers = ordinary_requests(server, 10, [*ORDINARY, ordinary_image])
    for thread in attackers:
        thread.join(30)

    assert [s for s, _ in answers if s != 200] == []
    assert max(t for _, t in answers) < ANSWER_SECONDS
    print(
        f"ordinary requests during the attack: {len(answers)}, p95 {p95([t for _, t in answers]) * 1000:.0f} ms"
    )
    status, _, png = server.get(huge["image_url"])
    width, height = Image.open(io.BytesIO(png)).size
    assert (status, width * height <= MAX_PIXELS, width == height) == (200, True, True)
    status, _, body = server.get(dense["image_url"])
    assert (status, b"too large or complex to show here" in body) == (422, True)
    status, _, body = server.get(attack[2])
    assert (status, b"too large or complex to show here" in body, b"Open the PDF at this page" in body) == (
        200,
        True,
        True,
    )
    assert "Traceback" not in server.output()
