"""Snippets mark every match they show, and only those: at the very start and the very end
of the window too, on every page of the sample toolkit."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pipeline.engine import search as engine
from pipeline.engine.index import open_searcher
from pipeline.engine.snippets import MATCH_END, MATCH_START, WIDTH, Snippeter, flow, is_heading
from pipeline.engine.store import IndexStore

QUERIES = [
    ("pharmacies", ()),
    ("consent", ()),
    ("child sexual exploitation", ("CSE", "child sexual exploitation")),
    ("a&e", ("A&E", "accident and emergency")),
    ("young people", ()),
]


def snippeter(words: str, forms: tuple[str, ...] = ()) -> Snippeter:
    return Snippeter({engine._stem(w) for w in words.split()}, engine._stem, forms)


def unmarked(snippet: str) -> tuple[str, list[tuple[int, int]]]:
    """The snippet's text without the ellipses and marks, and where the marks stood in it."""
    body = snippet.removeprefix("… ").removesuffix(" …")
    spans, plain, at = [], [], 0
    for piece in re.split(f"({MATCH_START}[^{MATCH_END}]*{MATCH_END})", body):
        if piece.startswith(MATCH_START):
            word = piece[1:-1]
            spans.append((at, at + len(word)))
            piece = word
        plain.append(piece)
        at += len(piece)
    return "".join(plain), spans


def test_a_match_that_opens_the_text_is_marked() -> None:
    got = snippeter("pharmacies").snippet("Pharmacies see young people every day.")
    assert got == f"{MATCH_START}Pharmacies{MATCH_END} see young people every day."


def test_a_match_that_closes_the_text_is_marked() -> None:
    got = snippeter("pharmacies").snippet("Young people go to pharmacies")
    assert got == f"Young people go to {MATCH_START}pharmacies{MATCH_END}"


def test_matches_at_both_edges_of_a_cut_window_are_marked() -> None:
    """A window cut from a long page: the words at its first and last positions are
    matches, and both are marked."""
    words = ["consent"] * 80  # every word a match: the window starts and ends on one
    text = "Filler words first. " * 20 + " ".join(words) + " and more filler after it." * 20
    got = snippeter("consent").snippet(text)
    plain, spans = unmarked(got)
    assert got.startswith("… ") and got.endswith(" …")
    assert spans[0][0] == plain.index("consent")
    assert spans[-1][1] == plain.rindex("consent") + len("consent")
    assert len(spans) == plain.count("consent")
    assert len(plain) <= WIDTH


def test_no_word_is_marked_without_a_match() -> None:
    assert snippeter("pharmacies").snippet("Nothing to see here.") == "Nothing to see here."


@pytest.fixture(scope="module")
def pages(sample_index: Path) -> list[str]:
    reader = open_searcher(IndexStore(sample_index).search_dir()).reader()
    return [flow(str(f["content"])) for f in reader.all_stored_fields() if f.get("content")]


@pytest.mark.parametrize(("words", "forms"), QUERIES)
def test_every_match_in_a_snippet_is_marked_and_nothing_else(
    pages: list[str], words: str, forms: tuple[str, ...]
) -> None:
    marker = snippeter(words, forms)
    checked, wrong = 0, []
    for number, text in enumerate(pages):
        got = marker.snippet(text)
        plain, spans = unmarked(got)
        at = text.find(plain)
        if not spans or at < 0 or text.count(plain) != 1:
            continue
        expected = [(s - at, e - at) for s, e in marker.matches(text) if s >= at and e <= at + len(plain)]
        checked += 1
        if spans != expected:
            wrong.append((number, got))
    assert checked > 3
    assert wrong == []


# --------------------------------------------------------------------------- flow
EIGHTY = "Safeguarding contacts for pharmacies, GP surgeries, walk-in centres, and clinics"
TWELVE = "One Two Three Four Five Six Seven Eight Nine Ten Eleven Twelve"


