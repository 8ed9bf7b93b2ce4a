"""The web page as the board's readers use it (issue 23): a school nurse on her phone, a
teacher at a laptop, a keyboard-only user, a screen-reader user. Real server, Debian's
Chromium through Playwright, on a laptop's screen (1280x900) and a phone's (390x844 at a
device pixel ratio of 2); fixtures in tests/browser.py."""

from __future__ import annotations

import io
import json
import re
import time
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from PIL import Image

from pipeline.web.pages import MARK_FILL
from tests.browser import PHONE, SCREENS, axe_violations, open_page
from tools.webserver import Server

NURSE = "search?q=much+older+boyfriend&role=school-nurse"


def go(page: Any, server: Server, path: str = "") -> None:
    page.goto(server.url + path.lstrip("/"))
    page.wait_for_load_state("load")


def first_page_view(page: Any, server: Server) -> None:
    """From the nurse's results, the first result's page with her words marked."""
    go(page, server, NURSE)
    page.locator("li.hit").first.get_by_role("link", name=re.compile("with your words marked")).click()
    page.wait_for_load_state("load")


def box(page: Any, selector: str) -> dict[str, float]:
    return dict(page.locator(selector).first.bounding_box())


def mark_height(png: bytes) -> int:
    """The tallest run of rows holding a mark's fill colour: how high a marked line stands."""
    image = Image.open(io.BytesIO(png)).convert("RGB")
    fill = MARK_FILL
    rows = [
        any(image.getpixel((x, y)) == fill for x in range(0, image.width, 2)) for y in range(image.height)
    ]
    best = run = 0
    for marked in rows:
        run = run + 1 if marked else 0
        best = max(best, run)
    return best


# ------------------------------------------------------------ 1. results first, on a phone
@pytest.mark.parametrize("screen", list(SCREENS))
def test_the_first_result_is_read_on_the_first_screen(browser: Any, server: Server, screen: str) -> None:
    page = open_page(browser, SCREENS[screen])
    go(page, server, NURSE)
    first = page.locator("li.hit").first
    links = first.locator(".open").bounding_box()
    height = SCREENS[screen]["viewport"]["height"]
    assert (first.locator("h2").inner_text(), links["y"] + links["height"] <= height) == (
        "School Nurses",
        True,
    )
    page.context.close()


def test_on_a_phone_the_search_box_is_compact_and_the_full_form_one_tap_away(
    phone: Any, server: Server
) -> None:
    go(phone, server, NURSE)
    query, button = box(phone, "#q"), box(phone, "form.search button[type=submit]")
    hidden_before = phone.locator("#role").is_visible()
    phone.get_by_text("Change role, audience or chapter").tap()
    phone.locator("#role").select_option("teacher")
    phone.locator("#chapter").select_option("3")
    with phone.expect_navigation():
        phone.get_by_role("button", name="Search").tap()
    asked = parse_qs(urlsplit(phone.url).query)
    assert (abs(query["y"] - button["y"]) < 8, hidden_before, asked["role"], asked["chapter"]) == (
        True,
        False,
        ["teacher"],
        ["3"],
    )


# ------------------------------------------------------ 2. the page view, read on a phone
def test_on_a_phone_the_marked_lines_are_shown_large_and_sharp(phone: Any, server: Server) -> None:
    first_page_view(phone, server)
    crop = phone.locator("figure.marks img")
    crop.scroll_into_view_if_needed()
    phone.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=crop.element_handle())
    drawn, shown, ratio = phone.evaluate(
        "img => [Number(new URL(img.currentSrc).searchParams.get('width')),"
        " img.getBoundingClientRect().width, devicePixelRatio]",
        crop.element_handle(),
    )
    whole = phone.locator("figure.page img")
    whole.scroll_into_view_if_needed()
    phone.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=whole.element_handle())
    # Each as the phone shows it, in device pixels; a mark is as high as its line of text.
    crop_mark = mark_height(crop.screenshot()) / ratio
    page_mark = mark_height(whole.screenshot()) / ratio
    assert (drawn >= shown * ratio, crop_mark >= 10, crop_mark >= 2 * page_mark) == (True, True, True), (
        drawn,
        shown,
        crop_mark,
        page_mark,
    )


def test_on_a_phone_the_whole_page_is_one_tap_away(phone: Any, server: Server) -> None:
    first_page_view(phone, server)
    phone.get_by_role("link", name="The whole page", exact=True).tap()
    phone.wait_for_function("location.hash === '#whole-page'")
    top, bottom = phone.evaluate(
        "[...['top', 'bottom']].map(k => document.querySelector('#whole-page img')"
        ".getBoundingClientRect()[k])"
    )
    # All of it in view (to the pixel: layout places the image at a fraction of one).
    assert (top > -1, bottom <= PHONE["viewport"]["height"]) == (True, True), (top, bottom)


