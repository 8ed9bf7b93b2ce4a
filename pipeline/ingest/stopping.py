"""Stopping an ingest stops everything it started, however it is stopped.

An ingest runs extraction workers, and OCR workers that run OCRmyPDF, which runs
Tesseract and Ghostscript. SIGTERM to the ingest once left its workers running with no
parent; a hang-up or a kill of the process group left OCR programs running (they had a
session of their own) and their temporary folders behind. Here:

- the ingest turns SIGTERM and SIGHUP into the same clean stop as Ctrl+C (`on_stop`);
- a worker stops when its parent does, whatever killed the parent (Linux's parent-death
  signal), and on SIGTERM or SIGHUP it stops its OCR programs and removes its temporary
  folder before it exits (`in_worker`);
- OCR programs stay in the ingest's process group, so a signal to the group reaches them;
  a timeout stops one OCR run with all its descendants (`kill_tree`);
- a temporary folder left by a process that was killed outright (SIGKILL cleans nothing
  up) is removed by the next OCR run (`sweep_leftovers`).
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import shutil
import signal
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from types import FrameType

_PR_SET_PDEATHSIG = 1
OCR_PREFIX = "cse-ocr-"


class Stopped(KeyboardInterrupt):
    """SIGTERM or SIGHUP: handled as Ctrl+C is (the index is left as it was)."""


def _raise_stopped(signum: int, frame: FrameType | None) -> None:
    raise Stopped(signal.Signals(signum).name)


@contextlib.contextmanager
def on_stop() -> Iterator[None]:
    """In the ingest's own process: SIGTERM and SIGHUP stop it as Ctrl+C does (the
    workers are stopped, the index left as it was); the previous handlers come back after."""
    previous = {}
    for signum in (signal.SIGTERM, signal.SIGHUP):
        with contextlib.suppress(ValueError, OSError):  # not the main thread: leave as is
            previous[signum] = signal.signal(signum, _raise_stopped)
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def _exit_now(signum: int, frame: FrameType | None) -> None:
    raise SystemExit(128 + signum)  # unwinds: OCR programs stopped, temporary folder removed


def in_worker() -> None:
    """In a worker process, first thing: die with the parent, clean up on SIGTERM/SIGHUP,
    and leave Ctrl+C to the parent (which stops the workers itself)."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
        if os.getppid() == 1:  # the parent died before the line above
            raise SystemExit(1)
    signal.signal(signal.SIGTERM, _exit_now)
    signal.signal(signal.SIGHUP, _exit_now)
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def descendants(pid: int) -> list[int]:
    """Every process below `pid` (Linux /proc; empty elsewhere), children first."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").glob("[0-9]*/stat") if Path("/proc").is_dir() else ():
        with contextlib.suppress(OSError, ValueError, IndexError):
            fields = entry.read_text().rsplit(")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(entry.parent.name))
    found: list[int] = []
    stack = [pid]
    while stack:
        for child in children.get(stack.pop(), []):
            found.append(child)
            stack.append(child)
    return found


def kill_tree(pid: int, signum: int = signal.SIGKILL) -> None:
    """Signal a process and everything below it (found first: a killed parent's children
    are handed to init and could no longer be found)."""
    for target in [*descendants(pid), pid]:
        with contextlib.suppress(OSError):
            os.kill(target, signum)


def stop_processes(pids: list[int], grace: float = 3.0) -> None:
    """SIGTERM (each cleans up), then SIGKILL to whatever is left, with its descendants.
    (Never reaped here: their owner, multiprocessing, waits for them.)"""
    pids = [pid for pid in pids if pid > 0]  # 0 or -1 would signal a whole group
    for pid in pids:
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + grace
    while time.monotonic() < deadline and any(_exists(pid) for pid in pids):
        time.sleep(0.05)
    for pid in pids:
        if _exists(pid):
            kill_tree(pid)


def _zombie(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "Z"
    except (OSError, IndexError):
        return False


@contextlib.contextmanager
def ocr_folder() -> Iterator[Path]:
    """A temporary folder for one OCR run, named with this process's id (so a folder whose
    process is gone can be told apart and removed), its leftovers swept first."""
    sweep_leftovers()
    folder = Path(tempfile.mkdtemp(prefix=f"{OCR_PREFIX}{os.getpid()}-"))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def sweep_leftovers() -> None:
    """Remove the OCR folders of processes that no longer exist (killed with SIGKILL)."""
    for folder in Path(tempfile.gettempdir()).glob(f"{OCR_PREFIX}*-*"):
        owner = folder.name[len(OCR_PREFIX) :].split("-", 1)[0]
        if owner.isascii() and owner.isdigit() and not _exists(int(owner)):
            shutil.rmtree(folder, ignore_errors=True)


def _exists(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return not _zombie(pid)
