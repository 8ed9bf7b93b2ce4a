"""`audit.compare`, the comparison behind `cse-toolkit audit` and every ingest's summary,
fed two manifests directly: what changed, moved or went missing, whose packs are stale,
and the report's JSON (SPEC, "audit"). Each case takes milliseconds, so `make mutate` runs
them for every mutant; test_audit.py runs the same questions through real ingests."""

from __future__ import annotations

import dataclasses
from typing import Any

from pipeline.config.model import Role
from pipeline.ingest.audit import AuditReport, SectionStatus, compare
from pipeline.ingest.sections import SectionInfo
from tests.helpers import CH4, CH5, NO_CHANGE_REPORT, OLD, TOOLKIT, info, now, record


def statuses(report: AuditReport) -> dict[str, str]:
    return {s.id: s.status.value for s in report.sections}


# ------------------------------------------------------------------------------ no change
def test_nothing_changed_is_an_empty_report() -> None:
    report = compare(OLD, now(), TOOLKIT)

    assert report.changed is False
    assert report.as_json() == NO_CHANGE_REPORT


def test_only_the_config_changed_is_a_change() -> None:
    report = compare(OLD, now(config="config-2"), TOOLKIT)

    assert (report.config_changed, report.changed, report.sections) == (True, True, ())


def test_the_first_ingest_adds_every_file_and_lists_no_section() -> None:
    report = compare(None, OLD, TOOLKIT)

    assert (report.added_files, report.removed_files, report.changed_files) == ((CH4, CH5), (), ())
    assert (report.sections, report.config_changed) == ((), False)
    assert report.roles_affected == ("carer", "nurse", "pharmacist")


# ------------------------------------------------------------------------- a changed text
def changed_midwifery() -> AuditReport:
    edited = info("midwifery", CH4, 3, "57", "Line a\nLine b\nLine C\n\nLine D\nLine e")
    return compare(OLD, now(edited, files={CH4: record(CH4, "b"), CH5: record(CH5)}), TOOLKIT)


def test_a_changed_section_counts_its_lines_and_the_files_other_sections_are_listed_unchanged() -> None:
    report = changed_midwifery()

    assert report.changed_files == (CH4,)
    assert statuses(report) == {
        "chapter-4-introduction": "unchanged",
        "nurses": "unchanged",
        "midwifery": "changed",
        "pharmacies": "unchanged",
    }
    midwifery = report.sections[2]
    assert (midwifery.added_lines, midwifery.removed_lines) == (2, 2)  # the blank line is no line
    assert midwifery.diff == (  # one line of context either side
        "--- ingested",
        "+++ now",
        "@@ -2,4 +2,5 @@",
        " Line b",
        "-Line c",
        "-Line d",
        "+Line C",
        "+",
        "+Line D",
        " Line e",
    )


def test_a_changed_section_makes_stale_only_the_packs_holding_its_pages() -> None:
    """Midwifery is in no role's own pack; chapter 4 whole (--full) holds it."""
    report = changed_midwifery()

    assert report.roles_affected == ()
    assert report.roles_affected_full == ("nurse", "pharmacist")


def test_a_changed_section_in_json_names_its_pages_as_numbers() -> None:
    entry = changed_midwifery().as_json()["sections"][2]

    assert entry == {
        "id": "midwifery",
        "status": "changed",
        "configured_start": 57,
        "found_start": 57,
        "added_lines": 2,
        "removed_lines": 2,
        "previous_start": None,
        "file": CH4,
        "chapter": 4,
        "title": "Midwifery",
    }


# ------------------------------------------------------------------ moved, missing, followed
def test_a_heading_elsewhere_is_moved_and_nowhere_is_missing() -> None:
    moved = info("pharmacies", CH4, 4, "58", heading_found=False, heading_page="57")
    missing = info("nurses", CH4, 2, "56", heading_found=False, heading_page=None)

    report = compare(OLD, now(moved, missing), TOOLKIT)

    assert statuses(report) == {"nurses": "missing", "pharmacies": "moved"}
    assert [(s.configured_start, s.found_start) for s in report.sections] == [("56", None), ("58", "57")]
    # where each starts now: its heading's page, else its first page (nurses: still 56)
    assert [s.previous_start for s in report.sections] == [None, "58"]
    assert report.roles_affected == ("nurse", "pharmacist")
    assert report.changed is True


