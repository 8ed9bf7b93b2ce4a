"""`cse-toolkit audit` and `history`: a chapter republished in several ways (text edited in
one section, a page inserted so later sections move, a section removed, a new PDF, a file
deleted, identical bytes under a new modification time), each report asserted exactly;
audit never touches the index; `sections --suggest` fixes a config whose headings moved."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from pipeline.engine.index import VOCABULARY, open_searcher, stored_pages
from pipeline.engine.store import IndexStore
from tests.conftest import SAMPLE_CONFIG, SAMPLE_PDFS, Place
from tests.helpers import (
    CH4_OWNERS,
    NEW_SENTENCE,
    NO_CHANGE_REPORT,
    OLD_SENTENCE,
    chapter4_with_inserted_page,
    edited_chapter4,
    write_chapter,
)
from tools.pdfgen import Block, PageSpec, write_pdf
from tools.sample_text import CHAPTERS, Chapter

CH4 = "chapter-4-health-services.pdf"
CH4_DATA = next(c for c in CHAPTERS if c.number == 4)
CH4_SECTIONS = [s.id for s in CH4_DATA.sections]
INTRO4 = "chapter-4-introduction"
# Role owning each chapter 4 section in the sample config.
OWNER = {
    "school-nurses": "school-nurse",
    "gynaecology": "gynaecology",
    "midwifery": "midwife",
    "health-visitors": "health-visitor",
    "sexual-health": "sexual-health",
    "camhs": "camhs",
    "accident-and-emergency": "a-and-e",
    "paramedics": "paramedic",
    "pharmacies": "pharmacist",
    "general-practice": "gp",
}
STARTS = {s.id: s.start for s in CH4_DATA.sections}


# --------------------------------------------------------------------------- republished chapter 4
def paramedics_removed() -> Chapter:
    """The Paramedics page and heading dropped: Pharmacies and General Practice move back."""
    sections = []
    shift = 0
    for section in CH4_DATA.sections:
        if section.id == "paramedics":
            shift = -1
            continue
        sections.append(dataclasses.replace(section, start=section.start + shift))
    return dataclasses.replace(CH4_DATA, sections=tuple(sections), last_page=CH4_DATA.last_page - 1)


@pytest.fixture(scope="module")
def republished(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """The bytes of each republished chapter 4, generated once."""
    root = tmp_path_factory.mktemp("republished")
    out = {}
    for name, chapter in (
        ("edited", edited_chapter4()),
        ("inserted", chapter4_with_inserted_page()),
        ("removed", paramedics_removed()),
    ):
        write_chapter(chapter, root / f"{name}.pdf")
        out[name] = (root / f"{name}.pdf").read_bytes()
    # The generator reproduces the shipped chapter byte for byte, so the edits are the only change.
    write_chapter(CH4_DATA, root / "same.pdf")
    assert (root / "same.pdf").read_bytes() == (SAMPLE_PDFS / CH4).read_bytes()
    return out


# --------------------------------------------------------------------------- helpers
class Sample(Place):
    """A writable copy of the sample toolkit, ingested into its own index."""

    def audit_json(self, expected: int) -> dict[str, Any]:
        """`audit --json`'s report; `expected` is its one right exit code (0 no changes,
        1 changes, 3 a PDF that could not be read)."""
        result = self.run("audit", "--json")
        assert result.exit_code == expected, result.output
        return json.loads(result.stdout)  # type: ignore[no-any-return]

    def history(self) -> list[dict[str, Any]]:
        result = self.run("history", "--json")
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)

    def snapshot(self) -> dict[str, Any]:
        """Everything an ingest would publish: `current`, generations, manifest, history."""
        store = IndexStore(self.index)
        current = store.current()
        assert current is not None
        return {
            "current": str((self.index / "current").readlink()),
            "generations": sorted(p.name for p in self.index.glob("gen-*")),
            "manifest": (current / "manifest.json").read_bytes(),
            "search": sorted(
                (p.relative_to(current).as_posix(), p.read_bytes()) for p in current.rglob("*") if p.is_file()
            ),
            "history": store.history_path.read_bytes(),
        }


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample ingested once per module; tests get copies (ingesting each time is slow)."""
    root = tmp_path_factory.mktemp("template")
    shutil.copytree(SAMPLE_PDFS, root / "pdfs")
    shutil.copy(SAMPLE_CONFIG, root / "toolkit.yaml")
    result = Sample(root / "toolkit.yaml", root / "pdfs", root / "index").run("ingest")
    assert result.exit_code == 0, result.output
    return root


