"""Hostile and careless files in the PDFs directory (issue 18: D2, D4, C1, C3, R7, U3,
U4, U5, U7, and the full disk while copying into the cache).

Each test makes its own bad input beside a good PDF that was ingested first, and checks
the exit code, that the message names the file, and that the good PDF still answers.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from pipeline.engine.store import IndexStore
from pipeline.ingest.manifest import load_manifest
from tests.conftest import Place, search_answer
from tests.hostile_pdfs import (
    HELVETICA,
    build_pdf,
    cyclic_outline,
    deep_page_tree,
    invisible_characters,
    labelled_pdf,
    run_toolkit,
    simple_pdf,
    stream,
    text_content,
)
from tools.webserver import running_server

GOOD_WORD = "quokkas"
CONFIG = "chapters: []\n"


class Folder(Place):
    def files_found(self, query: str) -> list[str]:
        return sorted({hit["file"] for hit in search_answer(self.text_search(query, "--json"))["results"]})


def good_pdf(path: Path, text: bytes = b"The " + GOOD_WORD.encode() + b" pathway is on this page.") -> None:
    path.write_bytes(simple_pdf([[text]]))


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile-files")
    folder = Folder.under(root)
    folder.pdfs.mkdir()
    folder.config.write_text(CONFIG, encoding="utf-8")
    good_pdf(folder.pdfs / "good.pdf")
    result = folder.run("ingest")
    assert result.exit_code == 0, result.output
    return root


@pytest.fixture
def folder(template: Path, tmp_path: Path) -> Iterator[Folder]:
    shutil.copytree(template, tmp_path / "w", symlinks=True)
    yield Folder.under(tmp_path / "w")


# ------------------------------------------------------------- D2: invisible characters
INVISIBLE = [
    ("pharmacies", b"phar|macies", "\u200b"),  # zero-width space
    ("referral", b"re|ferral", "\u200c"),  # zero-width non-joiner
    ("safeguarding", b"safe|guarding", "\u200d"),  # zero-width joiner
    ("consent", b"con|sent", "\u2060"),  # word joiner
    ("grooming", b"|grooming", "\ufeff"),  # byte order mark
    ("exploitation", b"exploit|ation", "\u00ad"),  # soft hyphen
]


@pytest.fixture(scope="module")
def invisible(template: Path, tmp_path_factory: pytest.TempPathFactory) -> Folder:
    root = tmp_path_factory.mktemp("invisible")
    shutil.copytree(template, root / "w", symlinks=True)
    folder = Folder.under(root / "w")
    invisible_characters(folder.pdfs / "invisible.pdf", [(raw, char) for _, raw, char in INVISIBLE])
    result = folder.run("ingest")
    assert result.exit_code == 0, result.output
    return folder


@pytest.mark.parametrize("word", [word for word, _, _ in INVISIBLE])
def test_a_word_holding_an_invisible_character_is_found(invisible: Folder, word: str) -> None:
    """D2: "phar\\u200bmacies" in the PDF's text is indexed as "pharmacies"."""
    assert invisible.files_found(word) == ["invisible.pdf"]


# --------------------------------------------------------------- D4: a link out of pdfs/
def test_a_link_pointing_outside_the_pdfs_folder_is_refused_and_named(folder: Folder) -> None:
    outside = folder.root / "private"
    outside.mkdir()
    good_pdf(outside / "case-notes.pdf", b"Confidential wombat case notes.")
    (folder.pdfs / "notes.pdf").symlink_to(outside / "case-notes.pdf")

    result = folder.run("ingest")

    assert result.exit_code == 3, result.output
    assert "notes.pdf: is a link to" in result.stdout and "outside the PDFs directory" in result.stdout
    assert folder.files_found("wombat") == []
    assert folder.files_found(GOOD_WORD) == ["good.pdf"]


