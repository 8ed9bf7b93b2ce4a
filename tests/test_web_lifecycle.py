"""The web server's life: it answers before the first ingest (saying what to do), follows a
newly published index generation by itself, and stops cleanly on SIGTERM."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from urllib.parse import quote

from tests.conftest import SAMPLE_CONFIG, SAMPLE_PDFS, Place
from tests.helpers import NEW_SENTENCE, chapter4_with_inserted_page, edited_chapter4, write_chapter
from tools.webserver import running_server, start_server


def test_before_the_first_ingest_the_page_says_to_run_it(tmp_path: Path) -> None:
    with running_server(SAMPLE_CONFIG, SAMPLE_PDFS, tmp_path / "index", tmp_path / "logs") as server:
        status, _, body = server.get("/")
    assert (status, "run `cse-toolkit ingest`" in body.decode()) == (503, True)


def test_a_new_generation_is_served_without_a_restart(sample_copy: tuple[Path, Path], tmp_path: Path) -> None:
    pdfs, config = sample_copy
    index = tmp_path / "index"
    assert Place(config, pdfs, index).ingest().exit_code == 0
    query = "/api/search?q=" + quote(f'"{NEW_SENTENCE.rstrip(".")}"')
    with running_server(config, pdfs, index, tmp_path / "logs") as server:
        before = json.loads(server.get(query)[2])["total"]
        write_chapter(edited_chapter4(), pdfs / "chapter-4-health-services.pdf")
        result = Place(config, pdfs, index).ingest()
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
    assert Place(config, pdfs, index).ingest().exit_code == 0
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


def test_a_result_link_keeps_working_after_the_file_is_republished(
    sample_copy: tuple[Path, Path], tmp_path: Path
) -> None:
    """Issue 25 item 11: a result's page, image and PDF links gave 200, then 404 once the
    next ingest published a changed file. People paste them into case notes: now the old
    PDF and image are served as they were while that copy is kept, the old page link says
    the page changed and leads to the same printed page now, and once the copy is gone the
    image and PDF links lead to the file as it is now."""
    pdfs, config = sample_copy
    index = tmp_path / "index"

    def ingest() -> None:
        result = Place(config, pdfs, index).ingest()
        assert result.exit_code == 0, result.output

    ingest()
    with running_server(config, pdfs, index, tmp_path / "logs") as server:
        hit = json.loads(server.get("/api/search?q=pharmacies&role=pharmacist")[2])["results"][0]
        assert (hit["page"], hit["pdf_page"]) == ("74", 20)
        file_id = hit["image_url"].split("/")[2]
        page, image, pdf = f"/page/{file_id}/20", hit["image_url"], hit["pdf_url"].split("#")[0]
        old_pdf = server.get(pdf)[2]
        write_chapter(chapter4_with_inserted_page(), pdfs / "chapter-4-health-services.pdf")
        ingest()  # a page inserted before it: the Pharmacies page is now p. 75, PDF page 21

        changed = server.get(page)
        onward = re.search(
            r'href="(/page/[0-9a-f]{16}/21)">See this page as it is now: printed page 75<',
            changed[2].decode(),
        )
        kept = (server.get(image)[0:3:2], server.get(pdf))
        assert onward is not None, changed[2].decode()
        now = server.get(onward.group(1))

        write_chapter(edited_chapter4(), pdfs / "chapter-4-health-services.pdf")
        ingest()  # the first version's copy is no longer kept
        image_later, pdf_later = server.get(image), server.get(pdf)

    assert changed[0] == 200 and "indexed on" in changed[2].decode()
    assert (kept[0][0], kept[0][1][:8], kept[1][0], kept[1][2] == old_pdf) == (
        200,
        b"\x89PNG\r\n\x1a\n",
        200,
        True,
    )
    assert (now[0], "Pharmacies" in now[2].decode()) == (200, True)
    assert (image_later[0], image_later[1]["location"].startswith("/image/")) == (302, True)
    assert (pdf_later[0], pdf_later[1]["location"].startswith("/files/")) == (302, True)
    assert "/image/" + file_id not in image_later[1]["location"]