@pytest.mark.parametrize(
    ("text", "flowed"),
    [
        ("Grooming\nOnline grooming is a process.", "Grooming\nOnline grooming is a process."),
        ("4 Referrals\nMake a referral today.", "4 Referrals\nMake a referral today."),
        ("grooming\nOnline grooming is a process.", "grooming Online grooming is a process."),
        ("Contents:\nOnline grooming is a process.", "Contents: Online grooming is a process."),
        ("Grooming\nonline grooming is a process.", "Grooming online grooming is a process."),
        ("Grooming\n• signs to look for", "Grooming\n• signs to look for"),
        ('Grooming\n"Quoted" text here.', 'Grooming\n"Quoted" text here.'),
        (
            "First sentence.\nSecond Heading\nBody text here.",
            "First sentence.\nSecond Heading\nBody text here.",
        ),
        ("Heading One\nHeading Two\nBody text.", "Heading One\nHeading Two\nBody text."),
        (
            "No heading here and this goes on\nand on in prose.",
            "No heading here and this goes on and on in prose.",
        ),
        (f"{EIGHTY}\nNext line.", f"{EIGHTY}\nNext line."),
        (f"{EIGHTY}s\nNext line.", f"{EIGHTY}s Next line."),
        (f"{TWELVE}\nNext line.", f"{TWELVE}\nNext line."),
        (f"{TWELVE} Thirteen\nNext line.", f"{TWELVE} Thirteen Next line."),
        ("Only A Heading", "Only A Heading"),
        (
            "  Pharmacies \n\n Community  pharmacies\tsee\u00a0young people.  \nThey  ask  for help.",
            "Pharmacies\nCommunity pharmacies see young people. They ask for help.",
        ),
        ("Pharmacies \nsee young people.", "Pharmacies see young people."),
        ("Pharmacies\n see young people", "Pharmacies see young people"),
        (" Pharmacies", "Pharmacies"),
        ("Pharmacies ", "Pharmacies"),
        ("Young\u2003people", "Young people"),
        ("Young  people see pharmacies.", "Young people see pharmacies."),  # a double space only
        ("Referrals\n3 steps to follow.", "Referrals\n3 steps to follow."),  # a sentence opening on a digit
        # prose over two lines before a heading: joined by a space
        (
            "Prose line one\ncontinues here.\nHeading\nBody text.",
            "Prose line one continues here.\nHeading\nBody text.",
        ),
        # a line shaped like a heading after unfinished prose is prose
        (
            "some words run on\nLooks Like Heading\nBody text.",
            "some words run on Looks Like Heading Body text.",
        ),
    ],
)
def test_flow_sets_headings_apart_and_joins_prose(text: str, flowed: str) -> None:
    assert len(EIGHTY) == 80 and len(TWELVE.split()) == 12
    assert flow(text) == flowed


@pytest.mark.parametrize(
    ("line", "heading"),
    [("Grooming", True), ("4 Referrals", True), ("grooming", False), ("Ends.", False), ("", False)],
)
def test_is_heading(line: str, heading: bool) -> None:
    assert is_heading(line) is heading


# --------------------------------------------------------------------------- the window
WORDS_BEFORE = " ".join(f"w{i}" for i in range(100))
WORDS_AFTER = " ".join(f"v{i}" for i in range(100))


def test_the_window_stands_a_quarter_before_the_match_on_word_boundaries() -> None:
    got = snippeter("consent").snippet(f"{WORDS_BEFORE} consent {WORDS_AFTER}")
    assert got == (
        f"… {' '.join(f'w{i}' for i in range(86, 100))} {MATCH_START}consent{MATCH_END} "
        f"{' '.join(f'v{i}' for i in range(45))} …"
    )


def test_without_a_match_the_snippet_is_the_start_of_the_page() -> None:
    assert snippeter("consent").snippet(WORDS_BEFORE) == " ".join(f"w{i}" for i in range(62)) + " …"
    assert snippeter("consent").snippet("w1 w2") == "w1 w2"


def test_the_window_goes_where_the_matches_are_densest() -> None:
    text = "consent " + "x " * 150 + "consent consent consent " + "y " * 150
    marked = f"{MATCH_START}consent{MATCH_END}"
    assert snippeter("consent").snippet(text) == f"… {'x ' * 29}{marked} {marked} {marked} {'y ' * 78}…"


def test_a_form_and_a_word_inside_it_are_one_mark() -> None:
    got = snippeter("exploitation", ("child sexual exploitation",)).snippet(
        "Signs of child sexual exploitation in children."
    )
    assert got == f"Signs of {MATCH_START}child sexual exploitation{MATCH_END} in children."


def test_a_page_with_a_letter_whose_lower_case_is_longer_is_still_marked_in_place() -> None:
    got = snippeter("consent").snippet("Ayşe from İzmir asked about consent.")
    assert got == f"Ayşe from İzmir asked about {MATCH_START}consent{MATCH_END}."


