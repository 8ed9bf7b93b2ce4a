"""Worker isolation: a PDF that crashes or hangs the reader costs only its own file."""

from __future__ import annotations

import os
import time

import pytest

from pipeline.errors import PdfError
from pipeline.ingest import workers


def _work(job: str) -> str:
    if job == "crash":
        os._exit(1)  # what a segfault in the PDF library looks like from outside
    if job == "hang":
        time.sleep(60)
    return job.upper()


@pytest.fixture(autouse=True)
def short_grace(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workers, "GRACE_SECONDS", 0.5)


def _run(jobs: list[str], n: int = 2) -> dict[str, object]:
    return dict(workers.run_isolated(jobs, _work, lambda job: f"{job}.pdf", n, seconds_per_job=0.5))


def test_every_job_comes_back_once() -> None:
    assert _run(["a", "b", "c", "d", "e"]) == {"a": "A", "b": "B", "c": "C", "d": "D", "e": "E"}


def test_a_crashing_file_is_named_and_the_others_still_finish() -> None:
    results = _run(["a", "crash", "b", "c"])
    assert {k: v for k, v in results.items() if k != "crash"} == {"a": "A", "b": "B", "c": "C"}
    error = results["crash"]
    assert isinstance(error, PdfError)
    assert error.file == "crash.pdf" and "crash" in error.problem


def test_a_hanging_file_is_stopped_and_the_others_still_finish() -> None:
    results = _run(["a", "hang", "b"], n=1)
    assert results["a"] == "A" and results["b"] == "B"
    error = results["hang"]
    assert isinstance(error, PdfError)
    assert "time budget" in error.problem and "seconds_per_file" in error.advice


def test_where_there_is_no_resource_module_a_worker_starts_without_a_memory_cap(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Windows has no `resource`: the worker's initializer must not fail there (issue 27),
    which would break every ingest."""
    import sys

    monkeypatch.setitem(sys.modules, "resource", None)  # `import resource` raises ImportError
    workers.limit_memory(2048)
