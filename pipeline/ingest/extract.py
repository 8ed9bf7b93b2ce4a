"""Extract each page's text as positioned lines, turning PDF library errors into PdfError.

PDFium (pypdfium2) does the extraction: it is several times faster than pypdf and far
faster than pdfplumber for body text, reads damaged files that the others reject, reads
page labels, and never decodes images (so an image decompression bomb costs nothing).
Lines keep their position so later stages can find running headers, footers with printed
page numbers, and a section heading standing part-way down a page.
"""

from __future__ import annotations

import hashlib
import re
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.config.model import Limits
from pipeline.errors import PdfError
from pipeline.text import clean_label, normalise_line, readable_ratio

# Below this share of sensible characters a page's text layer is treated as unusable.
MIN_READABLE_RATIO = 0.6
_PDF_OBJECT = re.compile(rb"\d+\s+\d+\s+obj\b")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True)
class Line:
    """One line of text in reading order; positions in points from the page's top-left."""

    text: str
    top: float
    bottom: float
    x0: float


@dataclass(frozen=True)
class PageText:
    """A page as extracted: its lines, size and the label the PDF itself gives it (if any)."""

    number: int  # 1-based position in the file
    lines: tuple[Line, ...]
    width: float
    height: float
    label: str = ""  # from the PDF's /PageLabels; "" when the PDF has none
    unreadable: bool = False  # text present but garbage (no Unicode map)
    ocr: bool = False  # the lines were read from the page's image by OCR


@dataclass(frozen=True)
class ExtractedPdf:
    """Everything later stages need from one PDF, cacheable by the file's hash."""

    file: str  # path relative to the PDFs directory, with forward slashes
    sha256: str
    pages: tuple[PageText, ...]
    warnings: tuple[str, ...] = ()
    # The outline (bookmarks): (level, title, 0-based page index) of each entry, in order.
    outline: tuple[tuple[int, str, int], ...] = ()

    @property
    def has_page_labels(self) -> bool:
        return any(page.label for page in self.pages)


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def describe_open_failure(path: Path, name: str, detail: str) -> PdfError:
    """Turn 'could not open' into what is wrong in plain words and what to do."""
    try:
        size = path.stat().st_size
        head = path.open("rb").read(1024)
    except OSError as exc:
        return PdfError(name, f"cannot be read ({exc.strerror})", "Check the file's permissions.")
    if size == 0:
        return PdfError(name, "is empty (0 bytes)", "Download or copy the file again.")
    # PDFium reports its last error, which a file it cannot parse may leave unset: after an
    # encrypted file, a Brotli-compressed one was called encrypted too. An encrypted PDF
    # names its /Encrypt dictionary in the trailer.
    if "password" in detail.lower() and _declares_encryption(path):
        return PdfError(
            name,
            "is encrypted and needs a password to open",
            "Ask the publisher for an unprotected copy, or remove the password "
            f"(check with: qpdf --show-encryption '{name}'; "
            f"decrypt with: qpdf --password=PASSWORD --decrypt '{name}' out.pdf).",
        )
    if b"/BrotliDecode" in _sample(path):
        return PdfError(
            name,
            "uses Brotli compression (/BrotliDecode), which this tool and most PDF readers cannot read",
            "Ask the publisher for a standard PDF, or re-save it with a PDF tool that supports Brotli.",
        )
    if b"%PDF-" not in head:
        return PdfError(
            name,
            "is not a PDF (no PDF header)",
            "Check that the right file was saved; remove it from the PDFs directory if it "
            "does not belong there.",
        )
    tail = _tail(path)
    if b"%%EOF" not in tail:
        return PdfError(
            name,
            "is truncated (its end is missing) and cannot be opened",
            "Download it again (an interrupted download leaves a truncated file); "
            f"check with: qpdf --check '{name}'.",
        )
    return PdfError(
        name,
        "is damaged and cannot be opened",
        "Download it again (an interrupted download leaves a truncated file); "
        f"check with: qpdf --check '{name}'.",
    )


def _declares_encryption(path: Path) -> bool:
    return b"/Encrypt" in _sample(path) or b"/Encrypt" in _tail(path, 1 << 16)


