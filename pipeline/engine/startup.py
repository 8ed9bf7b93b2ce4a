"""Start-up trims for the short-lived `cse-search` process, and nothing else.

`cse-search` answers one query and exits, so what it imports is most of what it costs.
Click and Whoosh import at their top modules that nothing a search runs ever uses:

- `cached_property` (a package that pulls in all of asyncio) and `urllib.request` (http
  and email): light stand-ins are registered;
- modules imported at the top of Whoosh's (and used only for writing an index, for its
  date fields or for queries this tool never builds): `calendar`, `tempfile`, `random`,
  `shutil` (with bz2 and lzma), `hashlib` (OpenSSL), `html` (its entity table), `whoosh.lang.morph_en` (a large table of English suffix
  patterns, for the `Variations` query), `whoosh.lang.porter` and `whoosh.lang.dmetaphone`
  (a stemmer and a phonetic filter the index does not use: it stems with Snowball), and
  Snowball's 13 stemmers other than English's. Each
  is a stand-in that imports the real module the first time anything uses it (see
  `_stand_in`), so a search that needs one still works, only without the saving.

In that process only, the trims are registered before Whoosh or Click is imported;
anything already loaded is left alone. `ONE_SHOT` also tells the engine that the index
is opened for one query (see `index.open_searcher`).

Worth its surprise only while it saves: tools/startup_cost.py measures a search with and
without the stand-ins (about 47 ms of CPU and 78 modules of 345; docs/performance.md).
"""

from __future__ import annotations

import contextlib
import functools
import importlib
import sys
import types
from collections.abc import Callable

# Modules a search never uses, imported at the top of modules on its path: by name
# (`import random`) or for named functions (`from shutil import copyfileobj`).
STAND_INS: dict[str, tuple[str, ...]] = {
    "calendar": (),
    "tempfile": (),
    "random": (),
    "shutil": ("copyfileobj",),  # whoosh.filedb.compound, for writing compound segments
    "html": ("escape",),  # whoosh.compat, for its highlighter's HTML formatter
    "hashlib": ("md5",),  # whoosh.filedb.filetables: its hash tables' key hash (see below)
    "whoosh.lang.morph_en": ("variations",),
    "whoosh.lang.porter": ("stem",),
    "whoosh.lang.dmetaphone": ("double_metaphone",),
    # whoosh.lang.snowball imports a stemmer class for each of 14 languages; only English's is used.
    **{
        f"whoosh.lang.snowball.{module}": (f"{language}Stemmer",)
        for module, language in [
            ("danish", "Danish"),
            ("dutch", "Dutch"),
            ("finnish", "Finnish"),
            ("french", "French"),
            ("german", "German"),
            ("hungarian", "Hungarian"),
            ("italian", "Italian"),
            ("norwegian", "Norwegian"),
            ("portugese", "Portuguese"),  # sic
            ("romanian", "Romanian"),
            ("russian", "Russian"),
            ("spanish", "Spanish"),
            ("swedish", "Swedish"),
        ]
    },
}

STAND_IN_DOC = "stand-in: see pipeline/engine/startup.py"
ONE_SHOT = False  # set by trim_engine_imports: this process answers one query and exits


def _urlretrieve_unavailable(*args: object, **kwargs: object) -> None:
    raise RuntimeError("urllib.request is not loaded in cse-search")


def _real(name: str, stand_in: types.ModuleType) -> types.ModuleType:
    """The real module behind a stand-in, imported the first time it is needed."""
    if sys.modules.get(name) is stand_in:
        del sys.modules[name]
        importlib.import_module(name)
    return sys.modules[name]


def _stand_in(name: str, functions: tuple[str, ...]) -> None:
    """A module that imports the real one on first use: any attribute read (PEP 562's
    module `__getattr__`) or call of one of `functions`.

    Not `importlib.util.LazyLoader`: the import system reads `__spec__` from a module it
    finds in `sys.modules`, which loads a lazy module at the next `import` of it."""
    stand_in = types.ModuleType(name, STAND_IN_DOC)

    def forward(function: str) -> Callable[..., object]:
        def call(*args: object, **kwargs: object) -> object:
            real: Callable[..., object] = getattr(_real(name, stand_in), function)
            return real(*args, **kwargs)

        # Pickled by reference as the real function (Whoosh pickles a schema's analysers).
        call.__module__, call.__name__, call.__qualname__ = name, function, function
        return call

    for function in functions:
        setattr(stand_in, function, forward(function))

    def attribute_of_real(attribute: str) -> object:
        if attribute.startswith("__") and attribute.endswith("__"):
            # The import system asks for `__path__` and `__spec__` of a module it finds in
            # `sys.modules`: that is not a use, and a stand-in has neither.
            raise AttributeError(attribute)
        return getattr(_real(name, stand_in), attribute)

    stand_in.__getattr__ = attribute_of_real  # type: ignore[method-assign]
    sys.modules[name] = stand_in


def trim_engine_imports() -> None:
    global ONE_SHOT
    ONE_SHOT = True
    if "cached_property" not in sys.modules:
        shim = types.ModuleType("cached_property")
        shim.cached_property = functools.cached_property  # type: ignore[attr-defined]
        sys.modules["cached_property"] = shim
    if "urllib.request" not in sys.modules:
        stub = types.ModuleType("urllib.request")
        stub.urlretrieve = _urlretrieve_unavailable  # type: ignore[attr-defined]
        sys.modules["urllib.request"] = stub
    added = [name for name in STAND_INS if name not in sys.modules]
    for name in added:
        _stand_in(name, STAND_INS[name])
    for name in added:  # then, as an import would, each is an attribute of its package
        package, _, child = name.rpartition(".")
        if package:  # (imported only now: whoosh.lang.snowball imports its stand-ins)
            setattr(importlib.import_module(package), child, sys.modules[name])
    with contextlib.suppress(ImportError):
        # Whoosh hashes each term it looks up with hashlib's md5; CPython's own `_md5`
        # gives the same digest without loading OpenSSL.
        from _md5 import md5

        hashlib = sys.modules["hashlib"]
        if hashlib.__doc__ == STAND_IN_DOC:
            hashlib.md5 = md5  # type: ignore[attr-defined]
