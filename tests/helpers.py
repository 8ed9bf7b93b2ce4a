"""Helpers shared by several test modules: republishing the sample's chapter 4, and
fingerprinting a directory to prove a command left it alone."""

from __future__ import annotations

import dataclasses
import hashlib
from pathlib import Path

from tools.sample_text import CHAPTERS, Chapter

CH4_DATA = next(c for c in CHAPTERS if c.number == 4)


def chapter4_with_inserted_page() -> Chapter:
    """Chapter 4 with a page inserted after p57 (in School Nurses): every heading from
    Gynaecology on moves one page later, and the footers are renumbered 55-77."""
    sections = []
    shift = 0
    for section in CH4_DATA.sections:
        if section.id == "school-nurses":
            extra = ("An inserted page of sample text about zymurgy.",)
            sections.append(
                dataclasses.replace(section, pages=(*section.pages[:2], extra, *section.pages[2:]))
            )
            shift = 1
            continue
        sections.append(dataclasses.replace(section, start=section.start + shift))
    return dataclasses.replace(CH4_DATA, sections=tuple(sections), last_page=CH4_DATA.last_page + 1)


def tree_state(root: Path) -> dict[str, str]:
    """Every path under `root` with a hash of its content (or the link target)."""
    state: dict[str, str] = {}
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).as_posix()
        if path.is_symlink():
            state[rel] = f"link:{path.readlink()}"
        elif path.is_file():
            state[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
        else:
            state[rel] = "dir"
    return state
