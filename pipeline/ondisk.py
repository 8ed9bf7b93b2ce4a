"""State on disk: what one run writes and a later run reads back, written one way and
read back one way, never trusted.

Everything under `index/` (manifests, the history log, the config snapshot, the
extraction cache, the search index's schema stamp) was written by an earlier run, which
may have been killed, run by another version of the tool, or had its disk go bad since.

- `write_atomic` / `copy_atomic` / `append_line` are the only ways to write such a file:
  beside the target, flushed to disk, then renamed over it, so a
  reader sees the old file or the new one, never half of either. A failed write names the
  file being written, not the one being read.
- `dump` / `load` are the only way a frozen dataclass becomes JSON and back. `load`
  checks every value against the dataclass's type hints and raises `Invalid` naming the
  key (``files["x.pdf"].sha256: expected text, got 3``), so nothing is half-trusted.
- `read_json` / `read_record` / `read_records` read a file back. One that cannot be read
  or is invalid is reported once (`report`, to stderr by default), and treated as absent:
  callers then rebuild what it held.

Why `dump`/`load` are ours rather than cattrs or msgspec: the extraction cache stores its
many small records as rows (a dataclass as a list of its values), which msgspec offers
only for its own `Struct` type (every model class would have to become one, across the
engine and the ingest) and cattrs only through a hook per class; the messages name the
key in the form the rest of the tool prints (``files["x.pdf"].sha256: expected text, got
3``); and the ~150 lines here cost `cse-search`, which loads the config snapshot through
them, no import at all.
"""

from __future__ import annotations

import dataclasses
import enum
import functools
import importlib
import json
import os
import sys
import types
import typing
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

from pipeline.text import printable

T = TypeVar("T")
Reporter = Callable[[str], None]


class Invalid(ValueError):
    """A value read back from disk is not what the dataclass says it must be."""

    def __init__(self, place: str, problem: str) -> None:
        self.place = place
        self.problem = problem
        super().__init__(f"{place}: {problem}" if place else problem)


# ------------------------------------------------------------------------------ writing
def write_atomic(path: Path, data: bytes | str) -> None:
    """Write `data` to `path` so that a crash, a full disk or a power cut leaves either the
    old file or the new one: a temporary beside it, flushed, renamed over it."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with _writing(path):
            with temporary.open("wb") as handle:
                handle.write(payload)
                handle.flush()
                os.fsync(handle.fileno())
            temporary.replace(path)
    finally:
        temporary.unlink(missing_ok=True)
    _fsync_dir(path.parent)


def copy_atomic(source: Path, target: Path, sha256: str) -> bool:
    """Copy `source` to `target` atomically, only if the bytes copied have this SHA-256
    (a file changed while it was copied is not kept). Returns whether it was kept."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    digest = _hash("sha256")()
    try:
        with source.open("rb") as reader:
            with _writing(target):
                writer = temporary.open("wb")
            try:
                while True:
                    with _writing(source):
                        block = reader.read(1 << 20)
                    if not block:
                        break
                    digest.update(block)
                    with _writing(target):
                        writer.write(block)
                with _writing(target):
                    writer.flush()
                    os.fsync(writer.fileno())
            finally:
                with _writing(target):
                    writer.close()
        if digest.hexdigest() != sha256:
            return False
        temporary.replace(target)
    finally:
        temporary.unlink(missing_ok=True)
    _fsync_dir(target.parent)
    return True


def append_line(path: Path, line: str) -> None:
    """Add one line to a log so that a crash leaves either the old log or the old log plus
    the whole new line, never a line cut short: a big entry is not written by one atomic
    append, so the log is rewritten through `write_atomic` (what was there is kept byte
    for byte; a last line cut short by an older version is closed first)."""
    try:
        existing = path.read_bytes()
    except FileNotFoundError:
        existing = b""
    if existing and not existing.endswith(b"\n"):
        existing += b"\n"
    write_atomic(path, existing + line.rstrip("\n").encode("utf-8") + b"\n")


