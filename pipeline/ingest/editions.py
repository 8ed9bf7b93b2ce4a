"""Editions: what an ingest changed, as the toolkit's readers are told it.

An ingest that changes what is indexed makes a new edition: numbered, dated (the
ingest's day, or the board's own `edition:` date and note from the config), and kept in
the history with the files added, replaced and removed and, per section, added / changed
(lines added and removed, with the lines themselves for `--diff`) / moved (from which
printed page to which) / removed.

Lines are compared a chapter at a time, not a section at a time, and each line added or
removed is put down to the section that holds it: a page inserted into one section
shifts every later heading by a page, but their text is the same, so only the section
that gained the page is "changed" and the later ones have only "moved". The audit's
view (each section's text by its configured pages, against the configured start) is
for the board's manager fixing the config; this one is for the people who read it.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum

from pipeline.config.model import EditionKey, Role, Toolkit
from pipeline.engine.dated import Dates, Stamp
from pipeline.engine.documents import PageKind
from pipeline.engine.scope import Scope, role_scope
from pipeline.errors import UsageError
from pipeline.ingest.manifest import Manifest
from pipeline.ingest.sections import SectionInfo
from pipeline.text import calendar_date, long_date

# The changed lines kept per section for `changes --diff`; a section rewritten from end
# to end keeps its first lines and the count of the others.
DIFF_LINES = 200
# Above this many lines in a chapter, difflib's heuristic that ignores very common lines
# keeps the comparison quick; below it, every line counts.
EXACT_DIFF_LINES = 20_000


class EditStatus(StrEnum):
    """What happened to a section in an edition (SPEC, "Editions and amendments")."""

    ADDED = "added"
    CHANGED = "changed"  # its text: lines added and removed
    MOVED = "moved"  # its heading stands on another printed page (its text may have changed too)
    REMOVED = "removed"  # it, or its heading, is gone


@dataclass(frozen=True)
class SectionEdit:
    """One section's part in an edition."""

    chapter: int
    id: str
    title: str
    status: EditStatus
    file: str = ""
    from_page: str | None = None  # printed page its heading stood on before (None: added)
    to_page: str | None = None  # and stands on now (None: removed)
    added_lines: int = 0
    removed_lines: int = 0
    diff: tuple[str, ...] = ()  # "-line" / "+line", at most DIFF_LINES
    more_lines: int = 0  # changed lines beyond those kept in `diff`
    # Roles whose reading held it when the edition was made: they are still told of it
    # after the config stops giving them its chapter (a chapter withdrawn, say).
    readers: tuple[str, ...] = ()

    @property
    def text_changed(self) -> bool:
        """Its words changed (not only the page they stand on)."""
        return self.status in (EditStatus.ADDED, EditStatus.CHANGED) or bool(
            self.added_lines or self.removed_lines
        )


@dataclass(frozen=True)
class Edition:
    """One edition, as the history keeps it."""

    number: int
    date: str  # YYYY-MM-DD: the board's (`edition: date`) or the ingest's day
    note: str = ""
    at: str = ""  # when the ingest that made it ran (UTC, ISO 8601)
    initial: bool = False  # the first ingest: everything in it is new
    compared: bool = True  # False: the previous ingest's sections could not be read
    added_files: tuple[str, ...] = ()
    replaced_files: tuple[str, ...] = ()
    removed_files: tuple[str, ...] = ()
    file_chapters: dict[str, tuple[int, ...]] = field(default_factory=dict)  # for filtering by reader
    sections: tuple[SectionEdit, ...] = ()
    roles_affected: tuple[str, ...] = ()  # roles whose reading or pack (--full too) holds a change

    @property
    def stamp(self) -> Stamp:
        return Stamp(self.number, self.date)

    @property
    def title(self) -> str:
        """ "Edition 2, 6 December 2026"."""
        return f"Edition {self.number}, {long_date(self.date)}"


@dataclass
class _Lines:
    added: int = 0
    removed: int = 0
    diff: list[str] = field(default_factory=list)
    more: int = 0

    def keep(self, line: str) -> None:
        if len(self.diff) < DIFF_LINES:
            self.diff.append(line)
        else:
            self.more += 1