@pytest.fixture
def sample(template: Path, tmp_path: Path) -> Sample:
    """A writable copy of the ingested sample (PDFs, config, index with its `current` link)."""
    root = tmp_path / "sample"
    shutil.copytree(template, root, symlinks=True)  # keeps modification times and the link
    found = Sample(root / "toolkit.yaml", root / "pdfs", root / "index")
    assert IndexStore(found.index).current() == found.index / "gen-000001"
    return found


def statuses(report: dict[str, Any]) -> dict[str, str]:
    return {s["id"]: s["status"] for s in report["sections"]}


def section(report: dict[str, Any], section_id: str) -> dict[str, Any]:
    found = [s for s in report["sections"] if s["id"] == section_id]
    assert len(found) == 1, section_id
    return found[0]


def assert_sections_have_spec_keys(report: dict[str, Any]) -> None:
    keys = {"id", "status", "configured_start", "found_start", "added_lines", "removed_lines"}
    for entry in report["sections"]:
        assert keys <= set(entry), entry


# --------------------------------------------------------------------------- 1. text edited in one section
def test_text_edited_in_one_section(sample: Sample, republished: dict[str, bytes]) -> None:
    (sample.pdfs / CH4).write_bytes(republished["edited"])

    report = sample.audit_json(1)

    assert report["added_files"] == []
    assert report["removed_files"] == []
    assert report["changed_files"] == [CH4]
    assert_sections_have_spec_keys(report)
    assert statuses(report) == {
        INTRO4: "unchanged",
        **{s: "unchanged" for s in CH4_SECTIONS},
        "pharmacies": "changed",
    }
    assert [s["id"] for s in report["sections"]] == [INTRO4, *CH4_SECTIONS]  # toolkit order
    pharmacies = section(report, "pharmacies")
    assert pharmacies["added_lines"] >= 1 and pharmacies["removed_lines"] >= 1
    assert (pharmacies["configured_start"], pharmacies["found_start"]) == (74, 74)
    for entry in report["sections"]:
        if entry["id"] not in (INTRO4, "pharmacies"):
            assert entry["configured_start"] == entry["found_start"] == STARTS[entry["id"]], entry
            assert (entry["added_lines"], entry["removed_lines"]) == (0, 0), entry
    assert report["roles_affected"] == ["pharmacist"]
    assert report["config_changed"] is False
    assert report["unreadable_files"] == {}


def test_full_packs_holding_a_changed_page_are_stale(sample: Sample, republished: dict[str, bytes]) -> None:
    """Only the pharmacist's own pack holds p. 74, but every health role's `--full` pack
    holds the whole of chapter 4, so each of them is stale too."""
    (sample.pdfs / CH4).write_bytes(republished["edited"])

    report = sample.audit_json(1)

    assert report["roles_affected_full"] == sorted(OWNER.values())


def test_audit_text_lists_stale_full_packs(sample: Sample, republished: dict[str, bytes]) -> None:
    (sample.pdfs / CH4).write_bytes(republished["edited"])

    result = sample.run("audit")

    assert (
        f"Packs built with --full now stale: {', '.join(sorted(OWNER.values()))}"
        in result.stdout.splitlines()
    )


def test_a_change_to_an_essential_section_makes_every_pack_stale(
    sample: Sample, republished: dict[str, bytes], tmp_path: Path
) -> None:
    """Chapter 2's "Making a referral" is in the pack of every role whose audience marks it
    essential (every professional audience in the sample); parents and young people, who do
    not read chapter 2, have packs it is not in."""
    chapter2 = next(c for c in CHAPTERS if c.number == 2)
    referral = next(s for s in chapter2.sections if s.id == "making-a-referral")
    first_page = (f"{referral.pages[0][0]} (republished)", *referral.pages[0][1:])
    edited = dataclasses.replace(
        chapter2,
        sections=tuple(
            dataclasses.replace(s, pages=(first_page, *s.pages[1:])) if s is referral else s
            for s in chapter2.sections
        ),
    )
    write_chapter(edited, sample.pdfs / chapter2.file)

    report = sample.audit_json(1)

    config = yaml.safe_load(sample.config.read_text(encoding="utf-8"))
    readers = {a["id"] for a in config["audiences"] if "making-a-referral" in a.get("essential", [])}
    roles = [r["id"] for r in config["roles"] if r["audience"] in readers]
    assert {"parent", "young-person"}.isdisjoint(roles)
    assert report["roles_affected"] == sorted(roles)


