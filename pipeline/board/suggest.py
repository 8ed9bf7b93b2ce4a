"""`cse-toolkit sections FILE --suggest`: propose `sections:` YAML for a newly published
chapter, from its outline (bookmarks) when it has one, else from its headings' fonts.

pypdf reads the outline; pdfplumber gives each word's font size and weight, which PDFium's
plain text does not. Both are slow next to PDFium, which is fine for one chapter on demand.
"""

from __future__ import annotations

import re
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.config.model import ChapterSpec, Limits
from pipeline.errors import PdfError
from pipeline.ingest.extract import group_words_into_lines, quiet_pdf_libraries
from pipeline.ingest.pages import PageNumbering
from pipeline.ingest.sections import is_heading, strip_numbering
from pipeline.ingest.workers import run_isolated
from pipeline.numerals import arabic
from pipeline.text import fold, normalise_line


@dataclass(frozen=True)
class Suggestion:
    title: str
    page_index: int  # 0-based


def from_outline(path: Path) -> list[Suggestion]:
    """Bookmarks as sections: the top level, or the level below a single chapter bookmark."""
    import pypdf

    quiet_pdf_libraries()

    try:
        reader = pypdf.PdfReader(str(path))
        items: list[Any] = list(reader.outline)
    except Exception:  # a broken outline is no outline; headings remain
        return []
    top = [i for i in items if not isinstance(i, list)]
    if len(top) == 1 and len(items) > 1 and isinstance(items[1], list):
        items = items[1]
    found = []
    for item in items:
        if isinstance(item, list):
            continue
        try:
            index = reader.get_destination_page_number(item)
        except Exception:
            continue
        if index is not None and index >= 0 and item.title:
            found.append(Suggestion(normalise_line(str(item.title)), index))
    return found


def from_headings(
    path: Path, chapter_title: str | None, name: str | None = None, seconds: float | None = None
) -> list[Suggestion]:
    """Lines set larger (or bolder) than the body text, at the largest such size; within
    `seconds` (limits.seconds_per_file), checked between pages."""
    import pdfplumber

    quiet_pdf_libraries()

    lines: list[tuple[int, float, bool, str]] = []
    body_sizes: Counter[float] = Counter()
    started = time.monotonic()
    try:
        with pdfplumber.open(str(path)) as pdf:
            for index, page in enumerate(pdf.pages):
                if seconds is not None and time.monotonic() - started > seconds:
                    raise PdfError(
                        name or path.name,
                        f"took longer than {seconds:.0f} s to read for headings (stopped at page {index + 1})",
                        "Check the file, or raise limits.seconds_per_file in the config.",
                    )
                words = page.extract_words(extra_attrs=["size", "fontname"], keep_blank_chars=False)
                for word in words:
                    body_sizes[round(word["size"], 1)] += len(word["text"])
                for line in group_words_into_lines(words):
                    size = max(round(w["size"], 1) for w in line)
                    bold = all("bold" in w["fontname"].lower() for w in line)
                    text = normalise_line(" ".join(w["text"] for w in line))
                    lines.append((index, size, bold, text))
                page.close()
    except (PdfError, MemoryError):
        raise
    except Exception as exc:
        raise PdfError(
            name or path.name, f"could not be read for headings ({type(exc).__name__})", "Check the file."
        ) from None
    if not body_sizes:
        return []
    body = body_sizes.most_common(1)[0][0]
    candidates = [
        (i, size, text)
        for i, size, bold, text in lines
        if (size >= body * 1.15 or (bold and size >= body))
        and 2 <= len(text) <= 90
        and not _is_chapter_heading(text, chapter_title)
    ]
    if not candidates:
        return []
    top = max(size for _, size, _ in candidates)
    return [Suggestion(text, i) for i, size, text in candidates if abs(size - top) < 0.5]


def _is_chapter_heading(text: str, chapter_title: str | None) -> bool:
    folded = fold(text)
    return bool(re.match(r"^(chapter|part) [0-9ivx]+\b", folded)) or (
        chapter_title is not None and fold(chapter_title) in folded
    )


def suggest_isolated(
    path: Path, name: str, numbering: PageNumbering, chapter: ChapterSpec | None, limits: Limits
) -> str:
    """`suggest_yaml` in a worker process under the ingest's limits (time, memory): the
    outline and font readers (pypdf, pdfplumber) meet the same hostile files PDFium does."""
    job = (str(path), name, numbering, chapter, limits.seconds_per_file)
    for _, result in run_isolated(
        [job], _suggest_job, lambda j: j[1], 1, limits.seconds_per_file, limits.max_memory_mb
    ):
        if isinstance(result, PdfError):
            raise result
        return result
    raise AssertionError("run_isolated yields once per job")


def _suggest_job(job: tuple[str, str, PageNumbering, ChapterSpec | None, float]) -> str | PdfError:
    path, name, numbering, chapter, seconds = job
    try:
        return suggest_yaml(Path(path), name, numbering, chapter, seconds)
    except PdfError as exc:
        return exc


def suggest_yaml(
    path: Path, name: str, numbering: PageNumbering, chapter: ChapterSpec | None, seconds: float | None = None
) -> str:
    """The proposed `sections:` block; ids of already-configured titles are kept, so roles
    that name them keep working."""
    source = "outline"
    found = from_outline(path)
    if not found:
        source = "headings"
        found = from_headings(path, chapter.title if chapter else None, name, seconds)
    known = list(chapter.sections) if chapter else []
    head = [f"# Suggested sections for {name}, from its {source}; printed pages from {numbering.source}."]
    if chapter is not None:
        head.append(f"# Replace the `sections:` of chapter {chapter.number} ({chapter.title}) with:")
    if not found:
        return "\n".join([*head, "# No outline and no headings found: add sections by hand.", "sections: []"])
    out = [*head, "sections:"]
    used: set[str] = set()
    for suggestion in found:
        # A heading the config already knows keeps its id (roles name sections by id).
        match = next((k for k in known if is_heading(fold(suggestion.title), fold(k.title))), None)
        title = match.title if match else suggestion.title
        section_id = match.id if match else _slug(strip_numbering(fold(suggestion.title)) or suggestion.title)
        base, n = section_id, 2
        while section_id in used:
            section_id, n = f"{base}-{n}", n + 1
        used.add(section_id)
        label = numbering.labels[suggestion.page_index]
        out.append(f"  - id: {section_id}")
        out.append(f"    title: {_yaml_string(title)}")
        out.append(f"    start: {label if arabic(label) is not None else _yaml_string(label, force=True)}")
    return "\n".join(out)


def _slug(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(title).replace("&", " and ")).strip("-")[:48] or "section"


def _yaml_string(text: str, force: bool = False) -> str:
    if not force and re.fullmatch(r"[A-Za-z][\w ,()'/-]*", text) and not text.endswith(":"):
        return text
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
