"""Editions fed two manifests directly (SPEC, "Editions and amendments"): which edition an
ingest makes and how it is dated, each section's part in it (added, changed with its
lines, moved, removed), what each reader is told, the dates a search result carries and
`--since`. Each case takes milliseconds, so `make mutate` runs them for every mutant;
test_editions.py asks the same questions through real ingests and `cse-toolkit changes`."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from pipeline.config.model import EditionKey
from pipeline.engine.dated import Dates, Stamp, load_dates, save_dates
from pipeline.engine.documents import PageKind
from pipeline.engine.scope import Scope, audience_scope, role_scope
from pipeline.errors import UsageError
from pipeline.ingest.editions import (
    DIFF_LINES,
    Edition,
    EditStatus,
    SectionEdit,
    Since,
    chosen_editions,
    dates_of,
    for_scope,
    new_edition,
    parse_since,
    section_edits,
)
from pipeline.ingest.manifest import Manifest
from pipeline.views.changes import changes_json, changes_text, edit_line, summary
from tests.helpers import CH4, CH5, OLD, TOOLKIT, info, now, record

ADDED, CHANGED, MOVED, REMOVED = EditStatus.ADDED, EditStatus.CHANGED, EditStatus.MOVED, EditStatus.REMOVED
REPLACED_CH4 = {CH4: record(CH4, "b"), CH5: record(CH5)}


def role(role_id: str) -> Scope:
    return role_scope(TOOLKIT, next(r for r in TOOLKIT.roles if r.id == role_id))


def audience(audience_id: str) -> Scope:
    return audience_scope(TOOLKIT, next(a for a in TOOLKIT.audiences if a.id == audience_id))


def edited_midwifery() -> Manifest:
    """Midwifery's text edited: two lines rewritten (a blank line added counts for nothing)."""
    edited = info("midwifery", CH4, 3, "57", "Line a\nLine b\nLine C\n\nLine D\nLine e")
    return now(edited, files=REPLACED_CH4)


def edition(previous: Manifest | None, manifest: Manifest, **options: object) -> Edition:
    made, warnings = new_edition(previous, manifest, TOOLKIT, number=2, last=None, **options)  # type: ignore[arg-type]
    assert made is not None and warnings == []
    return made


def parts(made: Edition | None) -> list[tuple[str, str, str | None, str | None]]:
    assert made is not None
    return [(s.id, s.status.value, s.from_page, s.to_page) for s in made.sections]


# ------------------------------------------------------------------ which edition is made
def test_an_ingest_that_changes_nothing_indexed_makes_no_edition() -> None:
    assert new_edition(OLD, now(), TOOLKIT, number=2, last=None) == (None, [])
    # the config's digest alone is not what is indexed
    assert new_edition(OLD, now(config="config-2"), TOOLKIT, number=2, last=None) == (None, [])


def test_the_first_ingest_is_an_initial_edition_adding_every_file_and_section() -> None:
    made = edition(None, OLD)

    assert (made.number, made.date, made.note, made.at) == (2, "2026-12-06", "", "2026-12-06T10:00:00Z")
    assert (made.initial, made.compared) == (True, True)
    assert (made.added_files, made.replaced_files, made.removed_files) == ((CH4, CH5), (), ())
    assert made.file_chapters == {CH4: (4,), CH5: (5,)}
    assert parts(made) == [
        ("chapter-4-introduction", "added", None, "55"),
        ("nurses", "added", None, "56"),
        ("midwifery", "added", None, "57"),
        ("pharmacies", "added", None, "58"),
        ("chapter-5-introduction", "added", None, "89"),
        ("foster-care", "added", None, "90"),
    ]
    # every reader's own scope says what is theirs: no section lists its readers
    assert {s.readers for s in made.sections} == {()}
    assert made.roles_affected == ("carer", "nurse", "pharmacist")


def test_a_changed_section_counts_its_lines_and_names_the_roles_reading_it() -> None:
    made = edition(OLD, edited_midwifery())

    assert (made.initial, made.compared) == (False, True)
    assert (made.added_files, made.replaced_files, made.removed_files) == ((), (CH4,), ())
    assert made.file_chapters == {CH4: (4,)}
    assert made.sections == (
        SectionEdit(
            4,
            "midwifery",
            "Midwifery",
            CHANGED,
            CH4,
            from_page="57",
            to_page="57",
            added_lines=2,
            removed_lines=2,
            diff=("-Line c", "-Line d", "+Line C", "+Line D"),
            readers=("pharmacist", "nurse"),  # no role owns midwifery: chapter 4's readers
        ),
    )
    assert made.roles_affected == ("nurse", "pharmacist")


def test_roles_whose_packs_are_stale_are_affected_too() -> None:
    made = edition(OLD, edited_midwifery(), roles_stale=("carer",))

    assert made.roles_affected == ("carer", "nurse", "pharmacist")


def test_a_section_owned_by_one_role_is_read_by_that_role_only() -> None:
    edited = info("nurses", CH4, 2, "56", "New nursing text.")
    made = edition(OLD, now(edited))
    replaced = edition(OLD, now(edited, files=REPLACED_CH4))

    assert [(s.id, s.readers) for s in made.sections] == [("nurses", ("nurse",))]
    assert made.roles_affected == ("nurse",)
    # chapter 4's file replaced as well: whoever reads chapter 4 is told of the file
    assert [(s.id, s.readers) for s in replaced.sections] == [("nurses", ("nurse",))]
    assert replaced.roles_affected == ("nurse", "pharmacist")