def test_a_linked_file_is_never_copied_into_the_cache(folder: Folder) -> None:
    outside = folder.root / "private"
    outside.mkdir()
    good_pdf(outside / "case-notes.pdf", b"Confidential wombat case notes.")
    (folder.pdfs / "notes.pdf").symlink_to(outside / "case-notes.pdf")
    folder.run("ingest")
    copies = {p.read_bytes() for p in IndexStore(folder.index).cache_dir.glob("*.pdf")}
    assert (outside / "case-notes.pdf").read_bytes() not in copies


# ------------------------------------------------------------ C1: a name that is not UTF-8
def test_a_file_name_that_is_not_utf8_is_named_and_the_rest_ingested(folder: Folder) -> None:
    good_pdf(Path(os.fsdecode(os.fsencode(folder.pdfs) + b"/caf\xe9.pdf")), b"Numbat notes in a cafe.")
    good_pdf(folder.pdfs / "late.pdf", b"Bilby notes that arrived late.")

    result = folder.run("ingest")

    assert result.exit_code == 3, result.output
    assert "caf\\xe9.pdf: has a file name that is not valid UTF-8" in result.stdout
    assert folder.files_found("bilby") == ["late.pdf"]


@pytest.mark.parametrize("command", ["audit", "sections"])
def test_other_commands_name_a_file_name_that_is_not_utf8(folder: Folder, command: str) -> None:
    good_pdf(Path(os.fsdecode(os.fsencode(folder.pdfs) + b"/caf\xe9.pdf")), b"Numbat notes in a cafe.")

    result = folder.run(command)

    assert result.exit_code == 3, result.output
    assert "caf\\xe9.pdf: has a file name that is not valid UTF-8" in result.stdout


# ----------------------------------------------------------- C3: a PDF that cannot be read
def test_an_unreadable_pdf_is_named_with_exit_3_after_the_rest(folder: Folder) -> None:
    good_pdf(folder.pdfs / "locked.pdf", b"Locked platypus notes.")
    good_pdf(folder.pdfs / "open.pdf", b"Open echidna notes.")
    (folder.pdfs / "locked.pdf").chmod(0)

    result = run_toolkit(folder.args("ingest"), folder.root, unprivileged=True)

    assert result.returncode == 3, result.stdout + result.stderr
    assert "locked.pdf: cannot be read (Permission denied)" in result.stdout
    assert folder.files_found("echidna") == ["open.pdf"]


# ----------------------------------------------------- U4: things in pdfs/ that are not PDFs
def _fifo(folder: Folder) -> str:
    os.mkfifo(folder.pdfs / "pipe.pdf")
    return "pipe.pdf: is a named pipe, not a PDF file"


def _socket(folder: Folder) -> str:
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(folder.pdfs / "socket.pdf"))
    server.close()
    return "socket.pdf: is a socket, not a PDF file"


def _folder(folder: Folder) -> str:
    (folder.pdfs / "chapter.pdf").mkdir()
    return "chapter.pdf: is a folder, not a PDF file"


def _dangling(folder: Folder) -> str:
    (folder.pdfs / "gone.pdf").symlink_to("nowhere.pdf")
    return "gone.pdf: is a link to 'nowhere.pdf', which does not exist"


def _unreadable_folder(folder: Folder) -> str:
    (folder.pdfs / "sub").mkdir()
    good_pdf(folder.pdfs / "sub" / "inside.pdf")
    (folder.pdfs / "sub").chmod(0)
    return "sub/: is a folder that cannot be read (Permission denied)"


NOT_PDFS = {
    "fifo": _fifo,
    "socket": _socket,
    "folder": _folder,
    "dangling-link": _dangling,
    "unreadable-folder": _unreadable_folder,
}


@pytest.mark.parametrize("kind", sorted(NOT_PDFS))
def test_what_is_not_a_readable_pdf_file_is_named_not_skipped(folder: Folder, kind: str) -> None:
    """U4: once skipped silently (or, named in the config, called "not in pdfs/")."""
    expected = NOT_PDFS[kind](folder)

    result = run_toolkit(folder.args("ingest"), folder.root, unprivileged=True, timeout=120)

    assert result.returncode == 3, result.stdout + result.stderr
    assert expected in result.stdout
    assert folder.files_found(GOOD_WORD) == ["good.pdf"]


