"""Performance report for the ingest and the search (`make bench`); not a test.

    python tools/bench.py [--quick] [--scale 700,3000,10000] [--scale-only] [--corpus DIR] [--keep]

Runs the real commands on corpora and, in the same run, baselines over the same files,
then prints every figure with its target and PASS/FAIL:

- "1x" is the sample toolkit (pdfs/ + config/toolkit.yaml, 128 pages in 9 chapter PDFs):
  no-op re-ingest, `cse-search` against pdfgrep, in-process latency, one changed chapter.
- "N pages" (issue 17; `--scale`, default 10,000) is a corpus of copies of real PDFs added
  one file at a time in rounds until at least N pages: the sample toolkit, the readable
  real-world PDFs of ../shared/corpus/readable and Debian's R and gnuplot manuals (apt
  r-doc-pdf, gnuplot-doc; R's 2,400-page reference left out). The first copy keeps its
  names (so the sample config catalogues the sample chapters); later copies are renamed and
  get a PDF comment after `%%EOF`, so every file has its own bytes and is extracted. The
  corpus is built once into ~/.cache/cse-toolkit-bench/corpus-N (outside the repository)
  and hard-linked into the run's temporary folder. At each scale: cold ingest against
  sequential pdftotext (target <= 1.0x), ingest peak memory (<= 300 MB), search index size
  against pdftotext's text (<= 1.5x), in-process p95 per query class with a 100-hit limit
  (<= 25 ms) next to a plain BM25 engine (SQLite FTS5) over the same indexed text,
  `cse-search` whole-process median (<= 150 ms) with pdfgrep, the web page with every
  request a fresh query (16 clients once a second, p95 <= 100 ms, a chapter republished
  half-way; then the saturation throughput: tools/bench_web.py), no-op re-ingest, and one
  chapter republished against pdftotext of that chapter (<= 3x).

Ingest and `cse-search` run as whole processes of the installed console scripts (next to
this Python), so start-up is included. Peak memory is the larger of the kernel's maximum
resident set of any single process of the ingest (wait4) and the total PSS of the whole
process tree sampled every 50 ms.

The web page (`cse-toolkit serve`) runs at 16 concurrent clients on /api/search for 20 s,
with chapter 4 republished and ingested half-way: p95 under 50 ms, no failed request, and
the new text served after the ingest without a restart (tools/bench_web.py).

`--quick` runs 1x, the web load (shorter) and 3x only, with fewer repetitions, to test the script.
Exit status: 0 when the report was printed (even with FAILs; it is a report), 1 when the
benchmark itself could not run to the end.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import math
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:  # run as `python tools/bench.py` without installing the package
    sys.path.insert(0, str(REPO))

from tools.bench_web import CLIENTS, fresh_load, web_load  # noqa: E402

SAMPLE_PDFS = REPO / "pdfs"
SAMPLE_CONFIG = REPO / "config" / "toolkit.yaml"
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus" / "readable"
BIN = Path(sys.executable).parent
CHANGED_CHAPTER = "chapter-4-health-services.pdf"  # the chapter "republished" by the bench
SEARCH_WORD = "pharmacies"

# Targets from the issue (2-core machine).
INGEST_VS_PDFTOTEXT = 4.0  # cold ingest wall time at most this many times pdftotext's
NOOP_SAMPLE_S = 0.5
SEARCH_PROCESS_MS = 200.0
SEARCH_VS_PDFGREP = 10.0
INPROCESS_P95_MS = 20.0
PEAK_MEMORY_MB = 300.0
WEB_SECONDS = 20.0  # load on the web page (target p95 < 50 ms at 16 clients: tools/bench_web.py)

# The in-process query mix: words, phrases, operators, abbreviations, prefixes, role
# filters and misspellings, as (query, role or None).
QUERIES: tuple[tuple[str, str | None], ...] = (
    ("pharmacies", None),
    ("grooming", None),
    ("consent", None),
    ('"looked after children"', None),
    ('"information sharing"', None),
    ("A&E", None),
    ("CAMHS", None),
    ("GP", None),
    ("LAC", None),
    ("refer*", None),
    ("exploit*", None),
    ("online AND grooming", None),
    ("missing NOT school", None),
    ("warning signs", None),
    ("what is child sexual exploitation", None),
    ("pharmacys", None),
    ("safegaurding", None),
    ("pharmacies", "pharmacist"),
    ("consent", "foster-carer"),
    ("screening tool", "midwife"),
    ("(runaway OR missing) AND home", None),
)


class BenchError(Exception):
    """The benchmark could not run (a command crashed, a file is missing)."""


# --------------------------------------------------------------------------- results
@dataclass(frozen=True)
class Row:
    """One line of the final table."""

    figure: str
    value: str
    target: str = "-"
    result: str = "-"  # PASS, FAIL, SKIP or "-" for a figure without a target


@dataclass
class Report:
    rows: list[Row] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def add(self, figure: str, value: str, target: str = "-", passed: bool | None = None) -> None:
        result = "-" if passed is None else ("PASS" if passed else "FAIL")
        self.rows.append(Row(figure, value, target, result))
        say(f"  {figure}: {value}" + (f"  [target {target}: {result}]" if passed is not None else ""))

    def skip(self, figure: str, target: str, why: str) -> None:
        self.rows.append(Row(figure, f"skipped: {why}", target, "SKIP"))
        say(f"  {figure}: skipped ({why})")

    def note(self, text: str) -> None:
        self.notes.append(text)
        say(f"  note: {text}")

    def table(self) -> str:
        header = ("figure", "value", "target", "result")
        cells = [header, *((r.figure, r.value, r.target, r.result) for r in self.rows)]
        widths = [max(len(c[i]) for c in cells) for i in range(4)]
        lines = [" | ".join(c.ljust(w) for c, w in zip(header, widths, strict=True)).rstrip()]
        lines.append("-|-".join("-" * w for w in widths))
        for cell in cells[1:]:
            lines.append(" | ".join(c.ljust(w) for c, w in zip(cell, widths, strict=True)).rstrip())
        return "\n".join(lines)


def say(text: str) -> None:
    print(text, flush=True)


# ----------------------------------------------------------------------------- corpora
@dataclass(frozen=True)
class Corpus:
    """A PDFs directory the bench built, with its page count and the config to use."""

    name: str
    pdfs: Path
    files: tuple[Path, ...]
    pages: int
    config: Path = SAMPLE_CONFIG

    @property
    def label(self) -> str:
        return f"{self.name} ({self.pages:,} pages, {len(self.files)} files)"


_page_counts: dict[Path, int] = {}


def page_count(path: Path) -> int:
    """Pages of a source PDF (counted once per source, with the pipeline's own reader)."""
    if path not in _page_counts:
        import pypdfium2  # a dependency of the package; imported here to keep --help fast

        document = pypdfium2.PdfDocument(str(path))
        try:
            _page_counts[path] = len(document)
        finally:
            document.close()
    return _page_counts[path]


def copy_pdf(source: Path, target: Path, marker: str | None) -> None:
    """Copy a PDF; with a marker, append it as a PDF comment so the bytes differ."""
    data = source.read_bytes()
    if marker is not None:
        data += f"\n%{marker}\n".encode("ascii")
    target.write_bytes(data)


def sample_sources() -> list[Path]:
    files = sorted(SAMPLE_PDFS.glob("*.pdf"))
    if not files:
        raise BenchError(f"no sample PDFs in {SAMPLE_PDFS} (run `make sample`)")
    return files


def build_sample_copies(root: Path, name: str, copies: int) -> Corpus:
    """`copies` copies of the sample toolkit; the first under the configured names."""
    pdfs = root / name
    pdfs.mkdir(parents=True)
    files: list[Path] = []
    for copy in range(copies):
        for source in sample_sources():
            target = pdfs / (source.name if copy == 0 else f"copy-{copy:02d}-{source.name}")
            copy_pdf(source, target, None if copy == 0 else f"copy-{copy}")
            files.append(target)
    pages = copies * sum(page_count(s) for s in sample_sources())
    return Corpus(name, pdfs, tuple(files), pages)


# ------------------------------------------------------------------------ processes
@dataclass(frozen=True)
class Run:
    """One whole-process run: wall time, exit status, memory and output."""

    seconds: float
    returncode: int
    max_rss_mb: float  # largest single process of the tree (kernel's exact figure)
    tree_pss_mb: float  # peak total PSS of the process tree, sampled (0 if not sampled)
    stdout: str
    stderr: str
    timed_out: bool = False
    cpu_seconds: float = 0.0  # user + system of the process and the children it waited for


def _children(pid: int) -> list[int]:
    found: list[int] = []
    try:
        tasks = list(Path(f"/proc/{pid}/task").iterdir())
    except OSError:
        return found
    for task in tasks:
        try:
            found.extend(int(c) for c in (task / "children").read_text().split())
        except (OSError, ValueError):
            continue
    return found


def _tree_pss_kb(root: int) -> int:
    """Total proportional set size of a process and all its descendants, in KiB."""
    total = 0
    todo = [root]
    while todo:
        pid = todo.pop()
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1])
                    break
        except (OSError, ValueError):
            pass
        todo.extend(_children(pid))
    return total