def test_diff_shows_the_changed_line(sample: Sample, republished: dict[str, bytes]) -> None:
    (sample.pdfs / CH4).write_bytes(republished["edited"])

    result = sample.run("audit", "--diff")

    assert result.exit_code == 1, result.output
    lines = [line.strip() for line in result.stdout.splitlines()]
    assert f"Files changed: {CH4}" in lines
    assert any(line.startswith(f"-{OLD_SENTENCE}") for line in lines), result.stdout
    assert any(line.startswith(f"+{NEW_SENTENCE}") for line in lines), result.stdout
    assert "Packs now stale: pharmacist" in lines
    changed = next(line for line in lines if line.startswith("pharmacies "))
    assert "changed" in changed
    # Without --diff the lines are not shown.
    plain = sample.run("audit")
    assert plain.exit_code == 1
    assert NEW_SENTENCE not in plain.stdout


# --------------------------------------------------------------------------- 2. a page inserted
def test_page_inserted_moves_later_sections(sample: Sample, republished: dict[str, bytes]) -> None:
    (sample.pdfs / CH4).write_bytes(republished["inserted"])

    report = sample.audit_json(1)

    assert (report["added_files"], report["removed_files"], report["changed_files"]) == ([], [], [CH4])
    assert_sections_have_spec_keys(report)
    moved = CH4_SECTIONS[1:]  # gynaecology onwards
    assert moved[0] == "gynaecology"
    # School Nurses gained the inserted page (and, by the config, loses its old p58).
    assert statuses(report) == {
        INTRO4: "unchanged",
        "school-nurses": "changed",
        **{s: "moved" for s in moved},
    }
    for section_id in moved:
        entry = section(report, section_id)
        start = STARTS[section_id]
        assert (entry["configured_start"], entry["found_start"]) == (start, start + 1), section_id
    assert (
        section(report, "pharmacies")["configured_start"],
        section(report, "pharmacies")["found_start"],
    ) == (
        74,
        75,
    )
    nurses = section(report, "school-nurses")
    assert (nurses["configured_start"], nurses["found_start"]) == (56, 56)
    assert nurses["added_lines"] >= 1
    assert report["roles_affected"] == sorted(OWNER.values())


def test_page_inserted_text_report_says_where_headings_are_now(
    sample: Sample, republished: dict[str, bytes]
) -> None:
    (sample.pdfs / CH4).write_bytes(republished["inserted"])
    result = sample.run("audit")
    assert result.exit_code == 1, result.output
    lines = [" ".join(line.split()) for line in result.stdout.splitlines()]
    assert "pharmacies moved: heading no longer on p. 74; now on p. 75 (set start: 75)" in lines
    assert "gynaecology moved: heading no longer on p. 59; now on p. 60 (set start: 60)" in lines
    assert any("--suggest" in line for line in lines)


# --------------------------------------------------------------------------- 3. a section removed
def test_section_removed_is_missing_and_later_sections_move(
    sample: Sample, republished: dict[str, bytes]
) -> None:
    (sample.pdfs / CH4).write_bytes(republished["removed"])

    report = sample.audit_json(1)

    assert (report["added_files"], report["removed_files"], report["changed_files"]) == ([], [], [CH4])
    assert_sections_have_spec_keys(report)
    expected = {INTRO4: "unchanged", **{s: "unchanged" for s in CH4_SECTIONS}}
    expected.update({"paramedics": "missing", "pharmacies": "moved", "general-practice": "moved"})
    assert statuses(report) == expected
    paramedics = section(report, "paramedics")
    assert (paramedics["configured_start"], paramedics["found_start"]) == (73, None)
    pharmacies = section(report, "pharmacies")
    assert (pharmacies["configured_start"], pharmacies["found_start"]) == (74, 73)
    practice = section(report, "general-practice")
    assert (practice["configured_start"], practice["found_start"]) == (75, 74)
    assert report["roles_affected"] == ["gp", "paramedic", "pharmacist"]


