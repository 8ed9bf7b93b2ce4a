"""`cse-search` against the sample toolkit's real index: hits, role scope, filters, the JSON
shape, exit codes, query syntax (SPEC, "Commands" and "Role scope")."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result

from pipeline.config import load_config
from pipeline.ingest.extract import extract_pdf
from tests.conftest import SAMPLE_CONFIG, SAMPLE_PDFS, cli_search, exited

Search = Callable[..., Result]
# The keys of `cse-search --json`, in order (SPEC, "Commands").
JSON_KEYS = [
    "query",
    "role",
    "audience",
    "total",
    "suggestion",
    "corrected",
    "unmatched",
    "partial",
    "outside",
    "results",
]
ALL = ("--limit", "1000")  # more than the sample's pages: every hit is listed
RESULT_KEYS = [
    "rank",
    "score",
    "chapter",
    "chapter_title",
    "section",
    "section_title",
    "page",
    "pdf_page",
    "file",
    "snippet",
    "ocr",  # issue 16: true when the page's text was read by OCR
    "edition",  # issue 24: the date of the edition in which the page's section last changed
    "edition_number",  # and its number (two editions can share a date)
    "read_on",  # issue 22: listed as more of the first result's section, not matched itself
]


def as_json(result: Result) -> dict[str, Any]:
    return json.loads(result.stdout)


def hits(cse_search: Search, *args: str) -> list[dict[str, Any]]:
    result = cse_search(*args, "--json", *ALL)
    assert result.exit_code == 0, result.output
    return as_json(result)["results"]


def page_keys(results: list[dict[str, Any]]) -> set[tuple[str, int, str]]:
    """The pages that match (not those listed as more of the first result's section)."""
    return {(h["file"], h["pdf_page"], h["section"]) for h in results if not h["read_on"]}


# --------------------------------------------------------------------------- the first hit
def test_pharmacies_first_hit(cse_search: Search) -> None:
    result = cse_search("pharmacies", "--json")
    assert result.exit_code == 0, result.output
    first = as_json(result)["results"][0]
    assert first["rank"] == 1
    assert (first["chapter"], first["chapter_title"]) == (4, "Health Services")
    assert (first["section"], first["section_title"]) == ("pharmacies", "Pharmacies")
    assert (first["page"], first["pdf_page"], first["file"]) == ("74", 20, "chapter-4-health-services.pdf")


@pytest.mark.parametrize(
    ("options", "role", "audience"),
    [
        ((), None, None),
        (("--role", "hotel"), "hotel-staff", "hospitality"),
        (("--role", "social worker"), None, "social-care"),
        (("--audience", "education"), None, "education"),
        (("--chapter", "4"), None, None),
    ],
)
def test_json_says_whose_reading_was_applied(
    cse_search: Search, options: tuple[str, ...], role: str | None, audience: str | None
) -> None:
    """`audience`: the audience whose reading was applied, also when a role or a loose name
    chose it; null when nothing did (issue 23, item 9)."""
    data = as_json(cse_search("consent", "--json", *options))
    assert (data["role"], data["audience"]) == (role, audience)


def test_json_shape_is_exactly_the_specs(cse_search: Search) -> None:
    result = cse_search("pharmacies", "--json", "--role", "chemist")
    assert result.exit_code == 0, result.output
    data = as_json(result)
    assert list(data) == JSON_KEYS
    assert (data["query"], data["role"], data["audience"], data["suggestion"]) == (
        "pharmacies",
        "pharmacist",
        "health",
        None,
    )
    assert isinstance(data["total"], int) and data["total"] >= len(data["results"]) >= 1
    for rank, hit in enumerate(data["results"], start=1):
        assert list(hit) == RESULT_KEYS
        assert hit["rank"] == rank
        assert isinstance(hit["score"], float)
        assert isinstance(hit["page"], str)
        assert isinstance(hit["pdf_page"], int) and not isinstance(hit["pdf_page"], bool)
        assert isinstance(hit["chapter"], int)
        assert isinstance(hit["snippet"], str) and hit["snippet"]
        assert "\x02" not in hit["snippet"] and "\x03" not in hit["snippet"]
    scores = [h["score"] for h in data["results"]]
    assert scores == sorted(scores, reverse=True)


def test_json_without_role_has_null_role(cse_search: Search) -> None:
    data = as_json(cse_search("pharmacies", "--json"))
    assert data["role"] is None


# --------------------------------------------------------------------------- role scope
def test_midwife_never_sees_pharmacies(cse_search: Search) -> None:
    results = hits(cse_search, "pharmacies", "--role", "midwife")
    assert results, "the word is also in sections a midwife reads"
    assert "pharmacies" not in {h["section"] for h in results}


@pytest.mark.parametrize(
    "name", ["pharmacist", "Pharmacies", "chemist", "CHEMIST", "PharMacist", " pharmacy "]
)
def test_pharmacist_scope(cse_search: Search, name: str) -> None:
    result = cse_search("the", "--role", name, "--json", *ALL)
    assert result.exit_code == 0, result.output
    data = as_json(result)
    assert data["role"] == "pharmacist"
    results = data["results"]
    assert {h["chapter"] for h in results} == {1, 2, 4, 8, 9}
    assert {h["section"] for h in results if h["chapter"] == 4} == {"chapter-4-introduction", "pharmacies"}
    # Sections nobody owns are seen by every reader of the chapter.
    assert {"chapter-1-introduction", "grooming", "screening-tool", "where-to-get-help"} <= {
        h["section"] for h in results
    }


def test_foster_carer_scope(cse_search: Search) -> None:
    results = hits(cse_search, "the", "--role", "foster-carer")
    assert {h["chapter"] for h in results} == {1, 2, 5, 8, 9}
    assert {h["section"] for h in results if h["chapter"] == 5} == {"chapter-5-introduction", "foster-care"}


def test_foster_carer_never_sees_chapter_4(cse_search: Search) -> None:
    results = hits(cse_search, "pharmacies OR midwifery OR foster", "--role", "foster carers")
    assert results
    assert 4 not in {h["chapter"] for h in results}
    assert "foster-care" in {h["section"] for h in results}


def test_own_section_ranks_first_for_its_role(cse_search: Search) -> None:
    first = hits(cse_search, "contraception", "--role", "pharmacist")[0]
    assert first["section"] == "pharmacies"


def test_audience_health_sees_all_of_chapter_4(cse_search: Search) -> None:
    results = hits(cse_search, "the", "--audience", "health")
    assert {h["chapter"] for h in results} == {1, 2, 4, 8, 9}
    chapter4 = {h["section"] for h in results if h["chapter"] == 4}
    assert {"chapter-4-introduction", "midwifery", "pharmacies", "general-practice"} <= chapter4
    assert len(chapter4) == 11


def test_chapter_filter(cse_search: Search) -> None:
    results = hits(cse_search, "the", "--chapter", "5")
    assert {h["chapter"] for h in results} == {5}
    assert {h["file"] for h in results} == {"chapter-5-social-care.pdf"}
    assert "foster-care" in {h["section"] for h in results}


def test_chapter_filter_with_no_hits_exits_1(cse_search: Search) -> None:
    result = cse_search("pharmacies", "--chapter", "7", "--json")
    assert result.exit_code == 1, result.output
    assert as_json(result)["results"] == []


def test_limit(cse_search: Search) -> None:
    result = cse_search("pharmacy", "--limit", "2", "--json")
    assert result.exit_code == 0, result.output
    data = as_json(result)
    assert len(data["results"]) == 2
    assert data["total"] > 2
    assert [h["rank"] for h in data["results"]] == [1, 2]


# --------------------------------------------------------------------------- exit codes
def test_exit_0_with_hits(cse_search: Search) -> None:
    result = cse_search("midwifery")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0].endswith("for 'midwifery'")


