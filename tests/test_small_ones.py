"""The small ones of issue 14 (item 7): paths for `sections`, the pack message for a role
with --all, `make audit` reporting changes as a finding, help that points to nothing
unshipped, README examples quoted for the shell."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from pipeline.cli import search_command, toolkit_group
from tests.conftest import REPO, SAMPLE_CONFIG, SAMPLE_PDFS, Place
from tests.helpers import edited_chapter4, write_chapter

CH4 = "chapter-4-health-services.pdf"


def test_sections_takes_a_path_into_the_pdfs_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(SAMPLE_PDFS.parent)
    result = Place(SAMPLE_CONFIG, SAMPLE_PDFS, tmp_path / "index").run("sections", f"pdfs/{CH4}")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[:2] == [
        "Chapter 4: Health Services",
        f"  {CH4}: 22 PDF pages, printed pages 55-76 (from printed numbers)",
    ]


def test_sections_refuses_a_path_outside_the_pdfs_directory(tmp_path: Path) -> None:
    outside = tmp_path / CH4
    shutil.copy(SAMPLE_PDFS / CH4, outside)
    result = Place(SAMPLE_CONFIG, SAMPLE_PDFS, tmp_path / "index").run("sections", str(outside))
    assert (result.exit_code, result.stderr) == (
        2,
        f"error: {outside} is not in the PDFs directory {SAMPLE_PDFS}: copy it there, or pass --pdfs DIR\n",
    )


def test_pack_with_a_role_and_all_says_to_give_one(tmp_path: Path) -> None:
    result = Place(SAMPLE_CONFIG, SAMPLE_PDFS, tmp_path).run("pack", "pharmacist", "--all")
    assert (result.exit_code, result.stderr) == (
        2,
        "error: give one ROLE or --all, not both (--all already includes pharmacist)\n",
    )


def test_pack_with_neither_asks_for_one(tmp_path: Path) -> None:
    result = Place(SAMPLE_CONFIG, SAMPLE_PDFS, tmp_path).run("pack")
    assert (result.exit_code, result.stderr) == (
        2,
        "error: name one ROLE, or pass --all (see `cse-toolkit roles`)\n",
    )


def test_make_audit_reports_changes_as_a_finding(tmp_path: Path, sample_copy: tuple[Path, Path]) -> None:
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    pdfs, config = sample_copy
    index = tmp_path / "index"
    ingest = Place(config, pdfs, index).ingest()
    assert ingest.exit_code == 0, ingest.output
    write_chapter(edited_chapter4(), pdfs / CH4)
    env = {**os.environ, "CSE_CONFIG": str(config), "CSE_PDFS": str(pdfs), "CSE_INDEX": str(index)}
    bin_dir = Path(sys.executable).parent
    done = subprocess.run(
        ["make", "-s", "-o", ".venv/.installed-stamp", "audit", f"BIN={bin_dir}"],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        timeout=300,
    )
    assert (done.returncode, done.stdout.splitlines()[-1], done.stderr) == (
        0,
        "make audit: changes found since the last ingest (run make ingest to index them)",
        "",
    )


def every_help() -> list[tuple[str, str]]:
    runner = CliRunner()
    helps = [("cse-search", runner.invoke(search_command, ["--help"]).output)]
    helps.append(("cse-toolkit", runner.invoke(toolkit_group, ["--help"]).output))
    assert isinstance(toolkit_group, click.Group)
    for name in sorted(toolkit_group.commands):
        helps.append((f"cse-toolkit {name}", runner.invoke(toolkit_group, [name, "--help"]).output))
    return helps


def test_no_help_sends_people_to_the_spec() -> None:
    assert [name for name, text in every_help() if "SPEC" in text] == []


def readme_commands() -> list[str]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    lines = []
    for block in text.split("```")[1::2]:
        for line in block.splitlines():
            command = line.split("#")[0].strip().removeprefix("$ ")
            if command.startswith(("cse-search", "cse-toolkit")):
                lines.append(command)
    return lines


def test_readme_examples_quote_what_the_shell_would_take() -> None:
    """An unquoted & would run the command in the background; an unquoted "phrase" would
    reach the search as three words. The shell's own reading of each example must keep them."""
    unsafe = []
    for command in readme_commands():
        lexer = shlex.shlex(command, posix=True, punctuation_chars=True)
        words = list(lexer)
        if "&" in words or ";" in words:
            unsafe.append(command)
    assert unsafe == []


def test_readme_shows_a_quoted_phrase_and_a_quoted_ampersand() -> None:
    commands = readme_commands()
    assert (
        any("'\"looked after children\"'" in c for c in commands),
        any("'A&E'" in c for c in commands),
    ) == (True, True)