def test_without_the_previous_manifest_files_are_compared_by_their_hashes_and_sections_not_at_all() -> None:
    known = {CH4: "a" * 64, CH5: "a" * 64, "gone.pdf": "c" * 64}
    made = edition(None, edited_midwifery(), known_files=known)

    assert (made.initial, made.compared, made.sections) == (False, False, ())
    assert (made.added_files, made.replaced_files, made.removed_files) == ((), (CH4,), ("gone.pdf",))
    assert made.file_chapters == {CH4: (4,), "gone.pdf": ()}
    assert made.roles_affected == ("nurse", "pharmacist")  # chapter 4's file was replaced
    # the same files: no edition, whatever the sections' texts (they cannot be compared)
    same = {CH4: "b" * 64, CH5: "a" * 64}
    assert new_edition(None, edited_midwifery(), TOOLKIT, number=2, last=None, known_files=same) == (None, [])
    # one file more, or one file fewer, is an edition by itself
    gone = edition(None, edited_midwifery(), known_files={**same, "gone.pdf": "c" * 64})
    assert (gone.added_files, gone.replaced_files, gone.removed_files) == ((), (), ("gone.pdf",))
    new = edition(None, edited_midwifery(), known_files={CH4: "b" * 64})
    assert (new.added_files, new.replaced_files, new.removed_files) == ((CH5,), (), ())


def test_a_file_removed_takes_its_chapters_and_sections_with_it() -> None:
    after = dataclasses.replace(OLD, files={CH4: record(CH4)}, sections=OLD.sections[:4])
    made = edition(OLD, after)

    assert (made.added_files, made.replaced_files, made.removed_files) == ((), (), (CH5,))
    assert made.file_chapters == {CH5: (5,)}  # read from the previous ingest
    assert parts(made) == [
        ("chapter-5-introduction", "removed", "89", None),
        ("foster-care", "removed", "90", None),
    ]
    assert [s.readers for s in made.sections] == [("carer",), ("carer",)]
    assert made.roles_affected == ("carer",)


def test_a_file_added_adds_its_sections() -> None:
    before = dataclasses.replace(OLD, files={CH4: record(CH4)}, sections=OLD.sections[:4])
    made = edition(before, OLD)

    assert (made.added_files, made.replaced_files, made.removed_files) == ((CH5,), (), ())
    assert made.file_chapters == {CH5: (5,)}
    assert parts(made) == [
        ("chapter-5-introduction", "added", None, "89"),
        ("foster-care", "added", None, "90"),
    ]
    # as in the first edition, a chapter new to the index is added whole: its lines are
    # compared with nothing, so none is counted
    assert [(s.added_lines, s.removed_lines) for s in made.sections] == [(0, 0), (0, 0)]
    assert made.roles_affected == ("carer",)


def test_a_chapter_withdrawn_from_a_reader_is_still_theirs_through_the_previous_config() -> None:
    """The config stops giving foster carers chapter 5 as its text changes: they are still
    told, through the config of the ingest before."""
    social = dataclasses.replace(TOOLKIT.audiences[1], read=())
    toolkit = dataclasses.replace(TOOLKIT, audiences=(TOOLKIT.audiences[0], social))
    edited = info("foster-care", CH5, 2, "90", "New foster care text.")
    after = now(edited, files={CH4: record(CH4), CH5: record(CH5, "b")})

    made, _ = new_edition(OLD, after, toolkit, number=2, last=None, earlier=TOOLKIT)
    alone, _ = new_edition(OLD, after, toolkit, number=2, last=None)

    assert made is not None and alone is not None
    assert [s.readers for s in made.sections] == [("carer",)]
    assert made.roles_affected == ("carer",)
    assert [s.readers for s in alone.sections] == [()]
    assert alone.roles_affected == ()


# ---------------------------------------------------------------------- how it is dated
def dated(key: EditionKey | None, last: Edition | None = None) -> tuple[str, str, list[str]]:
    after = dataclasses.replace(edited_midwifery(), ingested_at="2026-12-07T09:30:00Z")
    made, warnings = new_edition(OLD, after, dataclasses.replace(TOOLKIT, edition=key), number=2, last=last)
    assert made is not None
    return made.date, made.note, warnings


LAST = Edition(1, "2026-12-06", "Spring update")


def test_an_edition_is_dated_the_day_of_its_ingest_unless_the_board_dates_it() -> None:
    assert dated(None) == ("2026-12-07", "", [])
    assert dated(None, LAST) == ("2026-12-07", "", [])
    assert dated(EditionKey("2026-12-01", "Winter update")) == ("2026-12-01", "Winter update", [])
    assert dated(EditionKey("2026-12-01", "Winter update"), LAST) == ("2026-12-01", "Winter update", [])
    assert dated(EditionKey(None, "Winter update"), LAST) == ("2026-12-07", "Winter update", [])
    assert dated(EditionKey("2026-12-05", ""), LAST) == ("2026-12-05", "", [])


def test_the_date_and_note_of_the_last_edition_given_again_date_this_one_by_its_ingest() -> None:
    assert dated(EditionKey("2026-12-06", "Spring update"), LAST) == (
        "2026-12-07",
        "",
        [
            "the config's `edition:` (6 December 2026, 'Spring update') is that of edition 1; "
            "edition 2 is dated 7 December 2026, the day of this ingest: give `edition:` this "
            "edition's own date and note"
        ],
    )
    assert dated(EditionKey(None, "Spring update"), LAST)[2] == [
        "the config's `edition:` ('Spring update') is that of edition 1; edition 2 is dated "
        "7 December 2026, the day of this ingest: give `edition:` this edition's own date and note"
    ]
    undated_last = Edition(1, "2026-12-06")
    assert dated(EditionKey("2026-12-06", ""), undated_last)[2] == [
        "the config's `edition:` (6 December 2026) is that of edition 1; edition 2 is dated "
        "7 December 2026, the day of this ingest: give `edition:` this edition's own date and note"
    ]
    # the same note with a new date is a new edition's own
    assert dated(EditionKey("2026-12-07", "Spring update"), LAST) == ("2026-12-07", "Spring update", [])


