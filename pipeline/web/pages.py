"""Page images with the matched words marked, drawn on the server with PDFium.

No PDF viewer runs in the browser: the page is rendered once per index generation (a PNG
kept in the generation's `web/pages/` folder, so it goes when the generation does). The
page view draws the matches over that image as boxes (`marking.rects`), so a page already
drawn costs nothing more for a new search; an image with the matches drawn in (the API's
`image_url`) is drawn afresh by PDFium's worker with them. Where the matches stand comes
from the engine (`match_spans`, the same marking as the snippets) applied to PDFium's text
of the page, whose characters carry their boxes. Nothing about a query is written to disk.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Sequence
from pathlib import Path

from cachetools import LRUCache

from pipeline.web import crop
from pipeline.web.marking import MARK_EDGE, MARK_FILL
from pipeline.web.renderer import SCALE, Box, PageText, Renderer

# An enlarged crop of the marked lines (for a phone) is asked for by its width in device
# pixels, within these bounds; its height follows from crop.MAX_LINES. Never cached: it
# shows where a query's words stand.
CROP_WIDTH_PIXELS = (120, 1600)
# PDFium is not thread-safe: every call into it in this process (the packs) holds this
# lock. Page images and texts are drawn in worker processes (renderer.py), never here.
PDFIUM_LOCK = threading.Lock()

__all__ = [
    "CROP_WIDTH_PIXELS",
    "MARK_EDGE",
    "MARK_FILL",
    "PDFIUM_LOCK",
    "PageImages",
    "PageText",
    "mark_boxes",
]


class PageImages:
    """Renders and caches page images; `cache_dir(name)` says where a generation's go."""

    def __init__(
        self, cache_dir: Callable[[Path], Path | None], texts_kept: int = 64, renderer: Renderer | None = None
    ) -> None:
        self._cache_dir = cache_dir
        self._texts: LRUCache[tuple[str, int], PageText] = LRUCache(maxsize=texts_kept)
        self._lock = threading.Lock()  # LRUCache is not thread-safe; the server's threads share this
        self.renderer = renderer or Renderer()

    def text(self, pdf: Path, sha256: str, pdf_page: int) -> PageText:
        """The page's characters and boxes (kept in memory for the most recent pages)."""
        key = (sha256, pdf_page)
        with self._lock:
            found = self._texts.get(key)
        if found is None:
            found = self.renderer.read(pdf, sha256, pdf_page)
            with self._lock:
                self._texts[key] = found
        return found

    def png(
        self, generation: Path, pdf: Path, sha256: str, pdf_page: int, spans: Sequence[tuple[int, int]] = ()
    ) -> bytes:
        """The page as a PNG, the characters in `spans` (of `text()`) marked: drawn afresh
        with the marks (never kept: it shows where a query's words stand)."""
        boxes = mark_boxes(self.text(pdf, sha256, pdf_page), spans) if spans else []
        if boxes:
            return self.renderer.draw(pdf, sha256, pdf_page, tuple(boxes))
        return self._plain(generation, pdf, sha256, pdf_page)

    def _plain(self, generation: Path, pdf: Path, sha256: str, pdf_page: int) -> bytes:
        folder = self._cache_dir(generation)
        cached = folder / f"{sha256[:16]}-{pdf_page}.png" if folder is not None else None
        if cached is not None:
            try:
                return cached.read_bytes()
            except OSError:
                pass
        data = self.renderer.draw(pdf, sha256, pdf_page)
        if cached is not None:
            _write_atomic(cached, data)
        return data

    def marks_png(
        self, pdf: Path, sha256: str, pdf_page: int, spans: Sequence[tuple[int, int]], width: int
    ) -> bytes | None:
        """The marked lines enlarged (crop.around_marks), `width` device pixels wide
        (within CROP_WIDTH_PIXELS), drawn by PDFium at that size so it is sharp; None when
        nothing on the page is marked."""
        low, high = CROP_WIDTH_PIXELS
        if not low <= width <= high:
            raise ValueError(f"crop width {width} outside {low}-{high} pixels")
        page_text = self.text(pdf, sha256, pdf_page)
        boxes = mark_boxes(page_text, spans)
        region = crop.around_marks(boxes, page_text.boxes, page_text.size, SCALE)
        if region is None:
            return None
        area = (region.left, region.top, region.right, region.bottom)
        return self.renderer.draw_area(pdf, sha256, pdf_page, area, page_text.size, width, tuple(boxes))


def mark_boxes(page: PageText, spans: Sequence[tuple[int, int]]) -> list[Box]:
    """One box per line of each span: its characters' boxes joined, blanks left out."""
    boxes: list[Box] = []
    for start, end in spans:
        current: list[float] | None = None
        for index in range(max(0, start), min(end, len(page.boxes))):
            if page.text[index].isspace():
                continue
            left, top, right, bottom = page.boxes[index]
            if right <= left or bottom <= top:
                continue
            if current is not None and top < current[3] and bottom > current[1] and left >= current[0]:
                current = [current[0], min(current[1], top), max(current[2], right), max(current[3], bottom)]
                continue
            if current is not None:
                boxes.append((current[0], current[1], current[2], current[3]))
            current = [left, top, right, bottom]
        if current is not None:
            boxes.append((current[0], current[1], current[2], current[3]))
    return boxes


def _write_atomic(path: Path, data: bytes) -> None:
    """Keep a rendering if the folder can be written; a read-only index just renders again."""
    temporary = path.with_suffix(f".tmp{os.getpid()}-{threading.get_ident()}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_bytes(data)
        temporary.replace(path)
    except OSError:
        temporary.unlink(missing_ok=True)
