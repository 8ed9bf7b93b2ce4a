"""Start-up trims for the short-lived `cse-search` process, and nothing else.

Whoosh imports two things it never uses here: the `cached_property` package (which pulls
in all of asyncio) and `urllib.request.urlretrieve` (which pulls in http and email).
Together they are about a quarter of `cse-search`'s start-up. In that process only, light
stand-ins are registered before Whoosh is imported; anything already loaded is left alone.
"""

from __future__ import annotations

import functools
import sys
import types


def _urlretrieve_unavailable(*args: object, **kwargs: object) -> None:
    raise RuntimeError("urllib.request is not loaded in cse-search")


def trim_engine_imports() -> None:
    if "cached_property" not in sys.modules:
        shim = types.ModuleType("cached_property")
        shim.cached_property = functools.cached_property  # type: ignore[attr-defined]
        sys.modules["cached_property"] = shim
    if "urllib.request" not in sys.modules:
        stub = types.ModuleType("urllib.request")
        stub.urlretrieve = _urlretrieve_unavailable  # type: ignore[attr-defined]
        sys.modules["urllib.request"] = stub
