"""Small, deterministic PDF writer for sample documents and tests.

Pages are described as data (:class:`PageSpec` holding :class:`Block` items)
and drawn with reportlab's canvas using the standard Helvetica fonts, so the
text is real, extractable text.  Output is byte-identical across runs: the
canvas is created in reportlab's *invariant* mode (fixed dates and document
ID) and the document metadata is fixed.

Example::

    from pathlib import Path
    from tools.pdfgen import Block, PageSpec, write_pdf

    write_pdf(
        Path("out.pdf"),
        [PageSpec(blocks=(Block("heading", "Pharmacies"), Block("para", "...")),
                  footer="Page 74")],
    )
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen import canvas

__all__ = ["BLOCK_KINDS", "LABEL_STYLES", "Block", "PageSpec", "write_pdf"]

PAGE_WIDTH, PAGE_HEIGHT = A4
LEFT_MARGIN = 72.0
RIGHT_MARGIN = 72.0
BODY_TOP = PAGE_HEIGHT - 72.0  # baseline area of the body starts below this
BODY_BOTTOM = 64.0  # no body text may be drawn below this baseline
HEADER_Y = PAGE_HEIGHT - 36.0
FOOTER_Y = 32.0
TEXT_WIDTH = PAGE_WIDTH - LEFT_MARGIN - RIGHT_MARGIN

RUNNING_FONT = ("Helvetica", 8.0)


@dataclass(frozen=True)
class _Style:
    font: str
    size: float
    leading: float
    space_before: float
    space_after: float


_STYLES: dict[str, _Style] = {
    "heading": _Style("Helvetica-Bold", 16.0, 20.0, 14.0, 8.0),
    "subheading": _Style("Helvetica-Bold", 12.0, 15.0, 8.0, 4.0),
    "para": _Style("Helvetica", 11.0, 14.5, 0.0, 7.0),
}

BLOCK_KINDS: frozenset[str] = frozenset(_STYLES)
"""The block kinds :func:`write_pdf` understands."""

# PDF /S value -> reportlab's PDFPageLabel style name (it wants the names).
_LABEL_STYLES: dict[str, str | None] = {
    "D": "ARABIC",
    "r": "ROMAN_LOWER",
    "R": "ROMAN_UPPER",
    "a": "LETTERS_LOWER",
    "A": "LETTERS_UPPER",
    "": None,  # prefix only, no number
}
LABEL_STYLES: frozenset[str] = frozenset(_LABEL_STYLES)
"""Page label styles accepted in ``page_labels`` ("" means prefix only)."""

_CREATOR = "CSE Toolkit Search tools/pdfgen.py"
_AUTHOR = "CSE Toolkit Search (sample)"


@dataclass(frozen=True)
class Block:
    """One thing drawn in the body of a page, top to bottom.

    ``kind`` is ``"heading"`` (bold, 16pt), ``"subheading"`` (bold, 12pt) or
    ``"para"`` (11pt, wrapped to the page width).  Headings and subheadings
    are wrapped too, but are normally short enough to sit on one line.
    """

    kind: str
    text: str


@dataclass(frozen=True)
class PageSpec:
    """One page: body blocks plus an optional running header and footer."""

    blocks: tuple[Block, ...] = ()
    header: str | None = None
    """Running header: small text at the very top of the page."""
    footer: str | None = None
    """Running footer: small text at the very bottom of the page."""


def _page_name(index: int, page: PageSpec) -> str:
    name = f"page {index + 1} (index {index})"
    if page.footer:
        name += f" [footer {page.footer!r}]"
    return name


def _layout(index: int, page: PageSpec) -> list[tuple[str, float, float, str]]:
    """Lay out the body of ``page``.

    Returns ``(font, size, y, text)`` for each line to draw, or raises
    :class:`ValueError` if the body does not fit on the page.
    """
    lines: list[tuple[str, float, float, str]] = []
    y = BODY_TOP
    first = True
    for block in page.blocks:
        style = _STYLES.get(block.kind)
        if style is None:
            raise ValueError(
                f"{_page_name(index, page)}: unknown block kind {block.kind!r}; "
                f"expected one of {sorted(BLOCK_KINDS)}"
            )
        text = " ".join(block.text.split())
        if not text:
            continue
        if not first:
            y -= style.space_before
        first = False
        for line in simpleSplit(text, style.font, style.size, TEXT_WIDTH):
            y -= style.leading
            if y < BODY_BOTTOM:
                raise ValueError(
                    f"{_page_name(index, page)} overflows the A4 body at "
                    f"{block.kind} starting {text[:60]!r}; shorten the page"
                )
            lines.append((style.font, style.size, y, line))
        y -= style.space_after
    return lines


def write_pdf(
    path: Path,
    pages: Sequence[PageSpec],
    *,
    page_labels: Sequence[tuple[int, str, int, str]] | None = None,
    title: str = "Sample",
    bookmarks: Sequence[tuple[int, str, int]] = (),
) -> None:
    """Write ``pages`` to an A4 PDF at ``path``, deterministically.

    ``page_labels``, when given, adds a /PageLabels tree to the catalogue.
    Each tuple is ``(first 0-based page index, style, start number, prefix)``
    where style is one of ``"D"`` (decimal), ``"r"``/``"R"`` (lower/upper
    roman), ``"a"``/``"A"`` (letters) or ``""`` (prefix only).

    ``bookmarks`` adds an outline: ``(0-based page index, title, level)`` in
    outline order, level 0 at the top.

    Raises :class:`ValueError` if a page's body overflows the page (the
    caller must keep pages short), if a block kind is unknown, or if a page
    label is invalid.  No text is ever silently dropped.
    """
    if not pages:
        raise ValueError("a PDF needs at least one page")
    # Lay out everything first so that a bad page leaves no partial file.
    layouts = [_layout(i, page) for i, page in enumerate(pages)]
    labels: list[tuple[int, str | None, int, str]] = []
    for first, style, start, prefix in page_labels or ():
        if style not in _LABEL_STYLES:
            raise ValueError(f"page label style {style!r} not one of {sorted(LABEL_STYLES)}")
        if not 0 <= first < len(pages):
            raise ValueError(f"page label index {first} outside 0..{len(pages) - 1}")
        if start < 1:
            raise ValueError(f"page label start {start} must be >= 1")
        labels.append((first, _LABEL_STYLES[style], start, prefix))
    if len({first for first, *_ in labels}) != len(labels):
        raise ValueError("two page labels start on the same page")

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.setTitle(title)
    c.setAuthor(_AUTHOR)
    c.setCreator(_CREATOR)
    c.setProducer(_CREATOR)
    c.setSubject(title)
    for index, (page, lines) in enumerate(zip(pages, layouts, strict=True)):
        for number, (target, text, level) in enumerate(bookmarks):
            if target == index:
                c.bookmarkPage(f"b{number}")
                c.addOutlineEntry(text, f"b{number}", level=level)
        if page.header:
            c.setFont(*RUNNING_FONT)
            c.drawString(LEFT_MARGIN, HEADER_Y, " ".join(page.header.split()))
        for font, size, y, text in lines:
            c.setFont(font, size)
            c.drawString(LEFT_MARGIN, y, text)
        if page.footer:
            c.setFont(*RUNNING_FONT)
            c.drawString(LEFT_MARGIN, FOOTER_Y, page.footer)
        c.showPage()
    for first, label_style, start, prefix in labels:
        c.addPageLabel(first, style=label_style, start=start, prefix=prefix or None)
    c.save()
