"""Hostile and careless configs (issue 18: C4, C5, C6, R4, U6, and start pages that only
the PDF can judge reported in the same single report as the config's other problems).

Each test writes the config itself against an index that was ingested first, and checks
the exit code, the message naming the key, and that the previous index still answers.
"""

from __future__ import annotations

import io
import json
import re
import shutil
import struct
import subprocess
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import yaml
from click.testing import Result

from tests.conftest import SAMPLE_CONFIG, SAMPLE_PDFS, Place, cli_search
from tests.helpers import small_png, tree_state
from tests.hostile_pdfs import labelled_pdf, run_toolkit, simple_pdf
from tools.webserver import start_server

CH4 = "chapter-4-health-services.pdf"


class Sample(Place):
    def pharmacies(self) -> tuple[str, str]:
        result = cli_search(SAMPLE_CONFIG, self.index, "pharmacies", "--json")
        assert result.exit_code == 0, result.output
        top = json.loads(result.stdout)["results"][0]
        return top["section"], top["page"]

    def edit(self, old: str, new: str) -> None:
        text = self.config.read_text(encoding="utf-8")
        assert old in text, old
        self.config.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile-config")
    shutil.copytree(SAMPLE_PDFS, root / "pdfs")
    shutil.copy(SAMPLE_CONFIG, root / "toolkit.yaml")
    assert Sample.under(root).run("ingest").exit_code == 0
    return root


@pytest.fixture
def sample(template: Path, tmp_path: Path) -> Iterator[Sample]:
    shutil.copytree(template, tmp_path / "w", symlinks=True)
    yield Sample.under(tmp_path / "w")


def refused_config(sample: Sample) -> Result:
    """Ingest with the edited config: it must be refused, with nothing on disk changed."""
    before = tree_state(sample.root / "index")
    result = sample.run("ingest")
    assert tree_state(sample.root / "index") == before
    return result


# ----------------------------------------------------------------- C4, C5, C6: values
def test_a_start_page_in_superscript_digits_is_named(sample: Sample) -> None:
    """C4: `start: ²` (str.isdigit says yes, int() says no): once "unexpected failure"."""
    sample.edit("start: 74", "start: ²")

    result = refused_config(sample)

    assert result.exit_code == 2, result.output
    assert "chapters[3].sections[8].start" in result.stderr and "printed page ²" in result.stderr
    assert sample.pharmacies() == ("pharmacies", "74")


def test_a_number_with_5000_digits_is_named(sample: Sample) -> None:
    """C5: Python refuses to read integers over 4,300 digits; the config names the key."""
    sample.edit("first_page: 55", "first_page: " + "9" * 5000)

    result = refused_config(sample)

    assert result.exit_code == 2, result.output
    assert "chapters[3].first_page (line " in result.stderr and "cannot read value '9999" in result.stderr
    assert sample.pharmacies() == ("pharmacies", "74")


