"""What the web page serves from: the published index generation, followed as it changes.

An `Edition` is one generation seen whole (its config, manifest and file ids); the `Site`
hands out the current one and switches to a newly published generation by itself on the
next request, so `make ingest` needs no restart. Files are named by an id taken from the
manifest (the first characters of their SHA-256), never by a path from a request.
"""

from __future__ import annotations

import logging
import re
import threading
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.config import Toolkit, load_config
from pipeline.engine.dated import Dates, load_dates
from pipeline.engine.store import IndexStore
from pipeline.engine.synonyms import from_toolkit
from pipeline.errors import CseError, UsageError
from pipeline.ingest.cache import ExtractionCache
from pipeline.ingest.manifest import FileRecord, Manifest, load_manifest

LOG = logging.getLogger("cse_toolkit.web")
FILE_ID_LENGTH = 16
FILE_ID = re.compile(rf"^[0-9a-f]{{{FILE_ID_LENGTH}}}$")


class NotReady(UsageError):
    """There is no published index to answer from yet (HTTP 503)."""


@dataclass(frozen=True)
class Settings:
    """Where the server finds its config, PDFs and index (the CLI's --config/--pdfs/--index)."""

    config_path: Path
    pdfs_dir: Path
    index_dir: Path


@dataclass(frozen=True)
class Edition:
    """One published generation, with everything a request needs from it."""

    generation: Path
    toolkit: Toolkit
    manifest: Manifest
    synonyms: tuple[tuple[str, ...], ...]
    file_ids: dict[str, str] = field(default_factory=dict)  # file name -> id
    # Role and audience names as resolved (engine.names), for this edition's config: the
    # same few come with almost every request. Filled by answers.read_ask, bounded there.
    names_read: dict[tuple[str, str], object] = field(default_factory=dict, compare=False)
    # The toolkit's latest edition (the ingest's, in ingest/editions.py) and the one each
    # section last changed in, for dating results.
    dates: Dates = field(default_factory=Dates)

    @property
    def search_dir(self) -> Path:
        return self.generation / "search"

    @property
    def name(self) -> str:
        return self.generation.name

    def file_id(self, file: str) -> str | None:
        return self.file_ids.get(file)

    def record(self, file_id: str) -> FileRecord | None:
        """The manifest's record for an id; anything that is not a known id finds nothing."""
        if not FILE_ID.match(file_id):
            return None
        for name, known in self.file_ids.items():
            if known == file_id:
                return self.manifest.files[name]
        return None


class Site:
    """The current edition, re-read only when `index/current` points somewhere new (or the
    config file changes); safe to call from every server thread."""

    def __init__(self, settings: Settings) -> None:
        # Absolute, so that files are found whatever the server's working directory becomes.
        self.settings = Settings(
            settings.config_path.absolute(), settings.pdfs_dir.absolute(), settings.index_dir.absolute()
        )
        self.store = IndexStore(self.settings.index_dir)
        self.cache = ExtractionCache(self.store.cache_dir)
        self._lock = threading.Lock()
        self._edition: Edition | None = None
        self._key: tuple[object, ...] | None = None

    def edition(self) -> Edition:
        """The published generation now; raises UsageError before the first ingest."""
        generation = self.store.current()
        if generation is None:
            raise NotReady("There is no search index yet: run `cse-toolkit ingest` (or `make ingest`) first.")
        key = (generation, _stat(self.settings.config_path))
        edition = self._edition
        if edition is not None and self._key == key:
            return edition
        with self._lock:
            if self._edition is None or self._key != key:
                try:
                    self._edition = self._load(generation)
                except CseError as exc:
                    if self._edition is None:
                        raise
                    # A config being edited, say: keep answering from the last good edition.
                    LOG.warning("kept the previous index: %s", exc.message)
                self._key = key
            assert self._edition is not None
            return self._edition

    def _load(self, generation: Path) -> Edition:
        manifest = load_manifest(generation)
        if manifest is None:
            raise NotReady("The index has no readable manifest: run `cse-toolkit ingest` to rebuild it.")
        # As cse-search: the ingest's snapshot of the config while the file is unchanged.
        toolkit = load_config(self.settings.config_path, snapshot=generation)
        ids = {name: record.sha256[:FILE_ID_LENGTH] for name, record in manifest.files.items()}
        synonyms = tuple(tuple(group) for group in from_toolkit(toolkit))
        return Edition(generation, toolkit, manifest, synonyms, ids, dates=load_dates(generation))

    def pdf_path(self, edition: Edition, file_id: str) -> tuple[FileRecord, Path] | None:
        """The ingested copy of a file (the exact bytes the index was built from)."""
        record = edition.record(file_id)
        if record is None:
            return None
        copy = self.cache.source(record.sha256)
        return (record, copy) if copy is not None else None


def _stat(path: Path) -> tuple[int, int]:
    try:
        info = path.stat()
    except OSError:
        return (0, 0)
    return (info.st_mtime_ns, info.st_size)
