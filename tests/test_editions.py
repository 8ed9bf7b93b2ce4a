"""Editions (SPEC, "Editions and amendments"): an ingest that changes what is indexed makes
a numbered, dated edition in the history; `cse-toolkit changes` tells each profession what
changed for them; search results carry the date of the edition their section last changed
in. Republishing chapter 4 with a page inserted into School Nurses is the case the issue
names: that section "changed" with its line, every later section "moved" a page, nothing
else listed. All through the real CLI on a real index."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pypdf
import pytest
from click.testing import Result

from pipeline.engine.store import IndexStore
from pipeline.ingest.history import read_history
from tests.conftest import SAMPLE_CONFIG, SAMPLE_PDFS, Place
from tests.helpers import (
    CH4_OWNERS,
    chapter4_with_inserted_page,
    republish_chapter4,
    tree_state,
    write_chapter,
)
from tools.sample_text import CHAPTERS

CH4 = "chapter-4-health-services.pdf"
CH4_DATA = next(c for c in CHAPTERS if c.number == 4)
STARTS = {s.id: s.start for s in CH4_DATA.sections}
MOVED = [s.id for s in CH4_DATA.sections][1:]  # gynaecology onwards: one page later
INSERTED_LINE = "An inserted page of sample text about zymurgy."


class Sample(Place):
    """A writable copy of the sample toolkit with its own index."""

    def changes(self, *args: str) -> dict[str, Any]:
        result = self.run("changes", "--json", *args)
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)  # type: ignore[no-any-return]

    def found(self, *args: str) -> dict[str, Any]:
        result, payload = self.search(*args)
        assert result.exit_code == 0, result.output
        return payload

    def republish(self, dated: bool = True) -> Result:
        """Chapter 4 with a page inserted in School Nurses, dated by the config's `edition:`."""
        if dated:
            republish_chapter4(self.pdfs, self.config)
        else:
            write_chapter(chapter4_with_inserted_page(), self.pdfs / CH4)
        result = self.run("ingest")
        assert result.exit_code == 0, result.output
        return result