def test_an_edition_is_titled_by_its_number_and_its_date_in_words() -> None:
    assert Edition(2, "2026-12-06").title == "Edition 2, 6 December 2026"


# --------------------------------------------------------------- each section's part
def test_a_heading_on_another_page_is_moved_from_its_page_to_the_other() -> None:
    moved = info("pharmacies", CH4, 4, "58", heading_page="59")

    assert parts(edition(OLD, now(moved))) == [("pharmacies", "moved", "58", "59")]


def test_a_section_moved_with_its_text_changed_is_moved_with_its_lines() -> None:
    moved = info("pharmacies", CH4, 4, "59", "The new text of pharmacies.")

    (edit,) = edition(OLD, now(moved)).sections
    assert (edit.status, edit.from_page, edit.to_page) == (MOVED, "58", "59")
    assert (edit.added_lines, edit.removed_lines, edit.diff) == (
        1,
        1,
        ("-The text of pharmacies.", "+The new text of pharmacies."),
    )
    assert edit.text_changed is True


def test_a_heading_no_longer_found_is_removed_and_found_again_is_added() -> None:
    lost = info("nurses", CH4, 2, "56", "Other nursing text.", heading_found=False, heading_page=None)
    found_again = info("nurses", CH4, 2, "57", "Text again.")

    gone = edition(OLD, now(lost))
    back = edition(now(lost), now(found_again))

    assert parts(gone) == [("nurses", "removed", "56", None)]
    assert (gone.sections[0].diff, gone.sections[0].more_lines) == ((), 0)
    assert (gone.sections[0].added_lines, gone.sections[0].removed_lines) == (1, 1)
    assert parts(back) == [("nurses", "added", None, "57")]
    assert (back.sections[0].diff, back.sections[0].more_lines) == ((), 0)


def test_a_section_whose_heading_is_missing_before_and_after_is_changed_by_its_text_only() -> None:
    lost = info("nurses", CH4, 2, "56", heading_found=False, heading_page=None)
    lost_elsewhere = dataclasses.replace(lost, first_page="57")
    lost_edited = info("nurses", CH4, 2, "57", "Other text.", heading_found=False, heading_page=None)

    assert new_edition(now(lost), now(lost_elsewhere), TOOLKIT, number=2, last=None) == (None, [])
    assert parts(edition(now(lost), now(lost_edited))) == [("nurses", "changed", "56", "57")]


def test_an_introduction_changed_is_changed_from_its_first_page() -> None:
    intro = info("chapter-4-introduction", CH4, 1, "55", "A new introduction.")

    assert parts(edition(OLD, now(intro))) == [("chapter-4-introduction", "changed", "55", "55")]


def test_a_section_the_config_no_longer_has_is_removed_after_the_others_in_its_old_order() -> None:
    after = dataclasses.replace(
        OLD, sections=tuple(s for s in OLD.sections if s.id not in ("nurses", "pharmacies"))
    )
    moved = info("foster-care", CH5, 2, "91")
    after = dataclasses.replace(after, sections=(*after.sections[:-1], moved))

    assert parts(edition(OLD, after)) == [
        ("foster-care", "moved", "90", "91"),
        ("nurses", "removed", "56", None),
        ("pharmacies", "removed", "58", None),
    ]
    assert [s.file for s in edition(OLD, after).sections] == [CH5, CH4, CH4]


def test_lines_are_compared_a_chapter_at_a_time_and_put_down_to_the_section_holding_them() -> None:
    """A line inserted at the end of nurses pushes midwifery's heading to the next page:
    nurses changed, midwifery moved with its text the same, the other chapter untouched."""
    nurses = info("nurses", CH4, 2, "56", "The text of nurses.\nAn inserted line.")
    midwifery = info("midwifery", CH4, 3, "58", "Line a\nLine b\nLine c\nLine d\nLine e")
    made = edition(OLD, now(nurses, midwifery))

    assert parts(made) == [("nurses", "changed", "56", "56"), ("midwifery", "moved", "57", "58")]
    assert (made.sections[0].added_lines, made.sections[0].removed_lines) == (1, 0)
    assert made.sections[0].diff == ("+An inserted line.",)
    assert (made.sections[1].added_lines, made.sections[1].removed_lines, made.sections[1].diff) == (0, 0, ())
    assert made.sections[1].text_changed is False


def test_a_line_moving_from_one_section_to_the_next_changes_no_text() -> None:
    """The chapter's lines are the same, in the same order: nothing is counted."""
    midwifery = info("midwifery", CH4, 3, "57", "Line a\nLine b\nLine c\nLine d")
    pharmacies = info("pharmacies", CH4, 4, "58", "Line e\nThe text of pharmacies.")

    assert new_edition(OLD, now(midwifery, pharmacies), TOOLKIT, number=2, last=None) == (None, [])


def test_a_section_rewritten_keeps_its_first_changed_lines_and_counts_the_rest() -> None:
    old_text = "\n".join(f"Old line {n}" for n in range(150))
    new_text = "\n".join(f"New line {n}" for n in range(150))
    before = now(info("midwifery", CH4, 3, "57", old_text))
    (edit,) = edition(before, now(info("midwifery", CH4, 3, "57", new_text))).sections

    assert (edit.added_lines, edit.removed_lines) == (150, 150)
    assert len(edit.diff) == DIFF_LINES == 200
    assert edit.diff[:2] == ("-Old line 0", "-Old line 1")
    assert edit.diff[149:151] == ("-Old line 149", "+New line 0")
    assert edit.diff[-1] == "+New line 49"
    assert edit.more_lines == 100


