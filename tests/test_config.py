"""Config validation: every problem reported at once, each with its place and line (SPEC,
"Configuration"), through `parse_config` / `load_config` and through `cse-toolkit ingest`."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from pipeline.config import load_config, parse_config
from pipeline.errors import ConfigError
from tests.conftest import Place
from tests.helpers import tree_state
from tools.pdfgen import Block, PageSpec, write_pdf

# Line numbers in the assertions below count from the first line of each YAML text.
CHAPTER = """\
chapters:
  - number: 1
    title: Understanding CSE
    file: chapter-1.pdf
"""


def problems(text: str, pdfs_dir: Path | None = None) -> list[str]:
    """The problems `parse_config` reports for this YAML text (it must report some)."""
    with pytest.raises(ConfigError) as caught:
        parse_config(text.encode(), "toolkit.yaml", pdfs_dir)
    return caught.value.problems


def only_problem(text: str, pdfs_dir: Path | None = None) -> str:
    found = problems(text, pdfs_dir)
    assert len(found) == 1, found
    return found[0]


def small_pdf(path: Path, text: str = "A short page of sample text about referrals.") -> Path:
    write_pdf(path, [PageSpec(blocks=(Block("heading", "Notes"), Block("para", text)))])
    return path


# --------------------------------------------------------------------------- one kind each
def test_yaml_syntax_error_names_line_and_column() -> None:
    text = """\
chapters:
  - number: 1
    title: Health: Services
    file: chapter-4.pdf
"""
    assert problems(text) == ["YAML syntax error at line 3, column 18: mapping values are not allowed here"]


def test_unknown_key_is_an_error() -> None:
    text = CHAPTER + "    colour: blue\n"
    assert only_problem(text) == (
        "chapters[0].colour (line 5): unknown key (allowed: file, first_page, number, pages, sections, title)"
    )


def test_unknown_top_level_key_is_an_error() -> None:
    text = "chapters: []\nchapter_titles: yes\n"
    assert only_problem(text) == (
        "chapter_titles (line 2): unknown key (allowed: audiences, board, chapters, edition, limits, ocr, roles, synonyms, title)"
    )


def test_wrong_type_is_an_error() -> None:
    text = """\
chapters:
  - number: four
    title: Health Services
    file: chapter-4.pdf
    first_page: [55]
"""
    found = problems(text)
    assert "chapters[0].number (line 2): expected a whole number, got 'four'" in found
    assert "chapters[0].first_page (line 5): expected a single value, got a list" in found
    assert len(found) == 2, found


def test_chapters_must_be_a_list() -> None:
    assert only_problem("chapters: pharmacies\n") == "chapters (line 1): expected a list, got 'pharmacies'"


def test_missing_required_key() -> None:
    text = """\
chapters:
  - number: 4
    file: chapter-4.pdf
"""
    assert only_problem(text) == "chapters[0].title (line 2): missing (required)"


def test_missing_chapters_key() -> None:
    assert only_problem("title: A toolkit\n") == "chapters (line 1): missing (required)"


def test_duplicate_chapter_number() -> None:
    text = (
        CHAPTER
        + """\
  - number: 1
    title: Responding to Concerns
    file: chapter-2.pdf
"""
    )
    assert only_problem(text) == "chapters[1].number (line 5): chapter 1 is configured twice"


DUPLICATE_SECTION = (
    CHAPTER
    + """\
    sections:
      - id: grooming
        title: Grooming
        start: 4
  - number: 2
    title: Responding to Concerns
    file: chapter-2.pdf
    sections:
      - id: grooming
        title: Grooming again
        start: 20
