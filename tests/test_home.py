"""Every command finds the toolkit from any folder (issue 14, item 1): CSE_HOME, the nearest
config/toolkit.yaml above the current folder, then the user configuration folder."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from pipeline.cli import search_command, toolkit_group
from pipeline.config.home import locate
from tests.conftest import SAMPLE_CONFIG, SAMPLE_PDFS

UNSET = {"CSE_HOME": None, "CSE_CONFIG": None, "CSE_PDFS": None, "CSE_INDEX": None}


def make_home(folder: Path, index: Path) -> Path:
    """A toolkit home: config/toolkit.yaml, pdfs/ and index/ (the sample's, linked)."""
    (folder / "config").mkdir(parents=True)
    shutil.copy(SAMPLE_CONFIG, folder / "config" / "toolkit.yaml")
    (folder / "pdfs").symlink_to(SAMPLE_PDFS, target_is_directory=True)
    (folder / "index").symlink_to(index, target_is_directory=True)
    return folder


def search(*args: str, env: dict[str, str | None]) -> Result:
    return CliRunner(env={**UNSET, **env}).invoke(search_command, [*args, "--json"])


def first_section(result: Result) -> str:
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)["results"][0]["section"]


@pytest.fixture
def xdg(tmp_path: Path) -> Path:
    """An empty user configuration root, so the tester's own never answers."""
    path = tmp_path / "xdg"
    path.mkdir()
    return path


def test_search_from_a_folder_below_the_home(
    tmp_path: Path, sample_index: Path, xdg: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = make_home(tmp_path / "toolkit", sample_index)
    (home / "notes" / "2024").mkdir(parents=True)
    monkeypatch.chdir(home / "notes" / "2024")
    assert first_section(search("pharmacies", env={"XDG_CONFIG_HOME": str(xdg)})) == "pharmacies"


def test_search_from_anywhere_with_cse_home(
    tmp_path: Path, sample_index: Path, xdg: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = make_home(tmp_path / "toolkit", sample_index)
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")
    env = {"CSE_HOME": str(home), "XDG_CONFIG_HOME": str(xdg)}
    assert first_section(search("pharmacies", env=env)) == "pharmacies"


def test_search_from_anywhere_with_the_user_configuration_folder(
    tmp_path: Path, sample_index: Path, xdg: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_home(xdg / "cse-toolkit", sample_index)
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")
    assert first_section(search("pharmacies", env={"XDG_CONFIG_HOME": str(xdg)})) == "pharmacies"


def test_roles_from_a_folder_below_the_home(
    tmp_path: Path, sample_index: Path, xdg: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = make_home(tmp_path / "toolkit", sample_index)
    monkeypatch.chdir(home / "config")
    result = CliRunner(env={**UNSET, "XDG_CONFIG_HOME": str(xdg)}).invoke(toolkit_group, ["roles"])
    assert result.exit_code == 0, result.output
    assert "pharmacist" in result.stdout


def test_no_toolkit_found_says_where_it_looked_and_what_to_do(
    tmp_path: Path, xdg: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = search("consent", env={"XDG_CONFIG_HOME": str(xdg)})
    assert result.exit_code == 2, result.output
    here = tmp_path.resolve()
    assert result.stderr == (
        f"error: no toolkit found from {here}.\n"
        "Looked for config/toolkit.yaml in, in order:\n"
        "  1. CSE_HOME (not set)\n"
        f"  2. {here} and every folder above it\n"
        f"  3. {xdg / 'cse-toolkit'} (your user configuration folder)\n"
        "Run the command inside the toolkit's folder, set CSE_HOME to that folder,\n"
        "or pass --config PATH (or set CSE_CONFIG).\n"
    )


def test_cse_home_without_a_config_is_an_error_not_a_fall_through(
    tmp_path: Path, sample_index: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_home(tmp_path / "toolkit", sample_index)
    monkeypatch.chdir(tmp_path / "toolkit")  # a home is right here, but CSE_HOME names another
    result = search("consent", env={"CSE_HOME": str(tmp_path)})
    assert result.exit_code == 2, result.output
    assert result.stderr == (
        f"error: CSE_HOME={tmp_path} has no config/toolkit.yaml: a toolkit home holds "
        "config/toolkit.yaml, pdfs/ and index/ (unset CSE_HOME or point it at that folder)\n"
    )


# --------------------------------------------------------------------------- the order
def test_cse_home_comes_before_the_folder_above(tmp_path: Path, xdg: Path) -> None:
    for name in ("named", "here"):
        (tmp_path / name / "config").mkdir(parents=True)
        (tmp_path / name / "config" / "toolkit.yaml").write_text("chapters: []\n")
    env = {"CSE_HOME": str(tmp_path / "named"), "XDG_CONFIG_HOME": str(xdg)}
    home = locate(None, None, None, cwd=tmp_path / "here", environ=env)
    assert home.config == (tmp_path / "named" / "config" / "toolkit.yaml").resolve()


def test_the_folder_above_comes_before_the_user_folder(tmp_path: Path, xdg: Path) -> None:
    for folder in (tmp_path / "here", xdg / "cse-toolkit"):
        (folder / "config").mkdir(parents=True)
        (folder / "config" / "toolkit.yaml").write_text("chapters: []\n")
    (tmp_path / "here" / "deeper").mkdir()
    home = locate(None, None, None, cwd=tmp_path / "here" / "deeper", environ={"XDG_CONFIG_HOME": str(xdg)})
    assert home.index == (tmp_path / "here" / "index").resolve()


def test_options_come_before_the_home(tmp_path: Path, xdg: Path) -> None:
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "toolkit.yaml").write_text("chapters: []\n")
    home = locate(None, None, Path("/elsewhere/index"), cwd=tmp_path, environ={"XDG_CONFIG_HOME": str(xdg)})
    assert (home.config, home.pdfs, home.index) == (
        Path("config/toolkit.yaml"),
        Path("pdfs"),
        Path("/elsewhere/index"),
    )
