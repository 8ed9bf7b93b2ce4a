"""Which languages this machine's Tesseract can read, to check `ocr.languages` against.

Lives with the config because a language that is not installed is a config problem,
reported with its place before any work starts; the OCR itself runs in the ingest.
"""

from __future__ import annotations

import functools
import shutil
import subprocess

# The one command that installs OCR (OCRmyPDF with Tesseract and its English data).
INSTALL_OCR = "apt-get install -y ocrmypdf tesseract-ocr-eng"


@functools.lru_cache(maxsize=1)
def installed_languages() -> frozenset[str] | None:
    """Tesseract's installed languages, or None when Tesseract is not installed (then the
    ingest says how to install OCR when a page needs it)."""
    command = shutil.which("tesseract")
    if command is None:
        return None
    try:
        done = subprocess.run(
            [command, "--list-langs"], capture_output=True, text=True, timeout=30, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    # Tesseract 4+ prints the list on stdout, 3.x on stderr; the first line is a heading.
    lines = (done.stdout or done.stderr).splitlines()[1:]
    return frozenset(line.strip() for line in lines if line.strip())


def package_for(language: str) -> str:
    """Debian's package for a Tesseract language: chi_sim -> tesseract-ocr-chi-sim."""
    return "tesseract-ocr-" + language.lower().replace("_", "-")
