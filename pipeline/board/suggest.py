"""`cse-toolkit sections FILE --suggest`: propose config YAML for a newly published PDF,
from its outline (bookmarks) when it has one, else from its headings' fonts. For a chapter
it proposes `sections:`; for the whole toolkit in one file, `chapters:` with each chapter's
printed `pages` and its sections.

pypdf reads the outline; pdfplumber gives each word's font size and weight, which PDFium's
plain text does not. Both are slow next to PDFium, which is fine for one file on demand.
"""

from __future__ import annotations

import re
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from pipeline.config.model import ChapterSpec, Limits
from pipeline.errors import PdfError
from pipeline.ingest.extract import group_words_into_lines, quiet_pdf_libraries
from pipeline.ingest.pages import PageNumbering
from pipeline.ingest.sections import is_heading, strip_numbering
from pipeline.ingest.workers import run_isolated
from pipeline.numerals import arabic, page_order
from pipeline.text import fold, normalise_line

CHAPTER, SECTION = 0, 1  # levels
_CHAPTER_HEADING = re.compile(r"^(?:chapter|part) ([0-9]+|[ivx]+)\b")


@dataclass(frozen=True)
class Suggestion:
    title: str
    page_index: int  # 0-based
    level: int = SECTION


MAX_TITLE = 200


def from_outline(path: Path) -> list[Suggestion]:
    """Bookmarks. Several top-level bookmarks with children are a whole toolkit (chapters,
    then their sections); else the top level, or the level below a single chapter
    bookmark, are sections."""
    import pypdf

    quiet_pdf_libraries()

    try:
        reader = pypdf.PdfReader(str(path))
        items: list[Any] = list(reader.outline)
    except Exception:  # a broken outline is no outline; headings remain
        return []
    tree = _tree(items)
    found: list[Suggestion] = []
    if sum(1 for _, children in tree if children) >= 2:
        for item, children in tree:
            found.extend(_bookmark(reader, item, CHAPTER))
            found.extend(s for child, _ in _tree(children) for s in _bookmark(reader, child, SECTION))
        return found
    if len(tree) == 1 and tree[0][1]:
        tree = _tree(tree[0][1])
    return [s for item, _ in tree for s in _bookmark(reader, item, SECTION)]


def _tree(items: list[Any]) -> list[tuple[Any, list[Any]]]:
    """pypdf's outline list (an item, then the list of its children) as (item, children)."""
    pairs: list[tuple[Any, list[Any]]] = []
    for item in items:
        if isinstance(item, list):
            if pairs:
                pairs[-1] = (pairs[-1][0], item)
        else:
            pairs.append((item, []))
    return pairs


def _bookmark(reader: Any, item: Any, level: int) -> list[Suggestion]:
    try:
        index = reader.get_destination_page_number(item)
    except Exception:
        return []
    if index is None or index < 0 or not item.title:
        return []
    return [Suggestion(normalise_line(str(item.title)), index, level)]


def from_headings(
    path: Path,
    chapter_title: str | None,
    whole: bool | None = None,
    name: str | None = None,
    seconds: float | None = None,
) -> list[Suggestion]:
    """Lines set larger (or bolder) than the body text. Chapter headings ("Chapter 4: …")
    on two or more pages, or (when `whole`) a larger size above the section headings, make
    a whole toolkit; else the lines at the largest size are sections. `whole` False: a
    chapter (the config says so). Read within `seconds` (limits.seconds_per_file)."""
    candidates = _heading_lines(path, name, seconds)
    if not candidates:
        return []
    chapters = [c for c in candidates if _CHAPTER_HEADING.match(fold(c[2]))]
    others = [c for c in candidates if not _is_chapter_heading(c[2], chapter_title)]
    if whole is not False and len({i for i, _, _ in chapters}) >= 2:
        top = max(size for _, size, _ in chapters)
        chapters = [c for c in chapters if abs(c[1] - top) < 0.5]
        return _levels(chapters, _largest(others))
    sizes = sorted({round(size) for _, size, _ in candidates}, reverse=True)
    if whole and len(sizes) >= 2:
        biggest = [c for c in candidates if round(c[1]) == sizes[0]]
        rest = [c for c in candidates if round(c[1]) == sizes[1]]
        return _levels(biggest, rest)
    return [Suggestion(text, i) for i, _, text in _largest(others)]