# --------------------------------------------------------------------------- 4. a new chapter PDF
def test_new_pdf_is_added(sample: Sample) -> None:
    write_pdf(
        sample.pdfs / "chapter-10-new-guidance.pdf",
        [
            PageSpec(
                blocks=(Block("heading", "New guidance"), Block("para", "Published later.")),
                footer="Page 129",
            )
        ],
    )

    report = sample.audit_json(1)

    assert report["added_files"] == ["chapter-10-new-guidance.pdf"]
    assert (report["removed_files"], report["changed_files"], report["sections"]) == ([], [], [])
    assert report["roles_affected"] == []
    text = sample.run("audit")
    assert text.exit_code == 1
    assert "Files added: chapter-10-new-guidance.pdf" in text.stdout


# --------------------------------------------------------------------------- 5. a file deleted
def test_uncatalogued_file_deleted_is_removed(sample_copy: tuple[Path, Path], tmp_path: Path) -> None:
    pdfs, config = sample_copy
    leaflet = pdfs / "leaflet.pdf"
    write_pdf(leaflet, [PageSpec(blocks=(Block("para", "A leaflet for parents."),), footer="Page 1")])
    sample = Sample(config, pdfs, tmp_path / "index")
    assert sample.run("ingest").exit_code == 0
    leaflet.unlink()

    report = sample.audit_json(1)

    assert report["removed_files"] == ["leaflet.pdf"]
    assert (report["added_files"], report["changed_files"], report["sections"]) == ([], [], [])
    assert report["roles_affected"] == []  # an uncatalogued document is in no role's pack
    assert report["unreadable_files"] == {}
    assert "Files removed: leaflet.pdf" in sample.run("audit").stdout


@pytest.fixture
def with_sectionless_roles(sample_copy: tuple[Path, Path], tmp_path: Path) -> Sample:
    """The sample plus a health role and a social-care role that own no section (their
    packs are their audience's must-read chapters), ingested."""
    pdfs, config = sample_copy
    data = yaml.safe_load(config.read_text(encoding="utf-8"))
    data["roles"] += [
        {"id": "health-lead", "title": "Health Safeguarding Lead", "audience": "health"},
        {"id": "social-care-lead", "title": "Social Care Lead", "audience": "social-care"},
    ]
    config.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    sample = Sample(config, pdfs, tmp_path / "index")
    result = sample.run("ingest")
    assert result.exit_code == 0, result.output
    return sample


def test_chapter_file_deleted_is_removed(with_sectionless_roles: Sample) -> None:
    sample = with_sectionless_roles
    (sample.pdfs / CH4).unlink()

    report = sample.audit_json(1)  # a change, like any other: the file is gone

    assert report["removed_files"] == [CH4]
    assert (report["added_files"], report["changed_files"]) == ([], [])


def test_chapter_file_deleted_marks_readers_stale(with_sectionless_roles: Sample) -> None:
    """A deleted chapter takes its sections with it: every role owning one of them is stale,
    and so is a role owning no section whose audience must read that chapter (health-lead
    reads 1, 2, 4; social-care-lead reads 1, 2, 5, so it is not)."""
    sample = with_sectionless_roles
    (sample.pdfs / CH4).unlink()

    report = sample.audit_json(1)

    assert report["removed_files"] == [CH4]
    assert report["roles_affected"] == sorted(["health-lead", *CH4_OWNERS])


def test_chapter_edit_marks_sectionless_readers_stale(
    with_sectionless_roles: Sample, republished: dict[str, bytes]
) -> None:
    sample = with_sectionless_roles
    (sample.pdfs / CH4).write_bytes(republished["edited"])
    report = sample.audit_json(1)
    assert report["roles_affected"] == ["health-lead", "pharmacist"]


# --------------------------------------------------------------------------- 6. identical bytes, new mtime
def test_identical_bytes_under_new_mtime_report_nothing(sample: Sample) -> None:
    path = sample.pdfs / CH4
    replacement = sample.pdfs / ".replacement"
    replacement.write_bytes(path.read_bytes())
    replacement.replace(path)  # a new file (new inode), same bytes
    os.utime(path, (1_900_000_000, 1_900_000_000))
    for other in sample.pdfs.glob("*.pdf"):
        os.utime(other, ns=(other.stat().st_atime_ns, other.stat().st_mtime_ns + 5_000_000_000))

    report = sample.audit_json(0)

    assert report["added_files"] == report["removed_files"] == report["changed_files"] == []
    assert report["sections"] == [] and report["roles_affected"] == []
    text = sample.run("audit")
    assert text.exit_code == 0
    assert "Nothing changed" in text.stdout