"""
)


def test_duplicate_section_id_across_chapters() -> None:
    problem = only_problem(DUPLICATE_SECTION)
    assert problem.startswith("chapters[1].sections[0].id (line ")
    assert problem.endswith("section id 'grooming' is already used at chapters[0].sections[0].id")


@pytest.mark.parametrize("bad_id", ["Grooming", "grooming_tips", "grooming tips", "ph@rmacy"])
def test_invalid_section_id(bad_id: str) -> None:
    text = CHAPTER + f"    sections:\n      - id: {bad_id}\n        title: Grooming\n        start: 4\n"
    assert only_problem(text) == (
        f"chapters[0].sections[0].id (line 6): {bad_id!r} is not a valid id "
        "(use lower-case letters, digits and '-')"
    )


def test_invalid_role_id() -> None:
    text = (
        "chapters: []\naudiences:\n  - id: health\n    title: Health\n"
        "roles:\n  - id: Pharmacist\n    title: Pharmacies\n    audience: health\n"
    )
    assert only_problem(text) == (
        "roles[0].id (line 6): 'Pharmacist' is not a valid id (use lower-case letters, digits and '-')"
    )


def test_end_before_start() -> None:
    text = """\
chapters:
  - number: 4
    title: Health Services
    file: chapter-4.pdf
    sections:
      - id: pharmacies
        title: Pharmacies
        start: 74
        end: 70
"""
    assert (
        only_problem(text)
        == "chapters[0].sections[0].end (line 9): invalid page range '74-70' (end before start)"
    )


OUT_OF_ORDER = """\
chapters:
  - number: 4
    title: Health Services
    file: chapter-4.pdf
    sections:
      - id: pharmacies
        title: Pharmacies
        start: 74
      - id: midwifery
        title: Midwifery
        start: 60
"""


def test_sections_out_of_order() -> None:
    problem = only_problem(OUT_OF_ORDER)
    assert problem.startswith("chapters[0].sections[1].start (line ")
    assert problem.endswith(
        "sections must be in page order: 'midwifery' starts at 60, before 'pharmacies' at 74"
    )


AUDIENCE_UNKNOWN_CHAPTER = (
    CHAPTER
    + """\
audiences:
  - id: health
    title: Health Professionals
    read: [1, 4]
"""
)


def test_audience_naming_unknown_chapter() -> None:
    problem = only_problem(AUDIENCE_UNKNOWN_CHAPTER)
    assert problem.startswith("audiences[0].read (line ")
    assert problem.endswith("chapter 4 is not in chapters (configured: 1)")


ROLE_BASE = (
    CHAPTER
    + """\
    sections:
      - id: grooming
        title: Grooming
        start: 4
audiences:
  - id: health
    title: Health Professionals
    read: [1]
