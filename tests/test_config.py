"""Config validation: every problem reported at once, each with its place and line (SPEC,
"Configuration"), through `parse_config` / `load_config` and through `cse-toolkit ingest`."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
import yaml

from pipeline.config import check, load_config, parse_config
from pipeline.config.model import EditionKey, OcrSettings
from pipeline.config.tesseract import installed_languages
from pipeline.errors import ConfigError
from tests.conftest import SAMPLE_CONFIG, SAMPLE_PDFS, Place
from tests.helpers import small_png, tree_state
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


@pytest.mark.parametrize(
    ("section", "problem"),
    [
        ("{title: Pharmacies, start: 60}", "chapters[0].sections[1].id (line 7): missing (required)"),
        ("{id: pharmacies, start: 60}", "chapters[0].sections[1].title (line 7): missing (required)"),
    ],
    ids=["no-id", "no-title"],
)
def test_a_section_missing_its_id_or_title_is_reported_once(section: str, problem: str) -> None:
    """Only what is wrong with it: a section that cannot be built is not also judged for
    its page order (here it would start before the one above it)."""
    text = (
        CHAPTER + f"    sections:\n      - {{id: grooming, title: Grooming, start: 74}}\n      - {section}\n"
    )
    assert problems(text) == [problem]


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


def test_a_key_given_twice_in_a_chapter_is_named_with_its_chapter_and_the_keys_after_it_are_read() -> None:
    text = "chapters:\n  - number: 1\n    title: A\n    title: B\n    file: a.pdf\n"
    assert problems(text) == ["chapters[0].title (line 4): duplicate key (first on line 3)"]


def test_a_config_that_is_not_a_mapping_names_its_first_line() -> None:
    assert problems("- chapters\n- roles\n") == ["line 1: expected a mapping, got a list"]


@pytest.mark.parametrize(
    ("chapters", "expected"),
    [
        # a chapter that is not a mapping: the chapters after it are still checked
        (
            "  - oops\n  - {number: 2, title: B, file: b.pdf}\n  - {number: 2, title: C, file: c.pdf}\n",
            [
                "chapters[0] (line 2): expected a mapping, got 'oops'",
                "chapters[2].number (line 4): chapter 2 is configured twice",
            ],
        ),
        # each number given twice is reported
        (
            "  - {number: 1, title: A, file: a.pdf}\n  - {number: 1, title: B, file: b.pdf}\n"
            "  - {number: 2, title: C, file: c.pdf}\n  - {number: 2, title: D, file: d.pdf}\n",
            [
                "chapters[1].number (line 3): chapter 1 is configured twice",
                "chapters[3].number (line 5): chapter 2 is configured twice",
            ],
        ),
    ],
    ids=["after-a-broken-chapter", "two-numbers-twice"],
)
def test_every_chapter_is_checked_after_one_that_is_wrong(chapters: str, expected: list[str]) -> None:
    assert problems("chapters:\n" + chapters) == expected


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


# ------------------------------------------- page ranges and shared files (issue 26 mutants)
def test_pages_may_not_start_at_page_0() -> None:
    assert only_problem(SHARED.replace("pages: 1-14", "pages: 0-14")) == (
        "chapters[0].pages (line 5): page 0 is not a printed page (pages start at 1)"
    )


def test_pages_up_to_the_largest_number_are_accepted_and_past_it_refused() -> None:
    """MAX_NUMBER (1,000,000,000, ten digits) is the last page a range may name."""
    text = SHARED.replace("pages: 55-76", "pages: 999999999-1000000000").replace(
        "start: 74", "start: 999999999"
    )
    assert [c.pages for c in parse_config(text.encode()).chapters] == [(1, 14), (999999999, 1000000000)]
    assert only_problem(SHARED.replace("pages: 55-76", "pages: 55-1000000001")) == (
        "chapters[1].pages (line 9): page '1000000001' is too large (at most 1,000,000,000)"
    )


def test_a_long_value_is_shown_cut_short_in_the_message() -> None:
    """Forty characters are shown whole; a longer value its first thirty and an ellipsis."""
    forty, forty_one = "a" * 40, "b" * 41
    assert only_problem(f"chapters: {forty}\n") == f"chapters (line 1): expected a list, got '{forty}'"
    assert only_problem(f"chapters: {forty_one}\n") == (
        f"chapters (line 1): expected a list, got '{'b' * 30}…'"
    )


def test_a_mapping_where_a_value_belongs_is_named_a_mapping() -> None:
    text = CHAPTER.replace("title: Understanding CSE", "title: {text: Understanding CSE}")
    assert only_problem(text) == "chapters[0].title (line 3): expected a single value, got a mapping"


def test_a_later_chapter_whose_pages_reach_into_an_earlier_ones_overlaps() -> None:
    """Chapter 4 first in the config at 55-76, chapter 1 after it at 1-60: they share 55-60."""
    text = SHARED.replace("pages: 1-14", "pages: 55-76", 1).replace(
        "pages: 55-76\n    sections", "pages: 1-60\n    sections"
    )
    text = text.replace("start: 74", "start: 58")
    assert only_problem(text) == (
        "chapters[1].pages (line 9): 1-60 overlaps chapter 1's pages 55-76 in 'toolkit.pdf'"
    )


def test_ranges_of_labels_without_an_order_overlap_only_when_they_share_a_label() -> None:
    apart = SHARED.replace("pages: 1-14", "pages: A1-A5").replace("pages: 55-76", "pages: B1-B5")
    apart = apart.replace("start: 74", "start: B2")
    assert [c.pages for c in parse_config(apart.encode()).chapters] == [("A1", "A5"), ("B1", "B5")]
    sharing = apart.replace("pages: B1-B5", "pages: A5-B5")
    assert only_problem(sharing) == (
        "chapters[1].pages (line 9): A5-B5 overlaps chapter 1's pages A1-A5 in 'toolkit.pdf'"
    )


def test_chapters_sharing_a_file_must_agree_on_its_first_page() -> None:
    text = SHARED.replace("pages: 1-14", "pages: 1-14\n    first_page: 1").replace(
        "pages: 55-76", "pages: 55-76\n    first_page: 3"
    )
    assert only_problem(text) == (
        "chapters[1].first_page (line 11): 3 disagrees with chapter 1's first_page 1 for the same file "
        "'toolkit.pdf'"
    )
    agreeing = text.replace("first_page: 3", "first_page: 1")
    assert [c.first_page for c in parse_config(agreeing.encode()).chapters] == [1, 1]


def test_a_start_page_written_as_and_is_checked_against_the_files_labels() -> None:
    """A start spelled out in number words ("seventy-four") is reported once, as words, not
    also as missing from the file; "and" alone is no number, so it is checked as a label."""
    labels = {"toolkit.pdf": [str(n) for n in range(1, 77)]}
    assert only_problem_with_labels(SHARED.replace("start: 74", "start: and"), labels) == (
        "chapters[1].sections[0].start (line 11): printed page and (Pharmacies) is not in toolkit.pdf, "
        "whose pages are 1-76 (as last ingested)"
    )
    assert only_problem_with_labels(SHARED.replace("start: 74", "start: seventy-four"), labels) == (
        "chapters[1].sections[0].start (line 11): 'seventy-four' is a page number in words; write it "
        "as printed on the page (e.g. 74)"
    )


def only_problem_with_labels(text: str, labels: dict[str, list[str]]) -> str:
    with pytest.raises(ConfigError) as caught:
        parse_config(text.encode(), "toolkit.yaml", page_labels=labels)
    assert len(caught.value.problems) == 1, caught.value.problems
    return caught.value.problems[0]


# --------------------------------------------------------------------------- the `ocr:` config key
def config_problems(text: str) -> list[str]:
    with pytest.raises(ConfigError) as caught:
        parse_config(text.encode(), "toolkit.yaml", SAMPLE_PDFS)
    return caught.value.problems


def test_config_ocr_mode_must_be_known() -> None:
    assert config_problems("chapters: []\nocr: sometimes\n") == [
        "ocr (line 2): 'sometimes' is not an OCR mode (use one of: auto, always, never)"
    ]


def test_config_ocr_unknown_key_is_an_error() -> None:
    assert config_problems("chapters: []\nocr:\n  langs: [eng]\n") == [
        "ocr.langs (line 3): unknown key (allowed: languages, mode, seconds_per_page)"
    ]


def test_config_ocr_settings_are_read() -> None:
    text = "chapters: []\nocr:\n  mode: always\n  languages: [eng]\n  seconds_per_page: 20\n"
    settings = parse_config(text.encode(), "toolkit.yaml", SAMPLE_PDFS).ocr
    assert (settings.mode, settings.languages, settings.seconds_per_page) == ("always", ("eng",), 20)


@pytest.mark.skipif(installed_languages() is None, reason="Tesseract is not installed")
def test_config_language_not_installed_names_the_key_and_the_package() -> None:
    installed = ", ".join(sorted(installed_languages() or ()))
    problems = config_problems("chapters: []\nocr:\n  languages: [eng, zzz]\n")
    assert problems == [
        f"ocr.languages[1] (line 3): Tesseract has no 'zzz' language installed (installed: {installed}); "
        "install it with: apt-get install -y tesseract-ocr-zzz"
    ]


def test_config_every_ocr_problem_is_listed_at_once() -> None:
    problems = config_problems("chapters: []\nocr:\n  mode: often\n  seconds_per_page: 0\n  extra: 1\n")
    assert problems == [
        "ocr.extra (line 5): unknown key (allowed: languages, mode, seconds_per_page)",
        "ocr.mode (line 3): 'often' is not an OCR mode (use one of: auto, always, never)",
        "ocr.seconds_per_page (line 4): must be 1 or more, got '0'",
    ]


def test_config_ocr_languages_must_be_tesseract_names_and_at_least_one() -> None:
    assert config_problems("chapters: []\nocr:\n  mode: never\n  languages: [eng, 'en gb']\n") == [
        "ocr.languages[1] (line 4): 'en gb' is not a Tesseract language name (such as eng, cym, chi_sim)"
    ]
    assert config_problems("chapters: []\nocr:\n  languages: []\n") == [
        "ocr.languages (line 3): give at least one language (for example [eng])"
    ]


def test_config_ocr_languages_are_not_looked_up_when_ocr_is_off_or_no_pdfs_are_read() -> None:
    """`mode: never` reads no page by OCR, and a config checked without its PDFs (the web
    page's start) reads none: a language Tesseract lacks is no problem then."""
    never = "chapters: []\nocr:\n  mode: never\n  languages: [eng, zzz]\n"
    assert parse_config(never.encode(), "toolkit.yaml", SAMPLE_PDFS).ocr == OcrSettings(
        "never", ("eng", "zzz")
    )
    auto = never.replace("mode: never", "mode: auto")
    assert parse_config(auto.encode(), "toolkit.yaml").ocr == OcrSettings("auto", ("eng", "zzz"))


def test_config_ocr_as_one_word_and_its_defaults() -> None:
    assert parse_config(b"chapters: []\nocr: always\n").ocr == OcrSettings("always")
    assert parse_config(b"chapters: []\n").ocr == OcrSettings()
    assert parse_config(b"chapters: []\nocr:\n  seconds_per_page: 45\n").ocr == OcrSettings(
        seconds_per_page=45
    )


def test_the_sample_config_is_unchanged_by_ocr_defaults() -> None:
    settings = parse_config(SAMPLE_CONFIG.read_bytes(), "toolkit.yaml", SAMPLE_PDFS).ocr
    assert (settings.mode, settings.languages) == ("auto", ("eng",))


# --------------------------------------------------------------------------- the `edition:` key
def edition(value: str) -> EditionKey | None:
    return parse_config(f"chapters: []\nedition: {value}\n".encode()).edition


def edition_problem(value: str) -> str:
    return only_problem(f"chapters: []\nedition: {value}\n")


def test_edition_date_and_note_are_read() -> None:
    assert edition("{date: 2026-12-06, note: Spring update}") == EditionKey("2026-12-06", "Spring update")
    assert edition("{date: '2026-12-06'}") == EditionKey("2026-12-06", "")
    assert edition("{note: Contacts checked}") == EditionKey(None, "Contacts checked")
    assert parse_config(b"chapters: []\n").edition is None


@pytest.mark.parametrize(
    "value",
    ["2026-13-01", "2026-12-6", "'2026-02-30'", "'6 December'", "'2026-12-06T10:30'", "2026-12-06 10:30:00"],
)
def test_edition_date_must_be_a_calendar_date_written_yyyy_mm_dd(value: str) -> None:
    shown = value.strip("'")
    assert edition_problem(f"{{date: {value}, note: Spring}}") == (
        f"edition.date (line 2): expected a date written YYYY-MM-DD (e.g. 2026-12-06), got '{shown}'"
    )


def test_edition_date_as_a_list_is_named_as_such() -> None:
    assert (
        edition_problem("{date: [2026, 12, 6]}")
        == "edition.date (line 2): expected a single value, got a list"
    )


def test_edition_needs_a_date_or_a_note() -> None:
    assert edition_problem("{}") == "edition (line 2): give its date (YYYY-MM-DD), a note, or both"
    assert edition_problem("{note: [a, b]}") == "edition.note (line 2): expected a single value, got a list"


def assert_named_too_deep(text: str) -> None:
    """The config text is refused as nested too deeply, naming the file."""
    with pytest.raises(ConfigError) as caught:
        parse_config(text.encode(), "toolkit.yaml")
    assert str(caught.value) == (
        "toolkit.yaml: 1 problem; nothing was changed:\n"
        "  - nested too deeply (YAML lists and mappings more than about 1,000 levels deep)"
    )


def test_a_config_nested_deeply_and_broken_too_is_named_too_deep() -> None:
    """libyaml reads 2,000 nested lists and stops at the syntax error after them; the
    pure-Python reader, asked again for a better wording of that error, runs out of stack:
    the message is still the file's, saying what is wrong."""
    text = "chapters: " + "[" * 2000 + "]" * 2000 + " ]]\n"
    assert_named_too_deep(text)


def test_a_config_nested_deeply_is_named_too_deep() -> None:
    text = "chapters: " + "[" * 5000 + "]" * 5000 + "\n"
    assert_named_too_deep(text)


def test_without_libyaml_a_config_nested_deeply_is_named_too_deep(monkeypatch: pytest.MonkeyPatch) -> None:
    """PyYAML built without libyaml (as on a platform without its wheel) reads with its
    pure-Python composer, which runs out of stack at the first reading rather than stopping
    at libyaml's limit: the same message, naming the file."""
    monkeypatch.setattr(check, "_LOADER", yaml.SafeLoader)
    text = "chapters: " + "[" * 5000 + "]" * 5000 + "\n"
    assert_named_too_deep(text)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("[1, 14]", "expected a single value, got a list"),
        ("0", "must be 1 or more, got '0'"),
        ('""', "expected printed pages FIRST-LAST (such as 55-76 or i-iv), got ''"),
    ],
)
def test_pages_that_are_no_range_name_the_key(value: str, message: str) -> None:
    assert (
        only_problem(SHARED.replace("pages: 1-14", f"pages: {value}"))
        == f"chapters[0].pages (line 5): {message}"
    )


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("December 2026", "edition (line 2): expected a mapping, got 'December 2026'"),
        ("{when: 2026-12-06}", "edition.when (line 2): unknown key (allowed: date, note)"),
        ("{date: !!timestamp [2026]}", "edition.date (line 2): expected a single value, got a list"),
        (
            "{date: '2026-W49-7'}",
            "edition.date (line 2): expected a date written YYYY-MM-DD (e.g. 2026-12-06), got '2026-W49-7'",
        ),
        (
            "{date: 20261206}",
            "edition.date (line 2): expected a date written YYYY-MM-DD (e.g. 2026-12-06), got '20261206'",
        ),
    ],
)
def test_an_edition_that_is_no_date_and_note_names_its_key(value: str, message: str) -> None:
    """A week date ("2026-W49-7") or digits alone are dates to Python, not as the key is written."""
    assert edition_problem(value) == message