@pytest.mark.parametrize("screen", list(SCREENS))
def test_the_pages_text_is_shown_with_the_marks(browser: Any, server: Server, screen: str) -> None:
    page = open_page(browser, SCREENS[screen])
    first_page_view(page, server)
    marks = page.locator(".page-text mark")
    shown = [marks.nth(i).inner_text() for i in range(marks.count()) if marks.nth(i).is_visible()]
    heading = page.locator(".page-text p.heading", has_text="Health assessments")
    # Every mark in view without a click (the text was folded away), the words as marked.
    assert (len(shown) == marks.count(), "girlfriends" in shown, heading.is_visible()) == (True, True, True)
    page.context.close()


def test_on_a_laptop_the_whole_page_comes_first_and_no_crop(page: Any, server: Server) -> None:
    first_page_view(page, server)
    assert (page.locator("figure.marks").is_visible(), box(page, "figure.page")["y"] < 400) == (False, True)


# --------------------------------------------------------------- the nurse, start to end
def test_the_nurse_finds_reads_and_opens_the_pdf_on_her_phone(phone: Any, server: Server) -> None:
    """From the home page on a phone: what to do about a 15-year-old's much older boyfriend.
    She types it, picks her role, searches, opens the first result's page, reads the
    marked lines without zooming, and opens the PDF at that page. Steps and time are kept
    in the assertion message."""
    steps: list[str] = []
    start = time.monotonic()
    go(phone, server)
    phone.get_by_label("Search the toolkit").tap()
    phone.get_by_label("Search the toolkit").fill("15 year old much older boyfriend")
    steps.append("typed the question")
    phone.get_by_label("Your role").select_option(label="School Nurses")
    steps.append("picked School Nurses")
    phone.get_by_role("button", name="Search").tap()
    phone.wait_for_url("**/search?**")
    first = phone.locator("li.hit").first
    steps.append(
        f"first result: {first.locator('h2').inner_text()}, {first.locator('.printed').inner_text()}"
    )
    first.get_by_role("link", name=re.compile("with your words marked")).tap()
    phone.wait_for_load_state("load")
    crop = phone.locator("figure.marks img")
    phone.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=crop.element_handle())
    in_view = crop.bounding_box()
    marks_read = mark_height(crop.screenshot()) / 2
    steps.append(f"marked lines at y={in_view['y']:.0f}, marks {marks_read:.0f} CSS px high")
    pdf_link = phone.get_by_role("link", name="Open the PDF at this page")
    href = pdf_link.get_attribute("href")
    pdf = phone.context.request.get(server.url + href.lstrip("/").split("#")[0])
    steps.append(f"PDF link {href}: {pdf.status} {pdf.headers['content-type']}")
    zoom = phone.evaluate("visualViewport.scale")
    seconds = time.monotonic() - start
    steps.append(f"{seconds:.1f} s, zoom {zoom}")
    assert (
        phone.locator("h1").inner_text(),
        in_view["y"] + in_view["height"] <= PHONE["viewport"]["height"],
        marks_read >= 10,
        href.endswith("#page=4"),
        (pdf.status, pdf.headers["content-type"]),
        zoom,
        seconds < 30,
    ) == (
        "Chapter 4: Health Services, printed page 58",
        True,
        True,
        True,
        (200, "application/pdf"),
        1,
        True,
    ), steps


# --------------------------------------------------------------------- 4. Enter submits
def test_enter_on_the_role_picker_searches(page: Any, server: Server) -> None:
    """The home page says: type, choose your role, press Enter. Done with the keyboard alone."""
    go(page, server)
    page.get_by_label("Search the toolkit").fill("pharmacies")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "role"
    while page.evaluate("document.activeElement.value") != "pharmacist":
        page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search?**")
    assert parse_qs(urlsplit(page.url).query) == {"q": ["pharmacies"], "role": ["pharmacist"]}


@pytest.mark.parametrize("control", ["audience", "chapter"])
def test_enter_on_every_list_of_the_results_form_searches(page: Any, server: Server, control: str) -> None:
    go(page, server, "search?q=consent")
    page.get_by_text("Change role, audience or chapter").click()
    page.locator(f"#{control}").focus()
    page.keyboard.press("ArrowDown")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert parse_qs(urlsplit(page.url).query)["q"] == ["consent"]


