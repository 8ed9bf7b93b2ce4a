"""Text from a PDF and a PDF's file name reach the web page as text, never as markup: a
real PDF whose words are HTML, under a file name that is HTML, ingested and served."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator

import pytest

from tests.conftest import SAMPLE_CONFIG, SAMPLE_PDFS, Place
from tools.pdfgen import Block, PageSpec, write_pdf
from tools.webserver import Server, start_server

HOSTILE_TEXT = "Zyxhostile <script>alert(1)</script> & <img src=x onerror=alert(2)> \"q\" 'a' zyxhostile."
HOSTILE_NAME = "<b onmouseover=alert(3)>x&y\"z'.pdf"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    root = tmp_path_factory.mktemp("hostile-web")
    pdfs = root / "pdfs"
    shutil.copytree(SAMPLE_PDFS, pdfs)
    write_pdf(pdfs / HOSTILE_NAME, [PageSpec(blocks=(Block("para", HOSTILE_TEXT),))])
    index = root / "index"
    ingested = Place(SAMPLE_CONFIG, pdfs, index).ingest()
    assert ingested.exit_code == 0, ingested.output
    running = start_server(SAMPLE_CONFIG, pdfs, index, root / "logs")
    yield running
    running.stop()


def test_the_snippet_shows_a_pdfs_html_as_text_with_its_matches_marked(server: Server) -> None:
    status, _, body = server.get("/search?q=zyxhostile")
    page = body.decode("utf-8")
    assert status == 200
    hit = page.split('<li class="hit">')[1].split("</li>")[0]
    assert (
        "<mark>Zyxhostile</mark> &lt;script&gt;alert(1)&lt;/script&gt; &amp; "
        "&lt;img src=x onerror=alert(2)&gt; &#34;q&#34; &#39;a&#39; <mark>zyxhostile</mark>."
    ) in hit
    own_script = '<script src="/static/search.js" defer></script>'  # the page's one script, from this host
    assert own_script in page
    assert "<script" not in page.replace(own_script, "") and "<img" not in page and "<b " not in page


def test_the_file_name_is_shown_as_text(server: Server) -> None:
    page = server.get("/search?q=zyxhostile")[2].decode("utf-8")
    hit = page.split('<li class="hit">')[1].split("</li>")[0]
    assert "&lt;b onmouseover=alert(3)&gt;x&amp;y&#34;z&#39;.pdf</a></h2>" in hit


def test_the_api_gives_the_text_and_name_as_they_are(server: Server) -> None:
    status, _, body = server.get("/api/search?q=zyxhostile")
    result = json.loads(body)["results"][0]
    assert status == 200
    assert result["file"] == HOSTILE_NAME
    assert "<script>alert(1)</script>" in result["snippet"]