@pytest.mark.parametrize(
    ("ocr", "expected"),
    [
        ("  mode: [auto]\n", ["ocr.mode (line 3): expected a single value, got a list"]),
        ("  languages: eng\n", ["ocr.languages (line 3): expected a list, got 'eng'"]),
        (
            "  mode: never\n  languages: [[eng], 'en gb']\n",
            [
                "ocr.languages[0] (line 4): expected a single value, got a list",
                "ocr.languages[1] (line 4): 'en gb' is not a Tesseract language name (such as eng, cym, chi_sim)",
            ],
        ),
    ],
)
def test_ocr_settings_of_the_wrong_shape_name_their_key(ocr: str, expected: list[str]) -> None:
    assert problems(f"chapters: []\nocr:\n{ocr}") == expected


# ------------------------------------------------ the board's logo and contacts, YAML errors
def logo_problems(tmp_path: Path, logo: str) -> list[str]:
    config = tmp_path / "toolkit.yaml"
    config.write_text(BOARD + f"  logo: {logo}\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(config)
    return caught.value.problems


def test_board_logo_is_read_from_beside_the_config_also_written_with_backslashes(tmp_path: Path) -> None:
    (tmp_path / "images").mkdir()
    small_png(tmp_path / "images" / "logo.png")
    config = tmp_path / "toolkit.yaml"
    for written in ("images/logo.png", "'images\\logo.png'"):
        config.write_text(BOARD + f"  logo: {written}\n", encoding="utf-8")
        board = load_config(config).board
        assert board is not None and board.logo == str((tmp_path / "images" / "logo.png").resolve())


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("'C:\\logo.png'", "C:\\logo.png"),
        ("c:logo.png", "c:logo.png"),
        ("/etc/logo.png", "/etc/logo.png"),
        ("../logo.png", "../logo.png"),
    ],
)
def test_board_logo_outside_the_configs_folder_is_refused(tmp_path: Path, written: str, value: str) -> None:
    assert logo_problems(tmp_path, written) == [
        f"board.logo (line 4): {value!r} points outside the config's folder; put the image "
        f"in {tmp_path.resolve()} and give its name there"
    ]


