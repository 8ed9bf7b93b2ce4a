"""`cse-search` starts fast: it never loads the PDF libraries or the YAML parser."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import SAMPLE_CONFIG

SEARCH = """
import sys
from pipeline.cli import search_main
sys.argv = ["cse-search", "pharmacies", "--config", sys.argv[1], "--index", sys.argv[2]]
try:
    search_main()
except SystemExit as exit:
    print("exit", exit.code)
print("loaded", " ".join(sorted(name for name in sys.modules if "." not in name)))
"""


def run_search(config: Path, index: Path) -> tuple[str, set[str]]:
    """`cse-search pharmacies` in a fresh interpreter: its output and the top-level modules it loaded."""
    result = subprocess.run(
        [sys.executable, "-c", SEARCH, str(config), str(index)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert "exit 0" in result.stdout
    return result.stdout, set(result.stdout.split("loaded ", 1)[1].split())


def test_cse_search_does_not_import_pdf_libraries_or_yaml(sample_index: Path) -> None:
    output, loaded = run_search(SAMPLE_CONFIG, sample_index)
    assert "Pharmacies — Chapter 4: Health Services, p. 74" in output
    assert "whoosh" in loaded  # the check itself works
    assert not loaded & {"pypdf", "pdfplumber", "pypdfium2", "pdfminer", "yaml", "asyncio"}


def test_cse_search_reads_the_config_when_it_changed_since_the_ingest(
    sample_index: Path, tmp_path: Path
) -> None:
    """The snapshot is only a shortcut: an edited config is validated and used as it is now."""
    config = tmp_path / "toolkit.yaml"
    config.write_text(SAMPLE_CONFIG.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    _, loaded = run_search(config, sample_index)
    assert "yaml" in loaded
