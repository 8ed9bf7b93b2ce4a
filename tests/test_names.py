"""Role and audience names as people type them (issue 14, item 2): titles and plurals,
the nearest roles suggested, a word of an audience's name read as that audience, and said so."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from tests.conftest import SAMPLE_CONFIG, SAMPLE_PDFS, Place

Search = Callable[..., Result]


def role_of(result: Result) -> str | None:
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)["role"]


@pytest.mark.parametrize(
    ("typed", "role"),
    [
        ("school nurse", "school-nurse"),
        ("School Nurses", "school-nurse"),
        ("SCHOOL-NURSE", "school-nurse"),
        ("pharmacists", "pharmacist"),
        ("Pharmacies", "pharmacist"),
        ("midwives", "midwife"),
        ("GPs", "gp"),
        ("a&e", "a-and-e"),
        ("Accident and Emergency", "a-and-e"),
        ("foster carers", "foster-carer"),
        # the words of a name run together, as typed in a hurry or on a phone
        ("fostercarer", "foster-carer"),
        ("schoolnurses", "school-nurse"),
        ("Healthvisitor", "health-visitor"),
        ("Children\u2019s Homes", "residential-care"),
        # the readers the board points at the full toolkit (issue 23, item 3)
        ("teacher", "teacher"),
        ("police", "police"),
        ("designated safeguarding lead", "designated-safeguarding-lead"),
        ("DSL", "designated-safeguarding-lead"),
        ("taxi licensing", "taxi-licensing"),
        ("hotel", "hotel-staff"),
        ("hotel manager", "hotel-staff"),
        ("parent", "parent"),
    ],
)
def test_titles_plurals_and_case_name_the_role_quietly(cse_search: Search, typed: str, role: str) -> None:
    result = cse_search("consent", "--role", typed, "--json")
    assert (role_of(result), result.stderr) == (role, "")


def test_nurse_suggests_the_nearest_roles(cse_search: Search) -> None:
    result = cse_search("consent", "--role", "nurse")
    assert result.exit_code == 2, result.output
    assert result.stderr == (
        "error: unknown role 'nurse'; did you mean school-nurse or health-visitor? "
        "(`cse-toolkit roles` lists them all)\n"
    )


def test_a_misspelt_role_with_one_near_match_is_taken_and_said(cse_search: Search) -> None:
    result = cse_search("consent", "--role", "pharmasist", "--json")
    assert role_of(result) == "pharmacist"
    assert result.stderr == "note: taking 'pharmasist' as the role pharmacist (Pharmacies)\n"


def test_a_word_of_one_role_names_it_and_says_so(cse_search: Search) -> None:
    result = cse_search("consent", "--role", "doctor", "--json")
    assert role_of(result) == "gp"
    assert result.stderr == "note: taking 'doctor' as the role gp (General Practice Doctors and Staff)\n"


def test_social_worker_is_read_as_the_social_care_audience(cse_search: Search) -> None:
    result = cse_search("consent", "--role", "social worker")
    assert result.exit_code == 0, result.output
    assert result.stderr == (
        "note: no role is called 'social worker'; taking it as the audience social-care, "
        "which reads chapters 1, 2, 5, 8, 9\n"
    )
    assert result.stdout.splitlines()[0].startswith("7 results for 'consent' for the social-care audience")


def test_social_worker_sees_only_social_care_chapters(cse_search: Search) -> None:
    result = cse_search("the", "--role", "social worker", "--json", "--limit", "1000")
    assert result.exit_code == 0, result.output
    assert {h["chapter"] for h in json.loads(result.stdout)["results"]} == {1, 2, 5, 8, 9}


def test_an_audience_title_given_as_a_role_is_that_audience(cse_search: Search) -> None:
    result = cse_search("consent", "--role", "Social Care", "--json")
    assert role_of(result) is None
    assert result.stderr == "note: 'Social Care' is an audience, not a role: showing what social-care reads\n"


@pytest.mark.parametrize("typed", ["Social Care", "social care", "SOCIAL-CARE"])
def test_audience_by_its_short_title(cse_search: Search, typed: str) -> None:
    result = cse_search("the", "--audience", typed, "--json", "--limit", "1000")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert {h["chapter"] for h in json.loads(result.stdout)["results"]} == {1, 2, 5, 8, 9}


def test_audience_by_a_word_of_its_name_says_so(cse_search: Search) -> None:
    result = cse_search("consent", "--audience", "health workers")
    assert result.exit_code == 0, result.output
    assert result.stderr == "note: taking 'health workers' as the audience health\n"


def test_unknown_audience_suggests_the_nearest(cse_search: Search) -> None:
    result = cse_search("consent", "--audience", "socal")
    assert result.exit_code == 2, result.output
    assert result.stderr == (
        "error: unknown audience 'socal'; did you mean social-care? (`cse-toolkit roles` lists them all)\n"
    )


def test_role_and_audience_that_disagree_are_refused(cse_search: Search) -> None:
    result = cse_search("consent", "--role", "pharmacist", "--audience", "social care")
    assert result.exit_code == 2, result.output
    assert result.stderr == (
        "error: the role pharmacist belongs to the audience health, not social-care: "
        "give --role or --audience, not both\n"
    )


def test_role_and_its_own_audience_search_as_the_role(cse_search: Search) -> None:
    result = cse_search("consent", "--role", "pharmacist", "--audience", "health", "--json")
    assert (role_of(result), result.stderr) == ("pharmacist", "")


def test_pack_suggests_the_nearest_roles(tmp_path: Path) -> None:
    result = Place(SAMPLE_CONFIG, SAMPLE_PDFS, tmp_path / "index").run("pack", "nurses")
    assert result.exit_code == 2, result.output
    assert result.stderr == (
        "error: unknown role 'nurses'; did you mean school-nurse or health-visitor? "
        "(`cse-toolkit roles` lists them all)\n"
    )


def test_a_short_word_is_never_read_as_a_misspelt_role(cse_search: Search) -> None:
    """'door' is two letters from 'doctor': door staff were once given a GP's reading.
    A short word is taken only as it is, so an unknown one is asked back."""
    result = cse_search("consent", "--role", "door supervisor")
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("error: unknown role 'door supervisor'")


def test_door_staff_are_the_licensed_premises_role(cse_search: Search) -> None:
    result = cse_search("consent", "--role", "door staff", "--json")
    assert role_of(result) == "licensed-premises"
    assert result.stderr == ""
