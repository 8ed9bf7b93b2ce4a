"""`cse-search` output as people use it (issue 14, items 4-6): counts that add up, partial
matches said and flagged, headings apart from the text, wrapping and paging on a terminal,
and grep-like forms (--format line, -l, -c, --color)."""

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

from tests.conftest import REPO, SAMPLE_CONFIG, SAMPLE_PDFS, Place

Search = Callable[..., Result]
SEARCH_MAIN = "from pipeline.cli import search_main; search_main()"


def data(result: Result) -> dict[str, Any]:
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


# --------------------------------------------------------------------------- item 4: counts
def test_by_section_counts_every_section_and_says_how_many_it_shows(cse_search: Search) -> None:
    result = cse_search("consent", "--by-section")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == "11 sections for 'consent' (showing 10)"


def test_by_section_keeps_the_partial_match_notice(cse_search: Search) -> None:
    result = cse_search("midwifery takeaways", "--by-section")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[:2] == [
        "No page has every word of 'midwifery takeaways'; showing pages with some of them.",
        "6 sections for 'midwifery takeaways'",
    ]


def test_by_section_says_the_pages_the_role_left_out_are_pages(cse_search: Search) -> None:
    """The header counts sections; what the role left out is counted in pages (39 pages, in
    19 sections), so it says pages, never "39 more" under "15 sections"."""
    result = cse_search("missing from care", "--role", "pharmacist", "--by-section", "--limit", "3")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[:2] == [
        "15 sections for 'missing from care' for pharmacist (showing 3)",
        "39 more pages outside what Pharmacies reads; drop --role to see them.",
    ]


def test_by_section_json_honours_the_limit(cse_search: Search) -> None:
    found = data(cse_search("consent", "--by-section", "--json", "--limit", "10"))
    assert (len(found["results"]), len(found["sections"]), found["total_sections"]) == (10, 10, 11)


def test_by_section_json_results_are_each_sections_best_page(cse_search: Search) -> None:
    found = data(cse_search("consent", "--by-section", "--json", "--limit", "3"))
    best = [(s["file"], s["section"], s["pages"][0]) for s in found["sections"]]
    assert [(r["file"], r["section"], r["page"]) for r in found["results"]] == best


def test_a_partial_match_is_flagged_in_the_json(cse_search: Search) -> None:
    assert data(cse_search("midwifery takeaways", "--json"))["partial"] is True


def test_a_partial_match_exits_0_as_documented(cse_search: Search) -> None:
    assert cse_search("midwifery takeaways").exit_code == 0


def test_a_page_with_every_word_is_not_partial(cse_search: Search) -> None:
    assert data(cse_search("looked after children", "--json"))["partial"] is False


# --------------------------------------------------------------------------- item 5: snippets
def test_a_heading_keeps_its_own_line_in_the_json(cse_search: Search) -> None:
    snippet = data(cse_search("pharmacies", "--json", "--limit", "1"))["results"][0]["snippet"]
    assert snippet.startswith("Pharmacies\nCommunity pharmacies are easy to reach")


def test_a_heading_keeps_its_own_line_in_the_text(cse_search: Search) -> None:
    result = cse_search("pharmacies", "--limit", "1")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[4:6][0] == "   Pharmacies"


def test_a_heading_inside_the_snippet_stands_apart(cse_search: Search) -> None:
    results = data(cse_search("pharmacy", "--json", "--chapter", "8"))["results"]
    assert "contraception.\nWhat to do if you notice these signs\nKeep a note" in results[0]["snippet"]


