"""The web page (`cse-toolkit serve`) over real HTTP: the server runs as a subprocess on a
free port, against a copy of the sample index, and every answer is checked on the wire."""

from __future__ import annotations

import http.client
import io
import json
import re
import shutil
import socket
from collections.abc import Callable, Iterator
from html import unescape
from pathlib import Path
from urllib.parse import quote

import pytest
from click.testing import Result
from PIL import Image

from pipeline.web.pages import MARK_EDGE
from tests.conftest import SAMPLE_CONFIG, SAMPLE_PDFS, corpus_dir
from tools.sample_text import CHAPTERS, SUBHEADING_PREFIX
from tools.webserver import Server, start_server

PHARMACIES_FILE = "chapter-4-health-services.pdf"


@pytest.fixture(scope="module")
def server(sample_index: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """One server for the module, on its own copy of the sample index (it writes renderings there)."""
    root = tmp_path_factory.mktemp("web")
    index = root / "index"
    shutil.copytree(sample_index, index, symlinks=True)
    running = start_server(SAMPLE_CONFIG, SAMPLE_PDFS, index, root / "logs")
    yield running
    running.stop()


def api(server: Server, query: str) -> tuple[int, dict[str, object]]:
    status, _, body = server.get(f"/api/search?{query}")
    return status, json.loads(body)


def html(server: Server, path: str) -> str:
    return server.get(path)[2].decode("utf-8")


def first_pharmacies(server: Server) -> dict[str, object]:
    _, payload = api(server, "q=pharmacies&role=pharmacist")
    results = payload["results"]
    assert isinstance(results, list)
    return dict(results[0])


# ----------------------------------------------------------------------------- start-up
def test_startup_line_names_the_loopback_url(server: Server) -> None:
    assert server.url == f"http://127.0.0.1:{server.port}/"


def test_listens_on_loopback_only(server: Server) -> None:
    """Bound to 127.0.0.1 itself, so even another loopback address is refused."""
    with (
        pytest.raises(ConnectionRefusedError),
        socket.create_connection(("127.0.0.2", server.port), timeout=5),
    ):
        pass


def test_listening_socket_is_bound_to_127_0_0_1(server: Server) -> None:
    listening = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        if not Path(table).exists():
            continue
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, port = local.rsplit(":", 1)
            if state == "0A" and int(port, 16) == server.port:  # 0A: LISTEN
                listening.add(address)
    if not listening:
        pytest.skip("/proc/net/tcp is not readable here")
    assert listening == {"0100007F"}  # 127.0.0.1, little-endian hex


# -------------------------------------------------------------------------------- API
def test_api_is_the_cse_search_json_object_plus_two_urls(
    server: Server, cse_search: Callable[..., Result]
) -> None:
    cli = json.loads(cse_search("pharmacies", "--role", "pharmacist", "--json").output)
    _, payload = api(server, "q=pharmacies&role=pharmacist")
    results = payload.pop("results")
    assert isinstance(results, list)
    without_urls = [{k: v for k, v in r.items() if k not in ("pdf_url", "image_url")} for r in results]
    assert {**payload, "results": without_urls} == cli


def test_api_results_each_have_pdf_and_image_urls(server: Server) -> None:
    _, payload = api(server, "q=consent")
    results = payload["results"]
    assert isinstance(results, list) and results
    assert all({"pdf_url", "image_url"} <= set(r) for r in results)


def test_api_first_hit_is_pharmacies_on_printed_page_74(server: Server) -> None:
    hit = first_pharmacies(server)
    assert (hit["section"], hit["page"], hit["pdf_page"]) == ("pharmacies", "74", 20)


def test_pdf_url_ends_with_the_pdf_page(server: Server) -> None:
    assert str(first_pharmacies(server)["pdf_url"]).endswith("#page=20")


def test_pdf_url_serves_the_ingested_pdf_bytes(server: Server) -> None:
    path = str(first_pharmacies(server)["pdf_url"]).split("#")[0]
    status, headers, body = server.get(path)
    assert (status, headers["content-type"], body) == (
        200,
        "application/pdf",
        (SAMPLE_PDFS / PHARMACIES_FILE).read_bytes(),
    )


def test_image_url_is_a_png(server: Server) -> None:
    status, headers, body = server.get(str(first_pharmacies(server)["image_url"]))
    assert (status, headers["content-type"], body[:8]) == (200, "image/png", b"\x89PNG\r\n\x1a\n")


def _mark_pixels(png: bytes) -> int:
    data = Image.open(io.BytesIO(png)).convert("RGB").tobytes()
    edge = bytes(MARK_EDGE)
    return sum(1 for i in range(0, len(data), 3) if data[i : i + 3] == edge)


def test_page_image_marks_the_matched_words(server: Server) -> None:
    """The same page with the query has marks drawn on it; without the query it has none."""
    image_url = str(first_pharmacies(server)["image_url"])
    marked = server.get(image_url)[2]
    plain = server.get(image_url.split("?")[0])[2]
    assert (_mark_pixels(marked) > 200, _mark_pixels(plain)) == (True, 0)


def test_a_page_in_black_and_white_is_a_greyscale_png_of_the_same_pixels() -> None:
    """A page image is kept as PDFium draws it; one with no colour is encoded with one
    channel (half the time and bytes), and a page in colour keeps its three."""
    import pypdfium2 as pdfium

    from pipeline.web.renderer import _draw, page_scale

    pdf = corpus_dir("readable") / "pdfminer__dmca.pdf"  # page 1 has colour, page 2 has none
    modes, same = [], []
    for number in (1, 2):
        png = Image.open(io.BytesIO(_draw(str(pdf), number)))
        page = pdfium.PdfDocument(str(pdf))[number - 1]
        drawn = page.render(scale=page_scale(*page.get_size())).to_pil().convert("RGB")
        modes.append(png.mode)
        same.append(png.convert("RGB").tobytes() == drawn.tobytes())
    assert (modes, same) == (["RGB", "L"], [True, True])


def test_a_pdf_replaced_on_disk_is_drawn_as_it_is_now(tmp_path: Path) -> None:
    """A worker keeps the last few PDFs open between jobs; a file replaced under the same
    name (a republished chapter) is opened again, not drawn from the old one."""
    from pipeline.web.renderer import _draw

    pdf = tmp_path / "chapter.pdf"
    drawn = []
    for source in ("chapter-1-understanding-cse.pdf", "chapter-4-health-services.pdf"):
        shutil.copyfile(SAMPLE_PDFS / source, tmp_path / "next.pdf")
        (tmp_path / "next.pdf").replace(pdf)
        drawn.append(_draw(str(pdf), 1))
    expected = [
        _draw(str(SAMPLE_PDFS / name), 1)
        for name in ("chapter-1-understanding-cse.pdf", "chapter-4-health-services.pdf")
    ]
    assert (drawn == expected, drawn[0] != drawn[1]) == (True, True)


def _marks_url(server: Server, query: str = "pharmacies", width: str = "800") -> str:
    page = str(first_pharmacies(server)["image_url"]).split("/image/")[1].split(".png")[0]
    return f"/marks/{page}.png?q={query}&width={width}"


@pytest.mark.parametrize("width", [400, 800, 1200])
def test_the_marked_lines_are_drawn_at_the_width_asked_for(server: Server, width: int) -> None:
    """A phone asks for the crop at its pixel ratio, and gets exactly that many pixels, drawn
    by PDFium at that size (issue 23, item 2)."""
    status, headers, body = server.get(_marks_url(server, width=str(width)))
    image = Image.open(io.BytesIO(body))
    assert (status, headers["content-type"], headers["cache-control"], image.width) == (
        200,
        "image/png",
        "no-store",
        width,
    )
    assert 0.1 < image.height / image.width < 0.8  # a few lines, not the page
    assert _mark_pixels(body) > 200


@pytest.mark.parametrize("width", ["0", "119", "1601", "99999", "-5", "1e3", ""])
def test_the_marked_lines_width_is_bounded_in_pixels(server: Server, width: str) -> None:
    status, _, body = server.get(_marks_url(server, width=width))
    assert (status, "width must be a whole number of pixels from 120 to 1600" in body.decode()) == (400, True)


def test_the_marked_lines_of_a_page_without_a_match_are_404(server: Server) -> None:
    assert server.get(_marks_url(server, query="zymurgy"))[0] == 404


def test_api_unknown_role_is_400_listing_the_valid_roles(server: Server) -> None:
    status, payload = api(server, "q=consent&role=astronaut")
    valid = payload["valid"]
    assert (status, str(payload["error"]).startswith("unknown role 'astronaut'"), "pharmacist" in valid) == (  # type: ignore[operator]
        400,
        True,
        True,
    )


def test_api_role_may_be_named_by_alias(server: Server) -> None:
    _, payload = api(server, "q=consent&role=chemist")
    assert payload["role"] == "pharmacist"


@pytest.mark.parametrize(
    ("params", "role", "audience"),
    [
        ("", None, None),
        ("&role=police", "police", "police"),
        ("&role=social%20worker", None, "social-care"),
        ("&audience=hospitality", None, "hospitality"),
    ],
)
def test_api_says_whose_reading_was_applied(
    server: Server, params: str, role: str | None, audience: str | None
) -> None:
    _, payload = api(server, "q=consent" + params)
    assert (payload["role"], payload["audience"]) == (role, audience)


def test_api_empty_query_is_400(server: Server) -> None:
    status, payload = api(server, "q=")
    assert (status, "error" in payload) == (400, True)


def test_api_query_too_long_is_400(server: Server) -> None:
    status, payload = api(server, "q=" + "word+" * 400)
    assert (status, str(payload["error"]).startswith("query too long")) == (400, True)


def test_api_operators_alone_are_400_with_a_message(server: Server) -> None:
    status, payload = api(server, "q=AND+OR")
    assert (status, str(payload["error"]).startswith("nothing to search for")) == (400, True)


def test_api_unknown_chapter_is_400(server: Server) -> None:
    status, _ = api(server, "q=consent&chapter=99")
    assert status == 400


def test_api_unknown_path_is_404_json(server: Server) -> None:
    status, headers, body = server.get("/api/nothing")
    assert (status, headers["content-type"], json.loads(body)["status"]) == (404, "application/json", 404)


# ------------------------------------------------------------------------ the page
def test_home_has_a_labelled_query_box(server: Server) -> None:
    page = html(server, "/")
    assert re.search(
        r'<label for="q">[^<]+</label>\s*<div class="query-row">\s*<input type="search" id="q" name="q"', page
    )


def test_role_picker_has_ids_as_values_and_titles_as_labels(server: Server) -> None:
    assert '<option value="pharmacist">Pharmacies</option>' in html(server, "/")


def test_role_picker_groups_every_reader_under_their_audience(server: Server) -> None:
    """Teachers, licensing officers, hotel staff, police, parents and young people can pick
    themselves, each under the audience the board names (issue 23, item 3)."""
    picker = html(server, "/").split('<select id="role"')[1].split("</select>")[0]
    groups = {
        label: re.findall(r'<option value="([^"]+)"', body)
        for label, body in re.findall(r'<optgroup label="([^"]+)">(.*?)</optgroup>', picker, re.S)
    }
    assert {label.split(" (")[0]: roles for label, roles in groups.items() if "Health" not in label} == {
        "Social Care": [
            "child-in-need",
            "looked-after-children",
            "early-help",
            "uasc",
            "leaving-care",
            "foster-carer",
            "residential-care",
        ],
        "Education": ["teacher", "designated-safeguarding-lead", "college-staff"],
        "District Councils": ["taxi-licensing", "housing-officer", "community-safety"],
        "The Hospitality Industry": ["hotel-staff", "licensed-premises", "takeaway-staff"],
        "Police": ["police"],
        "Parents and Carers": ["parent"],
        "Children and Young People": ["young-person"],
    }


def test_title_is_the_boards_from_the_config(server: Server) -> None:
    assert "<title>Tackling Child Sexual Exploitation Toolkit (sample)</title>" in html(server, "/")


def test_search_page_cites_section_and_printed_page(server: Server) -> None:
    page = html(server, "/search?q=pharmacies&role=pharmacist")
    first = page.split('<li class="hit">')[1]
    assert re.search(
        r"Pharmacies</a></h2>\s*<p class=\"cite\">Chapter 4: Health Services · "
        r"<span class=\"printed\">printed page 74</span>",
        first,
    )


def test_search_page_marks_the_matches_in_the_snippet(server: Server) -> None:
    page = html(server, "/search?q=pharmacies&role=pharmacist")
    assert "<mark>pharmacies</mark>" in page


def test_a_heading_in_a_snippet_keeps_a_line_of_its_own_as_in_the_cli(
    server: Server, cse_search: Callable[..., Result]
) -> None:
    """The web page breaks the snippet where `cse-search` starts a new line (issue 23, item 8):
    "…messages. Health assessments School nurses…" ran the heading into the text."""
    page = html(server, "/search?q=older+boyfriend&role=school-nurse")
    snippet = page.split('<p class="snippet">')[1].split("</p>")[0]
    web_lines = [re.sub(r"</?mark>", "", line) for line in snippet.split("<br>")]
    cli = cse_search("older boyfriend", "--role", "school-nurse", "--limit", "1").stdout
    cli_lines = [line.strip() for line in cli.splitlines()[5:]]
    assert (web_lines[1:], web_lines) == (
        ["Health assessments", "School nurses complete or contribute to review …"],
        cli_lines,
    )


def test_search_page_says_a_page_is_listed_as_more_of_the_section(server: Server) -> None:
    """The first result's section's pages the search did not match are marked as such on
    the web page, as on the CLI (`read_on`)."""
    page = html(server, "/search?q=can+we+put+her+on+a+reduced+timetable&role=designated-safeguarding-lead")
    hits = page.split('<li class="hit">')[1:]
    note = '<p class="read-on">More of Attendance and missing education: this page did not match your search.</p>'
    assert [note in hit for hit in hits[:8]] == [False] * 5 + [True] * 3
    assert "printed page 46" in hits[5]


def test_search_page_keeps_the_role_in_the_form(server: Server) -> None:
    page = html(server, "/search?q=pharmacies&role=chemist")  # an alias: the id is selected
    assert '<option value="pharmacist" selected>Pharmacies</option>' in page


def test_search_page_links_the_pdf_at_its_page(server: Server) -> None:
    page = html(server, "/search?q=pharmacies&role=pharmacist")
    assert re.search(r'href="/files/[0-9a-f]{16}\.pdf#page=20">Open the PDF at page 74</a>', page)


def _page_view(server: Server) -> str:
    page = html(server, "/search?q=pharmacies&role=pharmacist")
    view = re.search(r'href="(/page/[0-9a-f]{16}/20\?[^"]*)">See page 74 with your words marked</a>', page)
    assert view is not None
    return html(server, view.group(1).replace("&amp;", "&"))


def test_search_page_links_the_page_view_with_the_search(server: Server) -> None:
    page = html(server, "/search?q=pharmacies&role=pharmacist")
    assert re.search(
        r'href="/page/[0-9a-f]{16}/20\?q=pharmacies&amp;role=pharmacist">See page 74 with your words marked</a>',
        page,
    )


def test_page_view_draws_the_marks_over_the_pages_own_image(server: Server) -> None:
    """The page's image is the one every search shares (no query in its link, drawn once);
    the matches are boxes over it, where the image with the matches drawn in has them."""
    view = _page_view(server)
    image = re.search(r'<img src="(/image/[0-9a-f]{16}/20\.png)"', view)
    rects = [
        tuple(map(int, r))
        for r in re.findall(r'<rect x="(\d+)" y="(\d+)" width="(\d+)" height="(\d+)"/>', view)
    ]
    matches = re.search(r"(\d+) match(?:es)? for", view)
    assert image is not None and matches is not None
    marked = Image.open(io.BytesIO(server.get(image.group(1) + "?q=pharmacies")[2])).convert("RGB")
    corners = {marked.getpixel((x, y)) for x, y, _, _ in rects}
    assert (len(rects) >= int(matches.group(1)) > 0, corners) == (True, {MARK_EDGE})


def test_page_view_leads_back_to_the_same_search(server: Server) -> None:
    assert '<a href="/search?q=pharmacies&amp;role=pharmacist">Back to the search</a>' in _page_view(server)


def test_did_you_mean_offers_the_correction_of_a_quoted_word(server: Server) -> None:
    assert 'Did you mean <a href="/search?q=%22safeguarding%22">&#34;safeguarding&#34;</a>?' in html(
        server, "/search?q=%22safegaurding%22"
    )


def test_a_misspelt_word_is_corrected_and_the_typed_words_are_offered(server: Server) -> None:
    page = html(server, "/search?q=foster+child+went+mising+overnight&role=foster-carer")
    assert (
        "Showing results for <b>foster child went missing overnight</b>; search instead for "
        '<a href="/search?q=foster+child+went+mising+overnight&amp;role=foster-carer&amp;typed=1">'
        "foster child went mising overnight</a>." in page
    )
    typed = html(server, "/search?q=foster+child+went+mising+overnight&role=foster-carer&typed=1")
    assert "Showing results for" not in typed
    assert "No page mentions: mising." in typed


def test_a_page_opened_from_words_searched_as_typed_marks_those_words_not_the_correction(
    server: Server,
) -> None:
    """After "search instead for ...", the page marks the words as typed: "mising" is on no
    page, so "missing" (the correction that was declined) is not marked, in the text or
    over the image, and the page's links keep the search as typed."""
    page = html(server, "/search?q=foster+child+went+mising+overnight&role=foster-carer&typed=1")
    link = re.search(r'<h2><a href="(/page/[0-9a-f]{16}/\d+\?[^"]*)">', page)
    assert link is not None and "typed=1" in link.group(1)
    view = html(server, link.group(1).replace("&amp;", "&"))
    marked = {word.casefold() for word in re.findall(r"<mark>([^<]*)</mark>", view)}
    assert ("missing" in marked, "foster" in marked) == (False, True)
    corrected = html(server, link.group(1).replace("&amp;", "&").replace("&typed=1", ""))
    assert "missing" in {word.casefold() for word in re.findall(r"<mark>([^<]*)</mark>", corrected)}
    # The marks over the page's image are the words as typed too: fewer than with "missing".
    assert len(re.findall("<rect ", view)) < len(re.findall("<rect ", corrected))
    assert re.search(r'<a href="/search\?[^"]*&amp;typed=1">Back to the search</a>', view)


def test_search_page_says_when_the_role_filter_hid_results(server: Server) -> None:
    page = html(server, "/search?q=midwifery&role=pharmacist")
    assert re.search(
        r"\d+ (?:more )?results? outside what Pharmacies reads\. <a href=\"/search\?q=midwifery\">", page
    )


def test_search_page_says_how_a_loose_role_name_was_read(server: Server) -> None:
    page = html(server, "/search?q=consent&role=doctor")
    assert (
        "Note: taking &#39;doctor&#39; as the role gp" in page,
        '<option value="gp" selected>' in page,
    ) == (True, True)


def test_search_page_unknown_role_is_400_with_the_valid_roles(server: Server) -> None:
    status, _, body = server.get("/search?q=consent&role=astronaut")
    assert (status, "<b>pharmacist</b> – Pharmacies" in body.decode()) == (400, True)


def test_xss_query_is_escaped_everywhere(server: Server) -> None:
    attack = '"><script>alert(1)</script><img src=x onerror=alert(2)>'
    bodies = [
        server.get(f"/search?q={quote(attack)}")[2],
        server.get(f"/search?q=consent&role={quote(attack)}")[2],
        server.get(f"/page/0000000000000000/1?q={quote(attack)}")[2],
    ]
    assert not any(b"<script>alert" in body or b"<img src=x" in body for body in bodies)


def test_xss_query_is_echoed_escaped(server: Server) -> None:
    body = html(server, f"/search?q={quote('<script>alert(1)</script>')}")
    assert 'value="&lt;script&gt;alert(1)&lt;/script&gt;"' in body


def test_pages_load_nothing_from_another_host(server: Server) -> None:
    pages = [html(server, p) for p in ("/", "/search?q=consent", "/reading", "/a-z", "/packs")]
    assert not [p for p in pages if re.search(r'(?:src|href|action)="(?:https?:)?//', p)]


# ---------------------------------------------------------------------------- headers
@pytest.mark.parametrize("path", ["/", "/search?q=consent", "/api/search?q=consent", "/nothing-here"])
def test_security_headers_on_every_answer(server: Server, path: str) -> None:
    headers = server.get(path)[1]
    assert (
        "default-src 'none'" in headers["content-security-policy"],
        headers["x-content-type-options"],
        headers["referrer-policy"],
    ) == (True, "nosniff", "no-referrer")


def test_answers_to_a_query_are_not_cached(server: Server) -> None:
    assert server.get("/search?q=consent")[1]["cache-control"] == "no-store"


# ------------------------------------------------------------------------ 404 and safety
@pytest.mark.parametrize(
    "probe",
    [
        "/files/../../etc/passwd",
        "/files/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
        "/files/..%2f..%2fconfig%2ftoolkit.yaml",
        "/files/%252e%252e%252fconfig%252ftoolkit.yaml",
        "/files/chapter-4-health-services.pdf",
        "/files/..%5c..%5cconfig%5ctoolkit.yaml.pdf",
        "/image/..%2F..%2Fetc%2Fpasswd/1.png",
        "/page/%2e%2e/1",
        "/static/../app.py",
        "/static/%2e%2e/app.py",
        "/static/..%2f..%2fcli.py",
        "/packs/..%2f..%2fetc%2fpasswd.pdf",
        "/packs/pharmacist.yaml",
        "//etc/passwd",
    ],
)
def test_path_traversal_probes_are_404(server: Server, probe: str) -> None:
    status, _, body = server.get(probe)
    assert (status, b"root:" in body, b"chapters:" in body) == (404, False, False)


def test_unknown_file_id_is_404(server: Server) -> None:
    assert server.get("/files/0123456789abcdef.pdf")[0] == 404


def test_page_beyond_the_file_is_404(server: Server) -> None:
    path = str(first_pharmacies(server)["image_url"]).split("/20.png")[0] + "/999.png"
    assert server.get(path)[0] == 404


def test_errors_never_show_a_traceback(server: Server) -> None:
    bodies = [server.get(p)[2] for p in ("/nothing", "/api/search?q=", "/page/zzz/1", "/search?q=%00")]
    assert not [b for b in bodies if b"Traceback" in b or b'File "' in b]


def test_method_other_than_get_is_405(server: Server) -> None:
    connection = http.client.HTTPConnection(server.host, server.port, timeout=10)
    connection.request("POST", "/api/search?q=consent", body=b"")
    assert connection.getresponse().status == 405


# ------------------------------------------------------------ reading lists, A to Z, packs
def test_reading_list_links_the_roles_own_section_first_page(server: Server) -> None:
    page = html(server, "/reading")
    role = page.split('id="role-pharmacist"')[1].split("</section>")[0]
    assert re.search(
        r'<a href="/page/[0-9a-f]{16}/20">Pharmacies</a>\s*<span class="cite">Chapter 4: '
        r"Health Services, p\. 74 · <a href=\"/files/[0-9a-f]{16}\.pdf#page=20\">PDF",
        role,
    )


def a_to_z(server: Server) -> dict[str, tuple[str, list[int]]]:
    """The A to Z as term -> (what its line says, its printed pages in the order listed)."""
    entries: dict[str, tuple[str, list[int]]] = {}
    for term, said in re.findall(r"<dt>(.*?)</dt>\s*<dd>(.*?)</dd>", html(server, "/a-z"), re.S):
        name = re.sub(r"<[^>]+>", "", term).replace("&amp;", "&").strip()
        assert name not in entries, f"{name} is in the A to Z twice"
        head = said.split('<ul class="under">')[0]
        pages = [int(p) for p in re.findall(r">p\.\u00a0(\d+)</a>", head)]
        entries[name] = (" ".join(re.sub(r"<[^>]+>", " ", said).replace("&amp;", "&").split()), pages)
    return entries


def test_a_to_z_files_each_concept_once_and_its_other_names_as_see(server: Server) -> None:
    """Issue 23, item 7: CAMHS, its long form and its plural were three entries with the
    same pages; A&E, accident and emergency and emergency department likewise."""
    entries = a_to_z(server)
    seen = {term: said for term, (said, _) in entries.items() if said.startswith("see ")}
    assert {
        t: s for t, s in seen.items() if t.startswith(("A&E", "Emergency department", "Child and adolescent"))
    } == {
        "A&E": "see Accident & Emergency",
        "Child and adolescent mental health service": "see CAMHS",
        "Emergency department": "see Accident & Emergency",
    }
    assert (entries["CAMHS"][1], entries["Accident & Emergency"][1][0]) == ([27, 67, 68, 69], 70)


def test_a_to_z_lists_pages_in_reading_order(server: Server) -> None:
    disorder = {term: pages for term, (_, pages) in a_to_z(server).items() if pages != sorted(set(pages))}
    assert disorder == {}


def test_a_to_z_has_the_topics_a_reader_looks_up_in_the_toolkits_words(server: Server) -> None:
    entries = a_to_z(server)
    assert entries["Alcohol and drugs"] == ("Signs to look out for – p. 113", [113])
    assert entries["Missing"][0] == (
        "Attendance and missing education – p. 44 Children missing education – p. 46 Going missing – p. 89 "
        "Missing from care – p. 82 Missing from residential care – p. 96 Return after a missing episode – p. 47"
    )
    assert [entries[t][0].split(" – ")[0] for t in ("Consent", "Online")] == [
        "Healthy relationships",
        "Online and offline together",
    ]


def test_pack_pdf_downloads(server: Server) -> None:
    status, headers, body = server.get("/packs/pharmacist.pdf")
    assert (status, headers["content-type"], body[:5]) == (200, "application/pdf", b"%PDF-")


def test_pack_markdown_cites_the_printed_page(server: Server) -> None:
    status, _, body = server.get("/packs/pharmacist.md")
    assert (status, "74" in body.decode()) == (200, True)


def test_pack_html_downloads(server: Server) -> None:
    status, headers, body = server.get("/packs/pharmacist.html")
    assert (status, headers["content-type"].split(";")[0], headers["content-disposition"].split(";")[0]) == (
        200,
        "text/html",
        "attachment",
    )


def test_unknown_pack_is_404(server: Server) -> None:
    assert server.get("/packs/astronaut.pdf")[0] == 404


# ----------------------------------------------------------------------- privacy, stop
def test_query_text_is_never_logged_nor_written(server: Server, tmp_path: Path) -> None:
    canary = "zanzibarcanary"
    for path in (
        f"/search?q={canary}",
        f"/api/search?q={canary}",
        f"/search?q=consent+{canary}&role=pharmacist",
    ):
        server.get(path)
    index = Path(server.stdout).parent.parent / "index"
    written = [p for p in index.rglob("*") if p.is_file() and canary.encode() in p.read_bytes()]
    assert (canary in server.output(), written) == (False, [])


def test_access_log_names_the_route_without_the_query(server: Server) -> None:
    server.get("/search?q=consent")
    assert "GET /search 200" in server.output()


def test_concurrent_searches_each_get_their_own_answer(server: Server) -> None:
    """Many threads of the server search at once; every answer is the one asked for."""
    from concurrent.futures import ThreadPoolExecutor

    queries = ["q=pharmacies&role=pharmacist", "q=midwifery", "q=grooming&limit=3", "q=A%26E", "q=consent"]
    expected = {q: api(server, q)[1] for q in queries}
    with ThreadPoolExecutor(max_workers=16) as pool:
        answers = list(pool.map(lambda q: (q, api(server, q)), queries * 8))
    assert [q for q, (status, payload) in answers if status != 200 or payload != expected[q]] == []


def test_a_page_without_a_printed_number_is_named_as_the_cli_cites_it() -> None:
    from pipeline.web.links import printed

    assert printed("57+1") == "unnumbered page after p. 57"


def test_a_url_longer_than_the_bound_is_refused(server: Server) -> None:
    assert server.get("/search?q=" + "a" * 20_000)[0] == 431


def test_search_page_names_the_words_no_page_holds(server: Server) -> None:
    page = html(server, "/search?q=she+is+skulking+outside+the+takeaway+with+older+boys")
    assert '<p class="notice">No page mentions: skulking.</p>' in page


# ------------------------------------------------- issue 25: hostile requests, round 3
@pytest.mark.parametrize(
    "path",
    [
        "/api/search?q=consent&limit=²",
        "/search?q=consent&limit=%D9%A3",
        "/search?q=consent&limit=" + "9" * 5000,
    ],
)
def test_a_limit_in_other_digits_is_400(server: Server, path: str) -> None:
    """Item 8: `limit=²` passed str.isdigit() and failed int(): a 500 and a logged
    traceback for any visitor."""
    status, _, body = server.get(path.replace("²", "%C2%B2"))
    assert (status, b"limit must be a whole number" in body) == (400, True)
    assert "Traceback" not in server.output() and "unexpected" not in server.output()


def raw_get(server: Server, path: str, host: str) -> tuple[int, dict[str, str]]:
    """GET with any Host header (http.client would send the real one)."""
    connection = http.client.HTTPConnection(server.host, server.port, timeout=30)
    try:
        connection.putrequest("GET", path, skip_host=True)
        connection.putheader("Host", host)
        connection.endheaders()
        response = connection.getresponse()
        response.read()
        return response.status, {name.lower(): value for name, value in response.getheaders()}
    finally:
        connection.close()


@pytest.mark.parametrize(
    ("path", "target"),
    [("/static//style.css", "/static/style.css"), ("/page//0000000000000000/1", "/page/0000000000000000/1")],
)
def test_a_redirect_never_names_the_host_the_request_gave(server: Server, path: str, target: str) -> None:
    """Item 4: `Host: evil.example` built the slash redirect's target
    (308 to http://evil.example/static/style.css): a redirect is a path on this site."""
    status, headers = raw_get(server, path, "evil.example")
    assert (status, headers["location"]) == (308, target)


def test_a_width_in_other_digits_is_400(server: Server) -> None:
    """Item 8's kind: `width=²` on the enlarged marks passed str.isdigit() and failed int()."""
    image = str(first_pharmacies(server)["image_url"]).replace("/image/", "/marks/")
    status, _, body = server.get(f"{image}?q=pharmacies&width=%C2%B2")
    assert (status, b"width must be a whole number" in body) == (400, True)


def test_the_page_views_text_keeps_the_paragraphs_and_leaves_out_the_running_header_and_footer(
    server: Server,
) -> None:
    hit = first_pharmacies(server)
    page = html(server, str(hit["pdf_url"]).replace("/files/", "/page/").replace(".pdf#page=", "/"))
    text = page[page.index('<section class="page-text"') :]
    text = text[: text.index("</section>")]
    shown = [
        (" ".join(unescape(re.sub(r"<[^>]+>", "", body)).split()), bool(heading))
        for heading, body in re.findall(r'<p( class="heading")?>(.*?)</p>', text, re.S)
    ]
    section = next(s for c in CHAPTERS for s in c.sections if s.id == "pharmacies")
    written = [("Pharmacies", True)] + [
        (p.removeprefix(SUBHEADING_PREFIX), p.startswith(SUBHEADING_PREFIX)) for p in section.pages[0]
    ]
    assert shown == written


def test_every_page_gives_the_boards_contacts_with_phone_links(server: Server) -> None:
    home = html(server, "/")
    footer = home[home.index('<footer class="site">') :]
    assert '<a href="tel:01632960001">01632 960001</a>' in footer
    assert '<a href="tel:01632960002">01632 960002</a>' in footer
    assert '<a href="tel:999">999</a> in an emergency, otherwise <a href="tel:101">101</a>' in footer
    assert "MASH (front door)" in footer and "sample number; weekdays 9am to 5pm" in footer


def test_when_nothing_is_found_the_page_says_whom_to_call(server: Server) -> None:
    page = html(server, "/search?q=zymurgy")
    main = page[page.index("<main") : page.index("</main>")]
    assert "Nothing was found." in main
    assert '<a href="tel:01632960001">01632 960001</a>' in main


def test_the_accessibility_statement_covers_every_page_in_the_menu(server: Server) -> None:
    page = html(server, "/accessibility")
    menu = re.search(r'<nav aria-label="Main">(.*?)</nav>', page, re.S)
    lead = re.search(r'<p class="lead">(.*?)</p>', page, re.S)
    assert menu is not None and lead is not None
    named = re.findall(r">([^<>]+)</a>", menu.group(1))
    assert "What changed" in named
    assert [name for name in named if name.casefold() not in unescape(lead.group(1)).casefold()] == []
