"""The watched folder: ingest when a PDF is added, replaced or removed, or the config changes.

Polled with the standard library (a `stat` of each PDF every second), not with file-system
notifications: the folder a board's communications officer drops PDFs into is often a
network share, where inotify and its Windows and macOS kin do not hear changes made from
another machine (the maintained library for them, watchdog, falls back to the same polling
there), and a few dozen PDFs cost microseconds to stat. The same code runs on Linux, macOS
and Windows.

A file is ingested only once it is whole:

- nothing in the folder or the config has changed for `settle` seconds (a copy, an upload
  or an editor's save has stopped), and
- every PDF looks complete: not empty (a file copied over a network share shows 0 bytes
  first) and with the `%%EOF` marker that ends a PDF in its last kilobyte (a half-copied
  file lacks it, however long the copy pauses).

A file that stays incomplete for `INCOMPLETE_WAIT` seconds is ingested anyway, so the ingest
names it as unreadable and the other files are not held back for ever.

Each ingest runs as a child process (`python -m pipeline ingest --wait`): one at a time (the
watcher waits for its child, and the ingest lock queues it behind any ingest started by
hand), with its memory returned when it ends, and a crash in it cannot take the web server
down. A failed ingest publishes nothing, so the last good index goes on answering; the
watcher logs why, and records the outcome in `index/watch.json` for the web page.
"""

from __future__ import annotations

import json
import logging
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from itertools import takewhile
from pathlib import Path
from types import FrameType

from pipeline.errors import ExitCode
from pipeline.ingest.folder import find_pdfs
from pipeline.ondisk import read_json, write_atomic

LOG = logging.getLogger("cse_toolkit.watch")
POLL_SECONDS = 1.0
SETTLE_SECONDS = 5.0
INCOMPLETE_WAIT = 600.0  # ten minutes: longer than any copy that is still going
TAIL_BYTES = 1024  # where a reader looks for %%EOF (PDF 1.7, 7.5.5)
STATUS_FILE = "watch.json"
CONFIG = "(the config)"
ITEM = "  - "  # how the ingest lists a config's problems under its error line
REASONS_SHOWN = 3  # of those, how many a failed ingest's one-line reason names


@dataclass(frozen=True)
class FileState:
    """What a poll sees of one file: enough to notice any change, and whether it looks whole."""

    size: int
    mtime_ns: int
    complete: bool


Look = Mapping[str, FileState]  # PDF name (relative to the PDFs directory) or CONFIG -> state


@dataclass(frozen=True)
class Outcome:
    """How an ingest the watcher started ended."""

    exit_code: int
    lines: tuple[str, ...]  # what it printed, stdout and stderr together
    stopped: bool = False  # ended by the watcher's own shutdown, not by a failure

    @property
    def published(self) -> bool:
        """A new index is served: the ingest succeeded, perhaps without some unreadable PDFs."""
        return self.exit_code in (ExitCode.OK, ExitCode.INPUT)


@dataclass(frozen=True)
class Paths:
    config: Path
    pdfs: Path
    index: Path


class Folder:
    """Looks at the PDFs directory and the config, reading a file's tail only when its size
    or time changed."""

    def __init__(self, paths: Paths) -> None:
        self.paths = paths
        self._seen: dict[Path, FileState] = {}

    def look(self) -> dict[str, FileState]:
        states: dict[str, FileState] = {}
        seen: dict[Path, FileState] = {}
        for path, pdf in [(p, True) for p in find_pdfs(self.paths.pdfs).pdfs] + [(self.paths.config, False)]:
            state = self._state(path, pdf)
            if state is not None:
                seen[path] = state
                states[CONFIG if not pdf else path.relative_to(self.paths.pdfs).as_posix()] = state
        self._seen = seen
        return states

    def _state(self, path: Path, pdf: bool) -> FileState | None:
        try:
            info = path.stat()
        except OSError:  # gone since the walk (or no config yet)
            return None
        known = self._seen.get(path)
        if known is not None and (known.size, known.mtime_ns) == (info.st_size, info.st_mtime_ns):
            return known
        return FileState(info.st_size, info.st_mtime_ns, not pdf or _looks_whole(path, info.st_size))


