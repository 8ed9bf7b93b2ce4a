"""Find the PDFs in the PDFs directory, refusing by name what must not be read.

The walk applies the rule the config applies to file names (nothing outside the PDFs
directory), and names everything it will not read instead of skipping it silently: a
link pointing outside or nowhere, a named pipe or a folder called `.pdf`, a folder it
cannot open, a file name that is not UTF-8. The rest of the PDFs are still ingested.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from pipeline.errors import PdfError
from pipeline.text import printable

_KINDS = {
    stat.S_IFIFO: "a named pipe",
    stat.S_IFSOCK: "a socket",
    stat.S_IFCHR: "a device",
    stat.S_IFBLK: "a device",
    stat.S_IFDIR: "a folder",
}


@dataclass(frozen=True)
class Found:
    pdfs: tuple[Path, ...]  # regular files (or links to them inside the directory), sorted
    refused: tuple[PdfError, ...]  # what was not read, each naming the file and why


def is_pdf_name(name: str) -> bool:
    return name.lower().endswith(".pdf") and not name.startswith(".")


def find_pdfs(pdfs_dir: Path) -> Found:
    """Every PDF under the directory (any case of .pdf), in a stable order, and what was
    refused."""
    if not pdfs_dir.is_dir():
        return Found((), ())
    root = pdfs_dir.resolve()
    pdfs: list[Path] = []
    refused: list[PdfError] = []

    def unreadable_folder(error: OSError) -> None:
        folder = Path(str(error.filename))
        refused.append(
            _refused(
                _relative(folder, pdfs_dir) + "/",
                f"is a folder that cannot be read ({error.strerror}); the PDFs in it were not ingested",
                "Check the folder's permissions.",
            )
        )

    for directory, folders, files in os.walk(pdfs_dir, onerror=unreadable_folder):
        here = Path(directory)
        for name in sorted(folders):
            path = here / name
            if path.is_symlink():  # os.walk does not follow it; say so when it leads out
                problem = _link_problem(path, root, pdfs_dir)
                if problem is not None:
                    refused.append(problem)
            elif is_pdf_name(name):
                refused.append(_not_a_file(path, pdfs_dir, "a folder"))
        for name in sorted(files):
            if not is_pdf_name(name):
                continue
            path = here / name
            problem = _problem(path, root, pdfs_dir)
            if problem is None:
                pdfs.append(path)
            else:
                refused.append(problem)
    pdfs.sort(key=lambda p: _relative(p, pdfs_dir))
    refused.sort(key=lambda e: e.file)
    return Found(tuple(pdfs), tuple(refused))


def _relative(path: Path, pdfs_dir: Path) -> str:
    return path.relative_to(pdfs_dir).as_posix()


def _refused(name: str, problem: str, advice: str) -> PdfError:
    """A refusal, keyed by the name as it can be printed and stored (a name that is not
    UTF-8 cannot be written to the manifest or the history as it is)."""
    return PdfError(printable(name), problem, advice)


def _problem(path: Path, root: Path, pdfs_dir: Path) -> PdfError | None:
    name = _relative(path, pdfs_dir)
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        suggestion = os.fsencode(name).decode("cp1252", errors="replace")
        return _refused(
            name,
            "has a file name that is not valid UTF-8 (as unzipped from some archives)",
            f"Rename it, for example to {suggestion!r}, and ingest again.",
        )
    if path.is_symlink():
        problem = _link_problem(path, root, pdfs_dir)
        if problem is not None:
            return problem
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        return _refused(name, f"cannot be read ({exc.strerror})", "Check the file's permissions.")
    if not stat.S_ISREG(mode):
        return _not_a_file(path, pdfs_dir, _KINDS.get(stat.S_IFMT(mode), "not a regular file"))
    return None


def _link_problem(path: Path, root: Path, pdfs_dir: Path) -> PdfError | None:
    """A link is followed only when it leads to something inside the PDFs directory."""
    name = _relative(path, pdfs_dir)
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError):
        return _refused(
            name,
            f"is a link to {str(path.readlink())!r}, which does not exist",
            "Remove the link, or put the file it should point to in place.",
        )
    if not target.is_relative_to(root):
        return _refused(
            name,
            f"is a link to {str(target)!r}, outside the PDFs directory; links out of it are refused",
            "Copy the file into the PDFs directory instead of linking to it.",
        )
    return None


def _not_a_file(path: Path, pdfs_dir: Path, kind: str) -> PdfError:
    return _refused(
        _relative(path, pdfs_dir),
        f"is {kind}, not a PDF file",
        "Put the PDF file itself there, or rename or remove this.",
    )