roles:
"""
)
# ROLE_BASE has 13 lines; the first role starts on line 14.

UNKNOWN_AUDIENCE = ROLE_BASE + "  - id: pharmacist\n    title: Pharmacies\n    audience: social-care\n"
UNKNOWN_SECTION = (
    ROLE_BASE
    + "  - id: pharmacist\n    title: Pharmacies\n    audience: health\n    sections: [pharmacies]\n"
)
ALIAS_TWICE = (
    ROLE_BASE
    + "  - id: pharmacist\n    title: Pharmacies\n    audience: health\n    aliases: [chemist]\n"
    + "  - id: dispenser\n    title: Dispensers\n    audience: health\n    aliases: [Chemist]\n"
)


def test_a_key_given_twice_names_the_line_of_the_second() -> None:
    """The key just added at the end of the file (as an editor appends it) is the problem:
    its line is named, and where the first one stands."""
    text = CHAPTER + "title: Toolkit\nchapters: []\n"
    assert only_problem(text) == "chapters (line 6): duplicate key (first on line 1)"


def test_role_naming_unknown_audience() -> None:
    problem = only_problem(UNKNOWN_AUDIENCE)
    assert problem.startswith("roles[0].audience (line ")
    assert problem.endswith("unknown audience 'social-care' (defined: health)")


def test_role_naming_unknown_section() -> None:
    problem = only_problem(UNKNOWN_SECTION)
    assert problem.startswith("roles[0].sections (line ")
    assert problem.endswith("unknown section 'pharmacies' (no chapter has it)")


def test_alias_naming_two_roles() -> None:
    problem = only_problem(ALIAS_TWICE)
    assert problem.startswith("roles[1].aliases (line ")
    assert problem.endswith("'chemist' already names role 'pharmacist'; a name must point to one role")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(DUPLICATE_SECTION, "chapters[1].sections[0].id (line 13)", id="duplicate-section-id"),
        pytest.param(OUT_OF_ORDER, "chapters[0].sections[1].start (line 11)", id="out-of-order"),
        pytest.param(AUDIENCE_UNKNOWN_CHAPTER, "audiences[0].read (line 8)", id="audience-chapter"),
        pytest.param(UNKNOWN_AUDIENCE, "roles[0].audience (line 16)", id="role-audience"),
        pytest.param(UNKNOWN_SECTION, "roles[0].sections (line 17)", id="role-section"),
        pytest.param(ALIAS_TWICE, "roles[1].aliases (line 21)", id="alias"),
    ],
)
def test_problem_line_is_the_line_of_the_named_key(text: str, expected: str) -> None:
    """The line printed with a place is where that key stands, so the user can go straight to it."""
    problem = only_problem(text)
    assert problem.startswith(expected + ": "), problem


# ------------------------------------------------------------------- files and the PDFs dir
@pytest.mark.parametrize("name", ["../x.pdf", "sub/../../x.pdf", "/etc/x.pdf", "C:/toolkit/x.pdf"])
def test_file_outside_pdfs_dir_is_refused(name: str, tmp_path: Path) -> None:
    text = f"chapters:\n  - number: 1\n    title: One\n    file: {name!r}\n"
    assert only_problem(text, tmp_path) == (
        f"chapters[0].file (line 4): {name!r} points outside the PDFs directory; give a path inside it"
    )


def test_symlink_inside_pdfs_dir_pointing_outside_is_refused(tmp_path: Path) -> None:
    pdfs = tmp_path / "pdfs"
    pdfs.mkdir()
    outside = small_pdf(tmp_path / "elsewhere" / "secret.pdf")
    (pdfs / "chapter-1.pdf").symlink_to(outside)
    assert only_problem(CHAPTER, pdfs) == (
        "chapters[0].file (line 4): 'chapter-1.pdf' resolves outside the PDFs directory (a link?); refused"
    )


def test_symlink_to_a_file_inside_pdfs_dir_is_accepted(tmp_path: Path) -> None:
    pdfs = tmp_path / "pdfs"
    small_pdf(pdfs / "published" / "ch1.pdf")
    (pdfs / "chapter-1.pdf").symlink_to(pdfs / "published" / "ch1.pdf")
    config = parse_config(CHAPTER.encode(), "toolkit.yaml", pdfs)
    assert config.chapters[0].file == "chapter-1.pdf"


def test_file_in_a_subfolder_is_accepted() -> None:
    config = parse_config(b"chapters:\n  - number: 1\n    title: One\n    file: 2024/chapter-1.pdf\n")
    assert config.chapters[0].file == "2024/chapter-1.pdf"


def test_non_pdf_file_is_refused() -> None:
    text = "chapters:\n  - number: 1\n    title: One\n    file: chapter-1.docx\n"
    assert only_problem(text) == "chapters[0].file (line 4): 'chapter-1.docx' is not a .pdf file name"


def test_pdf_suffix_in_any_case_is_accepted() -> None:
    config = parse_config(b"chapters:\n  - number: 1\n    title: One\n    file: Chapter-1.PDF\n")
    assert config.chapters[0].file == "Chapter-1.PDF"


# --------------------------------------------------------------------------- valid configs
def test_empty_chapter_list_alone_is_valid() -> None:
    config = parse_config(b"chapters: []\n")
    assert config.chapters == ()
    assert config.audiences == ()
    assert config.roles == ()
    assert config.digest == hashlib.sha256(b"chapters: []\n").hexdigest()


def test_sample_config_is_valid() -> None:
    from tests.conftest import SAMPLE_CONFIG, SAMPLE_PDFS

    config = load_config(SAMPLE_CONFIG, SAMPLE_PDFS)
    assert [c.number for c in config.chapters] == list(range(1, 10))
    chapter, section = config.section("pharmacies") or (None, None)
    assert chapter is not None and section is not None
    assert (chapter.number, chapter.file, chapter.first_page) == (4, "chapter-4-health-services.pdf", 55)
    assert (section.title, section.start, section.end) == ("Pharmacies", 74, None)
    assert {r.id for r in config.roles} >= {"pharmacist", "midwife", "foster-carer"}


def test_empty_file_is_an_error() -> None:
    assert problems("") == ["chapters: the file is empty (a minimal config is `chapters: []`)"]


def test_missing_config_file_names_the_path(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere" / "toolkit.yaml"
    with pytest.raises(ConfigError) as caught:
        load_config(missing)
    assert caught.value.path == str(missing)
    assert str(missing) in caught.value.message


# --------------------------------------------------------------------------- many at once
MANY_PROBLEMS = """\
title: Sample toolkit
colour: blue
chapters:
  - number: 1
    title: Understanding CSE
    file: ../chapter-1.pdf
    sections:
      - id: What-Is-CSE
        title: What is CSE
        start: 2
      - id: grooming
        title: Grooming
        start: 9
        end: 7
  - number: 1
    title: Duplicate
    file: chapter-1b.pdf
