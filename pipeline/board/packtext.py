"""The pack as Markdown and as one self-contained HTML page: the cover's facts, contents,
each section's paragraphs and headings with a citation for every page, and the sources.

The HTML page is a Jinja template (templates/pack.html), autoescaped like the web page's.
The Markdown stays written here: Jinja's escaping is HTML's, and Markdown needs its own
(`md`), so a template would only move the same calls into another file.
"""

from __future__ import annotations

import base64
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

import jinja2
from markupsafe import Markup

from pipeline.board.packdoc import ContentsRow, PackDoc, PartText, page_name, section_anchor
from pipeline.board.paragraphs import HEADING, ITEM, Block, drop_title
from pipeline.config.image import Image
from pipeline.ingest.packplan import CHAPTER
from pipeline.ingest.sections import SECTION

EXCERPT_NOTE = (
    "This pack is an excerpt. The full toolkit remains the reference: read the chapters "
    "listed above, and check you have the current edition."
)


CONTACTS_HEADING = "Local contacts: who to call with a concern"


def current_edition_text(website: str | None) -> str:
    """Where a reader checks that the pack is not out of date: the board's website, else
    the changes page of the toolkit's web search (`cse-toolkit serve`)."""
    if website:
        return f"Check you have the current edition: {website}"
    return (
        "Check you have the current edition on the Changes page (/changes) of the toolkit's "
        "web search, or ask your safeguarding lead."
    )


def no_contacts_text() -> str:
    return "No local contacts are configured: ask your safeguarding lead for the MASH (front door) number."


# --------------------------------------------------------------------------- walking the body
@dataclass(frozen=True)
class Event:
    """One thing in a part's text: a section starting inside a whole chapter ("section"),
    a unit's blocks ("blocks"), its citation ("source") or a page shown earlier ("shown")."""

    kind: str
    text: str = ""
    anchor: str = ""
    blocks: tuple[Block, ...] = ()


def walk(text: PartText) -> Iterator[Event]:
    """A part's content, page by page, unit by unit."""
    part = text.part
    current: str | None = part.section
    first = True
    for page in text.pages:
        if not page.units and page.shown_in:
            yield Event(
                "shown",
                f"{page_name(page.label, 'printed page').capitalize()} is shown above, in {page.shown_in}.",
            )
        for unit_text in page.units:
            unit = unit_text.unit
            found = list(unit_text.blocks)
            if part.kind == CHAPTER and unit.kind == SECTION and unit.section != current:
                yield Event("section", unit.section_title, section_anchor(part, unit.section))
                found = drop_title(found, unit.section_title)
            elif first:
                found = drop_title(found, part.title)
            current = unit.section
            first = False
            yield Event("blocks", blocks=tuple(found))
            yield Event("source", unit_text.citation(part.chapter, part.chapter_title, part.title))


# --------------------------------------------------------------------------- Markdown
# Characters that make Markdown (CommonMark and GitHub's) anywhere in a line: HTML tags,
# emphasis, code, links, tables, strikethrough; and what makes a line a heading, quote,
# list or rule. An entity (`&lt;`) is made by `&` only when a name and `;` follow.
_MD_INLINE = re.compile(r"([\\`*_\[\]<>|~])")
_MD_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
_MD_LINE_START = re.compile(r"^(\s*)([#>+=-]|\d+(?=[.)]))", re.MULTILINE)


def md(text: str) -> str:
    """Text from a PDF or the config as Markdown shows it literally: a PDF that says
    `<script>` (or `**`, `[x](javascript:…)`, `# `) is text in the pack, never markup, in
    whatever renders the Markdown to HTML (the HTML pack escapes the same text)."""
    text = _MD_ENTITY.sub("&amp;", _MD_INLINE.sub(r"\\\1", text))
    text = _MD_LINE_START.sub(
        lambda m: m.group(1) + (m.group(2) + "\\" if m.group(2)[0].isdigit() else "\\" + m.group(2)), text
    )
    return re.sub(r"^[ \t]+", "", text, flags=re.MULTILINE)  # four spaces would make code


