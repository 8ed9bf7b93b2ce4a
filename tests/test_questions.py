"""Questions as people type them (issue 22): a nurse, a foster carer or a parent asks in
their own words, and the answer says what it searched and what no page holds.

The questions come from the development set in tests/eval/questions.yaml, not from the
issue's examples."""

from __future__ import annotations

import json
from collections.abc import Callable

from click.testing import Result

Search = Callable[..., Result]


def answer(cse_search: Search, *args: str) -> dict[str, object]:
    result = cse_search(*args, "--json")
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)  # type: ignore[no-any-return]


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