def run_process(command: Sequence[str | Path], timeout: float, sample_memory: bool = False) -> Run:
    """Run a command to the end, timing it; kill its process group after `timeout` s."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        process = subprocess.Popen(
            [str(c) for c in command],
            stdout=out,
            stderr=err,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
        timed_out = threading.Event()
        finished = threading.Event()
        peak = [0]

        def kill() -> None:
            timed_out.set()
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)  # the group of the process started above

        def sample() -> None:
            while not finished.wait(0.05):
                peak[0] = max(peak[0], _tree_pss_kb(process.pid))

        timer = threading.Timer(timeout, kill)
        timer.start()
        sampler = threading.Thread(target=sample, daemon=True) if sample_memory else None
        if sampler is not None:
            sampler.start()
        try:
            _, status, usage = os.wait4(process.pid, 0)
        finally:
            seconds = time.perf_counter() - started
            timer.cancel()
            finished.set()
            if sampler is not None:
                sampler.join()
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return Run(
            seconds=seconds,
            returncode=process.returncode,
            max_rss_mb=usage.ru_maxrss / 1024,
            tree_pss_mb=peak[0] / 1024,
            stdout=out.read().decode("utf-8", "replace"),
            stderr=err.read().decode("utf-8", "replace"),
            timed_out=timed_out.is_set(),
            cpu_seconds=usage.ru_utime + usage.ru_stime,
        )


def console_script(name: str) -> Path:
    path = BIN / name
    if not path.exists():
        raise BenchError(f"{path} not found: install the package in this environment (make bench does)")
    return path


def ingest_command(corpus: Corpus, index: Path) -> list[str | Path]:
    return [
        console_script("cse-toolkit"),
        "ingest",
        "--config",
        corpus.config,
        "--pdfs",
        corpus.pdfs,
        "--index",
        index,
    ]


def search_command(corpus: Corpus, index: Path) -> list[str | Path]:
    return [
        console_script("cse-search"),
        SEARCH_WORD,
        "--config",
        corpus.config,
        "--pdfs",
        corpus.pdfs,
        "--index",
        index,
    ]


def ingest(corpus: Corpus, index: Path, timeout: float, sample_memory: bool = False) -> Run:
    """One ingest; exit 0 or 3 (some PDF unreadable) are results, anything else a crash."""
    run = run_process(ingest_command(corpus, index), timeout, sample_memory)
    if run.timed_out:
        raise BenchError(f"ingest of {corpus.label} took more than {timeout:.0f} s; stopped")
    if run.returncode not in (0, 3):
        raise BenchError(
            f"ingest of {corpus.label} failed (exit {run.returncode}):\n{run.stderr.strip()[-2000:]}"
        )
    return run


def check_indexed(report: Report, corpus: Corpus, index: Path, run: Run) -> None:
    """Note it when an ingest did not index every page of the corpus (a figure would lie)."""
    from pipeline.engine.store import IndexStore
    from pipeline.ingest.manifest import load_manifest

    if run.returncode == 3:
        report.note(
            f"{corpus.name}: the ingest reported unreadable PDFs (exit 3): {run.stderr.strip()[-300:]}"
        )
    manifest = load_manifest(IndexStore(index).current())
    pages = sum(r.pages for r in manifest.files.values()) if manifest is not None else 0
    if pages != corpus.pages:
        report.note(f"{corpus.name}: the ingest recorded {pages:,} pages of {corpus.pages:,}")


def median_seconds(runs: Sequence[Run]) -> float:
    return statistics.median(r.seconds for r in runs)


# ------------------------------------------------------------------------- baselines
@dataclass(frozen=True)
class Baseline:
    seconds: float
    failures: int
    cpu_seconds: float = 0.0  # user + system of the commands


def pdftotext_over(files: Sequence[Path], workers: int) -> Baseline:
    """`pdftotext FILE -` over every file, one after another or `workers` at a time."""

    def one(path: Path) -> int:
        return subprocess.run(
            ["pdftotext", str(path), "-"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False
        ).returncode

    started = time.perf_counter()
    if workers == 1:
        codes = [one(p) for p in files]
    else:
        with ThreadPoolExecutor(max_workers=workers) as pool:
            codes = list(pool.map(one, files))
    return Baseline(time.perf_counter() - started, sum(1 for c in codes if c != 0))


def pdfgrep_median(directory: Path, runs: int, timeout: float) -> tuple[float | None, str]:
    """Median wall time of `pdfgrep -r -n -i WORD DIR`; None when a run timed out."""
    times: list[float] = []
    for _ in range(runs):
        run = run_process(["pdfgrep", "-r", "-n", "-i", SEARCH_WORD, directory], timeout)
        if run.timed_out:
            return None, f">{timeout:.0f} s (timed out)"
        if run.returncode not in (0, 1):
            raise BenchError(f"pdfgrep failed (exit {run.returncode}): {run.stderr.strip()[-500:]}")
        times.append(run.seconds)
    median = statistics.median(times)
    return median, f"{median * 1000:.0f} ms (median of {runs})"


# ----------------------------------------------------------------------- measurements
@dataclass
class Tools:
    pdftotext: bool = field(default_factory=lambda: shutil.which("pdftotext") is not None)
    pdfgrep: bool = field(default_factory=lambda: shutil.which("pdfgrep") is not None)


@dataclass(frozen=True)
class Settings:
    search_runs: int
    noop_runs: int
    pdfgrep_runs: int
    latency_passes: int
    timeout: float


def cold_ingest(
    report: Report, corpus: Corpus, index: Path, tools: Tools, settings: Settings, at_scale: bool
) -> None:
    """Cold ingest (empty index) against pdftotext, with peak memory.

    The speed and memory targets are judged at scale (3,000 pages). On the 128-page sample
    the ingest's fixed start-up (Python, the PDF and index libraries, worker processes)
    outweighs pdftotext's whole run, so that ratio is printed for information only.
    """
    say(f"\n== {corpus.label}: cold ingest")
    tag = corpus.name
    sequential = parallel = None
    if tools.pdftotext:
        sequential = pdftotext_over(corpus.files, 1)
        parallel = pdftotext_over(corpus.files, 2)
        if sequential.failures:
            report.note(f"{tag}: pdftotext failed on {sequential.failures} of {len(corpus.files)} files")
    run = ingest(corpus, index, settings.timeout, sample_memory=True)
    check_indexed(report, corpus, index, run)
    report.add(
        f"{tag}: cold ingest",
        f"{run.seconds:.2f} s, {corpus.pages / run.seconds:.0f} pages/s",
    )
    target = f"<= {INGEST_VS_PDFTOTEXT:g}x pdftotext (sequential)"
    if sequential is None or parallel is None:
        report.skip(f"{tag}: cold ingest / pdftotext sequential", target, "pdftotext is not installed")
    else:
        report.add(
            f"{tag}: pdftotext, sequential",
            f"{sequential.seconds:.2f} s, {corpus.pages / sequential.seconds:.0f} pages/s",
        )
        report.add(
            f"{tag}: pdftotext, 2 processes",
            f"{parallel.seconds:.2f} s, {corpus.pages / parallel.seconds:.0f} pages/s",
        )
        ratio = run.seconds / sequential.seconds
        if at_scale:
            report.add(
                f"{tag}: cold ingest / pdftotext sequential",
                f"{ratio:.2f}x",
                target,
                ratio <= INGEST_VS_PDFTOTEXT,
            )
        else:
            report.add(
                f"{tag}: cold ingest / pdftotext sequential",
                f"{ratio:.2f}x (start-up bound; see 3,000 pages)",
            )
        report.add(f"{tag}: cold ingest / pdftotext 2 processes", f"{run.seconds / parallel.seconds:.2f}x")
    peak = max(run.max_rss_mb, run.tree_pss_mb)
    value = f"{peak:.0f} MB (largest process {run.max_rss_mb:.0f} MB RSS; tree {run.tree_pss_mb:.0f} MB PSS)"
    if at_scale:
        report.add(f"{tag}: ingest peak memory", value, f"< {PEAK_MEMORY_MB:g} MB", peak < PEAK_MEMORY_MB)
    else:
        report.add(f"{tag}: ingest peak memory", value)


def noop_reingest(report: Report, corpus: Corpus, index: Path, settings: Settings, limit: float) -> None:
    """Re-ingest with nothing changed: median of a few whole-process runs."""
    runs = [ingest(corpus, index, settings.timeout) for _ in range(settings.noop_runs)]
    if not any("Nothing changed" in r.stdout for r in runs):
        report.note(f"{corpus.name}: the no-op re-ingest did not say 'Nothing changed'")
    median = median_seconds(runs)
    report.add(
        f"{corpus.name}: no-op re-ingest",
        f"{median * 1000:.0f} ms (median of {len(runs)})",
        f"< {limit:g} s",
        median < limit,
    )


def _cache_listing(index: Path) -> dict[str, int] | None:
    from pipeline.engine.store import IndexStore

    cache = IndexStore(index).cache_dir
    if not cache.is_dir():
        return None
    return {p.stem: p.stat().st_mtime_ns for p in cache.glob("*.json")}


def changed_reingest(report: Report, corpus: Corpus, index: Path, settings: Settings) -> None:
    """Republish one chapter (new bytes) and check that only it is extracted again."""
    chapter = corpus.pdfs / CHANGED_CHAPTER
    if not chapter.exists():
        raise BenchError(f"{chapter} is missing from the bench corpus")
    before = _cache_listing(index)
    time.sleep(0.01)  # a distinct mtime for anything the re-ingest rewrites
    with chapter.open("ab") as handle:
        handle.write(f"\n%changed-{time.time_ns()}\n".encode("ascii"))
    new_sha = hashlib.sha256(chapter.read_bytes()).hexdigest()
    run = ingest(corpus, index, settings.timeout)
    after = _cache_listing(index)
    report.add(f"{corpus.name}: one-chapter-changed re-ingest", f"{run.seconds * 1000:.0f} ms")
    target = "only that chapter"
    if before is None or after is None:
        report.add(
            f"{corpus.name}: files extracted again",
            "cannot tell: the index has no cache/ directory of extractions",
            target,
            False,
        )
        return
    added = sorted(set(after) - set(before))
    rewritten = sum(1 for name, mtime in after.items() if name in before and before[name] != mtime)
    which = (
        f"{CHANGED_CHAPTER}, by its new SHA-256"
        if added == [new_sha]
        else "not named by the changed file's SHA-256"
        if len(added) == 1
        else "new cache entries; expected 1"
    )
    report.add(
        f"{corpus.name}: files extracted again",
        f"{len(added)} ({which}); {rewritten}/{len(before)} old cache files rewritten",
        target,
        len(added) == 1,
    )


def search_process(
    report: Report, corpus: Corpus, index: Path, tools: Tools, settings: Settings, pdfgrep_target: bool
) -> None:
    """`cse-search WORD` as a whole process (median after a warm-up) against pdfgrep."""
    command = search_command(corpus, index)
    run_process(command, settings.timeout)  # warm-up: imports and index files into the page cache
    runs = [run_process(command, settings.timeout) for _ in range(settings.search_runs)]
    if any(r.returncode != 0 for r in runs):
        bad = next(r for r in runs if r.returncode != 0)
        raise BenchError(f"cse-search exited {bad.returncode}: {bad.stderr.strip()[-500:]}")
    median = median_seconds(runs)
    report.add(
        f"{corpus.name}: cse-search {SEARCH_WORD} (whole process)",
        f"{median * 1000:.0f} ms (median of {len(runs)})",
        f"< {SEARCH_PROCESS_MS:g} ms",
        median * 1000 < SEARCH_PROCESS_MS,
    )
    target = f">= {SEARCH_VS_PDFGREP:g}x" if pdfgrep_target else "-"
    if not tools.pdfgrep:
        if pdfgrep_target:
            report.skip(
                f"{corpus.name}: cse-search speed-up over pdfgrep", target, "pdfgrep is not installed"
            )
        return
    seconds, text = pdfgrep_median(corpus.pdfs, settings.pdfgrep_runs, settings.timeout)
    report.add(f"{corpus.name}: pdfgrep -r -n -i {SEARCH_WORD}", text)
    bound = seconds if seconds is not None else settings.timeout
    ratio = bound / median
    value = f"{'>' if seconds is None else ''}{ratio:.1f}x (pdfgrep's time / cse-search's)"
    if pdfgrep_target:
        report.add(
            f"{corpus.name}: cse-search speed-up over pdfgrep", value, target, ratio >= SEARCH_VS_PDFGREP
        )
    else:
        report.add(f"{corpus.name}: cse-search speed-up over pdfgrep", value)


def percentile(values: Sequence[float], share: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def inprocess_latency(report: Report, corpus: Corpus, index: Path, settings: Settings, target: bool) -> None:
    """p50/p95 of `pipeline.search.search` over the query mix, in this process."""
    from pipeline.config import load_config
    from pipeline.engine.names import find_role
    from pipeline.engine.scope import role_scope
    from pipeline.engine.search import search
    from pipeline.engine.store import IndexStore
    from pipeline.engine.synonyms import from_toolkit
    from pipeline.errors import CseError

    toolkit = load_config(corpus.config, corpus.pdfs)
    synonyms = from_toolkit(toolkit)
    search_dir = IndexStore(index).search_dir()
    scopes = {role: role_scope(toolkit, find_role(toolkit, role)) for _, role in QUERIES if role}
    errors: set[str] = set()
    empty: set[str] = set()

    def one_pass() -> list[float]:
        times = []
        for text, role in QUERIES:
            started = time.perf_counter()
            try:
                result = search(
                    search_dir, text, scope=scopes.get(role or ""), limit=10, synonyms=synonyms, read_on=True
                )
                if not result.hits and not result.suggestion:
                    empty.add(text)
            except CseError as exc:
                errors.add(f"{text!r}: {exc.message}")
            times.append(time.perf_counter() - started)
        return times

    one_pass()  # warm-up
    samples = [t * 1000 for _ in range(settings.latency_passes) for t in one_pass()]
    p50, p95 = percentile(samples, 0.50), percentile(samples, 0.95)
    value = f"p50 {p50:.1f} ms, p95 {p95:.1f} ms ({len(samples)} searches, {len(QUERIES)} queries)"
    figure = f"{corpus.name}: in-process search latency"
    if target:
        report.add(figure, value, f"p95 < {INPROCESS_P95_MS:g} ms", p95 < INPROCESS_P95_MS)
    else:
        report.add(figure, value)
    if errors:
        report.note(f"{corpus.name}: queries refused: {'; '.join(sorted(errors))}")
    if empty:
        report.note(f"{corpus.name}: queries with no hits and no suggestion: {', '.join(sorted(empty))}")


# ------------------------------------------------------------------ issue 17: at scale
# A corpus of real PDFs at a given page count (700, 3,000, 10,000), cached outside git,
# and every target of issue 17 next to baselines run in the same process: pdftotext,
# pdfgrep and a plain BM25 engine (SQLite FTS5) over exactly the indexed text.
MANUALS = tuple(
    Path(p)
    for p in (
        "/usr/share/doc/r-doc-pdf/manual/R-intro.pdf",
        "/usr/share/doc/r-doc-pdf/manual/R-data.pdf",
        "/usr/share/doc/r-doc-pdf/manual/R-FAQ.pdf",
        "/usr/share/doc/r-doc-pdf/manual/R-lang.pdf",
        "/usr/share/doc/r-doc-pdf/manual/R-admin.pdf",
        "/usr/share/doc/r-doc-pdf/manual/R-ints.pdf",
        "/usr/share/doc/r-doc-pdf/manual/R-exts.pdf",
        "/usr/share/doc/gnuplot/gnuplot.pdf",
    )
)
DEFAULT_SCALES = (10_000,)
SCALE_REINGEST_MS = 1000.0  # issue 28: a republished chapter under a second at every scale
SCALE_INGEST_VS_PDFTOTEXT = 1.2  # issue 28 (issue 17 asked 1.0)
SCALE_P95_MS = 25.0
SCALE_PROCESS_MS = 150.0
SCALE_MEMORY_MB = 300.0
SCALE_INDEX_VS_TEXT = 1.5
SCALE_LIMIT = 100  # hits asked for by each in-process search
# Query classes of the issue, a few queries each (both the toolkit's and the manuals' words).
QUERY_CLASSES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("rare", ("pharmacies", "CAMHS", "heteroscedasticity")),
    ("common", ("children", "function", "data")),
    ("3-word", ("child sexual exploitation", "plot data file", "missing from home")),
    ("phrase", ('"looked after children"', '"data frame"', '"information sharing"')),
    ("prefix", ("exploit*", "refer*", "plot*")),
    ("misspelt", ("safegaurding", "pharmacys", "functoin")),
)


def bench_cache_root() -> Path:
    """Where built corpora are kept between runs: the user's cache folder, not the repository."""
    base = Path(os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache"))
    return base / "cse-toolkit-bench"


def scale_sources(corpus_dir: Path) -> list[Path]:
    """One round of sources: the sample toolkit, the readable real-world PDFs, the Debian
    manuals (R's and gnuplot's, as the evaluation uses; R's 2,400-page reference left out)."""
    round_ = [*sample_sources()]
    if corpus_dir.is_dir():
        round_.extend(sorted(corpus_dir.glob("*.pdf")))
    round_.extend(p for p in MANUALS if p.exists())
    return round_


def build_scaled(pages: int, corpus_dir: Path, report: Report) -> Corpus:
    """A corpus of at least `pages` pages of copies of real PDFs, added one file at a time in
    rounds (copy 0 under its own name, so the sample config catalogues the sample chapters;
    later copies renamed with a marker after %%EOF, so each has its own bytes). Built once
    into the cache folder and reused while the recipe (sources, sizes, markers) is the same."""
    sources = scale_sources(corpus_dir)
    if not any(p not in sample_sources() for p in sources):
        report.note(
            f"{pages:,} pages: no real PDFs found (corpus folder, r-doc-pdf, gnuplot-doc); sample copies only"
        )
    recipe: list[tuple[str, str, int, str | None]] = []
    total = 0
    copy = 0
    while total < pages:
        for source in sources:
            if total >= pages:
                break
            name = source.name if copy == 0 else f"copy-{copy:02d}-{source.name}"
            recipe.append((name, str(source), source.stat().st_size, None if copy == 0 else f"copy-{copy}"))
            total += page_count(source)
        copy += 1
    root = bench_cache_root() / f"corpus-{pages}"
    stamp = root / "recipe.json"
    wanted = json.dumps({"recipe": recipe, "pages": total})
    if not (stamp.exists() and stamp.read_text(encoding="utf-8") == wanted):
        shutil.rmtree(root, ignore_errors=True)
        (root / "pdfs").mkdir(parents=True)
        for name, origin, _, marker in recipe:
            copy_pdf(Path(origin), root / "pdfs" / name, marker)
        stamp.write_text(wanted, encoding="utf-8")
        say(f"built the {pages:,}-page corpus in {root}")
    else:
        say(f"reusing the {pages:,}-page corpus in {root}")
    files = tuple(root / "pdfs" / name for name, *_ in recipe)
    return Corpus(f"{pages:,} pages", root / "pdfs", files, total)


def linked_copy(corpus: Corpus, target: Path) -> Corpus:
    """The corpus as hard links in `target` (a copy where linking fails), so one chapter can
    be republished (its link replaced by a changed copy) without touching the cached files;
    not symbolic links, which the ingest refuses as pointing outside the PDFs folder."""
    target.mkdir(parents=True)
    files = []
    for path in corpus.files:
        link = target / path.name
        try:
            os.link(path, link)
        except OSError:
            shutil.copyfile(path, link)
        files.append(link)
    return replace(corpus, pdfs=target, files=tuple(files))


def pdftotext_text(files: Sequence[Path]) -> tuple[Baseline, int]:
    """Sequential `pdftotext FILE -` over every file, timed, and the bytes of text it wrote
    (the "PDFs' text" of the index-size target), in one pass."""
    import resource

    failures = total = 0
    started = time.perf_counter()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    for path in files:
        done = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=False)
        failures += done.returncode != 0
        total += len(done.stdout)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return Baseline(time.perf_counter() - started, failures, cpu), total


