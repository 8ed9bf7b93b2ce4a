"""PDFium for the web page, in worker processes: each page drawn or read is bounded in
pixels, time and memory, and a few at a time, so one hostile page cannot take the server.

In the server's own threads, one 14400 x 14400 pt page grew the process to 3.6 GB and
ended in a 500 after 12-30 s, and an 11 KB page of dense drawing held the shared PDFium
lock for 8 s while every other page image waited. Here:

- the scale is lowered so that no page image has more than `MAX_PIXELS` pixels;
- each job runs in a worker process (spawned, with an address-space limit) and is given
  `JOB_SECONDS`; past that the worker is killed and replaced, and the page is remembered
  as too large to show (asking again costs nothing);
- a job runs at the server's priority for `DEMOTE_AFTER` seconds, then at a lower one
  (an ordinary page is drawn as soon as the server gets a core; a slow one cannot hold
  up the searches);
- `WORKERS` jobs run at once and at most `WAITING` more may wait; past that a request is
  told at once that the page images are busy (HTTP 503), rather than queue without end.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import queue
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from pipeline.errors import CseError

SCALE = 1.5  # 108 dpi: an A4 page is about 890 pixels wide, legible on a laptop or a phone
MAX_PIXELS = 6_000_000  # about 2,450 x 2,450: an A3 page at full scale fits
JOB_SECONDS = float(os.environ.get("CSE_WEB_RENDER_SECONDS", "10"))
WORKER_MEMORY_MB = 1536
WORKERS = 2
WAITING = 6
REMEMBERED = 256  # pages known too large, per process
DEMOTE_AFTER = 0.25  # seconds a job runs at the server's priority before it is lowered
DEMOTED = 10  # how much lower (nice)

Box = tuple[float, float, float, float]  # left, top, right, bottom in image pixels


class TooLarge(CseError):
    """A page PDFium could not draw or read within its bounds (shown as "too large")."""


class Busy(CseError):
    """Every worker is drawing and the queue is full (HTTP 503: try again)."""


@dataclass(frozen=True)
class PageText:
    """A page's text as PDFium reads it, each character with its box in image pixels."""

    text: str
    boxes: tuple[Box, ...]
    size: tuple[int, int]  # the rendered image's width and height


def page_scale(width: float, height: float) -> float:
    """SCALE, or less for a page so large its image would pass MAX_PIXELS."""
    area = max(width, 1.0) * max(height, 1.0) * SCALE * SCALE
    # 0.995: PDFium rounds each side up to whole pixels
    return SCALE if area <= MAX_PIXELS else SCALE * (MAX_PIXELS / area) ** 0.5 * 0.995


# ------------------------------------------------------------------ in the worker process
def _limit_memory() -> None:
    import resource

    limit = WORKER_MEMORY_MB << 20
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


KEPT_OPEN = 4  # PDFs a worker keeps open between jobs
_OPEN: OrderedDict[tuple[str, int, int, int], Any] = (
    OrderedDict()
)  # in a worker: (path, inode, size, time) -> document


def _opened(pdf: str) -> Any:
    """The PDF as PDFium opened it, kept open for the next few jobs: a file's next page, or
    a page's text after its image, is not parsed again (about 4 ms of a 20-30 ms page). A
    file replaced on disk (another inode, size or time) is opened anew."""
    import pypdfium2 as pdfium

    status = Path(pdf).stat()
    key = (pdf, status.st_ino, status.st_size, status.st_mtime_ns)
    document = _OPEN.pop(key, None)
    if document is None:
        document = pdfium.PdfDocument(pdf)
    _OPEN[key] = document
    while len(_OPEN) > KEPT_OPEN:
        _OPEN.popitem(last=False)[1].close()
    return document


def _draw(pdf: str, pdf_page: int, marks: tuple[Box, ...] = ()) -> bytes:
    """The page as a PNG, at a scale that keeps it within MAX_PIXELS, `marks` (boxes in its
    pixels) drawn in before it is encoded: drawing the page again costs no more than
    decoding a kept PNG would, and this way the server process does neither."""
    import io

    from pipeline.web import marking

    page = _opened(pdf)[pdf_page - 1]
    try:
        width, height = page.get_size()
        image = page.render(scale=page_scale(width, height)).to_pil().convert("RGB")
    finally:
        page.close()
    if marks:
        marking.draw(image, marks)
    elif _grey(image):  # most pages: one channel encodes in half the time, to half the bytes
        image = image.convert("L")
    buffer = io.BytesIO()
    image.save(buffer, "PNG", compress_level=3)
    return buffer.getvalue()


def _grey(image: Any) -> bool:
    """Whether every pixel of an RGB image is a shade of grey (its PNG can be greyscale,
    the same pixels): about 2 ms for a page."""
    from PIL import ImageChops

    red, green, blue = image.split()
    return (
        ImageChops.difference(red, green).getbbox() is None
        and ImageChops.difference(green, blue).getbbox() is None
    )


