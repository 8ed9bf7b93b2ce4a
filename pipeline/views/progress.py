"""The ingest's progress bars on a terminal: PDFs read, then pages read by OCR.

OCR takes seconds a page, so its bar shows the time spent so far and keeps it ticking
while a file is being read, rather than sitting still for minutes.
"""

from __future__ import annotations

import threading
import time
from typing import Any, TextIO

import click

from pipeline.ingest.ocr import OcrStats

TICK_SECONDS = 1.0


class IngestProgress:
    """Callbacks for `runner.ingest` (`on_start`, `progress`, `ocr_progress`) that draw the bars."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self._files: Any = None
        self._ocr: Any = None
        self._ocr_done = 0
        self._ocr_started = 0.0
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._ticker: threading.Thread | None = None

    def on_start(self, total: int) -> None:
        self._files = click.progressbar(length=total, label="Reading PDFs", file=self.stream)
        self._files.__enter__()

    def progress(self, name: str) -> None:
        if self._files is not None:
            self._files.update(1)

    def ocr_progress(self, stats: OcrStats) -> None:
        with self._lock:
            if self._ocr is None:
                self._close_files()
                self._ocr_started = time.monotonic()
                self._ocr = click.progressbar(
                    length=stats.pages_total,
                    label=f"OCR ({stats.pages_total} page{'s' if stats.pages_total != 1 else ''})",
                    file=self.stream,
                    show_eta=False,
                    item_show_func=self._elapsed,
                )
                self._ocr.__enter__()
                self._ticker = threading.Thread(target=self._tick, daemon=True)
                self._ticker.start()
            self._ocr.update(stats.pages_read - self._ocr_done)
            self._ocr_done = stats.pages_read

    def __enter__(self) -> IngestProgress:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._stop.set()
        if self._ticker is not None:
            self._ticker.join()
        with self._lock:
            self._close_files()
            if self._ocr is not None:
                self._ocr.__exit__(None, None, None)
                self._ocr = None

    def _close_files(self) -> None:
        if self._files is not None:
            self._files.__exit__(None, None, None)
            self._files = None

    def _elapsed(self, _item: Any) -> str:
        return f"{time.monotonic() - self._ocr_started:.0f} s"

    def _tick(self) -> None:
        while not self._stop.wait(TICK_SECONDS):
            with self._lock:
                if self._ocr is not None:
                    self._ocr.render_progress()