def test_config_nested_a_thousand_levels_deep_is_refused(sample: Sample) -> None:
    """C6: the YAML parsers recurse once per level."""
    sample.config.write_text("chapters: " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")

    result = refused_config(sample)

    assert result.exit_code == 2, result.output
    assert "nested too deeply" in result.stderr
    assert sample.pharmacies() == ("pharmacies", "74")


def test_an_enormous_time_limit_is_named_before_any_work(sample: Sample) -> None:
    """C6: `limits.seconds_per_file: 9999999999` once overflowed a timer at the first ingest."""
    sample.config.write_text(
        sample.config.read_text(encoding="utf-8") + "limits:\n  seconds_per_file: 9999999999\n",
        encoding="utf-8",
    )

    result = refused_config(sample)

    assert result.exit_code == 2, result.output
    assert "limits.seconds_per_file (line " in result.stderr and "must be at most 86,400" in result.stderr
    assert sample.pharmacies() == ("pharmacies", "74")


def test_a_page_label_in_superscript_digits_packs(sample: Sample) -> None:
    """C4: a PDF page label "²" once crashed `pack --full` (int("²"))."""
    labelled_pdf(sample.root / "pdfs" / CH4, ["²", "³"], [b"Pharmacies", b"Sample words about pharmacies."])
    sample.config.write_text(
        "chapters:\n  - number: 4\n    title: Health Services\n    file: " + CH4 + "\n"
        "audiences:\n  - id: health\n    title: Health\n    read: [4]\n"
        "roles:\n  - id: pharmacist\n    title: Pharmacies\n    audience: health\n",
        encoding="utf-8",
    )
    assert sample.run("ingest").exit_code == 0

    result = sample.run("pack", "pharmacist", "--full", "--out", str(sample.root / "packs"))

    assert result.exit_code == 0, result.output
    assert "printed page ² (chapter-4-health-services.pdf, PDF page 1)" in (
        sample.root / "packs" / "pharmacist.md"
    ).read_text(encoding="utf-8")


# -------------------------------------------- start pages judged in the single report
def test_a_start_page_in_words_is_reported_with_the_other_problems(sample: Sample) -> None:
    sample.edit("start: 74", "start: seventy-four")
    sample.edit("title: Health Services", "title: Health Services\n    colour: blue")

    result = refused_config(sample)

    assert result.exit_code == 2, result.output
    assert "2 problems" in result.stderr
    assert "chapters[3].sections[8].start (line " in result.stderr and "page number in words" in result.stderr


def test_a_start_page_the_ingested_pdf_lacks_is_reported_with_the_other_problems(sample: Sample) -> None:
    """Judged against the last ingest's page labels (the file is unchanged since), so it
    comes in the same report as an unknown key, before any PDF is read."""
    sample.edit("start: 74", "start: 74a")
    sample.edit("title: Health Services", "title: Health Services\n    colour: blue")

    result = refused_config(sample)

    assert result.exit_code == 2, result.output
    assert "2 problems" in result.stderr
    assert (
        "chapters[3].sections[8].start (line " in result.stderr
        and "printed page 74a (Pharmacies) is not in" in result.stderr
    )


# ------------------------------------------------------------- R4: YAML aliases
BILLION_LAUGHS = (
    "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
    + "".join(f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8))
    + "chapters: *i\n"
)


@pytest.mark.parametrize("entry", ["toolkit_main", "search_main"])
def test_yaml_aliases_are_refused_at_once(sample: Sample, entry: str) -> None:
    """R4: nine levels of nine aliases stand for 387 million values; refused, not walked,
    by the ingest and by cse-search alike (under a memory guard, in case they are not)."""
    sample.config.write_text(BILLION_LAUGHS, encoding="utf-8")
    args = sample.args("ingest") if entry == "toolkit_main" else sample.search_args("pharmacies")

    result = run_toolkit(args, sample.root, guard_mb=1024, timeout=60, entry=entry)

    assert result.returncode == 2, result.stdout + result.stderr[-2000:]
    assert "aliases are not supported" in result.stderr
    assert len(result.stderr.splitlines()) < 30
    assert sample.pharmacies() == ("pharmacies", "74")


# ------------------------------------------------------ U6: names compared casefolded
def test_role_names_equal_when_casefolded_are_one_name(sample: Sample) -> None:
    """U6: "Straße" and "strasse" are the same name to the lookup (casefold), so two roles
    may not use them."""
    sample.edit("aliases: [pharmacy,", "aliases: [Straße, pharmacy,")
    sample.edit("aliases: [general practice,", "aliases: [strasse, general practice,")

    result = refused_config(sample)

    assert result.exit_code == 2, result.output
    assert "'strasse' already names role 'pharmacist'" in result.stderr


# ------------------------------------- issue 25: values a file system or a link cannot carry
@pytest.mark.parametrize(
    ("pages", "message"),
    [
        ("²-5", "chapters[3].sections[0].start (line "),  # a label, judged as one: no crash
        ("1-" + "9" * 5000, "chapters[3].pages (line "),
    ],
)
def test_pages_with_odd_digits_are_config_errors(sample: Sample, pages: str, message: str) -> None:
    """Item 9: `pages: ²-5` and a 5,000-digit page once ended in "unexpected failure"
    (int() of a superscript digit, of 5,000 digits)."""
    sample.edit(
        "file: chapter-4-health-services.pdf", f"file: chapter-4-health-services.pdf\n    pages: {pages}"
    )

    result = refused_config(sample)

    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert "unexpected failure" not in result.output
    assert sample.pharmacies() == ("pharmacies", "74")


def test_a_start_page_of_thousands_of_quoted_digits_is_named(sample: Sample) -> None:
    sample.edit("start: 74", 'start: "' + "7" * 5000 + '"')

    result = refused_config(sample)

    assert result.exit_code == 2, result.output
    assert "chapters[3].sections[8].start (line " in result.stderr and "is too large" in result.stderr


