"""The sample toolkit in the shapes real documents take: a page removed, an unnumbered page
inserted, the whole toolkit as one PDF (with a cover and a contents page), and configs
for them. Shared by the printed-page tests."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from tests.conftest import SAMPLE_CONFIG, Place, search_answer
from tools.make_sample_toolkit import chapter_pages
from tools.pdfgen import Block, PageSpec, write_pdf
from tools.sample_text import CHAPTERS, Chapter

WHOLE = "toolkit.pdf"
FRONT_PAGES = 2  # the whole toolkit's cover and contents, neither numbered


def chapter(number: int) -> Chapter:
    return next(c for c in CHAPTERS if c.number == number)


@dataclass(frozen=True)
class PageFact:
    """What a search must say about one printed page of the sample."""

    printed: str
    section: str  # the section its last paragraph belongs to
    phrase: str  # a quoted phrase from that paragraph


def page_facts(data: Chapter) -> list[PageFact]:
    """Each page of a sample chapter, in order, with the section its last text belongs to."""
    facts = []
    for offset, page in enumerate(chapter_pages(data)):
        printed = data.first_page + offset
        owner = f"chapter-{data.number}-introduction"
        for section in data.sections:
            if section.start <= printed:
                owner = section.id
        words = re.findall(r"[A-Za-z]+", page.blocks[-1].text)
        middle = max(0, len(words) // 2 - 3)
        facts.append(PageFact(str(printed), owner, '"' + " ".join(words[middle : middle + 6]) + '"'))
    return facts


def front_matter() -> list[PageSpec]:
    """An unnumbered cover and contents page, as the board's full PDF has."""
    cover = PageSpec(
        blocks=(
            Block("heading", "Tackling CSE Toolkit: the complete edition"),
            Block("para", "Sample cover page: all nine chapters in one document, bound with a wombat logo."),
        )
    )
    contents = PageSpec(
        blocks=(
            Block("heading", "Contents"),
            *(Block("para", f"{c.heading} ... page {c.first_page}") for c in CHAPTERS),
        )
    )
    return [cover, contents]


def whole_toolkit_pages(drop_printed: int | None = None) -> list[PageSpec]:
    """Cover, contents, then every chapter's pages exactly as in the chapter PDFs (each
    chapter with its own running header), optionally without one printed page."""
    pages = front_matter()
    for data in CHAPTERS:
        for offset, page in enumerate(chapter_pages(data)):
            if data.first_page + offset != drop_printed:
                pages.append(page)
    return pages


def write_whole_toolkit(path: Path, drop_printed: int | None = None) -> None:
    write_pdf(path, whole_toolkit_pages(drop_printed), title="Tackling CSE Toolkit (sample, complete)")


def sample_config() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(SAMPLE_CONFIG.read_text(encoding="utf-8"))
    return loaded


def whole_config() -> str:
    """The sample config with every chapter in the one file, by `pages: FIRST-LAST`."""
    config = sample_config()
    for spec in config["chapters"]:
        data = chapter(spec["number"])
        spec["file"] = WHOLE
        del spec["first_page"]
        spec["pages"] = f"{data.first_page}-{data.last_page}"
    return yaml.safe_dump(config, sort_keys=False)


def one_chapter_config(number: int) -> str:
    """The sample config cut down to one chapter (roles of other chapters dropped)."""
    config = sample_config()
    config["chapters"] = [c for c in config["chapters"] if c["number"] == number]
    sections = {s["id"] for s in config["chapters"][0]["sections"]}
    for audience in config["audiences"]:
        audience["read"] = [n for n in audience["read"] if n == number]
        audience["helpful"] = [n for n in audience["helpful"] if n == number]
        audience["essential"] = [s for s in audience.get("essential", []) if s in sections]
    config["roles"] = [r for r in config["roles"] if set(r.get("sections", [])) <= sections]
    return yaml.safe_dump(config, sort_keys=False)


def hit_at(place: Place, phrase: str, file: str, pdf_page: int) -> dict[str, Any] | None:
    """The hit for a phrase on one PDF page of one file, if the search gives one."""
    result, _ = place.search(phrase, "--limit", "50")
    data = search_answer(result)
    return next((h for h in data["results"] if (h["file"], h["pdf_page"]) == (file, pdf_page)), None)
