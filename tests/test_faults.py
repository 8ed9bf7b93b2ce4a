"""Faults during an ingest (SPEC, "Bad input gets a clear answer, and nothing is lost"):
an interrupted or failed ingest leaves the previous index whole; two ingests at once never
corrupt it; searches keep answering while an ingest runs; the history log survives.

Ingests that are killed run as real processes (the installed `cse-toolkit` script); the
rest run in-process through click's CliRunner.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import Result

from pipeline.engine import index as index_module
from pipeline.engine.index import write_index as real_write_index
from pipeline.engine.search import search as run_search
from pipeline.engine.store import IndexStore
from pipeline.errors import IndexBusyError
from pipeline.ingest.extract import sha256_file
from pipeline.ingest.history import read_history
from pipeline.ingest.manifest import load_manifest
from pipeline.ingest.stops import POINTS, STOP_AT
from tests.conftest import REPO, SAMPLE_CONFIG, SAMPLE_PDFS, Place, exited, toolkit
from tools.make_sample_toolkit import chapter_pages
from tools.pdfgen import Block, PageSpec, write_pdf
from tools.sample_text import CHAPTERS

COPIES = 3  # extra uncatalogued copies of every sample chapter, so an ingest takes ~1.5 s
BUSY = "another ingest is running"
# From this many pages the index is written by several processes (pipeline/index.py).
PARALLEL_WRITE_FROM = getattr(index_module, "PARALLEL_WRITE_FROM", 1000)


def toolkit_script() -> list[str]:
    """`cse-toolkit` run from this checkout by this interpreter, installed or not (the
    subprocess gets the checkout on PYTHONPATH: see Workspace.start_ingest)."""
    return [sys.executable, "-c", "from pipeline.cli import toolkit_main; toolkit_main()"]


# --------------------------------------------------------------------------- helpers
class Workspace(Place):
    """A PDFs folder, the sample config and an index that has been ingested once."""

    @property
    def store(self) -> IndexStore:
        return IndexStore(self.index)

    def start_ingest(self, *extra: str, stop_at: str = "") -> subprocess.Popen[bytes]:
        """A real `cse-toolkit ingest` process, in its own session so that any process it
        leaves behind can be cleaned up by its group id; `stop_at` ("point=file") makes it
        wait at that point of pipeline/ingest/stops.py, having written the file."""
        return subprocess.Popen(
            [*toolkit_script(), *self.args("ingest", *extra)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
            cwd=self.root,
            env={**os.environ, "PYTHONPATH": str(REPO), STOP_AT: stop_at},
        )

    def stop_ingest_at(self, point: str, marker: Path) -> subprocess.Popen[bytes]:
        """An ingest stopped at `point` (waiting there to be killed), once it is there."""
        process = self.start_ingest(stop_at=f"{point}={marker}")
        if not wait_for(marker.exists, process):
            process.kill()
            raise AssertionError(f"the ingest ended without reaching {point}")
        return process

    def answer(self, query: str = "pharmacies", *extra: str) -> Result:
        """`cse-search --json` (for the Pharmacies page, by default)."""
        return self.text_search(query, "--json", *extra)

    def current_name(self) -> str | None:
        current = self.store.current()
        return current.name if current is not None else None

    def generations(self) -> list[str]:
        return sorted(p.name for p in self.index.glob("gen-*"))

    def touch_copies(self, note: str) -> None:
        """Change the bytes (not the text) of every extra copy: work for the next ingest."""
        for path in sorted(self.pdfs.glob("copy-*.pdf")):
            with path.open("ab") as handle:
                handle.write(f"\n% {note}\n".encode())


def assert_pharmacies_answer(result: Result) -> None:
    """The Pharmacies section's page is found first, complete: exit 0, page 74, PDF page 20."""
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    top = json.loads(result.stdout)["results"][0]
    assert (top["file"], top["section"], top["page"], top["pdf_page"]) == (
        "chapter-4-health-services.pdf",
        "pharmacies",
        "74",
        20,
    ), top


def assert_history_lines_complete(path: Path) -> None:
    """Every line of the history log is one complete JSON object."""
    if not path.exists():
        return
    raw = path.read_bytes()
    assert raw == b"" or raw.endswith(b"\n"), raw[-200:]
    lines = raw.decode("utf-8").splitlines()
    for line in lines:
        assert isinstance(json.loads(line), dict), line
    assert len(read_history(path)) == len(lines)