# --------------------------------------------------------------------------- 7. no change
def test_no_change_exits_0_saying_so(sample: Sample) -> None:
    result = sample.run("audit")
    assert result.exit_code == 0, result.output
    assert "Nothing changed" in result.stdout
    report = sample.audit_json(0)
    assert report == NO_CHANGE_REPORT
    diff = sample.run("audit", "--diff")
    assert diff.exit_code == 0 and "Nothing changed" in diff.stdout


def test_audit_before_any_ingest_exits_2(sample_copy: tuple[Path, Path], tmp_path: Path) -> None:
    pdfs, config = sample_copy
    sample = Sample(config, pdfs, tmp_path / "index")
    result = sample.run("audit")
    assert result.exit_code == 2, result.output
    assert "cse-toolkit ingest" in result.stderr
    assert "Traceback" not in result.output


# --------------------------------------------------------------------------- audit changes no index
@pytest.mark.parametrize("variant", ["edited", "inserted", "removed", None])
def test_audit_never_changes_the_index(
    sample: Sample, republished: dict[str, bytes], variant: str | None
) -> None:
    if variant is not None:
        (sample.pdfs / CH4).write_bytes(republished[variant])
    (sample.pdfs / "extra.pdf").write_bytes(
        (SAMPLE_PDFS / "chapter-9-children-and-young-people.pdf").read_bytes()
    )
    before = sample.snapshot()

    for args in (("audit",), ("audit", "--json"), ("audit", "--diff")):
        result = sample.run(*args)
        assert result.exit_code == 1, result.output

    assert sample.snapshot() == before


# --------------------------------------------------------------------------- history
def test_history_logs_each_ingest_and_survives_force(sample: Sample, republished: dict[str, bytes]) -> None:
    first = sample.history()
    assert len(first) == 1
    assert sorted(first[0]["added_files"]) == sorted(p.name for p in SAMPLE_PDFS.glob("*.pdf"))
    (sample.pdfs / CH4).write_bytes(republished["edited"])

    result = sample.run("ingest")
    assert result.exit_code == 0, result.output
    entries = sample.history()

    assert len(entries) == 2
    assert entries[0] == first[0]
    second = entries[1]
    assert second["changed_files"] == [CH4]
    assert (second["added_files"], second["removed_files"]) == ([], [])
    assert [(s["id"], s["status"]) for s in second["sections"]] == [("pharmacies", "changed")]
    assert second["sections"][0]["added_lines"] >= 1 and second["sections"][0]["removed_lines"] >= 1
    assert second["roles_affected"] == ["pharmacist"]
    assert second["files"][CH4] == hashlib.sha256(republished["edited"]).hexdigest()
    assert second["files"][CH4] != first[0]["files"][CH4]
    text = sample.run("history")
    assert text.exit_code == 0
    assert f"changed: {CH4}" in text.stdout
    assert "section pharmacies: changed" in text.stdout
    # After that ingest the audit is clean again.
    assert sample.run("audit").exit_code == 0

    raw = IndexStore(sample.index).history_path.read_bytes()
    forced = sample.run("ingest", "--force")
    assert forced.exit_code == 0, forced.output
    after = sample.history()
    assert len(after) == 3
    assert after[:2] == entries
    assert IndexStore(sample.index).history_path.read_bytes().startswith(raw)  # only appended
    assert (after[2]["changed_files"], after[2]["sections"], after[2]["roles_affected"]) == ([], [], [])


def test_history_records_moved_sections(sample: Sample, republished: dict[str, bytes]) -> None:
    """An ingest of a chapter whose headings moved (config not yet fixed) logs them."""
    (sample.pdfs / CH4).write_bytes(republished["removed"])
    result = sample.run("ingest")
    assert result.exit_code == 0, result.output
    last = sample.history()[-1]
    assert [(s["id"], s["status"]) for s in last["sections"]] == [
        ("paramedics", "missing"),
        ("pharmacies", "moved"),
        ("general-practice", "moved"),
    ]
    assert last["roles_affected"] == ["gp", "paramedic", "pharmacist"]


# --------------------------------------------------------------------------- sections --suggest fixes the config
def take_suggested_sections(sample: Sample) -> list[dict[str, Any]]:
    """Do what the audit advises: paste `sections CH4 --suggest` into chapter 4's config."""
    suggested = sample.run("sections", CH4, "--suggest")
    assert suggested.exit_code == 0, suggested.output
    proposal: list[dict[str, Any]] = yaml.safe_load(suggested.stdout)["sections"]
    config = yaml.safe_load(sample.config.read_text(encoding="utf-8"))
    next(c for c in config["chapters"] if c["number"] == 4)["sections"] = proposal
    sample.config.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return proposal


