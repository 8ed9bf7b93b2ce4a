"""Search quality that a nurse or social worker notices at once (issue 6's "done means"),
on the sample toolkit; the judged query set in tests/eval/ measures the rest."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from tests.conftest import SAMPLE_CONFIG, make_place
from tools.pdfgen import Block, PageSpec, write_pdf

Search = Callable[..., Result]


def first(cse_search: Search, *args: str) -> dict[str, object]:
    result = cse_search(*args, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)["results"][0]  # type: ignore[no-any-return]


@pytest.mark.parametrize(
    ("queries", "section"),
    [
        (["A&E", "accident and emergency", "emergency department", "a&e"], "accident-and-emergency"),
        (["GP", "general practice", "general practitioner", "GPs"], "general-practice"),
        (["CAMHS", "child and adolescent mental health services"], "camhs"),
        (["LAC", "looked after children", "looked after child"], "looked-after-children"),
        (["UASC", "unaccompanied asylum seeking children"], "uasc"),
        (["CiN", "child in need"], "child-in-need"),
        (["groomed", "grooming", "groomer"], "grooming"),
        (["chemist", "pharmacys", "pharmacies"], "pharmacies"),
        (["children's home", "childrens homes"], "residential-care"),
        (["gynecology"], "gynaecology"),
    ],
)
def test_every_form_puts_its_section_first(cse_search: Search, queries: list[str], section: str) -> None:
    for query in queries:
        assert first(cse_search, query)["section"] == section, query


def test_a_section_title_ranks_above_a_passing_mention(cse_search: Search) -> None:
    results = json.loads(cse_search("pharmacy", "--json").stdout)["results"]
    assert results[0]["section"] == "pharmacies"
    assert any(r["section"] == "camhs" for r in results[1:])  # the passing mention is still found


def test_a_misspelt_word_is_corrected_to_a_real_word_not_a_stem(cse_search: Search) -> None:
    pharmacys = json.loads(cse_search("pharmacys", "--json").stdout)  # found by its stem: kept
    assert (pharmacys["corrected"], pharmacys["results"][0]["section"]) == (None, "pharmacies")
    result = cse_search("safegaurding", "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["corrected"] == "safeguarding"


def test_a_misspelt_word_in_quotes_is_searched_as_typed_with_a_suggestion(cse_search: Search) -> None:
    result = cse_search('"safegaurding"', "--json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert (data["corrected"], data["suggestion"]) == (None, '"safeguarding"')


def test_a_lay_word_no_page_says_finds_its_forms_and_is_not_corrected(cse_search: Search) -> None:
    """A parent types "sexting": the toolkit says "sexual images"; no "Did you mean: setting?"."""
    result = cse_search("sexting", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["suggestion"] is None
    assert data["results"][0]["section"] == "staying-safe-online"


def test_a_page_without_one_of_the_words_still_answers(cse_search: Search) -> None:
    """Soft matching: the Grooming section never says "signs" but answers "grooming signs"."""
    results = json.loads(cse_search("grooming signs", "--json").stdout)["results"]
    assert "grooming" in [r["section"] for r in results[:5]]


def test_words_close_together_rank_above_scattered_ones(tmp_path: Path) -> None:
    filler = " ".join(["Ordinary guidance text about routine matters."] * 6)
    near = f"{filler} Young people can visit the sexual health clinic for advice. {filler}"
    apart = f"Sexual {filler} exploitation can affect the health {filler}"
    pdfs = tmp_path / "pdfs"
    pdfs.mkdir()
    write_pdf(pdfs / "near.pdf", [PageSpec(blocks=(Block("para", near),))])
    write_pdf(pdfs / "apart.pdf", [PageSpec(blocks=(Block("para", apart),))])
    place = make_place(tmp_path, "chapters: []\n")

    assert place.ingest().exit_code == 0
    _, found = place.search("sexual health")
    assert [r["file"] for r in found["results"]] == ["near.pdf", "apart.pdf"]


def test_config_synonyms_extend_the_built_in_ones(cse_search: Search) -> None:
    """The sample config names RISE, the sample Board's specialist team."""
    assert "RISE" in SAMPLE_CONFIG.read_text(encoding="utf-8")
    results = json.loads(cse_search("specialist CSE team", "--json").stdout)["results"]
    assert all("RISE" in r["snippet"] for r in results[:2]), results[:2]  # found by the synonym


def test_an_everyday_word_in_a_title_does_not_pull_its_section_up(cse_search: Search) -> None:
    """ "keeps" shares a word with "Recording and record keeping" and nothing else."""
    results = json.loads(cse_search("my daughter keeps going missing", "--json").stdout)["results"]
    assert "record-keeping" not in [r["section"] for r in results[:5]]


def test_a_parent_s_word_reaches_the_toolkit_s_word(cse_search: Search) -> None:
    """The toolkit never says "daughter"; a worried parent's query finds chapter 8."""
    assert first(cse_search, "worried about my daughter")["section"] == "talking-with-your-child"


def test_the_section_that_answers_brings_its_next_page_up(cse_search: Search) -> None:
    """ "what is CSE": the definition's second page (p3) came third, after a page of the
    screening tool that only uses the abbreviation; the reader's next page is in the
    section that answers."""
    result = cse_search("what is CSE", "--json", "--limit", "3")
    shown = [(hit["section"], hit["page"]) for hit in json.loads(result.stdout)["results"]]
    assert shown == [("what-is-cse", "2"), ("what-is-cse", "3"), ("screening-tool", "19")]
