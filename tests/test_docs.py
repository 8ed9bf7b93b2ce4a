"""The documentation that is generated stays in step with the code."""

from __future__ import annotations

from tools.command_reference import TARGET, reference


def test_command_reference_matches_the_commands_help() -> None:
    assert TARGET.read_text(encoding="utf-8") == reference(), "run: python tools/command_reference.py"


def test_every_command_has_an_example_in_its_help() -> None:
    text = reference()
    for section in text.split("\n### ")[1:]:
        assert "Example" in section, section.splitlines()[0]
