"""Where the toolkit lives, so every command works from any folder.

A toolkit *home* is a folder holding `config/toolkit.yaml`, with `pdfs/` and `index/`
beside `config/`. Each of the three paths comes from, first to last:

1. its option or environment variable (`--config`/`CSE_CONFIG`, `--pdfs`/`CSE_PDFS`,
   `--index`/`CSE_INDEX`), for that one path;
2. `CSE_HOME`, naming the home folder;
3. the nearest folder holding `config/toolkit.yaml`: the current folder, then each one above;
4. the user configuration folder (`~/.config/cse-toolkit` on Linux, `%LOCALAPPDATA%\\cse-toolkit`
   on Windows, `~/Library/Application Support/cse-toolkit` on macOS), when it holds
   `config/toolkit.yaml`.

Paths inside the current folder stay relative, so messages read as they always did.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from pipeline.errors import UsageError

APP_NAME = "cse-toolkit"
CONFIG_IN_HOME = Path("config") / "toolkit.yaml"
HOME_ENV = "CSE_HOME"


@dataclass(frozen=True)
class Home:
    """The three paths a command works with, and the folder they came from."""

    config: Path
    pdfs: Path
    index: Path
    folder: Path | None  # the home found; None when every path was given explicitly
    found_by: str  # how: "CSE_HOME", "above the current folder", "user configuration folder", "options"


def user_folder() -> Path:
    """The per-user home for a toolkit kept outside any project folder."""
    from platformdirs import user_config_dir  # only when the cheaper places found nothing

    return Path(user_config_dir(APP_NAME, appauthor=False, roaming=False))


def locate(
    config: Path | None,
    pdfs: Path | None,
    index: Path | None,
    *,
    cwd: Path | None = None,
    environ: Mapping[str, str] | None = None,
) -> Home:
    """Fill in the paths not given explicitly from the toolkit home (see the module doc).

    Raises UsageError, saying where it looked, when neither --config nor --index was given
    and no home is found; and when CSE_HOME names a folder without a config.
    """
    environ = os.environ if environ is None else environ
    here = (cwd or Path.cwd()).resolve()
    folder, found_by = _find_home(here, environ)
    if folder is None:
        if config is None and index is None:
            raise UsageError(not_found_message(here, environ))
        base, found_by = Path(), "options"
    else:
        base = _relative_if_inside(folder, here)
    return Home(
        config=config if config is not None else base / CONFIG_IN_HOME,
        pdfs=pdfs if pdfs is not None else base / "pdfs",
        index=index if index is not None else base / "index",
        folder=folder,
        found_by=found_by,
    )


def _find_home(here: Path, environ: Mapping[str, str]) -> tuple[Path | None, str]:
    named = environ.get(HOME_ENV, "").strip()
    if named:
        folder = Path(named).expanduser()
        if not (folder / CONFIG_IN_HOME).is_file():
            raise UsageError(
                f"{HOME_ENV}={named} has no {CONFIG_IN_HOME.as_posix()}: a toolkit home holds "
                f"{CONFIG_IN_HOME.as_posix()}, pdfs/ and index/ (unset {HOME_ENV} or point it at that folder)"
            )
        return folder.resolve(), HOME_ENV
    for folder in (here, *here.parents):
        if (folder / CONFIG_IN_HOME).is_file():
            return folder, "above the current folder"
    folder = user_folder()
    if (folder / CONFIG_IN_HOME).is_file():
        return folder, "user configuration folder"
    return None, ""


def not_found_message(here: Path, environ: Mapping[str, str]) -> str:
    home_env = environ.get(HOME_ENV, "").strip()
    return "\n".join(
        [
            f"no toolkit found from {here}.",
            f"Looked for {CONFIG_IN_HOME.as_posix()} in, in order:",
            f"  1. {HOME_ENV} ({home_env or 'not set'})",
            f"  2. {here} and every folder above it",
            f"  3. {user_folder()} (your user configuration folder)",
            f"Run the command inside the toolkit's folder, set {HOME_ENV} to that folder,",
            "or pass --config PATH (or set CSE_CONFIG).",
        ]
    )


def _relative_if_inside(folder: Path, here: Path) -> Path:
    """`folder` relative to the current folder when it is the current folder or inside it."""
    try:
        return folder.relative_to(here)
    except ValueError:
        return folder