def test_a_named_pipe_named_in_the_config_is_called_a_named_pipe(folder: Folder) -> None:
    os.mkfifo(folder.pdfs / "chapter-1.pdf")
    folder.config.write_text(
        "chapters:\n  - number: 1\n    title: One\n    file: chapter-1.pdf\n", encoding="utf-8"
    )

    result = folder.run("ingest")

    assert result.exit_code == 3, result.output
    assert "chapter-1.pdf: is a named pipe, not a PDF file" in result.stdout


# ------------------------------------------------------------- R7: the header comes first
def test_a_file_without_a_pdf_header_is_refused_before_any_reader(folder: Folder) -> None:
    """R7: junk, then a whole PDF after the first KB: the fallback reader would have
    recovered its text; the header check refuses it first, as not a PDF."""
    junk = b"This is a mail archive, not a PDF.\n" * 40_000
    (folder.pdfs / "mail.pdf").write_bytes(junk + simple_pdf([[b"Hidden dugong text."]]))

    result = folder.run("ingest")

    assert result.exit_code == 3, result.output
    assert "mail.pdf: is not a PDF (no PDF header)" in result.stdout
    assert folder.files_found(GOOD_WORD) == ["good.pdf"]


# ----------------------------------------------------------- U3: a very deep page tree
def test_a_deep_page_tree_is_named_as_too_deep_not_damaged(folder: Folder) -> None:
    deep_page_tree(folder.pdfs / "deep.pdf", depth=100_000)

    result = folder.run("ingest")

    assert result.exit_code == 3, result.output
    assert "deep.pdf: is nested too deeply for the PDF readers used here" in result.stdout
    assert folder.files_found(GOOD_WORD) == ["good.pdf"]


# ---------------------------------------------- U5: control characters in names and labels
ESCAPE = "\x1b[2J"


def test_a_file_name_with_an_escape_sequence_is_printed_escaped(folder: Folder) -> None:
    good_pdf(folder.pdfs / f"clear{ESCAPE}screen.pdf", b"Wallaby notes.")

    result = folder.run("ingest")

    assert result.exit_code == 0, result.output
    assert ("\x1b" in result.output, "clear\\x1b[2Jscreen.pdf" in result.stdout) == (False, True)


def test_search_prints_file_names_and_labels_escaped(folder: Folder) -> None:
    labelled_pdf(folder.pdfs / f"label{ESCAPE}.pdf", [f"{ESCAPE}7"], [b"Wallaby notes."])
    assert folder.run("ingest").exit_code == 0

    result = folder.text_search("wallaby")

    assert result.exit_code == 0, result.output
    assert ("\x1b" in result.output, "label\\x1b[2J.pdf, PDF page 1" in result.stdout) == (False, True)


# Issue 25 item 2: C1 controls (U+009B is a one-byte CSI on many terminals, U+009D an OSC)
# and line separators in a page label. cse-search escaped them; `sections` printed them raw.
C1_LABELS = ["\x9b2J8", "\x9d0;title\x9c9", "1\u20280"]
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e]")


@pytest.mark.parametrize(
    "command",
    [
        ["sections", "labels.pdf"],
        ["sections"],
        ["search", "--format", "line"],
        ["search", "--json"],
    ],
)
def test_every_command_prints_pdf_labels_escaped(folder: Folder, command: list[str]) -> None:
    labelled_pdf(folder.pdfs / "labels.pdf", C1_LABELS, [b"Wallaby notes."])
    assert folder.run("ingest").exit_code == 0

    result = folder.text_search("wallaby", *command[1:]) if command[0] == "search" else folder.run(*command)

    assert result.exit_code == 0, result.output
    assert RAW.findall(result.output) == []
    assert ("\\u009b2J8" if "--json" in command else "\\x9b2J8") in result.stdout
    if "--json" in command:
        assert {h["page"] for h in json.loads(result.stdout)["results"]} == set(C1_LABELS)


