"""Filters never hide results silently (issue 14, item 3): what --role, --audience and
--chapter left out is counted, with the option to drop to see it."""

from __future__ import annotations

import json
from collections.abc import Callable

from click.testing import Result

Search = Callable[..., Result]


def test_a_result_outside_the_roles_reading_is_counted(cse_search: Search) -> None:
    result = cse_search("pre-birth", "--role", "pharmacist")
    assert result.exit_code == 1, result.output
    assert result.stdout == (
        "No results for 'pre-birth' for pharmacist.\n"
        "1 result outside what Pharmacies reads; drop --role to see it.\n"
    )


def test_the_hidden_result_is_there_without_the_role(cse_search: Search) -> None:
    result = cse_search("pre-birth", "--json")
    assert result.exit_code == 0, result.output
    matched = [h["section"] for h in json.loads(result.stdout)["results"] if not h["read_on"]]
    assert matched == ["midwifery"]


def test_a_chapter_the_role_does_not_read_says_so(cse_search: Search) -> None:
    result = cse_search("consent", "--chapter", "3", "--role", "pharmacist")
    assert result.exit_code == 1, result.output
    assert result.stdout == (
        "No results for 'consent' for pharmacist.\n"
        "Chapter 3 is not in what Pharmacies reads (chapters 1, 2, 4, 8, 9).\n"
        "3 results outside what Pharmacies reads; drop --role to see them.\n"
        "6 results outside chapter 3; drop --chapter to see them.\n"
        "4 results outside both chapter 3 and what Pharmacies reads; drop --chapter and --role to see them.\n"
    )


def test_results_only_both_filters_hide_are_counted(cse_search: Search) -> None:
    result = cse_search("pre-birth", "--chapter", "3", "--role", "pharmacist")
    assert result.exit_code == 1, result.output
    assert result.stdout == (
        "No results for 'pre-birth' for pharmacist.\n"
        "Chapter 3 is not in what Pharmacies reads (chapters 1, 2, 4, 8, 9).\n"
        "1 result outside both chapter 3 and what Pharmacies reads; drop --chapter and --role to see it.\n"
    )


def test_a_chapter_that_does_not_exist_is_a_usage_error(cse_search: Search) -> None:
    result = cse_search("consent", "--chapter", "42")
    assert result.exit_code == 2, result.output
    assert (
        result.stderr == "error: no chapter 42 in the toolkit; its chapters are 1, 2, 3, 4, 5, 6, 7, 8, 9\n"
    )


def test_results_beside_the_shown_ones_are_counted_too(cse_search: Search) -> None:
    result = cse_search("consent", "--audience", "social-care", "--limit", "1")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[:2] == [
        "7 results for 'consent' for the social-care audience (showing 1)",
        "6 more outside what Social Care (Early Help and Prevention; Safeguarding and Children's Services) reads; drop --audience to see them.",
    ]


def test_json_counts_what_the_filters_left_out(cse_search: Search) -> None:
    result = cse_search("consent", "--chapter", "3", "--role", "pharmacist", "--json")
    assert result.exit_code == 1, result.output
    assert json.loads(result.stdout)["outside"] == {"scope": 3, "chapter": 6, "both": 4}


def test_json_outside_is_null_without_filters(cse_search: Search) -> None:
    result = cse_search("consent", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["outside"] is None
