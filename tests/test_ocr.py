"""Scanned pages are read by OCR at ingest and cited like any other page (issue 16).

The scanned PDF is made in the test: two pages of the sample's chapter 4 (printed pages
73 and 74), the first kept as it is (a text layer) and the second rendered to an image
with PDFium and wrapped as an image-only page, as a scanner would give it. Rendering at
150 dpi keeps OCR to a few seconds while the 8-point footer ("Page 74") stays readable.

Tests that run OCR need OCRmyPDF and Tesseract; they skip without them (`.ci/run`
installs both, so CI runs them).
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from unittest import mock

import pypdfium2
import pytest
from click.testing import Result
from pypdf import PdfReader, PdfWriter

from pipeline.ingest import ocr, stopping
from tests.conftest import SAMPLE_PDFS, Place, corpus_dir

CHAPTER_4 = SAMPLE_PDFS / "chapter-4-health-services.pdf"
PARAMEDICS, PHARMACIES = 18, 19  # 0-based PDF pages of printed pages 73 and 74
SCANNED = "scanned-chapter-4.pdf"
SCAN_DPI = 150
CONFIG = f"""\
chapters:
  - number: 4
    title: Health Services
    file: {SCANNED}
    sections:
      - id: paramedics
        title: Paramedics
        start: 73
      - id: pharmacies
        title: Pharmacies
        start: 74
