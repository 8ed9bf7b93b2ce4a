"""A large cold ingest writes the index while it is still reading the PDFs.

Reading (PDFium, in worker processes) and writing (Whoosh, one process per core) each keep
the cores busy for about half of a large ingest; done one after the other, each leaves a
core idle at its end, and the pages of every file wait in memory for the writer. Here each
file's pages go to the writer as soon as they are final, so both run together to the end.

A file's pages are final once it is known which of them repeat a configured chapter's
pages (repeats.py): a configured chapter's at once (its own pages are never repeats),
another file's once every configured chapter has been read. Nothing is written until the
final pages pass PARALLEL_WRITE_FROM: a smaller index is written as before, in one process
and in file order, after everything is read. What was written is checked against the
repeats found at the end (`agrees`); if they differ (a configured chapter failed and its
last good version is indexed instead), the runner writes the index again the usual way.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from pathlib import Path

from pipeline.engine.index import PARALLEL_WRITE_FROM, ParallelWriting
from pipeline.ingest.manifest import FileRecord
from pipeline.ingest.repeats import Repeats, find_repeats, without_repeats
from pipeline.ingest.sections import SectionPage


class Stream:
    """Takes each file's pages as the ingest reads them; writes those that are final."""

    def __init__(self, path: Path, tag: Callable[[str], list[str]], chapter_files: Collection[str]) -> None:
        self.path = path
        self.tag = tag
        self.waiting = set(chapter_files)  # configured chapters' files not read yet
        self.chapters: dict[str, FileRecord] = {}  # files read that hold configured chapters
        self.held: dict[str, tuple[FileRecord, Sequence[SectionPage]]] = {}  # repeats not known yet
        # Final pages before the writer starts: (file, pages, its pages left out as repeats).
        self.final: list[tuple[str, list[SectionPage], tuple[int, ...]]] = []
        self.final_pages = 0
        self.sent: dict[str, tuple[int, ...]] = {}  # file -> its pages left out as repeats
        self.writing: ParallelWriting | None = None

    def arrived(self, name: str, record: FileRecord, units: Sequence[SectionPage]) -> None:
        """A file read and split: its pages are kept here (written when final)."""
        self.waiting.discard(name)
        if record.chapter_pages:
            self.chapters[name] = record
            self._final(name, list(units), ())
        else:
            self.held[name] = (record, units)
        self._release()

    def failed(self, name: str) -> None:
        """A file that could not be read: no longer waited for."""
        self.waiting.discard(name)
        self._release()

    def unwritten(self) -> dict[str, Sequence[SectionPage]]:
        """The pages taken but not written, by file: the runner writes them (all of them
        when the writer never started)."""
        left: dict[str, Sequence[SectionPage]] = {name: units for name, (_, units) in self.held.items()}
        left.update((name, units) for name, units, _ in self.final)
        return left

    def agrees(self, records: Mapping[str, FileRecord]) -> bool:
        """Whether every file written left out exactly the repeats the ingest found in the end."""
        return all(
            name in records and records[name].repeats == skipped for name, skipped in self.sent.items()
        )

    def cancel(self) -> None:
        if self.writing is not None:
            self.writing.cancel()
            self.writing = None

    def _release(self) -> None:
        """Once every configured chapter is read, the files held are final."""
        if self.waiting or not self.held:
            return
        repeats = self._repeats()
        for name, (_, units) in list(self.held.items()):
            del self.held[name]
            skipped = repeats.pages.get(name, ())
            self._final(name, without_repeats(list(units), repeats), skipped)

    def _repeats(self) -> Repeats:
        """The held files' pages that repeat a configured chapter's, as the ingest finds
        them in the end from every file read (runner.prepare)."""
        marks = {name: record.marks for name, record in self.chapters.items()}
        marks.update((name, record.marks) for name, (record, _) in self.held.items())
        return find_repeats(marks, {name: record.chapter_pages for name, record in self.chapters.items()})

    def _final(self, name: str, units: list[SectionPage], skipped: tuple[int, ...]) -> None:
        if self.writing is None:
            self.final.append((name, units, skipped))
            self.final_pages += len(units)
            if self.final_pages < PARALLEL_WRITE_FROM:
                return
            self.writing = ParallelWriting(self.path, self.tag)
            ready, self.final = self.final, []
            for ready_name, ready_units, ready_skipped in ready:
                self._write(ready_name, ready_units, ready_skipped)
            return
        self._write(name, units, skipped)

    def _write(self, name: str, units: list[SectionPage], skipped: tuple[int, ...]) -> None:
        assert self.writing is not None
        self.writing.add_file(name, units)
        self.sent[name] = skipped
