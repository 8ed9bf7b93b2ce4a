"""Excerpt packs: a role's own pages of the toolkit, as the published PDF pages (layout
untouched, printed page numbers kept as labels) behind a cover, plus the same as Markdown.

Built only from the last ingest (its manifest and extraction cache), so a pack always
matches what search answers; the same inputs give byte-identical files.
"""

from __future__ import annotations

import io
import os
import textwrap
from dataclasses import dataclass
from pathlib import Path

from pipeline.config.model import Role, Toolkit
from pipeline.engine.store import IndexStore
from pipeline.errors import UsageError
from pipeline.ingest.cache import ExtractionCache
from pipeline.ingest.extract import sha256_file
from pipeline.ingest.manifest import Manifest
from pipeline.ingest.sections import SectionPage, split_file
from pipeline.numerals import cite, from_roman, is_unnumbered, page_range

PAGE_WIDTH, PAGE_HEIGHT = 595.28, 841.89  # A4, points
MARGIN = 56


@dataclass(frozen=True)
class PackPart:
    """One bookmarked run of pages: a section, or a whole chapter."""

    title: str  # bookmark and heading
    chapter: int
    chapter_title: str
    file: str
    section: str | None  # None for a whole chapter
    pdf_pages: tuple[int, ...]  # 1-based
    labels: tuple[str, ...]


@dataclass(frozen=True)
class PackFiles:
    pdf: Path
    markdown: Path


def stale_files(manifest: Manifest, pdfs_dir: Path, files: set[str]) -> list[str]:
    """Source files whose bytes differ from the last ingest (or are gone)."""
    stale = []
    for name in sorted(files):
        path = pdfs_dir / name
        record = manifest.files.get(name)
        if record is None or not path.is_file() or sha256_file(path) != record.sha256:
            stale.append(name)
    return stale


def plan_pack(toolkit: Toolkit, role: Role, manifest: Manifest, full: bool) -> list[PackPart]:
    """The role's own sections in toolkit order; for a role with none, its must-read
    chapters; with `full`, the must-read chapters as well."""
    parts: list[PackPart] = []
    audience = toolkit.audience(role.audience)
    must_read = list(audience.read) if audience else []
    for chapter in toolkit.chapters:
        for spec in chapter.sections:
            info = manifest.section(spec.id)
            if spec.id not in role.sections or info is None or not info.first_pdf_page:
                continue
            pages = tuple(range(info.first_pdf_page, info.last_pdf_page + 1))
            labels = manifest.files[info.file].page_labels
            parts.append(
                PackPart(
                    spec.title,
                    chapter.number,
                    chapter.title,
                    info.file,
                    spec.id,
                    pages,
                    tuple(labels[p - 1] for p in pages),
                )
            )
    if not role.sections or full:
        for number in must_read:
            chapter_spec = toolkit.chapter(number)
            if chapter_spec is None or chapter_spec.file not in manifest.files:
                continue
            record = manifest.files[chapter_spec.file]
            own = record.pages_of(number)  # a chapter of a shared file: only its own pages
            if not own:
                continue
            parts.append(
                PackPart(
                    f"Chapter {number}: {chapter_spec.title}",
                    number,
                    chapter_spec.title,
                    chapter_spec.file,
                    None,
                    own,
                    tuple(record.page_labels[p - 1] for p in own),
                )
            )
    return parts


def build_pack(
    toolkit: Toolkit,
    role: Role,
    manifest: Manifest,
    pdfs_dir: Path,
    store: IndexStore,
    out_dir: Path,
    *,
    full: bool = False,
    stale_ok: bool = False,
) -> PackFiles:
    """Write `<role>.pdf` and `<role>.md` into `out_dir`, atomically."""
    parts = plan_pack(toolkit, role, manifest, full)
    if not parts:
        raise UsageError(
            f"role {role.id!r} has no sections or must-read chapters in the last ingest; nothing to pack"
        )
    sources = {p.file for p in parts}
    stale = stale_files(manifest, pdfs_dir, sources)
    if stale and not stale_ok:
        raise UsageError(
            f"{', '.join(stale)} changed since the last ingest ({manifest.ingested_at}); run "
            "`cse-toolkit ingest` first (or pass --stale-ok to pack the ingested text anyway)"
        )
    cache = ExtractionCache(store.cache_dir)
    copies = _ingested_copies(manifest, cache, sources)
    cover = cover_lines(toolkit, role, manifest, parts)
    pdf_bytes = pack_pdf(cover, parts, copies, toolkit.title)
    units = _units_by_page(toolkit, manifest, cache, sources)
    markdown = pack_markdown(cover, parts, units).encode("utf-8")
    # Both are complete before either is written: a failure leaves the old pack whole.
    out_dir.mkdir(parents=True, exist_ok=True)
    pdf_path, md_path = out_dir / f"{role.id}.pdf", out_dir / f"{role.id}.md"
    _write_atomic(pdf_path, pdf_bytes)
    _write_atomic(md_path, markdown)
    return PackFiles(pdf_path, md_path)