@pytest.mark.parametrize(
    "website",
    ['"https://www.example.org/a\\"b"', "https://www.example.org/<script>", "https://bücher.example/"],
)
def test_a_website_a_link_cannot_carry_is_refused(sample: Sample, website: str) -> None:
    """Item 10: a `"` in board.website passed the check, then every PDF pack failed (exit 4)."""
    sample.edit("website: https://www.example.org/cse-toolkit", f"website: {website}")

    result = refused_config(sample)

    assert result.exit_code == 2, result.output
    assert "board.website (line " in result.stderr and "is not a web address" in result.stderr


@pytest.mark.parametrize(
    ("name", "says"),
    [
        ('"chapter-1\\0.pdf"', "holds a control or invisible character (\\x00)"),
        ('"chapter-1\\n.pdf"', "holds a control or invisible character (\\n)"),
        ('"chapter-1\\u2028.pdf"', "holds a control or invisible character (\\u2028)"),
        ("x" * 300 + ".pdf", "longer than 255 bytes"),
    ],
)
def test_a_file_name_no_file_system_can_carry_is_refused(sample: Sample, name: str, says: str) -> None:
    """Item 10's kind: a NUL in `file:` once reached the OS ("embedded null byte", exit 4)."""
    sample.edit("file: chapter-1-understanding-cse.pdf", f"file: {name}")

    result = refused_config(sample)

    assert result.exit_code == 2, result.output
    assert "chapters[0].file (line " in result.stderr and says in result.stderr