def markdown(doc: PackDoc) -> str:
    c = doc.cover
    out: list[str] = [f"# {md(c.title)}"]
    out.append(f"**{md(c.board)}**, {md(c.edition)}" if c.board else md(c.edition))
    if c.issue:
        out.append(f"**{md(c.issue)}**")
    out.append(f"## Excerpt pack for {md(c.role)}")
    out.append(f"For {md(c.audience)}. {md(current_edition_text(c.website))}")
    out.append(f"### {CONTACTS_HEADING}")
    if c.contacts:
        out.append(
            "\n".join(
                f"- **{md(x.name)}:** {md(x.phone)}" + (f" ({md(x.note)})" if x.note else "")
                for x in c.contacts
            )
        )
    else:
        out.append(no_contacts_text())
    out.append("### Contents")
    lines = []
    for row in doc.contents:
        indent = "  " * row.level
        note = f" ({md(row.note)})" if row.note else ""
        place = f"{md(row.where)}, " if row.level == 0 and row.note != "whole chapter" else ""
        lines.append(f"{indent}- [{md(row.title)}](#{row.anchor}): {place}{md(row.printed)}{note}")
    out.append("\n".join(lines))
    out.append("### Reading list")
    out.append(
        "\n".join(f"- {md(label)}: {md(text)}" for label, text in c.reading)
        or "No reading list is configured."
    )
    out.append(f"> {EXCERPT_NOTE}")
    for text in doc.texts:
        out.append("---")
        out.append(f'<a id="{text.anchor}"></a>\n\n## {md(text.part.title)}')
        out.append(f"*{md(text.subtitle)}*")
        sub = "###" if text.part.kind != CHAPTER else "####"
        for event in walk(text):
            if event.kind == "section":
                out.append(f'<a id="{event.anchor}"></a>\n\n### {md(event.text)}')
            elif event.kind == "blocks":
                out.extend(_md_blocks(event.blocks, sub))
            elif event.kind == "source":
                out.append(f"> Source: {md(event.text)}")
            else:
                out.append(f"*{md(event.text)}*")
    out.append("---")
    out.append("## Sources")
    out.append(
        "\n".join(
            f"- {md(s.file)}: printed {md(s.pages)}; "
            + (f"dated {md(s.dated)}; " if s.dated else "")
            + f"SHA-256 {s.sha256}"
            for s in doc.sources
        )
    )
    out.append(f"Ingested {doc.ingested_at}; config SHA-256 {doc.config_digest}.")
    return "\n\n".join(out).rstrip() + "\n"


def _md_blocks(found: tuple[Block, ...], sub: str) -> list[str]:
    out: list[str] = []
    for block in found:
        text = md(block.text)
        if block.kind == HEADING:
            out.append(f"{sub} {text}")
        elif block.kind == ITEM:
            if out and out[-1].startswith("- "):
                out[-1] += f"\n- {text}"
            else:
                out.append(f"- {text}")
        else:
            out.append(text)
    return out


# --------------------------------------------------------------------------- HTML
_CSS = """
:root{color-scheme:light}
body{font:1rem/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;color:#1b1b1b;
background:#fff;max-width:46rem;margin:0 auto;padding:1.5rem 1rem 4rem}
h1{font-size:1.7rem;line-height:1.25;margin:.4rem 0}
h2{font-size:1.35rem;margin:2.2rem 0 .2rem;padding-top:1rem;border-top:2px solid #d0d7de}
h3{font-size:1.1rem;margin:1.6rem 0 .3rem}
h4{font-size:1rem;margin:1.2rem 0 .2rem}
a{color:#0b57a4}
a:focus{outline:3px solid #f5a623;outline-offset:2px}
.board{font-weight:700;font-size:1.1rem;margin:0;color:#0b57a4}
.logo{max-height:4.5rem;max-width:14rem}
.edition{color:#444;margin:.2rem 0 1rem}
.contacts{border:2px solid #0b57a4;border-radius:6px;padding:.6rem 1rem;margin:1rem 0}
.contacts h2{border:0;margin:0;padding:0;font-size:1.1rem}
.contacts ul{margin:.4rem 0 0;padding-left:1.2rem}
.subtitle{color:#444;font-style:italic;margin:0 0 1rem}
.source{font-size:.85rem;color:#555;border-left:3px solid #d0d7de;margin:.6rem 0 1.2rem;padding-left:.6rem}
.shown{color:#555;font-style:italic}
.note{background:#f6f8fa;padding:.6rem 1rem;border-radius:6px}
nav ol{padding-left:1.2rem}nav ol ol{list-style:none;padding-left:1rem}
footer{margin-top:3rem;font-size:.8rem;color:#444;overflow-wrap:anywhere}
@media print{body{max-width:none}a{color:inherit;text-decoration:none}h2{break-before:page}
.contacts,.cover{break-inside:avoid}}
"""