def tree_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def scale_ingest(report: Report, corpus: Corpus, index: Path, tools: Tools, settings: Settings) -> Run:
    """Cold ingest against sequential pdftotext; tree memory; index size against the text."""
    tag = corpus.name
    say(f"\n== {corpus.label}: cold ingest")
    sequential, text = pdftotext_text(corpus.files) if tools.pdftotext else (None, 0)
    run = ingest(corpus, index, settings.timeout, sample_memory=True)
    check_indexed(report, corpus, index, run)
    report.add(f"{tag}: cold ingest", f"{run.seconds:.1f} s, {corpus.pages / run.seconds:.0f} pages/s")
    target = f"<= {SCALE_INGEST_VS_PDFTOTEXT:g}x pdftotext (sequential)"
    if sequential is None:
        report.skip(f"{tag}: cold ingest / pdftotext sequential", target, "pdftotext is not installed")
    else:
        report.add(
            f"{tag}: pdftotext, sequential",
            f"{sequential.seconds:.1f} s, {corpus.pages / sequential.seconds:.0f} pages/s",
        )
        ratio = run.seconds / sequential.seconds
        report.add(
            f"{tag}: cold ingest / pdftotext sequential",
            f"{ratio:.2f}x",
            target,
            ratio <= SCALE_INGEST_VS_PDFTOTEXT,
        )
        # CPU time does not grow when other programs share the machine: on 2 idle cores the
        # ingest takes at least half its CPU time, and pdftotext about its own.
        report.add(
            f"{tag}: cold ingest CPU (every process) / pdftotext CPU",
            f"{run.cpu_seconds:.1f} s / {sequential.cpu_seconds:.1f} s; on {os.cpu_count()} idle cores at "
            f"least {run.cpu_seconds / (os.cpu_count() or 1) / max(sequential.cpu_seconds, 0.01):.2f}x",
        )
    peak = max(run.max_rss_mb, run.tree_pss_mb)
    report.add(
        f"{tag}: ingest peak memory",
        f"{peak:.0f} MB (largest process {run.max_rss_mb:.0f} MB RSS; tree {run.tree_pss_mb:.0f} MB PSS)",
        f"<= {SCALE_MEMORY_MB:g} MB",
        peak <= SCALE_MEMORY_MB,
    )
    from pipeline.engine.store import IndexStore

    search_dir = IndexStore(index).search_dir()
    if text and search_dir is not None:
        size = tree_bytes(search_dir)
        ratio = size / text
        report.add(
            f"{tag}: search index size / PDFs' text",
            f"{ratio:.2f}x ({size / 2**20:.1f} MB index, {text / 2**20:.1f} MB of pdftotext text; "
            f"extraction cache {tree_bytes(IndexStore(index).cache_dir) / 2**20:.1f} MB besides)",
            f"<= {SCALE_INDEX_VS_TEXT:g}x",
            ratio <= SCALE_INDEX_VS_TEXT,
        )
        from pipeline.engine.postings import index_parts

        parts = sorted(index_parts(search_dir).items(), key=lambda item: -item[1])
        report.add(
            f"{tag}: the index's parts / PDFs' text",
            ", ".join(f"{name} {size / text:.2f}x" for name, size in parts if size / text >= 0.005),
        )
    return run