def assert_no_leftover_generations(ws: Workspace) -> None:
    """Only the current generation and at most one older one (kept for running searches)."""
    current = ws.current_name()
    assert current is not None
    others = [g for g in ws.generations() if g != current]
    assert len(others) <= 1, ws.generations()
    assert all(g < current for g in others), ws.generations()


def children(pid: int) -> list[str]:
    try:
        return Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return []


def wait_for(condition: Callable[[], bool], process: subprocess.Popen[bytes], timeout: float = 30.0) -> bool:
    """Poll until `condition` holds; False if the process ended first."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        if process.poll() is not None:
            return False
        time.sleep(0.003)
    raise AssertionError("timed out waiting for the ingest to reach the expected point")


@contextlib.contextmanager
def reaped(process: subprocess.Popen[bytes]) -> Iterator[subprocess.Popen[bytes]]:
    """Whatever happens, end the process and anything left in its session (by group id)."""
    try:
        yield process
    finally:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGKILL)
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=10)


def ingest_after_crash(ws: Workspace) -> Result:
    """A plain ingest, as a user would run it next. Allows two seconds for anything the
    crashed run left behind to notice and go away; a lock held longer than that is a bug."""
    deadline = time.monotonic() + 2.0
    while True:
        result = ws.ingest()
        if BUSY not in result.output or time.monotonic() > deadline:
            return result
        time.sleep(0.25)


# --------------------------------------------------------------------------- fixtures
def build_template(root: Path, copies: int) -> Workspace:
    """The sample chapters plus `copies` uncatalogued copies of each, ingested once. Each
    copy's pages end with "(copy N)", so they are pages of their own (the same page in two
    files would be indexed once) and each file is extracted on its own."""
    ws = Workspace.under(root)
    shutil.copytree(SAMPLE_PDFS, ws.pdfs)
    shutil.copy(SAMPLE_CONFIG, ws.config)
    for number in range(1, copies + 1):
        for chapter in CHAPTERS:
            pages = [
                replace(page, blocks=(*page.blocks[:-1], _tagged(page.blocks[-1], number)))
                for page in chapter_pages(chapter)
            ]
            write_pdf(ws.pdfs / f"copy-{number}-{chapter.file}", pages)
    result = ws.ingest()
    assert result.exit_code == 0, result.output
    return ws


def _tagged(block: Block, number: int) -> Block:
    return replace(block, text=f"{block.text} (copy {number})")


def clone(template: Workspace, root: Path) -> Workspace:
    """A private copy of a template: PDFs, config and the already-built index."""
    ws = Workspace.under(root)
    ws.root.mkdir()
    shutil.copytree(template.pdfs, ws.pdfs)
    shutil.copy(template.config, ws.config)
    shutil.copytree(template.index, ws.index, symlinks=True)
    assert ws.current_name() is not None
    return ws


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    return build_template(tmp_path_factory.mktemp("faults-template"), COPIES)


@pytest.fixture
def workspace(template: Workspace, tmp_path: Path) -> Workspace:
    return clone(template, tmp_path / "ws")


# --------------------------------------------------------------------------- SIGKILL during an ingest
def _new_generation(ws: Workspace, process: subprocess.Popen[bytes], old: str) -> bool:
    return any(g > old for g in ws.generations())


# Each point of an ingest (pipeline/ingest/stops.py) and whether the new generation is
# published when the ingest is killed there: the one state the index must be in.
KILLED_AT = {
    "locked": False,
    "extracting": False,
    "index-written": False,
    "before-publishing": False,
    "published": True,
}
assert tuple(KILLED_AT) == POINTS


@pytest.mark.parametrize(("point", "published"), KILLED_AT.items(), ids=KILLED_AT.keys())
def test_sigkill_during_ingest_keeps_the_index_whole(
    point: str, published: bool, workspace: Workspace, tmp_path: Path
) -> None:
    ws = workspace
    old = ws.current_name()
    assert old is not None
    ws.touch_copies("republished")  # 27 files to extract again, then a full index to write
    history_before = read_history(ws.store.history_path)

    with reaped(ws.stop_ingest_at(point, tmp_path / "stopped")) as process:
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)

        # Searches still answer: from the previous generation, or the complete new one.
        assert_pharmacies_answer(ws.answer())
        current = ws.store.current()
        assert current is not None
        assert (current.name != old) is published, (point, current.name, old)
        assert (current / "manifest.json").is_file()
        assert (current / "search" / "schema.json").is_file()
        assert_history_lines_complete(ws.store.history_path)
        assert len(read_history(ws.store.history_path)) == len(history_before)

        # The next ingest needs no clean-up by hand, and finishes the work (or finds it done).
        after = ingest_after_crash(ws)
        assert after.exit_code == 0, after.output
        assert "Traceback" not in after.output

    assert_pharmacies_answer(ws.answer())
    assert_no_leftover_generations(ws)
    assert_history_lines_complete(ws.store.history_path)
    assert len(read_history(ws.store.history_path)) == len(history_before) + 1
    manifest = load_manifest(ws.store.current())
    assert manifest is not None
    for path in sorted(ws.pdfs.glob("copy-*.pdf")):
        assert manifest.files[path.name].sha256 == sha256_file(path), path.name


def test_sigkill_while_the_index_is_written_in_parallel(
    tmp_path_factory: pytest.TempPathFactory, tmp_path: Path
) -> None:
    """Large ingests write the index with several processes: killing the ingest then must
    not leave anything behind that blocks the next one."""
    sample_pages = 128
    copies = -(-PARALLEL_WRITE_FROM // sample_pages)  # the sample and its copies pass the threshold
    ws = clone(build_template(tmp_path_factory.mktemp("parallel-template"), copies), tmp_path / "ws")
    old = ws.current_name()
    assert old is not None

    with reaped(ws.start_ingest("--force")) as process:
        reached = wait_for(lambda: _new_generation(ws, process, old) and bool(children(process.pid)), process)
        assert reached, "the ingest ended before it started writing in parallel"
        time.sleep(0.2)
        assert process.poll() is None, "the ingest finished writing before it could be killed"
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)

        assert_pharmacies_answer(ws.answer())
        assert ws.current_name() == old
        after = ingest_after_crash(ws)
        assert after.exit_code == 0, after.output

    assert_pharmacies_answer(ws.answer())
    assert_no_leftover_generations(ws)
    assert_history_lines_complete(ws.store.history_path)


def test_repeated_kills_then_ingest_leave_one_consistent_index(workspace: Workspace, tmp_path: Path) -> None:
    """Several ingests killed in a row at different points, then one that completes."""
    ws = workspace
    for round_number, point in enumerate(("extracting", "index-written", "before-publishing"), start=1):
        ws.touch_copies(f"round {round_number}")
        with reaped(ws.stop_ingest_at(point, tmp_path / f"stopped-{round_number}")) as process:
            process.send_signal(signal.SIGKILL)
            process.wait(timeout=30)
        assert_pharmacies_answer(ws.answer())
    result = ws.ingest()
    assert result.exit_code == 0, result.output
    assert_pharmacies_answer(ws.answer())
    assert_no_leftover_generations(ws)
    assert_history_lines_complete(ws.store.history_path)


# --------------------------------------------------------------------------- two ingests at once
@contextlib.contextmanager
def held_lock(index: Path) -> Iterator[Callable[[], None]]:
    """Hold the ingest lock as another ingest would; yields a function that releases it."""
    index.mkdir(parents=True, exist_ok=True)
    handle = (index / ".lock").open("a+")
    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    released = threading.Event()

    def release() -> None:
        if not released.is_set():
            released.set()
            fcntl.flock(handle, fcntl.LOCK_UN)
            handle.close()

    try:
        yield release
    finally:
        release()


HOLD_AND_FORK = """
import multiprocessing, sys, time
from pathlib import Path
from pipeline.engine.store import IndexStore

