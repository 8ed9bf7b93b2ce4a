"""The page view's "Text of this page": the page's sections as paragraphs, list items and
headings, shaped by the rule the Markdown and HTML packs use (board/paragraphs.py: a wider
gap between lines starts a paragraph), without the running header and footer the index
leaves out. Split once per file and edition, from the ingest's extraction cache; each page
shaped when it is shown."""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup

from pipeline.board.paragraphs import HEADING, ITEM, Block, FileShape
from pipeline.web.links import marked_text
from pipeline.web.site import Edition
from pipeline.web.state import web_state


def page_blocks(current: Edition, file: str, sha256: str, pdf_page: int) -> list[Block] | None:
    """The page's blocks, in reading order; None when the extraction cache no longer holds
    the file (the caller then flows the page's plain text)."""

    def build() -> FileShape | None:
        pdf = web_state().site.cache.get(sha256, file)
        return None if pdf is None else FileShape(current.toolkit, pdf)

    shape = web_state().memo.get(current, f"shape:{sha256}", build)
    return None if shape is None else [block for _, found in shape.page(pdf_page) for block in found]


def as_text(found: Sequence[Block]) -> str:
    """The blocks as one text, a line each (an item with its bullet), to find the query in."""
    return "\n".join(("• " if b.kind == ITEM else "") + b.text for b in found)


def marked_blocks(found: Sequence[Block], spans: list[tuple[int, int]]) -> list[tuple[Markup, bool]]:
    """Each block as an HTML paragraph with the characters in `spans` (of `as_text`) marked,
    and whether it is a heading."""
    paragraphs = marked_text(as_text(found), spans)
    return [(html, block.kind == HEADING) for (html, _), block in zip(paragraphs, found, strict=True)]
