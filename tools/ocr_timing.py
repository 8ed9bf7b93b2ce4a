"""How long OCR takes a page on this machine (issue 16); a measurement, not a test.

    python tools/ocr_timing.py [--pages 4] [--dpi 150 300]

Scans pages of the sample's chapter 4 the way a scanner would (each page rendered to a
grey image with PDFium and wrapped as an image-only PDF), ingests the scan with the real
`cse-toolkit ingest` into a fresh index, and prints the ingest's own OCR line ("OCR read
4 pages in 16.0 s (4.0 s a page)") for each resolution, with the machine's load.
"""

from __future__ import annotations

import argparse
import io
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pypdfium2
from pypdf import PdfReader, PdfWriter

REPO = Path(__file__).resolve().parent.parent
CHAPTER_4 = REPO / "pdfs" / "chapter-4-health-services.pdf"
FIRST = 1  # 0-based: from printed page 56 (after the title page), up to 21 pages of body text


def write_scan(path: Path, pages: int, dpi: int) -> None:
    document = pypdfium2.PdfDocument(str(CHAPTER_4))
    writer = PdfWriter()
    try:
        for index in range(FIRST, min(FIRST + pages, len(document))):
            image = document[index].render(scale=dpi / 72, grayscale=True).to_pil()
            buffer = io.BytesIO()
            image.save(buffer, format="PDF", resolution=dpi)
            writer.add_page(PdfReader(buffer).pages[0])
    finally:
        document.close()
    with path.open("wb") as handle:
        writer.write(handle)


def measure(pages: int, dpi: int) -> str:
    with tempfile.TemporaryDirectory(prefix="cse-ocr-timing-") as work:
        root = Path(work)
        (root / "pdfs").mkdir()
        write_scan(root / "pdfs" / "scan.pdf", pages, dpi)
        (root / "toolkit.yaml").write_text("chapters: []\n", encoding="utf-8")
        command = [str(Path(sys.executable).parent / "cse-toolkit"), "ingest", "--ocr=auto"]
        command += ["--config", str(root / "toolkit.yaml"), "--pdfs", str(root / "pdfs")]
        command += ["--index", str(root / "index")]
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        line = next((x for x in done.stdout.splitlines() if x.startswith("OCR read")), None)
        return line or f"no OCR line (exit {done.returncode}): {done.stdout.strip()[-300:]}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=4)
    parser.add_argument("--dpi", type=int, nargs="+", default=[150, 300])
    args = parser.parse_args()
    print(f"{os.cpu_count()} cores; load average before: {os.getloadavg()[0]:.1f}")
    for dpi in args.dpi:
        print(f"{dpi} dpi, {args.pages} pages: {measure(args.pages, dpi)}")
    print(f"load average after: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
