"""A republished chapter ingested before its config is updated (the normal case with
`ingest --watch`): a heading that moved off its configured start page, found once and
in the config's order, is where its section starts; search, packs, audit and `changes`
tell the same story. Where the heading is ambiguous or out of order, the configured
pages are kept, as before."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result

from pipeline.config import ChapterSpec, SectionSpec
from pipeline.ingest.extract import extract_pdf
from pipeline.ingest.pages import number_pages
from pipeline.ingest.sections import Split, split_chapter
from tests.conftest import SAMPLE_CONFIG, SAMPLE_PDFS, Place
from tests.helpers import chapter4_with_inserted_page, write_chapter
from tools.pdfgen import Block, PageSpec, write_pdf

CH4 = "chapter-4-health-services.pdf"
PHARMACIES_TEXT = "Community pharmacies are easy to reach"
PARAMEDICS_TEXT = "Paramedics and ambulance crews"
PHARMACIES_KEY = "chapters[3].sections[8].start: 74 -> 75"
BODY = (
    "Young people may disclose in many ways.",
    "Record what was said in their own words.",
    "Share concerns with the safeguarding lead the same day.",
    "Check whether a plan is already in place.",
)


class Sample(Place):
    """A writable copy of the sample toolkit with its own index."""

    def ok(self, *args: str) -> Result:
        result = self.run(*args)
        assert result.exit_code == 0, result.output
        return result

    def pharmacies(self) -> dict[str, Any]:
        """The pharmacist's first hit for "pharmacies"."""
        result, payload = self.search("pharmacies", "--role", "pharmacist")
        assert result.exit_code == 0, result.output
        return payload["results"][0]  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def first(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample ingested once, as shipped."""
    root = tmp_path_factory.mktemp("followed")
    shutil.copytree(SAMPLE_PDFS, root / "pdfs")
    shutil.copy(SAMPLE_CONFIG, root / "toolkit.yaml")
    Sample.under(root).ok("ingest")
    return root


@pytest.fixture
def sample(first: Path, tmp_path: Path) -> Sample:
    root = tmp_path / "sample"
    shutil.copytree(first, root, symlinks=True)
    return Sample.under(root)


@pytest.fixture(scope="module")
def republished(first: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """Chapter 4 republished with a page inserted in School Nurses and ingested with the
    config unchanged (Pharmacies still configured at p. 74); with that ingest's output.
    Read-only."""
    root = tmp_path_factory.mktemp("republished") / "sample"
    shutil.copytree(first, root, symlinks=True)
    write_chapter(chapter4_with_inserted_page(), root / "pdfs" / CH4)
    result = Sample.under(root).ok("ingest")
    return root, result.stdout


@pytest.fixture
def after(republished: tuple[Path, str]) -> Sample:
    return Sample.under(republished[0])


# --------------------------------------------------------------------------- the sample republished
def test_the_pharmacist_finds_the_pharmacies_page_where_it_is_printed_now(after: Sample) -> None:
    hit = after.pharmacies()
    assert (hit["section"], hit["page"], hit["pdf_page"], hit["file"]) == ("pharmacies", "75", 21, CH4)
    assert hit["snippet"].startswith(f"Pharmacies\n{PHARMACIES_TEXT}")
    assert PARAMEDICS_TEXT not in hit["snippet"]


def test_the_page_printed_74_is_paramedics_not_pharmacies(after: Sample) -> None:
    result, payload = after.search(f'"{PARAMEDICS_TEXT}"')
    assert result.exit_code == 0, result.output
    assert [(r["section"], r["page"]) for r in payload["results"]] == [("paramedics", "74")]
    result, payload = after.search(f'"{PHARMACIES_TEXT}"')
    assert result.exit_code == 0, result.output
    assert [(r["section"], r["page"]) for r in payload["results"]] == [("pharmacies", "75")]


def test_the_ingest_warns_with_the_key_to_update_and_both_pages(republished: tuple[Path, str]) -> None:
    lines = [line.strip() for line in republished[1].splitlines()]
    assert (
        f"- {CH4}: heading 'Pharmacies' (section pharmacies) is not on printed page 74 but on page 75; "
        f"the section is indexed from there, where its heading stands. Update the config: {PHARMACIES_KEY}"
    ) in lines
    assert "  section school-nurses: changed: 1 line(s) added, 0 removed" in republished[1].splitlines()


def test_changes_says_pharmacies_moved_and_the_search_agrees(after: Sample) -> None:
    told = json.loads(after.ok("changes", "--role", "pharmacist", "--json").stdout)["editions"][0]
    assert [(s["id"], s["status"], s["from_page"], s["to_page"]) for s in told["sections"]] == [
        ("pharmacies", "moved", "74", "75")
    ]
    assert "Pharmacies: moved from p. 74 to p. 75" in after.ok("changes", "--role", "pharmacist").stdout
    assert after.pharmacies()["page"] == told["sections"][0]["to_page"]


def test_the_audit_after_that_ingest_reports_no_change(after: Sample) -> None:
    result = after.run("audit", "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert (report["changed_files"], report["sections"], report["roles_affected"]) == ([], [], [])
    # Not a change, but the config is still to be updated: the audit says which keys.
    assert report["config_behind"] == [
        f"chapters[3].sections[{n}].start: {start} -> {start + 1}"
        for n, start in enumerate((59, 60, 62, 64, 67, 70, 73, 74, 75), start=1)
    ]
    text = [line.strip() for line in after.run("audit").stdout.splitlines()]
    assert "Nothing changed: the PDFs and the config are as they were ingested." in text
    assert PHARMACIES_KEY in text


def test_the_pharmacist_pack_cites_p75_with_the_pharmacies_text(after: Sample, tmp_path: Path) -> None:
    after.ok("pack", "pharmacist", "--out", str(tmp_path))
    markdown = (tmp_path / "pharmacist.md").read_text(encoding="utf-8")
    assert (
        f"> Source: Chapter 4 (Health Services), Pharmacies, printed page 75 ({CH4}, PDF page 21)" in markdown
    )
    assert PHARMACIES_TEXT in markdown
    assert PARAMEDICS_TEXT not in markdown


def test_the_audit_before_the_ingest_counts_only_the_inserted_line(sample: Sample) -> None:
    """School Nurses gained one line; it does not lose its last page to Gynaecology."""
    write_chapter(chapter4_with_inserted_page(), sample.pdfs / CH4)
    result = sample.run("audit", "--json")
    assert result.exit_code == 1, result.output
    sections = {s["id"]: s for s in json.loads(result.stdout)["sections"]}
    nurses = sections["school-nurses"]
    assert (nurses["status"], nurses["added_lines"], nurses["removed_lines"]) == ("changed", 1, 0)
    pharmacies = sections["pharmacies"]
    assert (pharmacies["status"], pharmacies["configured_start"], pharmacies["found_start"]) == (
        "moved",
        74,
        75,
    )


# --------------------------------------------------------------------------- where the config is kept
def _split(tmp_path: Path, pages: list[tuple[str, ...]], sections: tuple[SectionSpec, ...]) -> Split:
    """A small real PDF, a page per entry (printed 1, 2, ...): its headings, then a line of
    text; a "+" before a heading puts that line of text above it. Split by `sections`."""
    path = tmp_path / "ch.pdf"
    write_pdf(
        path,
        [
            PageSpec(
                blocks=_blocks(heads, BODY[n - 1]),
                footer=f"Page {n}",
            )
            for n, heads in enumerate(pages, start=1)
        ],
    )
    pdf = extract_pdf(path, "ch.pdf")
    return split_chapter(
        ChapterSpec(4, "Health", "ch.pdf", None, sections), pdf, number_pages(pdf), "chapters[0]"
    )


def _blocks(heads: tuple[str, ...], text: str) -> tuple[Block, ...]:
    if any(h.startswith("+") for h in heads):
        return (Block("para", text), *(Block("heading", h.lstrip("+")) for h in heads))
    return (*(Block("heading", h) for h in heads), Block("para", text))


def _starts(split: Split) -> dict[str, str]:
    return {s.id: s.first_page for s in split.sections}


def test_a_heading_found_twice_keeps_the_configured_page(tmp_path: Path) -> None:
    split = _split(
        tmp_path,
        [("Alpha",), (), ("Beta",), ("+Beta",)],
        (SectionSpec("alpha", "Alpha", 1), SectionSpec("beta", "Beta", 2)),
    )
    assert _starts(split) == {"alpha": "1", "beta": "2"}
    assert [s.followed for s in split.sections] == [False, False]
    assert split.warnings == (
        "ch.pdf: heading 'Beta' (section beta) is not on printed page 2 but on page 3; "
        "check chapters[0].sections[1].start",
    )


def test_headings_found_against_the_configs_order_keep_the_configured_pages(tmp_path: Path) -> None:
    """The config puts Gamma (p. 2) before Beta (p. 3, where its heading is), the PDF prints
    Gamma's heading after Beta's: following it would contradict the config's order."""
    split = _split(
        tmp_path,
        [("Alpha",), (), ("Beta",), ("Gamma",)],
        (SectionSpec("alpha", "Alpha", 1), SectionSpec("gamma", "Gamma", 2), SectionSpec("beta", "Beta", 3)),
    )
    assert _starts(split) == {"alpha": "1", "gamma": "2", "beta": "3"}
    assert [s.followed for s in split.sections] == [False, False, False]
    assert split.warnings == (
        "ch.pdf: heading 'Gamma' (section gamma) is not on printed page 2 but on page 4; "
        "check chapters[0].sections[1].start",
    )


def test_a_heading_found_once_in_order_is_followed(tmp_path: Path) -> None:
    split = _split(
        tmp_path,
        [("Alpha",), (), ("Beta",), ("Gamma",)],
        (SectionSpec("alpha", "Alpha", 1), SectionSpec("beta", "Beta", 2), SectionSpec("gamma", "Gamma", 4)),
    )
    assert _starts(split) == {"alpha": "1", "beta": "3", "gamma": "4"}
    assert [s.followed for s in split.sections] == [False, True, False]
    assert [u.section for u in split.pages if u.page == "2"] == ["alpha"]
    assert split.warnings == (
        "ch.pdf: heading 'Beta' (section beta) is not on printed page 2 but on page 3; the section is "
        "indexed from there, where its heading stands. Update the config: chapters[0].sections[1].start: 2 -> 3",
    )


def test_an_end_before_a_followed_heading_is_set_aside_naming_its_key(tmp_path: Path) -> None:
    """Beta configured at p. 2 to p. 2, its heading now on p. 3: it starts there and runs to
    Gamma, and the warning names the stale `end` too."""
    split = _split(
        tmp_path,
        [("Alpha",), (), ("Beta",), ("Gamma",)],
        (
            SectionSpec("alpha", "Alpha", 1),
            SectionSpec("beta", "Beta", 2, end=2),
            SectionSpec("gamma", "Gamma", 4),
        ),
    )
    assert {s.id: (s.first_page, s.last_page) for s in split.sections} == {
        "alpha": ("1", "2"),
        "beta": ("3", "3"),
        "gamma": ("4", "4"),
    }
    assert split.warnings[-1] == (
        "ch.pdf: section beta ends at printed page 2, before its heading on p. 3; it runs to the "
        "next section. Update the config: chapters[0].sections[1].end"
    )