# ------------------------------------------------------- U7: library warnings stay inside
def test_a_cyclic_outline_leaks_no_library_warning(folder: Folder) -> None:
    cyclic_outline(folder.pdfs / "cyclic.pdf", [b"Cycle notes about pharmacies and wombats."])

    # A subprocess: the outline is read in a worker, whose stderr is the process's own.
    result = run_toolkit(folder.args("sections", "cyclic.pdf", "--suggest"), folder.root)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "IndirectObject" not in result.stderr + result.stdout


# --------------------------------------------------- the disk fills while copying a PDF in
def test_a_full_disk_while_copying_into_the_cache_names_the_cache(folder: Folder) -> None:
    """The copy kept for packs is written last; when it cannot be, the message names the
    cache file (not the PDF being read), and the previous index still answers."""
    noise = os.urandom(3 << 20)  # incompressible, so the PDF itself is over 3 MB
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
        HELVETICA,
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 3 0 R >> >> /Contents 5 0 R >>",
        stream(text_content([b"Large koala report."])),
        stream(noise),
    ]
    (folder.pdfs / "large.pdf").write_bytes(build_pdf(objects))

    result = run_toolkit(folder.args("ingest"), folder.root, max_file_mb=2)

    assert result.returncode == 2, result.stdout + result.stderr
    assert f"File too large ({IndexStore(folder.index).cache_dir}/" in result.stderr
    assert folder.files_found(GOOD_WORD) == ["good.pdf"]


# ------------------------------------------------------------- a read-only index (minor)
@pytest.mark.parametrize("command", [["audit"], ["sections", "new.pdf"]])
def test_audit_and_sections_work_on_a_read_only_index(folder: Folder, command: list[str]) -> None:
    good_pdf(folder.pdfs / "new.pdf", b"New bandicoot notes.")
    for path in [folder.index, *folder.index.rglob("*")]:
        if not path.is_symlink():
            path.chmod(path.stat().st_mode & ~0o222)

    result = run_toolkit(folder.args(*command), folder.root, unprivileged=True)

    expected = {"audit": 1, "sections": 0}[command[0]]  # audit: a file was added
    assert result.returncode == expected, result.stdout + result.stderr
    assert "new.pdf" in result.stdout


# ------------------------------------------------------------ pack --out pdfs/ (minor)
def test_a_pack_is_never_written_into_the_pdfs_folder(tmp_path: Path) -> None:
    from tests.conftest import SAMPLE_CONFIG, SAMPLE_PDFS

    shutil.copytree(SAMPLE_PDFS, tmp_path / "pdfs")
    place = Place(SAMPLE_CONFIG, tmp_path / "pdfs", tmp_path / "index")
    assert place.ingest().exit_code == 0

    result = place.run("pack", "pharmacist", "--out", str(tmp_path / "pdfs" / "packs"))

    assert result.exit_code == 2, result.output
    assert "is inside the PDFs directory" in result.stderr
    assert load_manifest(IndexStore(tmp_path / "index").current()) is not None


def test_a_file_name_no_http_header_can_carry_is_downloaded_safely(folder: Folder) -> None:
    """Issue 25 item 10's kind: a PDF named with a newline (and a quote) was a 500 on its
    /files/ link (a header value may not hold a newline); it downloads, its name made safe."""
    good_pdf(folder.pdfs / 'a"b\nc\u00e9.pdf', b"Wallaby notes.")
    assert folder.run("ingest").exit_code == 0
    with running_server(folder.config, folder.pdfs, folder.index, folder.root / "logs") as server:
        pdf_url = json.loads(server.get("/api/search?q=wallaby")[2])["results"][0]["pdf_url"]
        status, headers, body = server.get(pdf_url.split("#")[0])

    assert (status, body[:5]) == (200, b"%PDF-")
    assert "filename*=UTF-8''a%22b_c%C3%A9.pdf" in headers["content-disposition"]
