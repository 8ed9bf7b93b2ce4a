"""What engine/startup.py's stand-ins save a `cse-search`: the same search run as the
console script runs it, with and without them, in turns (so a busy machine slows both
alike), reporting the median wall time, the median CPU time (user + system, which other
processes on a shared machine disturb far less) and the modules loaded.

    python tools/startup_cost.py            # 30 runs each, on the sample toolkit
    python tools/startup_cost.py --runs 50

Without the stand-ins, the process still opens the index for one query (ONE_SHOT), so
only the stand-ins are measured. The latest figures are in docs/performance.md.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

RUN = r"""
import atexit, sys
sys.argv = ["cse-search", "pharmacies", "--limit", "1", "--json", "--config", CONFIG, "--index", INDEX]
if MODE == "without":
    import pipeline.engine.startup as startup

    def one_shot_only():
        startup.ONE_SHOT = True

    startup.trim_engine_imports = one_shot_only
atexit.register(lambda: sys.stderr.write(f"MODULES {len(sys.modules)}\n"))
from pipeline.entry import search_main
search_main()
"""


def measure(config: Path, index: Path, runs: int) -> dict[str, tuple[float, float, int]]:
    """mode -> (median wall seconds, median CPU seconds, modules loaded)."""
    wall: dict[str, list[float]] = {"with": [], "without": []}
    cpu: dict[str, list[float]] = {"with": [], "without": []}
    modules: dict[str, int] = {}
    for turn in range(runs):
        for mode in ("with", "without") if turn % 2 == 0 else ("without", "with"):
            code = f"CONFIG={str(config)!r}\nINDEX={str(index)!r}\nMODE={mode!r}\n" + RUN
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO)
            wall[mode].append(time.perf_counter() - start)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu[mode].append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
            if done.returncode != 0 or json.loads(done.stdout)["results"][0]["page"] != "74":
                raise SystemExit(f"the search failed ({mode} stand-ins): {done.stderr}")
            modules[mode] = int(done.stderr.rsplit("MODULES ", 1)[1])
    return {m: (statistics.median(wall[m]), statistics.median(cpu[m]), modules[m]) for m in wall}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=30, help="runs of each (default 30)")
    args = parser.parse_args()
    config = REPO / "config" / "toolkit.yaml"
    with tempfile.TemporaryDirectory(prefix="cse-startup-") as folder:
        index = Path(folder) / "index"
        subprocess.run(
            [sys.executable, "-c", "from pipeline.cli import toolkit_main; toolkit_main()", "ingest",
             "--config", str(config), "--pdfs", str(REPO / "pdfs"), "--index", str(index)],
            check=True, capture_output=True, cwd=REPO,
        )  # fmt: skip
        found = measure(config, index, args.runs)
    print(f"cse-search pharmacies, {args.runs} runs each, in turns")
    print("| stand-ins | median wall | median CPU | modules loaded |")
    print("| --- | ---: | ---: | ---: |")
    for mode, (wall, cpu, modules) in found.items():
        print(f"| {mode} | {wall * 1000:.0f} ms | {cpu * 1000:.0f} ms | {modules} |")


if __name__ == "__main__":
    main()
