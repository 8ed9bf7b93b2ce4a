"""Bad input gets a clear answer, and nothing is lost (SPEC, "Bad input gets a clear answer,
and nothing is lost" and "Exit codes").

Broken PDFs are made inside each test next to a good one; the real-world broken corpus in
../shared/corpus is ingested whole; config errors and hostile queries go through the CLI.
"""

from __future__ import annotations

import csv
import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from pypdf import PdfReader, PdfWriter
from reportlab.pdfgen import canvas

from pipeline.engine.store import IndexStore
from pipeline.errors import CseError, QuerySyntaxError, UsageError
from pipeline.ingest.manifest import load_manifest
from tests.conftest import CORPUS, SAMPLE_PDFS, Place, cli_search, corpus_dir, exited, search_answer
from tests.helpers import tree_state
from tools.pdfgen import Block, PageSpec, write_pdf

CHAPTER_4 = "chapter-4-health-services.pdf"
GOOD_WORD = "quokkas"  # in no sample page, so a hit can only come from the good PDF
GOOD_TEXT = f"The {GOOD_WORD} referral pathway is written down on this page for the team."


# --------------------------------------------------------------------------- helpers
def no_traceback(result: Result) -> None:
    """No traceback, and no failure the code did not foresee (those get a generic message)."""
    assert "Traceback" not in result.output, result.output
    assert "Traceback" not in result.stderr, result.stderr
    assert "unexpected failure" not in result.output, result.output


def search_json(config: Path, index: Path, query: str, *args: str) -> dict:
    return search_answer(cli_search(config, index, query, "--json", "--limit", "1000", *args))


def has_hit(answer: dict, file: str, pdf_page: int | None = None) -> bool:
    return any(
        r["file"] == file and (pdf_page is None or r["pdf_page"] == pdf_page) for r in answer["results"]
    )


def minimal_config(path: Path, extra: str = "") -> Path:
    path.write_text("chapters: []\n" + extra, encoding="utf-8")
    return path


def good_pdf(path: Path, text: str = GOOD_TEXT, pages: int = 1) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    write_pdf(
        path,
        [
            PageSpec(blocks=(Block("heading", f"Notes part {n + 1}"), Block("para", text)))
            for n in range(pages)
        ],
    )
    return path


def encrypted(path: Path) -> None:
    """Chapter 4's Pharmacies page, encrypted with a user password (RC4, no extra deps)."""
    reader = PdfReader(SAMPLE_PDFS / CHAPTER_4)
    writer = PdfWriter()
    writer.add_page(reader.pages[19])
    writer.encrypt(user_password="open-sesame", owner_password="owner-secret")
    with path.open("wb") as handle:
        writer.write(handle)


def truncated(path: Path, source: Path = SAMPLE_PDFS / CHAPTER_4, share: float = 0.4) -> None:
    data = source.read_bytes()
    path.write_bytes(data[: int(len(data) * share)])


def text_renamed(path: Path) -> None:
    path.write_text("Minutes of the safeguarding meeting.\nThis is plain text, saved as .pdf.\n")


def empty(path: Path) -> None:
    path.write_bytes(b"")


def rectangle_only(path: Path) -> None:
    drawing = canvas.Canvas(str(path), invariant=True)
    drawing.rect(100, 100, 300, 400, stroke=1, fill=1)
    drawing.showPage()
    drawing.save()


def blank_page(path: Path) -> None:
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    with path.open("wb") as handle:
        writer.write(handle)


# (maker, words the message must hold, one of which-groups) per kind of broken file
BROKEN: dict[str, tuple[Callable[[Path], None], list[tuple[str, ...]]]] = {
    "encrypted": (encrypted, [("encrypted",), ("qpdf",)]),
    "truncated": (truncated, [("truncated", "damaged"), ("Download it again",)]),
    "not-a-pdf": (text_renamed, [("not a PDF",)]),
    "empty": (empty, [("empty",)]),
    "no-text-rectangle": (rectangle_only, [("no text layer",), ("OCR",)]),
    "no-text-blank-page": (blank_page, [("no text layer",), ("OCR",)]),
}


def failure_lines(output: str, name: str) -> list[str]:
    """The lines of the ingest report that name this file as one that could not be read."""
    return [line for line in output.splitlines() if name in line]


