"""The web page under load, for `make bench` (tools/bench.py calls `web_load`); not a test.

N clients (threads, each with its own keep-alive connection) ask `/api/search` one query
after another, with no pause, for a fixed time, against the real `cse-toolkit serve`
running as its own process on the sample toolkit. Half-way through, chapter 4 is
republished (a new sentence in Pharmacies, p74) and `cse-toolkit ingest` runs beside the
load. The report gives requests per second, p50/p95 latency over all requests and over
those during the ingest, failed requests (anything but a 200 with the expected JSON), how
soon the new sentence was served without a restart, and the same query mix searched in
this process for comparison.

It runs twice: as served (the server keeps its recent answers in memory, so the repeated
mix is mostly answered from there), and with that memory off (CSE_WEB_ANSWER_CACHE=0), so
that every request is a real search; the target applies to the first.

At a board's scale (`fresh_load`, called by tools/bench.py for each --scale corpus) the
server answers from the 10,000-page index with every request a new query (no repeats,
CSE_WEB_ANSWER_CACHE=0): 16 clients each asking once a second, each on its own clock (a
random phase within the second, as independent people are), with one chapter republished
and ingested half-way; then the same 16 clients with no pause, for the saturation
throughput. A request's time runs from when it was due, so a client held up by a slow
answer is not excused the wait (no coordinated omission).
"""

from __future__ import annotations

import dataclasses
import http.client
import json
import math
import os
import random
import re
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from tools.make_sample_toolkit import chapter_pages
from tools.pdfgen import write_pdf
from tools.sample_text import CHAPTERS, TOOLKIT_TITLE
from tools.webserver import start_server

CLIENTS = 16
WEB_P95_MS = 50.0
FRESH_P95_MS = 100.0  # every request a fresh query, 16 clients once a second (issue 28)
RENDER_P95_MS = 150.0  # a page image drawn for the first time (issue 28)
RENDERS = 40  # page images asked for, each of a page never drawn before
FRESH_SECONDS = 30.0  # paced load, the republishing ingest starting half-way
FRESH_WARM_UP_SECONDS = 5.0  # the same load before, not counted: each server thread opens its searcher
SATURATION_SECONDS = 10.0  # then 16 clients with no pause
NEW_WORD = "zeppelinbench"  # in the republished Pharmacies page, nowhere else
REPUBLISHED = "chapter-4-health-services.pdf"


@dataclass(frozen=True)
class Sample:
    started: float  # monotonic seconds
    ms: float
    ok: bool


@dataclass(frozen=True)
class LoadResult:
    samples: tuple[Sample, ...]
    seconds: float
    ingest_window: tuple[float, float]  # monotonic start and end of the republishing ingest
    ingest_ok: bool
    new_text_after_s: float | None  # from the ingest's end to the first answer with the new text
    server_restarted: bool
    failures: tuple[str, ...]
    server_cpu_s: float  # CPU time the server process used during the load (user + system)


