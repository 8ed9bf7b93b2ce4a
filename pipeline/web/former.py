"""Links from an earlier edition: a page, image or PDF link keeps working after an ingest.

A result's links name its file by an id taken from the file's SHA-256, so a link pasted
into case notes or an email names that exact version. When a later ingest publishes a
changed file, the id is no longer in the manifest; it was a 404. The ingest history
(one line per ingest, with every file's SHA-256) still knows which file and which
version the id was, and when it was indexed; the previous generation's manifest, while
it is kept, knows its printed page labels, and the extraction cache keeps the previous
copy of the file itself. From that the routes answer with the file as it was, or the
page as it is now, or a page saying what changed, with a link onward.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

from pipeline.engine.store import GENERATION_PREFIX, IndexStore
from pipeline.ingest.history import read_history
from pipeline.ingest.manifest import load_manifest
from pipeline.web.site import FILE_ID, FILE_ID_LENGTH, Edition

SAME_TEXT = 0.5  # share of words two versions of a page have in common to be "the same page"


@dataclass(frozen=True)
class Former:
    """A version of a file that an earlier edition indexed."""

    file: str
    sha256: str
    indexed: str  # when this version was first indexed (the ingest's time, ISO 8601)
    labels: tuple[str, ...] = ()  # its printed page labels, while its manifest is kept

    def label(self, pdf_page: int) -> str | None:
        return self.labels[pdf_page - 1] if 1 <= pdf_page <= len(self.labels) else None


class Formers:
    """Earlier versions by file id, read from the history once per published generation."""

    def __init__(self, store: IndexStore) -> None:
        self._store = store
        self._lock = threading.Lock()
        self._built_for = ""
        self._by_id: dict[str, Former] = {}

    def find(self, edition: Edition, file_id: str) -> Former | None:
        if not FILE_ID.match(file_id) or edition.record(file_id) is not None:
            return None
        with self._lock:
            if self._built_for != edition.name:
                self._by_id = self._read()
                self._built_for = edition.name
            return self._by_id.get(file_id)

    def _read(self) -> dict[str, Former]:
        labels: dict[str, tuple[str, ...]] = {}
        for generation in sorted(self._store.root.glob(f"{GENERATION_PREFIX}*")):
            manifest = load_manifest(generation)
            for record in manifest.files.values() if manifest else ():
                labels[record.sha256] = tuple(record.page_labels)
        found: dict[str, Former] = {}
        for entry in read_history(self._store.history_path, quiet=True):
            for name, sha256 in entry.files.items():
                found.setdefault(
                    sha256[:FILE_ID_LENGTH], Former(name, sha256, entry.at, labels.get(sha256, ()))
                )
        return found


@dataclass(frozen=True)
class Onward:
    """Where an old page link leads in the current edition."""

    file_id: str
    pdf_page: int
    label: str
    how: str  # "text": the page with the same text; "label": the same printed page; "place"


Words = Callable[[str, str], list[frozenset[str]] | None]  # (sha256, file) -> each page's words


def onward(edition: Edition, former: Former, pdf_page: int, words: Words | None = None) -> Onward | None:
    """The page now: the page of the file's current version with the same text (while both
    versions' text is kept: a page inserted before it moves it and renumbers it), else the
    same printed page, else the same PDF page, else its first page; None if the file is gone."""
    file_id = edition.file_id(former.file)
    record = edition.manifest.files.get(former.file)
    if file_id is None or record is None:
        return None
    labels = list(record.page_labels)

    def at(page: int, how: str) -> Onward:
        return Onward(file_id, page, labels[page - 1] if page <= len(labels) else str(page), how)

    old_pages = words(former.sha256, former.file) if words else None
    new_pages = words(record.sha256, former.file) if words and old_pages else None
    if old_pages and new_pages and 1 <= pdf_page <= len(old_pages) and old_pages[pdf_page - 1]:
        old = old_pages[pdf_page - 1]
        overlap = [len(old & new) / len(old | new) for new in new_pages]
        best = max(range(len(overlap)), key=overlap.__getitem__)
        if overlap[best] >= SAME_TEXT:
            return at(best + 1, "text")
    label = former.label(pdf_page)
    if label is not None and label in labels:
        return at(labels.index(label) + 1, "label")
    return at(pdf_page if 1 <= pdf_page <= record.pages else 1, "place")
