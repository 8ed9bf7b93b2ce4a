"""Named points of an ingest where a fault test stops it, so that a test's SIGKILL lands
where the test says rather than after a guessed sleep, and the test knows the one state
the index must then be in (tests/test_faults.py).

Off unless the environment names a point and a file: CSE_TEST_STOP_AT=published=/tmp/x.
On reaching that point the ingest writes the file (its process id) and waits there to be
killed. Nothing else reads the variable; it is never set outside the tests.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

STOP_AT = "CSE_TEST_STOP_AT"
# In the order an ingest passes them.
POINTS = ("locked", "extracting", "index-written", "before-publishing", "published")
WAIT_SECONDS = 600  # long enough for any test to kill it; then the ingest carries on


def reached(point: str) -> None:
    """Stop here if the test asked for this point."""
    wanted = os.environ.get(STOP_AT)
    if not wanted:
        return
    name, _, marker = wanted.partition("=")
    if name != point or not marker:
        return
    Path(marker).write_text(str(os.getpid()), encoding="utf-8")
    time.sleep(WAIT_SECONDS)