def test_board_logo_that_is_no_image_says_so_without_where_it_looked(tmp_path: Path) -> None:
    (tmp_path / "logo.txt").write_text("not an image", encoding="utf-8")
    assert logo_problems(tmp_path, "logo.txt") == [
        "board.logo (line 4): 'logo.txt' is not a PNG or JPEG file name"
    ]
    assert logo_problems(tmp_path, "[logo.png]") == [
        "board.logo (line 4): expected a single value, got a list"
    ]


@pytest.mark.parametrize(
    ("contact", "message"),
    [
        ("[MASH]", "board.contacts[0] (line 5): expected a mapping, got a list"),
        ('{phone: "01632 960001"}', "board.contacts[0].name (line 5): missing (required)"),
        ("{name: MASH}", "board.contacts[0].phone (line 5): missing (required)"),
        (
            '{name: [MASH], phone: "01632 960001"}',
            "board.contacts[0].name (line 5): expected a single value, got a list",
        ),
        ("{name: MASH, phone: [1]}", "board.contacts[0].phone (line 5): expected a single value, got a list"),
        (
            '{name: MASH, phone: "01632 960001", note: [a]}',
            "board.contacts[0].note (line 5): expected a single value, got a list",
        ),
    ],
)
def test_a_board_contact_of_the_wrong_shape_names_its_key(contact: str, message: str) -> None:
    assert only_problem(BOARD + f"  contacts:\n    - {contact}\n") == message


