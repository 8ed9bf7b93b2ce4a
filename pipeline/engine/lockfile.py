"""An exclusive lock on a file, on POSIX and on Windows, that dies with its holder.

The operating system drops the lock when the process holding it ends however it ends
(SIGKILL, a crash, a power cut), so a killed ingest never leaves the index locked and there
is no stale-lock clean-up to get wrong. POSIX uses `flock`; Windows locks the file's first
byte with `msvcrt.locking`. Neither module is imported until a lock is taken, so importing
the commands never needs a module one platform lacks.

An flock belongs to the open file, which processes forked while it is held share: they
close their copy at once (`_drop_inherited`), so the lock still ends with the ingest that
took it. Windows has no fork, and its child processes do not inherit the handle.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterator
from pathlib import Path

POLL_SECONDS = 0.2  # how often a waiting Windows process tries again (flock blocks instead)


class LockBusy(Exception):
    """Another process holds the lock (and we were told not to wait)."""


@contextlib.contextmanager
def exclusive(path: Path, wait: bool) -> Iterator[None]:
    """Hold an exclusive lock on `path` (created if need be) for the `with` block."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        _lock(fd, wait)
        _HELD.add(fd)
        try:
            yield
        finally:
            _HELD.discard(fd)
            _unlock(fd)
    finally:
        os.close(fd)


def _lock(fd: int, wait: bool) -> None:
    try:
        import fcntl
    except ImportError:  # Windows
        _lock_windows(fd, wait)
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
    except BlockingIOError:
        raise LockBusy(str(fd)) from None


def _unlock(fd: int) -> None:
    try:
        import fcntl
    except ImportError:
        import msvcrt

        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)  # type: ignore[attr-defined,unused-ignore]
        return
    fcntl.flock(fd, fcntl.LOCK_UN)


def _lock_windows(fd: int, wait: bool) -> None:
    """The first byte of the file, locked without blocking; polled while waiting, since
    msvcrt's own blocking mode gives up after ten seconds."""
    import msvcrt

    while True:
        os.lseek(fd, 0, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined,unused-ignore]
            return
        except OSError:
            if not wait:
                raise LockBusy(str(fd)) from None
        time.sleep(POLL_SECONDS)


_HELD: set[int] = set()


def _drop_inherited() -> None:
    """In a freshly forked child: let go of the parent's locks."""
    for fd in list(_HELD):
        with contextlib.suppress(OSError):
            os.close(fd)
    _HELD.clear()


if hasattr(os, "register_at_fork"):  # POSIX only; Windows starts children afresh
    os.register_at_fork(after_in_child=_drop_inherited)