audiences:
  - id: health
    title: Health
    read: [1, 4]
roles:
  - id: pharmacist
    title: Pharmacies
    audience: social-care
"""
MANY_EXPECTED = [
    "colour (line 2): unknown key",
    "chapters[0].file (line 6): '../chapter-1.pdf' points outside the PDFs directory",
    "chapters[0].sections[0].id (line 8): 'What-Is-CSE' is not a valid id",
    "chapters[0].sections[1].end (line 14): invalid page range '9-7' (end before start)",
    "chapters[1].number (line 15): chapter 1 is configured twice",
    "audiences[0].read (line ",
    "roles[0].audience (line ",
]


def test_every_problem_is_reported_at_once() -> None:
    found = problems(MANY_PROBLEMS)
    assert len(found) == len(MANY_EXPECTED), found
    for expected in MANY_EXPECTED:
        assert sum(1 for p in found if p.startswith(expected)) == 1, (expected, found)


# --------------------------------------------------------------------------- through the CLI
def test_cli_ingest_with_bad_config_exits_2_and_lists_every_problem(tmp_path: Path) -> None:
    pdfs = tmp_path / "pdfs"
    small_pdf(pdfs / "chapter-1.pdf")
    config = tmp_path / "bad.yaml"
    config.write_text(MANY_PROBLEMS, encoding="utf-8")
    index = tmp_path / "index"

    result = Place(config, pdfs, index).ingest()

    assert result.exit_code == 2, result.output
    assert f"{config}: {len(MANY_EXPECTED)} problems; nothing was changed:" in result.stderr
    listed = [line for line in result.stderr.splitlines() if line.startswith("  - ")]
    assert len(listed) == len(MANY_EXPECTED), result.stderr
    for expected in MANY_EXPECTED:
        assert any(line[4:].startswith(expected) for line in listed), (expected, result.stderr)
    assert "Traceback" not in result.output
    assert not index.exists()


def test_cli_ingest_with_bad_config_leaves_existing_index_unchanged(tmp_path: Path) -> None:
    pdfs = tmp_path / "pdfs"
    small_pdf(pdfs / "notes.pdf", "Referral pathway notes for the quokka project.")
    good = tmp_path / "good.yaml"
    good.write_text("chapters: []\n", encoding="utf-8")
    index = tmp_path / "index"
    first = Place(good, pdfs, index).ingest()
    assert first.exit_code == 0, first.output
    before = tree_state(index)

    bad = tmp_path / "bad.yaml"
    bad.write_text("chapters: []\nroles: 7\n", encoding="utf-8")
    small_pdf(pdfs / "more.pdf", "Another page that must not be indexed yet.")
    result = Place(bad, pdfs, index).ingest("--force")

    assert result.exit_code == 2, result.output
    assert "roles (line 2): expected a list, got '7'" in result.stderr
    assert tree_state(index) == before


def test_cli_symlink_pointing_outside_is_refused(tmp_path: Path) -> None:
    pdfs = tmp_path / "pdfs"
    pdfs.mkdir()
    (pdfs / "chapter-1.pdf").symlink_to(small_pdf(tmp_path / "outside.pdf"))
    config = tmp_path / "toolkit.yaml"
    config.write_text(CHAPTER, encoding="utf-8")
    index = tmp_path / "index"

    result = Place(config, pdfs, index).ingest()

    assert result.exit_code == 2, result.output
    assert "chapters[0].file (line 4): 'chapter-1.pdf' resolves outside the PDFs directory" in result.stderr
    assert not index.exists()


def test_cli_missing_config_file_exits_2_naming_the_path(tmp_path: Path) -> None:
    pdfs = tmp_path / "pdfs"
    small_pdf(pdfs / "chapter-1.pdf")
    missing = tmp_path / "conf" / "toolkit.yaml"
    index = tmp_path / "index"

    result = Place(missing, pdfs, index).ingest()

    assert result.exit_code == 2, result.output
    assert f"error: {missing}: 1 problem; nothing was changed:" in result.stderr
    assert "file not found" in result.stderr
    assert "Traceback" not in result.output
    assert not index.exists()


def test_cli_minimal_config_ingests(tmp_path: Path) -> None:
    pdfs = tmp_path / "pdfs"
    small_pdf(pdfs / "notes.pdf")
    config = tmp_path / "toolkit.yaml"
    config.write_text("chapters: []\n", encoding="utf-8")

    result = Place(config, pdfs, tmp_path / "ix").ingest()

    assert result.exit_code == 0, result.output
    assert "Indexed 0 chapters, 0 sections, 1 page, 1 uncatalogued document" in result.stdout


# --------------------------------------------------------------------------- board: (the packs' cover)
BOARD = """\
chapters: []
board:
  name: Anytown Safeguarding Children Partnership
