"""Where the page view crops a page to show its marked lines on a phone (issue 23, item 2):
the group with most marks, a line either side, wide enough to read and no wider."""

from __future__ import annotations

from pipeline.web.crop import READABLE_POINTS, Region, around_marks

SCALE = 1.5
PAGE = (893, 1263)  # A4 at SCALE
LINE = 21.0  # baseline to baseline, image pixels


def letters(lines: int = 50) -> list[tuple[float, float, float, float]]:
    """A page of text: a column from x 108 to 785, one letter box per 10 pixels."""
    return [
        (x, 100 + row * LINE, x + 8, 100 + row * LINE + 9)
        for row in range(lines)
        for x in range(108, 785, 10)
    ]


def mark(row: int, x0: float, x1: float) -> tuple[float, float, float, float]:
    return (x0, 100 + row * LINE, x1, 100 + row * LINE + 9)


def holds(region: Region, box: tuple[float, float, float, float]) -> bool:
    return (
        region.left <= box[0] and box[2] <= region.right and region.top <= box[1] and box[3] <= region.bottom
    )


def test_the_crop_holds_the_group_with_most_marks_and_a_line_either_side() -> None:
    lone, *group = [mark(3, 200, 260), mark(30, 300, 350), mark(31, 500, 560), mark(31, 400, 450)]
    region = around_marks([lone, *group], letters(), PAGE, SCALE)
    assert region is not None
    assert (region.marks, all(holds(region, b) for b in group), holds(region, lone)) == (3, True, False)
    assert region.top <= group[0][1] - LINE and region.bottom >= group[1][3] + LINE * 0.9


def test_the_crop_is_as_wide_as_reading_needs_and_stays_in_the_text_column() -> None:
    near_the_right = mark(10, 740, 780)
    region = around_marks([near_the_right], letters(), PAGE, SCALE)
    assert region is not None
    assert READABLE_POINTS * SCALE <= region.width <= READABLE_POINTS * SCALE + 2 * LINE
    assert (holds(region, near_the_right), region.right <= 785 + LINE) == (True, True)


def test_marks_wider_than_that_are_all_in_the_crop() -> None:
    wide = [mark(5, 110, 200), mark(5, 690, 780)]
    region = around_marks(wide, letters(), PAGE, SCALE)
    assert region is not None and all(holds(region, b) for b in wide)


def test_nothing_marked_is_no_crop() -> None:
    assert around_marks([], letters(), PAGE, SCALE) is None