def scale_reingest(
    report: Report, corpus: Corpus, cached: Corpus, index: Path, tools: Tools, settings: Settings
) -> None:
    """No-op re-ingest, then one chapter republished (its link in `corpus` replaced by a
    changed copy of the file in `cached`), against pdftotext of that chapter."""
    tag = corpus.name
    noops = [ingest(corpus, index, settings.timeout) for _ in range(settings.noop_runs)]
    noop = median_seconds(noops)
    report.add(f"{tag}: no-op re-ingest", f"{noop * 1000:.0f} ms (median of {len(noops)})")
    chapter = corpus.pdfs / CHANGED_CHAPTER
    original = cached.pdfs / CHANGED_CHAPTER
    if not chapter.exists() or not original.exists():
        raise BenchError(f"{chapter} is missing from the bench corpus")
    runs = []
    for attempt in range(settings.noop_runs):
        chapter.unlink()
        copy_pdf(original, chapter, f"changed-{attempt}-{time.time_ns()}")
        runs.append(ingest(corpus, index, settings.timeout))
    changed = median_seconds(runs)
    cpu = statistics.median(run.cpu_seconds for run in runs)
    one = (
        statistics.median(pdftotext_over([chapter], 1).seconds for _ in range(5)) if tools.pdftotext else None
    )
    report.add(
        f"{tag}: one chapter republished, re-ingest",
        f"{changed * 1000:.0f} ms (median of {len(runs)}; CPU {cpu * 1000:.0f} ms); above the no-op: "
        f"{(changed - noop) * 1000:.0f} ms"
        + (f"; pdftotext of it {one * 1000:.0f} ms ({page_count(original)} pages)" if one else ""),
        f"< {SCALE_REINGEST_MS:g} ms, flat",
        changed * 1000 < SCALE_REINGEST_MS,
    )


