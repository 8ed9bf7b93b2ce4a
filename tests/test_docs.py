"""The documentation that is generated stays in step with the code."""

from __future__ import annotations

import re

from tools.command_reference import TARGET, reference
from tools.screenshot import README_SHOTS

REPO = TARGET.parent.parent


def test_command_reference_matches_the_commands_help() -> None:
    assert TARGET.read_text(encoding="utf-8") == reference(), "run: python tools/command_reference.py"


def test_every_command_has_an_example_in_its_help() -> None:
    text = reference()
    for section in text.split("\n### ")[1:]:
        assert "Example" in section, section.splitlines()[0]


def test_the_readmes_pictures_of_the_web_page_are_made_by_make_docs() -> None:
    """Every picture of the page the README shows is one `make docs` retakes from the
    running page (tools/screenshot.py), so none can show a sentence the page no longer says."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    shown = set(re.findall(r"docs/(web-[\w-]+\.png)", readme))
    made = {name for name, *_ in README_SHOTS}
    docs_target = (REPO / "Makefile").read_text(encoding="utf-8").split("\ndocs:")[1].split("\n\n")[0]
    assert (shown, "tools/screenshot.py" in docs_target) == (made, True)
    assert all((REPO / "docs" / name).is_file() for name in made)