"""


def test_board_is_read_with_its_contacts(tmp_path: Path) -> None:
    text = BOARD + (
        "  website: https://www.example.org/cse\n"
        "  contacts:\n"
        '    - {name: MASH (front door), phone: "01632 960001", note: weekdays}\n'
    )
    board = parse_config(text.encode()).board
    assert board is not None
    assert (board.name, board.website, [(c.name, c.phone, c.note) for c in board.contacts]) == (
        "Anytown Safeguarding Children Partnership",
        "https://www.example.org/cse",
        [("MASH (front door)", "01632 960001", "weekdays")],
    )


def test_board_unknown_key_is_an_error() -> None:
    assert only_problem(BOARD + "  colour: blue\n") == (
        "board.colour (line 4): unknown key (allowed: accessibility, contacts, edition, logo, name, website)"
    )


def test_board_without_a_name_is_an_error() -> None:
    assert (
        only_problem("chapters: []\nboard:\n  edition: Third\n") == "board.name (line 3): missing (required)"
    )


def test_board_website_must_be_a_web_address() -> None:
    assert only_problem(BOARD + "  website: www.example.org\n") == (
        "board.website (line 4): 'www.example.org' is not a web address (https://...) a reader can type"
    )


def test_board_contact_needs_a_number() -> None:
    assert only_problem(BOARD + "  contacts:\n    - {name: MASH, phone: ask reception}\n") == (
        "board.contacts[0].phone (line 5): 'ask reception' has no digits; give the number to call"
    )


def test_board_logo_must_exist_beside_the_config(tmp_path: Path) -> None:
    config = tmp_path / "toolkit.yaml"
    config.write_text(BOARD + "  logo: logo.png\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(config)
    assert caught.value.problems == [
        f"board.logo (line 4): 'logo.png' not found (looked for {tmp_path / 'logo.png'})"
    ]


def test_board_problems_are_reported_together_with_the_rest() -> None:
    text = CHAPTER + "  - number: x\n" + "board:\n  name: A\n  website: nope\n  contacts: 3\n"
    assert [p.split(" (line")[0] for p in problems(text)] == [
        "chapters[1].file",
        "chapters[1].title",
        "chapters[1].number",
        "board.website",
        "board.contacts",
    ]


def test_essential_must_name_a_configured_section() -> None:
    text = (
        CHAPTER + "audiences:\n  - {id: health, title: Health, read: [1], essential: [making-a-referral]}\n"
    )
    assert only_problem(text) == (
        "audiences[0].essential[0] (line 6): unknown section 'making-a-referral' (no chapter has it)"
    )


# ------------------------------------------------------------ several chapters in one file
SHARED = """\
chapters:
  - number: 1
    title: Understanding CSE
    file: toolkit.pdf
    pages: 1-14
  - number: 4
    title: Health Services
    file: toolkit.pdf
    pages: 55-76
    sections:
      - {id: pharmacies, title: Pharmacies, start: 74}
