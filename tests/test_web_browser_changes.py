"""The "What changed" page in a real browser (Chromium through Playwright, the fixture in
tests/browser.py): at a desktop and a phone size it passes axe-core's WCAG 2.0, 2.1 and 2.2
A and AA rules, fits without sideways scrolling, and a person can pick a role and follow a
changed section to its page now."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser import AXE  # `browser`, the shared Chromium fixture, comes from tests/browser.py
from tests.conftest import SAMPLE_CONFIG, SAMPLE_PDFS, Place
from tests.helpers import republish_chapter4
from tools.webserver import Server, start_server

SIZES = {"desktop": (1280, 900), "phone": (390, 844)}
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
PATHS = ["/changes", "/changes?role=pharmacist", "/changes?role=foster-carer"]


@pytest.fixture(scope="module")
def changes_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The sample ingested twice: edition 1, then chapter 4 republished (edition 2)."""
    root = tmp_path_factory.mktemp("browser-changes")
    pdfs, config, index = root / "pdfs", root / "toolkit.yaml", root / "index"
    shutil.copytree(SAMPLE_PDFS, pdfs)
    shutil.copy(SAMPLE_CONFIG, config)
    place = Place(config, pdfs, index)
    assert place.ingest().exit_code == 0
    republish_chapter4(pdfs, config)
    assert place.ingest().exit_code == 0
    running = start_server(config, pdfs, index, root / "logs")
    yield running
    running.stop()


def opened(browser: Any, size: str, bypass_csp: bool = False) -> Any:
    width, height = SIZES[size]
    context = browser.new_context(viewport={"width": width, "height": height}, bypass_csp=bypass_csp)
    page = context.new_page()
    page.set_default_timeout(20_000)
    return page


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("path", PATHS)
def test_the_changes_page_passes_axe_wcag_a_and_aa(
    browser: Any,
    changes_server: Server,
    path: str,
    size: str,
) -> None:
    if not AXE.is_file():
        pytest.skip(f"axe-core not found at {AXE} (npm install --prefix .cache/axe axe-core)")
    page = opened(browser, size, bypass_csp=True)  # so that the test can inject axe
    page.goto(changes_server.url.rstrip("/") + path)
    page.add_script_tag(path=str(AXE))
    found = page.evaluate(
        """async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags},
             resultTypes: ['violations']})).violations
             .map(v => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length}))""",
        WCAG,
    )
    page.context.close()
    assert found == []


@pytest.mark.parametrize("size", SIZES)
def test_the_changes_page_fits_the_screen(
    browser: Any,
    changes_server: Server,
    size: str,
    tmp_path: Path,
) -> None:
    page = opened(browser, size)
    page.goto(changes_server.url.rstrip("/") + "/changes?role=pharmacist")
    wider = page.evaluate("document.documentElement.scrollWidth > document.documentElement.clientWidth")
    page.screenshot(path=str(tmp_path / f"changes-{size}.png"), full_page=True)
    page.context.close()
    assert wider is False


def test_picking_a_role_and_following_a_change_to_its_page(
    browser: Any,
    changes_server: Server,
) -> None:
    page = opened(browser, "phone")
    page.goto(changes_server.url.rstrip("/") + "/changes")
    page.get_by_label("Your role").select_option(label="Pharmacies")
    page.get_by_role("button", name="Show what changed").click()
    page.wait_for_url("**/changes?role=pharmacist")
    edition = page.locator("#edition-2-section")
    assert edition.locator("li").all_inner_texts() == ["Pharmacies: moved from p. 74 to p. 75"]
    edition.get_by_role("link", name="Pharmacies").click()
    page.wait_for_load_state("load")
    heading = page.locator("h1").inner_text()
    page.context.close()
    assert heading == "Chapter 4: Health Services, printed page 75"


def test_the_remembered_role_is_shown_its_changes_and_can_be_forgotten(
    browser: Any,
    changes_server: Server,
) -> None:
    page = opened(browser, "phone")
    page.goto(changes_server.url.rstrip("/") + "/accessibility")
    page.evaluate("localStorage.setItem('cse-toolkit-role', 'pharmacist')")
    page.goto(changes_server.url.rstrip("/") + "/changes")
    page.wait_for_url("**/changes?role=pharmacist")
    shown = (page.locator("#role").input_value(), page.locator("h1").inner_text())
    page.get_by_role("button", name="Forget my role").click()
    said = page.locator("#role-said").inner_text()
    stored = page.evaluate("localStorage.length")
    page.goto(changes_server.url.rstrip("/") + "/changes")
    page.wait_for_load_state("load")
    after = (page.url.endswith("/changes"), page.locator("#role").input_value())
    page.context.close()
    assert shown == ("pharmacist", "What changed for Pharmacies")
    assert (said, stored, after) == ("Forgotten: no role is kept now.", 0, (True, ""))


def test_picking_a_role_on_the_changes_page_remembers_it(browser: Any, changes_server: Server) -> None:
    page = opened(browser, "desktop")
    page.goto(changes_server.url.rstrip("/") + "/changes")
    page.get_by_label("Your role").select_option(label="Pharmacies")
    page.get_by_role("button", name="Show what changed").click()
    page.wait_for_url("**/changes?role=pharmacist")
    kept = page.evaluate("localStorage.getItem('cse-toolkit-role')")
    page.context.close()
    assert kept == "pharmacist"
