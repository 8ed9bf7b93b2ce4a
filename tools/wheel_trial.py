"""A board's IT team's first hour with the wheel, as CI runs it (.ci/check-wheel, issue 27).

Given a fresh virtual environment with the wheel installed and a toolkit home it made with
`cse-toolkit init --sample` and ingested, outside any clone: start `cse-toolkit serve
--watch` on a free port, copy a new PDF into pdfs/ in two halves a few seconds apart (longer
than the watcher's settle time), and check on the web page that the first half is never
ingested and that the whole file is answered without a restart; `/healthz` before and after.

    python tools/wheel_trial.py VENV_BIN HOME

Only this script comes from the clone (and tools/pdfgen.py, run in a child process to draw
the new PDF with the venv's reportlab); every command it checks is the installed wheel's.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import signal
import subprocess
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
WORD = "kittiwake"  # in the new leaflet only: the sample toolkit never uses it
SETTLE = 5  # the watcher's default
URL_LINE = re.compile(r"at http://127\.0\.0\.1:(\d+)/")
LEAFLET = f"""
import sys
sys.path.insert(0, {str(REPO)!r})
from pathlib import Path
from tools.pdfgen import Block, PageSpec, write_pdf
write_pdf(Path(sys.argv[1]), [PageSpec((
    Block("heading", "Night-time economy: a leaflet for taxi marshals"),
    Block("para", "SAMPLE TEXT. Marshals at the late-night taxi rank keep the {WORD} log: who waited, "
                  "who left with whom, and any young person who seemed frightened or unsure."),
))] * 6, title="Taxi marshals (sample)")
"""


class Trial:
    def __init__(self, bin_dir: Path, home: Path) -> None:
        self.bin, self.home = bin_dir, home
        self.log = home / "serve.log"
        self.port = 0
        self.server: subprocess.Popen[bytes] | None = None

    def get(self, path: str) -> tuple[int, bytes]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            connection.request("GET", path)
            response = connection.getresponse()
            return response.status, response.read()
        finally:
            connection.close()

    def health(self) -> dict[str, object]:
        status, body = self.get("/healthz")
        payload = json.loads(body)
        assert status == 200 and payload["status"] == "ok", (status, payload)
        return dict(payload)

    def found(self) -> int:
        status, body = self.get(f"/api/search?q={WORD}")
        assert status == 200, body
        return int(json.loads(body)["total"])

    def logged(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def wait_for(self, what: str, check: object, seconds: float = 90) -> None:
        deadline = time.monotonic() + seconds
        while not check():  # type: ignore[operator]
            if time.monotonic() > deadline or (self.server is not None and self.server.poll() is not None):
                raise SystemExit(
                    f"wheel trial: gave up waiting for {what}; the server's log:\n{self.logged()}"
                )
            time.sleep(0.2)

    def start(self) -> None:
        with self.log.open("wb") as out:
            self.server = subprocess.Popen(
                [str(self.bin / "cse-toolkit"), "serve", "--watch", "--port", "0"],
                cwd=self.home,
                stdout=out,
                stderr=subprocess.STDOUT,
                env={**os.environ, "PYTHONUNBUFFERED": "1"},
            )
        self.wait_for("the server to start", lambda: URL_LINE.search(self.logged()), 30)
        found = URL_LINE.search(self.logged())
        assert found is not None
        self.port = int(found.group(1))

    def stop(self) -> int:
        assert self.server is not None
        self.server.send_signal(signal.SIGTERM)
        return self.server.wait(30)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("bin", type=Path, help="the fresh venv's bin folder (Scripts on Windows)")
    parser.add_argument("home", type=Path, help="a toolkit home made by init --sample and ingested")
    args = parser.parse_args()
    trial = Trial(args.bin, args.home)
    leaflet = Path(tempfile.mkdtemp()) / "leaflet.pdf"
    subprocess.run([str(args.bin / "python"), "-c", LEAFLET, str(leaflet)], check=True)
    data = leaflet.read_bytes()
    half = len(data) // 2
    assert b"%%EOF" not in data[:half]

    trial.start()
    try:
        trial.wait_for("the watcher's first look", lambda: "watch: ingest done" in trial.logged())
        before = trial.health()
        assert trial.found() == 0
        target = args.home / "pdfs" / "taxi-marshals.pdf"
        target.write_bytes(data[:half])
        time.sleep(SETTLE + 3)  # longer than the settle time: the first half stays unchanged
        assert "waiting for taxi-marshals.pdf" in trial.logged(), trial.logged()
        middle = trial.health()
        assert (middle["index"], trial.found()) == (before["index"], 0), (before, middle)
        with target.open("ab") as rest:
            rest.write(data[half:])
        trial.wait_for("the new PDF to be answered", lambda: trial.found() > 0)
        answered = trial.found()
        status, page = trial.get(f"/search?q={WORD}")
        assert status == 200 and f"<mark>{WORD}</mark>".encode() in page.lower(), page[:2000]
        trial.wait_for("the watcher to record it", lambda: trial.logged().count("watch: ingest done") == 2)
        after = trial.health()
        assert after["last_ingest"]["ok"] is True, after  # type: ignore[index]
        assert after["generation"] == int(str(before["generation"])) + 1, (before, after)
    finally:
        code = trial.stop()
    assert code == 0 and trial.logged().rstrip().endswith("Stopped."), trial.logged()
    assert WORD not in trial.logged()  # the log names routes, never the words searched
    print(f"wheel trial: /healthz before: {json.dumps(before)}")
    print(f"wheel trial: half a PDF for {SETTLE + 3} s: not ingested (index still {middle['index']})")
    print(f"wheel trial: the whole PDF answered on the web page without a restart ({answered} pages)")
    print(f"wheel trial: /healthz after: {json.dumps(after)}")


if __name__ == "__main__":
    main()