"""
# On the Pharmacies page only, so a hit can only come from the scanned page.
PHRASE = '"emergency hormonal contraception"'

needs_ocr = pytest.mark.skipif(
    not ocr.available(),
    reason="OCRmyPDF and Tesseract are not installed (apt-get install -y ocrmypdf tesseract-ocr-eng; "
    ".ci/run installs them)",
)


def scanned_page(index: int) -> PdfReader:
    """One sample page as a scanner gives it: an image, no text layer."""
    document = pypdfium2.PdfDocument(str(CHAPTER_4))
    try:
        image = document[index].render(scale=SCAN_DPI / 72, grayscale=True).to_pil()
    finally:
        document.close()
    buffer = io.BytesIO()
    image.save(buffer, format="PDF", resolution=SCAN_DPI)
    return PdfReader(buffer)


def write_scan(path: Path, text_pages: tuple[int, ...], image_pages: tuple[int, ...]) -> Path:
    """A PDF of sample pages in order: those in `text_pages` as published, those in
    `image_pages` scanned."""
    writer = PdfWriter()
    published = PdfReader(CHAPTER_4)
    for index in sorted((*text_pages, *image_pages)):
        page = scanned_page(index).pages[0] if index in image_pages else published.pages[index]
        writer.add_page(page)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        writer.write(handle)
    return path


def first_result(root: Path, query: str) -> dict[str, Any]:
    found = Place.under(root).text_search(query, "--json")
    assert found.exit_code == 0, found.output
    return json.loads(found.stdout)["results"][0]


def setup_scan(root: Path, text_pages: tuple[int, ...], image_pages: tuple[int, ...]) -> Path:
    write_scan(root / "pdfs" / SCANNED, text_pages, image_pages)
    (root / "toolkit.yaml").write_text(CONFIG, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def scanned(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Result]:
    """Printed page 73 with its text layer, then page 74 scanned; ingested once."""
    if not ocr.available():
        pytest.skip("OCRmyPDF and Tesseract are not installed")
    root = setup_scan(tmp_path_factory.mktemp("scanned"), (PARAMEDICS,), (PHARMACIES,))
    result = Place.under(root).ingest()
    assert result.exit_code == 0, result.output
    return root, result


# --------------------------------------------------------------------------- found and cited
@needs_ocr
def test_phrase_on_scanned_page_is_cited_with_its_printed_page(scanned: tuple[Path, Result]) -> None:
    hit = first_result(scanned[0], PHRASE)
    assert (hit["section"], hit["page"], hit["pdf_page"], hit["ocr"]) == ("pharmacies", "74", 2, True)


@needs_ocr
def test_text_layer_page_beside_a_scan_is_not_marked_ocr(scanned: tuple[Path, Result]) -> None:
    hit = first_result(scanned[0], "paramedics")
    assert (hit["page"], hit["ocr"]) == ("73", False)


@needs_ocr
def test_only_the_page_without_text_is_read_by_ocr(scanned: tuple[Path, Result]) -> None:
    assert "OCR read 1 page in" in scanned[1].output


@needs_ocr
def test_search_output_says_the_text_was_read_by_ocr(scanned: tuple[Path, Result]) -> None:
    found = Place.under(scanned[0]).text_search(PHRASE, "--limit", "1")
    assert "PDF page 2 (text read by OCR: check the page)" in found.output


@needs_ocr
def test_second_ingest_takes_ocr_text_from_the_cache(scanned: tuple[Path, Result], tmp_path: Path) -> None:
    root = tmp_path / "again"
    shutil.copytree(scanned[0], root, symlinks=True)
    again = Place.under(root).ingest("--force")
    assert (
        "1 page already read by OCR (by an earlier ingest or `cse-toolkit sections`) came from the cache."
        in (again.output)
    )


@needs_ocr
def test_ocr_always_reads_the_text_page_too_and_reuses_the_cached_scan(
    scanned: tuple[Path, Result], tmp_path: Path
) -> None:
    root = tmp_path / "always"
    shutil.copytree(scanned[0], root, symlinks=True)
    again = Place.under(root).ingest("--ocr=always")
    line = next(line for line in again.output.splitlines() if line.startswith("OCR read"))
    assert line.endswith(
        "; 1 more page already read by OCR (by an earlier ingest or `cse-toolkit sections`) came from the cache."
    ), line


@needs_ocr
def test_audit_after_ingesting_a_scan_finds_nothing_changed(scanned: tuple[Path, Result]) -> None:
    root = scanned[0]
    result = Place.under(root).run("audit")
    assert result.exit_code == 0, result.output


def test_ocr_page_ranges_are_compact() -> None:
    assert ocr.page_ranges((7, 1, 2, 3, 9, 10)) == "1-3,7,9-10"


@needs_ocr
def test_sections_view_finds_the_heading_on_the_scanned_page(scanned: tuple[Path, Result]) -> None:
    root = scanned[0]
    result = Place.under(root).run("sections")
    line = next(line for line in result.output.splitlines() if line.strip().startswith("pharmacies"))
    assert line.endswith("heading found on p. 74"), result.output


# --------------------------------------------------------------------------- OCR off or absent
def test_ocr_never_gives_the_scanned_message(tmp_path: Path) -> None:
    root = setup_scan(tmp_path, (), (PHARMACIES,))
    result = Place.under(root).ingest("--ocr=never")
    assert f"{SCANNED}: has no text layer (it looks scanned). OCR is off" in result.output


def test_ocr_never_exits_3(tmp_path: Path) -> None:
    root = setup_scan(tmp_path, (), (PHARMACIES,))
    assert Place.under(root).ingest("--ocr=never").exit_code == 3


def test_without_ocr_installed_the_message_gives_the_install_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = setup_scan(tmp_path, (), (PHARMACIES,))
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))  # neither ocrmypdf nor tesseract can be found
    result = Place.under(root).ingest()
    assert (
        f"{SCANNED}: has no text layer (it looks scanned). Install OCR to read it "
        "(apt-get install -y ocrmypdf tesseract-ocr-eng) and ingest again." in result.output
    )


def test_ocr_never_in_the_config_is_used_without_the_option(tmp_path: Path) -> None:
    root = setup_scan(tmp_path, (), (PHARMACIES,))
    (root / "toolkit.yaml").write_text(CONFIG + "ocr: never\n", encoding="utf-8")
    assert "OCR is off" in Place.under(root).ingest().output


def test_results_from_text_layers_are_marked_not_ocr(cse_search: Any) -> None:
    answer = json.loads(cse_search("pharmacies", "--json").stdout)
    assert {r["ocr"] for r in answer["results"]} == {False}


# --------------------------------------------------------------------------- a real scan
@needs_ocr
def test_real_typewritten_scan_is_read(tmp_path: Path) -> None:
    """A 1974 typewritten service bulletin, scanned with no text layer (shared corpus)."""
    source = corpus_dir("broken") / "pdfminer__175.pdf"
    (tmp_path / "pdfs").mkdir()
    shutil.copy(source, tmp_path / "pdfs" / source.name)
    (tmp_path / "toolkit.yaml").write_text("chapters: []\n", encoding="utf-8")
    assert Place.under(tmp_path).ingest().exit_code == 0
    hit = first_result(tmp_path, '"oversize tire accessory kit"')
    assert (hit["file"], hit["pdf_page"], hit["ocr"]) == (source.name, 1, True)


# ------------------------------------------ issue 25 item 7: a stopped ingest stops its tree
def _running(pid: int) -> bool:
    """Alive and not a zombie (a finished process its parent has not yet waited for)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def _names(pids: list[int]) -> set[str]:
    names = set()
    for pid in pids:
        with contextlib.suppress(OSError):
            names.add(Path(f"/proc/{pid}/comm").read_text().strip())
    return names