def test_a_yaml_error_without_a_place_is_reported_as_pyyaml_words_it() -> None:
    """A control character is refused by YAML's reader, which gives an offset, not a line."""
    with pytest.raises(ConfigError) as caught:
        parse_config(b"chapters: []\ntitle: a\x07b\n", "toolkit.yaml")
    assert str(caught.value) == (
        "toolkit.yaml: 1 problem; nothing was changed:\n  - YAML error: unacceptable character #x0007: "
        'special characters are not allowed\n  in "<unicode string>", position 21'
    )


def test_a_yaml_syntax_error_names_the_file() -> None:
    with pytest.raises(ConfigError) as caught:
        parse_config(b"chapters: [\n", "toolkit.yaml")
    assert str(caught.value) == (
        "toolkit.yaml: 1 problem; nothing was changed:\n"
        "  - YAML syntax error at line 2, column 1: expected the node content, but found '<stream end>'"
    )


def test_board_website_that_starts_like_one_says_what_is_wrong_with_it() -> None:
    assert only_problem(BOARD + '  website: "https://example"\n') == (
        "board.website (line 4): 'https://example' is not a web address (https://...) a reader can type: a host "
        "name with a dot, and no spaces, quotes, angle brackets or letters outside ASCII (write those "
        "%-encoded, as a browser's address bar shows them)"
    )
    assert only_problem(BOARD + "  website: [https://www.example.org]\n") == (
        "board.website (line 4): expected a single value, got a list"
    )