def scale_latency(report: Report, corpus: Corpus, index: Path, settings: Settings) -> None:
    """In-process p95 by query class (limit 100), next to plain BM25 (FTS5) on the same text."""
    from pipeline.config import load_config
    from pipeline.engine.index import stored_pages
    from pipeline.engine.search import search
    from pipeline.engine.store import IndexStore
    from pipeline.engine.synonyms import from_toolkit
    from pipeline.errors import CseError
    from tools.bm25_baseline import Bm25Baseline, Doc

    tag = corpus.name
    toolkit = load_config(corpus.config, corpus.pdfs)
    synonyms = from_toolkit(toolkit)
    search_dir = IndexStore(index).search_dir()
    started = time.perf_counter()
    baseline = Bm25Baseline(
        Doc((str(f["key"]),), str(f.get("content", ""))) for f in stored_pages(search_dir)
    )
    report.note(f"{tag}: the FTS5 baseline table was built in {time.perf_counter() - started:.1f} s")
    passes = max(3, settings.latency_passes * 2)
    for name, queries in QUERY_CLASSES:
        ours: list[float] = []
        cpu: list[float] = []  # the same searches' CPU time, which other programs do not inflate
        theirs: list[float] = []
        for text in queries:
            try:
                search(search_dir, text, limit=SCALE_LIMIT, synonyms=synonyms, read_on=True)  # warm-up
            except CseError as exc:
                report.note(f"{tag}: {text!r} refused: {exc.message}")
                continue
            baseline.search(text, SCALE_LIMIT)
            for _ in range(passes):
                at, used = time.perf_counter(), time.process_time()
                search(search_dir, text, limit=SCALE_LIMIT, synonyms=synonyms, read_on=True)
                ours.append((time.perf_counter() - at) * 1000)
                cpu.append((time.process_time() - used) * 1000)
                at = time.perf_counter()
                baseline.search(text, SCALE_LIMIT)
                theirs.append((time.perf_counter() - at) * 1000)
        if not ours:
            continue
        p95, base = percentile(ours, 0.95), percentile(theirs, 0.95)
        report.add(
            f"{tag}: in-process p95, {name} (limit {SCALE_LIMIT})",
            f"{p95:.1f} ms (p50 {percentile(ours, 0.5):.1f}; CPU p95 {percentile(cpu, 0.95):.1f}); "
            f"FTS5 p95 {base:.1f} ms, ratio {p95 / max(base, 0.01):.1f}x",
            f"<= {SCALE_P95_MS:g} ms",
            p95 <= SCALE_P95_MS,
        )