def test_suggested_sections_make_the_next_audit_clean(sample: Sample, republished: dict[str, bytes]) -> None:
    (sample.pdfs / CH4).write_bytes(republished["inserted"])
    before = sample.audit_json(1)
    assert "moved" in statuses(before).values()

    proposal = take_suggested_sections(sample)
    assert [s["id"] for s in proposal] == CH4_SECTIONS  # the configured ids are kept
    assert {s["id"]: s["start"] for s in proposal} == {
        sid: start if sid == "school-nurses" else start + 1 for sid, start in STARTS.items()
    }

    report = sample.audit_json(1)  # the PDF and the config did change since the ingest
    assert report["config_changed"] is True
    assert report["changed_files"] == [CH4]
    assert not {"moved", "missing"} & set(statuses(report).values()), report["sections"]
    sections = [e for e in report["sections"] if e["id"] != INTRO4]  # an introduction has no start key
    assert [e["configured_start"] for e in sections] == [e["found_start"] for e in sections]

    ingested = sample.run("ingest")
    assert ingested.exit_code == 0, ingested.output
    assert "not on printed page" not in ingested.stdout
    clean = sample.run("audit")
    assert clean.exit_code == 0, clean.output
    assert "Nothing changed" in clean.stdout


def test_a_page_printed_under_a_new_number_makes_its_packs_stale(
    sample: Sample, republished: dict[str, bytes], tmp_path: Path
) -> None:
    """The board inserts a page into School Nurses and the manager fixes the config in the
    same go, as the audit advises: Pharmacies' text is the same, but it is now printed on
    p. 75, so the pharmacist's pack (citing p. 74, with the page that says "Page 74") must
    be rebuilt, as `changes --role pharmacist` tells the pharmacist it moved."""
    built = sample.run("pack", "pharmacist", "--out", str(tmp_path / "packs"))
    assert built.exit_code == 0, built.output
    (sample.pdfs / CH4).write_bytes(republished["inserted"])
    take_suggested_sections(sample)

    report = sample.audit_json(1)
    ingested = sample.run("ingest")

    assert report["roles_affected"] == sorted(OWNER.values())
    assert ingested.exit_code == 0, ingested.output
    assert "  packs to rebuild (cse-toolkit pack, or make packs): pharmacist" in ingested.stdout.splitlines()
    assert sample.history()[-1]["stale_packs"] == ["pharmacist"]


def test_audit_says_where_an_unchanged_section_is_printed_now(
    sample: Sample, republished: dict[str, bytes]
) -> None:
    """With the config fixed in the same go, the sections after the inserted page have the
    same text and their headings where configured, but not the pages they had: the audit
    says so, as `changes` will ("moved from p. 74 to p. 75"), rather than a bare
    "unchanged" beside a list of stale packs."""
    (sample.pdfs / CH4).write_bytes(republished["inserted"])
    take_suggested_sections(sample)

    report = sample.audit_json(1)
    text = [" ".join(line.split()) for line in sample.run("audit").stdout.splitlines()]

    assert {s["id"]: s["previous_start"] for s in report["sections"]} == {
        INTRO4: None,
        "school-nurses": None,
        **{sid: STARTS[sid] for sid in CH4_SECTIONS[1:]},
    }
    assert "pharmacies unchanged text, now from p. 75 (was p. 74)" in text
    assert "gynaecology unchanged text, now from p. 60 (was p. 59)" in text
    assert "chapter-4-introduction unchanged" in text


