"""Hostile PDFs made byte by byte for the tests (issue 18): each is a few KB on disk and
exercises one way a file can attack or confuse a reader. Nothing here is written to the
repository; every test makes its own in a temporary folder.
"""

from __future__ import annotations

import ctypes
import os
import resource
import signal
import subprocess
import sys
import zlib
from collections.abc import Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def build_pdf(objects: Sequence[bytes], root: int = 1, trailer_extra: bytes = b"") -> bytes:
    """A PDF whose numbered objects (1, 2, ...) are `objects`, with a correct xref table."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root %d 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        root,
        trailer_extra,
        xref,
    )
    return bytes(out)


def stream(data: bytes, extra: bytes = b"", compress: bool = False) -> bytes:
    if compress:
        data = zlib.compress(data, 9)
        extra += b" /Filter /FlateDecode"
    return b"<< /Length %d%s >>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def text_content(lines: Sequence[bytes], top: int = 760) -> bytes:
    """A content stream drawing each line in Helvetica 12, one under the other."""
    ops = [b"BT /F1 12 Tf 72 %d Td 16 TL" % top]
    ops.extend(b"(" + line + b") Tj T*" for line in lines)
    ops.append(b"ET")
    return b"\n".join(ops)


HELVETICA = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def simple_pdf(pages: Sequence[Sequence[bytes]], catalog_extra: bytes = b"") -> bytes:
    """Pages of Helvetica text lines; objects: 1 catalog, 2 pages, 3 font, then page and
    content pairs."""
    kids = b" ".join(b"%d 0 R" % (4 + 2 * i) for i in range(len(pages)))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R " + catalog_extra + b">>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % len(pages),
        HELVETICA,
    ]
    for i, lines in enumerate(pages):
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % (5 + 2 * i)
        )
        objects.append(stream(text_content(lines)))
    return build_pdf(objects)


def invisible_characters(path: Path, words: Sequence[tuple[bytes, str]]) -> None:
    """One page whose words hold invisible characters: each (bytes, character) pair puts
    the byte in the text and maps it, in the font's ToUnicode map, to that character (a
    zero-width space inside "pharmacies", as some publishing tools write them)."""
    mapped = [(raw, char) for raw, char in words]
    chars = " ".join(f"<{i + 1:02X}> <{ord(char):04X}>" for i, (_, char) in enumerate(mapped))
    cmap = (
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /Hostile def\n"
        "1 begincodespacerange <00> <FF> endcodespacerange\n"
        f"{len(mapped)} beginbfchar {chars} endbfchar\n"
        "1 beginbfrange <20> <7E> <0020> endbfrange\n"
        "endcmap CMapName currentdict /CMap defineresource pop end end"
    ).encode()
    lines = []
    for i, (raw, _) in enumerate(mapped):
        lines.append(raw.replace(b"|", bytes([i + 1])))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 6 0 R >>",
        stream(text_content(lines)),
        stream(cmap),
    ]
    path.write_bytes(build_pdf(objects))


def nested_forms(path: Path, width: int = 10, depth: int = 7) -> None:
    """One page drawing a form XObject that draws `width` copies of the next form, `depth`
    levels down (width**depth drawings, each with a little text): a 2 KB memory bomb."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /XObject << /X0 5 0 R >> /Font << /F1 4 0 R >> >> /Contents 6 0 R >>",
        HELVETICA,
    ]
    # object numbers: 5 = level 0, 6 = page content, 7.. = levels 1..depth-1
    numbers = [5, *range(7, 7 + depth - 1)]
    bodies: dict[int, bytes] = {}
    for level, number in enumerate(numbers):
        if level + 1 < depth:
            child = numbers[level + 1]
            ops = b" ".join(b"q 1 0 0 1 0.1 0.1 cm /X Do Q" for _ in range(width))
            resources = b"/Resources << /XObject << /X %d 0 R >> /Font << /F1 4 0 R >> >>" % child
        else:
            ops = b"BT /F1 1 Tf 0 0 Td (sample words at the bottom of the tree) Tj ET"
            resources = b"/Resources << /Font << /F1 4 0 R >> >>"
        bodies[number] = stream(ops, b" /Type /XObject /Subtype /Form /BBox [0 0 595 842] " + resources)
    objects.append(bodies[5])
    objects.append(stream(b"BT /F1 12 Tf 72 760 Td (A page of forms) Tj ET q /X0 Do Q"))
    for number in numbers[1:]:
        objects.append(bodies[number])
    path.write_bytes(build_pdf(objects))