def _sample(path: Path, size: int = 4 << 20) -> bytes:
    with path.open("rb") as handle:
        return handle.read(size)


def _tail(path: Path, size: int = 2048) -> bytes:
    with path.open("rb") as handle:
        handle.seek(max(path.stat().st_size - size, 0))
        return handle.read()


def extract_pdf(path: Path, name: str, limits: Limits | None = None, *, check: bool = True) -> ExtractedPdf:
    """Extract every page of one PDF; raise PdfError naming the file when it cannot be used.

    With `check=False` a PDF without usable text is returned as it is (for OCR to read
    its pages) instead of refused."""
    import pypdfium2  # imported here: `cse-search` must never pay for the PDF libraries

    quiet_pdf_libraries()
    limits = limits or Limits()
    started = time.monotonic()
    sha256 = sha256_file(path)
    with path.open("rb") as handle:
        head = handle.read(1024)
    # Before any reader: a 1 GB file that is not a PDF costs nothing. A file whose header is
    # missing but which starts with PDF objects is left to the readers (some recover it).
    if b"%PDF-" not in head and not _PDF_OBJECT.search(head):
        raise describe_open_failure(path, name, "no PDF header")
    try:
        document = pypdfium2.PdfDocument(str(path))
    except pypdfium2.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise describe_open_failure(path, name, str(exc)) from None
        return _fallback(path, name, sha256, limits, str(exc), check)
    try:
        count = len(document)
        if count == 0:
            raise PdfError(name, "has no pages (damaged or truncated)", "Download or export the file again.")
        if count > limits.max_pages:
            raise PdfError(
                name,
                f"has {count} pages, over the limit of {limits.max_pages}",
                "Check it is the right file, or raise limits.max_pages in the config.",
            )
        pages: list[PageText] = []
        total_chars = 0
        for index in range(count):
            page = _extract_page(document, index)
            pages.append(page)
            total_chars += sum(len(line.text) for line in page.lines)
            if total_chars > limits.max_text_mb * 1_000_000:
                raise PdfError(
                    name,
                    f"holds more than {limits.max_text_mb} MB of text",
                    "Check it is the right file, or raise limits.max_text_mb in the config.",
                )
            if time.monotonic() - started > limits.seconds_per_file:
                raise PdfError(
                    name,
                    f"took longer than {limits.seconds_per_file} s to read (stopped at page "
                    f"{index + 1} of {count})",
                    "Check the file, or raise limits.seconds_per_file in the config.",
                )
        outline = _outline(document, count)
    except pypdfium2.PdfiumError as exc:
        return _fallback(path, name, sha256, limits, str(exc), check)
    finally:
        document.close()
    pdf = ExtractedPdf(file=name, sha256=sha256, pages=tuple(pages), outline=outline)
    return checked(pdf) if check else pdf


def _caused_by(exc: BaseException, kind: type[BaseException]) -> bool:
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        if isinstance(current, kind):
            return True
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return False


def quiet_pdf_libraries() -> None:
    """pypdf and pdfminer log what they repair as warnings with raw object dumps
    ("Detected cycle in outline structure for {...IndirectObject...}"): not for users. A
    file that cannot be used is reported by this tool, by name, in plain words."""
    import logging
    import warnings

    for name in ("pypdf", "pdfminer", "pdfplumber", "pypdfium2"):
        logging.getLogger(name).setLevel(logging.ERROR)
    for module in ("pypdf", "pdfminer", "pdfplumber", "pypdfium2"):
        warnings.filterwarnings("ignore", module=module)


MAX_OUTLINE_ENTRIES = 10000  # a hostile outline cannot make the cache or the split huge


def _outline(document: Any, count: int) -> tuple[tuple[int, str, int], ...]:
    """The bookmarks that point to a page of this file; a broken outline is no outline
    (PDFium's walk stops at cycles and at its depth limit)."""
    entries: list[tuple[int, str, int]] = []
    try:
        for item in document.get_toc(max_depth=8):
            destination = item.get_dest()
            index = destination.get_index() if destination is not None else None
            title = normalise_line(item.get_title() or "")
            if index is not None and 0 <= index < count and title:
                entries.append((int(item.level), title[:200], int(index)))
            if len(entries) >= MAX_OUTLINE_ENTRIES:
                break
    except Exception:  # the outline is optional: never let it cost the text
        return ()
    return tuple(entries)


