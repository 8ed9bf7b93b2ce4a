"""Excerpt packs (`cse-toolkit pack`): the generated PDF opened with pypdf (pages by their
text and labels, bookmarks, the cover), the Markdown with a citation per page, byte-identical
rebuilds, a section starting part-way down a page, and the command's errors."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
from pathlib import Path

import pypdf
import pytest
import yaml
from click.testing import Result

from pipeline.engine.store import IndexStore
from pipeline.ingest.manifest import load_manifest
from tests.conftest import SAMPLE_CONFIG, SAMPLE_PDFS, Place
from tests.helpers import chapter4_with_inserted_page, edited_chapter4, write_chapter
from tools.sample_text import CHAPTERS, TOOLKIT_TITLE

CH4 = "chapter-4-health-services.pdf"
CH2 = "chapter-2-responding-to-concerns.pdf"
CH4_DATA = next(c for c in CHAPTERS if c.number == 4)

# Gynaecology's closing text at the top of printed page 60, above the Midwifery heading.
GYNAECOLOGY_ON_P60 = ("chaperoned examination", "companion insists on staying", "Termination of pregnancy")
# Midwifery's own text below its heading on p60.
MIDWIFERY_ON_P60 = ("Midwives care for pregnant young people from booking", "Routine enquiry about domestic")


# --------------------------------------------------------------------------- helpers
def flat(text: str) -> str:
    """Whitespace collapsed, so wrapped lines compare as one sentence."""
    return " ".join(text.split())


def cli(pdfs: Path, config: Path, index: Path, *args: str) -> Result:
    return Place(config, pdfs, index).run(*args)


def pack(pdfs: Path, config: Path, index: Path, out: Path, *args: str) -> Result:
    return cli(pdfs, config, index, "pack", *args, "--out", str(out))


def bookmarks(reader: pypdf.PdfReader) -> list[tuple[str, int]]:
    """Top-level bookmarks as (title, 0-based page index)."""
    return [
        (item.title, reader.get_destination_page_number(item))
        for item in reader.outline
        if not isinstance(item, list)
    ]


def outline(reader: pypdf.PdfReader) -> list[tuple[str, int, list[tuple[str, int]]]]:
    """Bookmarks two levels deep: (title, page index, [(child title, page index)])."""
    out: list[tuple[str, int, list[tuple[str, int]]]] = []
    for item in reader.outline:
        if isinstance(item, list):
            out[-1][2].extend((c.title, reader.get_destination_page_number(c)) for c in item)
        else:
            out.append((item.title, reader.get_destination_page_number(item), []))
    return out


def role_ids(config: Path) -> list[str]:
    return [r["id"] for r in yaml.safe_load(config.read_text(encoding="utf-8"))["roles"]]


def body_labels(reader: pypdf.PdfReader) -> list[str]:
    """The page labels of the published pages (between the contents and the sources)."""
    return [label for label in reader.page_labels if label.split()[0] not in ("Cover", "Contents", "Sources")]


# --------------------------------------------------------------------------- fixtures
@pytest.fixture(scope="module")
def ingested(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    """A copy of the sample ingested into a fresh index: (pdfs, config, index). Read-only."""
    root = tmp_path_factory.mktemp("packs")
    pdfs = root / "pdfs"
    shutil.copytree(SAMPLE_PDFS, pdfs)
    config = root / "toolkit.yaml"
    shutil.copy(SAMPLE_CONFIG, config)
    index = root / "index"
    result = cli(pdfs, config, index, "ingest")
    assert result.exit_code == 0, result.output
    return pdfs, config, index


@pytest.fixture
def writable(ingested: tuple[Path, Path, Path], tmp_path: Path) -> tuple[Path, Path, Path]:
    """A writable copy of the ingested sample: (pdfs, config, index)."""
    root = tmp_path / "sample"
    shutil.copytree(ingested[0].parent, root, symlinks=True)  # keeps mtimes and `current`
    pdfs, config, index = root / "pdfs", root / "toolkit.yaml", root / "index"
    assert IndexStore(index).current() == index / "gen-000001"
    return pdfs, config, index


@pytest.fixture(scope="module")
def pharmacist(ingested: tuple[Path, Path, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("pharmacist-pack")
    result = pack(*ingested, out, "pharmacist")
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def midwife(ingested: tuple[Path, Path, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("midwife-pack")
    result = pack(*ingested, out, "midwife")
    assert result.exit_code == 0, result.output
    return out


# --------------------------------------------------------------------------- the pharmacist's pack
PHARMACIST_LABELS = ["Cover", "Contents", "74", "16", "17", "18", "22", "23", "24", "Sources"]


def test_pharmacist_pack_is_cover_contents_own_and_essential_pages_then_sources(pharmacist: Path) -> None:
    reader = pypdf.PdfReader(str(pharmacist / "pharmacist.pdf"))
    assert reader.page_labels == PHARMACIST_LABELS


def test_pharmacist_pack_writes_pdf_and_markdown_by_default(pharmacist: Path) -> None:
    assert sorted(p.name for p in pharmacist.iterdir()) == ["pharmacist.md", "pharmacist.pdf"]


def test_pharmacist_bookmarks_are_nested_chapter_then_section(pharmacist: Path) -> None:
    reader = pypdf.PdfReader(str(pharmacist / "pharmacist.pdf"))
    assert outline(reader) == [
        ("Cover", 0, []),
        ("Contents", 1, []),
        ("Chapter 4: Health Services", 2, [("Pharmacies", 2)]),
        ("Chapter 2: Responding to Concerns", 3, [("Recognising risk", 3), ("Making a referral", 6)]),
        ("Sources", 9, []),
    ]


def test_pharmacist_pack_page_is_the_published_page_untouched(pharmacist: Path) -> None:
    reader = pypdf.PdfReader(str(pharmacist / "pharmacist.pdf"))
    text = reader.pages[2].extract_text()
    # The very page of the published PDF (PDF page 20), not a re-typeset copy.
    source = pypdf.PdfReader(str(SAMPLE_PDFS / CH4)).pages[19]
    assert (text, [float(v) for v in reader.pages[2].mediabox]) == (
        source.extract_text(),
        [float(v) for v in source.mediabox],
    )


def test_essential_sections_of_the_audience_are_in_a_roles_pack(pharmacist: Path) -> None:
    """The health audience marks chapter 2's "Making a referral" essential: the
    pharmacist, who owns only Pharmacies, gets its pages (pp. 22-24) too."""
    reader = pypdf.PdfReader(str(pharmacist / "pharmacist.pdf"))
    at = reader.page_labels.index("22")
    assert "Making a referral" in reader.pages[at].extract_text().splitlines()


def test_role_essential_key_adds_a_section_to_its_pack(
    writable: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    pdfs, config, index = writable
    text = config.read_text(encoding="utf-8")
    text = text.replace(
        "    sections: [pharmacies]\n", "    sections: [pharmacies]\n    essential: [information-sharing]\n"
    )
    config.write_text(text, encoding="utf-8")
    result = pack(pdfs, config, index, tmp_path, "pharmacist")
    assert result.exit_code == 0, result.output
    reader = pypdf.PdfReader(str(tmp_path / "pharmacist.pdf"))
    assert body_labels(reader) == ["74", "16", "17", "18", "22", "23", "24", "25", "26", "27"]


def test_cover_names_board_edition_where_to_check_and_local_contacts(pharmacist: Path) -> None:
    reader = pypdf.PdfReader(str(pharmacist / "pharmacist.pdf"))
    cover = flat(reader.pages[0].extract_text())
    for words in (
        "Sample Local Safeguarding Children Board",
        "Sample edition, not official guidance",
        "Check you have the current edition: https://www.example.org/cse-toolkit",
        "Excerpt pack for Pharmacies",
        "For Health Professionals",
        "Local contacts: who to call with a concern",
        "MASH (front door) sample number; weekdays 9am to 5pm 01632 960001",
        "Out of hours (emergency duty team) sample number 01632 960002",
        "Police 999 in an emergency, otherwise 101",
    ):
        assert words in cover, words


def test_cover_edition_comes_from_the_pdfs_own_dates_without_a_configured_one(
    writable: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    pdfs, config, index = writable
    text = config.read_text(encoding="utf-8")
    config.write_text(
        text.replace('  edition: "Sample edition, not official guidance"\n', ""), encoding="utf-8"
    )
    result = pack(pdfs, config, index, tmp_path, "pharmacist")
    assert result.exit_code == 0, result.output
    cover = pypdf.PdfReader(str(tmp_path / "pharmacist.pdf")).pages[0].extract_text()
    assert "PDFs dated 1 January 2000" in cover.splitlines()  # the sample PDFs' own /ModDate


def test_cover_without_a_board_says_whom_to_ask(writable: tuple[Path, Path, Path], tmp_path: Path) -> None:
    pdfs, config, index = writable
    text = config.read_text(encoding="utf-8")
    config.write_text(text.split("\n# The sample Board, printed")[0] + "\n", encoding="utf-8")
    result = pack(pdfs, config, index, tmp_path, "pharmacist")
    assert result.exit_code == 0, result.output
    cover = flat(pypdf.PdfReader(str(tmp_path / "pharmacist.pdf")).pages[0].extract_text())
    assert (
        "No local contacts are configured: ask your safeguarding lead for the MASH (front door) number."
        in cover
    )


def test_cover_lists_the_reading_list_with_printed_pages(pharmacist: Path) -> None:
    reader = pypdf.PdfReader(str(pharmacist / "pharmacist.pdf"))
    cover = flat(reader.pages[0].extract_text())
    expected = [
        "Must read: Chapter 1, Understanding Child Sexual Exploitation (pp. 1-14)",
        "Must read: Chapter 2, Responding to Concerns (pp. 15-34)",
        "Must read: Chapter 4, Health Services (pp. 55-76)",
        "Also helpful: Chapter 8, Information for Parents and Carers (pp. 111-120)",
        "Also helpful: Chapter 9, Information for Children and Young People (pp. 121-128)",
    ]
    assert [line for line in expected if line in cover] == expected


def test_provenance_is_on_the_last_page_not_the_cover(
    pharmacist: Path, ingested: tuple[Path, Path, Path]
) -> None:
    pdfs, _, index = ingested
    reader = pypdf.PdfReader(str(pharmacist / "pharmacist.pdf"))
    manifest = load_manifest(IndexStore(index).current())
    assert manifest is not None
    shas = [hashlib.sha256((pdfs / name).read_bytes()).hexdigest() for name in (CH4, CH2)]
    last = flat(reader.pages[-1].extract_text())
    cover = flat(reader.pages[0].extract_text())
    assert [
        all(sha in last for sha in shas),
        manifest.ingested_at in last,
        any(sha in cover for sha in shas),
    ] == [True, True, False]


def test_contents_lists_each_section_with_its_printed_and_pack_page(pharmacist: Path) -> None:
    reader = pypdf.PdfReader(str(pharmacist / "pharmacist.pdf"))
    contents = flat(reader.pages[1].extract_text()).rsplit("Pack page ", 1)[1]
    rows = re.findall(
        r"(\w[\w ]+?) \((your section|for everyone)\) Chapter (\d): [\w ]+? (pp?\. [\d-]+) (\d+)", contents
    )
    assert rows == [
        ("Pharmacies", "your section", "4", "p. 74", "3"),
        ("Recognising risk", "for everyone", "2", "pp. 16-18", "4"),
        ("Making a referral", "for everyone", "2", "pp. 22-24", "7"),
    ]


def test_contents_pack_pages_are_where_the_sections_are(pharmacist: Path) -> None:
    reader = pypdf.PdfReader(str(pharmacist / "pharmacist.pdf"))
    assert [reader.page_labels[n - 1] for n in (3, 4, 7)] == ["74", "16", "22"]


def test_pharmacist_markdown_cites_page_74(pharmacist: Path) -> None:
    md = (pharmacist / "pharmacist.md").read_text(encoding="utf-8")
    sources = [line for line in md.splitlines() if line.startswith("> Source: Chapter 4")]
    assert sources == [
        "> Source: Chapter 4 (Health Services), Pharmacies, printed page 74 "
        "(chapter-4-health-services.pdf, PDF page 20)"
    ]


def test_markdown_keeps_paragraph_breaks(pharmacist: Path) -> None:
    md = (pharmacist / "pharmacist.md").read_text(encoding="utf-8")
    assert "an incident of sexual exploitation.\n\nWhen a young person asks for emergency contraception" in md


def test_markdown_does_not_repeat_the_heading_line(pharmacist: Path) -> None:
    md = (pharmacist / "pharmacist.md").read_text(encoding="utf-8")
    body = md.split("## Pharmacies\n", 1)[1].split("\n---\n", 1)[0]
    assert [line for line in body.splitlines() if "Pharmacies" in line] == [
        "> Source: Chapter 4 (Health Services), Pharmacies, printed page 74 "
        "(chapter-4-health-services.pdf, PDF page 20)",
    ]


def test_markdown_keeps_subheadings_as_headings(pharmacist: Path) -> None:
    md = (pharmacist / "pharmacist.md").read_text(encoding="utf-8")
    assert "\n### Talking to the child\n\nIf you have a concern" in md


def test_markdown_has_no_page_furniture(pharmacist: Path) -> None:
    md = (pharmacist / "pharmacist.md").read_text(encoding="utf-8")
    assert "SAMPLE TEXT" not in md.split("## Pharmacies\n", 1)[1]


def test_markdown_cover_gives_the_local_contacts(pharmacist: Path) -> None:
    md = (pharmacist / "pharmacist.md").read_text(encoding="utf-8")
    assert "- **MASH (front door):** 01632 960001 (sample number; weekdays 9am to 5pm)" in md.splitlines()


# --------------------------------------------------------------------------- typography
@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("title", "Pecyn Cymorth Gŵyl ŷd"),  # Welsh
        ("name", "Rada Ochrony Dzieci Łódź"),  # Polish
        ("edition", "Ediția Timișoara, 2025"),  # Romanian
    ],
)
def test_cover_prints_names_in_any_latin_script_exactly(
    writable: tuple[Path, Path, Path], tmp_path: Path, key: str, value: str
) -> None:
    pdfs, config, index = writable
    text = config.read_text(encoding="utf-8")
    if key == "title":
        text = text.replace(f"title: {TOOLKIT_TITLE}", f"title: {value}")
    elif key == "name":
        text = text.replace("  name: Sample Local Safeguarding Children Board", f"  name: {value}")
    else:
        text = text.replace('  edition: "Sample edition, not official guidance"', f"  edition: {value}")
    config.write_text(text, encoding="utf-8")
    result = pack(pdfs, config, index, tmp_path, "pharmacist")
    assert result.exit_code == 0, result.output
    cover = pypdf.PdfReader(str(tmp_path / "pharmacist.pdf")).pages[0].extract_text()
    assert value in cover.splitlines()


def test_cover_embeds_its_font(pharmacist: Path) -> None:
    reader = pypdf.PdfReader(str(pharmacist / "pharmacist.pdf"))
    fonts = reader.pages[0]["/Resources"]["/Font"]
    embedded = [
        "/FontFile2" in font.get_object()["/FontDescriptor"]
        for font in (f.get_object() for f in fonts.values())
        if "/FontDescriptor" in font
    ]
    assert embedded and all(embedded)


def test_logo_is_printed_on_the_cover(writable: tuple[Path, Path, Path], tmp_path: Path) -> None:
    from PIL import Image

    pdfs, config, index = writable
    Image.new("RGB", (240, 80), (11, 87, 164)).save(config.parent / "logo.png")
    text = config.read_text(encoding="utf-8").replace("board:\n", "board:\n  logo: logo.png\n")
    config.write_text(text, encoding="utf-8")
    result = pack(pdfs, config, index, tmp_path, "pharmacist")
    assert result.exit_code == 0, result.output
    cover = pypdf.PdfReader(str(tmp_path / "pharmacist.pdf")).pages[0]
    assert [image.image.size for image in cover.images] == [(240, 80)]


# --------------------------------------------------------------------------- HTML
@pytest.fixture(scope="module")
def pharmacist_html(ingested: tuple[Path, Path, Path], tmp_path_factory: pytest.TempPathFactory) -> str:
    out = tmp_path_factory.mktemp("pharmacist-html")
    result = pack(*ingested, out, "pharmacist", "--format", "html")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["pharmacist.html"]
    return (out / "pharmacist.html").read_text(encoding="utf-8")


def test_html_pack_loads_nothing_from_elsewhere(pharmacist_html: str) -> None:
    assert re.findall(r"<(?:link|script|iframe)\b|\bsrc=\"(?!data:)|url\(", pharmacist_html) == []


def test_html_pack_keeps_paragraphs(pharmacist_html: str) -> None:
    assert (
        "an incident of sexual exploitation.</p>\n<p>When a young person asks for emergency contraception"
        in pharmacist_html
    )


def test_html_pack_cites_every_page(pharmacist_html: str) -> None:
    cited = re.findall(r'<p class="source">Source: [^<]*printed page (\w+) ', pharmacist_html)
    assert cited == ["74", "16", "17", "18", "22", "23", "24"]


def test_html_pack_links_only_numbers_a_phone_can_dial(pharmacist_html: str) -> None:
    assert re.findall(r'href="tel:([^"]*)"', pharmacist_html) == ["01632960001", "01632960002"]


def test_html_pack_escapes_what_it_prints(writable: tuple[Path, Path, Path], tmp_path: Path) -> None:
    pdfs, config, index = writable
    text = config.read_text(encoding="utf-8")
    config.write_text(
        text.replace(f"title: {TOOLKIT_TITLE}", 'title: "Toolkit <script>x</script>"'), encoding="utf-8"
    )
    result = pack(pdfs, config, index, tmp_path, "pharmacist", "--format", "html")
    assert result.exit_code == 0, result.output
    assert "<script>" not in (tmp_path / "pharmacist.html").read_text(encoding="utf-8")


# --------------------------------------------------------------------------- a section starting part-way down a page
def test_midwife_pdf_holds_whole_pages_60_and_61(midwife: Path) -> None:
    reader = pypdf.PdfReader(str(midwife / "midwife.pdf"))
    assert body_labels(reader)[:2] == ["60", "61"]
    page60 = flat(reader.pages[2].extract_text())
    for words in GYNAECOLOGY_ON_P60 + MIDWIFERY_ON_P60:
        assert words in page60, words  # the whole page, Gynaecology's text at its top included
    assert page60.index("chaperoned examination") < page60.index("Midwives care for")


def test_midwife_markdown_holds_only_midwifery_text(midwife: Path) -> None:
    md = (midwife / "midwife.md").read_text(encoding="utf-8")
    body = flat(md)
    for words in MIDWIFERY_ON_P60:
        assert words in body, words
    assert "Indicators in maternity care" in body  # p61
    for words in GYNAECOLOGY_ON_P60:
        assert words not in body, words
    assert "gynaecology clinic" not in body.lower()


def test_midwife_markdown_cites_every_page(midwife: Path) -> None:
    md = (midwife / "midwife.md").read_text(encoding="utf-8")
    cited = re.findall(r"^> Source: Chapter (\d) \([^)]*\), ([^,]+), printed page (\w+) ", md, flags=re.M)
    assert cited == [
        ("4", "Midwifery", "60"),
        ("4", "Midwifery", "61"),
        ("2", "Recognising risk", "16"),
        ("2", "Recognising risk", "17"),
        ("2", "Recognising risk", "18"),
        ("2", "Making a referral", "22"),
        ("2", "Making a referral", "23"),
        ("2", "Making a referral", "24"),
    ]


# --------------------------------------------------------------------------- determinism
def test_same_inputs_give_byte_identical_packs(writable: tuple[Path, Path, Path], tmp_path: Path) -> None:
    pdfs, config, index = writable
    builds = []
    every = ("--format", "pdf", "--format", "md", "--format", "html")
    for name in ("first", "second", "first"):  # rebuilt in place, and into another directory
        out = tmp_path / name
        result = pack(pdfs, config, index, out, "pharmacist", *every)
        assert result.exit_code == 0, result.output
        builds.append(tuple((out / f"pharmacist.{ext}").read_bytes() for ext in ("pdf", "md", "html")))
    # The PDFs' modification times do not matter, only their bytes.
    for path in pdfs.glob("*.pdf"):
        os.utime(path, (1_900_000_000, 1_900_000_000))
    out = tmp_path / "touched"
    result = pack(pdfs, config, index, out, "pharmacist", *every)
    assert result.exit_code == 0, result.output
    builds.append(tuple((out / f"pharmacist.{ext}").read_bytes() for ext in ("pdf", "md", "html")))
    assert all(build == builds[0] for build in builds)
    assert not list((tmp_path / "first").glob(".*"))  # no temporary files left behind


def test_midwife_pack_is_byte_identical_when_rebuilt(
    ingested: tuple[Path, Path, Path], midwife: Path, tmp_path: Path
) -> None:
    result = pack(*ingested, tmp_path, "midwife")
    assert result.exit_code == 0, result.output
    for name in ("midwife.pdf", "midwife.md"):
        assert (tmp_path / name).read_bytes() == (midwife / name).read_bytes(), name


# --------------------------------------------------------------------------- the command
def test_all_writes_a_pack_for_every_role(ingested: tuple[Path, Path, Path], tmp_path: Path) -> None:
    pdfs, config, index = ingested
    result = pack(pdfs, config, index, tmp_path, "--all")
    assert result.exit_code == 0, result.output
    roles = role_ids(config)
    assert len(roles) == 29  # every role of the sample config, each with its own pack
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [f"{r}.pdf" for r in roles] + [f"{r}.md" for r in roles]
    )
    config_data = yaml.safe_load(config.read_text(encoding="utf-8"))
    titles = {s["id"]: s["title"] for c in config_data["chapters"] for s in c["sections"]}
    essential = {a["id"]: [titles[s] for s in a.get("essential", [])] for a in config_data["audiences"]}
    for role in config_data["roles"]:
        assert f"{role['id']}: " in result.stdout, role["id"]
        reader = pypdf.PdfReader(str(tmp_path / f"{role['id']}.pdf"))
        sections = [title for _, _, children in outline(reader) for title, _ in children]
        if "sections" not in role:  # a reader who owns no section gets the chapters to read, whole
            audience = next(a for a in config_data["audiences"] if a["id"] == role["audience"])
            chapters = [c for c in config_data["chapters"] if c["number"] in audience["read"]]
            whole = [
                title for c in chapters for title in ["Introduction", *(s["title"] for s in c["sections"])]
            ]
            assert sections == whole, role["id"]
            continue
        own = [titles[s] for s in role["sections"]]
        assert sections == [*own, *(t for t in essential[role["audience"]] if t not in own)], role["id"]


def test_all_gives_the_same_pack_as_one_role(
    ingested: tuple[Path, Path, Path], pharmacist: Path, tmp_path: Path
) -> None:
    result = pack(*ingested, tmp_path, "--all")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "pharmacist.pdf").read_bytes() == (pharmacist / "pharmacist.pdf").read_bytes()
    assert (tmp_path / "pharmacist.md").read_bytes() == (pharmacist / "pharmacist.md").read_bytes()


@pytest.mark.parametrize("name", ["Pharmacies", "chemist", "PHARMACY", "Pharmacist"])
def test_role_by_title_or_alias(
    ingested: tuple[Path, Path, Path], pharmacist: Path, tmp_path: Path, name: str
) -> None:
    result = pack(*ingested, tmp_path, name)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pharmacist.md", "pharmacist.pdf"]
    assert (tmp_path / "pharmacist.pdf").read_bytes() == (pharmacist / "pharmacist.pdf").read_bytes()


def test_unknown_role_exits_2_listing_valid_roles(ingested: tuple[Path, Path, Path], tmp_path: Path) -> None:
    result = pack(*ingested, tmp_path / "out", "nosuchrole")
    assert result.exit_code == 2, result.output
    assert "nosuchrole" in result.stderr
    for role in role_ids(ingested[1]):
        assert role in result.stderr, role
    assert "Traceback" not in result.output
    assert not (tmp_path / "out").exists()


def test_no_role_and_no_all_exits_2(ingested: tuple[Path, Path, Path], tmp_path: Path) -> None:
    result = pack(*ingested, tmp_path / "out")
    assert result.exit_code == 2, result.output
    assert "--all" in result.stderr
    assert not (tmp_path / "out").exists()


def test_pack_before_any_ingest_exits_2_saying_to_ingest(
    sample_copy: tuple[Path, Path], tmp_path: Path
) -> None:
    pdfs, config = sample_copy
    result = pack(pdfs, config, tmp_path / "index", tmp_path / "out", "pharmacist")
    assert result.exit_code == 2, result.output
    assert "cse-toolkit ingest" in result.stderr
    assert "Traceback" not in result.output
    assert not (tmp_path / "out").exists()


def test_changed_pdf_refuses_unless_stale_ok(writable: tuple[Path, Path, Path], tmp_path: Path) -> None:
    pdfs, config, index = writable
    write_chapter(edited_chapter4(), pdfs / CH4)

    refused = pack(pdfs, config, index, tmp_path / "refused", "pharmacist")
    assert refused.exit_code == 2, refused.output
    assert CH4 in refused.stderr
    assert "changed since the last ingest" in refused.stderr
    assert "--stale-ok" in refused.stderr
    assert not (tmp_path / "refused" / "pharmacist.pdf").exists()

    allowed = pack(pdfs, config, index, tmp_path / "allowed", "pharmacist", "--stale-ok")
    assert allowed.exit_code == 0, allowed.output
    reader = pypdf.PdfReader(str(tmp_path / "allowed" / "pharmacist.pdf"))
    assert reader.page_labels == PHARMACIST_LABELS
    # The Markdown is the ingested text.
    md = flat((tmp_path / "allowed" / "pharmacist.md").read_text(encoding="utf-8"))
    assert "Record your concern and what you did." in md


def test_other_roles_pack_is_not_stale_when_an_unrelated_chapter_changes(
    writable: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    pdfs, config, index = writable
    write_chapter(edited_chapter4(), pdfs / CH4)
    result = pack(pdfs, config, index, tmp_path, "foster-carer")  # chapter 5 only
    assert result.exit_code == 0, result.output


def test_stale_ok_pack_pdf_matches_its_bookmarks_when_pages_moved(
    writable: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    """With --stale-ok after a page was inserted, the page under the "Pharmacies" bookmark
    must still be the Pharmacies page (as the Markdown is), not whatever now sits at the
    same position of the republished file: the pack is cut from the copy taken at ingest."""
    pdfs, config, index = writable
    write_chapter(chapter4_with_inserted_page(), pdfs / CH4)
    result = pack(pdfs, config, index, tmp_path, "pharmacist", "--stale-ok")
    assert result.exit_code == 0, result.output
    reader = pypdf.PdfReader(str(tmp_path / "pharmacist.pdf"))
    (title, at) = outline(reader)[2][2][0]
    assert title == "Pharmacies"
    text = flat(reader.pages[at].extract_text())
    assert "Community pharmacies are easy to reach" in text
    assert "Paramedics and ambulance crews" not in text


@pytest.fixture(scope="module")
def nurse_full(ingested: tuple[Path, Path, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("school-nurse-full")
    result = pack(*ingested, out, "school-nurse", "--full")
    assert result.exit_code == 0, result.output
    return out


def test_full_holds_no_page_twice(nurse_full: Path) -> None:
    labels = body_labels(pypdf.PdfReader(str(nurse_full / "school-nurse.pdf")))
    assert sorted(labels, key=int) == [str(n) for n in [*range(1, 35), *range(55, 77)]]


def test_full_keeps_printed_page_labels_in_order_after_the_own_sections(nurse_full: Path) -> None:
    """Own section (56-58), essential sections (16-18, 22-24), then each must-read chapter
    whole without the pages already shown."""
    labels = body_labels(pypdf.PdfReader(str(nurse_full / "school-nurse.pdf")))
    assert labels == [
        str(n)
        for n in [
            56, 57, 58, 16, 17, 18, 22, 23, 24,
            *range(1, 15),
            15, *range(19, 22), *range(25, 35),
            55, *range(59, 77),
        ]
    ]  # fmt: skip


def test_full_bookmarks_nest_each_chapters_sections(nurse_full: Path) -> None:
    reader = pypdf.PdfReader(str(nurse_full / "school-nurse.pdf"))
    chapter2 = next(
        entry for entry in outline(reader) if entry[0].startswith("Chapter 2: Responding to Concerns (whole")
    )
    labels = reader.page_labels
    assert [(title, labels[at]) for title, at in chapter2[2]] == [
        ("Introduction", "15"),
        ("Recognising risk", "16"),
        ("The CSE screening tool", "19"),
        ("Making a referral", "22"),
        ("Information sharing", "25"),
        ("Multi-agency meetings", "28"),
        ("Disrupting perpetrators", "31"),
        ("Recording and record keeping", "33"),
    ]


def test_full_markdown_gives_each_pages_text_once(nurse_full: Path) -> None:
    md = (nurse_full / "school-nurse.md").read_text(encoding="utf-8")
    cited = re.findall(r"^> Source: .*, printed page (\w+) \(", md, flags=re.M)
    assert sorted(set(cited), key=int) == [str(n) for n in [*range(1, 35), *range(55, 77)]]


def test_full_markdown_points_back_to_pages_shown_earlier(nurse_full: Path) -> None:
    md = (nurse_full / "school-nurse.md").read_text(encoding="utf-8")
    assert "*Printed page 57 is shown above, in School Nurses.*" in md.splitlines()


# --------------------------------------------------------------------------- atomic writes
def test_failed_stale_build_leaves_the_old_pack_unchanged(
    writable: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    pdfs, config, index = writable
    out = tmp_path / "out"
    assert pack(pdfs, config, index, out, "pharmacist").exit_code == 0
    old = {p.name: p.read_bytes() for p in out.iterdir()}
    write_chapter(edited_chapter4(), pdfs / CH4)

    result = pack(pdfs, config, index, out, "pharmacist")

    assert result.exit_code == 2, result.output
    assert {p.name: p.read_bytes() for p in out.iterdir()} == old


def test_build_failing_after_the_pdf_leaves_the_old_pack_unchanged(
    writable: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    """The Markdown needs the ingested text from the cache; when that fails, neither file
    of the old pack is replaced (never a new PDF beside an old Markdown)."""
    pdfs, config, index = writable
    out = tmp_path / "out"
    assert pack(pdfs, config, index, out, "pharmacist").exit_code == 0
    old = {p.name: p.read_bytes() for p in out.iterdir()}
    # A new title makes a different cover, so a replaced PDF would show.
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace(f"title: {TOOLKIT_TITLE}", "title: A Retitled Toolkit"), encoding="utf-8")
    assert "A Retitled Toolkit" in config.read_text(encoding="utf-8")
    for cached in (index / "cache").glob("*.json"):
        cached.unlink()

    result = pack(pdfs, config, index, out, "pharmacist")

    assert result.exit_code == 2, result.output
    assert "ingest --force" in result.stderr
    assert {p.name: p.read_bytes() for p in out.iterdir()} == old
