"""Generate the SAMPLE CSE toolkit: one PDF per chapter plus its YAML config.

Usage::

    python tools/make_sample_toolkit.py [--out pdfs/] [--config config/toolkit.yaml]

The text comes from ``tools/sample_text.py`` and the PDFs are drawn with
``tools/pdfgen.py``.  Output is deterministic: re-running the script gives
byte-identical PDFs and YAML.  Printed page numbers run continuously across
the toolkit and appear in each page's footer ("Page 74"); the PDFs carry no
/PageLabels.  Before writing anything the script checks that every chapter
has the page count and every section heading the printed start page recorded
in the text data, so the config cannot drift from the PDFs.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

if __package__ in (None, ""):
    # Run as a script: make ``tools`` importable from the repository root.
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tools.pdfgen import Block, PageSpec, write_pdf
from tools.sample_text import (
    AUDIENCES,
    CHAPTERS,
    FOOTER_TEXT,
    ROLES,
    SAMPLE_NOTICE,
    SUBHEADING_PREFIX,
    TOOLKIT_TITLE,
    Chapter,
    Page,
)

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = REPO_ROOT / "pdfs"
DEFAULT_CONFIG = REPO_ROOT / "config" / "toolkit.yaml"

_ID_RE = re.compile(r"[a-z0-9-]+")
# RISE is the sample Board's invented specialist CSE team (see chapter 1's introduction).
SYNONYMS: tuple[tuple[str, ...], ...] = (("RISE", "specialist CSE team", "specialist team"),)
# The sample Board, for the cover of each excerpt pack. Its local numbers are in the
# 01632 960xxx range that Ofcom keeps for drama: they reach no one.
BOARD_LINES = (
    "# The sample Board, printed on the cover of every excerpt pack (cse-toolkit pack).",
    "board:",
    "  name: Sample Local Safeguarding Children Board",
    '  edition: "Sample edition, not official guidance"',
    "  website: https://www.example.org/cse-toolkit",
    "  contacts:",
    '    - {name: MASH (front door), phone: "01632 960001", note: sample number; weekdays 9am to 5pm}',
    '    - {name: Out of hours (emergency duty team), phone: "01632 960002", note: sample number}',
    '    - {name: Police, phone: "999 in an emergency, otherwise 101"}',
    '  accessibility: "email accessibility@example.org (a sample address)"  # for the web page\'s statement',
)


def header_for(chapter: Chapter) -> str:
    """Running header printed at the top of every page of ``chapter``."""
    return f"{chapter.heading} · {SAMPLE_NOTICE}"


def footer_for(printed_page: int) -> str:
    """Running footer carrying the printed page number."""
    return f"{FOOTER_TEXT}    Page {printed_page}"


def _body(page: Page) -> list[Block]:
    blocks = []
    for para in page:
        if para.startswith(SUBHEADING_PREFIX):
            blocks.append(Block("subheading", para[len(SUBHEADING_PREFIX) :]))
        else:
            blocks.append(Block("para", para))
    return blocks


def chapter_pages(chapter: Chapter) -> list[PageSpec]:
    """Lay ``chapter`` out as page specs, checking its recorded page numbers.

    Raises :class:`ValueError` if the page count or a section's start page
    does not match what ``tools/sample_text.py`` records.
    """
    bodies: list[list[Block]] = []
    for i, intro_page in enumerate(chapter.intro):
        heading = [Block("heading", chapter.heading)] if i == 0 else []
        bodies.append(heading + _body(intro_page))
    for section in chapter.sections:
        if not section.pages:
            raise ValueError(f"section {section.id!r} has no pages")
        first = [Block("heading", section.title), *_body(section.pages[0])]
        if section.part_way:
            if not bodies:
                raise ValueError(f"section {section.id!r} has no page to share")
            bodies[-1].extend(first)
        else:
            bodies.append(first)
        start = chapter.first_page + len(bodies) - 1
        if start != section.start:
            raise ValueError(
                f"section {section.id!r} heading lands on printed page {start}, "
                f"but the text data says {section.start}"
            )
        bodies.extend(_body(p) for p in section.pages[1:])
    expected = chapter.last_page - chapter.first_page + 1
    if len(bodies) != expected:
        raise ValueError(
            f"chapter {chapter.number} has {len(bodies)} pages; pages "
            f"{chapter.first_page}-{chapter.last_page} need {expected}"
        )
    return [
        PageSpec(
            blocks=tuple(body),
            header=header_for(chapter),
            footer=footer_for(chapter.first_page + i),
        )
        for i, body in enumerate(bodies)
    ]


def check_toolkit(chapters: Sequence[Chapter] = CHAPTERS) -> None:
    """Check ids, page continuity and role references; raise ValueError."""
    seen: set[str] = set()
    next_page = 1
    for chapter in chapters:
        if chapter.first_page != next_page:
            raise ValueError(
                f"chapter {chapter.number} starts at page {chapter.first_page}, expected {next_page}"
            )
        next_page = chapter.last_page + 1
        for section in chapter.sections:
            if not _ID_RE.fullmatch(section.id) or section.id in seen:
                raise ValueError(f"bad or duplicate section id {section.id!r}")
            seen.add(section.id)
    titles = {s.id: s.title for c in chapters for s in c.sections}
    audiences = {a.id for a in AUDIENCES}
    role_ids: set[str] = set()
    for role in ROLES:
        if not _ID_RE.fullmatch(role.id) or role.id in role_ids:
            raise ValueError(f"bad or duplicate role id {role.id!r}")
        role_ids.add(role.id)
        if role.audience not in audiences:
            raise ValueError(f"role {role.id!r}: unknown audience {role.audience!r}")
        for section_id in role.sections:
            if section_id not in titles:
                raise ValueError(f"role {role.id!r}: unknown section {section_id!r}")
        # A health or social care role is named by its section's printed heading.
        if role.audience in {"health", "social-care"} and role.title != titles[role.sections[0]]:
            raise ValueError(f"role {role.id!r}: title differs from its section")


# --- YAML -------------------------------------------------------------------

_PLAIN_RE = re.compile(r"[A-Za-z][A-Za-z0-9 ()'.;/-]*")
_YAML_WORDS = {"y", "n", "yes", "no", "true", "false", "on", "off", "null"}


def _scalar(value: str | int) -> str:
    """Format a scalar for block or flow context, quoting only when needed."""
    if isinstance(value, int):
        return str(value)
    plain = _PLAIN_RE.fullmatch(value) and not value.endswith(" ")
    if plain and value.lower() not in _YAML_WORDS:
        return value
    return json.dumps(value, ensure_ascii=False)


def _flow(values: Iterable[str | int]) -> str:
    return "[" + ", ".join(_scalar(v) for v in values) + "]"


def render_config(chapters: Sequence[Chapter] = CHAPTERS) -> str:
    """Render config/toolkit.yaml for ``chapters`` (the sample toolkit)."""
    out = [
        "# GENERATED by tools/make_sample_toolkit.py -- do not edit by hand.",
        "#",
        "# This file describes the SAMPLE toolkit in pdfs/ (text written for this",
        "# repository, not official guidance). To use CSE Toolkit Search with a",
        "# board's real toolkit, replace the PDFs in pdfs/ with the board's chapter",
        "# PDFs and replace this file with a hand-written one in the same format:",
        "# each chapter's file and first printed page, each section's id, printed",
        "# heading title and printed start page, and the audiences and roles.",
        "# Section end pages are inferred from the next section's start.",
        "",
        f"title: {_scalar(TOOLKIT_TITLE)}",
        "chapters:",
    ]
    for chapter in chapters:
        out += [
            f"  - number: {chapter.number}",
            f"    title: {_scalar(chapter.title)}",
            f"    file: {_scalar(chapter.file)}",
            f"    first_page: {chapter.first_page}",
            "    sections:",
        ]
        for section in chapter.sections:
            out += [
                f"      - id: {_scalar(section.id)}",
                f"        title: {_scalar(section.title)}",
                f"        start: {section.start}",
            ]
    out.append("audiences:")
    for audience in AUDIENCES:
        out += [
            f"  - id: {_scalar(audience.id)}",
            f"    title: {_scalar(audience.title)}",
            f"    read: {_flow(audience.read)}",
            f"    helpful: {_flow(audience.helpful)}",
        ]
        if audience.essential:
            out.append(f"    essential: {_flow(audience.essential)}  # in every pack of this audience")
    out.append("roles:")
    for role in ROLES:
        out += [
            f"  - id: {_scalar(role.id)}",
            f"    title: {_scalar(role.title)}",
            f"    audience: {_scalar(role.audience)}",
        ]
        if role.sections:
            out.append(f"    sections: {_flow(role.sections)}")
        out.append(f"    aliases: {_flow(role.aliases)}")
    out.append("# The sample Board's own names, added to the abbreviations that ship with the tool.")
    out.append("synonyms:")
    out += [f"  - {_flow(group)}" for group in SYNONYMS]
    out += BOARD_LINES
    return "\n".join(out) + "\n"


# --- main -------------------------------------------------------------------


def build(out_dir: Path, config_path: Path) -> list[Path]:
    """Write all chapter PDFs to ``out_dir`` and the YAML to ``config_path``."""
    check_toolkit()
    laid_out = [(chapter, chapter_pages(chapter)) for chapter in CHAPTERS]
    written = []
    for chapter, pages in laid_out:
        path = out_dir / chapter.file
        write_pdf(path, pages, title=f"{TOOLKIT_TITLE} – {chapter.heading}")
        written.append(path)
    config_path.parent.mkdir(parents=True, exist_ok=True)
    config_path.write_text(render_config(), encoding="utf-8", newline="\n")
    written.append(config_path)
    return written


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(
        description="Generate the sample CSE toolkit PDFs and config/toolkit.yaml."
    )
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="directory for chapter PDFs")
    parser.add_argument("--config", type=Path, default=DEFAULT_CONFIG, help="YAML config to write")
    args = parser.parse_args(argv)
    for path in build(args.out, args.config):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