def _looks_whole(path: Path, size: int) -> bool:
    if size == 0:
        return False
    try:
        with path.open("rb") as handle:
            handle.seek(max(0, size - TAIL_BYTES))
            return b"%%EOF" in handle.read(TAIL_BYTES)
    except OSError:  # locked by the program still writing it (Windows)
        return False


def describe(before: Look | None, after: Look) -> str:
    """The changes as a log line: "added a.pdf; replaced b.pdf; removed c.pdf; config changed"."""
    if before is None:
        return "started"
    parts = []
    for verb, names in (
        ("added", sorted(after.keys() - before.keys() - {CONFIG})),
        ("replaced", sorted(n for n in after.keys() & before.keys() - {CONFIG} if after[n] != before[n])),
        ("removed", sorted(before.keys() - after.keys() - {CONFIG})),
    ):
        if names:
            parts.append(f"{verb} {', '.join(names)}")
    if before.get(CONFIG) != after.get(CONFIG):
        parts.append("config changed")
    return "; ".join(parts) or "nothing"


class Watcher:
    """Decides, one poll at a time, when to ingest; `step` is the whole rule."""

    def __init__(
        self,
        folder: Folder,
        ingest: Callable[[], Outcome],
        settle: float = SETTLE_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.folder = folder
        self.ingest = ingest
        self.settle = settle
        self.clock = clock
        self.ingested: Look | None = None  # the folder as the last ingest started from it
        self._last: Look | None = None
        self._changed_at = clock()
        self._waiting_for: tuple[str, ...] = ()

    def step(self) -> Outcome | None:
        """Look once; ingest if the folder changed since the last ingest and is settled."""
        now = self.folder.look()
        if now != self._last:
            self._last, self._changed_at = now, self.clock()
        if now == self.ingested or self.clock() - self._changed_at < self.settle:
            return None
        incomplete = tuple(name for name, state in now.items() if not state.complete)
        if incomplete and self.clock() - self._changed_at < INCOMPLETE_WAIT:
            if incomplete != self._waiting_for:
                self._waiting_for = incomplete
                LOG.info(
                    "watch: waiting for %s: empty or without its end-of-file marker yet (still arriving); "
                    "ingested once whole, or as it is after %d minutes unchanged",
                    ", ".join(incomplete),
                    INCOMPLETE_WAIT // 60,
                )
            return None
        self._waiting_for = ()
        LOG.info("watch: %s; ingesting", describe(self.ingested, now))
        self.ingested = now
        outcome = self.ingest()
        if not outcome.stopped:
            record(self.folder.paths.index, outcome)
        return outcome

    def run(self, stop: threading.Event, poll: float = POLL_SECONDS) -> None:
        LOG.info(
            "watch: watching %s and %s (an ingest starts once nothing has changed for %g s)",
            self.folder.paths.pdfs,
            self.folder.paths.config,
            self.settle,
        )
        while not stop.is_set():
            try:
                self.step()
            except Exception as exc:  # the watcher must outlive any one bad poll
                LOG.error(
                    "watch: could not look at the folder (%s: %s); trying again", type(exc).__name__, exc
                )
            stop.wait(poll)


def watch_here(paths: Paths, settle: float = SETTLE_SECONDS) -> None:
    """`cse-toolkit ingest --watch`: watch in this thread until Ctrl+C or SIGTERM."""
    logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stderr)
    stop = threading.Event()
    child = IngestChild(paths)

    def ended(signum: int, frame: FrameType | None) -> None:
        stop.set()
        child.stop()

    previous = signal.signal(signal.SIGTERM, ended)
    try:
        Watcher(Folder(paths), child, settle).run(stop)
    except KeyboardInterrupt:
        child.stop()
    finally:
        signal.signal(signal.SIGTERM, previous)
        LOG.info("watch: stopped")


