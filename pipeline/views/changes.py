"""Editions as a reader is told them: text for `cse-toolkit changes`, and the SPEC's JSON
(`changes --json`, `/api/changes`), which the web page and the feed are made from too."""

from __future__ import annotations

from typing import Any

from pipeline.config.model import Toolkit
from pipeline.ingest.editions import Edition, EditStatus, SectionEdit
from pipeline.ingest.sections import intro_id
from pipeline.numerals import cite
from pipeline.text import printable


def edit_text(edit: SectionEdit) -> str:
    """What happened to a section, in a reader's words: "moved from p. 74 to p. 75",
    "changed, 1 line added"."""
    lines = _lines(edit)
    if edit.status == EditStatus.MOVED:
        moved = f"moved from {cite(edit.from_page or '?')} to {cite(edit.to_page or '?')}"
        return f"{moved}; {lines}" if lines else moved
    if edit.status == EditStatus.CHANGED and lines:
        return f"changed, {lines}"
    return str(edit.status)


def edit_place(edit: SectionEdit) -> str:
    """Where the section is (or was), for beside its name: "p. 56", "was p. 73"; "" for a
    move (its pages are in `edit_text`)."""
    if edit.status == EditStatus.MOVED:
        return ""
    if edit.status == EditStatus.REMOVED:
        return f"was {cite(edit.from_page)}" if edit.from_page else ""
    return cite(edit.to_page) if edit.to_page else ""


def edit_line(edit: SectionEdit) -> str:
    """ "School Nurses (p. 56): changed, 1 line added"."""
    place = edit_place(edit)
    return f"{section_name(edit)}{f' ({place})' if place else ''}: {edit_text(edit)}"


def _lines(edit: SectionEdit) -> str:
    parts = []
    if edit.added_lines:
        parts.append(f"{edit.added_lines} line{'s' if edit.added_lines != 1 else ''} added")
    if edit.removed_lines:
        parts.append(f"{edit.removed_lines} line{'s' if edit.removed_lines != 1 else ''} removed")
    return " and ".join(parts)


def section_name(edit: SectionEdit) -> str:
    """ "Pharmacies", or "Introduction to chapter 4" for a chapter's opening pages."""
    if edit.id.endswith("-introduction") and edit.title == "Introduction":
        return f"Introduction to chapter {edit.chapter}"
    return edit.title


def chapter_name(toolkit: Toolkit, number: int) -> str:
    chapter = toolkit.chapter(number)
    return f"Chapter {number}: {chapter.title}" if chapter else f"Chapter {number}"


def by_chapter(edition: Edition) -> list[tuple[int, list[SectionEdit]]]:
    """The edition's sections grouped by chapter, in toolkit order."""
    groups: dict[int, list[SectionEdit]] = {}
    for edit in edition.sections:
        groups.setdefault(edit.chapter, []).append(edit)
    return sorted(groups.items())


def heading(edition: Edition) -> str:
    """ "Edition 2, 6 December 2026: Chapter 4 republished"."""
    return f"{edition.title}: {edition.note}" if edition.note else edition.title


def file_lists(edition: Edition) -> list[tuple[str, tuple[str, ...]]]:
    """The files an edition added, replaced and removed, each list named; none for the first
    edition (every file is new there, and its summary says how many)."""
    if edition.initial:
        return []
    listed = (
        ("Files added", edition.added_files),
        ("Files replaced", edition.replaced_files),
        ("Files removed", edition.removed_files),
    )
    return [(label, names) for label, names in listed if names]