def test_the_plain_form_works_without_javascript(browser: Any, server: Server) -> None:
    page = open_page(browser, PHONE, java_script_enabled=False)
    go(page, server)
    page.get_by_label("Search the toolkit").fill("pharmacies")
    page.get_by_label("Your role").select_option("pharmacist")
    page.get_by_role("button", name="Search").tap()
    page.wait_for_url("**/search?**")
    first = page.locator("li.hit").first.locator("h2").inner_text()
    note = page.locator("#role-memory").is_visible()
    page.context.close()
    assert (first, note) == ("Pharmacies", False)  # nothing is remembered, so nothing is said


# ------------------------------------------------------------------ 5. the role remembered
def test_the_role_is_remembered_in_this_browser_and_nothing_else(page: Any, server: Server) -> None:
    go(page, server)
    page.get_by_label("Search the toolkit").fill("Jane Doe older boyfriend")
    page.get_by_label("Your role").select_option("school-nurse")
    page.get_by_label("Search the toolkit").press("Enter")
    page.wait_for_url("**/search?**")
    go(page, server)
    kept = page.evaluate(
        "() => [document.cookie, JSON.stringify(Object.assign({}, localStorage)),"
        " JSON.stringify(Object.assign({}, sessionStorage))]"
    )
    assert (page.locator("#role").input_value(), kept) == (
        "school-nurse",
        ["", '{"cse-toolkit-role":"school-nurse"}', "{}"],
    )
    assert "remembers the role you search with, and nothing else" in page.locator("#role-memory").inner_text()


def test_the_remembered_role_can_be_changed_and_forgotten(page: Any, server: Server) -> None:
    page.goto(server.url)
    page.evaluate("localStorage.setItem('cse-toolkit-role', 'school-nurse')")
    go(page, server)
    page.get_by_label("Search the toolkit").fill("consent")
    page.get_by_label("Your role").select_option("teacher")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url("**/search?**")
    go(page, server)
    changed = page.locator("#role").input_value()
    page.get_by_role("button", name="Forget my role").click()
    said = page.locator("#role-said").inner_text()
    stored = page.evaluate("localStorage.length")
    go(page, server)
    assert (changed, said, stored, page.locator("#role").input_value()) == (
        "teacher",
        "Forgotten: no role is kept now.",
        0,
        "",
    )


def test_a_role_in_the_link_wins_over_the_remembered_one(page: Any, server: Server) -> None:
    page.goto(server.url)
    page.evaluate("localStorage.setItem('cse-toolkit-role', 'school-nurse')")
    go(page, server, "?role=pharmacist")
    assert page.locator("#role").input_value() == "pharmacist"


# ------------------------------------------------------- 6. what a screen reader hears
def nurse_total(server: Server) -> int:
    return int(json.loads(server.get("/api/" + NURSE)[2])["total"])


def test_the_number_of_results_is_in_a_status_region(page: Any, server: Server) -> None:
    go(page, server, NURSE)
    status = page.locator("[role=status]", has_text="results")
    assert status.inner_text().startswith(
        f"{nurse_total(server)} results for “much older boyfriend” for School Nurses"
    )


def test_the_title_says_how_many_results(page: Any, server: Server) -> None:
    go(page, server, NURSE)
    assert page.title().startswith(
        f"{nurse_total(server)} results for “much older boyfriend” for School Nurses – "
    )


EVERY_PAGE = [
    "",
    NURSE,
    "search?q=zymurgy&role=school-nurse",
    "page-view",
    "reading",
    "a-z",
    "packs",
    "changes",
    "changes?role=school-nurse",
    "accessibility",
]


def page_path(server: Server, path: str) -> str:
    if path != "page-view":
        return path
    hit = json.loads(server.get("/api/search?q=much+older+boyfriend&role=school-nurse")[2])["results"][0]
    return "page/" + str(hit["image_url"]).split("/image/")[1].replace(".png", "")


@pytest.mark.parametrize("path", EVERY_PAGE)
def test_every_page_links_the_accessibility_statement(page: Any, server: Server, path: str) -> None:
    go(page, server, page_path(server, path))
    page.locator("footer").get_by_role("link", name="Accessibility statement").click()
    page.wait_for_load_state("load")
    text = page.locator("main").inner_text()
    assert (page.locator("h1").inner_text(), "WCAG) version 2.2 at level AA" in text) == (
        "Accessibility statement",
        True,
    )
    assert "contact Sample Local Safeguarding Children Board: email accessibility@example.org" in text


