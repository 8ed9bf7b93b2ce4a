"""Screenshots of the running web page with headless Chromium: the README's (made by
`make docs`, so they show what the page says today) and, with `--all DIR`, every page at
a laptop's size and a phone's, to look at before and after changing a template or the
stylesheet (dev only; needs Debian's chromium and Playwright).

    python tools/screenshot.py [--index index] [--docs docs] [--all DIR]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from tools.webserver import CHROMIUM_ARGS, start_server  # noqa: E402


@dataclass(frozen=True)
class Size:
    name: str
    width: int
    height: int
    scale: int  # device pixels per CSS pixel
    mobile: bool = False


LAPTOP = Size("laptop", 1280, 900, 1)
PHONE = Size("phone", 390, 844, 2, mobile=True)
NARROW = Size("320", 320, 700, 2, mobile=True)  # WCAG's reflow width
SEARCH = "search?q=pharmacies&role=pharmacist"
NURSE = "search?q=much+older+boyfriend&role=school-nurse"
# Every page a reader meets, by a short name for the file. "page" is found by following the
# first result of the nurse's search, as she would.
PAGES = {
    "home": "",
    "results": NURSE,
    "no-results": "search?q=zymurgy&role=school-nurse",
    "error": "search?q=consent&role=astronaut",
    "page": None,
    "reading": "reading",
    "a-z": "a-z",
    "packs": "packs",
    "changes": "changes?role=school-nurse",
    "accessibility": "accessibility",
}
# The README's pictures: (file in docs/, page, size, whole page or the first screen).
README_SHOTS = [
    ("web-search.png", SEARCH, LAPTOP, False),
    ("web-phone.png", NURSE, PHONE, False),
    ("web-page-phone.png", None, PHONE, False),
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--index", type=Path, default=REPO / "index")
    parser.add_argument("--config", type=Path, default=REPO / "config" / "toolkit.yaml")
    parser.add_argument("--pdfs", type=Path, default=REPO / "pdfs")
    parser.add_argument("--docs", type=Path, default=REPO / "docs", help="Where the README's pictures go.")
    parser.add_argument("--all", type=Path, help="Also write every page at both sizes into this folder.")
    parser.add_argument("--only", nargs="*", choices=list(PAGES), help="With --all: just these pages.")
    parser.add_argument("--no-docs", action="store_true", help="Skip the README's pictures.")
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as logs:
        server = start_server(args.config, args.pdfs, args.index, Path(logs))
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=args.chromium, args=CHROMIUM_ARGS)
                for name, path, size, full in [] if args.no_docs else README_SHOTS:
                    shoot(browser, server.url, path, size, args.docs / name, full)
                if args.all:
                    args.all.mkdir(parents=True, exist_ok=True)
                    for size in (LAPTOP, PHONE, NARROW):
                        for name, path in PAGES.items():
                            if args.only and name not in args.only:
                                continue
                            shoot(browser, server.url, path, size, args.all / f"{name}-{size.name}.png", True)
                browser.close()
        finally:
            server.stop()
    return 0


def shoot(browser: Any, base: str, path: str | None, size: Size, target: Path, full: bool) -> None:
    """One screenshot; `path` None is the page view of the nurse's first result."""
    context = browser.new_context(
        viewport={"width": size.width, "height": size.height},
        device_scale_factor=size.scale,
        is_mobile=size.mobile,
        has_touch=size.mobile,
    )
    page = context.new_page()
    if path is None:
        page.goto(base + NURSE)
        page.locator("li.hit h2 a").first.click()
    else:
        page.goto(base + path)
    page.wait_for_load_state("load")
    page.screenshot(path=str(target), full_page=full)
    context.close()
    print(f"wrote {target}")


if __name__ == "__main__":
    sys.exit(main())
