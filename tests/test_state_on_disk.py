"""State on disk (issue 18, C2, C7, C8, U1, D1): every file an earlier run wrote is read
back through `pipeline.ondisk`, validated, and never trusted when damaged.

Each test damages one file of a real ingested index the way a crash, a bad disk or a
careless hand would, then checks the exit code, that the message names the file (and the
key), and that the index still answers, or is rebuilt and answers.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from pipeline.config import load_config
from pipeline.engine.store import IndexStore
from pipeline.ingest.extract import ExtractedPdf, Line, sha256_file
from pipeline.ingest.manifest import Manifest, load_manifest
from pipeline.ondisk import Invalid, dump, load, write_atomic
from tests.conftest import SAMPLE_CONFIG, SAMPLE_PDFS, Place

CH4 = "chapter-4-health-services.pdf"


class Workspace(Place):
    @property
    def store(self) -> IndexStore:
        return IndexStore(self.index)

    @property
    def current(self) -> Path:
        current = self.store.current()
        assert current is not None
        return current

    def top_hit(self) -> tuple[str, str, str]:
        result, payload = self.search("pharmacies")
        assert result.exit_code == 0, result.output
        top = payload["results"][0]
        return top["file"], top["section"], top["page"]


PHARMACIES = (CH4, "pharmacies", "74")


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample toolkit ingested once; each test damages its own copy."""
    root = tmp_path_factory.mktemp("state-template")
    shutil.copytree(SAMPLE_PDFS, root / "pdfs")
    shutil.copy(SAMPLE_CONFIG, root / "toolkit.yaml")
    ws = Workspace.under(root)
    result = ws.run("ingest")
    assert result.exit_code == 0, result.output
    return root


@pytest.fixture
def ws(template: Path, tmp_path: Path) -> Iterator[Workspace]:
    shutil.copytree(template, tmp_path / "w", symlinks=True)
    root = tmp_path / "w"
    yield Workspace.under(root)


# ------------------------------------------------------------------ the one mechanism
def test_load_names_the_key_holding_a_wrong_value(ws: Workspace) -> None:
    data = json.loads((ws.current / "manifest.json").read_text(encoding="utf-8"))
    data["files"][CH4]["sha256"] = 3
    with pytest.raises(Invalid) as caught:
        load(Manifest, data)
    assert caught.value.place == f'files["{CH4}"].sha256'


def test_load_names_a_missing_key(ws: Workspace) -> None:
    data = json.loads((ws.current / "manifest.json").read_text(encoding="utf-8"))
    del data["files"][CH4]["page_labels"]
    with pytest.raises(Invalid) as caught:
        load(Manifest, data)
    assert str(caught.value) == f'files["{CH4}"].page_labels: missing'


def test_load_names_the_place_of_a_wrong_value_deep_in_rows_and_lists(ws: Workspace) -> None:
    """Items are decoded without naming their places until one is wrong; the error still
    names its exact place (a page's line, stored as a row, and an outline entry)."""
    cached = ws.store.cache_dir / f"{sha256_file(ws.pdfs / CH4)}.json"
    data = json.loads(cached.read_text(encoding="utf-8"))
    data["pages"][2]["lines"][1][2] = "low"
    outline = json.loads(json.dumps(data))
    outline["pages"][2]["lines"][1][2] = 700.5
    outline["outline"] = [[1, "Health services", 0], [2, "Pharmacies", "twenty"]]
    places = []
    for broken in (data, outline):
        with pytest.raises(Invalid) as caught:
            load(ExtractedPdf, broken, rows=(Line,))
        places.append(str(caught.value))
    assert places == [
        'pages[2].lines[1][2]: expected a number, got "low"',
        'outline[1][2]: expected a whole number, got "twenty"',
    ]


def test_a_config_survives_the_round_trip_to_json() -> None:
    sample = load_config(SAMPLE_CONFIG)
    assert load(type(sample), json.loads(json.dumps(dump(sample)))) == sample


def test_write_atomic_replaces_the_file_and_leaves_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "state.json"
    target.write_text("old", encoding="utf-8")
    write_atomic(target, "new")
    assert [p.name for p in tmp_path.iterdir()] == ["state.json"]
    assert target.read_text(encoding="utf-8") == "new"