def test_board_contact_without_a_note_has_an_empty_one() -> None:
    board = parse_config((BOARD + '  contacts:\n    - {name: MASH, phone: "01632 960001"}\n').encode()).board
    assert board is not None
    assert [(c.name, c.phone, c.note) for c in board.contacts] == [("MASH", "01632 960001", "")]


# --------------------------------------------------------- a role's and the board's own keys
@pytest.mark.parametrize(
    ("role", "message"),
    [
        ("  - pharmacist\n", "roles[0] (line 14): expected a mapping, got 'pharmacist'"),
        ("  - {title: Pharmacies, audience: health}\n", "roles[0].id (line 14): missing (required)"),
        ("  - {id: pharmacist, audience: health}\n", "roles[0].title (line 14): missing (required)"),
        ("  - {id: pharmacist, title: Pharmacies}\n", "roles[0].audience (line 14): missing (required)"),
        (
            "  - {id: pharmacist, title: [Pharmacies], audience: health}\n",
            "roles[0].title (line 14): expected a single value, got a list",
        ),
        (
            "  - {id: pharmacist, title: Pharmacies, audience: [health]}\n",
            "roles[0].audience (line 14): expected a single value, got a list",
        ),
        (
            "  - {id: pharmacist, title: Pharmacies, audience: health, sections: grooming}\n",
            "roles[0].sections (line 14): expected a list, got 'grooming'",
        ),
        (
            "  - {id: pharmacist, title: Pharmacies, audience: health, aliases: [chemist, '']}\n",
            "roles[0].aliases[1] (line 14): must not be empty",
        ),
        (
            "  - {id: pharmacist, title: Pharmacies, audience: health, essential: grooming}\n",
            "roles[0].essential (line 14): expected a list, got 'grooming'",
        ),
    ],
)
def test_a_role_of_the_wrong_shape_names_its_key(role: str, message: str) -> None:
    assert only_problem(ROLE_BASE + role) == message


def test_a_role_may_name_its_own_essential_sections() -> None:
    text = ROLE_BASE + "  - {id: pharmacist, title: Pharmacies, audience: health, essential: [grooming]}\n"
    assert [r.essential for r in parse_config(text.encode()).roles] == [("grooming",)]


def test_board_edition_and_accessibility_are_read() -> None:
    text = BOARD + "  edition: Third edition, 2026\n  accessibility: Call 01632 960000 to report a problem\n"
    board = parse_config(text.encode()).board
    assert board is not None
    assert (board.edition, board.accessibility) == (
        "Third edition, 2026",
        "Call 01632 960000 to report a problem",
    )


@pytest.mark.parametrize("key", ["name", "edition", "accessibility"])
def test_a_board_text_that_is_a_list_names_its_key(key: str) -> None:
    text = (
        "chapters: []\nboard:\n  name: Anytown Partnership\n" if key != "name" else "chapters: []\nboard:\n"
    )
    text += f"  {key}: [a, b]\n"
    assert (
        only_problem(text)
        == f"board.{key} (line {3 if key == 'name' else 4}): expected a single value, got a list"
    )


@pytest.mark.parametrize(
    ("section", "message"),
    [
        ("grooming", "chapters[0].sections[0] (line 6): expected a mapping, got 'grooming'"),
        ("{title: Grooming, start: 4}", "chapters[0].sections[0].id (line 6): missing (required)"),
        ("{id: grooming, start: 4}", "chapters[0].sections[0].title (line 6): missing (required)"),
        ("{id: grooming, title: Grooming}", "chapters[0].sections[0].start (line 6): missing (required)"),
        (
            "{id: grooming, title: [Grooming], start: 4}",
            "chapters[0].sections[0].title (line 6): expected a single value, got a list",
        ),
        (
            "{id: grooming, title: Grooming, start: 4, end: [5]}",
            "chapters[0].sections[0].end (line 6): expected a single value, got a list",
        ),
    ],
)
def test_a_section_of_the_wrong_shape_names_its_key(section: str, message: str) -> None:
    assert only_problem(CHAPTER + f"    sections:\n      - {section}\n") == message


AUDIENCE = (
    CHAPTER + "  - {number: 2, title: Two, file: chapter-2.pdf}\naudiences:\n"
)  # the audience is line 7


