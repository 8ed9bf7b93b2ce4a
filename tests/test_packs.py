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
from tests.conftest import SAMPLE_CONFIG, SAMPLE_PDFS, toolkit
from tests.helpers import chapter4_with_inserted_page, edited_chapter4, write_chapter
from tools.sample_text import CHAPTERS, TOOLKIT_TITLE

CH4 = "chapter-4-health-services.pdf"
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
    return toolkit(*args, "--config", str(config), "--pdfs", str(pdfs), "--index", str(index))


def pack(pdfs: Path, config: Path, index: Path, out: Path, *args: str) -> Result:
    return cli(pdfs, config, index, "pack", *args, "--out", str(out))


def bookmarks(reader: pypdf.PdfReader) -> list[tuple[str, int]]:
    """Top-level bookmarks as (title, 0-based page index)."""
    return [(item.title, reader.get_destination_page_number(item)) for item in reader.outline]


def role_ids(config: Path) -> list[str]:
    return [r["id"] for r in yaml.safe_load(config.read_text(encoding="utf-8"))["roles"]]


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
def test_pharmacist_pack_is_cover_plus_page_74(pharmacist: Path) -> None:
    assert sorted(p.name for p in pharmacist.iterdir()) == ["pharmacist.md", "pharmacist.pdf"]
    reader = pypdf.PdfReader(str(pharmacist / "pharmacist.pdf"))
    assert len(reader.pages) == 2
    assert reader.page_labels == ["Cover", "74"]
    assert bookmarks(reader) == [("Cover", 0), ("Pharmacies", 1)]


def test_pharmacist_pack_page_is_the_published_page_untouched(pharmacist: Path) -> None:
    reader = pypdf.PdfReader(str(pharmacist / "pharmacist.pdf"))
    text = reader.pages[1].extract_text()
    assert "Pharmacies" in text
    assert "Community pharmacies are easy to reach" in flat(text)
    assert "Page 74" in text  # the original footer
    assert "Paramedics" not in text and "General Practice" not in text
    # The very page of the published PDF (PDF page 20), not a re-typeset copy.
    source = pypdf.PdfReader(str(SAMPLE_PDFS / CH4)).pages[19]
    assert text == source.extract_text()
    assert [float(v) for v in reader.pages[1].mediabox] == [float(v) for v in source.mediabox]


def test_pharmacist_cover_lists_role_audience_reading_list_and_sources(
    pharmacist: Path, ingested: tuple[Path, Path, Path]
) -> None:
    pdfs, _, index = ingested
    reader = pypdf.PdfReader(str(pharmacist / "pharmacist.pdf"))
    cover = flat(reader.pages[0].extract_text())
    assert TOOLKIT_TITLE in cover
    assert "Pharmacies" in cover
    assert "Health Professionals" in cover
    for number, title, pages in [
        (1, "Understanding Child Sexual Exploitation", "pp. 1-14"),
        (2, "Responding to Concerns", "pp. 15-34"),
        (4, "Health Services", "pp. 55-76"),
        (8, "Information for Parents and Carers", "pp. 111-120"),
        (9, "Information for Children and Young People", "pp. 121-128"),
    ]:
        assert f"Chapter {number}, {title} ({pages})" in cover, number
    assert re.search(r"Must read: Chapter 4, Health Services", cover)
    assert re.search(r"Also helpful: Chapter 8, Information for Parents and Carers", cover)
    sha = hashlib.sha256((pdfs / CH4).read_bytes()).hexdigest()
    assert CH4 in cover
    assert sha in cover
    manifest = load_manifest(IndexStore(index).current())
    assert manifest is not None
    assert manifest.ingested_at[:10] in cover  # the ingest date
    assert "excerpt" in cover.lower()
    # Only the pack's own source is listed, not every chapter file.
    assert "chapter-1-understanding-cse.pdf" not in cover


def test_pharmacist_markdown_cites_page_74(pharmacist: Path, ingested: tuple[Path, Path, Path]) -> None:
    md = (pharmacist / "pharmacist.md").read_text(encoding="utf-8")
    assert "Community pharmacies are easy to reach" in flat(md)
    sources = [line for line in md.splitlines() if line.startswith("> Source:")]
    assert len(sources) == 1
    assert sources[0].startswith("> Source: Chapter 4 (Health Services), Pharmacies, printed page 74")
    sha = hashlib.sha256((ingested[0] / CH4).read_bytes()).hexdigest()
    assert sha in md
    # The page furniture is not text of the section.
    assert "SAMPLE TEXT" not in md.split("## Pharmacies\n", 1)[1]


