"""What changed, on the web (`/changes`, `/api/changes`, `/changes.atom`), and the edition on
the search page and in results: the real server as a subprocess, on a copy of the sample
ingested twice (edition 1; then chapter 4 republished with a page inserted into School
Nurses, dated 6 December 2026 by the config: edition 2). Every answer is read off the wire."""

from __future__ import annotations

import datetime
import json
import re
import shutil
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from urllib.parse import quote, urlsplit

import pytest

from tests.conftest import SAMPLE_CONFIG, SAMPLE_PDFS, Place
from tests.helpers import republish_chapter4
from tools.webserver import Server, start_server

ATOM = "{http://www.w3.org/2005/Atom}"
MIDWIFERY_LINE = "Midwifery"


class Sample(Place):
    def ran(self, *args: str) -> str:
        """What `cse-toolkit` printed, having succeeded."""
        result = self.run(*args)
        assert result.exit_code == 0, result.output
        return result.stdout


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Sample:
    root = tmp_path_factory.mktemp("web-changes")
    shutil.copytree(SAMPLE_PDFS, root / "pdfs")
    shutil.copy(SAMPLE_CONFIG, root / "toolkit.yaml")
    found = Sample.under(root)
    found.ran("ingest")
    republish_chapter4(found.pdfs, found.config)
    found.ran("ingest")
    return found


@pytest.fixture(scope="module")
def server(sample: Sample, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    running = start_server(sample.config, sample.pdfs, sample.index, tmp_path_factory.mktemp("logs"))
    yield running
    running.stop()


def page(server: Server, path: str) -> str:
    status, _, body = server.get(path)
    assert status == 200, (path, status, body[:500])
    return body.decode("utf-8")


def text_of(html: str) -> str:
    """The page's words, tags dropped and spaces collapsed."""
    return " ".join(re.sub(r"<[^>]+>", "", html).split())


def edition_section(html: str, number: int) -> str:
    found = re.search(
        rf'<section class="edition"[^>]*id="edition-{number}-section">(.*?)</section>', html, re.S
    )
    assert found, f"no edition {number} on the page"
    return found.group(1)


# --------------------------------------------------------------------------- the page
def test_the_pharmacist_is_told_pharmacies_moved_with_a_link_to_its_page_now(server: Server) -> None:
    html = page(server, "/changes?role=pharmacist")
    second = edition_section(html, 2)
    assert "Edition 2, 6 December 2026" in text_of(second)
    assert "Chapter 4 republished with a new page for school nurses" in text_of(second)
    assert "Pharmacies: moved from p. 74 to p. 75" in text_of(second)
    assert MIDWIFERY_LINE not in second and "School Nurses" not in second
    link = re.search(r'<a href="([^"]+)">Pharmacies</a>', second)
    assert link is not None
    now = page(server, link.group(1))
    assert "Pharmacies" in now and "printed page 75" in text_of(now)
    assert '<option value="pharmacist" selected>Pharmacies</option>' in html


def test_every_change_without_a_role(server: Server) -> None:
    second = text_of(edition_section(page(server, "/changes"), 2))
    assert "School Nurses (p. 56): changed, 1 line added" in second
    assert "Gynaecology: moved from p. 59 to p. 60" in second
    assert "Files replaced: chapter-4-health-services.pdf" in second
    assert "Introduction to chapter 4" not in second  # untouched


def test_a_foster_carer_is_told_nothing_about_chapter_4(server: Server) -> None:
    html = page(server, "/changes?role=" + quote("Foster Care"))
    assert 'id="edition-2"' not in html
    assert "Edition 1, " in text_of(edition_section(html, 1))
    assert "Health Services" not in html.split("<main", 1)[1]


def test_a_role_read_as_an_audience_is_what_the_picker_shows(server: Server) -> None:
    html = page(server, "/changes?role=" + quote("social worker"))
    assert '<option value="social-care" selected>' in html
    assert '<option value="" selected>' not in html and " selected>Every role" not in html
    assert "What changed for the Social Care" in text_of(html)


def test_the_changes_page_says_the_role_is_remembered(server: Server) -> None:
    html = page(server, "/changes")
    assert 'aria-describedby="role-memory"' in html and 'id="forget-role"' in html
    assert "This browser remembers the role you search with, and nothing else" in text_of(html)


def test_the_page_names_the_current_edition_and_links_its_feed(server: Server) -> None:
    html = page(server, "/changes?role=chemist")
    assert "The toolkit is in its edition 2, of 6 December 2026." in text_of(html)
    assert (
        '<link rel="alternate" type="application/atom+xml" title="What changed for Pharmacies" '
        'href="/changes.atom?role=pharmacist">' in html
    )
    assert 'href="/api/changes?role=pharmacist"' in html


def test_api_changes_is_the_cli_object(server: Server, sample: Sample) -> None:
    for role in ("pharmacist", "foster-carer", ""):
        status, headers, body = server.get(f"/api/changes?role={role}")
        assert (status, headers["content-type"]) == (200, "application/json")
        cli = json.loads(sample.ran("changes", "--json", *(("--role", role) if role else ())))
        assert json.loads(body) == cli
        assert cli["audience"] == {"pharmacist": "health", "foster-carer": "social-care", "": None}[role]


@pytest.mark.parametrize(
    "path", ["/changes?role=plumber", "/api/changes?role=plumber", "/changes.atom?role=plumber"]
)
def test_an_unknown_role_is_400_with_the_valid_ones(server: Server, path: str) -> None:
    status, _, body = server.get(path)
    assert status == 400
    if path.startswith("/api/"):
        payload = json.loads(body)
        assert payload["valid"]["pharmacist"] == "Pharmacies"
        assert "unknown role 'plumber'" in payload["error"]
    else:
        assert "There is no role called “plumber”." in body.decode("utf-8")


@pytest.mark.parametrize(
    ("since", "message"),
    [("9", "there is no edition 9 yet; the latest is edition 2"), ("soon", "give a date as YYYY-MM-DD")],
)
def test_a_bad_since_is_400(server: Server, since: str, message: str) -> None:
    status, _, body = server.get(f"/api/changes?since={since}")
    assert status == 400
    assert message in json.loads(body)["error"]


def test_since_keeps_the_later_editions(server: Server) -> None:
    status, _, body = server.get("/api/changes?since=1")
    assert status == 200
    assert [e["number"] for e in json.loads(body)["editions"]] == [2]


# --------------------------------------------------------------------------- the feed
def parse_feed(server: Server, path: str) -> ET.Element:
    status, headers, body = server.get(path)
    assert (status, headers["content-type"]) == (200, "application/atom+xml; charset=utf-8")
    root = ET.fromstring(body)
    assert root.tag == f"{ATOM}feed"
    return root


def rfc3339(text: str | None) -> datetime.datetime:
    assert text and re.match(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$", text), text
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))