def _read(pdf: str, pdf_page: int) -> PageText:
    """The page's characters and their boxes, in the pixels of the image `_draw` makes."""
    import pypdfium2.raw as pdfium_c

    page = _opened(pdf)[pdf_page - 1]
    try:
        scale = page_scale(*page.get_size())
        left, bottom, right, top = page.get_cropbox()
        textpage = page.get_textpage()
        chars = []
        boxes = []
        for index in range(textpage.count_chars()):
            chars.append(chr(pdfium_c.FPDFText_GetUnicode(textpage.raw, index) or 32))
            x0, y0, x1, y1 = textpage.get_charbox(index)
            boxes.append(((x0 - left) * scale, (top - y1) * scale, (x1 - left) * scale, (top - y0) * scale))
        textpage.close()
    finally:
        page.close()
    size = (round((right - left) * scale), round((top - bottom) * scale))
    return PageText("".join(chars), tuple(boxes), size)


def _draw_area(
    pdf: str, pdf_page: int, area: Box, size: tuple[int, int], width: int, marks: tuple[Box, ...] = ()
) -> bytes:
    """Part of the page, `width` pixels wide, drawn at that size (sharp, not enlarged):
    `area` is in the pixels of the image `_draw` makes (`size` big). Its height follows,
    and the scale is lowered if it would pass MAX_PIXELS. `marks` (in the same pixels as
    `area`) are drawn in, enlarged with it."""
    import io

    from pipeline.web import marking

    page = _opened(pdf)[pdf_page - 1]
    try:
        page_width, page_height = page.get_size()
        points = page_width / max(size[0], 1)  # points per pixel of the page image
        left, top, right, bottom = (value * points for value in area)
        scale = width / max(right - left, 1.0)
        if width * (bottom - top) * scale > MAX_PIXELS:
            scale *= (MAX_PIXELS / (width * (bottom - top) * scale)) ** 0.5
        cut = (left, page_height - bottom, page_width - right, top)  # left, bottom, right, top
        image = page.render(scale=scale, crop=cut).to_pil().convert("RGB")
    finally:
        page.close()
    factor = image.width / max(area[2] - area[0], 1.0)  # its pixels per pixel of the page image
    moved = [
        ((x0 - area[0]) * factor, (y0 - area[1]) * factor, (x1 - area[0]) * factor, (y1 - area[1]) * factor)
        for x0, y0, x1, y1 in marks
        if x1 > area[0] and x0 < area[2] and y1 > area[1] and y0 < area[3]
    ]
    marking.draw(image, moved, edge=max(2, round(2 * factor)))
    buffer = io.BytesIO()
    image.save(buffer, "PNG", compress_level=3)
    return buffer.getvalue()


JOBS: dict[str, Callable[..., Any]] = {"draw": _draw, "read": _read, "area": _draw_area}


def _serve(connection: Connection) -> None:
    """The worker's loop: a job in, its result (or the failure's name) out. It starts at
    the server's priority; the server lowers it while a job runs long (_Worker.call)."""
    _limit_memory()
    while True:
        try:
            kind, pdf, pdf_page, *extra = connection.recv()
        except (EOFError, OSError):
            return
        try:
            connection.send(("ok", JOBS[kind](pdf, pdf_page, *extra)))
        except MemoryError:
            connection.send(("failed", "needed more memory than a page image may"))
        except Exception as exc:  # a damaged page: named, and the worker goes on
            connection.send(("failed", type(exc).__name__))


# ------------------------------------------------------------------ in the server process
@dataclass
class _Flight:
    """A job under way, which later askers for the same page wait on."""

    done: threading.Event = field(default_factory=threading.Event)
    value: Any = None
    error: CseError | None = None


