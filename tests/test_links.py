"""How the web page writes a snippet, a page's text and its links (web/links.py), called
directly: the same functions the real server's pages use (tests/test_web*.py follow them
over HTTP), here with hostile text and every edge a mark can stand on."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask import Flask

from pipeline.engine.snippets import MATCH_END, MATCH_START
from pipeline.views import render
from pipeline.web.app import create_app
from pipeline.web.links import (
    image_url,
    marked,
    marked_text,
    marks_url,
    page_name,
    page_url,
    pdf_url,
    phone_links,
    printed,
    search_url,
    template_helpers,
    with_query,
)
from pipeline.web.site import Settings
from tests.conftest import SAMPLE_CONFIG, SAMPLE_PDFS

S, E = MATCH_START, MATCH_END


@pytest.mark.parametrize(
    ("snippet", "html"),
    [
        (f"{S}Pharmacies{E} see young people", "<mark>Pharmacies</mark> see young people"),
        (f"see {S}pharmacies{E}", "see <mark>pharmacies</mark>"),
        (
            f"<script>alert(\"x\")</script> & {S}<b>{E} 'q'",
            "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; <mark>&lt;b&gt;</mark> &#39;q&#39;",
        ),
        (f"Pharmacies\n{S}Community{E} pharmacies", "Pharmacies<br><mark>Community</mark> pharmacies"),
        ("plain text", "plain text"),
    ],
)
def test_a_snippet_is_escaped_then_marked(snippet: str, html: str) -> None:
    assert str(marked(snippet)) == html


def test_marked_text_gives_a_paragraph_per_line_and_says_which_are_headings() -> None:
    text = "Pharmacies\nCommunity pharmacies <see> young people. A pharmacist & a parent."
    spans = [(0, 10), (38, 43)]
    assert [(str(html), heading) for html, heading in marked_text(text, spans)] == [
        ("<mark>Pharmacies</mark>", True),
        ("Community pharmacies &lt;see&gt; <mark>young</mark> people. A pharmacist &amp; a parent.", False),
    ]


def test_a_mark_that_runs_over_a_line_break_is_closed_and_reopened() -> None:
    text = "Sexual Health\nclinics see young people."
    assert [str(html) for html, _ in marked_text(text, [(7, 21)])] == [
        "Sexual <mark>Health</mark>",
        "<mark>clinics</mark> see young people.",
    ]


def test_blank_lines_are_not_paragraphs() -> None:
    assert [str(html) for html, _ in marked_text("One.\n\n  \nTwo.", [])] == ["One.", "Two."]


@pytest.mark.parametrize(
    ("label", "cited", "named"),
    [
        ("74", "printed page 74", "page 74"),
        ("iv", "printed page iv", "page iv"),
        ("57+1", "unnumbered page after p. 57", "the unnumbered page after p. 57"),
        (
            "+2",
            "2nd unnumbered page at the start of the file",
            "the 2nd unnumbered page at the start of the file",
        ),
    ],
)
def test_a_page_is_named_as_a_reader_finds_it(label: str, cited: str, named: str) -> None:
    assert (printed(label), page_name(label)) == (cited, named)


def test_a_query_goes_after_the_url_only_when_there_is_one() -> None:
    assert with_query("/page/ab/3", "") == "/page/ab/3"
    assert with_query("/page/ab/3", "A&E nurse") == "/page/ab/3?q=A%26E+nurse"
    assert with_query("/page/ab/3", {"q": "consent", "role": "gp"}) == "/page/ab/3?q=consent&role=gp"
    assert with_query("/page/ab/3", {}) == "/page/ab/3"


def test_links_to_a_page_sit_under_the_mount_point() -> None:
    with Flask(__name__).test_request_context("/", base_url="http://localhost/toolkit/"):
        assert pdf_url("0123abcd", 20) == "/toolkit/files/0123abcd.pdf#page=20"
        assert page_url("0123abcd", 20, "pharmacies") == "/toolkit/page/0123abcd/20?q=pharmacies"
        assert page_url("0123abcd", 20) == "/toolkit/page/0123abcd/20"
        assert image_url("0123abcd", 20, "consent") == "/toolkit/image/0123abcd/20.png?q=consent"
        assert (
            marks_url("0123abcd", 20, "consent", 640) == "/toolkit/marks/0123abcd/20.png?q=consent&width=640"
        )


@pytest.mark.parametrize(
    ("text", "spans", "paragraphs"),
    [
        # two marks on a line, the second running over the break
        (
            "A b\nc d",
            [(0, 1), (2, 5)],
            [("<mark>A</mark> <mark>b</mark>", True), ("<mark>c</mark> d", False)],
        ),
        # two marks closed on their line: the next line starts unmarked
        ("A B\nC", [(0, 1), (2, 3)], [("<mark>A</mark> <mark>B</mark>", True), ("C", True)]),
        # a lower-case line that starts with a mark is prose, not a heading
        ("Signs\ngrooming signs", [(6, 14)], [("Signs", True), ("<mark>grooming</mark> signs", False)]),
        # a line that ends a sentence inside a mark is prose, not a heading
        ("Notes\nRead to the end.", [(18, 22)], [("Notes", True), ("Read to the <mark>end.</mark>", False)]),
    ],
)
def test_marks_never_change_what_a_line_is(
    text: str, spans: list[tuple[int, int]], paragraphs: list[tuple[str, bool]]
) -> None:
    assert [(str(html), heading) for html, heading in marked_text(text, spans)] == paragraphs


def test_a_search_run_as_typed_says_so_to_the_page_images_it_marks() -> None:
    """typed=1: the words were searched as typed, so the page marks them and not the
    corrections (routes/pages.py reads `typed`); without a query there is nothing to mark."""
    with Flask(__name__).test_request_context("/", base_url="http://localhost/toolkit/"):
        assert (
            image_url("0123abcd", 20, "consnet", typed=True)
            == "/toolkit/image/0123abcd/20.png?q=consnet&typed=1"
        )
        assert marks_url("0123abcd", 20, "consnet", 640, typed=True) == (
            "/toolkit/marks/0123abcd/20.png?q=consnet&typed=1&width=640"
        )
        assert image_url("0123abcd", 20, "", typed=True) == "/toolkit/image/0123abcd/20.png"
        assert marks_url("0123abcd", 20, "", 640, typed=True) == "/toolkit/marks/0123abcd/20.png?width=640"


def test_an_image_link_without_a_query_has_none() -> None:
    with Flask(__name__).test_request_context("/", base_url="http://localhost/toolkit/"):
        assert image_url("0123abcd", 20) == "/toolkit/image/0123abcd/20.png"


def test_the_templates_get_every_link_helper_and_a_search_link(sample_index: Path) -> None:
    app = create_app(Settings(SAMPLE_CONFIG, SAMPLE_PDFS, sample_index))
    with app.test_request_context("/"):
        assert search_url(q="A&E", role="gp") == "/search?q=A%26E&role=gp"
        assert template_helpers() == {
            "pdf_url": pdf_url,
            "page_url": page_url,
            "image_url": image_url,
            "marks_url": marks_url,
            "search_url": search_url,
            "ocr_note": render.OCR_NOTE,
            "wildcard_terms": render.MAX_WILDCARD_TERMS,
        }


def test_a_contacts_numbers_are_tel_links_and_the_rest_is_escaped() -> None:
    assert str(phone_links("999 in an emergency, otherwise 101")) == (
        '<a href="tel:999">999</a> in an emergency, otherwise <a href="tel:101">101</a>'
    )
    assert str(phone_links("+44 1632-960001 <b>ext</b>")) == (
        '<a href="tel:+441632960001">+44 1632-960001</a> &lt;b&gt;ext&lt;/b&gt;'
    )
    assert str(phone_links("ask the duty desk")) == "ask the duty desk"
