"""Nothing on the command path needs a Unix-only module (issue 14, item 8): a council
Windows laptop runs every command. Imports are checked with those modules made
unavailable; the index's `current` pointer works where symlinks cannot be made."""

from __future__ import annotations

import json
import pkgutil
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import pipeline
from pipeline.cli import toolkit_group
from tests.conftest import REPO, SAMPLE_CONFIG, SAMPLE_PDFS, Place, search_line

# Standard modules that exist on POSIX only.
UNIX_ONLY = ("fcntl", "termios", "tty", "pty", "grp", "pwd", "resource", "syslog", "posix")

WITHOUT_UNIX_MODULES = textwrap.dedent(
    f"""
    import sys
    for name in {UNIX_ONLY!r}:
        if name != "posix":  # os needs it on this machine; it is checked below instead
            sys.modules[name] = None  # any import of it now raises ImportError
    import importlib, json, pkgutil
    import pipeline
    loaded = []
    for module in pkgutil.walk_packages(pipeline.__path__, "pipeline."):
        importlib.import_module(module.name)
        loaded.append(module.name)
    from click.testing import CliRunner
    from pipeline.cli import search_command, toolkit_group
    runner = CliRunner()
    commands = [(search_command, [])] + [(toolkit_group, [name]) for name in sorted(toolkit_group.commands)]
    for command, args in commands:
        result = runner.invoke(command, [*args, "--help"])
        assert result.exit_code == 0, (args, result.output)
    result = runner.invoke(search_command, sys.argv[1:])
    assert result.exit_code == 0, result.output
    print(len(loaded), len(commands), json.loads(result.stdout)["results"][0]["page"])
    """
)


def test_every_module_and_command_loads_and_a_search_answers_without_unix_only_modules(
    sample_index: Path,
) -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            WITHOUT_UNIX_MODULES,
            *search_line(SAMPLE_CONFIG, sample_index, "pharmacies", "--json", "--limit", "1"),
        ],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    modules = len(list(pkgutil.walk_packages(pipeline.__path__, "pipeline.")))
    commands = 1 + len(toolkit_group.commands)  # type: ignore[attr-defined]
    assert done.stdout == f"{modules} {commands} 74\n"


def test_no_pipeline_module_names_a_unix_only_module_at_import_time() -> None:
    """The lock's platform modules are imported inside functions, never at the top."""
    offenders = []
    for path in sorted((REPO / "pipeline").rglob("*.py")):
        for line in path.read_text(encoding="utf-8").splitlines():
            words = line.split()
            top_level_import = line[:1] != " " and len(words) >= 2 and words[0] in ("import", "from")
            if top_level_import and words[1].split(".")[0] in UNIX_ONLY:
                offenders.append(f"{path.relative_to(REPO)}: {line}")
    assert offenders == []


def refused(self: Path, target: object, target_is_directory: bool = False) -> None:
    raise OSError(1314, "A required privilege is not held by the client")


@pytest.fixture(scope="module")
def pointer_index(tmp_path_factory: pytest.TempPathFactory) -> Place:
    """The sample ingested as on Windows without the symlink privilege (or on a FAT
    drive): `current` is then a file naming the generation, replaced atomically."""
    place = Place(SAMPLE_CONFIG, SAMPLE_PDFS, tmp_path_factory.mktemp("no-symlinks") / "index")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Path, "symlink_to", refused)
        ingest = place.ingest()
    assert ingest.exit_code == 0, ingest.output
    return place


def test_current_is_a_file_naming_the_generation_where_symlinks_cannot_be_made(pointer_index: Place) -> None:
    current = pointer_index.index / "current"
    assert (current.is_symlink(), current.read_text(encoding="utf-8")) == (False, "gen-000001")


def test_search_reads_the_current_file(pointer_index: Place) -> None:
    found = pointer_index.text_search("pharmacies", "--json", "--limit", "1")
    assert found.exit_code == 0, found.output
    first = json.loads(found.stdout)["results"][0]
    assert (first["section"], first["page"]) == ("pharmacies", "74")


def test_a_second_ingest_replaces_the_current_file(pointer_index: Place, tmp_path: Path) -> None:
    copy = Place(pointer_index.config, pointer_index.pdfs, tmp_path / "index")
    shutil.copytree(pointer_index.index, copy.index)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Path, "symlink_to", refused)
        again = copy.ingest("--force")
    assert again.exit_code == 0, again.output
    assert (copy.index / "current").read_text(encoding="utf-8") == "gen-000002"
