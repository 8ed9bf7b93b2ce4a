"""Shared fixtures: the shipped sample toolkit ingested once into a real index on disk."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from pipeline.cli import search_command, toolkit_group

pytest_plugins = ("tests.browser",)  # the browser tests' server, Chromium and axe-core

REPO = Path(__file__).resolve().parent.parent
SAMPLE_PDFS = REPO / "pdfs"
SAMPLE_CONFIG = REPO / "config" / "toolkit.yaml"
# Real-world PDFs kept beside the repository (never inside it); CSE_TEST_CORPUS overrides.
CORPUS = Path(os.environ.get("CSE_TEST_CORPUS", REPO.parent / "shared" / "corpus"))

# `make mutate` (tools/mutate.py): mutmut first runs the tests once with MUTANT_UNDER_TEST
# "stats" to learn which tests reach which function. Only this process can report that; a
# tool run as a subprocess would inherit the variable and fail looking for mutmut's settings
# in its own working folder. mutmut keeps its own copy in this process, so the variable can
# go (while a mutant itself is tested it stays, and subprocesses run that mutant too).
if os.environ.get("MUTANT_UNDER_TEST") == "stats":
    del os.environ["MUTANT_UNDER_TEST"]


def corpus_dir(kind: str) -> Path:
    """A folder of real-world PDFs shared beside the repository; tests skip without it."""
    path = CORPUS / kind
    if not path.is_dir():
        pytest.skip(f"real-world corpus not found at {path} (set CSE_TEST_CORPUS to its folder)")
    return path


@pytest.fixture(scope="session")
def sample_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample toolkit ingested into a fresh index (read-only for tests)."""
    index = tmp_path_factory.mktemp("sample") / "index"
    result = Place(SAMPLE_CONFIG, SAMPLE_PDFS, index).ingest()
    assert result.exit_code == 0, result.output
    return index


@pytest.fixture
def sample_copy(tmp_path: Path) -> tuple[Path, Path]:
    """A writable copy of the sample PDFs and config: (pdfs dir, config path)."""
    pdfs = tmp_path / "pdfs"
    shutil.copytree(SAMPLE_PDFS, pdfs)
    config = tmp_path / "toolkit.yaml"
    shutil.copy(SAMPLE_CONFIG, config)
    return pdfs, config


@pytest.fixture
def cse_search(sample_index: Path) -> Callable[..., Result]:
    """Run `cse-search` against the sample index through click's CliRunner."""

    def run(*args: str) -> Result:
        return cli_search(SAMPLE_CONFIG, sample_index, *args)

    return run


def toolkit(*args: str) -> Result:
    """Run `cse-toolkit` through click's CliRunner."""
    return CliRunner().invoke(toolkit_group, list(args))


def exited(result: Result, code: int) -> None:
    """The command ended with exit `code` as the SPEC's codes say, by a clean exit (never an
    exception other than the SystemExit that carries a non-zero code), with no traceback."""
    assert result.exit_code == code, result.output
    if code == 0:
        assert result.exception is None, repr(result.exception)
    else:
        assert isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output


def search_answer(result: Result) -> dict[str, Any]:
    """The object `cse-search --json` printed, with the one exit code it must come with:
    0 when there are results, 1 when there are none (SPEC)."""
    payload: dict[str, Any] = json.loads(result.stdout)
    exited(result, 0 if payload["results"] else 1)
    return payload


def search_line(config: Path, index: Path, *args: str) -> list[str]:
    """A `cse-search` command line on this config and index (for CliRunner or a subprocess)."""
    return [*args, "--config", str(config), "--index", str(index)]


def cli_search(config: Path, index: Path, *args: str) -> Result:
    """`cse-search` on this config and index, through click's CliRunner."""
    return CliRunner().invoke(search_command, search_line(config, index, *args))


@dataclass(frozen=True)
class Place:
    """A toolkit on disk for one test: its config, PDFs folder and index, and the real
    commands run on them through click's CliRunner (every test's --config/--pdfs/--index)."""

    config: Path
    pdfs: Path
    index: Path

    @classmethod
    def under(cls, root: Path) -> Place:
        """root/toolkit.yaml, root/pdfs and root/index."""
        return cls(root / "toolkit.yaml", root / "pdfs", root / "index")

    @property
    def root(self) -> Path:
        """The folder holding the config (Place.under's root)."""
        return self.config.parent

    def args(self, *args: str) -> list[str]:
        """A `cse-toolkit` command line with these paths (for a subprocess)."""
        return [*args, "--config", str(self.config), "--pdfs", str(self.pdfs), "--index", str(self.index)]

    def run(self, *args: str) -> Result:
        """`cse-toolkit` with these paths, through click's CliRunner."""
        return CliRunner().invoke(toolkit_group, self.args(*args))

    def ingest(self, *extra: str) -> Result:
        return self.run("ingest", *extra)

    def search_args(self, *args: str) -> list[str]:
        """A `cse-search` command line with this config and index (for a subprocess)."""
        return search_line(self.config, self.index, *args)

    def text_search(self, *args: str) -> Result:
        return cli_search(self.config, self.index, *args)

    def search(self, *args: str) -> tuple[Result, dict[str, Any]]:
        """`cse-search --json`, and what it printed (empty if nothing)."""
        result = self.text_search(*args, "--json")
        return result, (json.loads(result.stdout) if result.stdout.strip() else {})


def make_place(root: Path, config: str) -> Place:
    """A Place under `root` with this config and an empty PDFs folder."""
    place = Place.under(root)
    place.pdfs.mkdir(parents=True, exist_ok=True)
    place.config.write_text(config, encoding="utf-8")
    return place
