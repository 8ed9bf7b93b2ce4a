"""When each section last changed: the edition a search result carries.

Every ingest writes, beside its index generation, the latest edition and, for each
section (and each uncatalogued file), the edition in which its text last changed. Both
front doors of the search read this small file to date each result ("changed in the
edition of 6 December 2026"); neither reads the history log on the query path.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.ondisk import dump, read_record, write_atomic

DATES_NAME = "editions.json"


@dataclass(frozen=True)
class Stamp:
    """An edition as a result names it: its number and date (YYYY-MM-DD)."""

    number: int
    date: str


@dataclass(frozen=True)
class Dates:
    """The latest edition, and the edition in which each section's (or each uncatalogued
    file's) text last changed."""

    latest: Stamp | None = None
    initial: bool = False  # the latest edition is the first ingest: everything in it is new
    sections: dict[str, Stamp] = field(default_factory=dict)
    files: dict[str, Stamp] = field(default_factory=dict)

    def of(self, file: str, section: str | None) -> Stamp | None:
        """The edition a page last changed in: its section's, or (outside every section)
        its file's."""
        return self.sections.get(section) if section else self.files.get(file)

    def changed_last(self, file: str, section: str | None) -> Stamp | None:
        """The latest edition, if the page changed in it and it is not the first ingest (in
        which everything is new)."""
        stamp = self.of(file, section)
        if stamp is None or self.latest is None or self.initial or stamp.number != self.latest.number:
            return None
        return stamp


def save_dates(dates: Dates, generation: Path) -> None:
    write_atomic(generation / DATES_NAME, json.dumps(dump(dates, rows=(Stamp,)), ensure_ascii=False))


def load_dates(generation: Path | None) -> Dates:
    """What the generation recorded; nothing (no dates shown) for an index made before
    editions, or a damaged file (reported)."""
    if generation is None:
        return Dates()
    found = read_record(
        generation / DATES_NAME,
        Dates,
        "results are shown without their edition (`cse-toolkit ingest --force` writes it again)",
        rows=(Stamp,),
    )
    return found if found is not None else Dates()
