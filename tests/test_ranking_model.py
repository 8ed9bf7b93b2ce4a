"""The ranking model (pipeline/engine/scoring.py) on PDFs made here, each built so that only
the behaviour under test can put the right page first: stop words that still count,
punctuation that matters, a lay word weighted below the word typed, contents pages below
the pages they list, and section titles from outlines, headings and running headers for
PDFs no config describes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Place, make_place
from tools.pdfgen import Block, PageSpec, write_pdf

FILLER = "Ordinary guidance about routine matters for every service in the area."


def para(*texts: str) -> PageSpec:
    return PageSpec(blocks=tuple(Block("para", t) for t in texts))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Uncatalogued PDFs (chapters: []) ingested once: (config, index)."""
    root = tmp_path_factory.mktemp("model")
    pdfs = root / "pdfs"
    write_pdf(
        pdfs / "who-phrase.pdf", [para(FILLER, "Who can I talk to? Talk to a school nurse or a teacher.")]
    )
    write_pdf(
        pdfs / "who-talk.pdf",
        [
            para(
                FILLER,
                "Talking therapies: talk sessions, talk groups and talk plans; a talk is offered weekly.",
            )
        ],
    )
    write_pdf(pdfs / "dot-call.pdf", [para(FILLER, "Use .Call to pass objects to compiled code.")])
    write_pdf(
        pdfs / "call.pdf",
        [para(FILLER, "Call the duty team. A call back is arranged; every call is logged.")],
    )
    write_pdf(pdfs / "lay-exact.pdf", [para(FILLER, "The young person arrived at the party drunk.")])
    write_pdf(
        pdfs / "lay-synonym.pdf", [para(FILLER, "The young person arrived at the party after drinking.")]
    )
    contents = [
        f"Zither {topic} . . . . . . . . . . 2"
        for topic in ("tuning", "strings", "care", "cases", "lessons", "history")
    ]
    write_pdf(
        pdfs / "zither.pdf",
        [
            para("Contents", *contents),
            para("Zither tuning, strings and care: tune each string of the zither before lessons.", FILLER),
        ],
    )
    write_pdf(
        pdfs / "outlined.pdf",
        [para(FILLER), para("Download the archive and unpack it into a folder of your own."), para(FILLER)],
        bookmarks=[(0, "Introduction", 0), (1, "Installing the software", 0)],
    )
    write_pdf(
        pdfs / "headed.pdf",
        [
            PageSpec(
                blocks=(
                    Block("para", FILLER),
                    Block("heading", "Emergency contraception"),
                    Block("para", FILLER),
                )
            ),
            para("A pharmacist can supply it without a prescription after a short consultation."),
        ],
    )
    write_pdf(
        pdfs / "running.pdf",
        [
            PageSpec(
                blocks=(Block("para", f"Notes on {topic}."), Block("para", FILLER)),
                header="Quokka field handbook",
            )
            for topic in ("feeding", "burrows", "weather", "tracking")
        ],
    )
    write_pdf(
        pdfs / "keeping.pdf",
        [
            para(FILLER),
            para("Keep records accurate and secure. Record when a child is missing from care.", FILLER),
            para(FILLER),
        ],
        bookmarks=[(0, "Introduction", 0), (1, "Recording and record keeping", 0), (2, "Annex", 0)],
    )
    write_pdf(
        pdfs / "missing.pdf",
        [
            para(
                FILLER,
                "Going out at night, a teenager who keeps away from home and is missing school needs help.",
            )
        ],
    )
    place = make_place(root, "chapters: []\n")
    result = place.ingest()
    assert result.exit_code == 0, result.output
    return place


def first(corpus: Place, query: str) -> dict[str, Any]:
    result, found = corpus.search(query)
    assert result.exit_code == 0, result.output
    return found["results"][0]  # type: ignore[no-any-return]


def test_stop_words_count_for_proximity_so_a_question_is_not_one_word(corpus: Place) -> None:
    """ "who can I talk to" is about the page that says so, not the one that says "talk" most."""
    assert first(corpus, "who can I talk to")["file"] == "who-phrase.pdf"


def test_a_title_match_on_an_everyday_word_does_not_win(corpus: Place) -> None:
    """ "keeps" in a section title ("record keeping") is worth little: the page about the
    words that carry the query ("going missing") comes first."""
    assert first(corpus, "my daughter keeps going missing")["file"] == "missing.pdf"


def test_punctuation_typed_in_the_query_counts(corpus: Place) -> None:
    assert first(corpus, ".Call")["file"] == "dot-call.pdf"


def test_the_word_typed_ranks_above_its_lay_synonym(corpus: Place) -> None:
    assert first(corpus, "drunk at the party")["file"] == "lay-exact.pdf"


def test_a_lay_synonym_finds_a_page_without_the_word_typed(corpus: Place) -> None:
    assert first(corpus, "drinking")["file"] == "lay-synonym.pdf"


def test_a_contents_page_ranks_below_the_page_it_lists(corpus: Place) -> None:
    assert first(corpus, "zither tuning")["pdf_page"] == 2


def test_an_uncatalogued_hit_cites_its_section_from_the_outline(corpus: Place) -> None:
    assert first(corpus, "unpack the archive")["section_title"] == "Installing the software"


def test_an_uncatalogued_hit_cites_its_section_from_a_heading(corpus: Place) -> None:
    """No outline: the larger type of a heading names the section, on the pages after it too."""
    assert first(corpus, "prescription consultation")["section_title"] == "Emergency contraception"


def test_running_header_words_still_find_their_pages(corpus: Place) -> None:
    """The header is kept out of the page text, but its words say what the pages are about."""
    assert first(corpus, "quokka")["file"] == "running.pdf"


def test_a_section_lifts_its_pages_only_among_pages_that_answer() -> None:
    """A page gains a share of its section's best score, as a prior: it passes a page of
    another section that answers as well, never one that holds clearly more of the
    question."""
    from pipeline.engine.scoring import _with_section, evidence_first

    answers = {
        1: (1.0, 0.0, 1.0, 1.0),
        2: (0.5, 0.0, 1.0, 0.6),
        3: (0.55, 0.0, 1.0, 0.6),
        4: (0.55, 0.0, 0.4, 0.1),
    }
    sections = {1: "a", 2: "a", 3: "b", 4: "a"}
    lifted = evidence_first(_with_section(answers, sections.get, 0.2), margin=0.3)
    assert lifted[2].score == pytest.approx(0.7) and lifted[2].score > lifted[3].score
    assert lifted[1].score == pytest.approx(1.2)
    assert lifted[4].score < lifted[3].score  # holds far less of the question than page 3