def test_an_audience_reads_and_is_helped_by_chapters() -> None:
    text = AUDIENCE + "  - {id: health, title: Health, read: [1], helpful: [2]}\n"
    assert [(a.read, a.helpful) for a in parse_config(text.encode()).audiences] == [((1,), (2,))]


@pytest.mark.parametrize(
    ("audience", "message"),
    [
        ("health", "audiences[0] (line 7): expected a mapping, got 'health'"),
        ("{title: Health}", "audiences[0].id (line 7): missing (required)"),
        ("{id: health}", "audiences[0].title (line 7): missing (required)"),
        ("{id: [health], title: Health}", "audiences[0].id (line 7): expected a single value, got a list"),
        ("{id: health, title: [Health]}", "audiences[0].title (line 7): expected a single value, got a list"),
        ("{id: health, title: Health, read: 1}", "audiences[0].read (line 7): expected a list, got '1'"),
        (
            "{id: health, title: Health, helpful: [two]}",
            "audiences[0].helpful[0] (line 7): expected a whole number, got 'two'",
        ),
        (
            "{id: health, title: Health, helpful: 2}",
            "audiences[0].helpful (line 7): expected a list, got '2'",
        ),
        (
            "{id: health, title: Health, essential: [[a]]}",
            "audiences[0].essential[0] (line 7): expected a single value, got a list",
        ),
    ],
)
def test_an_audience_of_the_wrong_shape_names_its_key(audience: str, message: str) -> None:
    assert only_problem(AUDIENCE + f"  - {audience}\n") == message


def test_a_file_written_with_backslashes_is_the_same_file() -> None:
    config = parse_config(b"chapters:\n  - number: 1\n    title: One\n    file: '2024\\\\chapter-1.pdf'\n")
    assert config.chapters[0].file == "2024/chapter-1.pdf"


def test_a_file_on_a_drive_in_lower_case_is_refused() -> None:
    assert only_problem("chapters:\n  - number: 1\n    title: One\n    file: c:chapter-1.pdf\n") == (
        "chapters[0].file (line 4): 'c:chapter-1.pdf' points outside the PDFs directory; give a path inside it"
    )


def test_a_chapter_without_a_number_is_named() -> None:
    assert only_problem("chapters:\n  - title: One\n    file: chapter-1.pdf\n") == (
        "chapters[0].number (line 2): missing (required)"
    )


def test_a_section_before_the_chapters_first_page_is_an_error() -> None:
    text = CHAPTER + "    first_page: 55\n    sections:\n      - {id: grooming, title: Grooming, start: 54}\n"
    assert only_problem(text) == (
        "chapters[0].sections[0].start (line 7): page 54 is before the chapter's first_page 55"
    )


@pytest.mark.parametrize(
    ("start", "message"),
    [
        ("74 b", "expected a printed page number or label (74, iii), got '74 b'"),
        ("'  '", "expected a printed page number or label (74, iii), got '  '"),
        ("[74]", "expected a single value, got a list"),
        ("0", "must be 1 or more, got '0'"),
        ("'0'", "page 0 is not a printed page (pages start at 1)"),
    ],
)
def test_a_start_page_that_is_no_page_names_its_key(start: str, message: str) -> None:
    text = CHAPTER + f"    sections:\n      - {{id: grooming, title: Grooming, start: {start}}}\n"
    assert only_problem(text) == f"chapters[0].sections[0].start (line 6): {message}"


def test_a_section_ending_after_the_next_one_starts_is_an_error() -> None:
    text = CHAPTER + (
        "    sections:\n"
        "      - {id: grooming, title: Grooming, start: 4, end: 6}\n"
        "      - {id: consent, title: Consent, start: 5}\n"
    )
    assert (
        only_problem(text)
        == "chapters[0].sections[0].end (line 6): 'grooming' (4-6) overlaps 'consent' starting at 5"
    )


def test_after_a_section_that_cannot_be_read_the_order_checks_name_each_section_by_its_own_place() -> None:
    """The first section has no start: the checks of page order and overlap, made on the
    sections that could be read, named the one after it (and its line) for each."""
    text = CHAPTER + (
        "    first_page: 3\n"
        "    sections:\n"
        "      - {id: grooming, title: Grooming}\n"
        "      - {id: consent, title: Consent, start: 10, end: 12}\n"
        "      - {id: neglect, title: Neglect, start: 11}\n"
        "      - {id: online, title: Online Safety, start: 5}\n"
        "      - {id: bullying, title: Bullying, start: 2}\n"
    )
    assert problems(text) == [
        "chapters[0].sections[0].start (line 7): missing (required)",
        "chapters[0].sections[1].end (line 8): 'consent' (10-12) overlaps 'neglect' starting at 11",
        "chapters[0].sections[3].start (line 10): sections must be in page order: 'online' starts at 5, "
        "before 'neglect' at 11",
        "chapters[0].sections[4].start (line 11): page 2 is before the chapter's first_page 3",
        "chapters[0].sections[4].start (line 11): sections must be in page order: 'bullying' starts at 2, "
        "before 'online' at 5",
    ]


