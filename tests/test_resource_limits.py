"""Resource blow-ups are bounded and named (issue 18, R1-R6).

Files that would take gigabytes or minutes are made inside each test. Anything that
could exhaust the machine runs in a subprocess under an address-space limit
(`resource.setrlimit(RLIMIT_AS)`), so a regression fails the test instead of taking the
machine down; each test asserts the message that names the limit.
"""

from __future__ import annotations

import functools
import json
import random
import subprocess
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

import pytest

from pipeline.engine import synonyms
from pipeline.engine.store import IndexStore
from pipeline.engine.synonyms import MERGED_NAME, Synonyms, groups, merged
from tests.conftest import Place, make_place
from tests.hostile_pdfs import deflate_bomb, nested_forms, run_toolkit
from tools.pdfgen import Block, PageSpec, write_pdf
from tools.webserver import running_server


# --------------------------------------------------------------------------- helpers
def run_limited(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return run_toolkit(args, cwd, guard_mb=3072)


def words_pdf(path: Path, words: list[str], per_page: int = 400) -> None:
    pages = [
        PageSpec(
            blocks=(Block("heading", f"Word list {n + 1}"), Block("para", " ".join(words[i : i + per_page])))
        )
        for n, i in enumerate(range(0, len(words), per_page))
    ]
    write_pdf(path, pages)


# ------------------------------------------------------------------- R5: synonym groups
def test_chained_synonym_groups_merge_into_one() -> None:
    """Groups sharing a form merge, however long the chain and in whatever order."""
    chain = [(f"form{i}", f"form{i + 1}") for i in range(0, 3000, 2)] + [
        (f"form{i + 1}", f"form{i + 2}") for i in range(0, 3000, 2)
    ]
    merged_groups = [g for g in groups(chain) if "form0" in g]
    assert len(merged_groups[0]) == 3001


def test_search_uses_the_synonym_groups_merged_by_the_ingest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """R5: the merge is done once, at ingest, and kept with the index: a search never
    merges the groups again (here merging would fail the search)."""
    (tmp_path / "pdfs").mkdir()
    words_pdf(tmp_path / "pdfs" / "notes.pdf", ["The", "wombat", "referral", "form", "is", "here."])
    extra = "".join(f"  - [term{i}, longer form {i}, other form {i}]\n" for i in range(200))
    assert (
        make_place(tmp_path, f"chapters: []\nsynonyms:\n  - [wombat, marsupial]\n{extra}").ingest().exit_code
        == 0
    )
    generation = IndexStore(tmp_path / "index").current()
    assert generation is not None and (generation / MERGED_NAME).is_file()

    def no_merging(*args: object) -> None:
        raise AssertionError("the search merged the synonym groups again")

    monkeypatch.setattr(synonyms, "groups", no_merging)
    result = Place.under(tmp_path).text_search("marsupial", "--json")

    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["results"][0]["file"] == "notes.pdf"


def test_a_query_is_matched_only_against_the_forms_it_could_contain() -> None:
    """The query-side pattern holds the forms whose first word the query has, not all."""
    matcher = Synonyms([(f"term{i}", f"longer form {i}") for i in range(5000)])
    pattern = matcher.query_pattern("a term42 question")
    assert pattern is not None and pattern.pattern.count("|") < 10


def test_merged_groups_saved_for_other_groups_are_not_used(tmp_path: Path) -> None:
    synonyms.save_merged([("wombat", "marsupial")], tmp_path)
    assert ("koala", "phascolarctos") in merged([("koala", "phascolarctos")], tmp_path)


# ---------------------------------------------------------------------- R6: wildcards
def test_a_wildcard_matching_too_many_words_is_capped_and_said(tmp_path: Path) -> None:
    """R6: `zq*` matches 600 words; the 100 commonest are searched, and the answer says so."""
    (tmp_path / "pdfs").mkdir()
    rare = [f"zq{n:04d}x" for n in range(600)]
    common = ["zqcommonword"] * 50
    words_pdf(tmp_path / "pdfs" / "vocabulary.pdf", [*common, *rare])
    assert make_place(tmp_path, "chapters: []\n").ingest().exit_code == 0

    result = Place.under(tmp_path).text_search("zq*")

    assert result.exit_code == 0, result.output
    assert "Note: 'zq*' matches more than 100 words; only the 100 most common were searched" in result.stdout
    assert "zqcommonword" in result.stdout


def test_prefix_groups_on_a_large_vocabulary_stay_within_the_query_budget(tmp_path: Path) -> None:
    """Issue 25 item 17: `(a* OR b*) AND (a* OR c*) AND ...` on 200,000 words took 20 s
    (each a* read again, each of its words looked up one by one). A query's wildcards now
    look through MAX_WILDCARD_SCAN words in all, and the answer says which were cut short;
    on the web page too, where it holds a server thread."""
    rng = random.Random(25)
    letters = "abcdefghijklmnopqrstuvwxyz"
    words = sorted(
        {
            first + "".join(rng.choices(letters, k=rng.randint(5, 9)))
            for first in "abcde"
            for _ in range(6_000)
        }
    )
    rng.shuffle(words)
    (tmp_path / "pdfs").mkdir()
    words_pdf(tmp_path / "pdfs" / "vocabulary.pdf", words)
    assert make_place(tmp_path, "chapters: []\n").ingest().exit_code == 0
    query = "(a* OR b*) AND (a* OR c*) AND (a* OR d*) AND (a* OR e*)"

    result = Place.under(tmp_path).text_search(query)

    assert result.exit_code == 0, result.output
    cut = [
        line
        for line in result.stdout.splitlines()
        if "matches more words than one search looks through" in line
    ]
    assert [line.split("'")[1] for line in cut] == ["a*", "b*", "c*", "d*", "e*"]
    with running_server(
        tmp_path / "toolkit.yaml", tmp_path / "pdfs", tmp_path / "index", tmp_path / "logs"
    ) as server:
        page = server.get("/search?q=" + quote(query))[2].decode()
    assert page.count("matches more words than one search looks through") == 5


# ------------------------------------------------- R1, R2: memory bombs in the extraction
GOOD_WORD = "quokkas"


def bomb_workspace(root: Path, make_bomb: Callable[[Path], None]) -> tuple[Path, Path]:
    """A folder with one good PDF, ingested, then a bomb added beside it."""
    pdfs = root / "pdfs"
    pdfs.mkdir()
    words_pdf(pdfs / "good.pdf", ["The", GOOD_WORD, "referral", "pathway", "is", "here."])
    (root / "toolkit.yaml").write_text(
        "chapters: []\nlimits:\n  max_memory_mb: 512\n  seconds_per_file: 60\n", encoding="utf-8"
    )
    first = run_limited(Place.under(root).args("ingest"), root)
    assert first.returncode == 0, first.stderr
    make_bomb(pdfs / "bomb.pdf")
    return pdfs, root / "index"


@pytest.mark.parametrize(
    "make_bomb",
    [nested_forms, functools.partial(deflate_bomb, megabytes=3000)],
    ids=["nested-form-xobjects", "deflate-bomb"],
)
def test_a_memory_bomb_is_stopped_at_the_memory_limit_and_named(
    tmp_path: Path, make_bomb: Callable[[Path], None]
) -> None:
    """R1 (2 KB of nested forms), R2 (4 MB inflating to 3 GB): the worker is stopped at
    limits.max_memory_mb, the file is named with that limit, the good PDF stays searchable."""
    _, index = bomb_workspace(tmp_path, make_bomb)

    result = run_limited(Place.under(tmp_path).args("ingest"), tmp_path)

    assert result.returncode == 3, result.stdout + result.stderr
    assert "bomb.pdf: needed more memory than its limit of 512 MB (limits.max_memory_mb)" in result.stdout
    assert Place.under(tmp_path).text_search(GOOD_WORD).exit_code == 0


# ------------------------------------------------ R3: sections --suggest under the limits
def test_suggest_reads_headings_under_the_time_limit_and_names_it(tmp_path: Path) -> None:
    """R3: `sections FILE --suggest` reads fonts with pdfplumber (many times slower than
    the extraction), in a worker under the same limits as the ingest. Here the text comes
    from the ingest's cache and the heading reader meets a one-second budget."""
    (tmp_path / "pdfs").mkdir()
    pages = [
        PageSpec(
            blocks=(Block("heading", f"Section {n}"), Block("para", "Sample words about numbats. " * 60))
        )
        for n in range(1, 121)
    ]
    write_pdf(tmp_path / "pdfs" / "long.pdf", pages)
    assert make_place(tmp_path, "chapters: []\n").ingest().exit_code == 0
    (tmp_path / "toolkit.yaml").write_text("chapters: []\nlimits:\n  seconds_per_file: 1\n", encoding="utf-8")

    result = run_limited(
        Place.under(tmp_path).args("sections", "long.pdf", "--suggest"),
        tmp_path,
    )

    assert result.returncode == 3, result.stdout + result.stderr
    assert "long.pdf: took longer than 1 s to read for headings" in result.stderr
    assert "limits.seconds_per_file" in result.stderr


def test_a_bomb_in_sections_suggest_is_named_without_a_fault_dump(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 25 item 16: `sections FILE --suggest` on a compression bomb printed Python's
    fault-handler dump ("Fatal Python error: Aborted" and every thread's stack) before the
    clear message, when the fault handler is on (PYTHONFAULTHANDLER=1, as CI runs)."""
    _, index = bomb_workspace(tmp_path, functools.partial(deflate_bomb, megabytes=3000))
    monkeypatch.setenv("PYTHONFAULTHANDLER", "1")

    result = run_limited(
        Place.under(tmp_path).args("sections", "bomb.pdf", "--suggest"),
        tmp_path,
    )

    assert result.returncode == 3, result.stdout + result.stderr
    assert "bomb.pdf: needed more memory than its limit of 512 MB" in result.stderr
    assert "Fatal Python error" not in result.stderr and 'File "' not in result.stderr