# --------------------------------------------------------------------------- which words are marked
SLOW = "İzmir. "  # a letter whose lower case is longer: the page is matched the slow way


@pytest.mark.parametrize("before", ["", SLOW], ids=["fast", "slow"])
def test_a_word_whose_stem_runs_past_its_first_letters_is_marked(before: str) -> None:
    """ "cities" stems to "citi", which "city" does not start with: found all the same."""
    got = snippeter("cities").snippet(f"{before}A city and its cities.")
    assert got == f"{before}A {MATCH_START}city{MATCH_END} and its {MATCH_START}cities{MATCH_END}."


@pytest.mark.parametrize("before", ["", SLOW], ids=["fast", "slow"])
def test_the_longest_form_is_marked_whole(before: str) -> None:
    marker = snippeter("grooming", ("child", "child sexual exploitation", "CSE"))
    got = marker.snippet(f"{before}Signs of child sexual exploitation, and two CSEs, in a child.")
    assert got == (
        f"{before}Signs of {MATCH_START}child sexual exploitation{MATCH_END}, and two "
        f"{MATCH_START}CSEs{MATCH_END}, in a {MATCH_START}child{MATCH_END}."
    )


@pytest.mark.parametrize("before", ["", SLOW], ids=["fast", "slow"])
def test_a_word_inside_another_word_is_not_marked(before: str) -> None:
    got = snippeter("age", ("A&E",)).snippet(f"{before}Page and usage, A&E and A&Eing, age.")
    assert (
        got == f"{before}Page and usage, {MATCH_START}A&E{MATCH_END} and A&Eing, {MATCH_START}age{MATCH_END}."
    )


# ------------------------------------------------------- where a window starts and ends
def window_at_1(prefix_word: str) -> str:
    """A snippet whose window starts at the text's second character: the match stands at
    character WIDTH // 4 + 1, and the window opens a quarter of WIDTH before it."""
    head = "A" + prefix_word + " "
    room = WIDTH // 4 + 1 - len(head)  # filled with words, each followed by one space
    words = ["word"] * (room // 5)
    words[-1] += "s" * (room % 5)
    prefix = head + "".join(w + " " for w in words)
    assert len(prefix) == WIDTH // 4 + 1
    text = prefix + "consent " + "tail " * 80
    return snippeter("consent").snippet(text, text)


def test_a_window_opening_inside_a_word_starts_after_it() -> None:
    assert window_at_1("b").startswith("… word word")


def test_a_window_opening_inside_a_long_word_starts_inside_it() -> None:
    """No space within 20 characters of the window's start: it starts where it is rather
    than lose the words around the match (20 is the most skipped)."""
    assert window_at_1("b" * 25).startswith("… " + "b" * 25 + " word")
    assert window_at_1("b" * 20).startswith("… " + "b" * 20 + " word")  # its space is the 21st
    assert window_at_1("b" * 18).startswith("… word")  # its space is the 19th


def test_a_text_no_longer_than_the_window_is_shown_whole() -> None:
    text = ("word " * (WIDTH // 5))[: WIDTH - 3] + "end"
    assert len(text) == WIDTH
    assert snippeter("consent").snippet(text) == text


def test_a_window_ends_at_the_last_space_or_line_break_inside_it() -> None:
    text = "word\n" + "word " * (WIDTH // 5 - 3) + "last\nbeyond the window " + "\nmore" * 40
    cut = text.rindex("\n", 0, WIDTH)
    assert snippeter("consent").snippet(text, text) == text[:cut] + " …"  # text as flowed


def test_a_window_of_one_long_word_is_cut_at_its_width() -> None:
    text = "x" * (WIDTH + 40)
    assert snippeter("consent").snippet(text) == "x" * WIDTH + " …"


def test_a_page_matched_the_slow_way_marks_every_word_and_form_in_any_case() -> None:
    got = snippeter("cities consent", ("CSE",)).snippet(f"{SLOW}Consent in Cities and cse.")
    assert got == (
        f"{SLOW}{MATCH_START}Consent{MATCH_END} in {MATCH_START}Cities{MATCH_END} and "
        f"{MATCH_START}cse{MATCH_END}."
    )


def test_of_windows_equally_dense_the_first_on_the_page_is_shown() -> None:
    text = "consent " + "x " * 150 + "consent " + "y " * 150
    marked = f"{MATCH_START}consent{MATCH_END}"
    assert snippeter("consent").snippet(text) == f"{marked} {'x ' * 116}…"
