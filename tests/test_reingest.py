"""Re-ingest after one chapter is republished (issue 17): a file whose bytes and build key
are unchanged is not read again; its record in the previous manifest (labels, sections,
warnings, page marks for repeats) is carried over and its pages in the previous index
reused. What the carried record cannot know is read again: a config change, a damaged
record, a file that repeats pages of the republished chapter. Every PDF is real, every
check goes through the CLI."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

from pipeline.engine.english import ENGLISH_NAME, SOURCE_NAME, english, list_is_current, list_source
from pipeline.engine.store import IndexStore
from pipeline.ingest.manifest import load_manifest
from pipeline.ingest.sections import NOT_IN_CONFIG
from tests.conftest import SAMPLE_CONFIG, SAMPLE_PDFS, Place, make_place
from tests.helpers import NEW_SENTENCE, OLD_SENTENCE, edited_chapter4, write_chapter
from tests.shapes import WHOLE, write_whole_toolkit
from tools.pdfgen import Block, PageSpec, write_pdf

CH1 = "chapter-1-understanding-cse.pdf"
CH4 = "chapter-4-health-services.pdf"
EXTRA = "extra/notes.pdf"  # a PDF the config does not name


def _place(root: Path) -> Place:
    return Place(root / "toolkit.yaml", root / "pdfs", root / "index")


@pytest.fixture(scope="module")
def edited(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """Chapter 4 with one sentence of Pharmacies reworded (no page moves)."""
    path = tmp_path_factory.mktemp("edited") / "edited.pdf"
    write_chapter(edited_chapter4(), path)
    return path.read_bytes()


@pytest.fixture(scope="module")
def sample_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample toolkit and one uncatalogued PDF, ingested once."""
    root = tmp_path_factory.mktemp("reingest-sample")
    place = make_place(root, SAMPLE_CONFIG.read_text(encoding="utf-8"))
    shutil.rmtree(place.pdfs)
    shutil.copytree(SAMPLE_PDFS, place.pdfs)
    (place.pdfs / "extra").mkdir()
    write_pdf(place.pdfs / EXTRA, [PageSpec((Block("para", "Sample notes about a wombat sanctuary."),))])
    result = place.run("ingest")
    assert result.exit_code == 0, result.output
    return root


@pytest.fixture
def sample(sample_template: Path, tmp_path: Path) -> Place:
    shutil.copytree(sample_template, tmp_path / "w", symlinks=True)  # keeps times and links
    return _place(tmp_path / "w")


