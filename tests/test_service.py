"""Run as a service (issue 27): `/healthz` for monitoring, the page behind a reverse proxy
under a path (`--url-prefix`, end to end with the real server, and through a real nginx
with the example in docs/ when nginx is installed), and the systemd unit in docs/ checked
by `systemd-analyze verify`."""

from __future__ import annotations

import http.client
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from pipeline.engine.index import SCHEMA_VERSION, STAMP
from pipeline.engine.store import IndexStore
from tests.conftest import REPO, SAMPLE_CONFIG, SAMPLE_PDFS, Place
from tools.webserver import Server, running_server

DOCS = REPO / "docs"
PREFIX = "/cse-toolkit"
Get = Callable[[str], tuple[int, dict[str, str], bytes]]


def health(server: Server) -> tuple[int, dict[str, object]]:
    status, headers, body = server.get("/healthz")
    assert headers["content-type"] == "application/json"
    return status, json.loads(body)


# ------------------------------------------------------------------------------ /healthz
def test_healthz_is_503_before_the_first_ingest_and_200_with_the_generation_after(tmp_path: Path) -> None:
    index = tmp_path / "index"
    with running_server(SAMPLE_CONFIG, SAMPLE_PDFS, index, tmp_path / "logs") as server:
        before = health(server)
        assert Place(SAMPLE_CONFIG, SAMPLE_PDFS, index).ingest().exit_code == 0
        after = health(server)
        log = server.output()
    assert before == (
        503,
        {
            "status": "unavailable",
            "reason": "There is no search index yet: run `cse-toolkit ingest` (or `make ingest`) first.",
        },
    )
    manifest = json.loads((IndexStore(index).current() / "manifest.json").read_text())  # type: ignore[operator]
    assert after == (
        200,
        {
            "status": "ok",
            "edition": {"number": 1, "date": manifest["ingested_at"][:10]},
            "generation": 1,
            "index": "gen-000001",
            "ingested_at": manifest["ingested_at"],
            "files": 9,
        },
    )
    assert log.count("GET /healthz 503 ") == 1 and log.count("GET /healthz 200 ") == 1


@pytest.mark.parametrize("trouble", ["an older version's index", "a stamp gone"])
def test_healthz_is_503_when_the_index_cannot_be_read(
    trouble: str, sample_index: Path, tmp_path: Path
) -> None:
    index = tmp_path / "index"
    shutil.copytree(sample_index, index, symlinks=True)
    search = IndexStore(index).search_dir()
    assert search is not None
    if trouble == "a stamp gone":
        (search / STAMP).unlink()
        reason = f"the search index in {search} has no valid stamp ({STAMP}): run `cse-toolkit ingest` to rebuild it"
    else:
        stamp = json.loads((search / STAMP).read_text())
        (search / STAMP).write_text(json.dumps({**stamp, "schema_version": SCHEMA_VERSION - 1}))
        reason = "the search index was built by another version of this tool: run `cse-toolkit ingest` to rebuild it"
    with running_server(SAMPLE_CONFIG, SAMPLE_PDFS, index, tmp_path / "logs") as server:
        assert health(server) == (503, {"status": "unavailable", "reason": reason})