def test_a_section_added_or_removed_shows_no_changed_lines_even_when_many_changed() -> None:
    """Its lines are counted, but only a changed or moved section lists them (`--diff`):
    no "and 50 more changed lines" under a section added or removed."""
    many = "\n".join(f"Line {n} of the new section." for n in range(250))
    added = info("first-aid", CH4, 4, "58", many)
    before = now()
    after = dataclasses.replace(before, sections=(*before.sections[:3], added, *before.sections[3:]))
    (edit,) = edition(before, after).sections
    assert (edit.id, edit.status, edit.to_page, edit.added_lines, edit.diff, edit.more_lines) == (
        "first-aid",
        ADDED,
        "58",
        250,
        (),
        0,
    )
    lost = info("first-aid", CH4, 4, "58", "Other text.", heading_found=False, heading_page=None)
    after_lost = dataclasses.replace(after, sections=(*before.sections[:3], lost, *before.sections[3:]))
    (removed,) = edition(after, after_lost).sections
    assert (removed.status, removed.from_page, removed.removed_lines, removed.diff, removed.more_lines) == (
        REMOVED,
        "58",
        250,
        (),
        0,
    )


def test_one_line_changed_among_many_the_same_is_one_line() -> None:
    """Chapter 4 ends in 300 lines alike ("Contact the team.") around one that changes: one
    line removed and one added. difflib's quick heuristic ignores lines repeated this
    often, and would count the 150 after it too; it is kept for chapters over 20,000 lines."""
    alike = ["Contact the team."] * 150
    before = now(info("pharmacies", CH4, 4, "58", "\n".join([*alike, "Call 999.", *alike])))
    after = now(info("pharmacies", CH4, 4, "58", "\n".join([*alike, "Call 112.", *alike])))
    (edit,) = edition(before, after).sections

    assert (edit.added_lines, edit.removed_lines, edit.diff) == (1, 1, ("-Call 999.", "+Call 112."))


# ------------------------------------------------------------------ what each reader is told
def everything() -> Edition:
    """Every section of both chapters changed (and both files replaced), each section
    read by the roles that read it now."""
    changed = [info(s.id, s.file, s.first_pdf_page, s.first_page, "New text.") for s in OLD.sections]
    return edition(OLD, now(*changed, files={CH4: record(CH4, "b"), CH5: record(CH5, "b")}))


def ids(made: Edition | None) -> list[str]:
    assert made is not None
    return [s.id for s in made.sections]


def test_a_reader_is_told_only_of_what_their_scope_holds() -> None:
    made = everything()

    assert for_scope(made, None) is made
    pharmacist = for_scope(made, role("pharmacist"))
    assert ids(pharmacist) == ["chapter-4-introduction", "midwifery", "pharmacies"]
    assert pharmacist is not None and pharmacist.replaced_files == (CH4,)
    carer = for_scope(made, role("carer"))
    assert ids(carer) == ["chapter-5-introduction", "foster-care"]
    assert carer is not None and carer.replaced_files == (CH5,)


def test_an_edition_with_nothing_for_a_reader_is_none() -> None:
    made = edition(OLD, now(info("nurses", CH4, 2, "56", "New nursing text."), files=REPLACED_CH4))

    assert for_scope(made, role("pharmacist")) is not None  # chapter 4's file, which they read
    only_text = edition(OLD, now(info("nurses", CH4, 2, "56", "New nursing text.")))
    assert for_scope(only_text, role("pharmacist")) is None
    assert for_scope(only_text, role("carer")) is None
    assert ids(for_scope(only_text, role("nurse"))) == ["nurses"]


def test_a_section_read_when_the_edition_was_made_is_still_told_to_its_reader() -> None:
    withdrawn = dataclasses.replace(everything().sections[-1], readers=("carer", "nurse"))
    made = Edition(3, "2026-12-07", sections=(withdrawn,))
    health = dataclasses.replace(TOOLKIT.audiences[0], read=(4,))

    assert ids(for_scope(made, role("nurse"))) == ["foster-care"]
    assert for_scope(made, role("pharmacist")) is None
    # an audience is told what its roles read then, when the configured roles are given
    assert ids(for_scope(made, audience_scope(TOOLKIT, health), TOOLKIT.roles)) == ["foster-care"]
    assert for_scope(made, audience_scope(TOOLKIT, health)) is None


def test_an_audience_is_told_of_its_chapters_files_and_sections() -> None:
    made = everything()
    health = for_scope(made, audience("health"), TOOLKIT.roles)

    assert ids(health) == ["chapter-4-introduction", "nurses", "midwifery", "pharmacies"]
    assert health is not None and health.replaced_files == (CH4,)


def test_a_file_of_an_edition_recorded_without_its_chapters_is_told_to_no_reader_by_chapter() -> None:
    """Histories written before editions kept each file's chapters have none for it."""
    made = Edition(3, "2026-12-07", added_files=("new.pdf",))

    assert for_scope(made, role("nurse")) is None
    assert for_scope(made, None) is made