def new_edition(
    previous: Manifest | None,
    manifest: Manifest,
    toolkit: Toolkit,
    *,
    number: int,
    last: Edition | None,
    known_files: dict[str, str] | None = None,
    roles_stale: Iterable[str] = (),
    earlier: Toolkit | None = None,
) -> tuple[Edition | None, list[str]]:
    """The edition this ingest makes (None when nothing indexed changed), and what to
    warn about. `known_files` (file -> SHA-256, from the history) stands in for an
    unreadable previous manifest: files are compared, sections cannot be. `roles_stale`
    are the roles whose packs (plain or --full) the audit found holding a change.
    `earlier` is the config of the previous ingest: a section's readers are those of
    either config (a pharmacist is told the chapter they read was withdrawn)."""
    initial = previous is None and known_files is None
    old_files = {n: r.sha256 for n, r in previous.files.items()} if previous else dict(known_files or {})
    new_files = {n: r.sha256 for n, r in manifest.files.items()}
    added = tuple(sorted(new_files.keys() - old_files.keys()))
    removed = tuple(sorted(old_files.keys() - new_files.keys()))
    replaced = tuple(sorted(n for n in new_files.keys() & old_files.keys() if new_files[n] != old_files[n]))
    compared = previous is not None or initial
    sections = section_edits(previous, manifest) if compared else ()
    if not (added or removed or replaced or sections):
        return None, []
    chapters = {n: r.chapters for n, r in manifest.files.items()}
    if previous is not None:
        chapters.update({n: previous.files[n].chapters for n in removed})
    date, note, warnings = _dated(toolkit.edition, last, manifest.ingested_at[:10], number)
    edition = Edition(
        number=number,
        date=date,
        note=note,
        at=manifest.ingested_at,
        initial=initial,
        compared=compared,
        added_files=added,
        replaced_files=replaced,
        removed_files=removed,
        file_chapters={n: chapters.get(n, ()) for n in (*added, *replaced, *removed)},
        sections=sections,
    )
    scopes = [role_scope(toolkit, role) for role in toolkit.roles]
    scopes += [role_scope(earlier, role) for role in earlier.roles] if earlier else []
    if not initial:  # the first edition holds everything: every reader's own scope says what
        edition = replace(
            edition,
            sections=tuple(
                replace(
                    s, readers=tuple(sc.role.id for sc in scopes if sc.role and sc.allows(s.chapter, s.id))
                )
                for s in edition.sections
            ),
        )
    readers = {sc.role.id for sc in scopes if sc.role and for_scope(edition, sc) is not None}
    return replace(edition, roles_affected=tuple(sorted(readers | set(roles_stale)))), warnings


def _dated(
    key: EditionKey | None, last: Edition | None, today: str, number: int
) -> tuple[str, str, list[str]]:
    """The board's date and note for this edition, unless they already date the last one
    (then the ingest's day, and a warning: the board forgot to give the new edition its own)."""
    if key is None:
        return today, "", []
    if last is not None and key.note == last.note and (key.date is None or key.date == last.date):
        given = ", ".join(
            part for part in (key.date and long_date(key.date), key.note and repr(key.note)) if part
        )
        return (
            today,
            "",
            [
                f"the config's `edition:` ({given}) is that of edition {last.number}; edition {number} "
                f"is dated {long_date(today)}, the day of this ingest: give `edition:` this edition's "
                "own date and note"
            ],
        )
    return key.date or today, key.note, []


def section_edits(previous: Manifest | None, manifest: Manifest) -> tuple[SectionEdit, ...]:
    """Each section that was added, changed, moved or removed, in toolkit order (then
    the removed ones in their old order)."""
    before = {s.id: s for s in previous.sections} if previous else {}
    now = {s.id for s in manifest.sections}
    lines = line_changes(previous, manifest) if previous else {}
    edits: list[SectionEdit] = []
    for info in manifest.sections:
        old = before.get(info.id)
        changed = lines.get(info.id)
        base = SectionEdit(info.chapter, info.id, info.title, EditStatus.CHANGED, info.file)
        if changed is not None:
            base = replace(
                base,
                added_lines=changed.added,
                removed_lines=changed.removed,
                diff=tuple(changed.diff),
                more_lines=changed.more,
            )
        if old is None or (_missing(old) and not _missing(info)):
            edits.append(replace(base, status=EditStatus.ADDED, to_page=start(info), diff=(), more_lines=0))
        elif _missing(info) and not _missing(old):
            edits.append(
                replace(base, status=EditStatus.REMOVED, from_page=start(old), diff=(), more_lines=0)
            )
        elif start(old) != start(info) and not _missing(info):
            edits.append(replace(base, status=EditStatus.MOVED, from_page=start(old), to_page=start(info)))
        elif changed is not None:
            edits.append(replace(base, from_page=start(old), to_page=start(info)))
    for old in previous.sections if previous else ():
        if old.id not in now:
            edits.append(
                SectionEdit(
                    old.chapter, old.id, old.title, EditStatus.REMOVED, old.file, from_page=start(old)
                )
            )
    return tuple(edits)


def start(info: SectionInfo) -> str:
    """The printed page a section starts on: where its heading stands, else its first page."""
    return info.heading_page or info.first_page


def _missing(info: SectionInfo) -> bool:
    """A configured section whose heading is nowhere in its file."""
    return info.kind == PageKind.SECTION and info.heading_page is None