def test_an_introduction_is_never_missing() -> None:
    """An introduction has no heading to find: it is compared by its text only."""
    intro = info("chapter-4-introduction", CH4, 1, "55", heading_found=False)

    assert compare(OLD, now(intro), TOOLKIT).sections == ()


def test_a_section_followed_to_the_same_place_as_last_time_is_no_news() -> None:
    """The last ingest already split it where its heading stands (and warned of the key):
    compared by its text, unchanged."""
    followed = info("pharmacies", CH4, 4, "58", heading_found=False, heading_page="58", followed=True)
    before = dataclasses.replace(
        OLD, sections=tuple(followed if s.id == "pharmacies" else s for s in OLD.sections)
    )

    assert compare(before, now(followed), TOOLKIT).sections == ()


def test_a_section_followed_now_but_not_before_or_elsewhere_than_before_is_moved() -> None:
    followed = info("pharmacies", CH4, 4, "58", heading_found=False, heading_page="58", followed=True)
    elsewhere = dataclasses.replace(followed, heading_page="57")
    before = dataclasses.replace(
        OLD, sections=tuple(elsewhere if s.id == "pharmacies" else s for s in OLD.sections)
    )

    assert statuses(compare(OLD, now(followed), TOOLKIT)) == {"pharmacies": "moved"}
    assert statuses(compare(before, now(followed), TOOLKIT)) == {"pharmacies": "moved"}


def test_a_followed_section_is_a_config_key_to_update() -> None:
    followed = info("pharmacies", CH4, 4, "59", heading_found=False, heading_page="59", followed=True)
    stray = info("foster-care", CH5, 2, "90", followed=True, heading_page="91", chapter=6)

    report = compare(OLD, now(dataclasses.replace(followed, configured_start="58"), stray), TOOLKIT)

    assert report.config_behind == ("chapters[0].sections[2].start: 58 -> 59",)
    assert report.as_json()["config_behind"] == ["chapters[0].sections[2].start: 58 -> 59"]


def test_a_section_printed_on_another_page_now_names_where_it_was_and_stales_its_pack() -> None:
    """A page inserted before it, the config fixed: same text, found where configured, but
    printed on 57 now, not 56; the pack cites the old number."""
    shifted = info("nurses", CH4, 3, "57", configured_start="57")

    report = compare(OLD, now(shifted, files={CH4: record(CH4, "b"), CH5: record(CH5)}), TOOLKIT)

    nurses = next(s for s in report.sections if s.id == "nurses")
    assert (nurses.status, nurses.previous_start) == (SectionStatus.UNCHANGED, "56")
    assert report.as_json()["sections"][1]["previous_start"] == 56
    assert report.roles_affected == ("nurse",)
    assert [s.previous_start for s in report.sections if s.id != "nurses"] == [None, None, None]


# ----------------------------------------------------------------------- files come and go
def test_a_new_file_is_added_its_sections_unlisted_and_its_readers_stale() -> None:
    before = dataclasses.replace(OLD, files={CH4: record(CH4)}, sections=OLD.sections[:4])

    report = compare(before, OLD, TOOLKIT)

    assert (report.added_files, report.sections) == ((CH5,), ())
    assert (report.roles_affected, report.roles_affected_full) == (("carer",), ("carer",))


def test_a_removed_file_stales_the_packs_that_held_it() -> None:
    report = compare(OLD, now(files={CH4: record(CH4)}), TOOLKIT)

    assert (report.removed_files, report.sections) == ((CH5,), ())
    assert report.roles_affected == ("carer",)


def test_repeated_pages_are_reported_for_added_and_changed_files_only() -> None:
    whole = record("whole.pdf", labels=tuple(str(n) for n in range(1, 11)), repeated_pages=3)
    files = {CH4: record(CH4, "b", repeated_pages=0), CH5: record(CH5, repeated_pages=2), "whole.pdf": whole}

    report = compare(OLD, now(files=files), TOOLKIT)

    assert report.repeated_pages == {"whole.pdf": (3, 10)}
    assert report.as_json()["repeated_pages"] == {"whole.pdf": 3}


