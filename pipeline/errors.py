"""One exception family, each carrying the exit code the SPEC gives it."""

from __future__ import annotations

from enum import IntEnum

from pipeline.text import printable


class ExitCode(IntEnum):
    """Exit codes shared by every command (SPEC, "Exit codes")."""

    OK = 0
    NOT_FOUND = 1  # search found nothing; audit found changes
    USAGE = 2  # usage or configuration error
    INPUT = 3  # a PDF could not be read (reported after everything else was done)
    INTERNAL = 4  # an unexpected failure: a bug in this tool, to be reported (run with --debug)


class CseError(Exception):
    """An expected failure with a message a user can act on."""

    exit_code: ExitCode = ExitCode.USAGE

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class UsageError(CseError):
    """The command was asked for something that cannot be done (unknown role, no index...)."""


class ConfigError(CseError):
    """The configuration has one or more problems; all of them are listed."""

    def __init__(self, path: str, problems: list[str]) -> None:
        self.path = path
        self.problems = problems
        lines = "\n".join(f"  - {p}" for p in problems)
        count = f"{len(problems)} problem" + ("s" if len(problems) != 1 else "")
        super().__init__(f"{path}: {count}; nothing was changed:\n{lines}")


class PdfError(CseError):
    """One PDF could not be read; names the file, what is wrong and what to do."""

    exit_code = ExitCode.INPUT

    def __init__(self, file: str, problem: str, advice: str) -> None:
        self.file = file
        self.problem = problem
        self.advice = advice
        # The name as it may be printed: a file name can hold ESC or a newline (text.printable).
        super().__init__(f"{printable(file)}: {problem}. {advice}")

    def __reduce__(self) -> tuple[type[PdfError], tuple[str, str, str]]:
        # Raised in extraction worker processes: must survive pickling back to the parent.
        return (PdfError, (self.file, self.problem, self.advice))


class IndexBusyError(CseError):
    """Another ingest holds the index lock."""


class QuerySyntaxError(CseError):
    """The query could not be understood."""
