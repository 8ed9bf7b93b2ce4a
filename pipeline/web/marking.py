"""How a match is marked on a page: a tint multiplied into the page (black text stays black)
and an outline (so a mark does not rely on colour alone). The same marks are drawn into an
image by PDFium's worker (renderer.py) and over the page view's image as SVG boxes."""

from __future__ import annotations

from collections.abc import Sequence

from PIL import Image, ImageChops, ImageDraw

Box = tuple[float, float, float, float]  # left, top, right, bottom in image pixels

MARK_FILL = (255, 221, 0)
MARK_EDGE = (176, 96, 0)
EDGE = 2  # the outline's width in the page image's pixels, outside the marked letters


def area(box: Box, edge: int = EDGE) -> tuple[int, int, int, int]:
    """The pixels a mark covers: the letters' box on whole pixels, `edge` wider each side."""
    left, top, right, bottom = box
    return (int(left) - edge, int(top) - edge, int(right) + edge, int(bottom) + edge)


def draw(image: Image.Image, boxes: Sequence[Box], edge: int = EDGE) -> None:
    """Each box tinted (multiplied) and outlined, in an RGB image."""
    pen = ImageDraw.Draw(image)
    for box in boxes:
        covered = area(box, edge)
        region = image.crop(covered)
        image.paste(ImageChops.multiply(region, Image.new("RGB", region.size, MARK_FILL)), covered[:2])
        pen.rectangle(covered, outline=MARK_EDGE, width=edge)


def rects(boxes: Sequence[Box]) -> list[tuple[int, int, int, int]]:
    """The marks as SVG rectangles (x, y, width, height) over the page image: the pixels
    `draw` covers, the outline (stroke EDGE wide, centred on the rectangle's edge) inside."""
    half = EDGE // 2
    found = []
    for box in boxes:
        left, top, right, bottom = area(box)
        found.append((left + half, top + half, right - left - 2 * half + 1, bottom - top - 2 * half + 1))
    return found