# --------------------------------------------------------------------------- one broken PDF beside a good one
@pytest.mark.parametrize("kind", sorted(BROKEN))
def test_broken_pdf_is_named_and_good_pdf_still_ingested(kind: str, tmp_path: Path) -> None:
    make, required = BROKEN[kind]
    pdfs = tmp_path / "pdfs"
    good_pdf(pdfs / "good-notes.pdf")
    bad_name = f"broken-{kind}.pdf"
    make(pdfs / bad_name)
    config = minimal_config(tmp_path / "toolkit.yaml")
    index = tmp_path / "index"

    result = Place(config, pdfs, index).ingest()

    assert result.exit_code == 3, result.output
    no_traceback(result)
    lines = failure_lines(result.output, bad_name)
    assert lines, f"{bad_name} is not named:\n{result.output}"
    message = " ".join(lines).replace(bad_name, "<file>")  # the name must not count as the reason
    for alternatives in required:
        assert any(word.lower() in message.lower() for word in alternatives), (alternatives, message)
    assert "good-notes.pdf" not in result.stderr
    found = cli_search(config, index, GOOD_WORD, "--json")
    assert found.exit_code == 0, found.output
    no_traceback(found)
    answer = json.loads(found.stdout)
    assert answer["results"][0]["file"] == "good-notes.pdf"
    assert answer["results"][0]["pdf_page"] == 1


def test_every_broken_kind_at_once_still_ingests_the_good_pdf(tmp_path: Path) -> None:
    pdfs = tmp_path / "pdfs"
    good_pdf(pdfs / "good-notes.pdf")
    for kind, (make, _) in BROKEN.items():
        make(pdfs / f"broken-{kind}.pdf")
    config = minimal_config(tmp_path / "toolkit.yaml")
    index = tmp_path / "index"

    result = Place(config, pdfs, index).ingest()

    assert result.exit_code == 3, result.output
    no_traceback(result)
    for kind in BROKEN:
        assert failure_lines(result.output, f"broken-{kind}.pdf"), (kind, result.output)
    assert cli_search(config, index, GOOD_WORD).exit_code == 0


def test_encrypted_pdf_message_gives_a_qpdf_command_that_works(tmp_path: Path) -> None:
    """The advice names qpdf; following it with the password gives a PDF that ingests."""
    qpdf = shutil.which("qpdf")
    if qpdf is None:
        pytest.skip("qpdf is not installed")
    import subprocess

    pdfs = tmp_path / "pdfs"
    pdfs.mkdir()
    encrypted(pdfs / "pharmacies.pdf")
    config = minimal_config(tmp_path / "toolkit.yaml")
    index = tmp_path / "index"
    first = Place(config, pdfs, index).ingest()
    assert first.exit_code == 3, first.output
    assert "qpdf --password=" in first.output and "--decrypt" in first.output, first.output

    decrypted = tmp_path / "plain.pdf"
    subprocess.run(
        [qpdf, "--password=open-sesame", "--decrypt", str(pdfs / "pharmacies.pdf"), str(decrypted)],
        check=True,
    )
    shutil.move(decrypted, pdfs / "pharmacies.pdf")
    second = Place(config, pdfs, index).ingest()
    assert second.exit_code == 0, second.output
    answer = search_json(config, index, "pharmacies")
    assert has_hit(answer, "pharmacies.pdf", 1)