@dataclass(frozen=True)
class HtmlLine:
    """One line of a part's HTML: a section's title, a heading, a list, a paragraph, a
    citation or a page shown earlier (templates/pack.html writes each)."""

    kind: str
    text: str = ""
    anchor: str = ""
    items: tuple[str, ...] = ()


@dataclass(frozen=True)
class HtmlPart:
    anchor: str
    title: str
    subtitle: str
    sub: str  # the tag of a heading inside the part's text
    lines: tuple[HtmlLine, ...]


def html_page(doc: PackDoc) -> str:
    """The pack as one HTML page, from templates/pack.html: Jinja escapes every text from
    a PDF or the config (it is the web page's engine too), where f-strings had to call
    html.escape on each by hand."""
    c = doc.cover
    edition_text = current_edition_text(c.website)
    return _template().render(
        doc=doc,
        c=c,
        css=Markup(_CSS.strip()),
        logo=_data_uri(c.logo) if c.logo else "",
        edition_text=edition_text[: -len(c.website)] if c.website else edition_text,
        contacts_heading=CONTACTS_HEADING,
        no_contacts=no_contacts_text(),
        excerpt_note=EXCERPT_NOTE,
        contents=_grouped(doc.contents),
        parts=[_html_part(text) for text in doc.texts],
    )


@functools.cache
def _template() -> jinja2.Template:
    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("pipeline.board", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.filters["tel"] = _tel
    return environment.get_template("pack.html")


def _html_part(text: PartText) -> HtmlPart:
    lines: list[HtmlLine] = []
    for event in walk(text):
        if event.kind == "blocks":
            lines.extend(_html_blocks(event.blocks))
        elif event.kind == "section":
            lines.append(HtmlLine("section", event.text, event.anchor))
        else:
            lines.append(HtmlLine(event.kind, event.text))
    sub = "h3" if text.part.kind != CHAPTER else "h4"
    return HtmlPart(text.anchor, text.part.title, text.subtitle, sub, tuple(lines))


def _grouped(rows: tuple[ContentsRow, ...]) -> list[tuple[ContentsRow, list[ContentsRow]]]:
    groups: list[tuple[ContentsRow, list[ContentsRow]]] = []
    for row in rows:
        if row.level == 0 or not groups:
            groups.append((row, []))
        else:
            groups[-1][1].append(row)
    return groups


def _html_blocks(found: tuple[Block, ...]) -> list[HtmlLine]:
    """A unit's blocks as lines: items next to each other make one list."""
    out: list[HtmlLine] = []
    for block in found:
        if block.kind == HEADING:
            out.append(HtmlLine("heading", block.text))
        elif block.kind == ITEM:
            if out and out[-1].kind == "list":
                out[-1] = HtmlLine("list", items=(*out[-1].items, block.text))
            else:
                out.append(HtmlLine("list", items=(block.text,)))
        else:
            out.append(HtmlLine("para", block.text))
    return out


def _tel(phone: str) -> str:
    """A number a phone can dial from a link; "" for text such as "999, otherwise 101"."""
    if not re.fullmatch(r"\+?[\d ()-]+", phone):
        return ""
    return "".join(ch for ch in phone if ch.isdigit() or ch == "+")


def _data_uri(image: Image) -> str:
    """The logo inside the page, so the pack needs no other file."""
    return f"data:{image.mime};base64,{base64.b64encode(image.data).decode('ascii')}"