@pytest.fixture(scope="module")
def beside_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample toolkit with the whole toolkit as one uncatalogued PDF beside it (its
    chapter pages are repeats, answered from the chapter files), ingested once."""
    root = tmp_path_factory.mktemp("reingest-beside")
    place = make_place(root, SAMPLE_CONFIG.read_text(encoding="utf-8"))
    shutil.rmtree(place.pdfs)
    shutil.copytree(SAMPLE_PDFS, place.pdfs)
    write_whole_toolkit(place.pdfs / WHOLE)
    result = place.run("ingest")
    assert result.exit_code == 0, result.output
    return root


@pytest.fixture
def beside(beside_template: Path, tmp_path: Path) -> Place:
    shutil.copytree(beside_template, tmp_path / "w", symlinks=True)
    return _place(tmp_path / "w")


def _manifest_path(place: Place) -> Path:
    current = IndexStore(place.index).current()
    assert current is not None
    return current / "manifest.json"


def test_unchanged_files_are_not_read_again(sample: Place, edited: bytes) -> None:
    """Chapter 1's cached text is made unreadable: a re-ingest of chapter 4 alone never
    reads it, so says nothing about it."""
    sha = load_manifest(_manifest_path(sample).parent).files[CH1].sha256  # type: ignore[union-attr]
    (IndexStore(sample.index).cache_dir / f"{sha}.json").write_text("{", encoding="utf-8")
    (sample.pdfs / CH4).write_bytes(edited)

    result = sample.run("ingest")

    assert result.exit_code == 0, result.output
    assert "damaged" not in result.output


def test_republished_chapter_and_the_unchanged_files_answer_from_their_pages(
    sample: Place, edited: bytes
) -> None:
    (sample.pdfs / CH4).write_bytes(edited)
    assert sample.run("ingest").exit_code == 0

    hits = {
        query: next((h["file"], h["page"]) for h in sample.search(f'"{query}"')[1]["results"])
        for query in (NEW_SENTENCE.rstrip("."), "wombat sanctuary", "Models of exploitation")
    }

    assert hits == {
        NEW_SENTENCE.rstrip("."): (CH4, "74"),
        "wombat sanctuary": (EXTRA, "1"),
        "Models of exploitation": (CH1, "7"),
    }


@pytest.mark.parametrize("same_wordfreq", [True, False])
def test_the_english_word_list_is_carried_over_unless_wordfreq_changed(
    sample: Place, edited: bytes, same_wordfreq: bool
) -> None:
    """A republished chapter does not import wordfreq to write its list again (0.1 s of
    every re-ingest): the previous generation's is copied. A marked copy shows which; a
    list made from another wordfreq (an upgrade) is made again."""
    before = IndexStore(sample.index).current()
    assert before is not None
    marked = (before / ENGLISH_NAME).read_bytes() + b"zzmarkerword\t7.00\n"
    (before / ENGLISH_NAME).write_bytes(marked)
    if not same_wordfreq:
        (before / SOURCE_NAME).write_text("an older wordfreq\n", encoding="utf-8")
    (sample.pdfs / CH4).write_bytes(edited)

    assert sample.run("ingest").exit_code == 0

    after = IndexStore(sample.index).current()
    assert after is not None and after != before
    kept = (after / ENGLISH_NAME).read_bytes()
    assert (
        kept == marked,
        b"\nzzmarkerword\t" in kept,
        (after / SOURCE_NAME).read_text() == list_source(),
    ) == (
        same_wordfreq,
        same_wordfreq,
        True,
    )


def test_a_word_list_an_older_version_kept_is_not_searched_and_the_next_ingest_replaces_it(
    sample: Place,
) -> None:
    """An older version kept its list most common first, where this one searches a sorted
    list by halves: searched so, it would miss words. Until the next ingest a search reads
    wordfreq's list itself; that ingest, with no PDF changed, writes a generation whose
    list is this version's."""
    before = IndexStore(sample.index).current()
    assert before is not None
    (before / SOURCE_NAME).write_text("1\nan older version's list\n", encoding="utf-8")
    (before / ENGLISH_NAME).write_bytes(b"\nthe\t7.73\nzebra\t3.40\nhungover\t2.95\n")

    assert not list_is_current(before)
    assert english.__wrapped__(before).zipf("hungover") == 2.95  # read from wordfreq
    assert sample.run("ingest").exit_code == 0
    after = IndexStore(sample.index).current()
    assert after is not None and after != before
    assert list_is_current(after, list_source()) and (after / ENGLISH_NAME).stat().st_size > 500_000


def test_carried_file_keeps_its_warning(sample: Place, edited: bytes) -> None:
    (sample.pdfs / CH4).write_bytes(edited)

    result = sample.run("ingest")

    assert result.exit_code == 0, result.output
    assert f"  - {EXTRA}{NOT_IN_CONFIG}\n" in result.output


def test_config_change_that_moves_a_section_splits_again(sample: Place, edited: bytes) -> None:
    """Grooming is configured to start a page later, under a title printed nowhere (so the
    ingest cannot follow its heading back to p. 4): its first page is the new one, not the
    one recorded by the previous ingest, although chapter 1's bytes are the same."""
    config = yaml.safe_load(sample.config.read_text(encoding="utf-8"))
    grooming = next(s for s in config["chapters"][0]["sections"] if s["id"] == "grooming")
    grooming["start"] = 5
    grooming["title"] = "Grooming Explained"
    sample.config.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    (sample.pdfs / CH4).write_bytes(edited)

    assert sample.run("ingest").exit_code == 0

    manifest = load_manifest(_manifest_path(sample).parent)
    assert manifest is not None
    assert manifest.section("grooming").first_page == "5"  # type: ignore[union-attr]


def test_damaged_page_marks_are_named_and_every_file_read_again(sample: Place, edited: bytes) -> None:
    path = _manifest_path(sample)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["files"][CH1]["marks"] = ["0123456789abcdef"]
    path.write_text(json.dumps(data), encoding="utf-8")
    (sample.pdfs / CH4).write_bytes(edited)

    result = sample.run("ingest")

    assert result.exit_code == 0, result.output
    assert (
        f'{path} is damaged (files["{CH1}"] has 14 pages but 1 page marks); it is ignored: the next '
        "ingest rebuilds the index from the PDFs"
    ) in result.stderr


def test_republished_chapter_frees_its_old_page_in_a_file_that_repeated_it(
    beside: Place, edited: bytes
) -> None:
    """Before, the whole toolkit's copy of printed page 74 repeated chapter 4's and was
    answered from the chapter; once chapter 4 says something else there, the old sentence
    is only in the whole toolkit, and is found there."""
    (beside.pdfs / CH4).write_bytes(edited)

    assert beside.run("ingest").exit_code == 0

    result, data = beside.search(f'"{OLD_SENTENCE.rstrip(".")}"')
    assert result.exit_code == 0, result.output
    assert [h["file"] for h in data["results"]] == [WHOLE]
