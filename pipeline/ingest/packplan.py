"""Which pages a role's excerpt pack holds, planned from the config and an ingest manifest.

It sits below the pack builder (board) so that the audit, which says whose packs a change
made stale, and `pack`, which builds them, read one and the same plan.
"""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.config.model import ChapterSpec, Role, Toolkit
from pipeline.ingest.manifest import Manifest

OWN, ESSENTIAL, CHAPTER = "own", "essential", "chapter"


@dataclass(frozen=True)
class PackPart:
    """One bookmarked run of a pack: a section, or a whole chapter.

    `pdf_pages` is every page the part covers; a page an earlier part already placed is
    not placed again (the builder points back to it), so no page is in a pack twice.
    """

    kind: str  # OWN (the role's own section), ESSENTIAL (for everyone), CHAPTER (whole)
    title: str
    chapter: int
    chapter_title: str
    file: str
    section: str | None  # None for a whole chapter
    pdf_pages: tuple[int, ...]  # 1-based positions in the ingested file
    labels: tuple[str, ...]  # the printed page labels of those pages


def plan_pack(toolkit: Toolkit, role: Role, manifest: Manifest, full: bool) -> list[PackPart]:
    """The role's own sections, then the sections marked essential for it or its audience,
    then (with `full`, or for a role with no own section) its must-read chapters whole."""
    parts: list[PackPart] = []
    for section_id in toolkit.pack_sections(role):
        found = toolkit.section(section_id)
        info = manifest.section(section_id)
        if found is None or info is None or not info.first_pdf_page or info.file not in manifest.files:
            continue
        chapter, spec = found
        pages = tuple(range(info.first_pdf_page, info.last_pdf_page + 1))
        labels = manifest.files[info.file].page_labels
        kind = OWN if section_id in role.sections else ESSENTIAL
        parts.append(
            PackPart(
                kind,
                spec.title,
                chapter.number,
                chapter.title,
                info.file,
                section_id,
                pages,
                tuple(labels[p - 1] for p in pages),
            )
        )
    if full or not role.sections:
        audience = toolkit.audience(role.audience)
        for number in audience.read if audience else ():
            chapter_spec = toolkit.chapter(number)
            pages = chapter_pages(chapter_spec, manifest) if chapter_spec else ()
            if chapter_spec is None or not pages:
                continue
            labels = manifest.files[chapter_spec.file].page_labels
            parts.append(
                PackPart(
                    CHAPTER,
                    f"Chapter {number}: {chapter_spec.title}",
                    number,
                    chapter_spec.title,
                    chapter_spec.file,
                    None,
                    pages,
                    tuple(labels[p - 1] for p in pages),
                )
            )
    return parts


def chapter_pages(chapter: ChapterSpec, manifest: Manifest) -> tuple[int, ...]:
    """A chapter's pages in its file: the whole file, or its own range of a shared file."""
    record = manifest.files.get(chapter.file)
    return record.pages_of(chapter.number) if record else ()


def pack_sections_held(toolkit: Toolkit, role: Role, manifest: Manifest, full: bool) -> set[str]:
    """Every section (chapter introductions included) with text on a page of the pack: a
    change to any of them changes what the pack shows."""
    pages = {
        (part.file, page) for part in plan_pack(toolkit, role, manifest, full) for page in part.pdf_pages
    }
    return {
        info.id
        for info in manifest.sections
        if info.first_pdf_page
        and any((info.file, page) in pages for page in range(info.first_pdf_page, info.last_pdf_page + 1))
    }