@needs_ocr
@pytest.mark.parametrize("how", ["sigterm", "sighup-to-the-group", "sigkill-to-the-group"])
def test_a_stopped_ingest_stops_every_process_it_started(tmp_path: Path, how: str) -> None:
    """SIGTERM to `ingest` left its workers running without a parent; during OCR,
    ocrmypdf, tesseract and gs kept running; a hang-up or a kill of the process group
    orphaned the OCR programs (they had a session of their own) and left their temporary
    folders. Now nothing it started outlives it, and no folder is left (after SIGKILL, which
    nobody can clean up after, the next OCR run removes it)."""
    root = setup_scan(tmp_path / "toolkit", (), (PHARMACIES, PARAMEDICS, 10, 11, 12, 13, 14, 15))
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    process = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from pipeline.cli import toolkit_main; toolkit_main()",
            *Place.under(root).args("ingest"),
        ],
        cwd=root,
        env={**os.environ, "TMPDIR": str(temporary)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,  # its own process group, as a shell gives a command
    )
    try:
        deadline = time.monotonic() + 120
        started: list[int] = []
        while time.monotonic() < deadline and not {"tesseract", "gs"} & _names(started):
            time.sleep(0.2)
            started = stopping.descendants(process.pid)
        assert {"tesseract", "gs"} & _names(started), f"OCR never started: {_names(started)}"
        signal_of = {"sigterm": signal.SIGTERM, "sighup-to-the-group": signal.SIGHUP}
        if how == "sigterm":
            os.kill(process.pid, signal.SIGTERM)
        else:
            os.killpg(process.pid, signal_of.get(how, signal.SIGKILL))
        _, stderr = process.communicate(timeout=60)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and [p for p in started if _running(p)]:
            time.sleep(0.2)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()

    assert [p for p in started if _running(p)] == []
    assert b"Traceback" not in stderr
    if how == "sigterm":
        assert process.returncode == 130 and b"interrupted; the index was left as it was" in stderr
    leftovers = sorted(p.name for p in temporary.iterdir())
    if how == "sigkill-to-the-group":
        assert leftovers and all(name.startswith(stopping.OCR_PREFIX) for name in leftovers)
        with mock.patch.object(tempfile, "tempdir", str(temporary)):
            stopping.sweep_leftovers()
        leftovers = sorted(p.name for p in temporary.iterdir())
    assert leftovers == []


@needs_ocr
def test_pages_read_by_sections_are_not_said_to_come_from_an_earlier_ingest(tmp_path: Path) -> None:
    """Issue 25 item 15's kind: `sections` reads a scan by OCR and caches it; the ingest
    right after said those pages were "read by OCR in an earlier ingest", of which there
    was none."""
    root = setup_scan(tmp_path, (PARAMEDICS,), (PHARMACIES,))
    place = Place.under(root)
    assert place.run("sections", SCANNED).exit_code == 0

    result = place.ingest()

    assert result.exit_code == 0, result.output
    assert "in an earlier ingest" not in result.output
    assert "1 page already read by OCR (by an earlier ingest or `cse-toolkit sections`)" in result.output