def scale_process(report: Report, corpus: Corpus, index: Path, tools: Tools, settings: Settings) -> None:
    """`cse-search` as a whole process (median after a warm-up), and pdfgrep once."""
    tag = corpus.name
    command = search_command(corpus, index)
    run_process(command, settings.timeout)
    runs = [run_process(command, settings.timeout) for _ in range(settings.search_runs)]
    if any(r.returncode != 0 for r in runs):
        bad = next(r for r in runs if r.returncode != 0)
        raise BenchError(f"cse-search exited {bad.returncode}: {bad.stderr.strip()[-500:]}")
    median = median_seconds(runs)
    python = statistics.median(
        run_process([sys.executable, "-c", "pass"], settings.timeout).seconds for _ in range(5)
    )
    report.add(
        f"{tag}: cse-search {SEARCH_WORD} (whole process)",
        f"{median * 1000:.0f} ms (median of {len(runs)}; a bare `python -c pass` {python * 1000:.0f} ms)",
        f"<= {SCALE_PROCESS_MS:g} ms",
        median * 1000 <= SCALE_PROCESS_MS,
    )
    if tools.pdfgrep:
        run = run_process(["pdfgrep", "-R", "-n", "-i", SEARCH_WORD, corpus.pdfs], settings.timeout)
        text = f">{settings.timeout:.0f} s" if run.timed_out else f"{run.seconds:.1f} s"
        report.add(
            f"{tag}: pdfgrep -R -n -i {SEARCH_WORD}", f"{text} ({run.seconds / median:.0f}x cse-search)"
        )