def work(started):
    started.set()  # the worker runs: whatever happens at a fork has happened
    time.sleep(60)

with IndexStore(Path(sys.argv[1])).lock(wait=False):
    fork = multiprocessing.get_context("fork")
    started = fork.Event()
    worker = fork.Process(target=work, args=(started,))
    worker.start()
    started.wait(30)
    print(worker.pid, flush=True)
    time.sleep(60)
"""


def test_a_worker_forked_by_a_killed_ingest_does_not_keep_the_lock(tmp_path: Path) -> None:
    """Extraction workers are forked while the ingest holds the lock: when the ingest is
    killed and a worker lives on, the lock is free all the same."""
    index = tmp_path / "index"
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_AND_FORK, str(index)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert holder.stdout is not None
    worker = int(holder.stdout.readline())
    try:
        with pytest.raises(BlockingIOError), held_lock(index):
            pass  # held while the ingest lives
        holder.kill()
        holder.wait(timeout=30)
        os.kill(worker, 0)  # the worker lives on
        with held_lock(index):
            pass
    finally:
        holder.kill()
        with contextlib.suppress(ProcessLookupError):
            os.kill(worker, signal.SIGKILL)


def test_a_lock_held_elsewhere_is_busy_and_free_once_let_go(tmp_path: Path) -> None:
    store = IndexStore(tmp_path / "index")
    with held_lock(store.root) as release:
        with pytest.raises(IndexBusyError, match=BUSY), store.lock(wait=False):
            pass
        release()
        with store.lock(wait=False):
            assert (store.root / ".lock").exists()
    assert (store.root / ".lock").exists()  # kept: another ingest may be waiting on it


def add_pdf(ws: Workspace, name: str, text: str) -> None:
    write_pdf(ws.pdfs / name, [PageSpec(blocks=(Block("heading", "Late addition"), Block("para", text)))])


def test_second_ingest_stops_with_a_clear_message_while_the_lock_is_held(workspace: Workspace) -> None:
    ws = workspace
    add_pdf(ws, "late.pdf", "Notes about numbats that arrived late.")
    before = ws.generations()
    current = ws.current_name()

    with held_lock(ws.index):
        result = ws.ingest()

    assert result.exit_code == 2, result.output
    assert BUSY in result.stderr, result.stderr
    assert "--wait" in result.stderr
    assert "Traceback" not in result.output
    assert ws.generations() == before
    assert ws.current_name() == current
    assert ws.answer("numbats").exit_code == 1


def test_ingest_with_wait_queues_behind_the_lock_and_then_succeeds(workspace: Workspace) -> None:
    ws = workspace
    add_pdf(ws, "late.pdf", "Notes about numbats that arrived late.")
    with held_lock(ws.index) as release:
        # The lock is held when the ingest starts, so only waiting for it can succeed
        # (without waiting, it would stop at once with exit 2: the test above).
        timer = threading.Timer(1.0, release)
        timer.start()
        try:
            result = ws.ingest("--wait")
        finally:
            timer.join()

    assert result.exit_code == 0, result.output
    numbats = ws.answer("numbats")
    assert numbats.exit_code == 0, numbats.output
    assert json.loads(numbats.stdout)["results"][0]["file"] == "late.pdf"
    assert_no_leftover_generations(ws)


def test_second_ingest_while_a_real_ingest_runs(workspace: Workspace) -> None:
    ws = workspace
    old = ws.current_name()
    assert old is not None
    with reaped(ws.start_ingest("--force")) as process:
        assert wait_for(lambda: _new_generation(ws, process, old), process), "the first ingest ended too soon"
        second = ws.ingest()
        assert second.exit_code == 2, second.output
        assert BUSY in second.stderr, second.stderr
        queued = ws.ingest("--wait")
        assert process.wait(timeout=30) == 0
    assert queued.exit_code == 0, queued.output
    # It ran after the first one had published: it found nothing left to do.
    assert "Nothing changed" in queued.output, queued.output
    assert ws.current_name() != old
    assert_pharmacies_answer(ws.answer())
    assert_no_leftover_generations(ws)
    assert_history_lines_complete(ws.store.history_path)


# --------------------------------------------------------------------------- searches during an ingest
def test_searches_during_an_ingest_always_get_a_complete_answer(workspace: Workspace) -> None:
    ws = workspace
    old = ws.current_name()
    seen: set[str] = set()
    answers = 0
    with reaped(ws.start_ingest("--force")) as process:
        while process.poll() is None or answers < 10:
            name = ws.current_name()
            seen.add(name or "")
            result = run_search(ws.store.search_dir(), "pharmacies", limit=3)
            assert result.hits, f"no hits while the index was {name}"
            top = result.hits[0]
            assert (top.file, top.section, top.page, top.pdf_page) == (
                "chapter-4-health-services.pdf",
                "pharmacies",
                "74",
                20,
            )
            assert result.total == 4 * (COPIES + 1)
            answers += 1
            if answers % 10 == 0:
                assert_pharmacies_answer(ws.answer())
        assert process.returncode == 0
    assert answers >= 10, answers
    assert old in seen
    assert ws.current_name() != old  # the swap happened while we were searching
    assert_pharmacies_answer(ws.answer())


# --------------------------------------------------------------------------- a failure while writing the index
@pytest.mark.parametrize("error", [OSError(28, "No space left on device"), KeyboardInterrupt()], ids=repr)
def test_failure_while_writing_the_index_keeps_the_previous_one(
    error: BaseException, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    ws = workspace
    old = ws.current_name()
    before = ws.generations()
    history = ws.store.history_path.read_bytes()
    add_pdf(ws, "late.pdf", "Notes about numbats that arrived late.")
    written: list[Path] = []

    def failing_write_index(path: Path, units: object, tag: Callable[[str], list[str]]) -> int:
        some = list(units)[:50]  # type: ignore[call-overload]
        real_write_index(path, some, tag)
        written.extend(p for p in path.rglob("*") if p.is_file())
        raise error

    monkeypatch.setattr("pipeline.ingest.runner.write_index", failing_write_index)
    # An ingest that only replaces changed files writes through update_index instead.
    monkeypatch.setattr(
        "pipeline.ingest.runner.update_index",
        lambda path, base, units, files, tag: failing_write_index(path, units, tag),
    )
    result = ws.ingest()

    assert written, "the patched write_index was not called"
    assert result.exit_code != 0, result.output
    assert "Traceback" not in result.output
    assert ws.current_name() == old
    assert ws.generations() == before, "an unpublished generation was left behind"
    assert ws.store.history_path.read_bytes() == history
    assert_pharmacies_answer(ws.answer())
    assert ws.answer("numbats").exit_code == 1

    monkeypatch.undo()
    again = ws.ingest()
    assert again.exit_code == 0, again.output
    assert ws.answer("numbats").exit_code == 0
    assert_no_leftover_generations(ws)


def test_failure_while_writing_the_index_reports_a_message(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    ws = workspace

    def failing_write_index(path: Path, units: object, tag: object) -> int:
        path.mkdir(parents=True, exist_ok=True)
        (path / "partial").write_bytes(b"x" * 1000)
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("pipeline.ingest.runner.write_index", failing_write_index)
    # An ingest that only replaces changed files writes through update_index instead.
    monkeypatch.setattr(
        "pipeline.ingest.runner.update_index",
        lambda path, base, units, files, tag: failing_write_index(path, units, tag),
    )
    result = ws.ingest("--force")
    exited(result, 2)  # a disk error is the SPEC's 2, named, like any OSError
    assert "No space left on device" in result.stderr


# --------------------------------------------------------------------------- the history log
def test_history_has_only_complete_lines_after_killed_ingests(workspace: Workspace, tmp_path: Path) -> None:
    """Ingests killed just after publishing, before their history line: each next ingest
    writes the missing line, whole, before its own."""
    ws = workspace
    before = len(read_history(ws.store.history_path))
    for round_number in range(3):
        old = ws.current_name()
        ws.touch_copies(f"history round {round_number}")
        with reaped(ws.stop_ingest_at("published", tmp_path / f"stopped-{round_number}")) as process:
            process.send_signal(signal.SIGKILL)
            process.wait(timeout=30)
        assert ws.current_name() != old
        assert_history_lines_complete(ws.store.history_path)
    result = ws.ingest()
    assert result.exit_code == 0, result.output
    assert_history_lines_complete(ws.store.history_path)
    assert len(read_history(ws.store.history_path)) == before + 3  # the three published; nothing new after


def test_history_entry_after_a_torn_line_is_kept(workspace: Workspace) -> None:
    """A crash mid-append can leave a line cut short (no newline). The next ingest's entry
    must still be readable, not glued onto the torn line and lost with it."""
    ws = workspace
    path = ws.store.history_path
    entries = read_history(path)
    assert entries
    with path.open("ab") as handle:
        handle.write(b'{"at": "2024-01-01T00:00:00+00:00", "files": {"chap')
    add_pdf(ws, "late.pdf", "Notes about numbats that arrived late.")

    result = ws.ingest()

    assert result.exit_code == 0, result.output
    after = read_history(path)
    manifest = load_manifest(ws.store.current())
    assert manifest is not None
    assert len(after) == len(entries) + 1, [e.at for e in after]
    assert after[-1].at == manifest.ingested_at
    assert "late.pdf" in after[-1].added_files
    history = toolkit("history", "--index", str(ws.index))
    assert history.exit_code == 0, history.output
    assert "late.pdf" in history.output
