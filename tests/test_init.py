"""`cse-toolkit init [DIR] [--sample]` makes a toolkit home a new user can start from
(issue 27): a config template that passes the check, or the sample toolkit to try at once;
never over an existing config; and the next steps printed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli import search_command, toolkit_group
from pipeline.config import load_config
from pipeline.config.starter import TEMPLATE
from tests.conftest import SAMPLE_CONFIG, SAMPLE_PDFS, toolkit
from tests.helpers import tree_state

UNSET = {"CSE_HOME": None, "CSE_CONFIG": None, "CSE_PDFS": None, "CSE_INDEX": None}


def test_init_makes_a_home_whose_template_passes_the_config_check(tmp_path: Path) -> None:
    home = tmp_path / "cse toolkit"
    result = toolkit("init", str(home))
    assert result.exit_code == 0, result.output
    assert sorted(p.relative_to(home).as_posix() for p in home.rglob("*")) == [
        "config",
        "config/toolkit.yaml",
        "index",
        "pdfs",
    ]
    assert (home / "config" / "toolkit.yaml").read_bytes() == TEMPLATE.read_bytes()
    checked = load_config(home / "config" / "toolkit.yaml", home / "pdfs")
    assert [c.number for c in checked.chapters] == list(range(1, 10))
    assert [a.id for a in checked.audiences] == ["health", "social-care"]
    assert [r.id for r in checked.roles] == [
        "school-nurse",
        "pharmacist",
        "gp",
        "looked-after-children",
        "foster-carer",
    ]
    assert next(r for r in checked.roles if r.id == "pharmacist").sections == ("pharmacies",)
    quoted = f"'{home}'"
    assert result.output == "\n".join(
        [
            f"Made a toolkit home in {home}:",
            "  config/toolkit.yaml  a template: the toolkit's chapters, sections, audiences and roles",
            "  pdfs/                empty: the board's chapter PDFs go here",
            "  index/               the search index, built by `cse-toolkit ingest`",
            "",
            "Next:",
            f"  1. cd {quoted}",
            f"  2. copy the board's chapter PDFs into '{home / 'pdfs'}'",
            "  3. edit config/toolkit.yaml: each chapter's `file:` and title",
            "  4. cse-toolkit sections FILE --suggest       draft a chapter's sections from its PDF",
            "  5. cse-toolkit ingest                        index the PDFs",
            "  6. cse-toolkit serve                         the search as a web page on http://127.0.0.1:8000/",
            "",
            "The commands find this home when run inside it; from anywhere else, set CSE_HOME:",
            f"  export CSE_HOME={quoted}",
            "",
        ]
    )


def test_init_refuses_an_existing_config_and_writes_nothing(tmp_path: Path) -> None:
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "toolkit.yaml").write_text("chapters: []\n", encoding="utf-8")
    before = tree_state(tmp_path)
    result = toolkit("init", str(tmp_path))
    assert result.exit_code == 2
    assert result.output == (
        f"error: {tmp_path}/config/toolkit.yaml already exists: init never overwrites a config "
        "(edit it, or give init another folder)\n"
    )
    assert tree_state(tmp_path) == before
    assert toolkit("init", "--sample", str(tmp_path)).exit_code == 2
    assert tree_state(tmp_path) == before


def test_init_sample_refuses_to_overwrite_a_pdf_and_writes_nothing(tmp_path: Path) -> None:
    (tmp_path / "pdfs").mkdir()
    (tmp_path / "pdfs" / "chapter-4-health-services.pdf").write_bytes(b"the board's own")
    before = tree_state(tmp_path)
    result = toolkit("init", "--sample", str(tmp_path))
    assert result.exit_code == 2
    assert result.output == (
        f"error: {tmp_path}/pdfs/chapter-4-health-services.pdf already exists: init never "
        "overwrites a PDF (give init an empty folder for the sample)\n"
    )
    assert tree_state(tmp_path) == before


def test_init_sample_in_the_current_folder_is_searchable_after_one_ingest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = toolkit("init", "--sample")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[:11] == [
        f"Made a toolkit home in {tmp_path}:",
        "  config/toolkit.yaml  the sample toolkit's chapters, sections, audiences and roles",
        "  pdfs/                its 9 chapter PDFs (sample text written for this tool,",
        "                       not official guidance)",
        "  index/               the search index, built by `cse-toolkit ingest`",
        "",
        "Next:",
        "  1. cse-toolkit ingest                        index the sample PDFs",
        "  2. cse-search pharmacies                     search from the shell",
        "  3. cse-toolkit serve                         the search as a web page on http://127.0.0.1:8000/",
        "",
    ]
    assert (tmp_path / "config" / "toolkit.yaml").read_bytes() == SAMPLE_CONFIG.read_bytes()
    shipped = sorted(SAMPLE_PDFS.glob("*.pdf"))
    assert [p.name for p in sorted((tmp_path / "pdfs").iterdir())] == [p.name for p in shipped]
    assert all((tmp_path / "pdfs" / p.name).read_bytes() == p.read_bytes() for p in shipped)
    # Found as the home of the current folder, with no option or variable.
    runner = CliRunner(env=UNSET)
    ingested = runner.invoke(toolkit_group, ["ingest"])
    assert ingested.exit_code == 0, ingested.output
    found = runner.invoke(search_command, ["pharmacies", "--role", "pharmacist", "--json"])
    assert found.exit_code == 0, found.output
    hit = json.loads(found.stdout)["results"][0]
    assert (hit["section"], hit["page"]) == ("pharmacies", "74")


def test_an_ingest_before_any_pdf_is_copied_names_the_missing_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A board's IT person runs `init` and then `ingest` (or starts `serve --watch`, which
    ingests at once) before the PDFs are in: each missing file is named (exit 3), and the
    empty index answers a search with no results (exit 1), not an unexpected failure."""
    monkeypatch.chdir(tmp_path)
    assert toolkit("init").exit_code == 0
    runner = CliRunner(env=UNSET)

    ingested = runner.invoke(toolkit_group, ["ingest"])
    found = runner.invoke(search_command, ["pharmacies"])

    assert ingested.exit_code == 3, ingested.output
    assert (
        "  - chapter-4.pdf: is named by chapters[3].file (chapter 4) but is not in pdfs. Put the PDF "
        "there, or correct the file name in the config."
    ) in ingested.output.splitlines()
    assert (found.exit_code, found.output) == (
        1,
        "No results for 'pharmacies'.\nNo page mentions: pharmacies.\n",
    )