class _writing:
    """Name `path` in any OSError raised inside: a full disk while copying a PDF into the
    cache is about the cache file, not the PDF (nor a temporary name the user never sees)."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: object) -> None:
        if isinstance(exc, OSError) and exc.errno is not None and exc.filename != str(self.path):
            raise OSError(exc.errno, exc.strerror, str(self.path)) from exc


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some filesystems refuse fsync on a directory; the data itself is flushed
    finally:
        os.close(fd)


# ------------------------------------------------------------------------------ digests
def sha256_hex(data: bytes) -> str:
    """The SHA-256 of `data` in hex (config digests, the snapshot check)."""
    return str(_hash("sha256")(data).hexdigest())


def sha1_hex(data: bytes) -> str:
    """The SHA-1 of `data` in hex (short stable names, not security)."""
    return str(_hash("sha1")(data).hexdigest())


@functools.cache
def _hash(name: str) -> Callable[..., Any]:
    """CPython's own module for the hash where it has one (`_sha256`, `_sha2` from 3.12,
    `_sha1`): `import hashlib` loads OpenSSL, about as long as the rest of reading the
    config snapshot in `cse-search`. The digests are the same; hashlib otherwise."""
    for module in (f"_{name}", "_sha2"):
        try:
            return getattr(importlib.import_module(module), name)
        except (ImportError, AttributeError):
            continue
    import hashlib

    return getattr(hashlib, name)


# ------------------------------------------------------------------- dataclass <-> JSON
def dump(value: Any, rows: Iterable[type] = ()) -> Any:
    """A dataclass (or any mix of dataclasses, tuples, dicts and plain values) as JSON
    data. Dataclasses listed in `rows` become lists of their field values (compact, for
    the many small records of the extraction cache); the others become objects."""
    compact = frozenset(rows)
    return _dump(value, compact)


# Values written as they are, by their exact type (a str or int enum is not one of them).
_PLAIN = frozenset({str, int, float, bool, type(None)})


_FIELD_NAMES: dict[type, tuple[str, ...] | None] = {}


def _field_names(kind: type) -> tuple[str, ...] | None:
    """A dataclass's field names, looked up once per class (the extraction cache dumps
    hundreds of thousands of small records per large ingest); None for other types."""
    try:
        return _FIELD_NAMES[kind]
    except KeyError:
        names = tuple(f.name for f in dataclasses.fields(kind)) if dataclasses.is_dataclass(kind) else None
        _FIELD_NAMES[kind] = names
        return names


def _dump(value: Any, rows: frozenset[type]) -> Any:
    kind = type(value)
    if kind in _PLAIN:
        return value
    names = _field_names(kind)
    if names is not None:
        if kind in rows:
            return [_dump(getattr(value, name), rows) for name in names]
        return {name: _dump(getattr(value, name), rows) for name in names}
    if isinstance(value, tuple | list):
        return [_dump(item, rows) for item in value]
    if isinstance(value, dict):
        return {str(key): _dump(item, rows) for key, item in value.items()}
    if isinstance(value, enum.Enum):
        return value.value
    return value


def load(cls: type[T], data: Any, rows: Iterable[type] = (), place: str = "") -> T:
    """The dataclass `cls` from JSON data, every value checked against its type hints;
    raises Invalid naming the first wrong key. Keys the dataclass does not know are
    ignored; a missing key takes the field's default, or is an error if it has none."""
    decoder = _decoder(typing.cast(Any, cls), frozenset(rows))
    return typing.cast(T, decoder(data, place))


Decoder = Callable[[Any, str], Any]


def _describe(value: Any) -> str:
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "null"
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 40 else text[:37] + "..."


def _at(place: str, key: str) -> str:
    return f"{place}.{key}" if place else key


@functools.cache
def _decoder(tp: Any, rows: frozenset[type]) -> Decoder:
    if tp is Any:
        return lambda value, place: value
    if tp is type(None) or tp is None:
        return _exact(type(None), "null")
    if tp is bool:
        return _exact(bool, "true or false")
    if tp is int:
        return _int
    if tp is float:
        return _float
    if tp is str:
        return _exact(str, "text")
    origin = typing.get_origin(tp)
    if origin in (types.UnionType, typing.Union):
        return _union([_decoder(arg, rows) for arg in typing.get_args(tp)], tp)
    if origin is tuple:
        args = typing.get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            return _sequence(_decoder(args[0], rows), tuple)
        return _fixed([_decoder(arg, rows) for arg in args])
    if origin is list:
        return _sequence(_decoder(typing.get_args(tp)[0], rows), list)
    if origin is dict:
        key_type, value_type = typing.get_args(tp)
        if key_type is not str:
            raise TypeError(f"dict keys on disk are text, not {key_type}")
        return _mapping(_decoder(value_type, rows))
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return _enum(tp)
    if dataclasses.is_dataclass(tp) and isinstance(tp, type):
        return _dataclass(tp, rows)
    raise TypeError(f"no JSON form for {tp!r}")


