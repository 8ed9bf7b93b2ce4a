"""Write docs/commands.md from the commands' own --help, so the reference never drifts.

python tools/command_reference.py          # rewrite docs/commands.md
python tools/command_reference.py --check  # exit 1 if it is out of date (the tests do this)
"""

from __future__ import annotations

import sys
from pathlib import Path

import click
from click.testing import CliRunner

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from pipeline.cli import search_command, toolkit_group  # noqa: E402

TARGET = REPO / "docs" / "commands.md"


def _help(command: click.Command, args: list[str], prog: str) -> str:
    result = CliRunner().invoke(command, [*args, "--help"], prog_name=prog, terminal_width=100)
    return result.output.rstrip()


def reference() -> str:
    parts = [
        "# Command reference",
        "",
        "Generated from each command's `--help` by `tools/command_reference.py`; do not edit by hand.",
        "",
        "## cse-search",
        "",
        "```",
        _help(search_command, [], "cse-search"),
        "```",
        "",
        "## cse-toolkit",
        "",
        "```",
        _help(toolkit_group, [], "cse-toolkit"),
        "```",
    ]
    assert isinstance(toolkit_group, click.Group)
    for name in sorted(toolkit_group.commands):
        parts += [
            "",
            f"### cse-toolkit {name}",
            "",
            "```",
            _help(toolkit_group, [name], "cse-toolkit"),
            "```",
        ]
    return "\n".join(parts) + "\n"


def main(argv: list[str]) -> int:
    text = reference()
    if "--check" in argv:
        if not TARGET.exists() or TARGET.read_text(encoding="utf-8") != text:
            print(f"{TARGET} is out of date: run python tools/command_reference.py", file=sys.stderr)
            return 1
        return 0
    TARGET.write_text(text, encoding="utf-8")
    print(f"wrote {TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