def png(width: int, height: int) -> bytes:
    """A PNG header (signature and IHDR) claiming any size: enough for a size check."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    chunk = b"IHDR" + ihdr
    return b"\x89PNG\r\n\x1a\n" + struct.pack(">I", len(ihdr)) + chunk + struct.pack(">I", zlib.crc32(chunk))


@pytest.mark.parametrize(
    ("logo", "says"),
    [
        ("ABSOLUTE", "points outside the config's folder"),
        ("../outside.png", "points outside the config's folder"),
        ("link.png", "resolves outside the config's folder (a link?)"),
        ("passwd.png", "is not a PNG image"),
        ("photo.jpg", "is named as a JPEG image but holds a PNG one"),
        ("huge.png", "100,000 x 100,000 pixels"),
        ("folder.png", "is not a file"),
    ],
)
def test_a_logo_outside_the_config_folder_or_not_an_image_is_refused(
    sample: Sample, tmp_path: Path, logo: str, says: str
) -> None:
    """Item 1: `board.logo` could be absolute, hold `..` or be a link, and was never read
    as an image: the HTML pack (served over HTTP) then embedded /etc/passwd."""
    outside = tmp_path / "outside.png"
    small_png(outside)
    (sample.root / "link.png").symlink_to(outside)
    (sample.root / "passwd.png").write_bytes(Path("/etc/passwd").read_bytes())
    small_png(sample.root / "photo.jpg")  # PIL writes by suffix: make it a PNG under a .jpg name
    (sample.root / "photo.jpg").write_bytes(png(120, 40) + b"\0" * 64)
    (sample.root / "huge.png").write_bytes(png(100_000, 100_000))
    (sample.root / "folder.png").mkdir()
    shutil.copy(outside, sample.root / "outside.png")  # "../outside.png" from the config's folder
    (sample.root / "config").mkdir()
    shutil.move(sample.config, sample.root / "config" / "toolkit.yaml")
    for name in ("link.png", "passwd.png", "photo.jpg", "huge.png", "folder.png"):
        (sample.root / name).rename(sample.root / "config" / name)
    config = sample.root / "config" / "toolkit.yaml"
    value = str(outside) if logo == "ABSOLUTE" else logo
    config.write_text(
        config.read_text(encoding="utf-8").replace("board:\n", f"board:\n  logo: {value}\n"), encoding="utf-8"
    )
    before = tree_state(sample.root / "index")

    result = Place(config, sample.pdfs, sample.index).ingest()

    assert tree_state(sample.root / "index") == before
    assert result.exit_code == 2, result.output
    assert "board.logo (line " in result.stderr and says in result.stderr


def test_a_logo_replaced_by_a_link_after_the_check_never_reaches_a_pack(sample: Sample) -> None:
    """Item 1, after the check: the web page packs from the config the ingest checked (its
    snapshot, while the file is unchanged); the logo is then replaced by a link to another
    file. The pack reads it again as an image and refuses, rather than serve that file."""
    small_png(sample.root / "logo.png")
    sample.edit("board:\n", "board:\n  logo: logo.png\n")
    assert sample.run("ingest").exit_code == 0
    (sample.root / "logo.png").unlink()
    (sample.root / "logo.png").symlink_to("/etc/passwd")
    server = start_server(sample.config, sample.root / "pdfs", sample.root / "index", sample.root / "logs")
    try:
        status, _, body = server.get("/packs/pharmacist.html")
    finally:
        server.stop()

    assert status == 400
    assert b"root:" not in body
    assert "board.logo" in body.decode() and "is no longer a plain file" in body.decode()
    assert "Traceback" not in server.output()


HOSTILE_TEXT = [
    b"<script>alert(1)</script> and <img src=x onerror=alert(2)>",
    b"[click here](javascript:alert(3)) and **bold** and `code`",
    b"# Not a heading, | not | a table |",
]


def test_pdf_text_reaches_the_markdown_pack_as_text(sample: Sample) -> None:
    """Item 3: `<script>` from a PDF reached the Markdown pack verbatim (the HTML pack
    escaped it); Markdown is turned into HTML by whatever opens it."""
    from markdown_it import MarkdownIt

    labelled_pdf(sample.root / "pdfs" / CH4, ["74"], [b"Pharmacies", *HOSTILE_TEXT])
    sample.config.write_text(
        "chapters:\n  - number: 4\n    title: Health <b>Services</b>\n    file: " + CH4 + "\n"
        "audiences:\n  - id: health\n    title: Health\n    read: [4]\n"
        "roles:\n  - id: pharmacist\n    title: Pharmacies\n    audience: health\n",
        encoding="utf-8",
    )
    assert sample.run("ingest").exit_code == 0

    result = sample.run("pack", "pharmacist", "--full", "--format", "md", "--out", str(sample.root / "packs"))

    assert result.exit_code == 0, result.output
    shown = (
        MarkdownIt("commonmark")
        .enable("table")
        .enable("strikethrough")
        .render((sample.root / "packs" / "pharmacist.md").read_text(encoding="utf-8"))
    )
    assert re.findall(r"<(?:script|img|b>|table|h1>Not|strong>bold|code>code)|href=\"javascript", shown) == []
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in shown and "Health &lt;b&gt;Services&lt;/b&gt;" in shown
    assert "[click here](javascript:alert(3)) and **bold**" in shown


TRICKY_TITLES = [
    "Yes",
    "Null",
    "no",
    "~",
    "true",
    "123",
    "1e3",
    "0x1F",
    "- dash",
    "a: b",
    "#hash",
    "'quote",
    '"double',
    "[list]",
    "{map}",
    "&anchor",
    "*alias",
    "!tag",
    "%percent",
    "@at",
    "`tick",
    "? key",
    "Yes: No",
    "tab\tinside",
    "café",
    "x" * 300,
]


def test_every_suggested_draft_passes_the_config_check(sample: Sample) -> None:
    """Item 13: `sections --suggest` wrote bookmark titles such as Yes and Null unquoted,
    and the draft pasted into the config was refused. Pasted as it is, it passes now, and
    every title reads back as the bookmark said (one line, the long one cut short)."""
    import pypdf

    writer = pypdf.PdfWriter()
    reader = pypdf.PdfReader(
        io.BytesIO(simple_pdf([[b"Page %d text." % i] for i in range(len(TRICKY_TITLES))]))
    )
    for page in reader.pages:
        writer.add_page(page)
    for index, title in enumerate(TRICKY_TITLES):
        writer.add_outline_item(title=title, page_number=index)
    with (sample.root / "pdfs" / CH4).open("wb") as out:
        writer.write(out)
    config = "chapters:\n  - number: 4\n    title: Health Services\n    file: " + CH4 + "\n"
    sample.config.write_text(config + "    sections: []\n", encoding="utf-8")

    draft = sample.run("sections", CH4, "--suggest")
    assert draft.exit_code == 0, draft.output
    sample.config.write_text(
        config + "".join(f"    {line}\n" for line in draft.stdout.splitlines()), encoding="utf-8"
    )
    result = sample.run("ingest")

    assert result.exit_code == 0, result.output
    titles = [s["title"] for s in yaml.safe_load(draft.stdout)["sections"]]
    assert titles == [" ".join(t.split()) if len(t) < 200 else "x" * 200 + "…" for t in TRICKY_TITLES]


def _encrypted(path: Path) -> None:
    plain = path.with_suffix(".plain")
    path.rename(plain)
    subprocess.run(["qpdf", "--encrypt", "user", "owner", "256", "--", str(plain), str(path)], check=True)
    plain.unlink()


@pytest.mark.parametrize(
    ("damage", "says"),
    [
        (lambda p: p.unlink(), "is no longer in "),
        (
            lambda p: p.write_bytes(b"<html>a saved web page, not the PDF</html>"),
            "is not a PDF (no PDF header)",
        ),
        (_encrypted, "is encrypted and needs a password to open"),
    ],
    ids=["deleted", "not-a-pdf", "encrypted"],
)
def test_a_broken_chapter_file_is_named_and_the_pack_uses_its_indexed_version(
    sample: Sample, damage: Callable[[Path], None], says: str
) -> None:
    """Item 15: after a chapter file was deleted, encrypted or replaced by a non-PDF, `pack`
    said it "changed since the last ingest; run ingest first", and again after every
    ingest (which rightly keeps the old version)."""
    damage(sample.root / "pdfs" / CH4)
    assert sample.run("ingest").exit_code == 3  # the file is named; its old version stays

    result = sample.run("pack", "pharmacist", "--format", "md", "--out", str(sample.root / "packs"))

    assert result.exit_code == 0, result.output
    assert f"note: {CH4} {says}" in result.stderr and "the pack uses the version indexed on" in result.stderr
    assert "changed since the last ingest" not in result.output
    assert "printed page 74" in (sample.root / "packs" / "pharmacist.md").read_text(encoding="utf-8")


def test_a_heading_on_a_page_whose_number_repeats_is_not_said_to_be_elsewhere(sample: Sample) -> None:
    """Item 15's kind, a message that contradicts itself: where a file's page numbers
    restart, a heading found on the second page printed 1 was "not on printed page 1 but
    on page 1"."""
    pages = [
        [b"Contents"],
        [b"Foreword text."],
        [b"Pharmacies", b"Sample words about pharmacies."],
        [b"More."],
    ]
    labelled_pdf(sample.root / "pdfs" / CH4, ["1", "2", "1", "2"], [], pages)
    sample.config.write_text(
        "chapters:\n  - number: 4\n    title: Health Services\n    file: " + CH4 + "\n"
        "    sections:\n      - {id: pharmacies, title: Pharmacies, start: 1}\n",
        encoding="utf-8",
    )

    result = sample.run("ingest")

    assert result.exit_code == 0, result.output
    assert "not on printed page 1 but on page 1" not in result.output
    assert (
        "heading 'Pharmacies' (section pharmacies) is not on the page printed 1 at PDF page 1 but on "
        "another page printed 1, at PDF page 3 (the file's page numbers restart)"
    ) in " ".join(result.output.split())


