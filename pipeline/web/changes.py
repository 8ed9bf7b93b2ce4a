"""The editions as the web page shows them (`/changes`, `/api/changes`, `/changes.atom`):
read once per index generation, cut down to one reader's role as `cse-toolkit changes
--role` cuts them, each changed section linked to its page as it is now, and written as
an Atom 1.0 feed (by feedgen) that a team can subscribe to in Outlook or a feed reader.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from markupsafe import escape

from pipeline.engine import names
from pipeline.engine.names import Chosen
from pipeline.errors import UsageError
from pipeline.ingest.editions import Edition, SectionEdit, Since, chosen_editions, parse_since
from pipeline.ingest.history import read_editions
from pipeline.views import changes as texts
from pipeline.web.answers import BadRequest
from pipeline.web.site import Edition as Generation
from pipeline.web.state import web_state


@dataclass(frozen=True)
class Reader:
    """Whom the changes are for: a role, an audience, or everyone (`chosen` None)."""

    chosen: Chosen | None
    since: Since

    @property
    def role(self) -> str:
        return self.chosen.role.id if self.chosen and self.chosen.role else ""

    @property
    def audience(self) -> str:
        return self.chosen.audience.id if self.chosen and self.chosen.audience and not self.role else ""

    @property
    def who(self) -> str | None:
        """ "Pharmacies", or "the Health Professionals audience"."""
        if self.chosen is None:
            return None
        if self.chosen.role is not None:
            return self.chosen.role.title
        return f"the {self.chosen.audience.title} audience" if self.chosen.audience else None

    def params(self) -> dict[str, str]:
        """The URL parameters that ask for the same changes again."""
        return {"role": self.role} if self.role else {"role": self.audience} if self.audience else {}


def all_editions(current: Generation) -> list[Edition]:
    """Every edition, oldest first, read once per generation (a new edition always comes
    with a new generation)."""
    site = web_state().site
    return web_state().memo.get(
        current, "editions", lambda: read_editions(site.store.history_path, current.generation)
    )


def read_reader(args: Mapping[str, str], current: Generation) -> Reader:
    """`role` (an id, title, alias or audience name, read as everywhere) and `since`."""
    toolkit = current.toolkit
    role = args.get("role", "").strip()
    try:
        chosen = names.resolve(toolkit, role or None, None)
    except UsageError as exc:
        valid = {r.id: r.title for r in toolkit.roles}
        raise BadRequest(exc.message, valid, f"There is no role called “{role}”.") from None
    today = datetime.datetime.now(datetime.UTC).date().isoformat()
    try:
        since = parse_since(args.get("since"), all_editions(current), today, option="since")
    except UsageError as exc:
        raise BadRequest(exc.message) from None
    return Reader(chosen, since)


def shown(current: Generation, reader: Reader) -> list[Edition]:
    """The editions for this reader, newest first."""
    scope = reader.chosen.scope if reader.chosen else None
    return chosen_editions(all_editions(current), reader.since, scope, current.toolkit.roles)


def page_now(current: Generation, edit: SectionEdit) -> tuple[str, int] | None:
    """(file id, PDF page) where the section's heading stands now, if it still exists."""
    info = current.manifest.section(edit.id)
    record = current.manifest.files.get(info.file) if info else None
    if info is None or record is None or not info.first_pdf_page:
        return None
    pdf_page = info.first_pdf_page
    if info.heading_page:  # where the heading stands, even outside its configured pages
        pages = [*range(info.first_pdf_page, info.last_pdf_page + 1), *record.pages_of(info.chapter)]
        pdf_page = next((p for p in pages if record.page_labels[p - 1] == info.heading_page), pdf_page)
    file_id = current.file_id(info.file)
    return (file_id, pdf_page) if file_id else None


@dataclass(frozen=True)
class Line:
    """One changed section as the page lists it."""

    name: str
    place: str
    text: str
    link: str | None