@pytest.fixture(scope="module")
def first(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample ingested once (edition 1); tests work on copies."""
    root = tmp_path_factory.mktemp("editions")
    shutil.copytree(SAMPLE_PDFS, root / "pdfs")
    shutil.copy(SAMPLE_CONFIG, root / "toolkit.yaml")
    result = Sample.under(root).run("ingest")
    assert result.exit_code == 0, result.output
    return root


@pytest.fixture(scope="module")
def second(first: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Edition 1, then chapter 4 republished with a page inserted (edition 2). Read-only."""
    root = tmp_path_factory.mktemp("republished") / "sample"
    shutil.copytree(first, root, symlinks=True)
    Sample.under(root).republish()
    return root


@pytest.fixture
def sample(first: Path, tmp_path: Path) -> Sample:
    root = tmp_path / "sample"
    shutil.copytree(first, root, symlinks=True)  # keeps modification times and `current`
    return Sample.under(root)


@pytest.fixture
def republished(second: Path, tmp_path: Path) -> Sample:
    root = tmp_path / "sample"
    shutil.copytree(second, root, symlinks=True)
    return Sample.under(root)


def sections(edition: dict[str, Any]) -> dict[str, tuple[Any, ...]]:
    return {
        s["id"]: (s["status"], s["from_page"], s["to_page"], s["added_lines"], s["removed_lines"])
        for s in edition["sections"]
    }


# --------------------------------------------------------------------------- the first edition
def test_first_ingest_is_edition_one_with_everything_added(sample: Sample) -> None:
    data = sample.changes()
    assert [e["number"] for e in data["editions"]] == [1]
    edition = data["editions"][0]
    assert edition["initial"] is True
    assert edition["files"]["added"] == sorted(p.name for p in SAMPLE_PDFS.glob("*.pdf"))
    assert {s["status"] for s in edition["sections"]} == {"added"}
    assert ("pharmacies", 4, "added", None, "74") in {
        (s["id"], s["chapter"], s["status"], s["from_page"], s["to_page"]) for s in edition["sections"]
    }
    assert data["latest"] == {"number": 1, "date": edition["date"]}


def test_the_ingest_and_its_edition_count_the_same_sections_in_the_same_words(tmp_path: Path) -> None:
    shutil.copytree(SAMPLE_PDFS, tmp_path / "pdfs")
    shutil.copy(SAMPLE_CONFIG, tmp_path / "toolkit.yaml")
    result = Sample.under(tmp_path).run("ingest")
    assert result.exit_code == 0, result.output
    sections = sum(len(c.sections) for c in CHAPTERS)
    assert f"Indexed {len(CHAPTERS)} chapters, {sections} sections, " in result.output
    assert f"The first edition indexed: {len(CHAPTERS)} chapters, {sections} sections." in result.output


def test_an_ingest_that_changes_nothing_makes_no_edition(sample: Sample) -> None:
    before = sample.changes()
    for args in (("ingest",), ("ingest", "--force")):
        result = sample.run(*args)
        assert result.exit_code == 0, result.output
        assert sample.changes() == before
    assert "No new edition" in result.stdout


# --------------------------------------------------------------------------- a page inserted
def test_page_inserted_makes_edition_two_changed_then_moved(republished: Sample) -> None:
    data = republished.changes("--diff")
    assert [e["number"] for e in data["editions"]] == [2, 1]
    edition = data["editions"][0]
    assert (edition["date"], edition["note"]) == (
        "2026-12-06",
        "Chapter 4 republished with a new page for school nurses",
    )
    assert edition["files"] == {"added": [], "replaced": [CH4], "removed": []}
    assert sections(edition) == {
        "school-nurses": ("changed", "56", "56", 1, 0),
        **{s: ("moved", str(STARTS[s]), str(STARTS[s] + 1), 0, 0) for s in MOVED},
    }
    nurses = next(s for s in edition["sections"] if s["id"] == "school-nurses")
    assert nurses["diff"] == [f"+{INSERTED_LINE}"]
    assert edition["roles_affected"] == CH4_OWNERS


def test_page_inserted_in_text(republished: Sample) -> None:
    result = republished.run("changes", "--diff")
    assert result.exit_code == 0, result.output
    lines = [line.strip() for line in result.stdout.splitlines()]
    assert "Edition 2, 6 December 2026: Chapter 4 republished with a new page for school nurses" in lines
    assert f"Files replaced: {CH4}" in lines
    assert "School Nurses (p. 56): changed, 1 line added" in lines
    assert f"+{INSERTED_LINE}" in lines
    assert "Pharmacies: moved from p. 74 to p. 75" in lines
    assert "Gynaecology: moved from p. 59 to p. 60" in lines
    assert lines.index(
        "Edition 2, 6 December 2026: Chapter 4 republished with a new page for school nurses"
    ) < (next(i for i, line in enumerate(lines) if line.startswith("Edition 1, ")))
    assert "Midwifery" not in republished.run("changes").stdout.split("Edition 1")[1]


def test_pharmacist_is_told_pharmacies_moved_and_not_midwifery(republished: Sample) -> None:
    for name in ("pharmacist", "Pharmacies", "chemist"):
        data = republished.changes("--role", name)
        assert data["role"] == "pharmacist"
        edition = data["editions"][0]
        assert edition["number"] == 2
        assert sections(edition) == {"pharmacies": ("moved", "74", "75", 0, 0)}
        assert edition["files"]["replaced"] == [CH4]
    text = republished.run("changes", "--role", "pharmacist")
    assert "Pharmacies: moved from p. 74 to p. 75" in text.stdout
    assert "Midwifery" not in text.stdout and "School Nurses" not in text.stdout


def test_foster_carer_is_told_nothing_about_chapter_4(republished: Sample) -> None:
    """Foster carers read chapters 1, 2 and 5 (and 8, 9): edition 2 holds nothing for them."""
    data = republished.changes("--role", "foster carer")
    assert data["role"] == "foster-carer"
    assert [e["number"] for e in data["editions"]] == [1]
    assert {s["chapter"] for s in data["editions"][0]["sections"]} == {1, 2, 5, 8, 9}
    assert CH4 not in data["editions"][0]["files"]["added"]
    assert "Health Services" not in republished.run("changes", "--role", "foster-carer").stdout


def test_school_nurse_is_told_their_section_changed_with_the_line(republished: Sample) -> None:
    data = republished.changes("--role", "school nurse", "--since", "1", "--diff")
    assert [e["number"] for e in data["editions"]] == [2]
    assert [(s["id"], s["status"], s["diff"]) for s in data["editions"][0]["sections"]] == [
        ("school-nurses", "changed", [f"+{INSERTED_LINE}"])
    ]


def test_an_audience_name_filters_by_the_audience(republished: Sample) -> None:
    result = republished.run("changes", "--json", "--role", "social care")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (data["role"], data["audience"]) == (None, "social-care")
    assert [e["number"] for e in data["editions"]] == [1]
    assert "audience" in result.stderr  # the note saying how the name was read


def test_a_roles_audience_is_named_as_the_search_names_it(republished: Sample) -> None:
    data = republished.changes("--role", "pharmacist")
    searched = republished.found("pharmacies", "--role", "pharmacist")
    assert (data["role"], data["audience"]) == ("pharmacist", "health")
    assert data["audience"] == searched["audience"]


def test_search_hit_in_the_changed_section_carries_the_new_editions_date(republished: Sample) -> None:
    first_date = republished.changes()["editions"][1]["date"]
    hit = republished.found("zymurgy")["results"][0]
    assert (hit["section"], hit["page"], hit["edition"], hit["edition_number"]) == (
        "school-nurses",
        "58",
        "2026-12-06",
        2,
    )
    # A section that only moved keeps the date its text last changed.
    pharmacies = republished.found("pharmacies", "--role", "pharmacist")["results"][0]
    assert (pharmacies["section"], pharmacies["edition"], pharmacies["edition_number"]) == (
        "pharmacies",
        first_date,
        1,
    )
    text = republished.text_search("zymurgy")
    assert "changed in edition 2 of 6 December 2026" in text.stdout  # two editions may share a day


def test_editions_survive_force_and_generation_swaps(republished: Sample) -> None:
    before = republished.changes("--diff")
    generation = IndexStore(republished.index).current()
    result = republished.run("ingest", "--force")
    assert result.exit_code == 0, result.output
    assert IndexStore(republished.index).current() != generation
    assert republished.changes("--diff") == before
    assert republished.found("zymurgy")["results"][0]["edition"] == "2026-12-06"


def test_the_next_edition_is_three_and_the_same_config_date_is_not_reused(republished: Sample) -> None:
    """The config still says 6 December 2026 and its note: those date edition 2, so edition
    3 is dated by its ingest, and the ingest says why."""
    (republished.pdfs / CH4).write_bytes((SAMPLE_PDFS / CH4).read_bytes())
    result = republished.run("ingest")
    assert result.exit_code == 0, result.output
    assert "the config's `edition:` (6 December 2026, " in result.stdout
    data = republished.changes()
    third = data["editions"][0]
    assert third["number"] == 3
    assert (
        third["note"] is None
        and third["date"] == read_history(republished.index / "history.jsonl")[-1].at[:10]
    )
    assert sections(third) == {
        "school-nurses": ("changed", "56", "56", 0, 1),
        **{s: ("moved", str(STARTS[s] + 1), str(STARTS[s]), 0, 0) for s in MOVED},
    }


# --------------------------------------------------------------------------- --since and bad input
def test_since_a_number_or_a_date(republished: Sample) -> None:
    assert [e["number"] for e in republished.changes("--since", "1")["editions"]] == [2]
    assert [e["number"] for e in republished.changes("--since", "0")["editions"]] == [2, 1]
    assert [e["number"] for e in republished.changes("--since", "2")["editions"]] == []
    dated = {e["number"]: e["date"] for e in republished.changes()["editions"]}
    for day in sorted(set(dated.values())):
        expected = [n for n in (2, 1) if dated[n] >= day]
        assert [e["number"] for e in republished.changes("--since", day)["editions"]] == expected
    nothing = republished.run("changes", "--since", "2")
    assert nothing.exit_code == 0
    assert "No edition in what was asked for" in nothing.stdout


@pytest.mark.parametrize(
    ("since", "message"),
    [
        ("3", "--since 3: there is no edition 3 yet; the latest is edition 2"),
        ("2999-01-01", "--since 2999-01-01: that date is in the future"),
        ("last week", "--since 'last week': give a date as YYYY-MM-DD"),
        ("2026-02-30", "--since '2026-02-30': give a date as YYYY-MM-DD"),
        ("6/12/2026", "--since '6/12/2026': give a date as YYYY-MM-DD"),
    ],
)
def test_since_in_the_future_or_malformed_is_a_usage_error(
    republished: Sample, since: str, message: str
) -> None:
    result = republished.run("changes", "--since", since)
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_unknown_role_is_a_usage_error_listing_the_roles(republished: Sample) -> None:
    result = republished.run("changes", "--role", "plumber")
    assert result.exit_code == 2, result.output
    assert "unknown role 'plumber'. Valid roles: school-nurse (School Nurses)" in result.stderr
    assert "Traceback" not in result.output


def test_a_damaged_history_entry_is_reported_and_the_others_listed(republished: Sample) -> None:
    history = republished.index / "history.jsonl"
    lines = history.read_bytes().splitlines()
    assert len(lines) == 2
    history.write_bytes(lines[0][:-40] + b"\n" + lines[1] + b"\n")  # edition 1's line cut short

    result = republished.run("changes", "--json")

    assert result.exit_code == 0, result.output
    assert [e["number"] for e in json.loads(result.stdout)["editions"]] == [2]
    assert f"{history} is damaged (1 damaged line: 1)" in result.stderr


def test_a_damaged_last_entry_is_logged_again_and_never_makes_a_number_twice(republished: Sample) -> None:
    """Edition 2's line damaged: the next ingest logs it again from the generation it
    published, and numbers its own edition 3."""
    history = republished.index / "history.jsonl"
    lines = history.read_bytes().splitlines()
    history.write_bytes(lines[0] + b"\n" + lines[1][:-40] + b"\n")  # edition 2's line damaged
    (republished.pdfs / CH4).write_bytes((SAMPLE_PDFS / CH4).read_bytes())

    assert republished.run("ingest").exit_code == 0

    assert [e["number"] for e in republished.changes()["editions"]] == [3, 2, 1]


def test_an_edition_whose_files_are_gone_is_still_listed(republished: Sample) -> None:
    """Chapter 4 removed: edition 3 says so; with the cached copies and the old
    generations gone as well, every edition is still listed whole."""
    (republished.pdfs / CH4).unlink()
    config = republished.config.read_text(encoding="utf-8")
    republished.config.write_text(_without_chapter_4(config), encoding="utf-8")
    result = republished.run("ingest")
    assert result.exit_code == 0, result.output
    before = republished.changes("--diff")
    third = before["editions"][0]
    assert third["files"] == {"added": [], "replaced": [], "removed": [CH4]}
    assert {s["status"] for s in third["sections"]} == {"removed"}
    assert ("pharmacies", "75") in {(s["id"], s["from_page"]) for s in third["sections"]}

    shutil.rmtree(republished.index / "cache")
    current = IndexStore(republished.index).current()
    for generation in republished.index.glob("gen-*"):
        if generation != current:
            shutil.rmtree(generation)

    assert republished.changes("--diff") == before
    text = republished.run("changes", "--role", "pharmacist")
    assert "Pharmacies (was p. 75): removed" in text.stdout


def _without_chapter_4(config: str) -> str:
    """The sample config without chapter 4, its sections and the roles owning them."""
    import yaml

    data = yaml.safe_load(config)
    data["chapters"] = [c for c in data["chapters"] if c["number"] != 4]
    for role in data["roles"]:
        role["sections"] = [s for s in role.get("sections", []) if s not in {x.id for x in CH4_DATA.sections}]
    for audience in data["audiences"]:
        for key in ("read", "helpful"):
            audience[key] = [n for n in audience.get(key, []) if n != 4]
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


def test_two_ingests_at_once_make_one_edition(republished: Sample) -> None:
    before = republished.changes()
    (republished.pdfs / CH4).write_bytes((SAMPLE_PDFS / CH4).read_bytes())
    with IndexStore(republished.index).lock(wait=False):
        busy = republished.run("ingest")
    assert busy.exit_code == 2, busy.output
    assert "another ingest is running" in busy.stderr
    assert republished.changes() == before
    assert republished.run("ingest").exit_code == 0
    assert [e["number"] for e in republished.changes()["editions"]] == [3, 2, 1]


def test_an_ingest_stopped_before_publishing_leaves_the_old_editions(
    republished: Sample, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = (republished.index / "history.jsonl").read_bytes()
    (republished.pdfs / CH4).write_bytes((SAMPLE_PDFS / CH4).read_bytes())

    def stopped(self: object, generation: Path) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(IndexStore, "publish", stopped)
    assert republished.run("ingest").exit_code == 130
    monkeypatch.undo()

    assert (republished.index / "history.jsonl").read_bytes() == before
    assert [e["number"] for e in republished.changes()["editions"]] == [2, 1]


def test_an_ingest_stopped_after_publishing_shows_its_whole_edition_once(
    republished: Sample, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Published but not yet logged: `changes` already lists the new edition (from the
    generation), and the next ingest logs it exactly once."""
    (republished.pdfs / CH4).write_bytes((SAMPLE_PDFS / CH4).read_bytes())

    def stopped(path: Path, generation: Path | None) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("pipeline.ingest.runner.log_published", _stop_after_first(stopped))
    assert republished.run("ingest").exit_code == 130
    monkeypatch.undo()

    assert len(read_history(republished.index / "history.jsonl")) == 2
    third = republished.changes("--diff")
    assert [e["number"] for e in third["editions"]] == [3, 2, 1]
    assert republished.run("ingest").exit_code == 0
    assert len(read_history(republished.index / "history.jsonl")) == 3
    assert republished.changes("--diff") == third


def _stop_after_first(stop: Any) -> Any:
    """log_published is called at the start of the ingest (for an earlier stopped one) and
    after publishing: let the first call through, stop at the second."""
    from pipeline.ingest.history import log_published

    calls = []

    def once(path: Path, generation: Path | None) -> None:
        calls.append(generation)
        if len(calls) == 1:
            log_published(path, generation)
        else:
            stop(path, generation)

    return once


def test_an_old_history_without_editions_still_loads(sample: Sample) -> None:
    """A log written before editions: `history` and `changes` read it, and the next
    ingest that changes something makes edition 1."""
    history = sample.index / "history.jsonl"
    entry = json.loads(history.read_text(encoding="utf-8"))
    del entry["edition"], entry["stale_packs"]
    history.write_text(json.dumps(entry) + "\n", encoding="utf-8")
    (sample.index / "current" / "editions.json").unlink()
    (sample.index / "current" / "history-entry.json").unlink()

    assert sample.run("history").exit_code == 0
    result = sample.run("changes")
    assert result.exit_code == 0, result.output
    assert "No editions recorded yet" in result.stdout
    found = sample.found("pharmacies")["results"][0]
    assert (found["edition"], found["edition_number"]) == (None, None)

    sample.republish(dated=False)
    data = sample.changes()
    assert [(e["number"], e["initial"]) for e in data["editions"]] == [(1, False)]
    assert "school-nurses" in sections(data["editions"][0])


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (
            "{date: 6/12/2026}",
            "edition.date (line {n}): expected a date written YYYY-MM-DD (e.g. 2026-12-06), got '6/12/2026'",
        ),
        ("{date: 2026-12-06 10:30:00}", "edition.date (line {n}): expected a date written YYYY-MM-DD"),
        ("{when: 2026-12-06}", "edition.when (line {n}): unknown key (allowed: date, note)"),
        ("{}", "edition (line {n}): give its date (YYYY-MM-DD), a note, or both"),
        ("December 2026", "edition (line {n}): expected a mapping, got 'December 2026'"),
    ],
)
def test_a_bad_edition_key_is_a_config_error_and_nothing_changes(
    sample: Sample, value: str, message: str
) -> None:
    text = sample.config.read_text(encoding="utf-8")
    line = text.count("\n") + 1
    sample.config.write_text(f"{text}edition: {value}\n", encoding="utf-8")
    before = tree_state(sample.index)
    write_chapter(chapter4_with_inserted_page(), sample.pdfs / CH4)

    result = sample.run("ingest")

    assert result.exit_code == 2, result.output
    assert message.format(n=line) in result.stderr
    assert tree_state(sample.index) == before


# --------------------------------------------------------------------------- packs
def test_the_pack_names_its_edition_and_where_to_check_for_a_newer_one(
    republished: Sample, tmp_path: Path
) -> None:
    every = ("--format", "pdf", "--format", "md", "--format", "html")
    result = republished.run("pack", "pharmacist", "--out", str(tmp_path), *every)
    assert result.exit_code == 0, result.output
    cover = " ".join(pypdf.PdfReader(str(tmp_path / "pharmacist.pdf")).pages[0].extract_text().split())
    assert "Sample edition, not official guidance Toolkit edition 2, 6 December 2026" in cover
    assert "Check you have the current edition: https://www.example.org/cse-toolkit" in cover
    markdown = (tmp_path / "pharmacist.md").read_text(encoding="utf-8")
    assert "\n**Toolkit edition 2, 6 December 2026**\n" in markdown
    assert "Check you have the current edition: https://www.example.org/cse-toolkit" in markdown
    page = (tmp_path / "pharmacist.html").read_text(encoding="utf-8")
    assert "<strong>Toolkit edition 2, 6 December 2026</strong>. Check you have the current edition: " in page


def test_without_a_board_website_the_pack_points_to_the_changes_page(
    republished: Sample, tmp_path: Path
) -> None:
    text = republished.config.read_text(encoding="utf-8")
    assert text.count("  website: https://www.example.org/cse-toolkit\n") == 1
    republished.config.write_text(
        text.replace("  website: https://www.example.org/cse-toolkit\n", ""), encoding="utf-8"
    )
    result = republished.run("pack", "pharmacist", "--out", str(tmp_path))
    assert result.exit_code == 0, result.output
    markdown = (tmp_path / "pharmacist.md").read_text(encoding="utf-8")
    assert (
        "Check you have the current edition on the Changes page (/changes) of the toolkit's web search, "
        "or ask your safeguarding lead." in markdown
    )
    cover = " ".join(pypdf.PdfReader(str(tmp_path / "pharmacist.pdf")).pages[0].extract_text().split())
    assert "Toolkit edition 2, 6 December 2026" in cover
    assert "on the Changes page (/changes) of the toolkit's web search" in cover


def test_since_an_edition_the_board_dated_ahead_is_not_the_future(sample: Sample) -> None:
    sample.config.write_text(
        sample.config.read_text(encoding="utf-8") + "edition: {date: 2999-01-01, note: Published ahead}\n",
        encoding="utf-8",
    )
    write_chapter(chapter4_with_inserted_page(), sample.pdfs / CH4)
    assert sample.run("ingest").exit_code == 0
    assert [e["number"] for e in sample.changes("--since", "2999-01-01")["editions"]] == [2]
    later = sample.run("changes", "--since", "2999-01-02")
    assert later.exit_code == 2
    assert "--since 2999-01-02: that date is in the future" in later.stderr
