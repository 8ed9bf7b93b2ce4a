"""The `cse-search` console script: what must happen before any command module is imported.

`cse-search` answers one query and exits, so its start-up is most of what it costs. Two
things can only be done before `pipeline.cli` (and with it Click, the config loader and
Whoosh) is imported, so the script starts here rather than in the CLI module:

- the stand-ins of `engine/startup.py`, which must be in place before their importers;
- the cycle collector is off while the modules load: importing allocates objects by the
  hundred thousand and almost none become garbage, yet the collector ran about 45 times
  (8% of the CPU the process took at 10,000 pages). What was loaded is then frozen out of
  its sight (`gc.freeze`) and it is switched back on for the search itself.
"""

from __future__ import annotations

import gc


def search_main() -> None:
    gc.disable()
    try:
        from pipeline.engine.startup import trim_engine_imports

        trim_engine_imports()
        from pipeline import cli
        from pipeline.engine import names, search  # noqa: F401  (loaded here, with the collector off)
        from pipeline.views import render  # noqa: F401
    finally:
        gc.freeze()
        gc.enable()
    cli.search_main()