"""


def test_chapters_sharing_a_file_by_pages_are_valid() -> None:
    config = parse_config(SHARED.encode(), "toolkit.yaml")
    assert [(c.number, c.file, c.pages) for c in config.chapters] == [
        (1, "toolkit.pdf", (1, 14)),
        (4, "toolkit.pdf", (55, 76)),
    ]


def test_pages_may_be_roman_or_one_page() -> None:
    text = SHARED.replace("pages: 1-14", "pages: i-iv").replace("pages: 55-76", "pages: 55")
    text = text.replace("start: 74", "start: 55")
    config = parse_config(text.encode(), "toolkit.yaml")
    assert [c.pages for c in config.chapters] == [("i", "iv"), (55, 55)]


def test_pages_last_before_first_is_an_error() -> None:
    assert only_problem(SHARED.replace("pages: 1-14", "pages: 14-1")) == (
        "chapters[0].pages (line 5): invalid page range '14-1' (last before first)"
    )


def test_pages_not_a_range_is_an_error() -> None:
    assert only_problem(SHARED.replace("pages: 1-14", "pages: one to fourteen")) == (
        "chapters[0].pages (line 5): expected printed pages FIRST-LAST (such as 55-76 or i-iv), got "
        "'one to fourteen'"
    )


def test_chapters_sharing_a_file_without_pages_is_an_error() -> None:
    assert only_problem(SHARED.replace("    pages: 1-14\n", "")) == (
        "chapters[0].file (line 4): 'toolkit.pdf' is also the file of chapter(s) 4; chapters that "
        "share a file each need `pages: FIRST-LAST` (their printed pages in it)"
    )


def test_overlapping_pages_in_one_file_are_an_error() -> None:
    assert only_problem(SHARED.replace("pages: 55-76", "pages: 10-76").replace("start: 74", "start: 12")) == (
        "chapters[1].pages (line 9): 10-76 overlaps chapter 1's pages 1-14 in 'toolkit.pdf'"
    )


def test_section_outside_its_chapters_pages_is_an_error() -> None:
    assert only_problem(SHARED.replace("start: 74", "start: 80")) == (
        "chapters[1].sections[0].start (line 11): page 80 is outside the chapter's pages 55-76"
    )


def test_every_problem_with_shared_files_is_reported_at_once() -> None:
    text = (
        SHARED.replace("pages: 1-14", "pages: 60-70")
        .replace("start: 74", "start: 80")
        .replace("number: 4", "number: 4\n    first_page: 3")
        .replace("    pages: 1-14\n", "")
        + "  - {number: 5, title: Social Care, file: toolkit.pdf}\n"
    )
    assert problems(text) == [
        "chapters[1].sections[0].start (line 12): page 80 is outside the chapter's pages 55-76",
        "chapters[2].file (line 13): 'toolkit.pdf' is also the file of chapter(s) 1, 4; chapters that "
        "share a file each need `pages: FIRST-LAST` (their printed pages in it)",
        "chapters[1].pages (line 10): 55-76 overlaps chapter 1's pages 60-70 in 'toolkit.pdf'",
    ]


def test_cli_pages_not_in_the_file_is_an_error_naming_them(tmp_path: Path) -> None:
    pdfs = tmp_path / "pdfs"
    pdfs.mkdir()
    write_pdf(
        pdfs / "toolkit.pdf",
        [
            PageSpec(blocks=(Block("para", f"Page {n} of the toolkit, about referrals."),), footer=str(n))
            for n in (1, 2, 3)
        ],
    )
    config = tmp_path / "toolkit.yaml"
    config.write_text(
        SHARED.replace("pages: 1-14", "pages: 1-3").replace(
            "    sections:\n      - {id: pharmacies, title: Pharmacies, start: 74}\n", ""
        ),
        encoding="utf-8",
    )
    result = Place(config, pdfs, tmp_path / "index").ingest()
    assert result.exit_code == 2, result.output
    assert (
        "chapters[1].pages: printed pages 55-76 (chapter 4) are not in toolkit.pdf, whose pages are 1-3"
        in result.output
    )