def _heading_lines(path: Path, name: str | None, seconds: float | None) -> list[tuple[int, float, str]]:
    """(page index, font size, text) of every line set larger or bolder than the body;
    the time budget is checked between pages."""
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
    return [
        (i, size, text)
        for i, size, bold, text in lines
        if (size >= body * 1.15 or (bold and size >= body)) and 2 <= len(text) <= 90
    ]


def _largest(lines: list[tuple[int, float, str]]) -> list[tuple[int, float, str]]:
    if not lines:
        return []
    top = max(size for _, size, _ in lines)
    return [line for line in lines if abs(line[1] - top) < 0.5]


def _levels(
    chapters: list[tuple[int, float, str]], sections: list[tuple[int, float, str]]
) -> list[Suggestion]:
    """Chapters and sections in page order (a chapter heading first on its page)."""
    marked = [(i, CHAPTER, text) for i, _, text in chapters] + [(i, SECTION, text) for i, _, text in sections]
    seen: set[int] = set()
    found = []
    for i, level, text in sorted(marked, key=lambda m: (m[0], m[1])):
        if level == CHAPTER and i in seen:
            continue  # one chapter per page: a running title repeats the chapter heading
        if level == CHAPTER:
            seen.add(i)
        found.append(Suggestion(text, i, level))
    return found


def _is_chapter_heading(text: str, chapter_title: str | None) -> bool:
    folded = fold(text)
    return bool(_CHAPTER_HEADING.match(folded)) or (
        chapter_title is not None and fold(chapter_title) in folded
    )


def suggest_isolated(
    path: Path, name: str, numbering: PageNumbering, chapters: tuple[ChapterSpec, ...], limits: Limits
) -> str:
    """`suggest_yaml` in a worker process under the ingest's limits (time, memory): the
    outline and font readers (pypdf, pdfplumber) meet the same hostile files PDFium does."""
    job = (str(path), name, numbering, chapters, limits.seconds_per_file)
    for _, result in run_isolated(
        [job], _suggest_job, lambda j: j[1], 1, limits.seconds_per_file, limits.max_memory_mb
    ):
        if isinstance(result, PdfError):
            raise result
        return result
    raise AssertionError("run_isolated yields once per job")


def _suggest_job(job: tuple[str, str, PageNumbering, tuple[ChapterSpec, ...], float]) -> str | PdfError:
    path, name, numbering, chapters, seconds = job
    try:
        return suggest_yaml(Path(path), name, numbering, chapters, seconds)
    except PdfError as exc:
        return exc


def suggest_yaml(
    path: Path,
    name: str,
    numbering: PageNumbering,
    chapters: tuple[ChapterSpec, ...],
    seconds: float | None = None,
) -> str:
    """The proposed YAML: `sections:` for a chapter, `chapters:` for a whole toolkit. Ids
    of already-configured titles are kept, so roles that name them keep working."""
    whole = None if not chapters else len(chapters) > 1 or any(c.pages is not None for c in chapters)
    source = "outline"
    found = from_outline(path)
    if not found:
        source = "headings"
        found = from_headings(path, chapters[0].title if len(chapters) == 1 else None, whole, name, seconds)
    known = [s for c in chapters for s in c.sections]
    if any(s.level == CHAPTER for s in found):
        return _chapters_yaml(name, source, numbering, found, chapters, known)
    chapter = chapters[0] if chapters else None
    head = [f"# Suggested sections for {name}, from its {source}; printed pages from {numbering.source}."]
    if chapter is not None:
        head.append(f"# Replace the `sections:` of chapter {chapter.number} ({chapter.title}) with:")
    if not found:
        return "\n".join([*head, "# No outline and no headings found: add sections by hand.", "sections: []"])
    return "\n".join(head) + "\n" + _dump({"sections": _sections(found, numbering, known, set())})