def test_a_file_is_told_to_whoever_reads_its_chapter_or_a_section_in_it() -> None:
    made = Edition(
        3,
        "2026-12-07",
        added_files=("new.pdf", "other.pdf"),
        replaced_files=(CH4,),
        removed_files=("old.pdf", CH5),
        file_chapters={"new.pdf": (4,), "other.pdf": (7,), CH4: (4,), "old.pdf": (4, 5), CH5: (5,)},
    )
    nurse = for_scope(made, role("nurse"))
    carer = for_scope(made, role("carer"))

    assert nurse is not None and carer is not None
    assert (nurse.added_files, nurse.replaced_files, nurse.removed_files) == (
        ("new.pdf",),
        (CH4,),
        ("old.pdf",),
    )
    assert (carer.added_files, carer.replaced_files, carer.removed_files) == ((), (), ("old.pdf", CH5))
    # a file whose chapter no one reads, held by a section a role reads then
    held = dataclasses.replace(
        made,
        sections=(SectionEdit(7, "extra", "Extra", ADDED, "other.pdf", readers=("carer",)),),
    )
    told = for_scope(held, role("carer"))
    assert told is not None and told.added_files == ("other.pdf",)


def test_a_scope_without_a_role_or_an_audience_holds_only_what_it_allows() -> None:
    made = everything()
    made = dataclasses.replace(
        made, sections=tuple(dataclasses.replace(s, readers=("carer",)) for s in made.sections)
    )
    chapter_5 = Scope(frozenset({5}), frozenset({"foster-care"}))

    assert ids(for_scope(made, chapter_5)) == ["chapter-5-introduction"]


# ------------------------------------------------------------------ dates for the search
def test_each_section_is_dated_by_the_edition_its_text_last_changed_in() -> None:
    first = edition(None, OLD)
    second = Edition(
        2,
        "2026-12-07",
        added_files=("new.pdf",),
        replaced_files=(CH4,),
        removed_files=(CH5,),
        sections=(
            SectionEdit(4, "nurses", "Nurses", CHANGED, CH4, added_lines=1),
            SectionEdit(4, "midwifery", "Midwifery", MOVED, CH4, from_page="57", to_page="58"),
            SectionEdit(4, "pharmacies", "Pharmacies", MOVED, CH4, removed_lines=2),
            SectionEdit(5, "foster-care", "Foster Care", REMOVED, CH5),
        ),
    )
    first = dataclasses.replace(first, number=1)
    one, two = Stamp(1, "2026-12-06"), Stamp(2, "2026-12-07")

    dates = dates_of([second, first])  # in any order

    assert dates.latest == two and dates.initial is False
    assert dates.sections == {
        "chapter-4-introduction": one,
        "nurses": two,
        "midwifery": one,  # moved only: its text is the first edition's
        "pharmacies": two,  # moved with lines removed
        "chapter-5-introduction": one,
        "foster-care": one,  # removed: no text of this edition
    }
    assert dates.files == {CH4: two, CH5: one, "new.pdf": two}
    every_section = {s.id: one for s in OLD.sections}
    assert dates_of([first]) == Dates(one, True, every_section, {CH4: one, CH5: one})
    assert dates_of([]) == Dates()


def test_a_result_is_dated_by_its_sections_edition_or_outside_every_section_its_files() -> None:
    one, two = Stamp(1, "2026-12-06"), Stamp(2, "2026-12-07")
    dates = Dates(two, False, {"nurses": two, "midwifery": one}, {CH4: two, CH5: one})

    assert [dates.of(CH4, s) for s in ("nurses", "midwifery", "pharmacies", None, "")] == [
        two,
        one,
        None,
        two,
        two,
    ]
    assert (dates.of(CH5, None), dates.of("other.pdf", None)) == (one, None)
    # "changed in the latest edition": only what changed in it, and never in the first ingest
    assert [dates.changed_last(CH4, s) for s in ("nurses", "midwifery", "pharmacies", None)] == [
        two,
        None,
        None,
        two,
    ]
    assert dates.changed_last(CH5, None) is None
    assert dataclasses.replace(dates, initial=True).changed_last(CH4, "nurses") is None
    assert dataclasses.replace(dates, latest=None).changed_last(CH4, "nurses") is None
    assert Dates().changed_last(CH4, "nurses") is None