def test_page_labels_that_are_not_numbers_stay_text_in_json() -> None:
    moved = info("nurses", CH4, 2, "iv", configured_start="iv", heading_found=False, heading_page="v")

    entry = compare(OLD, now(moved), TOOLKIT).as_json()["sections"][0]

    assert (entry["configured_start"], entry["found_start"], entry["previous_start"]) == ("iv", "v", 56)


def test_a_section_new_to_the_config_is_all_added_lines() -> None:
    """A section the last ingest did not have (its file changed and the config gained it)."""
    before = dataclasses.replace(OLD, sections=tuple(s for s in OLD.sections if s.id != "midwifery"))

    report = compare(before, now(files={CH4: record(CH4, "b"), CH5: record(CH5)}), TOOLKIT)

    midwifery = next(s for s in report.sections if s.id == "midwifery")
    assert (midwifery.status, midwifery.added_lines, midwifery.removed_lines) == (SectionStatus.CHANGED, 5, 0)
    assert (report.roles_affected, report.roles_affected_full) == ((), ("nurse", "pharmacist"))
    assert (midwifery.previous_start, midwifery.found_start) == (None, "57")
    assert midwifery.diff[2:4] == ("@@ -0,0 +1,5 @@", "+Line a")


def test_lines_that_begin_with_dashes_or_pluses_are_counted_like_any_other() -> None:
    """A removed line "-- Signed off" shows in the diff as "--- Signed off", an added "++ New"
    as "+++ New": they are lines of text, not the diff's header."""
    signed = info("midwifery", CH4, 3, "57", "Line a\n-- Signed off\nLine e")
    edited = info("midwifery", CH4, 3, "57", "Line a\n++ New\n++ Newer\nLine e")
    before = dataclasses.replace(
        OLD, sections=tuple(signed if s.id == "midwifery" else s for s in OLD.sections)
    )

    report = compare(before, now(edited, files={CH4: record(CH4, "b"), CH5: record(CH5)}), TOOLKIT)

    midwifery = next(s for s in report.sections if s.id == "midwifery")
    assert (midwifery.added_lines, midwifery.removed_lines) == (2, 1)
    assert midwifery.diff[3:] == (" Line a", "--- Signed off", "+++ New", "+++ Newer", " Line e")


def test_sections_of_an_added_file_listed_first_do_not_hide_the_changes_after_them() -> None:
    edited = info("midwifery", CH4, 3, "57", "Line a\nLine b\nLine c\nLine d\nLine e\nLine f")
    before = dataclasses.replace(OLD, files={CH4: record(CH4)}, sections=OLD.sections[:4])
    after = dataclasses.replace(
        OLD,
        files={CH5: record(CH5), CH4: record(CH4, "b")},
        sections=(*OLD.sections[4:], *(edited if s.id == "midwifery" else s for s in OLD.sections[:4])),
    )

    report = compare(before, after, TOOLKIT)

    assert report.added_files == (CH5,)
    assert statuses(report)["midwifery"] == "changed"
    assert CH5 not in {s.file for s in report.sections}


def test_a_line_of_one_character_is_a_line() -> None:
    edited = info("midwifery", CH4, 3, "57", "Line a\nLine b\nLine c\nLine d\nLine e\n7")

    midwifery = changed_one(edited)

    assert (midwifery.added_lines, midwifery.removed_lines) == (1, 0)


def changed_one(edited: SectionInfo) -> Any:
    report = compare(OLD, now(edited, files={CH4: record(CH4, "b"), CH5: record(CH5)}), TOOLKIT)
    return next(s for s in report.sections if s.id == edited.id)


def test_a_removed_file_stales_a_full_pack_that_held_it_and_the_plain_one_that_did_not() -> None:
    """A nurse for looked-after children: her own section is in chapter 4, her audience
    reads chapter 5 whole; with chapter 5's file gone only her --full pack is stale."""
    nurse = Role("looked-after-nurse", "Looked-after children's nurse", "social", sections=("nurses",))
    toolkit = dataclasses.replace(TOOLKIT, roles=(*TOOLKIT.roles, nurse))

    report = compare(OLD, now(files={CH4: record(CH4)}), toolkit)

    assert (report.roles_affected, report.roles_affected_full) == (
        ("carer",),
        ("carer", "looked-after-nurse"),
    )
