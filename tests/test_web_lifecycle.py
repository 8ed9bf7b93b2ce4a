"""The web server's life: it answers before the first ingest (saying what to do), follows a
newly published index generation by itself, and stops cleanly on SIGTERM."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from urllib.parse import quote

from tests.conftest import SAMPLE_CONFIG, SAMPLE_PDFS, toolkit
from tests.helpers import NEW_SENTENCE, edited_chapter4, write_chapter
from tools.webserver import running_server, start_server


def test_before_the_first_ingest_the_page_says_to_run_it(tmp_path: Path) -> None:
    with running_server(SAMPLE_CONFIG, SAMPLE_PDFS, tmp_path / "index", tmp_path / "logs") as server:
        status, _, body = server.get("/")
    assert (status, "run `cse-toolkit ingest`" in body.decode()) == (503, True)


def test_a_new_generation_is_served_without_a_restart(sample_copy: tuple[Path, Path], tmp_path: Path) -> None:
    pdfs, config = sample_copy
    index = tmp_path / "index"
    assert (
        toolkit("ingest", "--config", str(config), "--pdfs", str(pdfs), "--index", str(index)).exit_code == 0
    )
    query = "/api/search?q=" + quote(f'"{NEW_SENTENCE.rstrip(".")}"')
    with running_server(config, pdfs, index, tmp_path / "logs") as server:
        before = json.loads(server.get(query)[2])["total"]
        write_chapter(edited_chapter4(), pdfs / "chapter-4-health-services.pdf")
        result = toolkit("ingest", "--config", str(config), "--pdfs", str(pdfs), "--index", str(index))
        assert result.exit_code == 0, result.output
        after = json.loads(server.get(query)[2])["results"]
        alive = server.process.poll() is None
    assert (before, [(r["section"], r["page"]) for r in after], alive) == (0, [("pharmacies", "74")], True)


def test_sigterm_stops_the_server_within_seconds(tmp_path: Path) -> None:
    index = tmp_path / "index"
    shutil.copytree(SAMPLE_PDFS, tmp_path / "pdfs")
    server = start_server(SAMPLE_CONFIG, tmp_path / "pdfs", index, tmp_path / "logs")
    server.get("/")
    code = server.stop(timeout=20)  # killed (and so not 0) if it had not stopped by then
    assert (code, server.stdout.read_text().rstrip().endswith("Stopped.")) == (0, True)


def test_behind_a_web_server_links_carry_the_url_prefix(sample_index: Path, tmp_path: Path) -> None:
    index = tmp_path / "index"
    shutil.copytree(sample_index, index, symlinks=True)
    with running_server(
        SAMPLE_CONFIG, SAMPLE_PDFS, index, tmp_path / "logs", "--url-prefix", "/cse"
    ) as server:
        status, _, body = server.get("/cse/search?q=pharmacies&role=pharmacist")
    assert (status, b'href="/cse/files/' in body, b'href="/files/' in body) == (200, True, False)


def test_a_config_edit_reaches_every_pack_at_once(sample_copy: tuple[Path, Path], tmp_path: Path) -> None:
    """Issue 25 item 12: after the MASH number was edited, the pharmacist's pack (made
    before) kept the old number while the GP's (made after) had the new one."""
    pdfs, config = sample_copy
    index = tmp_path / "index"
    assert (
        toolkit("ingest", "--config", str(config), "--pdfs", str(pdfs), "--index", str(index)).exit_code == 0
    )
    with running_server(config, pdfs, index, tmp_path / "logs") as server:
        before = server.get("/packs/pharmacist.md")[2].decode()
        config.write_text(config.read_text(encoding="utf-8").replace("01632 960001", "01632 960999"))
        after = {role: server.get(f"/packs/{role}.md")[2].decode() for role in ("pharmacist", "gp")}
        lists = server.get("/reading")[2].decode()
    assert "01632 960001" in before
    assert {role: ("01632 960999" in text, "01632 960001" in text) for role, text in after.items()} == {
        "pharmacist": (True, False),
        "gp": (True, False),
    }
    assert "Traceback" not in lists