def _ingested_copies(manifest: Manifest, cache: ExtractionCache, files: set[str]) -> dict[str, Path]:
    """The exact bytes each source had when ingested (kept in the cache by the ingest)."""
    copies = {}
    for name in sorted(files):
        copy = cache.source(manifest.files[name].sha256)
        if copy is None:
            raise UsageError(f"the ingested copy of {name} is missing; run `cse-toolkit ingest --force`")
        copies[name] = copy
    return copies


def cover_lines(
    toolkit: Toolkit, role: Role, manifest: Manifest, parts: list[PackPart]
) -> list[tuple[str, str]]:
    """The cover as (style, text) lines: "title", "heading", "text" (a sentence), "item"
    (an entry of a list) or "small" (a detail under an item)."""
    audience = toolkit.audience(role.audience)
    date = manifest.ingested_at[:10]
    lines: list[tuple[str, str]] = [
        ("title", toolkit.title),
        ("heading", f"Excerpt pack for {role.title} ({role.id})"),
        ("text", f"Audience: {audience.title if audience else role.audience}"),
        ("text", f"Toolkit as ingested on {date}."),
        ("heading", "Reading list"),
    ]
    for label, numbers in (
        ("Must read", audience.read if audience else ()),
        ("Also helpful", audience.helpful if audience else ()),
    ):
        for number in numbers:
            chapter = toolkit.chapter(number)
            if chapter is None:
                continue
            record = manifest.files.get(chapter.file)
            own = record.pages_of(number) if record else ()
            pages = (
                page_range(record.page_labels[own[0] - 1], record.page_labels[own[-1] - 1])
                if record and own
                else "not ingested"
            )
            lines.append(("item", f"{label}: Chapter {number}, {chapter.title} ({pages})"))
    lines.append(("heading", "In this pack"))
    for part in parts:
        where = page_range(part.labels[0], part.labels[-1])
        lines.append(("item", f"{part.title} - Chapter {part.chapter}: {part.chapter_title}, {where}"))
    lines.append(("heading", "Sources"))
    for name in sorted({p.file for p in parts}):
        lines.append(("item", name))
        lines.append(("small", f"SHA-256 {manifest.files[name].sha256}, ingested {manifest.ingested_at}"))
    lines.append(("heading", "Please note"))
    lines.append(
        (
            "text",
            "This pack is an excerpt. The full toolkit remains the reference: read the "
            "chapters listed above, and check you have the current edition.",
        )
    )
    return lines


_STYLES = {
    "title": ("F2", 18, 26),
    "heading": ("F2", 13, 22),
    "text": ("F1", 10.5, 14),
    "item": ("F1", 10.5, 14),
    "small": ("F1", 8, 11),
}


def _cover_pages(lines: list[tuple[str, str]]) -> list[bytes]:
    """Content streams for the cover, wrapped to the page and continued onto more pages."""
    pages: list[list[str]] = [[]]
    y = PAGE_HEIGHT - MARGIN
    for style, text in lines:
        font, size, leading = _STYLES[style]
        width = int((PAGE_WIDTH - 2 * MARGIN) / (size * 0.52))
        wrapped = textwrap.wrap(text, width=width, break_long_words=True) or [""]
        if style == "heading":
            y -= 6
        for piece in wrapped:
            if y - leading < MARGIN:
                pages.append([])
                y = PAGE_HEIGHT - MARGIN
            y -= leading
            pages[-1].append(f"BT /{font} {size} Tf {MARGIN} {y:.2f} Td ({_pdf_string(piece)}) Tj ET")
    return [("\n".join(ops) + "\n").encode("latin-1") for ops in pages]


