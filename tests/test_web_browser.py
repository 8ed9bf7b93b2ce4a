"""The web page in a real browser: Debian's headless Chromium driven by Playwright, and
axe-core injected into each page for an accessibility check.

These skip, saying why, when Chromium, Playwright or axe-core is missing; `.ci/run`
installs all three (apt `chromium`, the `dev` extra, `npm install axe-core`).
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.browser import axe_violations, open_page
from tools.webserver import Server

PAGES = ["/", "/search?q=pharmacies&role=pharmacist", "/reading", "/a-z", "/packs", "/search?q=&role=nobody"]


def search_as_pharmacist(page: Any, server: Server) -> None:
    """Type a query, pick a role and press Enter, as a person would."""
    page.goto(server.url)
    page.get_by_label("Search the toolkit").fill("pharmacies")
    page.get_by_label("Your role").select_option(label="Pharmacies")
    page.get_by_label("Search the toolkit").press("Enter")
    page.wait_for_url("**/search?**")


def test_typing_a_query_and_picking_a_role_finds_the_section_and_printed_page(
    page: Any, server: Server
) -> None:
    search_as_pharmacist(page, server)
    first = page.locator("li.hit").first
    assert (first.locator("h2").inner_text(), first.locator(".printed").inner_text()) == (
        "Pharmacies",
        "printed page 74",
    )


def test_the_role_is_in_the_url_so_the_search_can_be_shared(page: Any, server: Server) -> None:
    search_as_pharmacist(page, server)
    assert "role=pharmacist" in page.url


def test_the_page_image_opens_with_the_words_marked(page: Any, server: Server) -> None:
    search_as_pharmacist(page, server)
    page.get_by_role("link", name="See page 74 with your words marked").first.click()
    page.wait_for_load_state("load")  # the image included
    image = page.locator("figure.page img")
    loaded = page.evaluate(
        "img => img.complete && img.naturalWidth > 0 ? img.naturalWidth : 0", image.element_handle()
    )
    assert (loaded > 0, page.locator("h1").inner_text()) == (
        True,
        "Chapter 4: Health Services, printed page 74",
    )


def test_the_keyboard_reaches_the_search_box_with_a_visible_focus(page: Any, server: Server) -> None:
    page.goto(server.url)
    page.keyboard.press("Tab")  # the skip link
    page.keyboard.press("Enter")
    for _ in range(12):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "q":
            break
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert (page.evaluate("document.activeElement.id"), outline != "none") == ("q", True)


def test_no_console_errors_on_any_page(page: Any, server: Server) -> None:
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    for path in PAGES[:-1]:  # the last one answers 400 on purpose (Chromium logs any 4xx)
        page.goto(server.url.rstrip("/") + path)
    search_as_pharmacist(page, server)
    page.get_by_role("link", name="See page 74 with your words marked").first.click()
    page.locator("figure.page img").wait_for()
    page.wait_for_load_state("networkidle")
    assert errors == []


@pytest.mark.parametrize("width", [320, 640])  # a phone; a 1280-pixel screen at 200% zoom
def test_pages_fit_a_narrow_screen_without_sideways_scrolling(
    browser: Any, server: Server, width: int
) -> None:
    page = open_page(browser, {"viewport": {"width": width, "height": 800}})
    too_wide = []
    for path in [*PAGES[:-1], "/page/" + _pharmacies_page(server)]:
        page.goto(server.url.rstrip("/") + path)
        if page.evaluate("document.documentElement.scrollWidth > document.documentElement.clientWidth"):
            too_wide.append(path)
    page.context.close()
    assert too_wide == []


def _pharmacies_page(server: Server) -> str:
    hit = json.loads(server.get("/api/search?q=pharmacies&role=pharmacist")[2])["results"][0]
    return str(hit["image_url"]).split("/image/")[1].replace(".png", "")


@pytest.mark.parametrize("path", [*PAGES, "page-view"])
def test_no_wcag_violation_found_by_axe(browser: Any, server: Server, path: str) -> None:
    if path == "page-view":
        path = "/page/" + _pharmacies_page(server)
    assert axe_violations(browser, server.url.rstrip("/") + path) == []


def test_the_footers_brackets_stay_with_their_link_at_every_phone_width(phone: Any, server: Server) -> None:
    """ "(" never ends a line with "what changed)" on the next, whatever the date's length."""
    phone.goto(server.url)
    apart = []
    for width in range(300, 431, 2):
        phone.set_viewport_size({"width": width, "height": 844})
        gap = phone.evaluate(
            """() => {
                 const link = [...document.querySelectorAll('footer.site a')]
                   .find(a => a.textContent === 'what changed');
                 const top = (node, at) => {
                   const range = document.createRange();
                   range.setStart(node, at);
                   range.setEnd(node, at + 1);
                   return range.getBoundingClientRect().top;
                 };
                 const before = link.previousSibling;
                 return Math.abs(top(before, before.textContent.length - 1) - top(link.firstChild, 0));
               }"""
        )
        if gap > 4:
            apart.append(width)
    assert apart == []