def test_fixing_the_config_after_an_ingest_that_followed_the_headings_changes_nothing(
    sample: Sample, republished: dict[str, bytes], tmp_path: Path
) -> None:
    """Chapter 4 republished and ingested before its config was fixed: the ingest split
    each section where its heading now stands, so the pharmacist's pack built then already
    holds the Pharmacies page, cited as p. 75. Fixing the config afterwards changes no
    section: no edition, no pack to rebuild, only the config reported as changed."""
    (sample.pdfs / CH4).write_bytes(republished["inserted"])
    assert sample.run("ingest").exit_code == 0
    built = sample.run("pack", "pharmacist", "--out", str(tmp_path / "packs"))
    assert built.exit_code == 0, built.output
    markdown = (tmp_path / "packs" / "pharmacist.md").read_text(encoding="utf-8")
    assert "Community pharmacies are easy to reach" in markdown
    assert "Paramedics and ambulance crews" not in markdown
    take_suggested_sections(sample)

    report = sample.audit_json(1)
    ingested = sample.run("ingest")

    assert (report["config_changed"], report["sections"], report["roles_affected"]) == (True, [], [])
    assert ingested.exit_code == 0, ingested.output
    lines = ingested.stdout.splitlines()
    assert "No new edition: the text and files indexed are as they were." in lines
    assert not any(line.startswith("  packs to rebuild") for line in lines), lines
    assert sample.history()[-1]["stale_packs"] == []


def test_audit_counts_the_lines_changes_counts(sample: Sample, republished: dict[str, bytes]) -> None:
    """The inserted page holds one line of text: the audit, the ingest summary, the history
    and `changes` all say one line was added to School Nurses (the blank line that parts
    two pages in a section's text is not a line of the toolkit)."""
    (sample.pdfs / CH4).write_bytes(republished["inserted"])
    take_suggested_sections(sample)

    report = sample.audit_json(1)
    ingested = sample.run("ingest")
    changes = sample.run("changes", "--json", "--since", "1")

    nurses = section(report, "school-nurses")
    assert (nurses["status"], nurses["added_lines"], nurses["removed_lines"]) == ("changed", 1, 0)
    assert "  section school-nurses: changed: 1 line(s) added, 0 removed" in ingested.stdout.splitlines()
    logged = next(s for s in sample.history()[-1]["sections"] if s["id"] == "school-nurses")
    assert (logged["added_lines"], logged["removed_lines"]) == (1, 0)
    told = next(
        s for s in json.loads(changes.stdout)["editions"][0]["sections"] if s["id"] == "school-nurses"
    )
    assert (told["added_lines"], told["removed_lines"]) == (1, 0)


def test_audit_reports_a_config_only_change(sample: Sample) -> None:
    """Bytes unchanged, but the config moved a start page: only the sections it touches
    are reported (a file whose bytes are the same lists no unchanged sections)."""
    config = yaml.safe_load(sample.config.read_text(encoding="utf-8"))
    chapter = next(c for c in config["chapters"] if c["number"] == 4)
    next(s for s in chapter["sections"] if s["id"] == "general-practice")["start"] = 76
    sample.config.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")

    report = sample.audit_json(1)

    assert report["config_changed"] is True
    assert report["changed_files"] == []
    # The heading stands once on p. 75, after Pharmacies': the section is still split
    # there, so Pharmacies' text is as it was; General Practice is reported moved.
    assert statuses(report) == {"general-practice": "moved"}
    practice = section(report, "general-practice")
    assert (practice["configured_start"], practice["found_start"]) == (76, 75)
    assert report["roles_affected"] == ["gp"]


def test_ingest_summary_says_what_changed_since_the_previous_ingest(
    sample: Sample, republished: dict[str, bytes], tmp_path: Path
) -> None:
    """Stale packs are only those built and still on disk: the pharmacist's and the
    school nurse's --full (which holds all of chapter 4); the midwife's own pack does not
    hold p. 74, and the GP's pack was deleted."""
    for args in (("pharmacist",), ("school-nurse", "--full"), ("midwife",), ("gp",)):
        built = sample.run("pack", *args, "--out", str(tmp_path / "packs" / "-".join(args)))
        assert built.exit_code == 0, built.output
    shutil.rmtree(tmp_path / "packs" / "gp")
    (sample.pdfs / CH4).write_bytes(republished["edited"])

    result = sample.run("ingest")

    assert result.exit_code == 0, result.output
    assert "Since the previous ingest:" in result.stdout
    assert f"changed: {CH4}" in result.stdout
    assert "section pharmacies: changed: " in result.stdout
    assert "section midwifery" not in result.stdout  # unchanged sections are not listed
    assert "  packs to rebuild (cse-toolkit pack, or make packs): pharmacist, school-nurse --full" in (
        result.stdout.splitlines()
    )
    assert sample.history()[-1]["stale_packs"] == ["pharmacist", "school-nurse --full"]
    assert "packs stale: pharmacist, school-nurse --full" in sample.run("history").stdout
    again = sample.run("ingest")
    assert "Nothing changed since the last ingest" in again.stdout