# --------------------------------------------------------------------------- the previous version is kept
def test_truncated_republished_chapter_keeps_previous_version_searchable(
    sample_copy: tuple[Path, Path], tmp_path: Path
) -> None:
    pdfs, config = sample_copy
    index = tmp_path / "index"
    first = Place(config, pdfs, index).ingest()
    assert first.exit_code == 0, first.output
    before = search_json(config, index, "pharmacies")
    assert before["results"][0]["section"] == "pharmacies"
    assert (before["results"][0]["page"], before["results"][0]["pdf_page"]) == ("74", 20)

    good_copy = tmp_path / "chapter-4-good.pdf"
    shutil.copy(pdfs / CHAPTER_4, good_copy)
    truncated(pdfs / CHAPTER_4, source=good_copy)
    second = Place(config, pdfs, index).ingest()

    assert second.exit_code == 3, second.output
    no_traceback(second)
    lines = failure_lines(second.output, CHAPTER_4)
    assert lines and any(w in " ".join(lines) for w in ("truncated", "damaged")), second.output
    assert "previous version" in second.output and "searchable" in second.output, second.output
    after = search_json(config, index, "pharmacies")
    top = after["results"][0]
    assert (top["section"], top["page"], top["pdf_page"], top["file"]) == ("pharmacies", "74", 20, CHAPTER_4)
    # Other chapters are all still there.
    assert search_json(config, index, "grooming")["results"][0]["chapter"] == 1

    # Ingesting again while the file is still broken keeps it, and says so again.
    third = Place(config, pdfs, index).ingest()
    assert third.exit_code == 3, third.output
    assert "previous version" in third.output, third.output
    assert search_json(config, index, "pharmacies")["results"][0]["pdf_page"] == 20

    # A readable copy replaces the kept version, and the failure is gone.
    shutil.copy(good_copy, pdfs / CHAPTER_4)
    fourth = Place(config, pdfs, index).ingest()
    assert fourth.exit_code == 0, fourth.output
    manifest = load_manifest(IndexStore(index).current())
    assert manifest is not None and not manifest.failures
    assert not manifest.files[CHAPTER_4].previous_version


def test_new_broken_chapter_without_previous_version_is_not_claimed_kept(
    sample_copy: tuple[Path, Path], tmp_path: Path
) -> None:
    pdfs, config = sample_copy
    truncated(pdfs / CHAPTER_4)
    index = tmp_path / "index"

    result = Place(config, pdfs, index).ingest()

    assert result.exit_code == 3, result.output
    no_traceback(result)
    assert failure_lines(result.output, CHAPTER_4)
    assert "previous version" not in result.output
    answer = search_json(config, index, "grooming")
    assert answer["results"][0]["chapter"] == 1
    assert not has_hit(search_json(config, index, "pharmacies"), CHAPTER_4)


# --------------------------------------------------------------------------- limits
def test_pdf_over_the_page_limit_is_refused_and_the_rest_ingested(tmp_path: Path) -> None:
    pdfs = tmp_path / "pdfs"
    good_pdf(pdfs / "good-notes.pdf", pages=3)
    good_pdf(pdfs / "long-report.pdf", text="A long report about wombats and their burrows.", pages=5)
    config = minimal_config(tmp_path / "toolkit.yaml", "limits: {max_pages: 3}\n")
    index = tmp_path / "index"

    result = Place(config, pdfs, index).ingest()

    assert result.exit_code == 3, result.output
    no_traceback(result)
    lines = failure_lines(result.output, "long-report.pdf")
    assert any("over the limit of 3" in line for line in lines), result.output
    assert cli_search(config, index, GOOD_WORD).exit_code == 0
    wombats = cli_search(config, index, "wombats")
    assert wombats.exit_code == 1, wombats.output


# --------------------------------------------------------------------------- the real broken corpus
needs_corpus = pytest.mark.skipif(not (CORPUS / "broken").is_dir(), reason=f"corpus not found at {CORPUS}")


def _manifest_rows() -> list[dict[str, str]]:
    path = CORPUS / "broken" / "MANIFEST.tsv"
    if not path.is_file():
        return []
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