def test_a_section_outside_the_chapters_pages_after_one_that_cannot_be_read_is_named_by_its_place() -> None:
    text = SHARED.replace("start: 74}", "start: 74, end: 80}").replace(
        "    sections:\n", "    sections:\n      - {id: first, title: First}\n", 1
    )
    assert problems(text)[1:] == [
        "chapters[1].sections[1].end (line 12): page 80 is outside the chapter's pages 55-76"
    ]


def test_a_section_ending_outside_its_chapters_pages_is_an_error() -> None:
    text = SHARED.replace("start: 74}", "start: 74, end: 80}")
    assert (
        only_problem(text)
        == "chapters[1].sections[0].end (line 11): page 80 is outside the chapter's pages 55-76"
    )


def test_a_limit_may_be_its_largest_value_and_no_more() -> None:
    assert parse_config(b"chapters: []\nlimits:\n  max_pages: 1000000\n").limits.max_pages == 1_000_000
    assert only_problem("chapters: []\nlimits:\n  max_pages: 1000001\n") == (
        "limits.max_pages (line 3): must be at most 1,000,000, got '1000001'"
    )


@pytest.mark.parametrize(
    ("title", "message"),
    [
        ("", "must not be empty"),
        ("'   '", "must not be empty"),
        ("yes", "expected text, got 'yes'"),
        ("2026-12-06", "expected text, got '2026-12-06'"),
        ("'" + "a" * 10_000 + "'", None),
        ("'" + "a" * 10_001 + "'", "value too long (10001 characters; at most 10000)"),
    ],
)
def test_a_title_must_be_some_text_of_a_bounded_length(title: str, message: str | None) -> None:
    text = f"chapters:\n  - number: 1\n    title: {title}\n    file: chapter-1.pdf\n"
    if message is None:
        assert parse_config(text.encode()).chapters[0].title == "a" * 10_000
    else:
        assert only_problem(text) == f"chapters[0].title (line 3): {message}"


def test_an_empty_list_key_is_no_list() -> None:
    """`read:` with nothing after it is YAML's null: no chapters, not an error."""
    text = AUDIENCE + "  - id: health\n    title: Health\n    read:\n"
    assert [a.read for a in parse_config(text.encode()).audiences] == [()]


def test_a_file_name_part_may_be_255_bytes_and_no_more() -> None:
    """Each part of the path separately: a folder and a file name of 251 + ".pdf" each."""
    longest = "a" * 251 + ".pdf"
    text = f"chapters:\n  - number: 1\n    title: One\n    file: {'b' * 255}/{longest}\n"
    assert parse_config(text.encode()).chapters[0].file == f"{'b' * 255}/{longest}"
    assert only_problem(text.replace(longest, "a" + longest)) == (
        f"chapters[0].file (line 4): '{'b' * 30}…' has a name longer than 255 bytes, more than a file system allows"
    )


def test_an_audience_defined_twice_is_named_and_the_next_still_checked() -> None:
    text = AUDIENCE + (
        "  - {id: health, title: Health}\n  - {id: health, title: Health again}\n  - {id: social, title: Social, read: [9]}\n"
    )
    assert problems(text) == [
        "audiences[1].id (line 8): audience 'health' is defined twice",
        "audiences[2].read (line 9): chapter 9 is not in chapters (configured: 1, 2)",
    ]


def test_an_audience_helped_by_a_chapter_not_configured_is_an_error() -> None:
    assert only_problem(AUDIENCE + "  - {id: health, title: Health, helpful: [9]}\n") == (
        "audiences[0].helpful (line 7): chapter 9 is not in chapters (configured: 1, 2)"
    )
    assert only_problem("chapters: []\naudiences:\n  - {id: health, title: Health, read: [1]}\n") == (
        "audiences[0].read (line 3): chapter 1 is not in chapters (configured: none)"
    )


def test_a_role_defined_twice_is_named() -> None:
    text = ROLE_BASE + (
        "  - {id: pharmacist, title: Pharmacies, audience: health}\n"
        "  - {id: pharmacist, title: Chemists, audience: health}\n"
    )
    assert only_problem(text) == "roles[1].id (line 15): role 'pharmacist' is defined twice"


def test_every_unknown_key_of_a_chapter_is_named_with_its_place() -> None:
    assert problems(CHAPTER + "    colour: blue\n    size: large\n") == [
        "chapters[0].colour (line 5): unknown key (allowed: file, first_page, number, pages, sections, title)",
        "chapters[0].size (line 6): unknown key (allowed: file, first_page, number, pages, sections, title)",
    ]


