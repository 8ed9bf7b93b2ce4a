"""Which excerpt packs have been built, where, and from which edition.

`cse-toolkit pack` records each pack it writes (in `index/packs.json`, beside the
history), so that an ingest calls "stale" only packs that exist: a pack nobody built, or
one since deleted, is not out of date. A pack rebuilt into the same files replaces its
record; a damaged record is reported and read as none.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from pipeline.ondisk import dump, read_record, write_atomic

PACKS_NAME = "packs.json"


@dataclass(frozen=True)
class BuiltPack:
    role: str
    full: bool  # built with --full (the must-read chapters whole)
    paths: tuple[str, ...]  # the files written, absolute
    edition: int = 0  # the toolkit edition it was made from (0: none recorded yet)

    @property
    def name(self) -> str:
        """ "pharmacist", or "school-nurse --full"."""
        return f"{self.role} --full" if self.full else self.role

    def exists(self) -> bool:
        return any(Path(path).is_file() for path in self.paths)


@dataclass(frozen=True)
class BuiltPacks:
    packs: tuple[BuiltPack, ...] = ()


def record_pack(root: Path, pack: BuiltPack) -> None:
    """Add a pack just written (replacing any record of the same files, and forgetting
    packs whose files are all gone)."""
    written = set(pack.paths)
    kept = [p for p in _read(root).packs if not written & set(p.paths) and p.exists()]
    write_atomic(root / PACKS_NAME, json.dumps(dump(BuiltPacks((*kept, pack))), ensure_ascii=False))


def existing_packs(root: Path) -> list[BuiltPack]:
    """The packs recorded whose files are still there."""
    return [p for p in _read(root).packs if p.exists()]


def stale_packs(root: Path, plain: tuple[str, ...], full: tuple[str, ...]) -> tuple[str, ...]:
    """The packs on disk that hold a change: a plain pack whose role is in `plain`, a
    --full pack whose role is in `full` (the audit's roles_affected and _full)."""
    return tuple(sorted({p.name for p in existing_packs(root) if p.role in (full if p.full else plain)}))


def _read(root: Path) -> BuiltPacks:
    found = read_record(root / PACKS_NAME, BuiltPacks, "packs built before are not known to be stale")
    return found if found is not None else BuiltPacks()