def line_changes(previous: Manifest, manifest: Manifest) -> dict[str, _Lines]:
    """Lines added and removed, chapter by chapter, each put down to its section."""
    out: dict[str, _Lines] = {}
    for chapter in sorted(_chapters(previous) & _chapters(manifest)):
        old = _tagged(s for s in previous.sections if s.chapter == chapter)
        new = _tagged(s for s in manifest.sections if s.chapter == chapter)
        a, b = [line for _, line in old], [line for _, line in new]
        if a == b:
            continue
        matcher = difflib.SequenceMatcher(None, a, b, autojunk=len(a) + len(b) > EXACT_DIFF_LINES)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                continue
            for section, line in old[i1:i2]:
                found = out.setdefault(section, _Lines())
                found.removed += 1
                found.keep(f"-{line}")
            for section, line in new[j1:j2]:
                found = out.setdefault(section, _Lines())
                found.added += 1
                found.keep(f"+{line}")
    return out


def _chapters(manifest: Manifest) -> set[int]:
    return {s.chapter for s in manifest.sections}


def _tagged(infos: Iterable[SectionInfo]) -> list[tuple[str, str]]:
    """A chapter's lines in reading order, each with the section that holds it."""
    return [(info.id, line) for info in infos for line in info.text.splitlines() if line.strip()]


def for_scope(edition: Edition, scope: Scope | None, roles: Sequence[Role] = ()) -> Edition | None:
    """Only what lies inside a reader's scope (the same rule as a search's --role): the
    sections they see now or read when the edition was made, and the files holding a
    chapter they read or one of those sections; None when nothing does. `roles` (the
    configured ones) let an audience's scope count what its roles read then."""
    if scope is None:
        return edition
    if scope.role is not None:
        then = {scope.role.id}
    elif scope.audience is not None:
        then = {r.id for r in roles if r.audience == scope.audience.id}
    else:
        then = set()
    sections = tuple(s for s in edition.sections if scope.allows(s.chapter, s.id) or then & set(s.readers))
    held = {s.file for s in sections}

    def read(names: Sequence[str]) -> tuple[str, ...]:
        return tuple(n for n in names if n in held or scope.chapters & set(edition.file_chapters.get(n, ())))

    files = (read(edition.added_files), read(edition.replaced_files), read(edition.removed_files))
    if not sections and not any(files):
        return None
    return replace(
        edition, sections=sections, added_files=files[0], replaced_files=files[1], removed_files=files[2]
    )


def dates_of(editions: Sequence[Edition]) -> Dates:
    """For the search: the latest edition, and the one in which each section's (or each
    uncatalogued file's) text last changed."""
    sections: dict[str, Stamp] = {}
    files: dict[str, Stamp] = {}
    ordered = sorted(editions, key=lambda e: e.number)
    for edition in ordered:
        for edit in edition.sections:
            if edit.text_changed:
                sections[edit.id] = edition.stamp
        for name in (*edition.added_files, *edition.replaced_files):
            files[name] = edition.stamp
    if not ordered:
        return Dates()
    return Dates(ordered[-1].stamp, ordered[-1].initial, sections, files)


@dataclass(frozen=True)
class Since:
    """`--since`: editions after edition `number`, or dated on or after `date`."""

    number: int | None = None
    date: str | None = None

    def keeps(self, edition: Edition) -> bool:
        if self.number is not None:
            return edition.number > self.number
        return self.date is None or edition.date >= self.date


def parse_since(text: str | None, editions: Sequence[Edition], today: str, option: str = "--since") -> Since:
    """A date (YYYY-MM-DD) or an edition number, checked: one in the future, or a number
    no edition has yet, is refused with what there is (UsageError, exit 2)."""
    if text is None or not text.strip():
        return Since()
    text = text.strip()
    latest = max((e.number for e in editions), default=0)
    if text.isascii() and text.isdigit():
        number = int(text)
        if number > latest:
            have = f"the latest is edition {latest}" if latest else "no edition has been recorded yet"
            raise UsageError(f"{option} {text}: there is no edition {number} yet; {have}")
        return Since(number=number)
    day = calendar_date(text)
    if day is None:
        raise UsageError(
            f"{option} {text!r}: give a date as YYYY-MM-DD (e.g. 2026-12-06) or an edition number "
            "(e.g. 2: the editions after edition 2)"
        )
    # The board may date an edition ahead of its ingest: such a date is not "the future".
    if day.isoformat() > max([today, *(e.date for e in editions)]):
        raise UsageError(f"{option} {text}: that date is in the future (today is {today})")
    return Since(date=day.isoformat())


def chosen_editions(
    editions: Sequence[Edition], since: Since, scope: Scope | None, roles: Sequence[Role] = ()
) -> list[Edition]:
    """Newest first: the editions `since` keeps, each cut down to what `scope` reads (an
    edition with nothing in it for that reader is left out)."""
    chosen = []
    for edition in sorted(editions, key=lambda e: -e.number):
        if not since.keeps(edition):
            continue
        seen = for_scope(edition, scope, roles)
        if seen is not None:
            chosen.append(seen)
    return chosen
