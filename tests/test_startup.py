"""`cse-search` starts fast: it never loads the PDF libraries, the YAML parser, or the
modules its libraries import but a search never uses (pipeline/engine/startup.py)."""

from __future__ import annotations

import hashlib
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from tests.conftest import REPO, SAMPLE_CONFIG, search_line

SEARCH = """
import gc
import sys
from pipeline.entry import search_main
from pipeline.engine.startup import STAND_IN_DOC
sys.argv = ["cse-search", *sys.argv[1:]]
try:
    search_main()
except SystemExit as exit:
    print("exit", exit.code)
print("collector", "on" if gc.isenabled() else "off")
real = [name for name, module in sys.modules.items() if vars(module).get("__doc__") != STAND_IN_DOC]
print("loaded", " ".join(sorted(real)))
"""


def run_search(config: Path, index: Path, query: str = "pharmacies") -> tuple[str, set[str]]:
    """`cse-search pharmacies` (or another query) in a fresh interpreter: its output, its
    exit code, and the modules it loaded (a stand-in whose real module was never needed is
    not counted)."""
    result = subprocess.run(
        [sys.executable, "-c", SEARCH, *search_line(config, index, query)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    output, _, loaded = result.stdout.rpartition("loaded ")
    return output, set(loaded.split())


def run_trimmed(code: str) -> str:
    """`code` in a fresh interpreter after cse-search's start-up trims: what it prints."""
    prelude = "from pipeline.engine.startup import trim_engine_imports\ntrim_engine_imports()\n"
    result = subprocess.run(
        [sys.executable, "-c", prelude + code], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_cse_search_does_not_import_pdf_libraries_or_yaml(sample_index: Path) -> None:
    output, loaded = run_search(SAMPLE_CONFIG, sample_index)
    assert "Pharmacies — Chapter 4: Health Services, p. 74" in output
    assert "whoosh" in loaded  # the check itself works
    assert not loaded & {"pypdf", "pdfplumber", "pypdfium2", "pdfminer", "yaml", "asyncio"}


def test_cse_search_does_not_import_what_its_libraries_import_for_other_jobs(sample_index: Path) -> None:
    _, loaded = run_search(SAMPLE_CONFIG, sample_index)
    unused = {
        "shutil",
        "hashlib",
        "_hashlib",
        "tempfile",
        "random",
        "calendar",
        "html",
        "difflib",
        "textwrap",
    }
    unused |= {"whoosh.lang.morph_en", "whoosh.lang.porter", "whoosh.lang.dmetaphone"}
    assert sorted(loaded & unused) == []


def test_cse_search_reads_english_words_from_the_index_without_importing_wordfreq(sample_index: Path) -> None:
    """Spelling inside a question needs to know which words are common English: the
    ingest kept wordfreq's list with the index, so a search never pays for its import."""
    output, loaded = run_search(SAMPLE_CONFIG, sample_index, "foster child went mising overnight")
    assert "Showing results for 'foster child went missing overnight'" in output
    assert not {name for name in loaded if name.split(".")[0] in {"wordfreq", "langcodes", "ftfy", "regex"}}


def test_cse_search_answers_with_exit_0(sample_index: Path) -> None:
    output, _ = run_search(SAMPLE_CONFIG, sample_index)
    assert "exit 0" in output


def test_cse_search_switches_the_cycle_collector_back_on_after_start_up(sample_index: Path) -> None:
    """entry.py turns the collector off only while the modules load."""
    output, _ = run_search(SAMPLE_CONFIG, sample_index)
    assert "collector on" in output


def test_the_cse_search_console_script_starts_at_the_entry_module() -> None:
    """The collector and the stand-ins must be set up before pipeline.cli is imported."""
    scripts = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]
    assert scripts["cse-search"] == "pipeline.entry:search_main"


def test_cse_search_reads_the_config_when_it_changed_since_the_ingest(
    sample_index: Path, tmp_path: Path
) -> None:
    """The snapshot is only a shortcut: an edited config is validated and used as it is now."""
    config = tmp_path / "toolkit.yaml"
    config.write_text(SAMPLE_CONFIG.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    _, loaded = run_search(config, sample_index)
    assert "yaml" in loaded


def test_cse_search_reports_a_config_broken_since_the_ingest(sample_index: Path, tmp_path: Path) -> None:
    """The config the last ingest saw was valid; an edit that breaks it is a config error
    naming the file and key (exit 2), never a search of the old snapshot."""
    config = tmp_path / "toolkit.yaml"
    text = SAMPLE_CONFIG.read_text(encoding="utf-8")
    config.write_text(text + "ocr: sometimes\n", encoding="utf-8")
    ocr_line = len(text.splitlines()) + 1
    result = subprocess.run(
        [sys.executable, "-c", SEARCH, *search_line(config, sample_index, "pharmacies")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (result.stdout.splitlines()[0], result.stderr.splitlines()) == (
        "exit 2",
        [
            f"error: {config}: 1 problem; nothing was changed:",
            f"  - ocr (line {ocr_line}): 'sometimes' is not an OCR mode (use one of: auto, always, never)",
        ],
    )


def test_a_stand_in_module_loads_the_real_one_when_used() -> None:
    assert run_trimmed("import tempfile, os\nprint(os.path.isdir(tempfile.gettempdir()))") == "True"


def test_a_function_imported_from_a_stand_in_calls_the_real_one() -> None:
    code = "import io\nfrom shutil import copyfileobj\nout = io.BytesIO()\ncopyfileobj(io.BytesIO(b'abc'), out)\nprint(out.getvalue())"
    assert run_trimmed(code) == "b'abc'"


def test_a_stand_in_function_pickles_as_the_real_one() -> None:
    """Whoosh pickles a schema's analysers, which name the porter stemmer."""
    code = "import pickle\nfrom whoosh.lang.porter import stem\nimport whoosh.lang.porter as real\nprint(pickle.loads(pickle.dumps(stem))('grooming'))"
    assert run_trimmed(code) == "groom"


def test_whoosh_md5_in_cse_search_is_hashlibs_digest() -> None:
    """Whoosh finds terms by an md5 of each; cse-search gives it CPython's own `_md5`."""
    code = "import hashlib\nprint(hashlib.md5(b'looked after', usedforsecurity=False).hexdigest())"
    assert run_trimmed(code) == hashlib.md5(b"looked after").hexdigest()


def test_an_index_read_without_memory_mapping_gives_the_same_answer(
    sample_index: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """cse-search reads the index files instead of mapping them (index.open_searcher)."""
    from pipeline.engine import search, startup
    from pipeline.engine.index import close_searchers
    from pipeline.engine.store import IndexStore

    def answer() -> list[tuple[str, str, str]]:
        close_searchers()
        found = search.search(IndexStore(sample_index).search_dir(), "looked after children", limit=20)
        return [(hit.file, hit.page, hit.snippet) for hit in found.hits]

    mapped = answer()
    monkeypatch.setattr(startup, "ONE_SHOT", True)
    assert answer() == mapped
    close_searchers()