def scale_web(report: Report, corpus: Corpus, cached: Corpus, index: Path, work: Path) -> None:
    """The web page on this corpus with every request a fresh query, chapter 4 republished
    and ingested half-way (tools/bench_web.py)."""
    from pipeline.engine.store import IndexStore

    say(f"\n== {corpus.label}: web, {CLIENTS} clients, a fresh query every request")
    search_dir = IndexStore(index).search_dir()
    if search_dir is None:
        raise BenchError(f"no published index in {index}")
    chapter, original = corpus.pdfs / CHANGED_CHAPTER, cached.pdfs / CHANGED_CHAPTER

    def republish() -> list[str]:
        chapter.unlink()
        copy_pdf(original, chapter, f"web-{time.time_ns()}")
        return [str(part) for part in ingest_command(corpus, index)]

    fresh_load(
        report, corpus.name, corpus.config, corpus.pdfs, index, search_dir, republish, work / "web-logs"
    )


def scale_bench(report: Report, pages: int, args: argparse.Namespace, work: Path, tools: Tools) -> None:
    """Every target of issue 17 at one scale."""
    settings = Settings(search_runs=7, noop_runs=3, pdfgrep_runs=1, latency_passes=5, timeout=900.0)
    cached = build_scaled(pages, args.corpus, report)
    corpus = linked_copy(cached, work / f"pdfs-{pages}")
    index = work / f"index-{pages}"
    scale_ingest(report, corpus, index, tools, settings)
    scale_latency(report, corpus, index, settings)
    scale_process(report, corpus, index, tools, settings)
    scale_web(report, corpus, cached, index, work / f"web-{pages}")
    scale_reingest(report, corpus, cached, index, tools, settings)
    shutil.rmtree(index, ignore_errors=True)