MANIFEST_ROWS = _manifest_rows()
SHOULD_INGEST = [r["file"] for r in MANIFEST_ROWS if r["expected"] == "ingest"]
SHOULD_SKIP = [r["file"] for r in MANIFEST_ROWS if r["expected"] != "ingest"]
SCANNED = "pdfminer__175.pdf"  # "ingest" in the MANIFEST, but it has no text: say so
# What the report must say about each file it skips (any one of the words, case-insensitive).
SKIP_REASONS = {
    "samplefiles__libreoffice-writer-password.pdf": ("encrypted", "password"),
    "pdfminer__aes-256-r6.pdf": ("encrypted", "password"),
    "pdfjs__issue6010_2.pdf": ("encrypted", "password"),
    "pdfjs__bug1020226.pdf": ("damaged", "truncated"),
    "derived-truncated30pct-samplefiles__GeoTopo-komprimiert.pdf": ("damaged", "truncated"),
    "pdfjs__Brotli-Prototype-FileA.pdf": ("brotli", "unsupported", "compression", "filter"),
    "made-empty.pdf": ("empty",),
    "made-text-file-renamed.pdf": ("not a pdf",),
    SCANNED: ("no text layer", "scanned"),
}
# A phrase on a known physical page of files that should ingest (checked with pdftotext).
BROKEN_PHRASES = {
    "pdfplumber__issue-848.pdf": (1, "Clarence Boddicker"),
    "pdfminer__zen_of_python_corrupted.pdf": (1, "Beautiful is better than ugly"),
    "pdfjs__bomb_giant.pdf": (1, "GIANT JBIG2 BOMB"),
    "pdfjs__bug1606566.pdf": (1, "Bug 1606566"),
    "pdfjs__Pages-tree-refs.pdf": (1, "Pages loop"),
    "pdfjs__bad-PageLabels.pdf": (1, "bad Page Labels"),
    "samplefiles__multicolumn.pdf": (1, "Document with Lorem Ipsum"),
    "pdfjs__xfa_issue14315.pdf": (1, "requires Adobe Reader 8"),
    "pdfjs__prefilled_f1040.pdf": (1, "Individual Income Tax Return"),
    "pdfjs__TAMReview.pdf": (1, "Technology Acceptance Model"),
    "pypdf__Seige_of_Vicksburg_Sample_OCR.pdf": (1, "did not last long"),
}


def _known_items() -> list[dict[str, str]]:
    path = CORPUS / "readable" / "known_items.tsv"
    if not path.is_file():
        return []
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    first: dict[str, dict[str, str]] = {}
    for row in rows:
        first.setdefault(row["file"], row)
    return list(first.values())


KNOWN_ITEMS = _known_items()


@pytest.fixture(scope="module")
def corpus_ingest(tmp_path_factory: pytest.TempPathFactory) -> tuple[Result, Path, Path]:
    """The whole shared corpus (readable + broken) ingested once with `chapters: []`."""
    corpus_dir("broken")
    corpus_dir("readable")
    root = tmp_path_factory.mktemp("corpus")
    config = minimal_config(root / "toolkit.yaml")
    index = root / "index"
    # OCR off: reading the corpus's scans would take minutes (test_ocr.py reads one), and
    # here the scanned file must be named as unreadable.
    result = Place(config, CORPUS, index).ingest("--ocr=never")
    return result, config, index


@needs_corpus
def test_corpus_ingest_exits_3_without_traceback(corpus_ingest: tuple[Result, Path, Path]) -> None:
    result, _, index = corpus_ingest
    exited(result, 3)
    assert IndexStore(index).search_dir() is not None


@needs_corpus
@pytest.mark.parametrize("name", SHOULD_SKIP + [SCANNED])
def test_corpus_file_that_cannot_be_used_is_named_with_its_reason(
    name: str, corpus_ingest: tuple[Result, Path, Path]
) -> None:
    result, _, index = corpus_ingest
    lines = failure_lines(result.output, f"broken/{name}")
    assert lines, f"broken/{name} is not named in the report:\n{result.output}"
    message = " ".join(lines).replace(name, "<file>").lower()  # the name must not count as the reason
    assert any(word in message for word in SKIP_REASONS[name]), (SKIP_REASONS[name], message)
    manifest = load_manifest(IndexStore(index).current())
    assert manifest is not None
    assert f"broken/{name}" in manifest.failures


@needs_corpus
@pytest.mark.parametrize("name", [n for n in SHOULD_INGEST if n != SCANNED])
def test_corpus_file_that_should_ingest_is_indexed(
    name: str, corpus_ingest: tuple[Result, Path, Path]
) -> None:
    result, config, index = corpus_ingest
    manifest = load_manifest(IndexStore(index).current())
    assert manifest is not None
    file = f"broken/{name}"
    assert file not in manifest.failures, manifest.failures.get(file)
    assert file in manifest.files, f"{file} was not indexed"
    assert manifest.files[file].pages >= 1
    if name in BROKEN_PHRASES:
        page, phrase = BROKEN_PHRASES[name]
        answer = search_json(config, index, f'"{phrase}"')
        assert has_hit(answer, file, page), (phrase, [(r["file"], r["pdf_page"]) for r in answer["results"]])