def _exact(kind: type, name: str) -> Decoder:
    def decode(value: Any, place: str) -> Any:
        if type(value) is not kind:
            raise Invalid(place, f"expected {name}, got {_describe(value)}")
        return value

    return decode


def _enum(kind: type[enum.Enum]) -> Decoder:
    def decode(value: Any, place: str) -> Any:
        try:
            return kind(value)
        except ValueError:
            allowed = ", ".join(json.dumps(member.value) for member in kind)
            raise Invalid(place, f"expected one of {allowed}, got {_describe(value)}") from None

    return decode


def _int(value: Any, place: str) -> int:
    if type(value) is not int:
        raise Invalid(place, f"expected a whole number, got {_describe(value)}")
    return value


def _float(value: Any, place: str) -> float:
    if type(value) is float:
        return value
    if type(value) is int:
        return float(value)
    raise Invalid(place, f"expected a number, got {_describe(value)}")


def _union(options: list[Decoder], tp: Any) -> Decoder:
    def decode(value: Any, place: str) -> Any:
        for option in options:
            try:
                return option(value, place)
            except Invalid:
                continue
        names = " or ".join(_type_name(arg) for arg in typing.get_args(tp))
        raise Invalid(place, f"expected {names}, got {_describe(value)}")

    return decode


def _type_name(tp: Any) -> str:
    return {int: "a whole number", str: "text", float: "a number", bool: "true or false"}.get(
        tp, "null" if tp is type(None) else getattr(tp, "__name__", str(tp))
    )


# Each container below decodes its items first without naming their places (a file of
# 300,000 values spent half its decoding writing place names no one read), and only when
# an item is invalid decodes them again, naming each, for the error: decoders have no side
# effects, so the second pass finds the same error, now with its exact place.


def _sequence(item: Decoder, make: type) -> Decoder:
    def decode(value: Any, place: str) -> Any:
        if type(value) is not list:
            raise Invalid(place, f"expected a list, got {_describe(value)}")
        try:
            return make(item(v, place) for v in value)
        except Invalid:
            return make(item(v, f"{place}[{i}]") for i, v in enumerate(value))

    return decode


def _fixed(items: list[Decoder]) -> Decoder:
    def decode(value: Any, place: str) -> Any:
        if type(value) is not list or len(value) != len(items):
            raise Invalid(place, f"expected a list of {len(items)} values, got {_describe(value)}")
        try:
            return tuple(d(v, place) for d, v in zip(items, value, strict=True))
        except Invalid:
            return tuple(d(v, f"{place}[{i}]") for i, (d, v) in enumerate(zip(items, value, strict=True)))

    return decode


def _mapping(item: Decoder) -> Decoder:
    def decode(value: Any, place: str) -> Any:
        if type(value) is not dict:
            raise Invalid(place, f"expected an object, got {_describe(value)}")
        try:
            return {key: item(v, place) for key, v in value.items()}
        except Invalid:
            return {
                key: item(v, f"{place}[{json.dumps(key, ensure_ascii=False)}]") for key, v in value.items()
            }

    return decode