# -------------------------------------------------------------------------- --url-prefix
class Links(HTMLParser):
    """Every URL a page points at: links, forms, images, stylesheets and icons."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[tuple[str, str]] = []  # (attribute, URL)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src", "action") and value is not None:
                self.urls.append((name, value))


def crawl(get: Get, start: str, per_kind: int = 4) -> dict[str, int]:
    """Follow the URLs on this site from `start`, a few of each kind (the first segment of
    the path: search, page, image, files, packs...), returning each path asked for and
    its status; fails on a URL that leaves the site or the prefix."""
    seen: dict[str, int] = {}
    todo = [start]
    taken: dict[str, int] = {}
    while todo:
        path = todo.pop(0)
        status, headers, body = get(path)
        seen[path] = status
        if not headers.get("content-type", "").startswith("text/html") or "attachment" in headers.get(
            "content-disposition", ""
        ):  # a download (an HTML pack links to the board's own site): not a page of this one
            continue
        links = Links()
        links.feed(body.decode("utf-8"))
        for attribute, url in links.urls:
            if url.startswith("tel:"):  # the board's phone numbers (footer): a call, not a page
                continue
            absolute = urlsplit(urljoin(f"http://proxy.example{path}", url))
            assert absolute.netloc == "proxy.example", (path, url)
            assert absolute.path.startswith(PREFIX + "/"), (path, url)
            if attribute == "action":  # a form: submitted with its fields by the start paths
                continue
            target = absolute.path + (f"?{absolute.query}" if absolute.query else "")
            kind = absolute.path.removeprefix(PREFIX).split("/")[1]
            if target in seen or target in todo or taken.get(kind, 0) >= per_kind:
                continue
            taken[kind] = taken.get(kind, 0) + 1
            todo.append(target)
    return seen


def feed_links(body: bytes) -> list[str]:
    return re.findall(r'href="([^"]+)"', body.decode("utf-8"))


def check_prefixed_site(get: Get, origin: str) -> None:
    seen = crawl(get, f"{PREFIX}/")
    seen |= crawl(get, f"{PREFIX}/search?q=pharmacies&role=pharmacist")
    assert {path: status for path, status in seen.items() if status != 200} == {}
    visited = {urlsplit(path).path.removeprefix(PREFIX).split("/")[1] for path in seen}
    assert visited >= {"", "search", "reading", "a-z", "packs", "page", "image", "files", "static"}
    # A redirect stays under the prefix (werkzeug's, for a doubled slash).
    status, headers, _ = get(f"{PREFIX}/static//style.css")
    assert (status, headers.get("location")) == (308, f"{PREFIX}/static/style.css")
    api = json.loads(get(f"{PREFIX}/api/search?q=pharmacies&role=pharmacist")[2])["results"][0]
    assert api["pdf_url"].startswith(f"{PREFIX}/files/") and api["image_url"].startswith(f"{PREFIX}/image/")
    assert json.loads(get(f"{PREFIX}/healthz")[2])["status"] == "ok"
    # The Atom feed's links are absolute: the host and port the visitor used, and the prefix.
    links = feed_links(get(f"{PREFIX}/changes.atom?role=pharmacist")[2])
    assert links and [link for link in links if not link.startswith(f"{origin}{PREFIX}/")] == []


@pytest.fixture
def prefixed(sample_index: Path, tmp_path: Path) -> Iterator[Server]:
    index = tmp_path / "index"
    shutil.copytree(sample_index, index, symlinks=True)
    with running_server(
        SAMPLE_CONFIG, SAMPLE_PDFS, index, tmp_path / "logs", "--url-prefix", PREFIX
    ) as server:
        yield server


def test_every_link_form_image_stylesheet_and_redirect_carries_the_url_prefix(prefixed: Server) -> None:
    check_prefixed_site(prefixed.get, f"http://127.0.0.1:{prefixed.port}")
    status, headers, _ = prefixed.get(PREFIX)  # the prefix alone, without its final slash
    assert (status, headers.get("location")) == (308, f"{PREFIX}/")
    # Behind HTTPS, the proxy on this machine says so, and the feed's links follow.
    connection = http.client.HTTPConnection("127.0.0.1", prefixed.port, timeout=30)
    connection.request("GET", f"{PREFIX}/changes.atom", headers={"X-Forwarded-Proto": "https"})
    links = feed_links(connection.getresponse().read())
    connection.close()
    assert links and all(link.startswith(f"https://127.0.0.1:{prefixed.port}{PREFIX}/") for link in links)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def nginx_binary() -> str:
    found = os.environ.get("CSE_TEST_NGINX") or shutil.which("nginx") or shutil.which("/usr/sbin/nginx")
    if not found:
        pytest.skip("nginx is not installed (apt-get install nginx, or set CSE_TEST_NGINX to its binary)")
    return found


def test_the_nginx_example_serves_the_page_under_its_path(prefixed: Server, tmp_path: Path) -> None:
    nginx = nginx_binary()
    port = free_port()
    site = (DOCS / "nginx-cse-toolkit.conf").read_text(encoding="utf-8")
    assert "http://127.0.0.1:8000;" in site
    (tmp_path / "cse-toolkit.conf").write_text(site.replace(":8000;", f":{prefixed.port};"), encoding="utf-8")
    temp = "\n".join(
        f"  {kind}_temp_path {tmp_path}/{kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    (tmp_path / "nginx.conf").write_text(
        f"""{"user root;" if os.geteuid() == 0 else ""}