@needs_corpus
@pytest.mark.parametrize("row", KNOWN_ITEMS, ids=[r["file"] for r in KNOWN_ITEMS])
def test_corpus_readable_file_is_searchable(
    row: dict[str, str], corpus_ingest: tuple[Result, Path, Path]
) -> None:
    _, config, index = corpus_ingest
    file = f"readable/{row['file']}"
    answer = search_json(config, index, f'"{row["phrase"]}"')
    assert has_hit(answer, file, int(row["page"])), (
        row,
        [(r["file"], r["pdf_page"]) for r in answer["results"]],
    )


@needs_corpus
def test_corpus_every_readable_file_is_indexed(corpus_ingest: tuple[Result, Path, Path]) -> None:
    _, _, index = corpus_ingest
    manifest = load_manifest(IndexStore(index).current())
    assert manifest is not None
    readable = sorted(p.name for p in (CORPUS / "readable").glob("*.pdf"))
    assert readable
    for name in readable:
        assert f"readable/{name}" in manifest.files, name
        assert f"readable/{name}" not in manifest.failures, manifest.failures[f"readable/{name}"]


def test_a_file_is_called_encrypted_only_when_it_is(tmp_path: Path) -> None:
    """PDFium names its last error, which a file it cannot parse may leave set from the one
    before: in one process, the corpus's Brotli file read after an encrypted one was called
    encrypted. A PDF is called encrypted only when it declares an /Encrypt dictionary."""
    from pipeline.ingest.extract import describe_open_failure

    stale = "Failed to load document (PDFium: Incorrect password error)."
    encrypted(tmp_path / "locked.pdf")
    assert "encrypted" in describe_open_failure(tmp_path / "locked.pdf", "locked.pdf", stale).problem
    truncated(tmp_path / "cut.pdf", share=0.9)
    assert describe_open_failure(tmp_path / "cut.pdf", "cut.pdf", stale).problem.startswith("is truncated")


@needs_corpus
def test_the_brotli_file_read_after_an_encrypted_one_is_named_for_brotli(tmp_path: Path) -> None:
    from pipeline.errors import PdfError
    from pipeline.ingest.extract import extract_pdf

    encrypted(tmp_path / "locked.pdf")
    with pytest.raises(PdfError, match="encrypted"):
        extract_pdf(tmp_path / "locked.pdf", "locked.pdf")
    with pytest.raises(PdfError, match="Brotli"):
        extract_pdf(CORPUS / "broken" / "pdfjs__Brotli-Prototype-FileA.pdf", "brotli.pdf")


# --------------------------------------------------------------------------- config errors
BAD_CONFIG = """\
title: Toolkit
chapters:
  - number: 1
    title: One
    file: chapter-1.pdf
    sections:
      - id: Bad_Id
        title: First
        start: 2
  - number: 1
    title: Again
    file: ../outside.pdf
colour: blue
"""
BAD_PLACES = [
    "chapters[0].sections[0].id (line 7)",
    "chapters[1].number (line 10)",
    "chapters[1].file (line 12)",
    "colour (line 13)",
]


def test_invalid_config_lists_every_problem_and_creates_nothing(tmp_path: Path) -> None:
    pdfs = tmp_path / "pdfs"
    good_pdf(pdfs / "chapter-1.pdf")
    config = tmp_path / "toolkit.yaml"
    config.write_text(BAD_CONFIG, encoding="utf-8")
    index = tmp_path / "index"
    listing = sorted(p.name for p in tmp_path.iterdir())

    result = Place(config, pdfs, index).ingest()

    assert result.exit_code == 2, result.output
    no_traceback(result)
    for place in BAD_PLACES:
        assert place in result.stderr, (place, result.stderr)
    assert f"{len(BAD_PLACES)} problems" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == listing
    assert not index.exists()


