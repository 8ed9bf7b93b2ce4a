"""How a page names and links what it shows: printed pages in words, marked snippets, and
the URLs of a result's page view, page image and PDF. Used as template helpers and by the
JSON answer, so both link the same way.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlencode

from flask import request, url_for
from markupsafe import Markup, escape

from pipeline.engine.snippets import MATCH_END, MATCH_START, is_heading
from pipeline.numerals import cite, is_unnumbered, plain
from pipeline.views import render

SEARCH_PARAMS = (
    "q",
    "role",
    "audience",
    "chapter",
    "limit",
    "typed",
)  # carried from a result to its page and back


def printed(label: str) -> str:
    """How a result names its page: "printed page 74", or "unnumbered page after p. 57"."""
    return cite(label) if is_unnumbered(label) else f"printed page {plain(label)}"


def page_name(label: str) -> str:
    """A page in a sentence: "page 74", or "the unnumbered page after p. 57"."""
    return f"the {cite(label)}" if is_unnumbered(label) else f"page {plain(label)}"


def marked(snippet: str) -> Markup:
    """A snippet as HTML: its text escaped, its matches in <mark>, and a line break where
    the terminal starts a new line (a heading on its own, as `cse-search` shows it)."""
    return Markup(
        "<br>".join(
            str(escape(line)).replace(MATCH_START, "<mark>").replace(MATCH_END, "</mark>")
            for line in render.snippet_lines(snippet)
        )
    )


# A phone number as a board writes it: digits, with single spaces or hyphens between groups
# ("01632 960001", "999", "+44 1632 960001"); at least three digits.
_PHONE = re.compile(r"\+?\d(?:[ -]?\d){2,}")


def phone_links(text: str) -> Markup:
    """A contact's number as HTML, escaped, each number in it a tel: link ("999 in an
    emergency, otherwise 101": two links), so a phone calls it with one tap."""
    out, cursor = [], 0
    for found in _PHONE.finditer(text):
        number = re.sub(r"[ -]", "", found.group())
        out += [
            str(escape(text[cursor : found.start()])),
            f'<a href="tel:{number}">{escape(found.group())}</a>',
        ]
        cursor = found.end()
    out.append(str(escape(text[cursor:])))
    return Markup("".join(out))


def with_query(url: str, query: str | dict[str, str]) -> str:
    """The URL with a query (or a search's parameters) after it, if any."""
    params = query if isinstance(query, dict) else ({"q": query} if query else {})
    return f"{url}?{urlencode(params)}" if params else url


# Written out rather than by url_for, which costs more than the rest of a remembered
# answer; file ids are hex and pages numbers, so nothing needs quoting. The routes are in
# routes/pages.py (pdf_file, page_view, page_image), and the tests follow each link.
def pdf_url(file_id: str, pdf_page: int) -> str:
    return f"{request.script_root}/files/{file_id}.pdf#page={pdf_page}"


def page_url(file_id: str, pdf_page: int, query: str | dict[str, str] = "") -> str:
    return with_query(f"{request.script_root}/page/{file_id}/{pdf_page}", query)


def marking(query: str, typed: bool) -> dict[str, str]:
    """The parameters that mark a search's words on a page: its query, and typed=1 when
    it was searched exactly as typed (the corrected words are then not marked)."""
    return {"q": query, "typed": "1"} if query and typed else ({"q": query} if query else {})


def image_url(file_id: str, pdf_page: int, query: str = "", typed: bool = False) -> str:
    return with_query(f"{request.script_root}/image/{file_id}/{pdf_page}.png", marking(query, typed))


def marks_url(file_id: str, pdf_page: int, query: str, width: int, typed: bool = False) -> str:
    """The page's marked lines enlarged, `width` device pixels wide (routes/pages.py)."""
    return with_query(
        f"{request.script_root}/marks/{file_id}/{pdf_page}.png",
        {**marking(query, typed), "width": str(width)},
    )


def marked_text(text: str, spans: list[tuple[int, int]]) -> list[tuple[Markup, bool]]:
    """Flowed text (engine.snippets.flow) as HTML paragraphs, one per line, the characters
    in `spans` marked; each says whether it is a heading (flow gives a heading a line of
    its own, and a heading does not end as a sentence does)."""
    pieces, cursor = [], 0
    for start, end in spans:
        pieces += [text[cursor:start], MATCH_START, text[start:end], MATCH_END]
        cursor = end
    pieces.append(text[cursor:])
    paragraphs, open_mark = [], False
    for line in "".join(pieces).split("\n"):
        line = (MATCH_START if open_mark else "") + line
        open_mark = line.rfind(MATCH_START) > line.rfind(MATCH_END)  # a mark runs on
        plain = line.replace(MATCH_START, "").replace(MATCH_END, "").strip()
        if plain:
            paragraphs.append((marked(line + (MATCH_END if open_mark else "")), is_heading(plain)))
    return paragraphs


def search_url(**params: str) -> str:
    return url_for("search_page") + "?" + urlencode(params)


FILTERS = {
    "marked": marked,
    "printed": printed,
    "page_name": page_name,
    "cite": cite,
    "phone_links": phone_links,
}


def template_helpers() -> dict[str, Any]:
    """What every template may call."""
    return {
        "pdf_url": pdf_url,
        "page_url": page_url,
        "image_url": image_url,
        "marks_url": marks_url,
        "search_url": search_url,
        "ocr_note": render.OCR_NOTE,
        "wildcard_terms": render.MAX_WILDCARD_TERMS,
    }
