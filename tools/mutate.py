"""`make mutate`: mutation testing (mutmut) of the modules that decide what a user sees.

Each group is one or two modules with the tests that cover them, run in a work folder of
its own under .cache/mutate/<group>/ (mutmut reads its settings from the current
folder's pyproject.toml, so each group gets one with its own `[tool.mutmut]`). A group
run is bounded: one or two workers (`--jobs`), and mutmut's own timeout per mutant.

Every surviving mutant must be killed by a test or explained in docs/mutation.md (its
name in backquotes, with why it cannot or need not be killed): the run exits 1 naming
any survivor that is neither, and lists the names explained there that no longer survive
(killed since, or renumbered when their function changed) so that the list stays true. The score per group is printed as a Markdown table for
docs/mutation.md. Not in CI: a full run takes tens of minutes on two shared cores.

    python tools/mutate.py                 # every group
    python tools/mutate.py numerals pages  # some groups
    python tools/mutate.py --list          # the groups, their modules and tests
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
WORK = REPO / ".cache" / "mutate"
EXPLAINED = REPO / "docs" / "mutation.md"
SHARED_TESTS = ("tests/conftest.py", "tests/helpers.py", "tests/shapes.py")
LINKED = ("pipeline", "tests", "tools", "config", "pdfs")  # what the tests read from the repository


@dataclass(frozen=True)
class Group:
    modules: tuple[str, ...]
    tests: tuple[str, ...]


# In the order `make mutate` runs them: the quick ones first.
GROUPS: dict[str, Group] = {
    "numerals": Group(("pipeline/numerals.py",), ("tests/test_numerals.py",)),
    # test_printed_pages ingests whole documents for each mutant: its cases are in
    # test_pages as PDFs numbered directly, which is 10x faster per mutant.
    "pages": Group(("pipeline/ingest/pages.py",), ("tests/test_pages.py",)),
    # test_one_file's cases of a file holding several chapters are in test_split_file, fed
    # the pages directly: milliseconds per case rather than an ingest.
    "sections": Group(
        ("pipeline/ingest/sections.py",), ("tests/test_split_file.py", "tests/test_sections.py")
    ),
    "scope": Group(("pipeline/engine/scope.py",), ("tests/test_scope.py", "tests/test_filters.py")),
    "snippets": Group(("pipeline/engine/snippets.py",), ("tests/test_snippets.py", "tests/test_output.py")),
    # The real server runs as a subprocess, where mutmut cannot see which test reached a
    # function: test_links calls the same functions in the test process.
    "marking": Group(("pipeline/web/links.py",), ("tests/test_links.py", "tests/test_web_hostile_text.py")),
    # test_audit_compare feeds compare() two manifests (milliseconds); test_audit ingests.
    "audit": Group(("pipeline/ingest/audit.py",), ("tests/test_audit_compare.py", "tests/test_audit.py")),
    # test_edition_changes feeds new_edition() and the rest two manifests, and words what
    # they make as `changes` does (milliseconds); test_editions ingests the sample and
    # republishes its chapter 4 (seconds a module).
    "editions": Group(
        ("pipeline/ingest/editions.py", "pipeline/engine/dated.py", "pipeline/views/changes.py"),
        ("tests/test_edition_changes.py", "tests/test_editions.py"),
    ),
    "check": Group(("pipeline/config/check.py",), ("tests/test_config.py", "tests/test_hostile_config.py")),
}

STATUSES = ("killed", "survived", "no tests", "timeout", "suspicious", "skipped", "segfault")


def prepare(name: str, group: Group) -> Path:
    """The group's work folder: links to the repository's folders and a pyproject.toml
    with the group's mutmut settings. mutmut keeps its results in mutants/ there, so a
    second run only tests the mutants of functions that changed."""
    folder = WORK / name
    folder.mkdir(parents=True, exist_ok=True)
    for entry in LINKED:
        link = folder / entry
        if not link.is_symlink():
            link.symlink_to(REPO / entry)
    project = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    settings = [
        "[tool.mutmut]",
        'source_paths = ["pipeline"]',
        f"only_mutate = {list(group.modules)!r}",
        f"pytest_add_cli_args_test_selection = {list(group.tests)!r}",
        'pytest_add_cli_args = ["-p", "no:cacheprovider", "-q"]',
        'also_copy = ["tools", "config", "pdfs"]',
    ]
    written = project.rstrip() + "\n\n" + "\n".join(settings).replace("'", '"') + "\n"
    (folder / "pyproject.toml").write_text(written, encoding="utf-8")
    # mutmut notices a changed function, not a changed test: start afresh when either changes
    inputs = hashlib.sha256(written.encode())
    for path in sorted({*group.modules, *group.tests, *SHARED_TESTS}):
        inputs.update(path.encode() + b"\0" + (REPO / path).read_bytes())
    stamp = folder / "inputs.sha256"
    if not stamp.exists() or stamp.read_text() != inputs.hexdigest():
        shutil.rmtree(folder / "mutants", ignore_errors=True)
        stamp.write_text(inputs.hexdigest())
    return folder


def run_group(name: str, group: Group, jobs: int) -> dict[str, str]:
    """Run mutmut on one group; every mutant's name and status."""
    folder = prepare(name, group)
    mutmut = str(Path(sys.executable).parent / "mutmut")
    env = {**os.environ, "CSE_TEST_CORPUS": str(WORK / "no-corpus")}  # real-world PDFs: too slow here
    started = time.monotonic()
    with (folder / "run.log").open("w", encoding="utf-8") as log:  # mutmut's progress, kept out of the report
        subprocess.run(
            [mutmut, "run", "--max-children", str(jobs)],
            cwd=folder,
            env=env,
            stdout=log,
            stderr=log,
            check=False,
        )
    listed = subprocess.run(
        [mutmut, "results", "--all", "true"], cwd=folder, env=env, capture_output=True, text=True, check=True
    ).stdout
    print(f"{name}: {time.monotonic() - started:.0f} s", file=sys.stderr)
    found = {}
    for line in listed.splitlines():
        if match := re.match(r"\s+(\S+): (.+)$", line):
            found[match.group(1)] = match.group(2).strip()
    return found