def test_invalid_config_leaves_an_existing_index_untouched(tmp_path: Path) -> None:
    pdfs = tmp_path / "pdfs"
    good_pdf(pdfs / "chapter-1.pdf")
    good_config = minimal_config(tmp_path / "good.yaml")
    index = tmp_path / "index"
    assert Place(good_config, pdfs, index).ingest().exit_code == 0
    current = (index / "current").readlink()
    before = tree_state(index)
    good_pdf(pdfs / "chapter-2.pdf", text="Another page about wombats.")
    bad = tmp_path / "bad.yaml"
    bad.write_text(BAD_CONFIG, encoding="utf-8")

    for extra in ((), ("--force",)):
        result = Place(bad, pdfs, index).ingest(*extra)
        assert result.exit_code == 2, result.output
        no_traceback(result)
        for place in BAD_PLACES:
            assert place in result.stderr, (place, result.stderr)
        assert tree_state(index) == before
        assert (index / "current").readlink() == current
    assert cli_search(good_config, index, GOOD_WORD).exit_code == 0


def test_start_page_the_pdf_does_not_have_is_a_config_error(
    sample_copy: tuple[Path, Path], tmp_path: Path
) -> None:
    pdfs, config = sample_copy
    index = tmp_path / "index"
    assert Place(config, pdfs, index).ingest().exit_code == 0
    before = tree_state(index)
    current = (index / "current").readlink()
    text = config.read_text(encoding="utf-8")
    assert text.count("start: 75\n") == 1
    config.write_text(text.replace("start: 75\n", "start: 175\n"), encoding="utf-8")

    result = Place(config, pdfs, index).ingest()

    assert result.exit_code == 2, result.output
    no_traceback(result)
    assert "chapters[3].sections[9].start" in result.stderr, result.stderr
    assert "175" in result.stderr and CHAPTER_4 in result.stderr
    assert tree_state(index) == before
    assert (index / "current").readlink() == current
    answer = search_json(config, index, "pharmacies")
    assert answer["results"][0]["pdf_page"] == 20


def test_start_page_error_on_first_ingest_publishes_nothing(
    sample_copy: tuple[Path, Path], tmp_path: Path
) -> None:
    pdfs, config = sample_copy
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("start: 75\n", "start: 175\n"), encoding="utf-8")
    index = tmp_path / "index"

    result = Place(config, pdfs, index).ingest()

    assert result.exit_code == 2, result.output
    assert "chapters[3].sections[9].start" in result.stderr, result.stderr
    store = IndexStore(index)
    assert store.current() is None
    assert not list(index.glob("gen-*"))
    assert not store.history_path.exists()


