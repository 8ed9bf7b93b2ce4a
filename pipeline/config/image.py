"""What an image file named in the config really is, read from its own first bytes.

`board.logo` is embedded in every pack (a data URI in the HTML pack, served over HTTP): a
name ending in .png proves nothing, and a path once let `/etc/passwd` out that way. The
header says whether the bytes are a PNG or a JPEG and how many pixels they would decode
to, without decoding them (a logo of 100,000 x 100,000 pixels is a memory bomb).
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path

MAX_IMAGE_BYTES = 5 * 1024 * 1024  # a logo is tens of kilobytes
MAX_IMAGE_PIXELS = 25_000_000  # 5,000 x 5,000: far more than a cover needs
SUFFIXES = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG"}
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# JPEG start-of-frame markers (SOF0-SOF15 less DHT, JPG and DAC), which carry the size.
_JPEG_FRAMES = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}


@dataclass(frozen=True)
class Image:
    data: bytes
    kind: str  # "PNG" or "JPEG"
    width: int
    height: int

    @property
    def mime(self) -> str:
        return "image/png" if self.kind == "PNG" else "image/jpeg"


def _png_size(data: bytes) -> tuple[int, int] | None:
    if not data.startswith(_PNG_SIGNATURE) or data[12:16] != b"IHDR" or len(data) < 24:
        return None
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def _jpeg_size(data: bytes) -> tuple[int, int] | None:
    """Walk the JPEG's marker segments to its frame header."""
    if not data.startswith(b"\xff\xd8"):
        return None
    at = 2
    while at + 4 <= len(data):
        if data[at] != 0xFF:
            return None
        marker = data[at + 1]
        if marker == 0xFF:  # fill byte
            at += 1
            continue
        if marker in (0x01, *range(0xD0, 0xD8)):  # markers without a length
            at += 2
            continue
        (length,) = struct.unpack(">H", data[at + 2 : at + 4])
        if marker in _JPEG_FRAMES:
            if at + 9 > len(data):
                return None
            height, width = struct.unpack(">HH", data[at + 5 : at + 9])
            return width, height
        if length < 2:
            return None
        at += 2 + length
    return None


def _too_big(size: int) -> str:
    return f"is {size:,} bytes, over the {MAX_IMAGE_BYTES // (1024 * 1024)} MB a logo may be"


def image_problem(data: bytes, suffix: str) -> str | None:
    """Why these bytes are not the image their name says (None when they are)."""
    claimed = SUFFIXES.get(suffix.lower())
    if claimed is None:
        return "is not a PNG or JPEG file name"
    if len(data) > MAX_IMAGE_BYTES:
        return _too_big(len(data))
    size = _png_size(data) if claimed == "PNG" else _jpeg_size(data)
    if size is None:
        other = "JPEG" if claimed == "PNG" else "PNG"
        really = _jpeg_size(data) if other == "JPEG" else _png_size(data)
        if really is not None:
            return f"is named as a {claimed} image but holds a {other} one; rename it"
        return f"is not a {claimed} image (its first bytes are not a {claimed} header)"
    width, height = size
    if width < 1 or height < 1:
        return f"is a {claimed} image of {width} x {height} pixels, which shows nothing"
    if width * height > MAX_IMAGE_PIXELS:
        return (
            f"is a {claimed} image of {width:,} x {height:,} pixels, more than the "
            f"{MAX_IMAGE_PIXELS:,} a logo may have; use a smaller copy"
        )
    return None


def read_image(path: Path) -> Image | str:
    """The image at `path`, or why it is not one (not a regular file, too big, not what its
    name says). The size is checked before the bytes are read."""
    if path.suffix.lower() not in SUFFIXES:
        return "is not a PNG or JPEG file name"
    try:
        if not path.is_file():
            return "is not a file" if path.exists() else "not found"
        if path.stat().st_size > MAX_IMAGE_BYTES:
            return _too_big(path.stat().st_size)
        data = path.read_bytes()
    except OSError as exc:
        return f"cannot be read ({exc.strerror})"
    problem = image_problem(data, path.suffix)
    if problem is not None:
        return problem
    size = _png_size(data) or _jpeg_size(data)
    assert size is not None
    return Image(data, SUFFIXES[path.suffix.lower()], *size)
