"""The index directory on disk: generations, the atomic swap, the ingest lock.

Layout of `index/`:

    current -> gen-000007          symlink, replaced atomically when an ingest succeeds (where
                                   symlinks cannot be made, a file holding the name instead)
    gen-000007/search/             the search engine's files
    gen-000007/manifest.json       what this generation was built from (see manifest.py)
    gen-000007/editions.json       the latest edition and each section's (engine/dated.py)
    cache/<sha256>.json            extracted text of each PDF, by file hash
    history.jsonl                  append-only log of ingests and their editions (never rewritten)
    packs.json                     the excerpt packs built, where (ingest/packsbuilt.py)
    .lock                          held by the running ingest
    watch.json                     the outcome of the last ingest a watcher ran (ingest/watch.py)

A search resolves `current` once and reads that generation; an ingest writes a new
generation beside it and only then swaps the link, so a search never sees a half-written
index, and a killed ingest leaves only an unpublished directory that the next one removes.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterator
from pathlib import Path

from pipeline.errors import IndexBusyError

CURRENT = "current"
GENERATION_PREFIX = "gen-"


class IndexStore:
    def __init__(self, root: Path) -> None:
        self.root = root

    @property
    def cache_dir(self) -> Path:
        return self.root / "cache"

    @property
    def history_path(self) -> Path:
        return self.root / "history.jsonl"

    def current(self) -> Path | None:
        """The published generation, or None before the first successful ingest."""
        link = self.root / CURRENT
        try:
            target = link.readlink() if link.is_symlink() else Path(link.read_text(encoding="utf-8").strip())
        except OSError:
            return None
        if not target.name.startswith(GENERATION_PREFIX):
            return None
        path = self.root / target.name
        return path if path.is_dir() else None

    def search_dir(self) -> Path | None:
        current = self.current()
        return current / "search" if current is not None else None

    def new_generation(self) -> Path:
        """A fresh, empty, unpublished generation directory."""
        self.root.mkdir(parents=True, exist_ok=True)
        numbers = [
            int(p.name[len(GENERATION_PREFIX) :])
            for p in self.root.glob(f"{GENERATION_PREFIX}*")
            if p.name[len(GENERATION_PREFIX) :].isascii() and p.name[len(GENERATION_PREFIX) :].isdigit()
        ]
        path = self.root / f"{GENERATION_PREFIX}{max(numbers, default=0) + 1:06d}"
        path.mkdir()
        return path

    def publish(self, generation: Path) -> None:
        """Make `generation` current in one atomic rename, then tidy older generations."""
        _fsync_tree(generation)
        temporary = self.root / f".{CURRENT}.{os.getpid()}"
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()
        try:
            temporary.symlink_to(generation.name)
        except OSError:  # Windows without the symlink privilege, or a FAT/exFAT drive
            temporary.write_text(generation.name, encoding="utf-8")
            _fsync_file(temporary)
        _replace(temporary, self.root / CURRENT)
        _fsync_dir(self.root)
        self.prune(keep=generation)

    def prune(self, keep: Path | None = None) -> None:
        """Remove unpublished leftovers and all but the newest previous generation.

        The previous one stays so that a search which resolved `current` just before the
        swap can finish reading it.
        """
        import shutil  # here, not at the top: a search never prunes and starts without it

        current = self.current()
        generations = sorted(self.root.glob(f"{GENERATION_PREFIX}*"))
        for stale_link in self.root.glob(f".{CURRENT}.*"):  # left by a publish cut short
            with contextlib.suppress(OSError):
                stale_link.unlink()
        keep_names = {p.name for p in (current, keep) if p is not None}
        older = [g for g in generations if current is not None and g.name < current.name]
        if older:
            keep_names.add(older[-1].name)
        for generation in generations:
            if generation.name not in keep_names:
                shutil.rmtree(generation, ignore_errors=True)

    @contextlib.contextmanager
    def lock(self, wait: bool) -> Iterator[None]:
        """Hold the ingest lock; wait for it, or stop at once with a clear message.

        `filelock` takes an OS lock (flock on POSIX, msvcrt on Windows), which ends with
        the process that holds it however it ends, so a killed ingest never leaves it
        behind; processes forked while it is held (extraction workers) close their copy
        at once, so it ends with the ingest itself. Never its soft fallback (a file that
        exists while held, left behind by a killed holder), nor deleting the file on
        release (another ingest may be waiting on it).
        """
        from filelock import FileLock, Timeout  # only an ingest locks: cse-search never loads it

        self.root.mkdir(parents=True, exist_ok=True)
        held = FileLock(
            self.root / ".lock",
            blocking=wait,
            thread_local=False,
            fallback_to_soft=False,
            preserve_lock_file=True,
        )
        try:
            held.acquire()
        except Timeout:
            raise IndexBusyError(
                f"another ingest is running on {self.root}; wait for it to finish "
                "(or run with --wait to queue behind it)"
            ) from None
        try:
            yield
        finally:
            held.release()


def _replace(source: Path, target: Path) -> None:
    """Atomic rename over `target`. Windows refuses while a search has the pointer file
    open for the instant it takes to read it, so try again for a moment."""
    for attempt in range(50):
        try:
            source.replace(target)
            return
        except PermissionError:
            if os.name != "nt" or attempt == 49:
                raise
            time.sleep(0.05)


def _fsync_dir(path: Path) -> None:
    if os.name == "nt":  # a directory cannot be opened on Windows; NTFS journals its entries
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_file(path: Path) -> None:
    # Windows flushes only through a handle opened for writing.
    fd = os.open(path, os.O_RDWR if os.name == "nt" else os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_tree(path: Path) -> None:
    """Flush a new generation to disk before it is published, so a power cut cannot
    leave `current` pointing at files that never reached the disk."""
    for item in path.rglob("*"):
        if item.is_file():
            _fsync_file(item)
    _fsync_dir(path)
