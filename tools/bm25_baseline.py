"""A plain BM25 engine over the same page text, for the evaluation to compare against.

SQLite's FTS5 with the porter tokenizer: English stemming, no stop list, no synonyms, no
titles, no proximity, words joined with OR (as an off-the-shelf engine's default parser
does). It ships with Python, so the comparison needs no dependency and runs in the same
process on exactly the text cse-search indexed.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass

NAME = "plain BM25 (SQLite FTS5, porter)"
_QUOTED = re.compile(r'"([^"]*)"')
_WORD = re.compile(r"\w+")
_OPERATORS = {"AND", "OR", "NOT"}


@dataclass(frozen=True)
class Doc:
    """One indexed unit: what identifies it to the judgements, and its text."""

    key: tuple[object, ...]
    text: str


class Bm25Baseline:
    """An in-memory FTS5 table of the documents; `search` returns their keys, best first."""

    def __init__(self, docs: Iterable[Doc]) -> None:
        self.keys: list[tuple[object, ...]] = []
        self.db = sqlite3.connect(":memory:")
        self.db.execute("CREATE VIRTUAL TABLE pages USING fts5(body, tokenize='porter unicode61')")
        for doc in docs:
            self.keys.append(doc.key)
            self.db.execute("INSERT INTO pages(rowid, body) VALUES (?, ?)", (len(self.keys), doc.text))

    def search(
        self, text: str, limit: int = 10, allow: Callable[[tuple[object, ...]], bool] | None = None
    ) -> list[tuple[object, ...]]:
        """The keys of the best `limit` documents that `allow` accepts (all, without it)."""
        match = fts_query(text)
        if not match:
            return []
        rows = self.db.execute("SELECT rowid FROM pages WHERE pages MATCH ? ORDER BY bm25(pages)", (match,))
        found = []
        for (rowid,) in rows:
            key = self.keys[rowid - 1]
            if allow is None or allow(key):
                found.append(key)
                if len(found) == limit:
                    break
        return found


def fts_query(text: str) -> str:
    """Quoted phrases stay phrases; every other word is one alternative (OR)."""
    parts = []
    for phrase in _QUOTED.findall(text):
        words = _WORD.findall(phrase)
        if words:
            parts.append('"' + " ".join(words) + '"')
    rest = _QUOTED.sub(" ", text)
    parts.extend(f'"{word}"' for word in _WORD.findall(rest) if word not in _OPERATORS)
    return " OR ".join(parts)
