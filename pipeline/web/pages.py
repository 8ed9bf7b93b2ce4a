"""Page images with the matched words marked, drawn on the server with PDFium.

No PDF viewer runs in the browser: the page is rendered once per index generation (a PNG
kept in the generation's `web/pages/` folder, so it goes when the generation does), and
each request marks the matches on a copy. Where the matches stand comes from the engine
(`match_spans`, the same marking as the snippets) applied to PDFium's text of the page,
whose characters carry their boxes. Nothing about a query is written to disk.
"""

from __future__ import annotations

import io
import os
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from cachetools import LRUCache
from PIL import Image, ImageChops, ImageDraw

SCALE = 1.5  # 108 dpi: an A4 page is about 890 pixels wide, legible on a laptop or a phone
MARK_FILL = (255, 221, 0)  # multiplied into the page: black text stays black
MARK_EDGE = (176, 96, 0)  # an outline too, so a mark does not rely on colour alone
# PDFium is not thread-safe: every call into it, from any server thread, holds this lock.
PDFIUM_LOCK = threading.Lock()

Box = tuple[float, float, float, float]  # left, top, right, bottom in image pixels


@dataclass(frozen=True)
class PageText:
    """A page's text as PDFium reads it, each character with its box in image pixels."""

    text: str
    boxes: tuple[Box, ...]
    size: tuple[int, int]  # the rendered image's width and height


class PageImages:
    """Renders and caches page images; `cache_dir(name)` says where a generation's go."""

    def __init__(self, cache_dir: Callable[[Path], Path | None], texts_kept: int = 64) -> None:
        self._cache_dir = cache_dir
        self._texts: LRUCache[tuple[str, int], PageText] = LRUCache(maxsize=texts_kept)
        self._lock = threading.Lock()  # LRUCache is not thread-safe; the server's threads share this

    def text(self, pdf: Path, sha256: str, pdf_page: int) -> PageText:
        """The page's characters and boxes (kept in memory for the most recent pages)."""
        key = (sha256, pdf_page)
        with self._lock:
            found = self._texts.get(key)
        if found is None:
            found = _read_text(pdf, pdf_page)
            with self._lock:
                self._texts[key] = found
        return found

    def png(
        self, generation: Path, pdf: Path, sha256: str, pdf_page: int, spans: Sequence[tuple[int, int]] = ()
    ) -> bytes:
        """The page as a PNG, the characters in `spans` (of `text()`) marked."""
        plain = self._plain(generation, pdf, sha256, pdf_page)
        if not spans:
            return plain
        boxes = mark_boxes(self.text(pdf, sha256, pdf_page), spans)
        image = Image.open(io.BytesIO(plain)).convert("RGB")
        draw = ImageDraw.Draw(image)
        for left, top, right, bottom in boxes:
            area = (int(left) - 2, int(top) - 2, int(right) + 2, int(bottom) + 2)
            region = image.crop(area)
            image.paste(ImageChops.multiply(region, Image.new("RGB", region.size, MARK_FILL)), area[:2])
            draw.rectangle(area, outline=MARK_EDGE, width=2)
        return _encode(image)

    def _plain(self, generation: Path, pdf: Path, sha256: str, pdf_page: int) -> bytes:
        folder = self._cache_dir(generation)
        cached = folder / f"{sha256[:16]}-{pdf_page}.png" if folder is not None else None
        if cached is not None:
            try:
                return cached.read_bytes()
            except OSError:
                pass
        with PDFIUM_LOCK:
            document = pdfium.PdfDocument(pdf)
            try:
                page = document[pdf_page - 1]
                image = page.render(scale=SCALE).to_pil().convert("RGB")
                page.close()
            finally:
                document.close()
        data = _encode(image)
        if cached is not None:
            _write_atomic(cached, data)
        return data


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


def _read_text(pdf: Path, pdf_page: int) -> PageText:
    with PDFIUM_LOCK:
        document = pdfium.PdfDocument(pdf)
        try:
            page = document[pdf_page - 1]
            left, _, right, top = page.get_cropbox()
            bottom = page.get_cropbox()[1]
            textpage = page.get_textpage()
            count = textpage.count_chars()
            chars = []
            boxes = []
            for index in range(count):
                chars.append(chr(pdfium_c.FPDFText_GetUnicode(textpage.raw, index) or 32))
                x0, y0, x1, y1 = textpage.get_charbox(index)
                boxes.append(
                    ((x0 - left) * SCALE, (top - y1) * SCALE, (x1 - left) * SCALE, (top - y0) * SCALE)
                )
            textpage.close()
            page.close()
        finally:
            document.close()
    size = (round((right - left) * SCALE), round((top - bottom) * SCALE))
    return PageText("".join(chars), tuple(boxes), size)


def _encode(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "PNG", compress_level=3)
    return buffer.getvalue()


def _write_atomic(path: Path, data: bytes) -> None:
    """Keep a rendering if the folder can be written; a read-only index just renders again."""
    temporary = path.with_suffix(f".tmp{os.getpid()}-{threading.get_ident()}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_bytes(data)
        temporary.replace(path)
    except OSError:
        temporary.unlink(missing_ok=True)