# ---------------------------------------------------------------------------- manifest
def test_manifest_without_files_is_reported_and_the_ingest_rebuilds(ws: Workspace) -> None:
    """C7: valid JSON, no `files`: once a KeyError in ingest (even --force), audit, roles, pack."""
    path = ws.current / "manifest.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    del data["files"]
    path.write_text(json.dumps(data), encoding="utf-8")

    result = ws.run("ingest")

    assert result.exit_code == 0, result.output
    assert f"{path} is damaged (files: missing)" in result.stderr
    assert ws.top_hit() == PHARMACIES
    assert load_manifest(ws.current) is not None  # the rebuild wrote a good one


@pytest.mark.parametrize("command", ["roles", "audit", "pack"])
def test_manifest_with_a_wrong_value_is_named_by_every_command(ws: Workspace, command: str) -> None:
    path = ws.current / "manifest.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["files"][CH4]["pages"] = "many"
    path.write_text(json.dumps(data), encoding="utf-8")
    args = {
        "roles": ["roles"],
        "audit": ["audit"],
        "pack": ["pack", "pharmacist", "--out", str(ws.index.parent / "packs")],
    }
    # roles still lists them (without page ranges); audit and pack need a manifest.
    expected_exit = {"roles": 0, "audit": 2, "pack": 2}[command]

    result = ws.run(*args[command])

    assert result.exit_code == expected_exit, result.output
    assert f'files["{CH4}"].pages: expected a whole number, got "many"' in result.stderr
    assert ws.top_hit() == PHARMACIES


# ----------------------------------------------------------------------------- history
def test_history_with_bytes_that_are_not_utf8_never_blocks_an_ingest(ws: Workspace) -> None:
    """C2: a line cut inside a multi-byte character, and a stray non-UTF-8 byte."""
    history = ws.store.history_path
    with history.open("ab") as handle:
        handle.write(b'{"at": "2024-05-01T10:00:00+00:00", "files": {"caf\xc3')
    with history.open("ab") as handle:
        handle.write(b"\n\xff\xfe not a line\n")

    forced = ws.run("ingest", "--force")
    shown = ws.run("history")

    assert (forced.exit_code, shown.exit_code) == (0, 0), forced.output + shown.output
    assert f"{history} is damaged (2 damaged lines: 2, 3); those lines are skipped" in shown.stderr
    assert shown.stdout.count(" file(s)") == 2  # the first ingest and the forced one
    assert ws.top_hit() == PHARMACIES


def test_history_line_with_wrong_types_is_skipped_and_named(ws: Workspace) -> None:
    """C8: a line that is JSON but not an entry (`files` a list, `at` a number)."""
    history = ws.store.history_path
    with history.open("a", encoding="utf-8") as handle:
        handle.write(json.dumps({"at": 5, "files": []}) + "\n")

    shown = ws.run("history", "--json")

    assert shown.exit_code == 0, shown.output
    assert f"{history} is damaged (1 damaged line: 2)" in shown.stderr
    assert [entry["at"][:4] for entry in json.loads(shown.stdout)] == [
        load_manifest(ws.current).ingested_at[:4]
    ]  # type: ignore[union-attr]


# ------------------------------------------------------------------------ config snapshot
def test_damaged_config_snapshot_is_named_and_the_config_read_instead(ws: Workspace) -> None:
    path = ws.current / "toolkit.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["roles"] = "pharmacist"
    path.write_text(json.dumps(data), encoding="utf-8")

    result = ws.text_search("pharmacies", "--role", "pharmacist", "--json")

    assert result.exit_code == 0, result.output
    assert (
        f'{path} is damaged (roles: expected a list, got "pharmacist"); the config file is checked again instead'
        in result.stderr
    )
    assert json.loads(result.stdout)["results"][0]["section"] == "pharmacies"


# ---------------------------------------------------------------------------- cache entry
def test_damaged_cache_entry_is_named_and_the_pdf_read_again(ws: Workspace) -> None:
    sha = load_manifest(ws.current).files[CH4].sha256  # type: ignore[union-attr]
    entry = ws.store.cache_dir / f"{sha}.json"
    data = json.loads(entry.read_text(encoding="utf-8"))
    data["pages"][3]["lines"][0] = ["text", "top"]
    entry.write_text(json.dumps(data), encoding="utf-8")

    result = ws.run("ingest", "--force")

    assert result.exit_code == 0, result.output
    assert f"{entry} is damaged (pages[3].lines[0]: expected a list of 4 values" in result.stderr
    assert ws.top_hit() == PHARMACIES
    assert json.loads(entry.read_text(encoding="utf-8"))["pages"][3]["lines"][0][1] != "top"


# ------------------------------------------------------------------ the search index (U1)
def _drop_stamp(search: Path) -> None:
    (search / "schema.json").unlink()


