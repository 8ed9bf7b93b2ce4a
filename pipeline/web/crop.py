"""Where to crop a page so that its marked lines can be read on a phone.

A whole A4 page drawn 364 CSS pixels wide has body text about 7 pixels high: legible only
after pinch-zoom. So the page view also shows an enlarged crop: the marked lines with a
line above and below, READABLE_POINTS wide (at a phone's width, body text then stands
about as high as the page's own text), centred on the marks. When the marks are far
apart, the crop holds the group with the most of them, and the whole page is a tap away.

Pure geometry on the boxes `pages.mark_boxes` gives (image pixels at pages.SCALE).
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass

Box = tuple[float, float, float, float]  # left, top, right, bottom

READABLE_POINTS = 260.0  # about 40 characters of 10-point text: 14 CSS px letters on a phone
LINES_AROUND = 1.25  # a line of context above the first marked line and below the last
GAP_LINES = 3.0  # marks further apart than this many lines are separate groups
MAX_LINES = 12  # a crop never grows taller than this many lines
LINE_SPACING = 1.5  # a line's height, as a multiple of its letters', on a one-line page


@dataclass(frozen=True)
class Region:
    """A rectangle of the page in image pixels, and how many marks it holds."""

    left: float
    top: float
    right: float
    bottom: float
    marks: int

    @property
    def width(self) -> float:
        return self.right - self.left

    @property
    def height(self) -> float:
        return self.bottom - self.top


def line_height(letters: Sequence[Box]) -> float:
    """The page's usual distance from one line to the next: the median step between the
    letters' baselines, or their height spaced when the page has one line."""
    heights = [bottom - top for _, top, _, bottom in letters if bottom > top]
    if not heights:
        return 15.0
    letter = statistics.median(heights)
    baselines: list[float] = []
    for bottom in sorted(b[3] for b in letters if b[3] > b[1]):
        if not baselines or bottom - baselines[-1] > letter / 2:
            baselines.append(bottom)
    steps = [b - a for a, b in zip(baselines, baselines[1:], strict=False) if letter < b - a < 3 * letter]
    return statistics.median(steps) if steps else letter * LINE_SPACING


def groups(marks: Sequence[Box], line: float) -> list[list[Box]]:
    """Marks in reading order, grouped where fewer than GAP_LINES lines separate them."""
    found: list[list[Box]] = []
    for box in sorted(marks, key=lambda b: (b[1], b[0])):
        if found and box[1] - max(b[3] for b in found[-1]) < GAP_LINES * line:
            found[-1].append(box)
        else:
            found.append([box])
    return found


def around_marks(
    marks: Sequence[Box], letters: Sequence[Box], page_size: tuple[int, int], scale: float
) -> Region | None:
    """The region to enlarge: the group with most marks (the first, on a tie), a line of
    context above and below, READABLE_POINTS wide (wider if its marks are), kept inside
    the page's text and the page. None when nothing is marked."""
    if not marks:
        return None
    line = line_height(letters)
    chosen = max(groups(marks, line), key=len)  # max keeps the first of equals
    left, right = min(b[0] for b in chosen), max(b[2] for b in chosen)
    top, bottom = min(b[1] for b in chosen), max(b[3] for b in chosen)
    inked = [b for b in letters if b[2] > b[0] and b[3] > b[1]]
    text_left = min((b[0] for b in inked), default=0.0)
    text_right = max((b[2] for b in inked), default=float(page_size[0]))
    # Horizontally: a readable width, centred on the marks, inside the text's margins.
    want = max(READABLE_POINTS * scale, right - left + line)
    centre = (left + right) / 2
    x0 = max(min(centre - want / 2, text_right - want), text_left)
    x0, x1 = max(0.0, x0 - line / 2), min(float(page_size[0]), x0 + want + line / 2)
    # Vertically: the marked lines and a line either side, at most MAX_LINES tall.
    y0 = max(0.0, top - LINES_AROUND * line)
    y1 = min(float(page_size[1]), bottom + LINES_AROUND * line, y0 + MAX_LINES * line)
    return Region(x0, y0, x1, y1, len(chosen))