class _Worker:
    """One worker process. A job runs at the server's priority, so that an ordinary page is
    drawn as soon as a busy machine gives the server a core (at a lower one, a 30 ms page
    waited several times that for a core); one still running after `demote_after` seconds
    goes on at a lower priority (DEMOTED), so that a page that takes seconds to draw cannot
    slow the searches and pages everyone else is asking for, and its worker is replaced
    afterwards (a process may lower its priority but not raise it again)."""

    def __init__(self, demote_after: float = DEMOTE_AFTER) -> None:
        self.process: Any = None
        self.connection: Connection | None = None
        self.demote_after = demote_after

    def ensure(self) -> None:
        if self.process is None or not self.process.is_alive():
            self.stop()
            self._start()

    def call(self, job: tuple[Any, ...], seconds: float) -> tuple[str, Any]:
        self.ensure()
        assert self.connection is not None
        try:
            self.connection.send(job)
            demoted = not self.connection.poll(min(seconds, self.demote_after))
            if demoted:
                with contextlib.suppress(OSError, AttributeError):
                    os.setpriority(
                        os.PRIO_PROCESS, self.process.pid, os.getpriority(os.PRIO_PROCESS, 0) + DEMOTED
                    )
            if not demoted or self.connection.poll(max(seconds - self.demote_after, 0.0)):
                result: tuple[str, Any] = self.connection.recv()
                if demoted:  # back to the server's priority for the next page
                    self.stop()
                    self._start()
                return result
        except (EOFError, OSError):
            pass  # the worker died (a crash in PDFium): replaced below
        self.stop()
        self._start()  # this request pays for the new worker, not the next one
        return ("failed", f"took longer than {seconds:.0f} s")

    def _start(self) -> None:
        context = multiprocessing.get_context("spawn")  # never fork a threaded server
        ours, theirs = context.Pipe()
        self.process = context.Process(target=_serve, args=(theirs,), daemon=True, name="cse-page-images")
        self.process.start()
        theirs.close()
        self.connection = ours

    def stop(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.join(5)
        if self.connection is not None:
            self.connection.close()
        self.process = self.connection = None


class Renderer:
    """Draws and reads pages in worker processes, a few at a time (see the module's doc)."""

    def __init__(
        self,
        workers: int = WORKERS,
        waiting: int = WAITING,
        seconds: float = JOB_SECONDS,
        demote_after: float = DEMOTE_AFTER,
    ) -> None:
        self.seconds = seconds
        self._idle: queue.Queue[_Worker] = queue.Queue()
        for _ in range(workers):
            self._idle.put(_Worker(demote_after))
        self._admitted = threading.BoundedSemaphore(workers + waiting)
        self._too_large: OrderedDict[tuple[str, int, str], str] = OrderedDict()
        self._flights: dict[tuple[str, int, str], _Flight] = {}
        self._lock = threading.Lock()

    def draw(self, pdf: Path, key: str, pdf_page: int, marks: tuple[Box, ...] = ()) -> bytes:
        """The page as a PNG, `marks` (boxes in its pixels) drawn in. A page known too
        large to draw is not tried again with marks."""
        if marks:
            known = self.known_too_large(key, pdf_page)
            if known is not None:
                raise TooLarge(known)
        result: bytes = self._run("draw", pdf, key, pdf_page, (marks,) if marks else ())
        return result

    def read(self, pdf: Path, key: str, pdf_page: int) -> PageText:
        result: PageText = self._run("read", pdf, key, pdf_page)
        return result

    def draw_area(
        self,
        pdf: Path,
        key: str,
        pdf_page: int,
        area: Box,
        size: tuple[int, int],
        width: int,
        marks: tuple[Box, ...] = (),
    ) -> bytes:
        """Part of the page (`area` of the page image, `size` big), `width` pixels wide,
        `marks` (boxes in the page image's pixels) drawn in."""
        result: bytes = self._run("area", pdf, key, pdf_page, (area, size, width, marks))
        return result

    def _run(self, kind: str, pdf: Path, key: str, pdf_page: int, extra: tuple[Any, ...] = ()) -> Any:
        """The job's result; the same job asked for again while it runs shares its answer
        (a visitor asking for a hostile page many times at once costs one job)."""
        job = (key, pdf_page, f"{kind} {extra}" if extra else kind)
        with self._lock:
            known = self._too_large.get(job)
            flight = self._flights.get(job)
            leader = flight is None
            if flight is None and known is None:
                flight = self._flights[job] = _Flight()
        if known is not None:
            raise TooLarge(known)
        assert flight is not None
        if not leader:
            if not flight.done.wait(self.seconds + 30):
                raise Busy("The page images are busy; try again in a moment.")
            if flight.error is not None:
                raise flight.error
            return flight.value
        try:
            flight.value = self._call(kind, pdf, job, extra)
            return flight.value
        except CseError as exc:
            flight.error = exc
            raise
        finally:
            flight.done.set()
            with self._lock:
                self._flights.pop(job, None)

    def _call(self, kind: str, pdf: Path, job: tuple[str, int, str], extra: tuple[Any, ...] = ()) -> Any:
        if not self._admitted.acquire(blocking=False):
            raise Busy("The page images are busy; try again in a moment.")
        try:
            worker = self._idle.get()
            try:
                status, value = worker.call((kind, str(pdf), job[1], *extra), self.seconds)
            finally:
                self._idle.put(worker)
        finally:
            self._admitted.release()
        if status == "ok":
            return value
        message = f"PDF page {job[1]} is too large or complex to show here ({value}); open the PDF instead"
        with self._lock:
            self._too_large[job] = message
            self._too_large[(job[0], job[1], kind)] = message  # a page too large with marks is without
            while len(self._too_large) > REMEMBERED:
                self._too_large.popitem(last=False)
        raise TooLarge(message)

    def known_too_large(self, key: str, pdf_page: int) -> str | None:
        """Why this page could not be drawn, if it was tried already."""
        with self._lock:
            return self._too_large.get((key, pdf_page, "draw"))

    def start(self) -> None:
        """Start the workers now, so the first visitors do not wait for them."""
        workers = [self._idle.get() for _ in range(self._idle.qsize())]
        for worker in workers:
            worker.ensure()
            self._idle.put(worker)

    def close(self) -> None:
        while not self._idle.empty():
            self._idle.get().stop()
