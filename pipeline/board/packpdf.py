"""The PDF pack: a cover, a contents page, the published pages themselves (layout untouched,
printed page numbers kept as page labels) and, last, the sources in small type.

The pages the pack adds are typeset with reportlab in DejaVu Sans (shipped in `fonts/`
with its licence), embedded and subset, so any Latin, Greek or Cyrillic name prints
("Gŵyl ŷd", "Łódź", "Timișoara"). reportlab runs in invariant mode (fixed dates and
ids), so the same inputs give the same bytes.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from pipeline.board.packdoc import ContentsRow, PackDoc
from pipeline.board.packtext import CONTACTS_HEADING, EXCERPT_NOTE, current_edition_text, no_contacts_text
from pipeline.config.image import Image as PackImage
from pipeline.ingest.extract import quiet_pdf_libraries
from pipeline.numerals import arabic, from_roman, plain

FONT_DIR = Path(__file__).with_name("fonts")
FONT, BOLD = "PackSans", "PackSans-Bold"
INK, GREY, ACCENT, TINT = "#1b1b1b", "#4a4a4a", "#0b57a4", "#eef4fb"


def pack_pdf(doc: PackDoc, sources: dict[str, Path]) -> bytes:
    """Cover, contents, each published page once, then the sources page."""
    import pypdf

    quiet_pdf_libraries()

    cover = _render(_cover_story(doc), doc, "Cover")
    contents = _render(_contents_story(doc, len(cover.pages) + 2), doc, "Contents")
    for _ in range(3):  # the contents' own length moves the pack pages it lists
        first_body_page = len(cover.pages) + len(contents.pages) + 1
        again = _render(_contents_story(doc, first_body_page), doc, "Contents")
        settled = len(again.pages) == len(contents.pages)
        contents = again
        if settled:
            break
    front = len(cover.pages) + len(contents.pages)
    back = _render(_sources_story(doc), doc, "Sources")

    writer = pypdf.PdfWriter()
    for page in cover.pages:
        writer.add_page(page)
    for page in contents.pages:
        writer.add_page(page)
    readers: dict[str, pypdf.PdfReader] = {}
    for body_page in doc.body:
        if body_page.file not in readers:
            readers[body_page.file] = pypdf.PdfReader(str(sources[body_page.file]))
        writer.add_page(readers[body_page.file].pages[body_page.pdf_page - 1])
    for page in back.pages:
        writer.add_page(page)

    _labels(writer, len(cover.pages), len(contents.pages), doc, front)
    writer.add_outline_item(title="Cover", page_number=0)
    writer.add_outline_item(title="Contents", page_number=len(cover.pages))
    for title, index, children in doc.outline:
        parent = writer.add_outline_item(title=title, page_number=front + index)
        for child_title, child_index in children:
            writer.add_outline_item(title=child_title, page_number=front + child_index, parent=parent)
    writer.add_outline_item(title="Sources", page_number=front + len(doc.body))
    writer.add_metadata(
        {
            "/Title": f"{doc.title}: excerpt pack for {doc.cover.role}",
            "/Producer": "CSE Toolkit Search",
            "/Creator": "cse-toolkit pack",
        }
    )
    writer.page_mode = "/UseOutlines"
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _labels(writer: Any, covers: int, contents: int, doc: PackDoc, front: int) -> None:
    """Cover and contents labelled as such; each published page its printed number."""
    from pypdf.constants import PageLabelStyle

    writer.set_page_label(0, covers - 1, prefix="Cover")
    if contents == 1:
        writer.set_page_label(covers, covers, prefix="Contents")
    else:
        writer.set_page_label(covers, front - 1, style=PageLabelStyle.DECIMAL, prefix="Contents ")
    for offset, page in enumerate(doc.body):
        index = front + offset
        label = plain(page.label)
        if (number := arabic(label)) is not None and number > 0:
            writer.set_page_label(index, index, style=PageLabelStyle.DECIMAL, start=number)
        elif (roman := from_roman(label)) is not None:
            style = PageLabelStyle.LOWERCASE_ROMAN if label.islower() else PageLabelStyle.UPPERCASE_ROMAN
            writer.set_page_label(index, index, style=style, start=roman)
        else:
            writer.set_page_label(index, index, prefix=label or f"PDF page {page.pdf_page}")
    last = front + len(doc.body)
    writer.set_page_label(last, len(writer.pages) - 1, prefix="Sources")


# --------------------------------------------------------------------------- typesetting
def _fonts() -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if FONT in pdfmetrics.getRegisteredFontNames():
        return
    pdfmetrics.registerFont(TTFont(FONT, str(FONT_DIR / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont(BOLD, str(FONT_DIR / "DejaVuSans-Bold.ttf")))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=BOLD, italic=FONT, boldItalic=BOLD)


def _styles() -> dict[str, Any]:
    from reportlab.lib.styles import ParagraphStyle

    _fonts()
    base = ParagraphStyle("body", fontName=FONT, fontSize=10.5, leading=14.5, textColor=INK, spaceAfter=4)
    return {
        "board": ParagraphStyle("board", base, fontName=BOLD, fontSize=13, leading=17, textColor=ACCENT),
        "title": ParagraphStyle(
            "title", base, fontName=BOLD, fontSize=23, leading=28, spaceBefore=6, spaceAfter=8
        ),
        "edition": ParagraphStyle("edition", base, fontSize=11, textColor=GREY, spaceAfter=14),
        "edition-above": ParagraphStyle("edition-above", base, fontSize=11, textColor=GREY, spaceAfter=2),
        "issue": ParagraphStyle("issue", base, fontName=BOLD, fontSize=11, spaceAfter=14),
        "role": ParagraphStyle("role", base, fontName=BOLD, fontSize=16, leading=20, spaceAfter=2),
        "h2": ParagraphStyle(
            "h2", base, fontName=BOLD, fontSize=12.5, leading=16, spaceBefore=12, spaceAfter=4
        ),
        "body": base,
        "item": ParagraphStyle("item", base, leftIndent=12, bulletIndent=2, spaceAfter=2),
        "cell": ParagraphStyle("cell", base, fontSize=10, leading=13, spaceAfter=0),
        "cellbold": ParagraphStyle("cellbold", base, fontName=BOLD, fontSize=10, leading=13, spaceAfter=0),
        "note": ParagraphStyle("note", base, fontSize=8.5, leading=11, textColor=GREY, spaceAfter=0),
        "cell-sub": ParagraphStyle("cell-sub", base, fontSize=9.5, leading=12.5, spaceAfter=0, leftIndent=12),
        "phone": ParagraphStyle("phone", base, fontName=BOLD, fontSize=12, leading=15, spaceAfter=0),
        "small": ParagraphStyle("small", base, fontSize=7.5, leading=10, textColor=GREY, spaceAfter=3),
        "smallbold": ParagraphStyle("smallbold", base, fontName=BOLD, fontSize=8, leading=10.5, spaceAfter=1),
    }


def _p(text: str, style: Any) -> Any:
    from reportlab.platypus import Paragraph

    return Paragraph(escape(text), style)


def _render(story: list[Any], doc: PackDoc, what: str) -> Any:
    """Typeset a story into A4 pages (in invariant mode), read back with pypdf."""
    import pypdf
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate

    _fonts()
    buffer = io.BytesIO()
    template = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=18 * mm,
        bottomMargin=18 * mm,
        title=doc.title,
        author=doc.cover.board or "",
        creator="cse-toolkit pack",
        invariant=1,
    )
    footer = f"{doc.title} · Excerpt pack for {doc.cover.role} · {what}"
    template.build(story, onFirstPage=_footer(footer), onLaterPages=_footer(footer))
    return pypdf.PdfReader(io.BytesIO(buffer.getvalue()))


def _footer(text: str) -> Callable[[Any, Any], None]:
    def draw(canvas: Any, template: Any) -> None:
        from reportlab.lib.units import mm

        canvas.saveState()
        canvas.setFont(FONT, 7.5)
        canvas.setFillColor(GREY)
        canvas.drawString(template.leftMargin, 10 * mm, text[:140])
        canvas.restoreState()

    return draw


def _cover_story(doc: PackDoc) -> list[Any]:
    from reportlab.lib import colors
    from reportlab.lib.units import mm
    from reportlab.platypus import Image, Spacer, Table, TableStyle
    from reportlab.platypus.flowables import HRFlowable

    s = _styles()
    c = doc.cover
    story: list[Any] = []
    if c.logo:
        story.append(_logo(c.logo, 60 * mm, 24 * mm, Image))
        story.append(Spacer(1, 4 * mm))
    if c.board:
        story.append(_p(c.board, s["board"]))
    story.append(_p(c.title, s["title"]))
    story.append(_p(c.edition, s["edition-above" if c.issue else "edition"]))
    if c.issue:
        story.append(_p(c.issue, s["issue"]))
    story.append(HRFlowable(width="100%", thickness=1.2, color=colors.HexColor(ACCENT), spaceAfter=10))
    story.append(_p(f"Excerpt pack for {c.role}", s["role"]))
    story.append(_p(f"For {c.audience}", s["body"]))
    story.append(Spacer(1, 4 * mm))

    rows: list[list[Any]] = [[_p(CONTACTS_HEADING, s["h2"]), ""]]
    if c.contacts:
        for contact in c.contacts:
            who = [_p(contact.name, s["cellbold"])]
            if contact.note:
                who.append(_p(contact.note, s["note"]))
            rows.append([who, _p(contact.phone, s["phone"])])
    else:
        rows.append([_p(no_contacts_text(), s["cell"]), ""])
    box = Table(rows, colWidths=[95 * mm, 70 * mm], hAlign="LEFT")
    box.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 1.2, colors.HexColor(ACCENT)),
                ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor(TINT)),
                ("SPAN", (0, 0), (-1, 0)),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                ("LEFTPADDING", (0, 0), (-1, -1), 8),
            ]
            + ([("SPAN", (0, 1), (-1, 1))] if not c.contacts else [])
        )
    )
    story.append(box)
    story.append(Spacer(1, 3 * mm))
    story.append(_website(c.website, s["body"]))

    story.append(_p("In this pack", s["h2"]))
    for label, text in c.holds:
        story.append(_bullet(f"{label}: {text}", s["item"]))
    story.append(_p("Reading list", s["h2"]))
    for label, text in c.reading:
        story.append(_bullet(f"{label}: {text}", s["item"]))
    if not c.reading:
        story.append(_p("No reading list is configured.", s["body"]))
    story.append(Spacer(1, 3 * mm))
    story.append(_p(EXCERPT_NOTE, s["body"]))
    story.append(
        _p(
            f"Made from the toolkit as ingested on {doc.ingested_at[:10]}. "
            "The files it was cut from, with their checksums, are on the last page.",
            s["small"],
        )
    )
    return story


def _website(url: str | None, style: Any) -> Any:
    """Where to check for the current edition, as a link a PDF reader can follow."""
    from reportlab.platypus import Paragraph

    text = escape(current_edition_text(url))
    if url:
        shown, href = escape(url), escape(url, {'"': "&quot;"})  # an attribute: quotes too
        text = text.replace(shown, f'<a href="{href}" color="{ACCENT}">{shown}</a>')
    return Paragraph(text, style)


def _bullet(text: str, style: Any) -> Any:
    from reportlab.platypus import Paragraph

    return Paragraph(escape(text), style, bulletText="\u2022")


def _logo(logo: PackImage, width: float, height: float, image: Any) -> Any:
    """The logo from the bytes the pack checked (never from its path again)."""
    scale = min(width / logo.width, height / logo.height)
    return image(io.BytesIO(logo.data), width=logo.width * scale, height=logo.height * scale, hAlign="LEFT")


def _contents_story(doc: PackDoc, first_body_page: int) -> list[Any]:
    """The contents: each part (and each section of a whole chapter) with its printed
    pages and the page of this pack where it is."""
    from reportlab.lib import colors
    from reportlab.lib.units import mm
    from reportlab.platypus import Table, TableStyle

    s = _styles()
    story: list[Any] = [_p("Contents", s["title"])]
    story.append(
        _p(
            "Pack page is the page of this file (as a PDF reader counts them); printed page is "
            "the number printed on the toolkit's page, which the board cites and this pack keeps.",
            s["small"],
        )
    )
    header = [_p(text, s["smallbold"]) for text in ("Section", "Chapter", "Printed", "Pack page")]
    rows: list[list[Any]] = [header]
    for row in doc.contents:
        rows.append(_contents_row(row, first_body_page, s))
    table = Table(rows, colWidths=[72 * mm, 56 * mm, 22 * mm, 20 * mm], repeatRows=1, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.HexColor(ACCENT)),
                ("LINEBELOW", (0, 1), (-1, -1), 0.25, colors.HexColor("#c8ced6")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("ALIGN", (3, 0), (3, -1), "RIGHT"),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    story.append(table)
    return story


def _contents_row(row: ContentsRow, first_body_page: int, s: dict[str, Any]) -> list[Any]:
    from reportlab.platypus import Paragraph

    note = f' <font color="{GREY}" size="8.5">({escape(row.note)})</font>' if row.note else ""
    title = Paragraph(escape(row.title) + note, s["cell-sub"] if row.level else s["cell"])
    where = "" if row.level else row.where
    return [
        title,
        _p(where, s["cell"]),
        _p(row.printed, s["cell"]),
        _p(str(first_body_page + row.body_index), s["cell"]),
    ]


def _sources_story(doc: PackDoc) -> list[Any]:
    s = _styles()
    story: list[Any] = [_p("Sources", s["h2"])]
    story.append(
        _p(
            "The published pages in this pack are copied unchanged from these files, as they "
            f"were when the toolkit was ingested ({doc.ingested_at}). A file whose SHA-256 differs "
            "from the one here is a different version.",
            s["small"],
        )
    )
    for source in doc.sources:
        story.append(_p(source.file, s["smallbold"]))
        dated = f"; the PDF is dated {source.dated}" if source.dated else "; the PDF gives no date"
        story.append(_p(f"Printed {source.pages}{dated}.", s["small"]))
        story.append(_p(f"SHA-256 {source.sha256}", s["small"]))
    story.append(_p(f"Config SHA-256 {doc.config_digest}. Made by cse-toolkit pack.", s["small"]))
    return story
