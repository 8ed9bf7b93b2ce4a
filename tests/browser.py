"""Fixtures and helpers for the browser tests, loaded by conftest.py (`pytest_plugins`):
the real web server on a copy of the sample index, Debian's headless Chromium driven by
Playwright, the two screens the page is judged on (a laptop, and a phone at twice the
pixels), and axe-core's WCAG 2.2 AA check.

Every fixture here skips, saying why, when Chromium, Playwright or axe-core is missing;
`.ci/run` installs all three (apt `chromium`, the `dev` extra, `npm install axe-core`).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tools.webserver import CHROMIUM_ARGS, Server, start_server

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CSE_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
AXE = Path(os.environ.get("CSE_AXE_JS", REPO / ".cache" / "axe" / "node_modules" / "axe-core" / "axe.min.js"))
# What "WCAG 2.2 AA" means to axe-core: every rule tagged with one of these.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# The two screens each page must work on: a laptop, and a phone (an iPhone 12-14's CSS
# size, two device pixels to each CSS pixel, touch).
LAPTOP: dict[str, Any] = {"viewport": {"width": 1280, "height": 900}}
PHONE: dict[str, Any] = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
}
SCREENS = {"laptop": LAPTOP, "phone": PHONE}


def _playwright() -> Any:
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="Playwright is not installed (pip install -e '.[dev]')"
    )
    if not Path(CHROMIUM).is_file():
        pytest.skip(f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    return sync_api


@pytest.fixture(scope="module")
def server(sample_index: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The real `cse-toolkit serve` on its own copy of the sample index, for one module."""
    root = tmp_path_factory.mktemp("browser")
    shutil.copytree(sample_index, root / "index", symlinks=True)
    running = start_server(REPO / "config" / "toolkit.yaml", REPO / "pdfs", root / "index", root / "logs")
    yield running
    running.stop()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Debian's Chromium, headless, started once per module."""
    sync_api = _playwright()
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield launched
        launched.close()


def open_page(browser: Any, screen: dict[str, Any] | None = None, **options: Any) -> Any:
    """A fresh browser context (no cookies, no storage) and a page in it."""
    context = browser.new_context(**(screen or LAPTOP), **options)
    opened = context.new_page()
    opened.set_default_timeout(20_000)
    return opened


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A page on a laptop-sized screen in a fresh context."""
    opened = open_page(browser)
    yield opened
    opened.context.close()


@pytest.fixture(params=list(SCREENS))
def screen_page(browser: Any, request: pytest.FixtureRequest) -> Iterator[Any]:
    """The same test on the laptop and on the phone (its name is the test id's suffix)."""
    opened = open_page(browser, SCREENS[request.param])
    yield opened
    opened.context.close()


@pytest.fixture
def phone(browser: Any) -> Iterator[Any]:
    """A page on the phone: 390x844 CSS pixels at a device pixel ratio of 2, touch."""
    opened = open_page(browser, PHONE)
    yield opened
    opened.context.close()


def axe_violations(browser: Any, url: str, screen: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """axe-core's WCAG 2.2 A and AA findings on one page, every impact (its CSP bypassed so
    that the test, not the page, can inject the script)."""
    if not AXE.is_file():
        pytest.skip(f"axe-core not found at {AXE} (npm install --prefix .cache/axe axe-core@4)")
    opened = open_page(browser, screen, bypass_csp=True)
    try:
        opened.goto(url)
        opened.wait_for_load_state("load")
        opened.add_script_tag(path=str(AXE))
        return list(
            opened.evaluate(
                """async (tags) => (await axe.run(document, {
                       runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})).violations
                     .map(v => ({id: v.id, impact: v.impact, help: v.help,
                                 nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)}))""",
                WCAG_TAGS,
            )
        )
    finally:
        opened.context.close()