def lines(
    current: Generation, edition: Edition, page_url: Callable[[str, int], str]
) -> list[tuple[str, list[Line]]]:
    """The edition's sections by chapter, each with a link to its page now."""
    out = []
    for chapter, edits in texts.by_chapter(edition):
        listed = []
        for edit in edits:
            where = page_now(current, edit) if edit.status != "removed" else None
            listed.append(
                Line(
                    texts.section_name(edit),
                    texts.edit_place(edit),
                    texts.edit_text(edit),
                    page_url(*where) if where else None,
                )
            )
        out.append((texts.chapter_name(current.toolkit, chapter), listed))
    return out


def as_json(current: Generation, reader: Reader, editions: list[Edition]) -> dict[str, Any]:
    """`/api/changes`: the `cse-toolkit changes --json` object."""
    every = all_editions(current)
    audience = reader.chosen.audience if reader.chosen else None  # also a role's, as the search
    return texts.changes_json(
        editions, every[-1] if every else None, reader.role or None, audience.id if audience else None
    )


def atom(
    current: Generation,
    reader: Reader,
    editions: list[Edition],
    page_url: Callable[[str, int], str],
    feed_url: str,
    changes_url: str,
) -> bytes:
    """The editions as an Atom 1.0 feed, one entry per edition (absolute URLs)."""
    from feedgen.feed import FeedGenerator  # loaded only when the feed is asked for

    toolkit = current.toolkit
    feed = FeedGenerator()
    feed.id(changes_url)
    feed.title(f"What changed in the {toolkit.title}" + (f", for {reader.who}" if reader.who else ""))
    feed.subtitle("Each edition of the toolkit: the sections added, changed, moved or removed.")
    feed.author({"name": toolkit.board.name if toolkit.board else toolkit.title})
    feed.link(href=feed_url, rel="self", type="application/atom+xml")
    feed.link(href=changes_url, rel="alternate", type="text/html")
    feed.language("en-GB")
    newest = editions[0] if editions else None
    feed.updated(
        _instant(newest.at if newest else current.manifest.ingested_at, newest.date if newest else "")
    )
    for edition in reversed(editions):  # feedgen puts the last added first
        entry = feed.add_entry()
        entry.id(f"{changes_url}#edition-{edition.number}")
        entry.title(texts.heading(edition))
        entry.link(href=f"{changes_url}#edition-{edition.number}", rel="alternate", type="text/html")
        entry.updated(_instant(edition.at, edition.date))
        entry.published(_instant(edition.at, edition.date))
        entry.content(_entry_html(current, edition, page_url), type="html")
    return bytes(feed.atom_str(pretty=True))


def _instant(at: str, date: str) -> datetime.datetime:
    """An edition's time for the feed: when its ingest ran (UTC), else its date at midnight."""
    try:
        found = datetime.datetime.fromisoformat(at)
    except ValueError:
        found = datetime.datetime.fromisoformat(date or "2000-01-01")
    return found if found.tzinfo else found.replace(tzinfo=datetime.UTC)


def _entry_html(current: Generation, edition: Edition, page_url: Callable[[str, int], str]) -> str:
    """An entry's text: what the page shows for the edition, as HTML (escaped here)."""
    parts = []
    if edition.note:
        parts.append(f"<p>{escape(edition.note)}</p>")
    parts.append(f"<p>{escape(texts.summary(edition))}</p>")
    for label, names_ in texts.file_lists(edition):
        parts.append(f"<p>{escape(label)}: {escape(', '.join(names_))}</p>")
    if not edition.initial:
        for chapter, listed in lines(current, edition, page_url):
            items = "".join(
                "<li>"
                + (
                    f'<a href="{escape(line.link)}">{escape(line.name)}</a>'
                    if line.link
                    else str(escape(line.name))
                )
                + (f" ({escape(line.place)})" if line.place else "")
                + f": {escape(line.text)}</li>"
                for line in listed
            )
            parts.append(f"<h3>{escape(chapter)}</h3><ul>{items}</ul>")
    return "".join(parts)