def _zero_toc(search: Path) -> None:
    for toc in search.glob("*.toc"):
        toc.write_bytes(b"\0" * toc.stat().st_size)


def _delete_segment(search: Path) -> None:
    for segment in search.glob("*.seg"):
        segment.unlink()


DAMAGE = {"stamp gone": _drop_stamp, "toc zeroed": _zero_toc, "segment deleted": _delete_segment}


@pytest.mark.parametrize("damage", sorted(DAMAGE))
def test_damaged_search_index_says_to_ingest(ws: Workspace, damage: str) -> None:
    DAMAGE[damage](ws.current / "search")

    result = ws.text_search("pharmacies", "--json")

    assert result.exit_code == 2, result.output
    assert f"the search index in {ws.current / 'search'}" in result.stderr
    assert "cse-toolkit ingest" in result.stderr


@pytest.mark.parametrize("damage", sorted(DAMAGE))
def test_ingest_rebuilds_a_damaged_search_index(ws: Workspace, damage: str) -> None:
    """U1: once "Nothing changed… up to date" while every search failed."""
    DAMAGE[damage](ws.current / "search")

    result = ws.run("ingest")

    assert result.exit_code == 0, result.output
    assert "the previous search index could not be used" in result.stdout
    assert ws.top_hit() == PHARMACIES


# ------------------------------------------- D1: the ingested copy rots in the cache
def rot(path: Path) -> None:
    """Flip one letter inside the PDF's header comment: same size, same modification time,
    other bytes (what a failing disk does), and the file still reads."""
    before = path.stat()
    data = bytearray(path.read_bytes())
    at = data.index(b"ReportLab")
    data[at] ^= 0x20
    path.write_bytes(bytes(data))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))


def ingested_copy(ws: Workspace) -> Path:
    return ws.store.cache_dir / f"{load_manifest(ws.current).files[CH4].sha256}.pdf"  # type: ignore[union-attr]


def test_a_rotted_copy_is_named_and_copied_again_for_the_pack(ws: Workspace) -> None:
    """D1: the pack's cover cites the SHA-256 of the file ingested; its pages must come
    from exactly those bytes. A copy that no longer has them is never used."""
    copy = ingested_copy(ws)
    rot(copy)

    result = ws.run("pack", "pharmacist", "--out", str(ws.index.parent / "packs"))

    assert result.exit_code == 0, result.output
    assert (
        f"{copy} is damaged (its bytes no longer match the SHA-256 they were ingested with)" in result.stderr
    )
    assert sha256_file(copy) == copy.stem


def test_a_rotted_copy_of_a_since_changed_pdf_says_to_ingest(ws: Workspace) -> None:
    rot(ingested_copy(ws))
    with (ws.pdfs / CH4).open("ab") as handle:
        handle.write(b"\n% republished\n")

    result = ws.run("pack", "pharmacist", "--stale-ok", "--out", str(ws.index.parent / "packs"))

    assert result.exit_code == 2, result.output
    assert f"the ingested copy of {CH4} in {ws.store.cache_dir} is missing or damaged" in result.stderr
    assert "run `cse-toolkit ingest`" in result.stderr


# --------------------------------- U2: bit rot in pdfs/ that keeps size and time
def test_bit_rot_keeping_size_and_time_makes_pack_say_force(ws: Workspace) -> None:
    """U2: ingest trusts size and time and says nothing changed; pack hashes and says it
    changed. The pack's message breaks the loop: `ingest --force`."""
    rot(ws.pdfs / CH4)

    result = ws.run("pack", "pharmacist", "--out", str(ws.index.parent / "packs"))

    assert result.exit_code == 2, result.output
    assert "although its size and modification time did not" in result.stderr
    assert "run `cse-toolkit ingest --force`" in result.stderr


def test_bit_rot_keeping_size_and_time_makes_audit_say_force(ws: Workspace) -> None:
    rot(ws.pdfs / CH4)

    result = ws.run("audit")

    assert result.exit_code == 1, result.output
    assert "Run `cse-toolkit ingest --force` to index the changes." in result.stdout


def test_ingest_force_hashes_every_pdf_again(ws: Workspace) -> None:
    rot(ws.pdfs / CH4)

    result = ws.run("ingest", "--force")

    assert result.exit_code == 0, result.output
    assert load_manifest(ws.current).files[CH4].sha256 == sha256_file(ws.pdfs / CH4)  # type: ignore[union-attr]