# ------------------------------------------------------------------------------ main
def bench(args: argparse.Namespace, work: Path) -> Report:
    report = Report()
    tools = Tools()
    for name, package, present in (
        ("pdftotext", "poppler-utils", tools.pdftotext),
        ("pdfgrep", "pdfgrep", tools.pdfgrep),
    ):
        if not present:
            report.note(f"{name} is not installed (apt install {package}): its baseline is skipped")
    settings = Settings(
        search_runs=3 if args.quick else 7,
        noop_runs=3,
        pdfgrep_runs=1 if args.quick else 3,
        latency_passes=2 if args.quick else 5,
        timeout=120.0,
    )
    console_script("cse-toolkit")
    console_script("cse-search")

    if args.scale_only:
        for pages in args.scale:
            scale_bench(report, pages, args, work, tools)
        return report

    # 1x: the sample toolkit.
    one = build_sample_copies(work, "1x", 1)
    index = work / "index-1x"
    cold_ingest(report, one, index, tools, settings, at_scale=False)
    noop_reingest(report, one, index, settings, NOOP_SAMPLE_S)
    search_process(report, one, index, tools, settings, pdfgrep_target=False)
    inprocess_latency(report, one, index, settings, target=False)
    changed_reingest(report, one, index, settings)

    # The web page under load, with a chapter republished half-way (tools/bench_web.py).
    say(f"\n== web: {CLIENTS} clients against /api/search, an ingest half-way")
    web_load(report, work / "web", QUERIES, 6.0 if args.quick else WEB_SECONDS)

    if args.quick:
        # Search latency as the index grows, quickly (3x the sample).
        corpus = build_sample_copies(work, "3x", 3)
        scaled_index = work / "index-3x"
        say(f"\n== {corpus.label}: ingest, then in-process search latency")
        run = ingest(corpus, scaled_index, settings.timeout)
        check_indexed(report, corpus, scaled_index, run)
        report.add(
            f"{corpus.name}: cold ingest", f"{run.seconds:.2f} s, {corpus.pages / run.seconds:.0f} pages/s"
        )
        inprocess_latency(report, corpus, scaled_index, settings, target=False)
        return report

    # Issue 17's targets at each scale asked for (10,000 pages by default).
    for pages in args.scale:
        scale_bench(report, pages, args, work, tools)
    return report


def code_version() -> str:
    """The commit measured, and whether pipeline/ differs from it ("unknown" without git)."""
    try:
        commit = subprocess.run(
            ["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", str(REPO), "status", "--porcelain", "--", "pipeline"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return f"{commit} (pipeline/ modified)" if dirty else commit


def describe_corpus(args: argparse.Namespace) -> str:
    if args.quick:
        return "quick run: 1x, 3x; no 30x and no 3,000-page corpus"
    return "the sample toolkit; " + ", ".join(f"{p:,}" for p in args.scale) + " pages of real PDFs"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="Smaller run (no 3,000-page corpus, no 30x).")
    parser.add_argument(
        "--corpus",
        type=Path,
        default=DEFAULT_CORPUS,
        help=f"Folder of readable real-world PDFs (default {DEFAULT_CORPUS}).",
    )
    parser.add_argument("--keep", action="store_true", help="Keep the temporary corpora and indexes.")
    parser.add_argument(
        "--scale",
        type=lambda text: tuple(int(p.replace("_", "")) for p in text.split(",") if p.strip()),
        default=DEFAULT_SCALES,
        help="Page counts of the real-PDF corpora, comma-separated (default 10000; e.g. 700,3000,10000).",
    )
    parser.add_argument(
        "--scale-only", action="store_true", help="Only the --scale corpora (no 1x sample run)."
    )
    args = parser.parse_args(argv)

    started = time.perf_counter()
    work = Path(tempfile.mkdtemp(prefix="cse-bench-"))
    say(f"CSE Toolkit Search benchmark ({describe_corpus(args)}); {os.cpu_count()} CPUs; work dir {work}")
    load_before = os.getloadavg()[0]
    version_before = code_version()
    say(f"code measured: commit {version_before}")
    try:
        report = bench(args, work)
    except BenchError as exc:
        say(f"\nbench failed: {exc}")
        return 1
    except Exception:
        traceback.print_exc()
        say("\nbench crashed (see the traceback above)")
        return 1
    finally:
        if args.keep:
            say(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    elapsed = time.perf_counter() - started
    version_after = code_version()
    if version_after != version_before:
        report.notes.append(f"the code changed during the run: {version_before} -> {version_after}")
    else:
        report.notes.append(f"code measured: commit {version_after}")
    report.notes.append(
        f"1-minute load average {load_before:.2f} at the start, {os.getloadavg()[0]:.2f} at the end "
        f"({os.cpu_count()} CPUs): other work on the machine makes every figure noisier"
    )
    say("\n" + report.table())
    if report.notes:
        say("\nNotes:\n" + "\n".join(f"- {n}" for n in report.notes))
    failed = sum(1 for r in report.rows if r.result == "FAIL")
    passed = sum(1 for r in report.rows if r.result == "PASS")
    skipped = sum(1 for r in report.rows if r.result == "SKIP")
    say(f"\n{passed} PASS, {failed} FAIL, {skipped} SKIP; bench wall time {elapsed:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