def summary(edition: Edition) -> str:
    """One line for an edition as a whole: the first ingest, or how many sections changed."""
    if edition.initial:
        # Counted as the ingest summary counts them ("Indexed 9 chapters, 48 sections"): the
        # configured sections, not the chapters' introductions.
        chapters = len({e.chapter for e in edition.sections})
        sections = sum(1 for e in edition.sections if e.id != intro_id(e.chapter))
        documents = sum(1 for name in edition.added_files if not edition.file_chapters.get(name))
        said = [
            f"{chapters} chapter{'s' if chapters != 1 else ''}",
            f"{sections} section{'s' if sections != 1 else ''}",
        ]
        if documents:
            said.append(f"{documents} uncatalogued document{'s' if documents != 1 else ''}")
        return "The first edition indexed: " + ", ".join(said) + "."
    counts: dict[str, int] = {}
    for edit in edition.sections:
        counts[str(edit.status)] = counts.get(str(edit.status), 0) + 1
    said = [f"{n} section{'s' if n != 1 else ''} {status}" for status, n in counts.items()]
    if not edition.compared:
        said.append("sections not compared (the previous ingest's record could not be read)")
    return ("; ".join(said) or "no section's text changed") + "."


def changes_text(
    editions: list[Edition], toolkit: Toolkit, who: str | None, show_diff: bool, total: int
) -> str:
    """`cse-toolkit changes`: each edition, newest first, chapter by chapter."""
    if not editions:
        if total == 0:
            return "No editions recorded yet: the next `cse-toolkit ingest` that indexes something makes one."
        return f"No edition in what was asked for{f' changes anything {who} reads' if who else ''}."
    lines = [f"What changed for {who}, newest first." if who else "Editions, newest first."]
    for edition in editions:
        lines.append("")
        lines.append(printable(heading(edition)))
        lines.append(f"  {summary(edition)}")
        for label, names in file_lists(edition):
            lines.append(f"  {label}: {', '.join(map(printable, names))}")
        if edition.initial:
            continue
        for chapter, edits in by_chapter(edition):
            lines.append(f"  {printable(chapter_name(toolkit, chapter))}")
            for edit in edits:
                lines.append(f"    {printable(edit_line(edit))}")
                if show_diff:
                    lines.extend(f"        {printable(line)}" for line in edit.diff)
                    if edit.more_lines:
                        lines.append(f"        … and {edit.more_lines} more changed lines")
        if not who and edition.roles_affected:
            lines.append(f"  Roles affected: {', '.join(edition.roles_affected)}")
    return "\n".join(lines)


def edition_json(edition: Edition, show_diff: bool) -> dict[str, Any]:
    """One edition as the SPEC's JSON."""
    return {
        "number": edition.number,
        "date": edition.date,
        "note": edition.note or None,
        "initial": edition.initial,
        "files": {
            "added": list(edition.added_files),
            "replaced": list(edition.replaced_files),
            "removed": list(edition.removed_files),
        },
        "sections": [_edit_json(edit, show_diff) for edit in edition.sections],
        "sections_compared": edition.compared,
        "roles_affected": list(edition.roles_affected),
    }


def _edit_json(edit: SectionEdit, show_diff: bool) -> dict[str, Any]:
    out: dict[str, Any] = {
        "chapter": edit.chapter,
        "id": edit.id,
        "title": edit.title,
        "status": str(edit.status),
        "from_page": edit.from_page,
        "to_page": edit.to_page,
        "added_lines": edit.added_lines,
        "removed_lines": edit.removed_lines,
        "file": edit.file,
    }
    if show_diff:
        out["diff"] = list(edit.diff)
        out["more_lines"] = edit.more_lines
    return out


def changes_json(
    editions: list[Edition],
    latest: Edition | None,
    role: str | None,
    audience: str | None,
    show_diff: bool = False,
) -> dict[str, Any]:
    """`changes --json` and `/api/changes`: the reader (`role`, `audience`: ids or null;
    `audience` is the audience whose reading was applied, a role's too, as in a search),
    the `latest` edition of the toolkit ({number, date}; null before any), and the
    `editions` asked for, newest first."""
    return {
        "role": role,
        "audience": audience,
        "latest": {"number": latest.number, "date": latest.date} if latest else None,
        "editions": [edition_json(e, show_diff) for e in editions],
    }