class IngestChild:
    """Runs an ingest in a child process, its output logged line by line as it comes;
    `stop` ends a running one (the server is shutting down)."""

    def __init__(self, paths: Paths) -> None:
        self.paths = paths
        self._child: subprocess.Popen[str] | None = None
        self._stopped = False

    def __call__(self) -> Outcome:
        command = [sys.executable, "-m", "pipeline", "ingest", "--wait"]
        command += ["--config", str(self.paths.config), "--pdfs", str(self.paths.pdfs)]
        command += ["--index", str(self.paths.index)]
        lines: list[str] = []
        with subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            encoding="utf-8",
            errors="replace",
        ) as child:
            self._child = child
            if self._stopped:
                child.terminate()
            assert child.stdout is not None
            for line in child.stdout:
                if line.strip():
                    lines.append(line.rstrip())
                    LOG.info("ingest: %s", line.rstrip())
            code = child.wait()
            self._child = None
        outcome = Outcome(code, tuple(lines), stopped=self._stopped)
        if outcome.stopped:
            LOG.info("watch: the running ingest was stopped; the index is as it was before it")
        elif outcome.published:
            LOG.info(
                "watch: ingest done%s", "" if code == ExitCode.OK else "; some PDFs could not be read (above)"
            )
        else:
            LOG.error(
                "watch: ingest failed (exit code %d): %s; the last good index is still served",
                code,
                reason(outcome),
            )
        return outcome

    def stop(self) -> None:
        self._stopped = True
        child = self._child
        if child is not None and child.poll() is None:
            child.terminate()


def reason(outcome: Outcome) -> str:
    """The ingest's error without its `error:` prefix, on one line: its first line and,
    when that introduces a list ("1 problem; nothing was changed:"), the first items of
    the list, so that the log, /healthz and the changes page say what the problem is."""
    for at, line in enumerate(outcome.lines):
        if line.startswith("error: "):
            said = line.removeprefix("error: ")
            items = [
                item.removeprefix(ITEM)
                for item in takewhile(lambda x: x.startswith(ITEM), outcome.lines[at + 1 :])
            ]
            if not said.endswith(":") or not items:
                return said
            more = len(items) - REASONS_SHOWN
            return f"{said} {'; '.join(items[:REASONS_SHOWN])}" + (f"; and {more} more" if more > 0 else "")
    return outcome.lines[-1] if outcome.lines else "it printed nothing"


@dataclass(frozen=True)
class Status:
    """The last ingest the watcher ran, as the web page shows it."""

    at: str  # ISO 8601, UTC
    ok: bool  # a new index was published
    message: str  # why it failed, or the ingest's summary line


def record(index: Path, outcome: Outcome) -> None:
    summary = next((line for line in outcome.lines if line.startswith(("Indexed ", "Index holds "))), "")
    status = {
        "at": datetime.now(UTC).replace(microsecond=0).isoformat(),
        "ok": outcome.published,
        "message": summary if outcome.published else reason(outcome),
    }
    try:
        write_atomic(index / STATUS_FILE, json.dumps(status))
    except OSError as exc:
        LOG.error("watch: could not record the outcome in %s (%s)", index / STATUS_FILE, exc.strerror)


def last_status(index: Path) -> Status | None:
    """The watcher's last ingest, or None when no watcher has run one (or its record is damaged)."""
    data = read_json(index / STATUS_FILE, "the watcher's last outcome is not shown")
    if not isinstance(data, dict):
        return None
    try:
        return Status(str(data["at"]), bool(data["ok"]), str(data["message"]))
    except KeyError:
        return None


def failed_since(index: Path, ingested_at: str) -> Status | None:
    """The watcher's last ingest when it failed after the index now served was made (a
    later ingest, by hand or by the watcher, supersedes it)."""
    last = last_status(index)
    return last if last is not None and not last.ok and last.at > ingested_at else None
