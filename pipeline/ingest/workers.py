"""Run extraction in worker processes, so one hostile PDF cannot take the ingest down.

Files are extracted in parallel across cores. Each worker may use at most its memory
budget (`limits.max_memory_mb`, enforced with RLIMIT_AS) and its time budget. A worker
that crashes, runs out of memory, or hangs past the file's time budget is killed; only
the file it was reading is reported, by name and with the limit it hit, and the others
go on in fresh workers.
"""

from __future__ import annotations

import faulthandler
import functools
import multiprocessing
import signal
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, TypeVar

from pipeline.errors import PdfError
from pipeline.ingest.stopping import in_worker, stop_processes

Job = TypeVar("Job")
Result = TypeVar("Result")

# A file's own time budget is checked between pages; a worker silent for this much longer
# is stuck inside one page and is killed.
GRACE_SECONDS = 30.0
# A worker that died having grown this close to its memory budget ran out of memory.
NEAR_BUDGET = 0.75


class _OutOfMemory:
    """What a worker returns when it caught its own MemoryError (named by the parent)."""


class _Raised:
    """An unexpected exception in a lone worker, carried back to be raised in the parent."""

    def __init__(self, error: BaseException) -> None:
        self.error = error


def run_isolated(
    jobs: Sequence[Job],
    work: Callable[[Job], Result],
    name_of: Callable[[Job], str],
    workers: int,
    seconds_per_job: float,
    memory_mb: int | None = None,
) -> Iterator[tuple[Job, Result | PdfError]]:
    """Yield (job, result) as each finishes; a crash, hang or memory blow-up becomes a
    PdfError for that job. `memory_mb`: what each worker may allocate beyond its size at
    start (None: no cap)."""
    queue = list(jobs)
    guarded = functools.partial(_guarded, work)
    while queue:
        suspects: list[Job] = []
        with ProcessPoolExecutor(
            max_workers=max(1, min(workers, len(queue))), initializer=_start_worker, initargs=(memory_mb,)
        ) as pool:
            running: dict[Future[Result | _OutOfMemory], Job] = {}
            try:
                while queue or running:
                    while queue and len(running) < max(1, workers):
                        job = queue.pop(0)
                        running[pool.submit(guarded, job)] = job
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
                        job = running.pop(future)
                        yield job, _named(result, name_of(job), memory_mb)
            except BrokenProcessPool:
                # A worker died; the jobs in flight are suspects. Run each alone to find it.
                suspects = list(running.values())
            except BaseException:  # Ctrl+C, SIGTERM, SIGHUP (stopping.on_stop): stop them all
                _kill(pool)
                raise
        for job in suspects:
            yield job, _alone(job, guarded, name_of(job), seconds_per_job, memory_mb)


def _start_worker(memory_mb: int | None) -> None:
    in_worker()
    # A reader that aborts on a bomb is named by the parent (_alone); Python's fault
    # handler (on under PYTHONFAULTHANDLER or -X faulthandler, as CI runs) would first
    # print every thread's stack to the user's terminal.
    faulthandler.disable()
    limit_memory(memory_mb)


def limit_memory(memory_mb: int | None) -> None:
    """In a worker: cap the address space at its present size plus `memory_mb`, so a PDF
    that makes the reader balloon fails here instead of exhausting the machine."""
    if memory_mb is None:
        return
    try:
        import resource
    except ImportError:  # Windows: no address-space limit to set; the time budget still holds
        return

    limit = (_address_space() or 0) + (memory_mb << 20)
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _address_space(pid: int | str | None = "self") -> int | None:
    """A process's virtual size in bytes (Linux /proc), or None where it cannot be read."""
    if pid is None:
        return None
    try:
        pages = int(Path(f"/proc/{pid}/statm").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return None
    import resource

    return pages * resource.getpagesize()


def _guarded(work: Callable[[Job], Result], job: Job) -> Result | _OutOfMemory:
    """The job, with a MemoryError turned into a value the parent can name."""
    try:
        return work(job)
    except MemoryError:
        return _OutOfMemory()


def _named(result: Any, name: str, memory_mb: int | None) -> Any:
    return _out_of_memory(name, memory_mb) if isinstance(result, _OutOfMemory) else result


def _alone(
    job: Job,
    guarded: Callable[[Job], Result | _OutOfMemory],
    name: str,
    seconds: float,
    memory_mb: int | None,
) -> Result | PdfError:
    """Run one suspect job in its own process, watching its size, so a death can be told
    apart: out of its memory budget, or a crash of the reader."""
    context = multiprocessing.get_context()
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=_run_one, args=(guarded, job, sender, memory_mb))
    process.start()
    sender.close()
    deadline = time.monotonic() + seconds + GRACE_SECONDS
    start = _address_space(process.pid) or 0
    peak = start
    try:
        while True:
            if receiver.poll(0.05):
                try:
                    outcome = receiver.recv()
                except EOFError:
                    break  # it died before answering
                process.join()
                if isinstance(outcome, _Raised):
                    raise outcome.error
                return _named(outcome, name, memory_mb)
            peak = max(peak, _address_space(process.pid) or 0)
            if not process.is_alive() and not receiver.poll():
                break
            if time.monotonic() > deadline:
                stop_processes([process.pid] if process.pid else [])
                return _timed_out(name, seconds)
    finally:
        if process.is_alive() and process.pid:  # stopped from outside (Ctrl+C, SIGTERM): it goes too
            stop_processes([process.pid])
        process.join()
        receiver.close()
    grew = peak - start
    if memory_mb is not None and (
        grew >= NEAR_BUDGET * (memory_mb << 20) or process.exitcode == -signal.SIGABRT
    ):
        return _out_of_memory(name, memory_mb)
    return PdfError(
        name,
        "made the PDF reader crash",
        "The file is probably damaged: download or export it again.",
    )


def _run_one(guarded: Callable[[Job], Any], job: Job, sender: Connection, memory_mb: int | None) -> None:
    _start_worker(memory_mb)
    try:
        outcome = guarded(job)
    except Exception as exc:  # raised again in the parent, as the pool would
        outcome = _Raised(exc)
    sender.send(outcome)
    sender.close()


def _out_of_memory(name: str, memory_mb: int | None) -> PdfError:
    return PdfError(
        name,
        f"needed more memory than its limit of {memory_mb} MB (limits.max_memory_mb) and was stopped",
        "The file is probably damaged or built to exhaust readers; if it is a genuine PDF, "
        "raise limits.max_memory_mb in the config.",
    )


def _timed_out(name: str, seconds: float) -> PdfError:
    return PdfError(
        name,
        f"could not be read within its time budget ({seconds:.0f} s; the reader was stopped)",
        "Check the file, or raise limits.seconds_per_file in the config.",
    )


def _kill(pool: ProcessPoolExecutor) -> None:
    """Stop a pool's workers now (a stuck worker never returns to be shut down politely):
    each is asked to stop (it stops its OCR programs and removes its temporary folder),
    then killed with whatever it started if it has not. The pool's manager thread is then
    joined here: left running, it raced Python's exit hook, which wrote to its closed wake-up
    pipe ("Exception ignored ... Bad file descriptor" printed after a SIGHUP, CPython 3.11)."""
    stop_processes([process.pid for process in list(getattr(pool, "_processes", {}).values())])
    pool.shutdown(wait=True, cancel_futures=True)