def test_exit_1_with_no_hits(cse_search: Search) -> None:
    result = cse_search("xylophonist", "--json")
    assert result.exit_code == 1, result.output
    data = as_json(result)
    assert (data["total"], data["results"]) == (0, [])
    plain = cse_search("xylophonist")
    assert plain.exit_code == 1
    assert plain.stdout.startswith("No results for 'xylophonist'")


def test_unknown_role_exits_2_listing_valid_roles(cse_search: Search) -> None:
    result = cse_search("pharmacies", "--role", "plumber")
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert "error: unknown role 'plumber'. Valid roles: " in result.stderr
    for role in load_config(SAMPLE_CONFIG).roles:
        assert f"{role.id} ({role.title})" in result.stderr
    assert "Traceback" not in result.output


def test_unknown_audience_exits_2(cse_search: Search) -> None:
    result = cse_search("pharmacies", "--audience", "plumbers")
    assert result.exit_code == 2, result.output
    assert "unknown audience 'plumbers'. Valid audiences: health, social-care" in result.stderr


def test_no_index_exits_2_saying_to_ingest(tmp_path: Path) -> None:
    result = cli_search(SAMPLE_CONFIG, tmp_path / "index", "pharmacies")
    assert result.exit_code == 2, result.output
    assert "no search index yet: run `cse-toolkit ingest`" in result.stderr
    assert "Traceback" not in result.output
    assert not (tmp_path / "index").exists()


