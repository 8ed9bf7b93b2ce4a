"""Run extraction in worker processes, so one hostile PDF cannot take the ingest down.

Files are extracted in parallel across cores. A worker that crashes (a PDF that breaks the
reader) or hangs past the file's time budget is killed; only the file it was reading is
reported, and the others go on in fresh workers.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import TypeVar

from pipeline.errors import PdfError

Job = TypeVar("Job")
Result = TypeVar("Result")

# A file's own time budget is checked between pages; a worker silent for this much longer
# is stuck inside one page and is killed.
GRACE_SECONDS = 30.0


def run_isolated(
    jobs: Sequence[Job],
    work: Callable[[Job], Result],
    name_of: Callable[[Job], str],
    workers: int,
    seconds_per_job: float,
) -> Iterator[tuple[Job, Result | PdfError]]:
    """Yield (job, result) as each finishes; a crash or hang becomes a PdfError for that job."""
    queue = list(jobs)
    while queue:
        suspects: list[Job] = []
        with ProcessPoolExecutor(max_workers=max(1, min(workers, len(queue)))) as pool:
            running: dict[Future[Result], Job] = {}
            try:
                while queue or running:
                    while queue and len(running) < max(1, workers):
                        job = queue.pop(0)
                        running[pool.submit(work, job)] = job
                    done, _ = wait(
                        running, timeout=seconds_per_job + GRACE_SECONDS, return_when=FIRST_COMPLETED
                    )
                    if not done:  # every running job has been silent too long: stuck
                        for job in running.values():
                            yield job, _timed_out(name_of(job), seconds_per_job)
                        running.clear()
                        _kill(pool)
                        break
                    for future in done:
                        result = future.result()  # raises if the worker died
                        yield running.pop(future), result
            except BrokenProcessPool:
                # A worker died; the jobs in flight are suspects. Run each alone to find it.
                suspects = list(running.values())
        for job in suspects:
            yield job, _alone(job, work, name_of, seconds_per_job)


def _alone(
    job: Job, work: Callable[[Job], Result], name_of: Callable[[Job], str], seconds: float
) -> Result | PdfError:
    with ProcessPoolExecutor(max_workers=1) as pool:
        future = pool.submit(work, job)
        try:
            return future.result(timeout=seconds + GRACE_SECONDS)
        except TimeoutError:
            _kill(pool)
            return _timed_out(name_of(job), seconds)
        except BrokenProcessPool:
            return PdfError(
                name_of(job),
                "made the PDF reader crash",
                "The file is probably damaged: download or export it again.",
            )


def _timed_out(name: str, seconds: float) -> PdfError:
    return PdfError(
        name,
        f"could not be read within its time budget ({seconds:.0f} s; the reader was stopped)",
        "Check the file, or raise limits.seconds_per_file in the config.",
    )


def _kill(pool: ProcessPoolExecutor) -> None:
    """Stop a pool's workers now (a stuck worker never returns to be shut down politely)."""
    for process in list(getattr(pool, "_processes", {}).values()):
        process.kill()
    pool.shutdown(wait=False, cancel_futures=True)