# --------------------------------------------------------------------------- hostile queries
@pytest.fixture(scope="module")
def ingested_sample(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("queries")
    pdfs = root / "pdfs"
    shutil.copytree(SAMPLE_PDFS, pdfs)
    config = root / "toolkit.yaml"
    shutil.copy(Path(__file__).resolve().parent.parent / "config" / "toolkit.yaml", config)
    index = root / "index"
    result = Place(config, pdfs, index).ingest()
    assert result.exit_code == 0, result.output
    return config, index


ODD_QUERIES = {
    "unbalanced-quote": '"pharmacies',
    "unbalanced-quote-end": 'pharmacies"',
    "unbalanced-open-bracket": "(pharmacies",
    "unbalanced-close-bracket": "pharmacies)",
    "nested-unbalanced": "((pharmacies OR midwifery)",
    "field-syntax": "title:pharmacies",
    "boost-syntax": "pharmacy^3",
    "emoji-and-word": "\U0001f600 pharmacies",
    "control-character": "pharm\x01acies",
    "range-syntax": "[pharmacies TO z]",
    "fuzzy-syntax": "pharmacies~2",
    "backslash": "pharmacies\\",
    "trailing-operator": "pharmacies AND",
    "leading-operator": "OR pharmacies",
}


@pytest.mark.parametrize("query", ODD_QUERIES.values(), ids=ODD_QUERIES.keys())
def test_odd_query_with_a_word_finds_the_pharmacies_page(
    query: str, ingested_sample: tuple[Path, Path]
) -> None:
    config, index = ingested_sample
    result = cli_search(config, index, query, "--json")
    no_traceback(result)
    assert result.exit_code == 0, result.output
    top = json.loads(result.stdout)["results"][0]
    assert (top["section"], top["page"]) == ("pharmacies", "74"), top


# Each query with the one answer it gets: found (0), nothing found (1) or a message (2).
OTHER_QUERIES = {
    "cjk": ("儿童保护", 1),
    "cjk-and-word": ("儿童 pharmacies", 0),
    "only-quotes": ('""', 2),
    "nul-like-controls": ("\x07\x1b[31m", 1),
    "right-to-left": ("حماية الطفل", 1),
    "ampersand": ("&", 2),
    "empty": ("", 2),
    "whitespace": ("   ", 2),
    "question-mark": ("?", 2),
    "not-word": ("NOT pharmacies", 0),
}


@pytest.mark.parametrize(("query", "expected"), OTHER_QUERIES.values(), ids=OTHER_QUERIES.keys())
def test_any_query_gets_an_answer_not_a_traceback(
    query: str, expected: int, ingested_sample: tuple[Path, Path]
) -> None:
    config, index = ingested_sample
    for extra in ((), ("--json",)):
        result = cli_search(config, index, query, *extra)
        exited(result, expected)
        if expected == 2:
            assert result.stderr.startswith("error: "), result.stderr
        elif extra:
            found = json.loads(result.stdout)["total"]
            assert (found > 0) == (expected == 0), found


INVALID_QUERIES = {
    "lone-and": "AND",
    "lone-or": "OR",
    "lone-not": "NOT",
    "operators-only": "AND OR NOT",
    "star": "*",
    "emoji-only": "\U0001f600\U0001f4a5",
    "five-thousand-chars": ("pharmacies " * 500)[:5000],
}


@pytest.mark.parametrize("query", INVALID_QUERIES.values(), ids=INVALID_QUERIES.keys())
def test_query_with_nothing_to_search_is_refused_with_a_message(
    query: str, ingested_sample: tuple[Path, Path]
) -> None:
    config, index = ingested_sample
    result = cli_search(config, index, query)
    assert result.exit_code == 2, result.output
    no_traceback(result)
    assert result.stdout == ""
    message = result.stderr.strip()
    assert message.startswith("error: "), message
    assert any(w in message for w in ("nothing to search for", "too long")), message
    assert len(message.splitlines()) <= 3


def test_search_without_an_index_says_run_ingest(tmp_path: Path) -> None:
    config = minimal_config(tmp_path / "toolkit.yaml")
    result = cli_search(config, tmp_path / "no-index", "pharmacies")
    assert result.exit_code == 2, result.output
    no_traceback(result)
    assert "run `cse-toolkit ingest`" in result.stderr


def test_search_with_an_empty_index_dir_says_run_ingest(tmp_path: Path) -> None:
    config = minimal_config(tmp_path / "toolkit.yaml")
    (tmp_path / "index").mkdir()
    result = cli_search(config, tmp_path / "index", "pharmacies")
    assert result.exit_code == 2, result.output
    assert "run `cse-toolkit ingest`" in result.stderr


def test_unknown_role_lists_the_roles(ingested_sample: tuple[Path, Path]) -> None:
    config, index = ingested_sample
    result = cli_search(config, index, "pharmacies", "--role", "wizard")
    assert result.exit_code == 2, result.output
    no_traceback(result)
    assert "wizard" in result.stderr
    for role in ("pharmacist", "midwife", "foster-carer", "school-nurse"):
        assert role in result.stderr, result.stderr


def test_debug_shows_the_exception_for_a_bad_query(ingested_sample: tuple[Path, Path]) -> None:
    config, index = ingested_sample
    quiet = cli_search(config, index, "AND")
    assert quiet.exit_code == 2 and quiet.exception is not None and isinstance(quiet.exception, SystemExit)
    loud = cli_search(config, index, "AND", "--debug")
    assert isinstance(loud.exception, QuerySyntaxError), repr(loud.exception)
    assert isinstance(loud.exception, CseError)
    assert loud.exc_info is not None and loud.exc_info[2] is not None


def test_debug_shows_the_exception_for_an_unknown_role(ingested_sample: tuple[Path, Path]) -> None:
    config, index = ingested_sample
    loud = cli_search(config, index, "pharmacies", "--role", "wizard", "--debug")
    assert isinstance(loud.exception, UsageError), repr(loud.exception)


def test_debug_shows_the_exception_for_a_missing_index(tmp_path: Path) -> None:
    config = minimal_config(tmp_path / "toolkit.yaml")
    loud = cli_search(config, tmp_path / "nothing", "pharmacies", "--debug")
    assert isinstance(loud.exception, CseError), repr(loud.exception)