# --------------------------------------------------------------------------- query syntax
def test_phrase_across_a_line_break_is_found(cse_search: Search) -> None:
    # The premise: in the PDF, "need an" ends one line and "appointment" starts the next.
    page = extract_pdf(SAMPLE_PDFS / "chapter-4-health-services.pdf", "c4").pages[19]
    texts = [line.text for line in page.lines]
    ends = [i for i, text in enumerate(texts) if text.endswith("do not need an")]
    assert ends and texts[ends[0] + 1].startswith("appointment, so young people")

    results = hits(cse_search, '"do not need an appointment"')
    assert [(h["section"], h["page"], h["pdf_page"]) for h in results] == [("pharmacies", "74", 20)]


def test_phrase_is_not_just_its_words(cse_search: Search) -> None:
    words = page_keys(hits(cse_search, "appointment need"))
    phrase = page_keys(hits(cse_search, '"need an appointment"'))
    assert phrase < words


def test_stemming_grooming_finds_groomed(cse_search: Search, sample_index: Path) -> None:
    # screening-tool says "groomed" but never "grooming"; teaching-about-relationships the reverse.
    from pipeline.engine.store import IndexStore
    from pipeline.ingest.manifest import load_manifest

    manifest = load_manifest(IndexStore(sample_index).current())
    assert manifest is not None
    screening = manifest.section("screening-tool")
    teaching = manifest.section("teaching-about-relationships")
    assert screening is not None and teaching is not None
    assert "groomed" in screening.text and "grooming" not in screening.text.lower()
    assert "grooming" in teaching.text and "groomed" not in teaching.text.lower()

    assert "screening-tool" in {h["section"] for h in hits(cse_search, "grooming")}
    assert "teaching-about-relationships" in {h["section"] for h in hits(cse_search, "groomed")}


def test_prefix_query(cse_search: Search) -> None:
    none = cse_search("pharmac", "--as-typed", "--json")  # as typed: not corrected to "pharmacy"
    assert none.exit_code == 1, none.output
    prefixed = page_keys(hits(cse_search, "pharmac*"))
    assert page_keys(hits(cse_search, "pharmacist")) <= prefixed
    assert page_keys(hits(cse_search, "pharmacy")) <= prefixed
    assert ("chapter-4-health-services.pdf", 20, "pharmacies") in prefixed