def deflate_bomb(path: Path, megabytes: int = 2000) -> None:
    """A page whose content stream is a few MB of zlib that inflates to `megabytes` of
    drawing operators with no text. Made in milliseconds: after a full flush the
    compressor's output for the same input repeats byte for byte, so one compressed
    block is written many times."""
    chunk = b"0 0 m 1 1 l S\n" * 74899  # about 1 MB
    compressor = zlib.compressobj(9)
    head = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    block = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    tail = compressor.compress(b"BT /F1 12 Tf 72 760 Td (bottom) Tj ET\n") + compressor.flush()
    data = head + block * (megabytes - 1) + tail
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        HELVETICA,
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream",
    ]
    path.write_bytes(build_pdf(objects))


def deep_page_tree(path: Path, depth: int = 100_000) -> None:
    """A valid PDF whose one page sits under `depth` nested /Pages nodes."""
    # 1 catalog, 2 font, 3 content, 4 page, 5.. the chain of /Pages nodes (5 is the root).
    objects = [
        b"<< /Type /Catalog /Pages 5 0 R >>",
        HELVETICA,
        stream(text_content([b"A page deep inside its page tree about numbats."])),
    ]
    leaf_parent = 5 + depth - 1
    objects.append(
        b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 2 0 R >> >> /Contents 3 0 R >>" % leaf_parent
    )
    for level in range(depth):
        number = 5 + level
        kid = number + 1 if level + 1 < depth else 4
        parent = b" /Parent %d 0 R" % (number - 1) if level else b""
        objects.append(b"<< /Type /Pages /Kids [%d 0 R] /Count 1%s >>" % (kid, parent))
    path.write_bytes(build_pdf(objects))


def labelled_pdf(
    path: Path, labels: Sequence[str], lines: Sequence[bytes], pages: Sequence[Sequence[bytes]] | None = None
) -> None:
    """Pages with the given /PageLabels prefixes (any characters, as a hostile file may
    carry: "²", an escape sequence), each page with the same text lines (or, with `pages`,
    each with its own)."""
    count = len(labels)
    # /P as a UTF-16BE hex string: <FEFF....>
    nums = b" ".join(
        b"%d << /P <FEFF%s> >>" % (i, label.encode("utf-16-be").hex().upper().encode())
        for i, label in enumerate(labels)
    )
    texts = list(pages) if pages is not None else [lines] * count
    path.write_bytes(simple_pdf(texts, catalog_extra=b"/PageLabels << /Nums [" + nums + b"] >> "))


def cyclic_outline(path: Path, lines: Sequence[bytes]) -> None:
    """One page with an outline whose two items point at each other as /Next (a cycle)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R /Outlines 6 0 R >>",
        b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
        HELVETICA,
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 3 0 R >> >> /Contents 5 0 R >>",
        stream(text_content(lines)),
        b"<< /Type /Outlines /First 7 0 R /Last 8 0 R /Count 2 >>",
        b"<< /Title (First) /Parent 6 0 R /Next 8 0 R /Prev 8 0 R /Dest [4 0 R /Fit] >>",
        b"<< /Title (Second) /Parent 6 0 R /Next 7 0 R /Prev 7 0 R /Dest [4 0 R /Fit] >>",
    ]
    path.write_bytes(build_pdf(objects))


# --------------------------------------------------------------------------- the CLI, fenced
def run_toolkit(
    args: Sequence[str],
    cwd: Path,
    guard_mb: int | None = 3072,
    unprivileged: bool = False,
    timeout: float = 180,
    max_file_mb: int | None = None,
    entry: str = "toolkit_main",
) -> subprocess.CompletedProcess[str]:
    """`cse-toolkit ARGS` in a subprocess. `guard_mb` caps its address space, so a bomb
    that escaped the tool's own limits fails the test rather than the machine.
    `unprivileged`: file permissions apply even to root (its power to read and write any
    file is dropped), so "no permission" can be tested on a CI machine that runs as root.
    `max_file_mb`: no file may grow past this (a full disk, as the writer sees it).
    `entry`: "toolkit_main" (cse-toolkit) or "search_main" (cse-search)."""

    def fence() -> None:
        if guard_mb is not None:
            limit = guard_mb << 20
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        if max_file_mb is not None:
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG
            resource.setrlimit(resource.RLIMIT_FSIZE, (max_file_mb << 20, max_file_mb << 20))
        if unprivileged and os.geteuid() == 0:
            libc = ctypes.CDLL(None, use_errno=True)
            for capability in (1, 2):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH
                if libc.prctl(24, capability, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
                    raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")

    return subprocess.run(
        [sys.executable, "-c", f"from pipeline.cli import {entry}; {entry}()", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        preexec_fn=fence,
        env={**os.environ, "PYTHONPATH": str(REPO), "NO_COLOR": "1"},
    )
