"""Helpers shared by several test modules: republishing the sample's chapter 4,
fingerprinting a directory to prove a command left it alone, a small PNG, pages as
extraction gives them (for tests of numbering and splitting that need no PDF), and two
chapters as an ingest records them (for tests of the audit and editions fed manifests)."""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pipeline.config import ChapterSpec, SectionSpec, Toolkit
from pipeline.config.model import Audience, Role
from pipeline.engine.documents import PageKind
from pipeline.ingest.extract import ExtractedPdf, Line, PageText
from pipeline.ingest.manifest import FileRecord, Manifest
from pipeline.ingest.sections import SectionInfo
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


# ------------------------------------------- two chapters as an ingest records them
# For tests fed manifests directly (the audit's comparison, editions): chapter 4 in ch4.pdf
# (an introduction and three sections, a page each), chapter 5 in ch5.pdf.
CH4, CH5 = "ch4.pdf", "ch5.pdf"

TOOLKIT = Toolkit(
    chapters=(
        ChapterSpec(
            4,
            "Health Services",
            CH4,
            sections=(
                SectionSpec("nurses", "School Nurses", 56),
                SectionSpec("midwifery", "Midwifery", 57),
                SectionSpec("pharmacies", "Pharmacies", 58),
            ),
        ),
        ChapterSpec(5, "Social Care", CH5, sections=(SectionSpec("foster-care", "Foster Care", 90),)),
    ),
    audiences=(Audience("health", "Health", read=(4,)), Audience("social", "Social Care", read=(5,))),
    roles=(
        Role("pharmacist", "Pharmacist", "health", sections=("pharmacies",)),
        Role("nurse", "School nurse", "health", sections=("nurses",)),
        Role("carer", "Foster carer", "social"),  # no section of its own: its pack is chapter 5
    ),
)


def info(section_id: str, file: str, pdf_page: int, page: str, text: str = "", **changes: Any) -> SectionInfo:
    """A section as an ingest records it: one page, its heading found where configured."""
    intro = section_id.endswith("-introduction")
    found = SectionInfo(
        id=section_id,
        title=section_id.title(),
        chapter=4 if file == CH4 else 5,
        file=file,
        kind=PageKind.INTRO if intro else PageKind.SECTION,
        configured_start="" if intro else page,
        first_page=page,
        last_page=page,
        first_pdf_page=pdf_page,
        last_pdf_page=pdf_page,
        heading_found=True,
        heading_page=None if intro else page,
        heading_line=None if intro else 0,
        text=text or f"The text of {section_id}.",
    )
    found = dataclasses.replace(found, **changes)
    return dataclasses.replace(found, text_hash=hashlib.sha256(found.text.encode()).hexdigest())


def record(file: str, sha: str = "a", labels: tuple[str, ...] | None = None, **changes: Any) -> FileRecord:
    labels = labels or (("55", "56", "57", "58") if file == CH4 else ("89", "90"))
    return FileRecord(
        file, sha * 64, len(labels), labels, "printed numbers", 4 if file == CH4 else 5, **changes
    )


SECTIONS = (
    info("chapter-4-introduction", CH4, 1, "55"),
    info("nurses", CH4, 2, "56"),
    info("midwifery", CH4, 3, "57", "Line a\nLine b\nLine c\nLine d\nLine e"),
    info("pharmacies", CH4, 4, "58"),
    info("chapter-5-introduction", CH5, 1, "89"),
    info("foster-care", CH5, 2, "90"),
)
OLD = Manifest(
    "2026-12-06T10:00:00Z", "inputs", "config-1", "1", {CH4: record(CH4), CH5: record(CH5)}, SECTIONS
)


def now(
    *replaced: SectionInfo, files: dict[str, FileRecord] | None = None, config: str = "config-1"
) -> Manifest:
    """OLD with some sections replaced (by id) and maybe other files or config."""
    by_id = {s.id: s for s in replaced}
    sections = tuple(by_id.get(s.id, s) for s in OLD.sections if files is None or s.file in files)
    return dataclasses.replace(
        OLD, sections=sections, files=files if files is not None else OLD.files, config_digest=config
    )