def test_the_dates_are_kept_beside_the_index_and_read_back(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    one, two = Stamp(1, "2026-12-06"), Stamp(2, "2026-12-07")
    dates = Dates(two, False, {"nurses": two, "midwifery": one}, {CH4: two})
    save_dates(dates, tmp_path)

    assert load_dates(tmp_path) == dates
    # its name and shape are what every index since editions began holds (stamps as rows)
    assert json.loads((tmp_path / "editions.json").read_text(encoding="utf-8")) == {
        "latest": [2, "2026-12-07"],
        "initial": False,
        "sections": {"nurses": [2, "2026-12-07"], "midwifery": [1, "2026-12-06"]},
        "files": {CH4: [2, "2026-12-07"]},
    }
    assert load_dates(None) == Dates()
    assert load_dates(tmp_path / "missing") == Dates()
    assert capsys.readouterr().err == ""
    (tmp_path / "editions.json").write_text('{"latest": {"number": "two"}}', encoding="utf-8")
    assert load_dates(tmp_path) == Dates()
    warning = capsys.readouterr().err
    assert warning.startswith(f"warning: {tmp_path / 'editions.json'} is damaged (")
    assert warning.endswith(
        "; results are shown without their edition (`cse-toolkit ingest --force` writes it again)\n"
    )


def test_a_section_removed_or_moved_has_changed_no_text() -> None:
    assert SectionEdit(4, "a", "A", REMOVED).text_changed is False
    assert SectionEdit(4, "a", "A", MOVED).text_changed is False
    assert SectionEdit(4, "a", "A", MOVED, added_lines=1).text_changed is True
    assert SectionEdit(4, "a", "A", REMOVED, removed_lines=1).text_changed is True
    assert SectionEdit(4, "a", "A", ADDED).text_changed is True
    assert SectionEdit(4, "a", "A", CHANGED).text_changed is True


# ----------------------------------------------------------------------------- --since
EDITIONS = (Edition(1, "2026-12-01"), Edition(2, "2026-12-04"), Edition(3, "2026-12-06"))
TODAY = "2026-12-06"


def refused(text: str, editions: tuple[Edition, ...] = EDITIONS, option: str = "--since") -> str:
    with pytest.raises(UsageError) as caught:
        parse_since(text, editions, TODAY, option)
    return str(caught.value.message)


def test_since_nothing_keeps_every_edition() -> None:
    assert parse_since(None, EDITIONS, TODAY) == Since()
    assert parse_since("  ", EDITIONS, TODAY) == Since()
    assert [e.number for e in EDITIONS if Since().keeps(e)] == [1, 2, 3]


def test_since_a_number_keeps_the_editions_after_it() -> None:
    since = parse_since(" 1 ", EDITIONS, TODAY)

    assert since == Since(number=1)
    assert [e.number for e in EDITIONS if since.keeps(e)] == [2, 3]
    assert parse_since("3", EDITIONS, TODAY) == Since(number=3)
    assert parse_since("0", EDITIONS, TODAY) == Since(number=0)


def test_since_a_number_no_edition_has_yet_is_refused_naming_the_latest() -> None:
    assert refused("4") == "--since 4: there is no edition 4 yet; the latest is edition 3"
    assert refused("1", ()) == "--since 1: there is no edition 1 yet; no edition has been recorded yet"
    assert refused("7", (Edition(2, "2026-12-01"), Edition(1, "2026-12-02")), "--after") == (
        "--after 7: there is no edition 7 yet; the latest is edition 2"
    )


def test_since_a_date_keeps_the_editions_dated_on_or_after_it() -> None:
    since = parse_since(" 2026-12-04", EDITIONS, TODAY)

    assert since == Since(date="2026-12-04")
    assert [e.number for e in EDITIONS if since.keeps(e)] == [2, 3]
    assert parse_since("2026-12-06", EDITIONS, TODAY) == Since(date="2026-12-06")


def test_since_a_date_not_written_yyyy_mm_dd_is_refused_saying_what_to_write() -> None:
    words = (
        ": give a date as YYYY-MM-DD (e.g. 2026-12-06) or an edition number "
        "(e.g. 2: the editions after edition 2)"
    )
    for text in ("2026-12-4", "2026-02-30", "2026/12/04", "yesterday", "2026-W49-1", "²"):
        assert refused(text) == f"--since {text!r}{words}", text
    assert refused("4 December", option="--after") == f"--after '4 December'{words}"


def test_since_a_date_in_the_future_is_refused_unless_an_edition_is_dated_that_far() -> None:
    assert refused("2026-12-07") == "--since 2026-12-07: that date is in the future (today is 2026-12-06)"
    ahead = (*EDITIONS, Edition(4, "2026-12-10"))
    assert parse_since("2026-12-10", ahead, TODAY) == Since(date="2026-12-10")
    assert (
        refused("2026-12-11", ahead) == "--since 2026-12-11: that date is in the future (today is 2026-12-06)"
    )


def test_the_editions_chosen_are_newest_first_and_cut_to_the_reader() -> None:
    made = everything()
    second = dataclasses.replace(made, number=2, date="2026-12-04")
    third = edition(OLD, now(info("nurses", CH4, 2, "56", "New nursing text.")))
    third = dataclasses.replace(third, number=3, date="2026-12-06")
    editions = [second, dataclasses.replace(made, number=1, date="2026-12-01"), third]

    assert [e.number for e in chosen_editions(editions, Since(), None)] == [3, 2, 1]
    assert [e.number for e in chosen_editions(editions, Since(number=1), None)] == [3, 2]
    assert [e.number for e in chosen_editions(editions, Since(), role("pharmacist"))] == [2, 1]
    assert [ids(e) for e in chosen_editions(editions, Since(number=1), role("nurse"))] == [
        ["nurses"],
        ["chapter-4-introduction", "nurses", "midwifery"],
    ]
    assert chosen_editions(editions, Since(date="2026-12-07"), None) == []
    # an audience is told what its roles read when the edition was made
    withdrawn = Edition(
        4, "2026-12-07", sections=(dataclasses.replace(made.sections[-1], readers=("nurse",)),)
    )
    assert [ids(e) for e in chosen_editions([withdrawn], Since(), audience("health"), TOOLKIT.roles)] == [
        ["foster-care"]
    ]
    assert chosen_editions([withdrawn], Since(), audience("health")) == []


def test_a_page_kind_section_without_heading_is_what_missing_means() -> None:
    """An introduction has no heading: a changed one is never removed for the lack of one."""
    intro = info("chapter-5-introduction", CH5, 1, "89", "New introduction.")
    assert intro.kind is PageKind.INTRO and intro.heading_page is None
    assert parts(edition(OLD, now(intro))) == [("chapter-5-introduction", "changed", "89", "89")]


def test_section_edits_of_the_first_ingest_add_every_section_where_its_heading_stands() -> None:
    followed = info("pharmacies", CH4, 4, "58", heading_page="59")
    first = section_edits(None, now(followed))

    assert [(s.id, s.status.value, s.to_page) for s in first][3] == ("pharmacies", "added", "59")
    assert [s.status for s in first] == [ADDED] * 6


# ------------------------------------------------------- as `cse-toolkit changes` says them
def republished() -> tuple[Edition, Edition]:
    """Edition 1 (the first ingest), and edition 2 with the board's note: chapter 4's file
    replaced, its introduction and midwifery edited, nurses' heading lost, pharmacies moved."""
    first = edition(None, OLD)
    first = dataclasses.replace(first, number=1)
    intro = dataclasses.replace(
        info("chapter-4-introduction", CH4, 1, "55", "A new introduction."), title="Introduction"
    )
    midwifery = info("midwifery", CH4, 3, "57", "Line a\nLine b\nLine C\nLine d\nLine e")
    pharmacies = info("pharmacies", CH4, 4, "59")
    lost = info("nurses", CH4, 2, "56", heading_found=False, heading_page=None)
    after = now(intro, midwifery, pharmacies, lost, files=REPLACED_CH4)
    after = dataclasses.replace(after, ingested_at="2026-12-07T09:00:00Z")
    toolkit = dataclasses.replace(TOOLKIT, edition=EditionKey(None, "Chapter 4 republished"))
    second, _ = new_edition(OLD, after, toolkit, number=2, last=first)
    assert second is not None
    return first, second


def test_changes_tells_each_edition_newest_first_chapter_by_chapter() -> None:
    first, second = republished()

    assert changes_text([second, first], TOOLKIT, None, False, 2) == (
        "Editions, newest first.\n"
        "\n"
        "Edition 2, 7 December 2026: Chapter 4 republished\n"
        "  2 sections changed; 1 section removed; 1 section moved.\n"
        "  Files replaced: ch4.pdf\n"
        "  Chapter 4: Health Services\n"
        "    Introduction to chapter 4 (p. 55): changed, 1 line added and 1 line removed\n"
        "    Nurses (was p. 56): removed\n"
        "    Midwifery (p. 57): changed, 1 line added and 1 line removed\n"
        "    Pharmacies: moved from p. 58 to p. 59\n"
        "  Roles affected: nurse, pharmacist\n"
        "\n"
        "Edition 1, 6 December 2026\n"
        "  The first edition indexed: 2 chapters, 4 sections."
    )


def test_changes_for_a_reader_with_the_lines_names_them_and_not_the_roles() -> None:
    _, second = republished()

    assert changes_text([second], TOOLKIT, "a pharmacist", True, 2) == (
        "What changed for a pharmacist, newest first.\n"
        "\n"
        "Edition 2, 7 December 2026: Chapter 4 republished\n"
        "  2 sections changed; 1 section removed; 1 section moved.\n"
        "  Files replaced: ch4.pdf\n"
        "  Chapter 4: Health Services\n"
        "    Introduction to chapter 4 (p. 55): changed, 1 line added and 1 line removed\n"
        "        -The text of chapter-4-introduction.\n"
        "        +A new introduction.\n"
        "    Nurses (was p. 56): removed\n"
        "    Midwifery (p. 57): changed, 1 line added and 1 line removed\n"
        "        -Line c\n"
        "        +Line C\n"
        "    Pharmacies: moved from p. 58 to p. 59"
    )


def test_changes_with_nothing_to_tell_says_why() -> None:
    assert changes_text([], TOOLKIT, None, False, 0) == (
        "No editions recorded yet: the next `cse-toolkit ingest` that indexes something makes one."
    )
    assert changes_text([], TOOLKIT, "a pharmacist", False, 0) == (
        "No editions recorded yet: the next `cse-toolkit ingest` that indexes something makes one."
    )
    assert changes_text([], TOOLKIT, "a pharmacist", False, 3) == (
        "No edition in what was asked for changes anything a pharmacist reads."
    )
    assert changes_text([], TOOLKIT, None, False, 3) == "No edition in what was asked for."


def test_many_changed_lines_end_with_how_many_more() -> None:
    edit = SectionEdit(7, "extra", "Extra", CHANGED, "x.pdf", "3", "3", 201, 0, ("+a", "+b"), 199)
    made = Edition(5, "2026-12-07", replaced_files=("x.pdf",), sections=(edit,), roles_affected=("gp",))

    assert changes_text([made], TOOLKIT, None, True, 5).splitlines()[5:] == [
        "  Chapter 7",  # a chapter the config no longer has: named by its number
        "    Extra (p. 3): changed, 201 lines added",
        "        +a",
        "        +b",
        "        … and 199 more changed lines",
        "  Roles affected: gp",
    ]
    assert "more changed lines" not in changes_text([made], TOOLKIT, None, False, 5)


@pytest.mark.parametrize(
    ("edit", "line"),
    [
        (
            SectionEdit(4, "a", "A", MOVED, from_page="57+1", to_page="58"),
            "A: moved from unnumbered page after p. 57 to p. 58",
        ),
        (
            SectionEdit(4, "a", "A", MOVED, from_page="58", to_page="59", added_lines=2),
            "A: moved from p. 58 to p. 59; 2 lines added",
        ),
        (
            SectionEdit(4, "a", "A", MOVED, to_page="59", removed_lines=1),
            "A: moved from p. ? to p. 59; 1 line removed",
        ),
        (SectionEdit(4, "a", "A", MOVED, from_page="58"), "A: moved from p. 58 to p. ?"),
        (SectionEdit(4, "a", "A", CHANGED, from_page="58", to_page="58"), "A (p. 58): changed"),
        (
            SectionEdit(4, "a", "A", CHANGED, to_page="58", added_lines=1, removed_lines=3),
            "A (p. 58): changed, 1 line added and 3 lines removed",
        ),
        (SectionEdit(4, "a", "A", ADDED, to_page="58", added_lines=4), "A (p. 58): added"),
        (SectionEdit(4, "a", "A", ADDED), "A: added"),
        (SectionEdit(4, "a", "A", REMOVED, from_page="58"), "A (was p. 58): removed"),
        (SectionEdit(4, "a", "A", REMOVED, to_page="58"), "A: removed"),
        (
            SectionEdit(4, "chapter-4-introduction", "Introduction", CHANGED, to_page="i"),
            "Introduction to chapter 4 (p. i): changed",
        ),
        (
            SectionEdit(4, "chapter-4-introduction", "Before we start", ADDED, to_page="i"),
            "Before we start (p. i): added",
        ),
        (SectionEdit(4, "introduction", "Introduction", ADDED, to_page="i"), "Introduction (p. i): added"),
    ],
)
def test_each_section_is_told_in_a_readers_words(edit: SectionEdit, line: str) -> None:
    assert edit_line(edit) == line


def test_an_editions_summary_counts_its_sections_and_says_what_could_not_be_compared() -> None:
    one = SectionEdit(4, "a", "A", MOVED)
    assert summary(Edition(2, "2026-12-07", sections=(one,))) == "1 section moved."
    assert summary(Edition(2, "2026-12-07", sections=(one, one))) == "2 sections moved."
    assert summary(Edition(2, "2026-12-07", replaced_files=("a.pdf",))) == "no section's text changed."
    assert summary(Edition(2, "2026-12-07", replaced_files=("a.pdf",), compared=False)) == (
        "sections not compared (the previous ingest's record could not be read)."
    )
    assert summary(Edition(2, "2026-12-07", sections=(one,), compared=False)) == (
        "1 section moved; sections not compared (the previous ingest's record could not be read)."
    )


def test_the_first_editions_summary_counts_chapters_sections_and_uncatalogued_documents() -> None:
    first = edition(None, OLD)
    intro_only = SectionEdit(9, "chapter-9-introduction", "Introduction", ADDED)
    one_of_each = Edition(
        1,
        "2026-12-06",
        initial=True,
        added_files=("nine.pdf", "notes.pdf"),
        file_chapters={"nine.pdf": (9,), "notes.pdf": ()},
        sections=(intro_only, SectionEdit(9, "only", "Only", ADDED)),
    )

    assert summary(first) == "The first edition indexed: 2 chapters, 4 sections."
    assert summary(one_of_each) == "The first edition indexed: 1 chapter, 1 section, 1 uncatalogued document."
    two_documents = dataclasses.replace(one_of_each, added_files=("a.pdf", "b.pdf"), file_chapters={})
    assert summary(two_documents) == (
        "The first edition indexed: 1 chapter, 1 section, 2 uncatalogued documents."
    )
    # the first edition lists no files (its summary counts them), no section and no role
    assert changes_text([first], TOOLKIT, None, False, 1).splitlines()[2:] == [
        "Edition 2, 6 December 2026",
        "  The first edition indexed: 2 chapters, 4 sections.",
    ]


def test_files_added_replaced_and_removed_are_listed_in_that_order() -> None:
    made = Edition(
        3, "2026-12-07", added_files=("n.pdf",), replaced_files=("r.pdf", "s.pdf"), removed_files=("o.pdf",)
    )

    assert changes_text([made], TOOLKIT, "a reader", False, 3).splitlines()[2:] == [
        "Edition 3, 7 December 2026",
        "  no section's text changed.",
        "  Files added: n.pdf",
        "  Files replaced: r.pdf, s.pdf",
        "  Files removed: o.pdf",
    ]


def test_changes_json_is_the_specs_object() -> None:
    first, second = republished()

    assert changes_json([second], second, "pharmacist", "health") == {
        "role": "pharmacist",
        "audience": "health",
        "latest": {"number": 2, "date": "2026-12-07"},
        "editions": [
            {
                "number": 2,
                "date": "2026-12-07",
                "note": "Chapter 4 republished",
                "initial": False,
                "files": {"added": [], "replaced": [CH4], "removed": []},
                "sections": [
                    {
                        "chapter": 4,
                        "id": "chapter-4-introduction",
                        "title": "Introduction",
                        "status": "changed",
                        "from_page": "55",
                        "to_page": "55",
                        "added_lines": 1,
                        "removed_lines": 1,
                        "file": CH4,
                    },
                    {
                        "chapter": 4,
                        "id": "nurses",
                        "title": "Nurses",
                        "status": "removed",
                        "from_page": "56",
                        "to_page": None,
                        "added_lines": 0,
                        "removed_lines": 0,
                        "file": CH4,
                    },
                    {
                        "chapter": 4,
                        "id": "midwifery",
                        "title": "Midwifery",
                        "status": "changed",
                        "from_page": "57",
                        "to_page": "57",
                        "added_lines": 1,
                        "removed_lines": 1,
                        "file": CH4,
                    },
                    {
                        "chapter": 4,
                        "id": "pharmacies",
                        "title": "Pharmacies",
                        "status": "moved",
                        "from_page": "58",
                        "to_page": "59",
                        "added_lines": 0,
                        "removed_lines": 0,
                        "file": CH4,
                    },
                ],
                "sections_compared": True,
                "roles_affected": ["nurse", "pharmacist"],
            }
        ],
    }
    assert changes_json([], None, None, None) == {
        "role": None,
        "audience": None,
        "latest": None,
        "editions": [],
    }
    # with --diff, each section's lines and how many more
    shown = changes_json([second, first], second, None, None, show_diff=True)["editions"]
    assert [e["note"] for e in shown] == ["Chapter 4 republished", None]
    assert [(s["diff"], s["more_lines"]) for s in shown[0]["sections"]] == [
        (["-The text of chapter-4-introduction.", "+A new introduction."], 0),
        ([], 0),
        (["-Line c", "+Line C"], 0),
        ([], 0),
    ]
    assert shown[1]["initial"] is True
