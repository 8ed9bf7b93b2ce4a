"""The fence around Whoosh's internals (engine/postings.py): the installed whoosh-reloaded
is one the pin in pyproject.toml allows; every private structure the engine reads still
has the shape it reads, and gives what Whoosh's public API gives, on a real index; and no
other module of the engine reads Whoosh's internals. A new Whoosh that changes them fails
here, naming what changed, before it can give a wrong score."""

from __future__ import annotations

import ast
import tomllib
from importlib.metadata import version
from pathlib import Path
from typing import Any

import pytest
from packaging.requirements import Requirement
from whoosh import query as wq
from whoosh.util.numeric import length_to_byte

from pipeline.engine import postings
from pipeline.engine.index import open_searcher
from pipeline.engine.store import IndexStore
from tests.conftest import REPO

ENGINE = REPO / "pipeline" / "engine"
# (field, word) pairs of the sample: words on many pages (postings in blocks) and few
# (postings inline with the term), in the stemmed and the plain fields.
TERMS = [
    ("content", "child"),
    ("content", "pharmaci"),
    ("content", "exploit"),
    ("content", "chaperon"),
    ("section", "pharmacies"),
    ("kind", "section"),
]
# What the engine reads of a block matcher, and of a segment reader's columns.
MATCHER_PRIVATES = ("_atend", "_next_block", "_ids", "_data", "_postfile", "_dataoffset", "_read_data",
                    "_byteids", "_weights", "_read_weights", "_i")  # fmt: skip
# The one public type the engine takes from Whoosh's codec: a merge policy is given segments.
ALLOWED_IMPORTS = {("whoosh.codec.base", "Segment")}


@pytest.fixture(scope="module")
def searcher(sample_index: Path) -> Any:
    return open_searcher(IndexStore(sample_index).search_dir())


def test_the_installed_whoosh_is_a_version_the_pin_allows() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    pinned = next(
        Requirement(r) for r in project["project"]["dependencies"] if r.lower().startswith("whoosh-reloaded")
    )
    installed = version("whoosh-reloaded")
    assert pinned.specifier.contains(installed), (
        f"whoosh-reloaded {installed} is not a version engine/postings.py was tested with ({pinned})"
    )
    assert any(spec.operator in ("<", "<=", "==", "~=") for spec in pinned.specifier), (
        f"{pinned} has no upper bound: a future Whoosh could change what engine/postings.py reads"
    )


def _block_matcher(searcher: Any) -> Any:
    for leaf, _ in searcher.leaf_searchers():
        reader = leaf.reader()
        field = reader.schema["content"]
        found = postings.matcher(reader, "content", field.to_bytes("child"), field.format)
        if postings.in_blocks(found):
            return found
    pytest.fail("no term of the sample has its postings in blocks: the block reader is not checked")


def test_a_block_matcher_has_every_attribute_the_engine_reads(searcher: Any) -> None:
    found = _block_matcher(searcher)
    assert [name for name in MATCHER_PRIVATES if not hasattr(found, name)] == []
    assert callable(found.block_max_id)


def test_a_segment_has_the_length_column_the_engine_reads(searcher: Any) -> None:
    reader = searcher.leaf_searchers()[0][0].reader()
    column = reader._perdoc._cached_reader("_content_len", postings._lengths_column())
    assert [name for name in ("_dbfile", "_basepos", "_count") if not hasattr(column, name)] == []


@pytest.mark.parametrize(("field", "word"), TERMS)
def test_postings_read_whole_are_whooshs_postings(searcher: Any, field: str, word: str) -> None:
    compared = 0
    for leaf, _ in searcher.leaf_searchers():
        reader = leaf.reader()
        btext = reader.schema[field].to_bytes(word)
        if (field, btext) not in reader:
            continue
        public = reader.postings(field, btext)
        expected = []
        while public.is_active():
            expected.append((public.id(), public.weight()))
            public.next()
        assert list(postings.postings(reader, field, btext, reader.schema[field].format)) == expected
        compared += 1
    assert compared


@pytest.mark.parametrize("word", ["child", "exploit", "pharmaci"])
def test_positions_read_whole_are_whooshs_positions(searcher: Any, word: str) -> None:
    for leaf, _ in searcher.leaf_searchers():
        reader = leaf.reader()
        btext = reader.schema["content"].to_bytes(word)
        if ("content", btext) not in reader:
            continue
        public = reader.postings("content", btext)
        expected = {}
        while public.is_active():
            expected[public.id()] = list(public.value_as("positions"))
            public.next()
        got = {
            doc: list(postings.positions_at(m))
            for doc, m in postings.at_docs(reader, "content", word, sorted(expected))
        }
        assert got == expected


