"""A toolkit home made by an older version keeps working after an upgrade (issue 27): its
index, in an older format, is rebuilt by the next ingest, which says so, and the history of
past ingests is kept.

The older versions are real ones: this repository's own history, checked out with `git
archive` and run with this interpreter. Without that history (a shallow clone, an unpacked
sdist) the test skips and says why.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli import search_command, toolkit_group
from pipeline.engine.index import SCHEMA_VERSION
from tests.conftest import REPO

# The first version that kept a history of ingests, and the last whose index format was 4.
OLDER_VERSIONS = {
    "first with a history": "2ead6413da409f91bc37b0adfc0301d05a471f02",
    "last with index format 4": "43ad4e18007665e46d09d6f9f451132b03b4a1f9",
}


def checked_out(commit: str, folder: Path) -> Path:
    """The package, sample PDFs and config as they were at `commit`, in `folder`."""
    git = shutil.which("git")
    if git is None or not (REPO / ".git").exists():
        pytest.skip("needs git and this repository's history to run an older version")
    archive = subprocess.run(
        [git, "archive", "--format=tar", commit, "pipeline", "pdfs", "config"],
        cwd=REPO,
        capture_output=True,
        check=False,
    )
    if archive.returncode != 0:
        pytest.skip(f"commit {commit} is not in this clone (a shallow clone?): {archive.stderr.decode()}")
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(folder, filter="data")
    return folder


@pytest.mark.parametrize("version", OLDER_VERSIONS)
def test_a_home_made_by_an_older_version_is_rebuilt_at_the_next_ingest_and_keeps_its_history(
    version: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = checked_out(OLDER_VERSIONS[version], tmp_path / "home")
    old = subprocess.run(
        [sys.executable, "-c", "from pipeline.cli import toolkit_main; toolkit_main()", "ingest"],
        cwd=home,
        env={**os.environ, "PYTHONPATH": str(home), "CSE_HOME": str(home)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert old.returncode == 0, old.stderr
    shutil.rmtree(home / "pipeline")  # from here on, only this version's code
    stamp = json.loads(next((home / "index").glob("gen-*/search/schema.json")).read_text())
    assert stamp["schema_version"] < SCHEMA_VERSION
    history = (home / "index" / "history.jsonl").read_text(encoding="utf-8")
    monkeypatch.chdir(home)
    runner = CliRunner(env={"CSE_HOME": None, "CSE_CONFIG": None, "CSE_PDFS": None, "CSE_INDEX": None})

    before = runner.invoke(search_command, ["pharmacies"])
    assert (before.exit_code, before.output) == (
        2,
        "error: the search index was built by another version of this tool: run `cse-toolkit ingest` "
        "to rebuild it\n",
    )
    upgraded = runner.invoke(toolkit_group, ["ingest"])
    assert upgraded.exit_code == 0, upgraded.output
    assert upgraded.output.splitlines()[1:3] == [
        f"The index was made by an older version of this tool (index format {stamp['schema_version']}; "
        f"this version's is {SCHEMA_VERSION}), so it was rebuilt from the PDFs; the history of past "
        "ingests is kept.",
        "No PDF changed since the previous ingest.",
    ]
    assert "Warnings" not in upgraded.output
    after = (home / "index" / "history.jsonl").read_text(encoding="utf-8")
    assert after.startswith(history) and after.count("\n") == history.count("\n") + 1
    found = runner.invoke(search_command, ["pharmacies", "--role", "pharmacist", "--json"])
    assert found.exit_code == 0, found.output
    hit = json.loads(found.stdout)["results"][0]
    assert (hit["section"], hit["page"]) == ("pharmacies", "74")
    again = runner.invoke(toolkit_group, ["ingest"])
    assert again.output.splitlines()[0] == "Nothing changed since the last ingest; the index is up to date."