@pytest.mark.parametrize("screen", list(SCREENS))
@pytest.mark.parametrize("path", EVERY_PAGE)
def test_no_wcag_2_2_aa_violation(browser: Any, server: Server, path: str, screen: str) -> None:
    found = axe_violations(browser, server.url + page_path(server, path), SCREENS[screen])
    assert found == []


@pytest.mark.parametrize("path", [*EVERY_PAGE, "search?q=consent&role=astronaut"])
def test_reflow_at_320_pixels_without_sideways_scrolling(browser: Any, server: Server, path: str) -> None:
    page = open_page(browser, {"viewport": {"width": 320, "height": 640}, "device_scale_factor": 2})
    go(page, server, page_path(server, path))
    too_wide = page.evaluate("document.documentElement.scrollWidth > document.documentElement.clientWidth")
    page.context.close()
    assert too_wide is False


@pytest.mark.parametrize("screen", list(SCREENS))
def test_focus_is_never_hidden_and_every_target_is_big_enough(
    browser: Any, server: Server, screen: str
) -> None:
    """WCAG 2.4.11 and 2.5.8 by hand: Tab through the results page; each focused control is
    on screen (nothing sticky covers it) and at least 24 by 24 CSS pixels, or a link in a
    sentence (the spacing exception)."""
    page = open_page(browser, SCREENS[screen])
    go(page, server, NURSE)
    problems = []
    for _ in range(40):
        page.keyboard.press("Tab")
        found = page.evaluate(
            """() => { const e = document.activeElement; const r = e.getBoundingClientRect();
                 const inline = e.tagName === 'A' && getComputedStyle(e).display === 'inline'
                   && e.parentElement.tagName === 'P' && !e.parentElement.classList.contains('open');
                 return {name: (e.innerText || e.id || e.tagName).slice(0, 40), top: r.top, bottom: r.bottom,
                         width: r.width, height: r.height, inline: inline}; }"""
        )
        viewport = SCREENS[screen]["viewport"]
        if found["top"] < -1 or found["bottom"] > viewport["height"] + 1:  # sub-pixel rounding
            problems.append(("hidden", found["name"], found["top"], found["bottom"]))
        if not found["inline"] and (found["width"] < 24 or found["height"] < 24):
            problems.append(("small", found["name"], found["width"], found["height"]))
    page.context.close()
    assert problems == [], problems


# ------------------------------------------------------------------------- 7. the A to Z
@pytest.mark.parametrize("screen", list(SCREENS))
def test_a_to_z_sends_another_name_to_its_entry(browser: Any, server: Server, screen: str) -> None:
    page = open_page(browser, SCREENS[screen])
    go(page, server, "a-z")
    page.locator("#t-a-and-e").get_by_role("link", name="Accident & Emergency").click()
    page.wait_for_function("location.hash === '#t-accident-and-emergency'")
    target = page.locator("#t-accident-and-emergency")
    top = target.bounding_box()["y"]
    said = target.locator("dt").inner_text()
    page.context.close()
    assert (-1 <= top < 100, said) == (True, "Accident & Emergency"), top  # sub-pixel


def test_a_to_z_topic_word_lists_its_headings_on_a_phone(phone: Any, server: Server) -> None:
    go(phone, server, "a-z")
    phone.locator("#t-missing").get_by_role("link", name="Going missing").tap()
    phone.wait_for_function("location.hash === '#t-going-missing'")
    entry = phone.locator("#t-going-missing")
    entry.get_by_role("link", name="p. 89").tap()
    phone.wait_for_load_state("load")
    assert phone.locator("h1").inner_text().endswith("printed page 89")


# ------------------------------------------------------------- 8. snippets keep headings
@pytest.mark.parametrize("screen", list(SCREENS))
def test_a_snippets_heading_stands_on_its_own_line(browser: Any, server: Server, screen: str) -> None:
    page = open_page(browser, SCREENS[screen])
    go(page, server, "search?q=older+boyfriend&role=school-nurse")
    lines = page.locator("li.hit .snippet").first.inner_text().split("\n")
    page.context.close()
    assert lines[1:] == ["Health assessments", "School nurses complete or contribute to review …"]


# ------------------------------------------------------- 9. the audience in the JSON
def test_the_api_says_whose_reading_was_applied(page: Any, server: Server) -> None:
    go(page, server, "api/search?q=consent&role=social%20worker")
    answer = json.loads(page.locator("body").inner_text())
    assert (answer["role"], answer["audience"]) == (None, "social-care")