def test_the_feed_is_valid_atom_with_one_entry_per_edition(server: Server) -> None:
    feed = parse_feed(server, "/changes.atom")
    # RFC 4287 4.1.1: a feed has exactly one id, title and updated, an author (or every entry
    # has one), and should link to itself.
    for name in ("id", "title", "updated"):
        assert len(feed.findall(f"{ATOM}{name}")) == 1, name
    assert feed.findtext(f"{ATOM}author/{ATOM}name") == "Sample Local Safeguarding Children Board"
    links = {link.get("rel"): link.get("href") for link in feed.findall(f"{ATOM}link")}
    assert urlsplit(links["self"]).path == "/changes.atom"
    assert urlsplit(links["alternate"]).path == "/changes"
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 2
    ids = [e.findtext(f"{ATOM}id") for e in entries]
    assert len(set(ids)) == 2 and all(urlsplit(i or "").scheme == "http" for i in ids)
    assert [e.findtext(f"{ATOM}title") for e in entries][0] == (
        "Edition 2, 6 December 2026: Chapter 4 republished with a new page for school nurses"
    )
    assert (entries[1].findtext(f"{ATOM}title") or "").startswith("Edition 1, ")
    updated = [rfc3339(e.findtext(f"{ATOM}updated")) for e in entries]
    assert rfc3339(feed.findtext(f"{ATOM}updated")) == max(updated)
    content = entries[0].find(f"{ATOM}content")
    assert content is not None and content.get("type") == "html"
    assert "School Nurses" in (content.text or "") and "moved from p. 74 to p. 75" in (content.text or "")


def test_the_feed_for_a_role_holds_only_its_editions(server: Server) -> None:
    assert len(parse_feed(server, "/changes.atom?role=foster-carer").findall(f"{ATOM}entry")) == 1
    pharmacist = parse_feed(server, "/changes.atom?role=pharmacist")
    entries = pharmacist.findall(f"{ATOM}entry")
    assert len(entries) == 2
    body = entries[0].findtext(f"{ATOM}content") or ""
    assert "Pharmacies" in body and "Midwifery" not in body


# --------------------------------------------------------------------------- search and packs
def test_the_search_page_names_the_edition_and_a_changed_result_says_so(server: Server) -> None:
    home = text_of(page(server, "/"))
    assert "Toolkit edition 2, 6 December 2026 (what changed)" in home
    results = page(server, "/search?q=zymurgy")
    assert "Changed in edition 2 of 6 December 2026" in text_of(results)
    assert '<a href="/changes#edition-2">what changed</a>' in results
    moved_only = page(server, "/search?q=pharmacies&role=pharmacist")
    assert "Changed in edition" not in moved_only


def test_api_search_carries_the_edition_date(server: Server) -> None:
    status, _, body = server.get("/api/search?q=zymurgy")
    assert status == 200
    hit = json.loads(body)["results"][0]
    assert (hit["section"], hit["edition"], hit["edition_number"]) == ("school-nurses", "2026-12-06", 2)


def test_a_pack_from_the_web_names_the_edition_and_is_not_recorded_as_handed_out(
    server: Server, sample: Sample
) -> None:
    status, _, body = server.get("/packs/pharmacist.md")
    assert status == 200
    assert "**Toolkit edition 2, 6 December 2026**" in body.decode("utf-8")
    assert not (sample.index / "packs.json").exists()
