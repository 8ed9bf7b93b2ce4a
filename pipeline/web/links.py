"""How a page names and links what it shows: printed pages in words, marked snippets, and
the URLs of a result's page view, page image and PDF. Used as template helpers and by the
JSON answer, so both link the same way.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from flask import request, url_for
from markupsafe import Markup, escape

from pipeline.engine.snippets import MATCH_END, MATCH_START
from pipeline.numerals import cite, is_unnumbered
from pipeline.views import render

SEARCH_PARAMS = ("q", "role", "audience", "chapter", "limit")  # carried from a result to its page and back


def printed(label: str) -> str:
    """How a result names its page: "printed page 74", or "unnumbered page after p. 57"."""
    return cite(label) if is_unnumbered(label) else f"printed page {label}"


def page_name(label: str) -> str:
    """A page in a sentence: "page 74", or "the unnumbered page after p. 57"."""
    return f"the {cite(label)}" if is_unnumbered(label) else f"page {label}"


def marked(snippet: str) -> Markup:
    """A snippet as HTML: its text escaped, its matches in <mark>, and a line break where
    the terminal starts a new line (a heading on its own, as `cse-search` shows it)."""
    return Markup(
        "<br>".join(
            str(escape(line)).replace(MATCH_START, "<mark>").replace(MATCH_END, "</mark>")
            for line in render.snippet_lines(snippet)
        )
    )


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


def image_url(file_id: str, pdf_page: int, query: str = "") -> str:
    return with_query(f"{request.script_root}/image/{file_id}/{pdf_page}.png", query)


def search_url(**params: str) -> str:
    return url_for("search_page") + "?" + urlencode(params)


FILTERS = {"marked": marked, "printed": printed, "page_name": page_name, "cite": cite}


def template_helpers() -> dict[str, Any]:
    """What every template may call."""
    return {
        "pdf_url": pdf_url,
        "page_url": page_url,
        "image_url": image_url,
        "search_url": search_url,
        "ocr_note": render.OCR_NOTE,
    }