# ------------------------------------------------- every entry checked, each problem placed
PHARMACIST = "  - {id: pharmacist, title: Pharmacies, audience: health}\n"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # no audience at all: the message says so
            CHAPTER
            + "    sections:\n      - {id: grooming, title: Grooming, start: 4}\nroles:\n"
            + PHARMACIST,
            ["roles[0].audience (line 8): unknown audience 'health' (defined: none)"],
        ),
        (  # the audiences there are, in order
            ROLE_BASE.replace("roles:\n", "  - {id: social-care, title: Social Care}\nroles:\n")
            + "  - {id: pharmacist, title: Pharmacies, audience: police}\n",
            ["roles[0].audience (line 15): unknown audience 'police' (defined: health, social-care)"],
        ),
        (  # a role after one that is not a mapping is still checked
            ROLE_BASE + "  - oops\n" + PHARMACIST + PHARMACIST,
            [
                "roles[0] (line 14): expected a mapping, got 'oops'",
                "roles[2].id (line 16): role 'pharmacist' is defined twice",
            ],
        ),
        (  # each role given twice is reported
            ROLE_BASE + PHARMACIST * 2 + "  - {id: gp, title: GPs, audience: health}\n" * 2,
            [
                "roles[1].id (line 15): role 'pharmacist' is defined twice",
                "roles[3].id (line 17): role 'gp' is defined twice",
            ],
        ),
        (  # an id that is another role's title: the role's own line, though it has no aliases
            ROLE_BASE + PHARMACIST + "  - {id: pharmacies, title: Chemists, audience: health}\n",
            [
                "roles[1].aliases (line 15): 'pharmacies' already names role 'pharmacist'; a name must point to one role"
            ],
        ),
        (
            ROLE_BASE + "  - {id: pharmacist, title: Pharmacies, audience: health, essential: [nope]}\n",
            ["roles[0].essential[0] (line 14): unknown section 'nope' (no chapter has it)"],
        ),
        (  # an audience after one that is not a mapping is still checked
            ROLE_BASE.replace("roles:\n", "  - oops\n  - {id: health, title: Again}\nroles:\n"),
            [
                "audiences[1] (line 13): expected a mapping, got 'oops'",
                "audiences[2].id (line 14): audience 'health' is defined twice",
            ],
        ),
        (CHAPTER + "synonyms: 7\n", ["synonyms (line 5): expected a list, got '7'"]),
        (
            CHAPTER + "synonyms:\n  - [CSE]\n",
            ["synonyms[0] (line 6): a synonym group needs at least two forms"],
        ),
        (CHAPTER + "synonyms:\n  - CSE\n", ["synonyms[0] (line 6): expected a list, got 'CSE'"]),
        (
            CHAPTER + "limits:\n  pages: 7\n",
            [
                "limits.pages (line 6): unknown key (allowed: max_memory_mb, max_pages, max_text_mb, seconds_per_file)"
            ],
        ),
    ],
    ids=[
        "no-audiences",
        "two-audiences",
        "role-after-a-broken-one",
        "two-roles-twice",
        "id-is-a-title",
        "unknown-essential",
        "audience-after-a-broken-one",
        "synonyms-not-a-list",
        "a-synonym-alone",
        "a-synonym-group-not-a-list",
        "unknown-limit",
    ],
)
def test_roles_audiences_and_synonyms_report_each_problem_in_its_place(
    text: str, expected: list[str]
) -> None:
    assert problems(text) == expected


def test_synonym_groups_of_two_forms_or_more_are_read() -> None:
    text = (
        CHAPTER
        + "synonyms:\n  - [CSE, child sexual exploitation]\n  - [A&E, accident and emergency, casualty]\n"
    )
    assert parse_config(text.encode()).synonyms == (
        ("CSE", "child sexual exploitation"),
        ("A&E", "accident and emergency", "casualty"),
    )


ALIAS_REFUSED = (
    "this value is reused through a YAML alias (*name or <<); aliases are not supported: "
    "write the value out in full"
)


def test_a_yaml_alias_is_refused_naming_the_line_of_the_value_it_reuses() -> None:
    text = "chapters: []\ntitle: &t Toolkit\nsynonyms:\n  - [*t, kit]\n"
    with pytest.raises(ConfigError) as caught:
        parse_config(text.encode(), "toolkit.yaml")
    assert str(caught.value) == f"toolkit.yaml: 1 problem; nothing was changed:\n  - line 2: {ALIAS_REFUSED}"


def test_at_most_20_aliases_are_reported() -> None:
    text = "chapters:\n  - &c {number: 1, title: A, file: a.pdf}\n" + "  - *c\n" * 21
    assert problems(text) == [f"line 2: {ALIAS_REFUSED}"] * 20


def test_a_limit_below_its_own_minimum_is_refused() -> None:
    assert problems(CHAPTER + "limits:\n  max_memory_mb: 100\n") == [
        "limits.max_memory_mb (line 6): must be 256 or more, got '100'"
    ]


def test_a_config_that_is_not_utf8_names_the_file_and_the_byte() -> None:
    with pytest.raises(ConfigError) as caught:
        parse_config(b"chapters: []\ntitle: Caf\xe9\n", "toolkit.yaml", None)
    assert str(caught.value) == "toolkit.yaml: 1 problem; nothing was changed:\n  - not UTF-8 text (byte 23)"


@pytest.mark.parametrize(
    ("line", "title"),
    [("title: Our Toolkit\n", "Our Toolkit"), ("", "Tackling Child Sexual Exploitation Toolkit")],
    ids=["given", "default"],
)
def test_the_toolkit_title_is_read(line: str, title: str) -> None:
    assert parse_config((CHAPTER + line).encode()).title == title


def test_an_empty_toolkit_title_is_refused() -> None:
    assert problems(CHAPTER + "title: ''\n") == ["title (line 5): must not be empty"]