def test_a_printed_label_shaped_like_an_unnumbered_page_is_cited_as_printed(sample: Sample) -> None:
    """Item 14: a real PDF page label `57+1` was cited as "unnumbered page after p. 57" (the
    form this tool gives a page without a printed number). It is cited as printed, in
    every output, and a config may name it (`start: 57+1`)."""
    pages = [[b"School nurses", b"Sample words."], [b"Pharmacies", b"Sample words about pharmacies."]]
    labelled_pdf(sample.root / "pdfs" / CH4, ["57", "57+1"], [], pages)
    sample.config.write_text(
        "chapters:\n  - number: 4\n    title: Health Services\n    file: " + CH4 + "\n"
        "    sections:\n      - {id: school-nurses, title: School nurses, start: 57}\n"
        "      - {id: pharmacies, title: Pharmacies, start: 57+1}\n"
        "audiences:\n  - id: health\n    title: Health\n    read: [4]\n"
        "roles:\n  - id: pharmacist\n    title: Pharmacies\n    audience: health\n    sections: [pharmacies]\n",
        encoding="utf-8",
    )
    ingested = sample.run("ingest")
    assert ingested.exit_code == 0, ingested.output
    assert "not in" not in ingested.output and "HEADING" not in ingested.output

    text = sample.text_search("pharmacies")
    as_json = sample.text_search("pharmacies", "--json")
    pack = sample.run("pack", "pharmacist", "--format", "md", "--out", str(sample.root / "packs"))

    assert "p. 57+1" in text.stdout and "unnumbered" not in text.stdout
    assert json.loads(as_json.stdout)["results"][0]["page"] == "57+1"
    markdown = (sample.root / "packs" / "pharmacist.md").read_text(encoding="utf-8")
    assert pack.exit_code == 0 and "unnumbered" not in markdown and "printed page 57+1" in markdown
    assert "\u2060" not in markdown  # the mark that keeps it apart never shows