def show(name: str, mutant: str) -> str:
    mutmut = str(Path(sys.executable).parent / "mutmut")
    return subprocess.run(
        [mutmut, "show", mutant], cwd=WORK / name, capture_output=True, text=True, check=False
    ).stdout


def explained() -> set[str]:
    """The survivors docs/mutation.md explains: names in backquotes of the form mutmut gives."""
    if not EXPLAINED.exists():
        return set()
    return set(re.findall(r"`(pipeline\.[\w.]+__mutmut_\d+)`", EXPLAINED.read_text(encoding="utf-8")))


def _of(group: Group, mutant: str) -> bool:
    """The mutant is of one of the group's modules (its name starts with the module's)."""
    return any(
        mutant.startswith(module.removesuffix(".py").replace("/", ".") + ".") for module in group.modules
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("groups", nargs="*", help=f"groups to run (default: all): {', '.join(GROUPS)}")
    parser.add_argument(
        "--jobs", type=int, default=1, help="mutants tested at once (default 1: cores are shared)"
    )
    parser.add_argument("--list", action="store_true", help="list the groups and exit")
    args = parser.parse_args(argv)
    if args.list:
        for name, group in GROUPS.items():
            print(f"{name}: {', '.join(group.modules)} <- {', '.join(group.tests)}")
        return 0
    unknown = [name for name in args.groups if name not in GROUPS]
    if unknown:
        parser.error(f"unknown group(s) {', '.join(unknown)}; the groups are {', '.join(GROUPS)}")
    known = explained()
    rows, unexplained = [], []
    stale: list[str] = []  # explained, but killed in this run or no longer a mutant
    for name in args.groups or list(GROUPS):
        statuses = run_group(name, GROUPS[name], args.jobs)
        counts = {status: sum(1 for s in statuses.values() if s == status) for status in STATUSES}
        total = len(statuses)
        score = 100.0 * (counts["killed"] + counts["timeout"]) / total if total else 0.0
        survivors = sorted(m for m, s in statuses.items() if s in ("survived", "no tests", "suspicious"))
        rows.append((name, total, counts, score, survivors))
        for mutant in survivors:
            if mutant not in known:
                unexplained.append((name, mutant))
        # (a timeout is left out: a slow mutant may pass the time limit only under load)
        stale.extend(sorted(m for m in known if _of(GROUPS[name], m) and statuses.get(m) in (None, "killed")))
    print("| group | mutants | killed | timeout | survived | no tests | score |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for name, total, counts, score, _ in rows:
        print(
            f"| {name} | {total} | {counts['killed']} | {counts['timeout']} | {counts['survived']} "
            f"| {counts['no tests']} | {score:.1f}% |"
        )
    if stale:
        # a function changed renumbers its mutants: an old name may now be another mutant's
        print(f"\nexplained in {EXPLAINED.relative_to(REPO)} but not alive in this run (take them out):")
        print("\n".join(f"  {mutant}" for mutant in stale))
    for name, mutant in unexplained:
        print(f"\nunexplained survivor ({name}):\n{show(name, mutant)}")
    if unexplained:
        print(f"{len(unexplained)} survivor(s) neither killed nor explained in {EXPLAINED.relative_to(REPO)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