# --------------------------------------------------------------------------- a section starting part-way down a page
def test_midwife_pdf_holds_whole_pages_60_and_61(midwife: Path) -> None:
    reader = pypdf.PdfReader(str(midwife / "midwife.pdf"))
    assert len(reader.pages) == 3
    assert reader.page_labels == ["Cover", "60", "61"]
    assert bookmarks(reader) == [("Cover", 0), ("Midwifery", 1)]
    page60 = flat(reader.pages[1].extract_text())
    for words in GYNAECOLOGY_ON_P60 + MIDWIFERY_ON_P60:
        assert words in page60, words  # the whole page, Gynaecology's text at its top included
    assert page60.index("chaperoned examination") < page60.index("Midwives care for")
    assert "Page 60" in page60
    page61 = flat(reader.pages[2].extract_text())
    assert "Indicators in maternity care" in page61 and "Page 61" in page61


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
    pages = re.split(r"^### Page ", md, flags=re.M)[1:]
    assert [chunk.split("\n", 1)[0] for chunk in pages] == ["60", "61"]
    for chunk in pages:
        label = chunk.split("\n", 1)[0]
        sources = [line for line in chunk.splitlines() if line.startswith("> Source:")]
        assert len(sources) == 1, label
        assert sources[0].startswith(
            f"> Source: Chapter 4 (Health Services), Midwifery, printed page {label}"
        )
        assert CH4 in sources[0]


# --------------------------------------------------------------------------- determinism
def test_same_inputs_give_byte_identical_packs(writable: tuple[Path, Path, Path], tmp_path: Path) -> None:
    pdfs, config, index = writable
    builds = []
    for name in ("first", "second", "first"):  # rebuilt in place, and into another directory
        out = tmp_path / name
        result = pack(pdfs, config, index, out, "pharmacist")
        assert result.exit_code == 0, result.output
        builds.append(((out / "pharmacist.pdf").read_bytes(), (out / "pharmacist.md").read_bytes()))
    # The PDFs' modification times do not matter, only their bytes.
    for path in pdfs.glob("*.pdf"):
        os.utime(path, (1_900_000_000, 1_900_000_000))
    out = tmp_path / "touched"
    result = pack(pdfs, config, index, out, "pharmacist")
    assert result.exit_code == 0, result.output
    builds.append(((out / "pharmacist.pdf").read_bytes(), (out / "pharmacist.md").read_bytes()))
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
    assert len(roles) == 17
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [f"{r}.pdf" for r in roles] + [f"{r}.md" for r in roles]
    )
    config_data = yaml.safe_load(config.read_text(encoding="utf-8"))
    titles = {s["id"]: s["title"] for c in config_data["chapters"] for s in c["sections"]}
    for role in config_data["roles"]:
        assert f"{role['id']}: " in result.stdout, role["id"]
        reader = pypdf.PdfReader(str(tmp_path / f"{role['id']}.pdf"))
        assert [t for t, _ in bookmarks(reader)] == ["Cover", *(titles[s] for s in role["sections"])]
        assert reader.page_labels[0] == "Cover"


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
    assert reader.page_labels == ["Cover", "74"]
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
    (title, at) = bookmarks(reader)[1]
    assert title == "Pharmacies"
    text = flat(reader.pages[at].extract_text())
    assert "Community pharmacies are easy to reach" in text
    assert "Paramedics and ambulance crews" not in text


def test_full_appends_the_must_read_chapters(ingested: tuple[Path, Path, Path], tmp_path: Path) -> None:
    result = pack(*ingested, tmp_path, "pharmacist", "--full")
    assert result.exit_code == 0, result.output
    reader = pypdf.PdfReader(str(tmp_path / "pharmacist.pdf"))
    marks = bookmarks(reader)
    assert [t for t, _ in marks] == [
        "Cover",
        "Pharmacies",
        "Chapter 1: Understanding Child Sexual Exploitation",
        "Chapter 2: Responding to Concerns",
        "Chapter 4: Health Services",
    ]
    labels = reader.page_labels
    assert labels[:2] == ["Cover", "74"]
    starts = dict(marks)
    ch1, ch2 = (
        starts["Chapter 1: Understanding Child Sexual Exploitation"],
        starts["Chapter 2: Responding to Concerns"],
    )
    assert labels[ch1:ch2] == [str(n) for n in range(1, 15)]
    assert labels[ch2 : starts["Chapter 4: Health Services"]] == [str(n) for n in range(15, 35)]
    assert labels[starts["Chapter 4: Health Services"]] == "55"
    assert "Chapter 1: Understanding Child Sexual Exploitation" in reader.pages[ch1].extract_text()
    assert len(reader.pages) > 2 + 14 + 20


def test_full_chapter_is_complete_even_with_the_role_section_in_front(
    ingested: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    """The appended Chapter 4 is the whole chapter, pp. 55-76 in order (p74 included,
    though the Pharmacies section already showed it); the Markdown agrees with the PDF."""
    result = pack(*ingested, tmp_path, "pharmacist", "--full")
    assert result.exit_code == 0, result.output
    reader = pypdf.PdfReader(str(tmp_path / "pharmacist.pdf"))
    start = dict(bookmarks(reader))["Chapter 4: Health Services"]
    assert reader.page_labels[start:] == [str(n) for n in range(55, 77)]
    assert len(reader.pages) == 1 + 1 + 14 + 20 + 22
    md = (tmp_path / "pharmacist.md").read_text(encoding="utf-8")
    assert len(re.findall(r"^### Page ", md, flags=re.M)) == len(reader.pages) - 1


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