def test_no_pack_is_called_stale_when_none_was_built(sample: Sample, republished: dict[str, bytes]) -> None:
    """The first ingest, and a republished chapter with no pack built: nothing is stale."""
    assert sample.history()[0]["stale_packs"] == []
    (sample.pdfs / CH4).write_bytes(republished["edited"])
    result = sample.run("ingest")
    assert result.exit_code == 0, result.output
    assert "packs to rebuild" not in result.stdout
    assert sample.history()[-1]["stale_packs"] == []
    assert "packs stale" not in sample.run("history").stdout


def _answers(sample: Sample, queries: list[str]) -> list[list[tuple[str, str, int]]]:
    answers = []
    for query in queries:
        result = sample.text_search(query, "--json", "--limit", "20")
        answers.append(  # the pages that match, not those listed as more of a section
            [
                (r["section"], r["page"], r["pdf_page"])
                for r in json.loads(result.stdout)["results"]
                if not r["read_on"]
            ]
        )
    return answers


def test_republished_chapter_replaces_only_its_pages_and_answers_like_a_rebuild(
    sample: Sample, republished: dict[str, bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    """One changed chapter: its pages are replaced in a copy of the previous index (a full
    rebuild is refused here to prove it), and searches answer as after a full rebuild."""
    (sample.pdfs / CH4).write_bytes(republished["inserted"])

    def no_full_rebuild(*args: object) -> int:
        raise AssertionError("the whole index was rebuilt for one changed chapter")

    with monkeypatch.context() as patch:
        patch.setattr("pipeline.ingest.runner.write_index", no_full_rebuild)
        result = sample.run("ingest")
    assert result.exit_code == 0, result.output
    queries = ["pharmacies", "zymurgy", "midwife", "grooming", "A&E", "looked after children", "taxi"]
    updated = _answers(sample, queries)
    # The Pharmacies heading moved to PDF page 21 (printed 75): the section is split
    # there, though the config still says p. 74.
    assert ("pharmacies", "75", 21) in updated[0]
    assert updated[1] == [("school-nurses", "58", 4)]  # the inserted page
    assert sample.run("ingest", "--force").exit_code == 0
    rebuilt = _answers(sample, queries)
    # The same pages answer, and the best three in the same order. Further down, scores may
    # differ in the last digits: deleted pages still count in the copied segment's length
    # statistics until Whoosh merges it.
    for after_update, after_rebuild in zip(updated, rebuilt, strict=True):
        assert sorted(after_update) == sorted(after_rebuild)
        assert after_update[:3] == after_rebuild[:3]


def test_republished_chapter_links_the_previous_segments_instead_of_copying_them(
    sample: Sample, republished: dict[str, bytes]
) -> None:
    """The new generation shares the unchanged segment files with the previous one (hard
    links, not copies), and the previous generation is left byte for byte as it was, so a
    search still reading it during the swap is unaffected."""
    store = IndexStore(sample.index)
    previous = store.search_dir()
    assert previous is not None
    before = {p.name: (p.stat().st_ino, p.read_bytes()) for p in previous.iterdir() if p.suffix == ".seg"}
    (sample.pdfs / CH4).write_bytes(republished["edited"])

    assert sample.run("ingest").exit_code == 0
    now = store.search_dir()
    assert now is not None and now != previous
    shared = {p.name for p in now.iterdir() if p.suffix == ".seg"} & set(before)
    assert shared, "no segment of the previous generation was reused"
    for name in shared:
        assert (now / name).stat().st_ino == before[name][0]  # the same file, linked
    assert {
        p.name: (p.stat().st_ino, p.read_bytes()) for p in previous.iterdir() if p.suffix == ".seg"
    } == before


def test_republished_chapter_keeps_one_spelling_vocabulary_document_per_file(
    sample: Sample, republished: dict[str, bytes]
) -> None:
    """The spelling vocabulary is one document per file, deleted and written with that
    file's pages, so a republished chapter's re-ingest writes only that chapter's words
    (not every word of the toolkit again) and leaves no second copy of its old ones."""
    (sample.pdfs / CH4).write_bytes(republished["edited"])

    assert sample.run("ingest").exit_code == 0
    search_dir = IndexStore(sample.index).search_dir()
    vocabularies = sorted(str(d["file"]) for d in open_searcher(search_dir).documents(kind=VOCABULARY))
    assert vocabularies == sorted({str(page["file"]) for page in stored_pages(search_dir)})
