"""A search asked over HTTP: read and check its parameters, then ask the engine exactly as
`cse-search` does (engine.ask: same name reading, same search; render: same JSON object).

Every problem with the parameters is a `BadRequest` with a message a person can act on;
the app answers it with 400.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from cachetools import LRUCache

from pipeline.engine import ask as engine
from pipeline.engine import names
from pipeline.engine.ask import Answer
from pipeline.engine.names import Chosen
from pipeline.engine.search import MAX_QUERY_CHARS
from pipeline.errors import UsageError
from pipeline.views import render
from pipeline.web.site import Edition

DEFAULT_LIMIT = 10
MAX_LIMIT = 100


class BadRequest(UsageError):
    """The request's parameters cannot be answered (HTTP 400)."""

    def __init__(self, message: str, valid: Mapping[str, str] | None = None, summary: str = "") -> None:
        super().__init__(message)
        self.valid = dict(valid or {})  # e.g. the valid roles, id -> title
        self.summary = summary or message  # for the page, which lists `valid` itself


@dataclass(frozen=True)
class Ask:
    """A search as asked: the query and its optional filters, all still as typed."""

    query: str
    role: str = ""
    audience: str = ""
    chapter: int | None = None
    limit: int = DEFAULT_LIMIT
    notes: tuple[str, ...] = ()  # how a loosely typed role or audience was read
    as_typed: bool = False  # the words exactly as typed: no spelling correction (typed=1)

    def params(self, **changes: object) -> dict[str, str]:
        """The URL parameters that ask this again (with some changed), for shareable links."""
        values = {
            "q": self.query,
            "role": self.role,
            "audience": self.audience,
            "chapter": "" if self.chapter is None else str(self.chapter),
            "limit": "" if self.limit == DEFAULT_LIMIT else str(self.limit),
            "typed": "1" if self.as_typed else "",
        }
        values.update({key: "" if value is None else str(value) for key, value in changes.items()})
        return {key: value for key, value in values.items() if value}


def read_ask(args: Mapping[str, str], edition: Edition) -> Ask:
    """The search in a request's parameters (q, role, audience, chapter, limit, typed), checked.
    Names are read as `cse-search` reads them (engine.names) and kept as ids, so that the
    form shows them and a shared link asks exactly the same."""
    query = args.get("q", "")
    if len(query) > MAX_QUERY_CHARS:
        raise BadRequest(
            f"query too long ({len(query)} characters; at most {MAX_QUERY_CHARS}): use a few key words"
        )
    if not query.strip():
        raise BadRequest("type a word or two to search for, e.g. pharmacies")
    role, audience = args.get("role", "").strip(), args.get("audience", "").strip()
    toolkit = edition.toolkit
    try:
        chosen = _resolve(edition, role, audience)
    except UsageError as exc:
        if role and not _resolves(lambda: names.resolve_role(toolkit, role)):
            valid = {r.id: r.title for r in toolkit.roles}
            raise BadRequest(exc.message, valid, f"There is no role called “{role}”.") from None
        if audience and not _resolves(lambda: names.resolve_audience(toolkit, audience)):
            valid = {a.id: a.title for a in toolkit.audiences}
            raise BadRequest(exc.message, valid, f"There is no audience called “{audience}”.") from None
        raise BadRequest(exc.message) from None
    notes: tuple[str, ...] = ()
    if chosen is not None:
        notes = chosen.notes
        if chosen.role is not None:
            role, audience = chosen.role.id, ""
        elif chosen.audience is not None:
            role, audience = "", chosen.audience.id
    chapter = _chapter(args.get("chapter", ""), edition)
    as_typed = args.get("typed", "") not in ("", "0")
    return Ask(query, role, audience, chapter, _limit(args.get("limit", "")), notes, as_typed)


NAMES_KEPT = 256


def _resolve(edition: Edition, role: str, audience: str) -> Chosen | None:
    """names.resolve, remembered per edition for the names that resolve."""
    key = (role, audience)
    if key in edition.names_read:
        return cast(Chosen | None, edition.names_read[key])
    chosen = names.resolve(edition.toolkit, role or None, audience or None)
    if len(edition.names_read) < NAMES_KEPT:
        edition.names_read[key] = chosen
    return chosen


def _resolves(resolve: Callable[[], object]) -> bool:
    try:
        resolve()
    except UsageError:
        return False
    return True


def _chapter(text: str, edition: Edition) -> int | None:
    text = text.strip()
    if not text:
        return None
    valid = {str(c.number): c.title for c in edition.toolkit.chapters}
    if text not in valid:
        listed = ", ".join(f"{number} ({title})" for number, title in valid.items()) or "none are configured"
        raise BadRequest(
            f"unknown chapter {text!r}. Valid chapters: {listed}", valid, f"There is no chapter {text}."
        )
    return int(text)


def _limit(text: str) -> int:
    text = text.strip()
    if not text:
        return DEFAULT_LIMIT
    # ASCII digits only: "²" passes str.isdigit() but not int() (it was a 500 for anyone).
    if not (text.isascii() and text.isdigit()) or len(text) > 6 or not 1 <= int(text) <= MAX_LIMIT:
        raise BadRequest(f"limit must be a whole number from 1 to {MAX_LIMIT}")
    return int(text)


def answer(edition: Edition, ask: Ask) -> Answer:
    """Run the search exactly as `cse-search` does (engine.ask)."""
    return engine.ask(
        edition.toolkit,
        edition.search_dir,
        ask.query,
        role=ask.role or None,
        audience=ask.audience or None,
        chapter=ask.chapter,
        limit=ask.limit,
        as_typed=ask.as_typed,
    )


class RecentAnswers:
    """The last answers given, in memory only and per index generation: a team asks the
    same few things ("pharmacies" as a pharmacist) far more often than anything else, and
    a repeated search then costs nothing. Never written anywhere; gone with the process,
    and dropped as soon as a new generation is published. CSE_WEB_ANSWER_CACHE=0 turns it
    off (the load figure in `make bench` is measured both ways)."""

    def __init__(self, size: int = 256) -> None:
        self.size = size if os.environ.get("CSE_WEB_ANSWER_CACHE", "1") != "0" else 0
        self._answers: LRUCache[tuple[Path, str, Ask], Answer] = LRUCache(maxsize=max(self.size, 1))
        self._lock = threading.Lock()  # LRUCache is not thread-safe; the server's threads share this

    def answer(self, edition: Edition, ask: Ask) -> Answer:
        key = (edition.generation, edition.toolkit.digest, ask)
        with self._lock:
            found = self._answers.get(key)
        if found is not None:
            return found
        found = answer(edition, ask)
        if self.size:
            with self._lock:
                for old in [k for k in self._answers if k[:2] != key[:2]]:
                    del self._answers[old]
                self._answers[key] = found
        return found


def who(found: Answer) -> str | None:
    """The role's or audience's title, as the results name it ("... for Pharmacies")."""
    chosen = found.chosen
    if chosen is None:
        return None
    named = chosen.role or chosen.audience
    return named.title if named is not None else None


def answer_json(
    found: Answer, edition: Edition, pdf_url: Callable[[str, int], str], image_url: Callable[[str, int], str]
) -> dict[str, Any]:
    """The `cse-search --json` object, each result with `pdf_url` and `image_url` added."""
    payload = render.search_json(
        found.result, found.role_id, render.Asked(found.chosen, found.chapter), edition.dates
    )
    for item in payload["results"]:
        file_id = edition.file_id(item["file"]) or ""
        item["pdf_url"] = pdf_url(file_id, item["pdf_page"])
        item["image_url"] = image_url(file_id, item["pdf_page"])
    return payload