def _chapters_yaml(
    name: str,
    source: str,
    numbering: PageNumbering,
    found: list[Suggestion],
    configured: tuple[ChapterSpec, ...],
    known: list[Any],
) -> str:
    """Each chapter heading starts a chapter that runs to the page before the next one."""
    head = [
        f"# Suggested chapters for {name}, from its {source}; printed pages from {numbering.source}.",
        "# The whole toolkit in one file: each chapter names the file and its printed pages.",
        "# Pages before the first chapter (cover, contents) are indexed as the file's front matter.",
    ]
    starts = [k for k, s in enumerate(found) if s.level == CHAPTER]
    used: set[str] = set()
    numbers: set[int] = set()
    chapters: list[dict[str, Any]] = []
    for n, k in enumerate(starts):
        heading = found[k]
        following = found[k + 1 : starts[n + 1]] if n + 1 < len(starts) else found[k + 1 :]
        last_index = found[starts[n + 1]].page_index - 1 if n + 1 < len(starts) else len(numbering.labels) - 1
        number, title = _chapter_number(heading.title, configured, max(numbers, default=0) + 1)
        numbers.add(number)
        first = _numbered(numbering, heading.page_index, last_index, forward=True)
        last = _numbered(numbering, heading.page_index, last_index, forward=False)
        chapter: dict[str, Any] = {"number": number, "title": _title(title), "file": name}
        if first is not None and last is not None:
            chapter["pages"] = f"{first}-{last}"
        sections = [s for s in following if s.level == SECTION]
        if sections:
            chapter["sections"] = _sections(sections, numbering, known, used)
        chapters.append(chapter)
    return "\n".join(head) + "\n" + _dump({"chapters": chapters})


def _chapter_number(title: str, configured: tuple[ChapterSpec, ...], next_free: int) -> tuple[int, str]:
    """4 and "Health Services" from "Chapter 4: Health Services" (or a configured title)."""
    match = re.match(r"^\s*(?:chapter|part)\s+([0-9]+)\s*[:.\-–—]?\s*(.*)$", title, re.I)
    if match:
        return int(match.group(1)), match.group(2).strip() or title
    for chapter in configured:
        if fold(chapter.title) == fold(title):
            return chapter.number, chapter.title
    return next_free, title


def _numbered(numbering: PageNumbering, first: int, last: int, *, forward: bool) -> str | None:
    """The first (or last) printed page number between two page indexes."""
    indexes = range(first, last + 1) if forward else range(last, first - 1, -1)
    return next((numbering.labels[i] for i in indexes if page_order(numbering.labels[i]) is not None), None)


def _sections(
    found: list[Suggestion], numbering: PageNumbering, known: list[Any], used: set[str]
) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
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
        number = arabic(label)
        out.append(
            {"id": section_id, "title": _title(title), "start": number if number is not None else label}
        )
    return out


def _slug(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(title).replace("&", " and ")).strip("-")[:48] or "section"


def _title(text: str) -> str:
    """A bookmark or heading as a config title: one line, and short (a config value may
    not be empty or run to thousands of characters)."""
    one_line = " ".join(text.split())
    return (one_line[:MAX_TITLE] + "…" if len(one_line) > MAX_TITLE else one_line) or "Untitled"


class _Dumper(yaml.SafeDumper):
    """Lists indented under their key, as the config is written by hand."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _dump(data: dict[str, Any]) -> str:
    """YAML written by PyYAML, so that "Yes", "Null", "1e3" or "a: b" stay text: a draft
    written by hand once made `title: Yes` a boolean, which the config check refused."""
    text: str = yaml.dump(
        data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, default_flow_style=False, width=10_000
    )
    return text.rstrip("\n")
