"""Screenshots of the web page with headless Chromium, for the README and for looking at
it at 200% zoom and on a phone (dev only; needs Debian's chromium and Playwright).

    python tools/screenshot.py --index index --out docs/web-search.png [--all DIR]

`--all DIR` also writes the search at 200% zoom and at phone width, the page view, the
reading lists and the A to Z into DIR, to look at before changing the stylesheet.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from tools.webserver import CHROMIUM_ARGS, start_server  # noqa: E402

SEARCH = "search?q=pharmacies&role=pharmacist"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--index", type=Path, default=REPO / "index")
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "web-search.png")
    parser.add_argument("--all", type=Path, help="Also write the other views into this folder.")
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as logs:
        server = start_server(REPO / "config" / "toolkit.yaml", REPO / "pdfs", args.index, Path(logs))
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=args.chromium, args=CHROMIUM_ARGS)
                shots: list[tuple[Path, str, Any, int, bool]] = [
                    (args.out, SEARCH, {"width": 1100, "height": 1000}, 1, False)
                ]
                if args.all:
                    args.all.mkdir(parents=True, exist_ok=True)
                    shots += [
                        (args.all / "zoom200.png", SEARCH, {"width": 640, "height": 900}, 2, False),
                        (args.all / "phone.png", SEARCH, {"width": 375, "height": 812}, 2, True),
                        (args.all / "home-phone.png", "", {"width": 375, "height": 812}, 2, False),
                        (args.all / "reading.png", "reading", {"width": 1100, "height": 1000}, 1, False),
                        (args.all / "a-z.png", "a-z", {"width": 1100, "height": 1000}, 1, False),
                        (args.all / "packs.png", "packs", {"width": 1100, "height": 800}, 1, False),
                        (
                            args.all / "error.png",
                            "search?q=consent&role=astronaut",
                            {"width": 1100, "height": 900},
                            1,
                            False,
                        ),
                    ]
                for target, path, viewport, scale, full in shots:
                    context = browser.new_context(viewport=viewport, device_scale_factor=scale)
                    page = context.new_page()
                    page.goto(server.url + path)
                    page.screenshot(path=str(target), full_page=full)
                    context.close()
                    print(f"wrote {target}")
                if args.all:
                    context = browser.new_context(viewport={"width": 1100, "height": 1400})
                    page = context.new_page()
                    page.goto(server.url + SEARCH)
                    page.get_by_role("link", name="See page 74 with your words marked").first.click()
                    page.wait_for_load_state("load")
                    page.screenshot(path=str(args.all / "page-view.png"))
                    page.emulate_media(media="print")
                    page.goto(server.url + SEARCH)
                    page.screenshot(path=str(args.all / "print.png"), full_page=True)
                    context.close()
                browser.close()
        finally:
            server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
