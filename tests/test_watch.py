"""The watched folder (issue 27): an ingest starts once the PDFs and the config have stopped
changing and every PDF is whole; a half-copied file is never ingested; one ingest at a time;
a failed one leaves the last good index answering and says why."""

from __future__ import annotations

import json
import logging
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

import pytest
from markupsafe import escape

from pipeline.engine.store import IndexStore
from pipeline.ingest.watch import INCOMPLETE_WAIT, STATUS_FILE, Folder, Outcome, Paths, Watcher, last_status
from tests.conftest import REPO, SAMPLE_CONFIG, SAMPLE_PDFS, Place
from tests.helpers import NEW_SENTENCE, edited_chapter4, write_chapter
from tools.webserver import running_server

CHAPTER_4 = SAMPLE_PDFS / "chapter-4-health-services.pdf"


class Clock:
    """Monotonic seconds that move only when the test says so."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def home(tmp_path: Path) -> Paths:
    """A folder with one sample PDF and the sample config (nothing is ingested here)."""
    (tmp_path / "pdfs").mkdir()
    shutil.copy(SAMPLE_PDFS / "chapter-1-understanding-cse.pdf", tmp_path / "pdfs")
    (tmp_path / "config").mkdir()
    shutil.copy(SAMPLE_CONFIG, tmp_path / "config" / "toolkit.yaml")
    return Paths(tmp_path / "config" / "toolkit.yaml", tmp_path / "pdfs", tmp_path / "index")


def watching(home: Paths) -> tuple[Watcher, Clock, list[str], Callable[[float], Outcome | None]]:
    """A watcher on `home` whose ingests are counted (and described) instead of run, and a
    step function that first moves the clock to the given time; the first ingest is done."""
    clock = Clock()
    ingests: list[str] = []

    def ingest() -> Outcome:
        ingests.append("ingest")
        return Outcome(0, ("Indexed …",))

    watcher = Watcher(Folder(home), ingest, settle=5, clock=clock)

    def step(at: float) -> Outcome | None:
        clock.now = at
        return watcher.step()

    assert (step(0), step(4.9)) == (None, None)  # settling since it started
    assert step(5) is not None and ingests == ["ingest"]
    return watcher, clock, ingests, step


def test_a_half_copied_pdf_is_never_ingested_and_the_whole_one_is_once(
    home: Paths, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, "cse_toolkit.watch")
    _, _, ingests, step = watching(home)
    data = CHAPTER_4.read_bytes()
    half = len(data) // 2
    assert b"%%EOF" not in data[:half]
    (home.pdfs / "new.pdf").write_bytes(data[:half])
    # Unchanged for seconds, then for minutes: still never ingested.
    assert [step(t) for t in (6, 11, 60, 300, INCOMPLETE_WAIT - 1)] == [None] * 5
    with (home.pdfs / "new.pdf").open("ab") as rest:
        rest.write(data[half:])
    assert [step(t) for t in (INCOMPLETE_WAIT, INCOMPLETE_WAIT + 4.9)] == [None, None]
    assert step(INCOMPLETE_WAIT + 5) is not None
    assert step(INCOMPLETE_WAIT + 100) is None
    assert ingests == ["ingest", "ingest"]
    assert [r.getMessage() for r in caplog.records][-2:] == [
        "watch: waiting for new.pdf: empty or without its end-of-file marker yet (still arriving); "
        "ingested once whole, or as it is after 10 minutes unchanged",
        "watch: added new.pdf; ingesting",
    ]


def test_an_empty_file_from_a_network_share_waits_and_a_file_that_never_completes_is_ingested_in_the_end(
    home: Paths,
) -> None:
    _, _, ingests, step = watching(home)
    (home.pdfs / "arriving.pdf").write_bytes(b"")
    assert [step(t) for t in (10, 20, 100)] == [None, None, None]
    (home.pdfs / "arriving.pdf").write_bytes(CHAPTER_4.read_bytes()[:1000])  # stuck part-way
    assert [step(t) for t in (200, 200 + INCOMPLETE_WAIT - 1)] == [None, None]
    assert step(200 + INCOMPLETE_WAIT) is not None  # the ingest will name it as unreadable
    assert ingests == ["ingest", "ingest"]


def test_a_file_still_changing_restarts_the_wait(home: Paths) -> None:
    _, _, ingests, step = watching(home)
    shutil.copy(CHAPTER_4, home.pdfs / "a.pdf")
    assert step(10) is None
    shutil.copy(SAMPLE_PDFS / "chapter-5-social-care.pdf", home.pdfs / "a.pdf")  # written again
    assert [step(13), step(17.9)] == [None, None]
    assert step(18) is not None and ingests == ["ingest", "ingest"]


def test_a_removed_pdf_and_an_edited_config_are_changes(
    home: Paths, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, "cse_toolkit.watch")
    _, _, ingests, step = watching(home)
    (home.pdfs / "chapter-1-understanding-cse.pdf").unlink()
    with home.config.open("a", encoding="utf-8") as config:
        config.write("# edited\n")
    assert (step(10), step(15) is not None) == (None, True)
    assert caplog.records[-1].getMessage() == (
        "watch: removed chapter-1-understanding-cse.pdf; config changed; ingesting"
    )
    assert ingests == ["ingest", "ingest"]


def test_serve_watch_answers_a_pdf_copied_in_halves_and_keeps_the_last_good_index_on_failure(
    tmp_path: Path,
) -> None:
    pdfs, config, index = tmp_path / "pdfs", tmp_path / "toolkit.yaml", tmp_path / "index"
    shutil.copytree(SAMPLE_PDFS, pdfs)
    shutil.copy(SAMPLE_CONFIG, config)
    edited = tmp_path / "edited.pdf"
    write_chapter(edited_chapter4(), edited)
    data = edited.read_bytes()
    query = "/api/search?q=" + quote(f'"{NEW_SENTENCE.rstrip(".")}"')

    def pages(server_get: Callable[[str], tuple[int, dict[str, str], bytes]]) -> list[tuple[str, str]]:
        status, _, body = server_get(query)
        assert status == 200, body
        return [(r["section"], r["page"]) for r in json.loads(body)["results"]]

    def until(check: Callable[[], bool], seconds: float = 60) -> None:
        deadline = time.monotonic() + seconds
        while not check():
            assert time.monotonic() < deadline, server.output()
            time.sleep(0.2)

    with running_server(config, pdfs, index, tmp_path / "logs", "--watch", "--settle", "1") as server:
        until(lambda: server.get(query)[0] == 200)  # the first ingest, by the watcher
        assert pages(server.get) == []
        first = IndexStore(index).current()
        target = pdfs / "chapter-4-health-services.pdf"
        target.write_bytes(data[: len(data) // 2])  # a replacement, copied in two halves
        until(lambda: "watch: waiting for chapter-4-health-services.pdf" in server.output())
        time.sleep(3)  # three times the settle time: still only half a file
        assert (pages(server.get), IndexStore(index).current()) == ([], first)
        with target.open("ab") as rest:
            rest.write(data[len(data) // 2 :])
        until(lambda: pages(server.get) == [("pharmacies", "74")])
        served = IndexStore(index).current()
        config.write_text(config.read_text(encoding="utf-8") + "roles: oops\n", encoding="utf-8")
        until(lambda: "watch: ingest failed" in server.output())
        still = pages(server.get)
        healthz = json.loads(server.get("/healthz")[2])
        changes_page = server.get("/changes")[2].decode()
    log = server.output()
    assert (still, IndexStore(index).current()) == ([("pharmacies", "74")], served)
    why = f"{config}: 1 problem; nothing was changed: roles (line 398): duplicate key (first on line 241)"
    assert f"watch: ingest failed (exit code 2): {why}; the last good index is still served" in log
    status = last_status(index)
    assert status is not None
    assert (status.ok, status.message) == (False, why)
    assert json.loads((index / STATUS_FILE).read_text())["ok"] is False
    assert healthz["status"] == "ok" and healthz["index"] == served.name  # type: ignore[union-attr]
    assert healthz["last_ingest"] == {"at": status.at, "ok": False, "message": status.message}
    assert (
        f"The toolkit's newest files could not be indexed (at {status.at[:16].replace('T', ' ')} UTC): "
        f"{escape(status.message)} Searches still answer from the edition below"
    ) in changes_page


def test_ingest_watch_waits_for_an_ingest_started_by_hand_and_stops_on_sigterm(tmp_path: Path) -> None:
    pdfs, index = tmp_path / "pdfs", tmp_path / "index"
    shutil.copytree(SAMPLE_PDFS, pdfs)
    place = Place(SAMPLE_CONFIG, pdfs, index)
    command = [sys.executable, "-m", "pipeline", *place.args("ingest", "--watch", "--settle", "1")]
    log = tmp_path / "watch.log"
    with IndexStore(index).lock(wait=False), log.open("wb") as out:  # as `cse-toolkit ingest` holds it
        watcher = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, cwd=REPO)
        deadline = time.monotonic() + 30
        while "watch: started; ingesting" not in log.read_text():
            assert time.monotonic() < deadline and watcher.poll() is None, log.read_text()
            time.sleep(0.1)
        time.sleep(2)
        held = (IndexStore(index).current(), "ingest done" in log.read_text())
    deadline = time.monotonic() + 60
    while "watch: ingest done" not in log.read_text():
        assert time.monotonic() < deadline and watcher.poll() is None, log.read_text()
        time.sleep(0.1)
    watcher.send_signal(signal.SIGTERM)
    code = watcher.wait(20)
    lines = log.read_text().splitlines()
    assert held == (None, False)
    assert IndexStore(index).current() is not None
    assert (code, lines[-1]) == (0, "watch: stopped")
    assert lines[2].startswith("ingest: Indexed 9 chapters, 48 sections, 128 pages in ")


def test_a_failed_ingest_says_what_the_problems_are() -> None:
    """The reason a failed ingest gives the log, /healthz and the changes page names the
    config's problems, not only the line announcing them (the first three, and how many more)."""
    from pipeline.ingest.watch import reason

    said = "error: toolkit.yaml: 4 problems; nothing was changed:"
    problems = tuple(f"  - chapters[{n}].file (line {n + 3}): 'x{n}.pdf' is not in pdfs" for n in range(4))
    assert reason(Outcome(2, (said, *problems, "Run cse-toolkit ingest again."))) == (
        "toolkit.yaml: 4 problems; nothing was changed: chapters[0].file (line 3): 'x0.pdf' is not in pdfs; "
        "chapters[1].file (line 4): 'x1.pdf' is not in pdfs; chapters[2].file (line 5): 'x2.pdf' is not in "
        "pdfs; and 1 more"
    )
    assert reason(Outcome(2, ("error: another ingest is running",))) == "another ingest is running"


def test_a_failure_shows_until_a_later_ingest_succeeds(tmp_path: Path) -> None:
    from pipeline.ingest.watch import failed_since, record

    record(tmp_path, Outcome(2, ("error: toolkit.yaml: 1 problem; nothing was changed:", "  - roles: oops")))
    status = last_status(tmp_path)
    assert status is not None
    assert (status.ok, status.message) == (False, "toolkit.yaml: 1 problem; nothing was changed: roles: oops")
    assert failed_since(tmp_path, "2000-01-01T00:00:00+00:00") == status  # the index served is older
    assert failed_since(tmp_path, "2999-01-01T00:00:00+00:00") is None  # an ingest by hand came after
    record(tmp_path, Outcome(0, ("Indexed 9 chapters, 48 sections, 128 pages in 2.0 s.",)))
    assert failed_since(tmp_path, "2000-01-01T00:00:00+00:00") is None