worker_processes 1;
pid {tmp_path}/nginx.pid;
error_log {tmp_path}/error.log;
events {{ worker_connections 64; }}
http {{
{temp}
  access_log {tmp_path}/access.log;
  server {{
    listen 127.0.0.1:{port};
    include {tmp_path}/cse-toolkit.conf;
  }}
}}
""",
        encoding="utf-8",
    )
    command = [
        nginx,
        "-p",
        str(tmp_path),
        "-c",
        str(tmp_path / "nginx.conf"),
        "-e",
        str(tmp_path / "error.log"),
    ]
    proxy = subprocess.Popen([*command, "-g", "daemon off;"], stderr=subprocess.PIPE)

    def get(path: str) -> tuple[int, dict[str, str], bytes]:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        try:
            connection.request("GET", path)
            response = connection.getresponse()
            return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
        finally:
            connection.close()

    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                get("/")
                break
            except OSError:
                assert time.monotonic() < deadline and proxy.poll() is None, (
                    tmp_path / "error.log"
                ).read_text()
                time.sleep(0.1)
        check_prefixed_site(get, f"http://127.0.0.1:{port}")
        status, headers, _ = get(PREFIX)
        assert (status, urlsplit(headers["location"]).path) == (301, f"{PREFIX}/")
    finally:
        proxy.terminate()
        proxy.wait(10)
    # The example keeps the search words out of nginx's log; the service logs no query either.
    assert "q=" not in (tmp_path / "access.log").read_text() + prefixed.output()


# ------------------------------------------------------------------------- systemd unit
def test_the_systemd_unit_passes_systemd_analyze_verify(tmp_path: Path) -> None:
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        pytest.skip("systemd-analyze is not installed")
    unit = (DOCS / "cse-toolkit.service").read_text(encoding="utf-8")
    assert "ExecStart=/opt/cse-toolkit/bin/cse-toolkit serve --watch " in unit
    # verify checks that the program exists: this machine's cse-toolkit stands in for /opt's.
    installed = Path(sys.executable).parent / "cse-toolkit"
    assert installed.is_file()
    (tmp_path / "cse-toolkit.service").write_text(
        unit.replace("/opt/cse-toolkit/bin/cse-toolkit", str(installed)), encoding="utf-8"
    )
    result = subprocess.run(
        [analyze, "verify", str(tmp_path / "cse-toolkit.service")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (result.returncode, result.stderr, result.stdout) == (0, "", "")


@pytest.mark.parametrize("given", ["cse-toolkit", "/cse toolkit", "/cse?x=1", "http://intranet/cse"])
def test_a_url_prefix_that_is_not_a_path_is_refused(given: str, tmp_path: Path) -> None:
    result = Place(SAMPLE_CONFIG, SAMPLE_PDFS, tmp_path / "index").run("serve", "--url-prefix", given)
    assert (result.exit_code, result.output) == (
        2,
        f"error: --url-prefix {given!r} is not a path: give the path the web server forwards, "
        "starting with / (such as /cse-toolkit)\n",
    )