def percentile(values: Sequence[float], share: float) -> float:
    """Nearest-rank percentile (nan for no values)."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)] if ordered else float("nan")


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (Linux /proc; 0 elsewhere): unlike wall
    time, it does not grow when other programs compete for the cores."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return 0.0


def republish_chapter4(target: Path) -> None:
    """Chapter 4 with one more sentence in Pharmacies (p74), laid out as the sample is."""
    chapter = next(c for c in CHAPTERS if c.number == 4)
    sections = []
    for section in chapter.sections:
        if section.id == "pharmacies":
            first = (*section.pages[0][:-1], section.pages[0][-1] + f" A {NEW_WORD} note was added.")
            section = dataclasses.replace(section, pages=(first, *section.pages[1:]))
        sections.append(section)
    edited = dataclasses.replace(chapter, sections=tuple(sections))
    write_pdf(target, chapter_pages(edited), title=f"{TOOLKIT_TITLE} – {edited.heading}")


def _api_path(query: str, role: str | None) -> str:
    return "/api/search?" + urlencode({"q": query, **({"role": role} if role else {})})


def run_load(
    work: Path,
    queries: Sequence[tuple[str, str | None]],
    seconds: float,
    clients: int = CLIENTS,
    bin_dir: Path = Path(sys.executable).parent,
    say: Callable[[str], None] = print,
    answer_cache: bool = True,
) -> LoadResult:
    pdfs, index = work / "pdfs", work / "index"
    repo = Path(__file__).resolve().parent.parent
    config = repo / "config" / "toolkit.yaml"
    shutil.copytree(repo / "pdfs", pdfs)
    ingest = [
        str(bin_dir / "cse-toolkit"),
        "ingest",
        "--config",
        str(config),
        "--pdfs",
        str(pdfs),
        "--index",
        str(index),
    ]
    subprocess.run(ingest, check=True, capture_output=True)
    server = start_server(
        config, pdfs, index, work / "logs", env={"CSE_WEB_ANSWER_CACHE": "1" if answer_cache else "0"}
    )
    say(
        f"  server {server.url} (pid {server.process.pid}, answer cache {'on' if answer_cache else 'off'}); "
        f"{clients} clients for {seconds:g} s"
    )
    paths = [_api_path(q, r) for q, r in queries]
    samples: list[Sample] = []
    failures: list[str] = []
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds

    def client(number: int) -> None:
        connection = http.client.HTTPConnection(server.host, server.port, timeout=30)
        mine: list[Sample] = []
        turn = number
        while time.monotonic() < stop_at:
            path = paths[turn % len(paths)]
            turn += 1
            started = time.monotonic()
            try:
                connection.request("GET", path)
                response = connection.getresponse()
                body = response.read()
                ok = response.status == 200 and "results" in json.loads(body)
                problem = "" if ok else f"HTTP {response.status}"
            except Exception as exc:  # a failed request is a result here, not a crash
                ok, problem = False, type(exc).__name__
                connection.close()
                connection = http.client.HTTPConnection(server.host, server.port, timeout=30)
            mine.append(Sample(started, (time.monotonic() - started) * 1000, ok))
            if not ok:
                with lock:
                    failures.append(problem)
        connection.close()
        with lock:
            samples.extend(mine)

    began = time.monotonic()
    cpu_before = cpu_seconds(server.process.pid)
    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    time.sleep(seconds / 2 - min(2.0, seconds / 4))
    republish_chapter4(pdfs / REPUBLISHED)
    ingest_started = time.monotonic()
    ingest_run = subprocess.run(ingest, capture_output=True, text=True)
    ingest_ended = time.monotonic()
    new_text_after = None
    while time.monotonic() < stop_at + 10:
        status, _, body = server.get(_api_path(NEW_WORD, None))
        if status == 200 and json.loads(body)["total"] > 0:
            new_text_after = time.monotonic() - ingest_ended
            break
        time.sleep(0.05)
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - began
    cpu_used = cpu_seconds(server.process.pid) - cpu_before
    restarted = server.process.poll() is not None
    server.stop()
    return LoadResult(
        tuple(samples),
        elapsed,
        (ingest_started, ingest_ended),
        ingest_run.returncode == 0,
        new_text_after,
        restarted,
        tuple(failures),
        cpu_used,
    )


def inprocess_p95(
    index: Path, config: Path, queries: Sequence[tuple[str, str | None]], passes: int
) -> tuple[float, float]:
    """The same query mix asked one after another in this process, as the server asks it
    (engine.ask), without HTTP (p50, p95 in ms)."""
    from pipeline.config import load_config
    from pipeline.engine.ask import ask
    from pipeline.engine.store import IndexStore

    store = IndexStore(index)
    toolkit = load_config(config, snapshot=store.current())
    times = []
    for attempt in range(passes + 1):
        for query, role in queries:
            started = time.perf_counter()
            ask(toolkit, store.search_dir(), query, role=role, limit=10)
            if attempt:  # the first pass warms up
                times.append((time.perf_counter() - started) * 1000)
    return percentile(times, 0.5), percentile(times, 0.95)


def web_load(report: Any, work: Path, queries: Sequence[tuple[str, str | None]], seconds: float) -> None:
    """Run the load twice, as served (recent answers kept in memory) and with every
    request searched afresh, and add the figures to the bench report (tools/bench.py)."""
    config = Path(__file__).resolve().parent.parent / "config" / "toolkit.yaml"
    for cached in (True, False):
        folder = work / ("cached" if cached else "uncached")
        folder.mkdir(parents=True)
        result = run_load(
            folder, queries, seconds, say=lambda text: print(text, flush=True), answer_cache=cached
        )
        label = "web" if cached else "web, every request searched afresh"
        _figures(report, label, result, seconds, target=cached)
        if not cached:
            p50_in, p95_in = inprocess_p95(folder / "index", config, queries, 5)
            report.add(
                "web: the same queries in-process, one at a time (engine.ask, no HTTP)",
                f"p50 {p50_in:.1f} ms, p95 {p95_in:.1f} ms",
            )


def _figures(report: Any, label: str, result: LoadResult, seconds: float, target: bool) -> None:
    times = [s.ms for s in result.samples]
    first, last = result.ingest_window
    during = [s.ms for s in result.samples if first <= s.started <= last]
    p95 = percentile(times, 0.95)
    value = (
        f"{len(times) / result.seconds:.0f} requests/s; p50 {percentile(times, 0.5):.1f} ms, p95 {p95:.1f} ms"
    )
    name = f"{label}: /api/search, {CLIENTS} clients for {seconds:g} s"
    if target:
        report.add(name, value, f"p95 < {WEB_P95_MS:g} ms", p95 < WEB_P95_MS)
    else:
        report.add(name, value)
    if result.server_cpu_s:
        report.add(
            f"{label}: server CPU per request",
            f"{result.server_cpu_s * 1000 / max(1, len(times)):.2f} ms "
            "(user + system time of the server process; not slowed by other programs)",
        )
    report.add(
        f"{label}: during the ingest of a republished chapter",
        f"{len(during)} requests in {last - first:.1f} s; p50 {percentile(during, 0.5):.1f} ms, "
        f"p95 {percentile(during, 0.95):.1f} ms" + ("" if result.ingest_ok else " (the ingest FAILED)"),
    )
    kinds = sorted(set(result.failures))
    report.add(
        f"{label}: failed requests",
        f"{len(result.failures)} of {len(times)}" + (f" ({', '.join(kinds)})" if kinds else ""),
        "0",
        not result.failures,
    )
    served = result.new_text_after_s
    report.add(
        f"{label}: republished text served without a restart",
        "never"
        if served is None
        else f"{served:.2f} s after the ingest ended"
        + (", server restarted" if result.server_restarted else ""),
        "yes",
        served is not None and not result.server_restarted and result.ingest_ok,
    )


# ----------------------------------------------------------------- fresh queries at scale
def fresh_queries(search_dir: Path, count: int, seed: int = 28) -> list[str]:
    """`count` different queries of one to three words as they stand side by side on a
    page of the index (a page and a place on it drawn at random, words of 3+ letters), so
    that each is a real search that finds something and no two are the same."""
    from pipeline.engine.index import stored_pages

    rng = random.Random(seed)
    texts = [str(fields.get("content", "")) for fields in stored_pages(search_dir)]
    texts = [t for t in texts if len(t) > 200]
    found: dict[str, None] = {}
    while len(found) < count:
        words = re.findall(r"[A-Za-z]{3,}", rng.choice(texts))
        if len(words) < 3:
            continue
        size = rng.choice((1, 2, 3))
        at = rng.randrange(len(words) - size + 1)
        found.setdefault(" ".join(words[at : at + size]).lower(), None)
    return list(found)


@dataclass(frozen=True)
class Paced:
    samples: tuple[Sample, ...]
    seconds: float
    failures: tuple[str, ...]
    server_cpu_s: float


def paced_load(
    server: Any,
    queries: list[str],
    seconds: float,
    clients: int,
    every: float | None,
    midway: Callable[[], None] | None = None,
    seed: int = 28,
) -> Paced:
    """`clients` threads, each with its own keep-alive connection, asking the next query of
    `queries` (taken in turn, never repeated) every `every` seconds from a random phase
    (None: with no pause); `midway` runs in this thread half-way through."""
    lock = threading.Lock()
    samples: list[Sample] = []
    failures: list[str] = []
    rng = random.Random(seed)
    phases = [rng.random() * (every or 0.0) for _ in range(clients)]
    began = time.monotonic()
    stop_at = began + seconds

    def next_path() -> str | None:
        with lock:
            return _api_path(queries.pop(), None) if queries else None

    def client(number: int) -> None:
        connection = http.client.HTTPConnection(server.host, server.port, timeout=30)
        due = began + phases[number]
        mine: list[Sample] = []
        while True:
            if every is not None:
                time.sleep(max(0.0, due - time.monotonic()))
            start = due if every is not None else time.monotonic()
            path = next_path() if time.monotonic() < stop_at else None
            if path is None:
                break
            try:
                connection.request("GET", path)
                response = connection.getresponse()
                body = response.read()
                ok = response.status == 200 and "results" in json.loads(body)
                problem = "" if ok else f"HTTP {response.status}"
            except Exception as exc:  # a failed request is a result here, not a crash
                ok, problem = False, type(exc).__name__
                connection.close()
                connection = http.client.HTTPConnection(server.host, server.port, timeout=30)
            mine.append(Sample(start, (time.monotonic() - start) * 1000, ok))
            if not ok:
                with lock:
                    failures.append(problem)
            if every is not None:
                due += every
                while due < time.monotonic() - every:  # more than a turn behind: skip the missed turns
                    due += every
        connection.close()
        with lock:
            samples.extend(mine)

    cpu_before = cpu_seconds(server.process.pid)
    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    if midway is not None:
        time.sleep(seconds / 2)
        midway()
    for thread in threads:
        thread.join()
    return Paced(
        tuple(samples),
        time.monotonic() - began,
        tuple(failures),
        cpu_seconds(server.process.pid) - cpu_before,
    )


def fresh_load(
    report: Any,
    tag: str,
    config: Path,
    pdfs: Path,
    index: Path,
    search_dir: Path,
    republish: Callable[[], list[str]],
    logs: Path,
) -> None:
    """The web page at scale with every request a fresh query (see the module's doc):
    paced, with a republished chapter ingested half-way, then saturated."""
    paced_count = int(CLIENTS * (FRESH_WARM_UP_SECONDS + FRESH_SECONDS + 2))
    queries = fresh_queries(search_dir, paced_count + 400 * int(SATURATION_SECONDS))
    warm = queries[: int(CLIENTS * FRESH_WARM_UP_SECONDS)]
    paced = queries[len(warm) : paced_count]
    saturating = queries[paced_count:]
    server = start_server(config, pdfs, index, logs, env={"CSE_WEB_ANSWER_CACHE": "0"})
    ingest: dict[str, Any] = {}

    def midway() -> None:
        command = republish()
        ingest["started"] = time.monotonic()
        done = subprocess.run(command, capture_output=True, text=True)
        ingest["ended"], ingest["ok"] = time.monotonic(), done.returncode == 0

    try:
        paced_load(server, warm, FRESH_WARM_UP_SECONDS, CLIENTS, 1.0)
        load = paced_load(server, paced, FRESH_SECONDS, CLIENTS, 1.0, midway)
        saturated = paced_load(server, saturating, SATURATION_SECONDS, CLIENTS, None)
        renders = first_renders(server, queries[len(queries) - 200 :])
        restarted = server.process.poll() is not None
    finally:
        server.stop()
    times = [s.ms for s in load.samples]
    p95 = percentile(times, 0.95)
    label = f"{tag}: web, a fresh query every request"
    report.add(
        f"{label}, {CLIENTS} clients once a second",
        f"{len(times)} requests in {load.seconds:.0f} s; p50 {percentile(times, 0.5):.1f} ms, "
        f"p95 {p95:.1f} ms, max {max(times, default=float('nan')):.0f} ms; server CPU "
        f"{load.server_cpu_s * 1000 / max(1, len(times)):.1f} ms a request",
        f"p95 <= {FRESH_P95_MS:g} ms",
        p95 <= FRESH_P95_MS,
    )
    first, last = ingest.get("started", 0.0), ingest.get("ended", 0.0)
    during = [s.ms for s in load.samples if first <= s.started <= last]
    report.add(
        f"{label}: during the republishing ingest",
        f"{len(during)} requests in {last - first:.1f} s; p95 {percentile(during, 0.95):.1f} ms"
        + ("" if ingest.get("ok") else " (the ingest FAILED)"),
    )
    failed = len(load.failures) + len(saturated.failures)
    report.add(
        f"{label}: failed requests",
        f"{failed} of {len(times) + len(saturated.samples)}"
        + (f" ({', '.join(sorted(set(load.failures + saturated.failures)))})" if failed else "")
        + (", server restarted" if restarted else ""),
        "0",
        failed == 0 and not restarted and bool(ingest.get("ok")),
    )
    shown = renders.images
    report.add(
        f"{tag}: web, a page image drawn for the first time, as the page view shows it (marks over it)",
        f"p50 {percentile(shown, 0.5):.0f} ms, p95 {percentile(shown, 0.95):.0f} ms "
        f"({len(shown)} pages never drawn before, one at a time); CPU (server and workers) "
        f"{renders.images_cpu_s * 1000 / max(1, len(shown)):.0f} ms an image",
        f"p95 <= {RENDER_P95_MS:g} ms",
        bool(shown) and percentile(shown, 0.95) <= RENDER_P95_MS,
    )
    for name, times, cpu in (
        ("the page view's HTML, first time (the page's characters read)", renders.views, renders.views_cpu_s),
        ("the API's image_url (the matches drawn in)", renders.marked, renders.marked_cpu_s),
    ):
        report.add(
            f"{tag}: web, {name}",
            f"p50 {percentile(times, 0.5):.0f} ms, p95 {percentile(times, 0.95):.0f} ms; "
            f"CPU {cpu * 1000 / max(1, len(times)):.0f} ms each",
        )
    busy = [s.ms for s in saturated.samples]
    report.add(
        f"{label}: saturation, {CLIENTS} clients with no pause",
        f"{len(busy) / saturated.seconds:.0f} requests/s; p50 {percentile(busy, 0.5):.1f} ms, "
        f"p95 {percentile(busy, 0.95):.1f} ms; server CPU "
        f"{saturated.server_cpu_s * 1000 / max(1, len(busy)):.1f} ms a request",
    )


@dataclass(frozen=True)
class Renders:
    """First renders of pages no request drew before (ms each), and the CPU they took in
    the server and its page-image workers (seconds, over all of them)."""

    views: list[float]  # the page view's HTML (reads the page's characters and boxes)
    images: list[float]  # the image the page view shows (the page's own; marks drawn over it)
    marked: list[float]  # the API's image_url, the matches drawn in
    views_cpu_s: float
    images_cpu_s: float
    marked_cpu_s: float


def tree_cpu_seconds(pid: int) -> float:
    """CPU time of a process and its children (the server and its page-image workers)."""
    children: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        try:
            children += [int(child) for child in task.read_text().split()]
        except (OSError, ValueError):
            continue
    return cpu_seconds(pid) + sum(cpu_seconds(child) for child in children)


def first_renders(server: Any, queries: list[str]) -> Renders:
    """For the best page of each query, RENDERS pages no request drew before, one at a
    time: the page view (its HTML, then the image it shows, as a browser loads it), then
    the API's `image_url` (the matches drawn in). The server keeps a page's own drawing
    per index generation, so only a first one costs; a marked image is always drawn."""
    views: list[float] = []
    images: list[float] = []
    marked: list[float] = []
    cpu = [0.0, 0.0, 0.0]
    seen: set[str] = set()
    connection = http.client.HTTPConnection(server.host, server.port, timeout=30)

    def get(path: str, times: list[float], slot: int) -> bytes | None:
        started, used = time.monotonic(), tree_cpu_seconds(server.process.pid)
        connection.request("GET", path)
        response = connection.getresponse()
        body = response.read()
        if response.status != 200:
            return None
        times.append((time.monotonic() - started) * 1000)
        cpu[slot] += tree_cpu_seconds(server.process.pid) - used
        return body

    try:
        for query in queries:
            if len(images) >= RENDERS:
                break
            connection.request("GET", _api_path(query, None))
            results = json.loads(connection.getresponse().read()).get("results", [])
            page = f"{results[0]['file']}#{results[0]['pdf_page']}" if results else None
            if page is None or page in seen:
                continue
            seen.add(page)
            image_url = str(results[0]["image_url"])
            view = get(image_url.replace("/image/", "/page/", 1).replace(".png", "", 1), views, 0)
            shown = re.search(
                r'<figure class="page" id="whole-page">\s*<div class="sheet">\s*<img src="([^"]+)"',
                (view or b"").decode(),
            )
            if shown is None or get(shown.group(1).replace("&amp;", "&"), images, 1) is None:
                continue
            get(image_url, marked, 2)
    finally:
        connection.close()
    return Renders(views, images, marked, *cpu)