def test_and_or_not(cse_search: Search) -> None:
    a = page_keys(hits(cse_search, "alcohol"))
    b = page_keys(hits(cse_search, "gifts"))
    c = page_keys(hits(cse_search, "online"))
    assert a & b and a - b and b - a  # the words overlap only partly, so the check means something
    assert page_keys(hits(cse_search, "alcohol AND gifts")) == a & b
    assert page_keys(hits(cse_search, "alcohol OR gifts")) == a | b
    assert page_keys(hits(cse_search, "alcohol NOT gifts")) == a - b
    assert page_keys(hits(cse_search, "(alcohol OR online) AND gifts")) == (a | c) & b


def test_plain_output_has_no_ansi_escapes(cse_search: Search) -> None:
    result = cse_search("pharmacies", "--limit", "2")
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.output
    lines = result.stdout.splitlines()
    assert "1. Pharmacies — Chapter 4: Health Services, p. 74" in lines
    assert "   chapter-4-health-services.pdf, PDF page 20" in lines


def test_piped_output_through_the_console_script_has_no_ansi(sample_index: Path) -> None:
    script = Path(sys.executable).parent / "cse-search"
    if not script.exists():
        pytest.skip(f"console script not installed at {script}")
    env = {**os.environ, "CSE_CONFIG": str(SAMPLE_CONFIG), "CSE_INDEX": str(sample_index)}
    done = subprocess.run(
        [str(script), "pharmacies", "--limit", "1"], capture_output=True, text=True, env=env, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert "\x1b" not in done.stdout
    assert "1. Pharmacies — Chapter 4: Health Services, p. 74" in done.stdout


@pytest.mark.parametrize(
    "query",
    [
        '"pharmacies',
        'pharmacies"',
        "(pharmacies",
        "pharmacies)",
        "((pharmacies)",
        "pharmacies AND",
        "OR pharmacies",
    ],
)
def test_broken_syntax_around_a_word_still_finds_it(cse_search: Search, query: str) -> None:
    result = cse_search(query, "--json")
    assert result.exit_code == 0, result.output
    first = as_json(result)["results"][0]
    assert (first["section"], first["page"]) == ("pharmacies", "74")


@pytest.mark.parametrize("query", ['"', "(", ")(", "AND", "NOT", "OR OR", "*", "{", "\\", "((", "  "])
def test_query_with_nothing_to_search_gives_a_message(cse_search: Search, query: str) -> None:
    result = cse_search(query)
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("error: ")
    assert "unexpected failure" not in result.stderr
    assert "Traceback" not in result.output
    assert isinstance(result.exception, SystemExit)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("title:pharmacies", 0),  # searched as the words "title" and "pharmacies"
        ("pharmacies^3", 0),
        ("[a TO z]", 1),
        ("pharm*cy", 0),
        ("a?b", 1),
        ("~pharmacies", 0),
        ("A&E -", 0),
        ("x" * 1001, 2),  # too long: a message
    ],
)
def test_odd_queries_never_give_a_traceback(cse_search: Search, query: str, expected: int) -> None:
    result = cse_search(query, "--json")
    exited(result, expected)
    assert "unexpected failure" not in result.stderr
    if expected == 2:
        assert result.stderr.startswith("error: ")
    else:
        assert list(as_json(result)) == JSON_KEYS


def test_an_unexpected_failure_has_its_own_exit_code_and_no_traceback(
    cse_search: Search, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A bug is not a usage error: exit 4, one line saying to rerun with --debug and report it."""

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr("pipeline.engine.search.search", broken)
    result = cse_search("pharmacies")
    assert result.exit_code == 4, result.output
    assert result.stderr == (
        "error: unexpected failure (RuntimeError: a bug); run again with --debug for details and report it\n"
    )
    assert "Traceback" not in result.output


def test_version(cse_search: Search) -> None:
    result = cse_search("--version")
    assert (result.exit_code, result.stdout) == (0, "cse-search 0.1.0\n")
