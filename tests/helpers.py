"""Helpers shared by several test modules: republishing the sample's chapter 4,
fingerprinting a directory to prove a command left it alone, a small PNG, and pages as
extraction gives them (for tests of numbering and splitting that need no PDF)."""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Sequence
from pathlib import Path

from pipeline.ingest.extract import ExtractedPdf, Line, PageText
from tools.make_sample_toolkit import chapter_pages
from tools.pdfgen import write_pdf
from tools.sample_text import CHAPTERS, TOOLKIT_TITLE, Chapter

CH4_DATA = next(c for c in CHAPTERS if c.number == 4)
OLD_SENTENCE = "Record your concern and what you did."
NEW_SENTENCE = "Write down your concern and every step you took."
# `audit --json` when nothing changed: every key, each empty.
NO_CHANGE_REPORT: dict[str, object] = {
    "added_files": [],
    "removed_files": [],
    "changed_files": [],
    "sections": [],
    "roles_affected": [],
    "roles_affected_full": [],
    "config_changed": False,
    "unreadable_files": {},
    "unnoticed_files": [],
    "repeated_pages": {},
    "config_behind": [],
}
# The sample's roles that own a section of chapter 4 (Health Services), sorted.
CH4_OWNERS = [
    "a-and-e",
    "camhs",
    "gp",
    "gynaecology",
    "health-visitor",
    "midwife",
    "paramedic",
    "pharmacist",
    "school-nurse",
    "sexual-health",
]


def write_chapter(chapter: Chapter, path: Path) -> None:
    """Lay out a (modified) sample chapter exactly as the sample generator does."""
    write_pdf(path, chapter_pages(chapter), title=f"{TOOLKIT_TITLE} – {chapter.heading}")


def edited_chapter4() -> Chapter:
    """Chapter 4 with one sentence of Pharmacies (p74) reworded; no page moves."""
    sections = []
    for section in CH4_DATA.sections:
        if section.id == "pharmacies":
            paragraphs = list(section.pages[0])
            assert OLD_SENTENCE in paragraphs[3]
            paragraphs[3] = paragraphs[3].replace(OLD_SENTENCE, NEW_SENTENCE)
            section = dataclasses.replace(section, pages=(tuple(paragraphs),))
        sections.append(section)
    return dataclasses.replace(CH4_DATA, sections=tuple(sections))


def chapter4_with_inserted_page() -> Chapter:
    """Chapter 4 with a page inserted after p57 (in School Nurses): every heading from
    Gynaecology on moves one page later, and the footers are renumbered 55-77."""
    sections = []
    shift = 0
    for section in CH4_DATA.sections:
        if section.id == "school-nurses":
            extra = ("An inserted page of sample text about zymurgy.",)
            sections.append(
                dataclasses.replace(section, pages=(*section.pages[:2], extra, *section.pages[2:]))
            )
            shift = 1
            continue
        sections.append(dataclasses.replace(section, start=section.start + shift))
    return dataclasses.replace(CH4_DATA, sections=tuple(sections), last_page=CH4_DATA.last_page + 1)


EDITION_2 = "edition:\n  date: 2026-12-06\n  note: Chapter 4 republished with a new page for school nurses\n"


def republish_chapter4(pdfs: Path, config: Path) -> None:
    """Chapter 4 with a page inserted into School Nurses, and the config's `edition:` giving
    the board's date and note for the edition the next ingest makes (6 December 2026)."""
    config.write_text(config.read_text(encoding="utf-8") + EDITION_2, encoding="utf-8")
    write_chapter(chapter4_with_inserted_page(), pdfs / CH4_DATA.file)


def tree_state(root: Path) -> dict[str, str]:
    """Every path under `root` with a hash of its content (or the link target)."""
    state: dict[str, str] = {}
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).as_posix()
        if path.is_symlink():
            state[rel] = f"link:{path.readlink()}"
        elif path.is_file():
            state[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
        else:
            state[rel] = "dir"
    return state


def small_png(path: Path) -> None:
    """A real 120 x 40 PNG (a logo a config may name)."""
    from PIL import Image

    Image.new("RGB", (120, 40), (11, 87, 164)).save(path)


def text_page(
    body: Sequence[str], footer: str | None = None, header: str | None = None, *, ocr: bool = False
) -> PageText:
    """A page as extraction gives it, 600 x 800 points: an optional running header in the
    top margin, the body lines, an optional footer (say, the number) in the bottom one."""
    lines = [Line(header, 30, 42, 50)] if header else []
    lines += [Line(text, 120 + 20 * k, 132 + 20 * k, 50) for k, text in enumerate(body)]
    if footer:
        lines.append(Line(footer, 760, 772, 280))
    return PageText(0, tuple(lines), 600.0, 800.0, ocr=ocr)


def extracted_pdf(*pages: PageText, labels: Sequence[str] = (), name: str = "toolkit.pdf") -> ExtractedPdf:
    """A file as extraction gives it, its pages numbered 1..n; `labels`: its own page labels."""
    numbered = tuple(
        PageText(n, p.lines, p.width, p.height, labels[n - 1] if labels else "", ocr=p.ocr)
        for n, p in enumerate(pages, start=1)
    )
    return ExtractedPdf(name, "0" * 64, numbered)