def _pdf_string(text: str) -> str:
    """A PDF literal string in WinAnsi (what the standard fonts read)."""
    encoded = text.replace("\u2013", "-").replace("\u2014", "-").replace("\u2019", "'")
    encoded = encoded.encode("cp1252", errors="replace").decode("latin-1")
    return encoded.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def pack_pdf(
    cover: list[tuple[str, str]], parts: list[PackPart], sources: dict[str, Path], title: str
) -> bytes:
    """Cover pages, then each part's pages copied from the ingested PDFs. A page shared by
    two sections appears once; a whole chapter (--full) always appears complete."""
    import pypdf
    from pypdf.constants import PageLabelStyle
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

    writer = pypdf.PdfWriter()
    fonts = DictionaryObject(
        {
            NameObject(name): DictionaryObject(
                {
                    NameObject("/Type"): NameObject("/Font"),
                    NameObject("/Subtype"): NameObject("/Type1"),
                    NameObject("/BaseFont"): NameObject(base),
                    NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
                }
            )
            for name, base in (("/F1", "/Helvetica"), ("/F2", "/Helvetica-Bold"))
        }
    )
    cover_streams = _cover_pages(cover)
    for content in cover_streams:
        page = writer.add_blank_page(PAGE_WIDTH, PAGE_HEIGHT)
        page[NameObject("/Resources")] = DictionaryObject({NameObject("/Font"): fonts})
        stream = DecodedStreamObject()
        stream.set_data(content)
        page[NameObject("/Contents")] = writer._add_object(stream)
    writer.set_page_label(0, len(cover_streams) - 1, prefix="Cover")
    writer.add_outline_item(title="Cover", page_number=0)

    readers: dict[str, pypdf.PdfReader] = {}
    placed: dict[tuple[str, int] | tuple[str, int, str], int] = {}
    for part in parts:
        if part.file not in readers:
            readers[part.file] = pypdf.PdfReader(str(sources[part.file]))
        reader = readers[part.file]
        first_index: int | None = None
        for pdf_page, label in zip(part.pdf_pages, part.labels, strict=True):
            key = (part.file, pdf_page) if part.section is not None else (part.file, pdf_page, part.title)
            if key not in placed:
                writer.add_page(reader.pages[pdf_page - 1])
                placed[key] = len(writer.pages) - 1
                _label(writer, placed[key], label, PageLabelStyle)
            if first_index is None:
                first_index = placed[key]
        writer.add_outline_item(title=part.title, page_number=first_index)
    writer.add_metadata(
        {
            "/Title": f"{title}: excerpt pack",
            "/Producer": "CSE Toolkit Search",
            "/Creator": "cse-toolkit pack",
        }
    )
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _label(writer: object, index: int, label: str, styles: object) -> None:
    """Keep the printed page number as the page's label in the pack."""
    set_label = writer.set_page_label  # type: ignore[attr-defined]
    if label.isdigit() and int(label) > 0:
        set_label(index, index, style=styles.DECIMAL, start=int(label))  # type: ignore[attr-defined]
    elif (roman := from_roman(label)) is not None:
        style = styles.LOWERCASE_ROMAN if label.islower() else styles.UPPERCASE_ROMAN  # type: ignore[attr-defined]
        set_label(index, index, style=style, start=roman)
    else:
        set_label(index, index, prefix=label)


def _units_by_page(
    toolkit: Toolkit, manifest: Manifest, cache: ExtractionCache, files: set[str]
) -> dict[tuple[str, int], list[SectionPage]]:
    """The ingested text of each page, split by section exactly as the index has it."""
    units: dict[tuple[str, int], list[SectionPage]] = {}
    for name in sorted(files):
        pdf = cache.get(manifest.files[name].sha256, name)
        if pdf is None:
            raise UsageError(
                f"the ingested text of {name} is not in the cache; run `cse-toolkit ingest --force`"
            )
        for unit in split_file(toolkit, pdf).split.pages:
            units.setdefault((name, unit.pdf_page), []).append(unit)
    return units


def pack_markdown(
    cover: list[tuple[str, str]], parts: list[PackPart], units: dict[tuple[str, int], list[SectionPage]]
) -> str:
    """The pack as text: the cover, then each page's own text with its citation."""
    prefixes = {"title": "# ", "heading": "\n## ", "text": "", "item": "- ", "small": "  "}
    out = [prefixes[style] + text + ("\n" if style in ("title", "heading") else "") for style, text in cover]
    for part in parts:
        out.append(f"\n## {part.title}\n")
        out.append(
            f"Chapter {part.chapter}: {part.chapter_title}, {page_range(part.labels[0], part.labels[-1])}\n"
        )
        for pdf_page, label in zip(part.pdf_pages, part.labels, strict=True):
            # On a page shared by two sections, a section part takes only its own text;
            # a whole chapter takes both, each with its own citation.
            own = [u for u in units.get((part.file, pdf_page), []) if part.section in (None, u.section)]
            if own:
                out.append(f"\n### {_page_name(label).capitalize()}\n")
            for unit in own:
                out.append(unit.text.strip() + "\n")
                section = unit.section_title or part.title
                out.append(
                    f"> Source: Chapter {part.chapter} ({part.chapter_title}), {section}, "
                    f"{_page_name(label, 'printed page')} ({part.file}, PDF page {pdf_page})\n"
                )
    return "\n".join(out).rstrip() + "\n"


def _page_name(label: str, word: str = "page") -> str:
    """'page 74' (or 'printed page 74'); a page without a printed number as numerals.cite
    names it."""
    return cite(label) if is_unnumbered(label) else f"{word} {label}"


def _write_atomic(path: Path, data: bytes) -> None:
    """Write beside the target and rename: an interrupted run never leaves half a pack."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with temporary.open("wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        temporary.replace(path)
    finally:
        temporary.unlink(missing_ok=True)