def on_terminal(args: list[str], *, columns: int = 80, lines: int = 200, status: int = 0, **env: str) -> str:
    """Run cse-search with a pseudo-terminal as its stdin, stdout and stderr; what it showed."""
    pty = pytest.importorskip("pty")  # POSIX only
    leader, follower = pty.openpty()
    environ = {name: value for name, value in os.environ.items() if name not in ("NO_COLOR", "PAGER")}
    environ.update(COLUMNS=str(columns), LINES=str(lines), TERM="xterm", **env)
    process = subprocess.Popen(
        [sys.executable, "-c", SEARCH_MAIN, *args],
        stdin=follower,
        stdout=follower,
        stderr=follower,
        env=environ,
        cwd=REPO,
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal closed: the command has ended
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    assert process.wait(timeout=60) == status
    return b"".join(chunks).decode().replace("\r\n", "\n")


@pytest.fixture
def paths(sample_index: Path) -> list[str]:
    return Place(SAMPLE_CONFIG, SAMPLE_PDFS, sample_index).args()


def test_snippets_wrap_to_the_terminal_width(paths: list[str]) -> None:
    shown = on_terminal(["consent", "--limit", "5", "--color", "never", *paths], columns=60)
    assert max(len(line) for line in shown.splitlines()) <= 60


def test_wrapping_breaks_only_between_words(cse_search: Search, paths: list[str]) -> None:
    snippet = data(cse_search("consent", "--json", "--limit", "1"))["results"][0]["snippet"]
    shown = on_terminal(["consent", "--limit", "1", "--color", "never", *paths], columns=60)
    rows = shown.split("PDF page 3\n", 1)[1].splitlines()
    assert " ".join(row.strip() for row in rows if row.strip()) == " ".join(snippet.split())


def test_long_output_goes_through_the_pager_on_a_terminal(paths: list[str]) -> None:
    shown = on_terminal(["consent", "--color", "never", *paths], lines=10, PAGER="sed s/^/paged:/")
    assert shown.splitlines()[0] == "paged:13 results for 'consent' (showing 10)"


def test_no_pager_prints_straight_to_the_terminal(paths: list[str]) -> None:
    shown = on_terminal(["consent", "--no-pager", *paths], lines=10, PAGER="sed s/^/paged:/")
    assert shown.splitlines()[0] == "13 results for 'consent' (showing 10)"


def test_output_that_fits_is_not_paged(paths: list[str]) -> None:
    shown = on_terminal(["pharmacies", "-n", "1", *paths], lines=50, PAGER="sed s/^/paged:/")
    assert shown.splitlines()[0] == "4 results for 'pharmacies' (showing 1)"


def test_a_pipe_is_never_paged(paths: list[str]) -> None:
    env = {**os.environ, "PAGER": "sed s/^/paged:/", "LINES": "5"}
    done = subprocess.run(
        [sys.executable, "-c", SEARCH_MAIN, "consent", *paths],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
    )
    assert done.stdout.splitlines()[0] == "13 results for 'consent' (showing 10)"


def test_messages_wrap_between_words_on_a_terminal(paths: list[str]) -> None:
    shown = on_terminal(["consent", "--role", "nurse", *paths], columns=60, status=2)
    assert shown.splitlines() == [
        "error: unknown role 'nurse'; did you mean school-nurse or",
        "  health-visitor? (`cse-toolkit roles` lists them all)",
    ]


def test_the_notes_of_a_long_question_wrap_to_the_terminal(paths: list[str]) -> None:
    """A question typed in full made "Showing results for ...", "No page has every word
    of ..." and the count one line each of up to 205 columns, which a terminal breaks
    inside words: they wrap between words, each next line indented."""
    question = "young people hanging around the chip shop late at night, is this ilegal"
    shown = on_terminal([question, "-n", "1", "--color", "never", *paths], columns=80)
    assert shown.split("\n\n1. ", 1)[0].splitlines() == [
        "Showing results for 'young people hanging around the chip shop late at night, is",
        "  this illegal'; search instead for 'young people hanging around the chip shop",
        "  late at night, is this ilegal' with --as-typed.",
        "No page has every word of 'young people hanging around the chip shop late at",
        "  night, is this illegal'; showing pages with some of them.",
        "85 results for 'young people hanging around the chip shop late at night, is this",
        "  illegal' (showing 1)",
    ]


# --------------------------------------------------------------------------- item 6: grep-like
def test_format_line_is_file_pdf_page_printed_page_section_snippet(cse_search: Search) -> None:
    result = cse_search("pharmacies", "--format", "line", "--limit", "1")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(
        "chapter-4-health-services.pdf:20:74:pharmacies: Pharmacies — Community pharmacies are easy to reach"
    )


def test_format_line_is_one_line_per_hit(cse_search: Search) -> None:
    result = cse_search("consent", "--format", "line")
    assert len(result.stdout.splitlines()) == 10


def test_files_with_matches_lists_each_file_once_best_first(cse_search: Search) -> None:
    result = cse_search("consent", "-l")
    assert (result.exit_code, result.stdout.splitlines()) == (
        0,
        [
            "chapter-9-children-and-young-people.pdf",
            "chapter-4-health-services.pdf",
            "chapter-3-education.pdf",
            "chapter-2-responding-to-concerns.pdf",
            "chapter-1-understanding-cse.pdf",
            "chapter-5-social-care.pdf",
        ],
    )


def test_count_gives_each_files_matching_pages(cse_search: Search) -> None:
    """Files in the order of their best page: a pharmacist must read chapter 2, and may find
    chapter 9 (the young people's) helpful."""
    result = cse_search("consent", "--count", "--role", "pharmacist")
    assert (result.exit_code, result.stdout) == (
        0,
        "chapter-2-responding-to-concerns.pdf:3\n"
        "chapter-9-children-and-young-people.pdf:1\n"
        "chapter-1-understanding-cse.pdf:2\n",
    )


def test_count_says_on_stderr_what_the_filter_left_out(cse_search: Search) -> None:
    result = cse_search("consent", "-c", "--role", "pharmacist")
    assert result.stderr == "7 more outside what Pharmacies reads; drop --role to see them.\n"


def test_count_with_no_match_prints_nothing_and_exits_1(cse_search: Search) -> None:
    result = cse_search("xylophonist", "-c")
    assert (result.exit_code, result.stdout) == (1, "")


def test_files_and_count_together_are_refused(cse_search: Search) -> None:
    result = cse_search("consent", "-l", "-c")
    assert (result.exit_code, result.stderr) == (
        2,
        "error: -l and -c cannot be used together: -c already names each file\n",
    )


def test_colour_always_colours_a_pipe(cse_search: Search) -> None:
    result = cse_search("pharmacies", "--color", "always", "--limit", "1")
    assert "\x1b[1mpharmacies\x1b[0m" in result.stdout


def test_colour_never_on_a_terminal(paths: list[str]) -> None:
    assert "\x1b[" not in on_terminal(["pharmacies", "--color", "never", "-n", "1", *paths])


def test_colour_auto_on_a_terminal(paths: list[str]) -> None:
    assert "\x1b[1mpharmacies\x1b[0m" in on_terminal(["pharmacies", "-n", "1", *paths])


def test_no_color_is_respected_on_a_terminal(paths: list[str]) -> None:
    assert "\x1b[" not in on_terminal(["pharmacies", "-n", "1", *paths], NO_COLOR="1")


def test_colour_always_overrides_no_color(paths: list[str]) -> None:
    shown = on_terminal(["pharmacies", "--color", "always", "-n", "1", *paths], NO_COLOR="1")
    assert "\x1b[1mpharmacies\x1b[0m" in shown


def complete(words: str, program: str = "cse-search") -> str:
    """What the shell completion offers for the last of `words` (click's bash protocol)."""
    main = "search_main" if program == "cse-search" else "toolkit_main"
    variable = "_" + program.upper().replace("-", "_") + "_COMPLETE"
    env = {
        **os.environ,
        variable: "bash_complete",
        "COMP_WORDS": words,
        "COMP_CWORD": str(len(words.split()) - (0 if words.endswith(" ") else 1)),
        "CSE_CONFIG": str(SAMPLE_CONFIG),
    }
    done = subprocess.run(
        [sys.executable, "-c", f"from pipeline.cli import {main}; {main}()"],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
    )
    return done.stdout


def test_completion_offers_role_ids(sample_index: Path) -> None:
    assert complete("cse-search consent --role pha") == "plain,pharmacist\n"


def test_completion_offers_audience_ids(sample_index: Path) -> None:
    assert complete("cse-search consent --audience so") == "plain,social-care\n"


def test_completion_offers_role_ids_for_a_pack() -> None:
    assert complete("cse-toolkit pack foster", "cse-toolkit") == "plain,foster-carer\n"
