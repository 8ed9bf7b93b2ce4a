"""Questions as people type them (issue 22): a nurse, a foster carer or a parent asks in
their own words, and the answer says what it searched and what no page holds.

The questions come from the development set in tests/eval/questions.yaml, not from the
issue's examples."""

from __future__ import annotations

from collections.abc import Callable

from click.testing import Result

from tests.conftest import search_answer

Search = Callable[..., Result]


def answer(cse_search: Search, *args: str) -> dict[str, object]:
    return search_answer(cse_search(*args, "--json"))


def test_the_words_no_page_holds_are_named(cse_search: Search) -> None:
    """A foster carer's question with a word the toolkit never uses: the answer says so,
    and still shows the pages for the rest."""
    data = answer(cse_search, "she is vaping outside the takeaway with older boys")
    assert data["unmatched"] == ["vaping"]
    text = cse_search("she is vaping outside the takeaway with older boys").output
    assert "No page mentions: vaping." in text


def test_a_question_with_every_word_found_names_none(cse_search: Search) -> None:
    data = answer(cse_search, "what do I do if my child goes missing", "--role", "parent")
    assert data["unmatched"] == []
    assert data["corrected"] is None


def test_a_misspelt_word_inside_a_question_is_corrected_and_searched(cse_search: Search) -> None:
    """The typo is not dropped: the question is searched with the toolkit's word, and the
    answer says so and offers the words as typed."""
    data = answer(cse_search, "young person trafficed into the country", "--role", "uasc")
    assert data["corrected"] == "young person trafficked into the country"
    assert data["unmatched"] == []
    assert data["results"][0]["section"] == "uasc"  # type: ignore[index]
    text = cse_search("young person trafficed into the country", "--role", "uasc").output
    assert text.startswith(
        "Showing results for 'young person trafficked into the country'; "
        "search instead for 'young person trafficed into the country' with --as-typed.\n"
    )
    typed = answer(cse_search, "young person trafficed into the country", "--role", "uasc", "--as-typed")
    assert (typed["corrected"], typed["unmatched"]) == (None, ["trafficed"])


def test_a_correct_english_word_is_never_replaced(cse_search: Search) -> None:
    """ "smashed" and "morning" are English, though no page says them: not "corrected" into
    a toolkit word, neither searched as one nor suggested."""
    for question, role in [
        ("skipping school", None),  # was "Did you mean: stepping school?"
        ("tipsy underage girls", "licensed-premises"),
        ("my son came home smashed and won't say where he's been", "parent"),
        ("a year 9 girl keeps coming to my drop in for the morning after pill", "school-nurse"),
    ]:
        data = answer(cse_search, question, *(("--role", role) if role else ()))
        assert (data["corrected"], data["suggestion"]) == (None, None), question