def _dataclass(cls: type, rows: frozenset[type]) -> Decoder:
    hints = typing.get_type_hints(cls)
    fields = [
        (
            f.name,
            _decoder(hints[f.name], rows),
            f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING,
        )
        for f in dataclasses.fields(cls)
        if f.init
    ]
    required = sum(1 for _, _, needed in fields if needed)
    if cls in rows:
        decoders = [d for _, d, _ in fields]

        def decode_row(value: Any, place: str) -> Any:
            if type(value) is not list or not required <= len(value) <= len(fields):
                raise Invalid(place, f"expected a list of {len(fields)} values, got {_describe(value)}")
            try:
                return cls(*(d(v, place) for d, v in zip(decoders, value, strict=False)))
            except Invalid:
                return cls(
                    *(d(v, f"{place}[{i}]") for i, (d, v) in enumerate(zip(decoders, value, strict=False)))
                )

        return decode_row

    def decode(value: Any, place: str) -> Any:
        if type(value) is not dict:
            raise Invalid(place, f"expected an object, got {_describe(value)}")
        values = {}
        for name, field_decoder, needed in fields:
            if name in value:
                values[name] = field_decoder(value[name], _at(place, name))
            elif needed:
                raise Invalid(_at(place, name), "missing")
        return cls(**values)

    return decode


# ------------------------------------------------------------------------------ reading
def _stderr(message: str) -> None:
    print(f"warning: {message}", file=sys.stderr)


_reporter: Reporter = _stderr
_reported: set[tuple[str, str]] = set()


def set_reporter(reporter: Reporter | None) -> None:
    """Where damage reports go (stderr by default; the web server logs them)."""
    global _reporter
    _reporter = reporter or _stderr


def report(path: Path, problem: str, consequence: str) -> None:
    """Tell the user, once per file and problem, that a file the tool wrote earlier could
    not be used and what happens instead."""
    key = (str(path), problem)
    if key in _reported:
        return
    _reported.add(key)
    _reporter(f"{printable(str(path))} is damaged ({printable(problem)}); {consequence}")


def read_json(path: Path, consequence: str) -> Any | None:
    """The JSON a file holds, or None when it is absent, or unreadable or not JSON (then
    reported with `consequence`: what the tool does instead)."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except IsADirectoryError:
        report(path, "a directory where a file should be", consequence)
        return None
    except OSError as exc:
        report(path, f"cannot be read: {exc.strerror}", consequence)
        return None
    try:
        return json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        report(path, f"not UTF-8 text at byte {exc.start}", consequence)
    except RecursionError:
        report(path, "nested too deeply", consequence)
    except ValueError as exc:
        report(path, f"not valid JSON: {exc}", consequence)
    return None


def read_record(
    path: Path,
    cls: type[T],
    consequence: str,
    *,
    current: Callable[[dict[str, Any]], bool] = lambda data: True,
    check: Callable[[T], str | None] = lambda record: None,
    rows: Iterable[type] = (),
) -> T | None:
    """One dataclass read back from a JSON file, or None: when the file is absent, when
    `current` says it was made by another version or for other inputs (silently: it is
    simply out of date), or when it is damaged: not JSON, a wrong or missing value, or a
    record that `check` finds inconsistent (reported, with `consequence`)."""
    data = read_json(path, consequence)
    if data is None:
        return None
    if not isinstance(data, dict):
        report(path, f"expected an object, got {_describe(data)}", consequence)
        return None
    if not current(data):
        return None
    try:
        record = load(cls, data, rows)
    except Invalid as exc:
        report(path, str(exc), consequence)
        return None
    except RecursionError:
        report(path, "nested too deeply", consequence)
        return None
    problem = check(record)
    if problem is not None:
        report(path, problem, consequence)
        return None
    return record


def read_records(path: Path, cls: type[T], consequence: str, *, quiet: bool = False) -> list[T]:
    """Every valid line of a JSON-lines log. A damaged line (cut short by a crash, bytes
    that are not UTF-8, wrong values) is skipped, and reported unless `quiet`; it never
    stops the reader."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return []
    except OSError as exc:
        if not quiet:
            report(path, f"cannot be read: {exc.strerror}", consequence)
        return []
    records: list[T] = []
    damaged: list[int] = []
    for number, line in enumerate(raw.split(b"\n"), start=1):
        if not line.strip():
            continue
        try:
            records.append(load(cls, json.loads(line.decode("utf-8"))))
        except (ValueError, RecursionError):  # Invalid and UnicodeDecodeError are ValueErrors
            damaged.append(number)
    if damaged and not quiet:
        shown = ", ".join(map(str, damaged[:10])) + (" ..." if len(damaged) > 10 else "")
        count = f"{len(damaged)} damaged line" + ("s" if len(damaged) != 1 else "")
        report(path, f"{count}: {shown}", consequence)
    return records