@pytest.mark.parametrize("field", ["content", "section_title", "headers"])
def test_length_bytes_read_at_once_are_whooshs_lengths(searcher: Any, field: str) -> None:
    for leaf, _ in searcher.leaf_searchers():
        reader = leaf.reader()
        expected = bytes(
            length_to_byte(int(reader.doc_field_length(doc, field, 0) or 0))
            for doc in range(reader.doc_count_all())
        )
        assert postings.length_bytes(leaf, field) == expected
    assert postings.LENGTH_OF_BYTE[0] == 0.0  # no length stored: none


@pytest.mark.parametrize("field", ["content", "section_title", "headers", "concepts"])
def test_the_b_of_a_field_is_the_one_whoosh_scores_with(searcher: Any, field: str) -> None:
    btext = next(iter(searcher.reader().lexicon(field)))  # the field's first word
    assert postings.field_b(searcher.weighting, field) == searcher.weighting.scorer(searcher, field, btext).B


@pytest.mark.parametrize("prefix", ["exploit", "pharm", "s"])
def test_a_wildcards_words_are_whooshs_expansion(searcher: Any, prefix: str) -> None:
    reader = searcher.reader()
    words = postings.pattern_words(wq.Prefix("content", prefix), reader)
    assert words == [w.encode() if isinstance(w, str) else w for w in reader.expand_prefix("content", prefix)]
    assert words


def test_no_other_engine_module_reads_whooshs_internals() -> None:
    """A private attribute of something other than the module's own objects, or an import
    from Whoosh's codec, storage or utility internals, outside engine/postings.py."""
    found = []
    for path in sorted(ENGINE.glob("*.py")):
        if path.name == "postings.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            private = isinstance(node, ast.Attribute) and node.attr.startswith("_") and node.attr[:2] != "__"
            if private and not (isinstance(node.value, ast.Name) and node.value.id in ("self", "cls")):
                found.append(f"{path.name}:{node.lineno}: {ast.unparse(node)}")
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("whoosh."):
                for alias in node.names:
                    internal = node.module.startswith(("whoosh.codec", "whoosh.system", "whoosh.util"))
                    if (internal or alias.name.startswith("_")) and (
                        node.module,
                        alias.name,
                    ) not in ALLOWED_IMPORTS:
                        found.append(f"{path.name}:{node.lineno}: from {node.module} import {alias.name}")
    assert found == []


@pytest.mark.parametrize(("field", "word"), TERMS)
def test_a_terms_postings_are_found_where_whoosh_keeps_them(searcher: Any, field: str, word: str) -> None:
    """Inline postings are Whoosh's own; postings in blocks are found by the offset that
    the field's one pass over the term table (block_terms) gives too."""
    for leaf, _ in searcher.leaf_searchers():
        reader = leaf.reader()
        btext = reader.schema[field].to_bytes(word)
        where = postings.term_postings(reader, field, btext)
        if (field, btext) not in reader:
            assert where is None
            continue
        public = reader.postings(field, btext)
        expected = []
        while public.is_active():
            expected.append((public.id(), public.weight()))
            public.next()
        if isinstance(where, int):
            offsets = dict(postings.block_terms(reader, field))
            assert where in offsets
            assert [
                p for ids, weights in postings.blocks(offsets[where]) for p in zip(ids, weights, strict=True)
            ] == expected
        else:
            assert where is not None
            assert list(zip(*where, strict=True)) == expected
    assert postings.term_postings(reader, "content", b"zzznotaword") is None


def test_the_engines_segment_files_are_named_as_whoosh_removes_them(searcher: Any) -> None:
    from whoosh.index import TOC

    reader = searcher.leaf_searchers()[0][0].reader()
    path = postings.segment_file(reader, ".pagefreqs")
    assert path is not None and path.parent.is_dir()
    assert TOC._segment_pattern("MAIN").match(path.name).group(1) == reader.segment().segment_id()


def test_the_index_parts_add_up_to_the_folder(sample_index: Path) -> None:
    search_dir = IndexStore(sample_index).search_dir()
    assert search_dir is not None
    parts = postings.index_parts(search_dir)
    on_disk = sum(p.stat().st_size for p in search_dir.iterdir() if p.suffix not in (".toc", ".json"))
    assert sum(parts.values()) == on_disk
    assert parts["postings: content"] > parts["postings: section_title"] > 0
    assert parts["stored fields"] > 0 and parts[".pagefreqs files"] > 0