def _fallback(path: Path, name: str, sha256: str, limits: Limits, detail: str, check: bool) -> ExtractedPdf:
    """PDFium gave up (no header, a cyclic page tree...): pdfminer, via pdfplumber, is
    slower but repairs some files PDFium will not. If it finds text, use it, and say so."""
    try:
        pages = _pdfplumber_pages(path, limits)
    except MemoryError:
        raise  # the worker names the memory limit
    except Exception as exc:
        if _caused_by(exc, RecursionError):  # pdfplumber wraps it in its own exception
            raise PdfError(
                name,
                "is nested too deeply for the PDF readers used here (for example a page tree "
                "thousands of levels deep); it is not necessarily damaged",
                "Rewrite it with a flat page tree and ingest that copy: "
                f"qpdf --empty --pages '{name}' -- flat.pdf",
            ) from None
        pages = []
    if not any(page.lines for page in pages):
        raise describe_open_failure(path, name, detail)
    note = f"{name}: damaged PDF ({detail.rstrip('.')}); its text was recovered with the fallback reader"
    pdf = ExtractedPdf(file=name, sha256=sha256, pages=tuple(pages), warnings=(note,))
    return checked(pdf) if check else pdf


def group_words_into_lines(words: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """pdfplumber's words gathered into lines: words whose tops lie within 2 points, read
    left to right (shared by the fallback extraction and the heading suggestions)."""
    lines: list[list[dict[str, Any]]] = []
    for word in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        if lines and abs(lines[-1][0]["top"] - word["top"]) < 2:
            lines[-1].append(word)
        else:
            lines.append([word])
    return lines


def _pdfplumber_pages(path: Path, limits: Limits) -> list[PageText]:
    import pdfplumber

    started = time.monotonic()
    pages: list[PageText] = []
    with pdfplumber.open(str(path)) as pdf:
        if len(pdf.pages) > limits.max_pages:
            return []
        for index, page in enumerate(pdf.pages):
            lines = [
                Line(
                    " ".join(w["text"] for w in words),
                    round(words[0]["top"], 1),
                    round(max(w["bottom"] for w in words), 1),
                    round(words[0]["x0"], 1),
                )
                for words in group_words_into_lines(page.extract_words())
            ]
            normalised = [Line(normalise_line(li.text), li.top, li.bottom, li.x0) for li in lines]
            pages.append(
                PageText(
                    index + 1,
                    tuple(li for li in normalised if li.text),
                    float(page.width),
                    float(page.height),
                )
            )
            page.close()
            if time.monotonic() - started > limits.seconds_per_file:
                return []
    return pages


RUN_OCR = "Run OCR on it (for example: ocrmypdf in.pdf out.pdf) and ingest again."


def needs_ocr(page: PageText) -> bool:
    """No usable text on this page (none, or garbage), and OCR has not read it yet."""
    return (not page.lines or page.unreadable) and not page.ocr


def checked(pdf: ExtractedPdf, advice: str = RUN_OCR) -> ExtractedPdf:
    """Refuse a PDF with no usable text at all; warn about pages without it. `advice` says
    how to get OCR for pages that need it (it depends on whether OCR is on and installed)."""
    usable = [p for p in pdf.pages if p.lines and not p.unreadable]
    if not usable:
        if any(p.ocr for p in pdf.pages) and not any(needs_ocr(p) for p in pdf.pages):
            raise PdfError(
                pdf.file,
                "has no text layer, and OCR found no readable text on it either",
                "Check it is the right file: a picture without words cannot be searched.",
            )
        if any(p.unreadable for p in pdf.pages):
            problem = "has a text layer that cannot be read (fonts without a Unicode map)"
        else:
            problem = "has no text layer (it looks scanned)"
        raise PdfError(pdf.file, problem, advice)
    warnings: list[str] = list(pdf.warnings)
    blank = [p.number for p in pdf.pages if not p.lines and not p.ocr]
    garbled = [p.number for p in pdf.pages if p.unreadable and not p.ocr]
    ocr_blank = [p.number for p in pdf.pages if p.ocr and (not p.lines or p.unreadable)]
    if blank:
        warnings.append(
            f"{pdf.file}: no text on PDF page(s) {_ranges(blank)} (blank or scanned; "
            f"scanned pages need OCR to be searchable). {advice}"
        )
    if garbled:
        warnings.append(
            f"{pdf.file}: unreadable text on PDF page(s) {_ranges(garbled)} "
            f"(fonts without a Unicode map; needs OCR); those pages are not indexed. {advice}"
        )
    if ocr_blank:
        warnings.append(
            f"{pdf.file}: no readable text on PDF page(s) {_ranges(ocr_blank)}, even by OCR "
            "(blank, or pictures without words); those pages are not indexed"
        )
    return ExtractedPdf(pdf.file, pdf.sha256, pdf.pages, tuple(warnings), pdf.outline)


def _ranges(numbers: list[int]) -> str:
    """[1, 2, 3, 7] -> '1-3, 7'."""
    parts: list[str] = []
    start = previous = numbers[0]
    for number in [*numbers[1:], None]:
        if number is not None and number == previous + 1:
            previous = number
            continue
        parts.append(str(start) if start == previous else f"{start}-{previous}")
        if number is not None:
            start = previous = number
    return ", ".join(parts)


def extract_pages(path: Path, numbers: Iterable[int]) -> dict[int, PageText]:
    """Some pages of a PDF (1-based numbers), e.g. the pages an OCR pass has just read."""
    import pypdfium2

    document = pypdfium2.PdfDocument(str(path))
    try:
        return {number: _extract_page(document, number - 1) for number in numbers}
    finally:
        document.close()


def _extract_page(document: object, index: int) -> PageText:
    """Lines of one page, in the order PDFium reads them (which follows columns)."""
    page = document[index]  # type: ignore[index]
    try:
        width, height = page.get_size()
        label = document.get_page_label(index)  # type: ignore[attr-defined]
        textpage = page.get_textpage()
        try:
            lines, raw_text = _lines(textpage, height)
        finally:
            textpage.close()
    finally:
        page.close()
    unreadable = bool(lines) and readable_ratio(raw_text) < MIN_READABLE_RATIO
    return PageText(
        number=index + 1,
        lines=tuple(lines),
        width=float(width),
        height=float(height),
        label=clean_label(label or ""),
        unreadable=unreadable,
    )


def _lines(textpage: object, height: float) -> tuple[list[Line], str]:
    """Split PDFium's page text into lines and give each line its bounding box.

    PDFium's text already follows the reading order and marks line ends with CR LF; the
    character range of each line gives its rectangles, hence its position. Also returns
    the raw text (before normalisation strips control characters) to judge readability.
    """
    tp: Any = textpage
    count = tp.count_chars()
    if count <= 0:
        return [], ""
    text = tp.get_text_range(0, count)
    aligned = len(text) == count  # text index == char index, true for nearly every PDF
    lines: list[Line] = []
    start = 0
    for match in [*_LINE_BREAK.finditer(text), None]:
        end = match.start() if match else len(text)
        content = normalise_line(text[start:end])
        if content:
            first = start if aligned else _char_index(tp, start)
            last = end if aligned else _char_index(tp, end - 1) + 1
            box = _bbox(tp, first, max(last - first, 1))
            if box is not None:
                left, bottom, _right, top = box
                lines.append(Line(content, round(height - top, 1), round(height - bottom, 1), round(left, 1)))
        start = match.end() if match else len(text)
    return lines, text


def _char_index(tp: Any, text_index: int) -> int:
    import pypdfium2.raw as pdfium_c

    return max(int(pdfium_c.FPDFText_GetCharIndexFromTextIndex(tp.raw, text_index)), 0)


def _bbox(tp: Any, first: int, length: int) -> tuple[float, float, float, float] | None:
    rects = [tp.get_rect(i) for i in range(tp.count_rects(first, length))]
    if not rects:
        return None
    return (
        min(r[0] for r in rects),
        min(r[1] for r in rects),
        max(r[2] for r in rects),
        max(r[3] for r in rects),
    )
