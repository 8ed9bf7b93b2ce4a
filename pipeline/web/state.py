"""What the web page keeps between requests: the site it follows, the folders its page
images and packs are written to, values built once per edition, and recent answers.

One `WebState` per app, found by the routes through `web_state()`, so the route modules
hold functions, not closures.
"""

from __future__ import annotations

import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar, cast

from flask import current_app

from pipeline.web import answers
from pipeline.web.former import Formers
from pipeline.web.pages import PageImages
from pipeline.web.site import Edition, Settings, Site

T = TypeVar("T")
EXTENSION = "cse_state"


class WebCache:
    """Where renderings and packs of one generation are kept: inside the generation (so
    they go with it), or, if the index is read-only, in a folder of this process's own."""

    def __init__(self) -> None:
        self._fallback: Path | None = None
        self._lock = threading.Lock()

    def folder(self, generation: Path, kind: str) -> Path:
        inside = generation / "web" / kind
        try:
            inside.mkdir(parents=True, exist_ok=True)
            return inside
        except OSError:
            with self._lock:
                if self._fallback is None:
                    self._fallback = Path(tempfile.mkdtemp(prefix="cse-toolkit-web-"))
            outside = self._fallback / generation.name / kind
            outside.mkdir(parents=True, exist_ok=True)
            return outside


def edition_key(edition: Edition) -> tuple[str, str]:
    """What a kept value was made from: the index generation and the config's bytes. An
    edited config (a new phone number) makes a new edition, so nothing made from the old
    one (a pack, a reading list) is served beside what is made from the new one."""
    return (edition.name, edition.toolkit.digest or "")


class Memo:
    """Values built once per edition (the A to Z, reading lists), dropped when it changes."""

    def __init__(self) -> None:
        self._values: dict[tuple[str, str, str], Any] = {}
        self._lock = threading.Lock()

    def get(self, edition: Edition, name: str, build: Callable[[], T]) -> T:
        key = (*edition_key(edition), name)
        with self._lock:
            if key in self._values:
                return cast(T, self._values[key])
        value = build()
        with self._lock:
            for old in [k for k in self._values if k[:2] != key[:2]]:
                del self._values[old]
            self._values[key] = value
        return value


@dataclass
class WebState:
    """Everything the routes share, made once per app."""

    site: Site
    cache: WebCache = field(default_factory=WebCache)
    memo: Memo = field(default_factory=Memo)
    recent: answers.RecentAnswers = field(default_factory=answers.RecentAnswers)
    pack_lock: threading.Lock = field(default_factory=threading.Lock)
    images: PageImages = field(init=False)
    formers: Formers = field(init=False)

    def __post_init__(self) -> None:
        self.formers = Formers(self.site.store)
        self.images = PageImages(lambda generation: self.cache.folder(generation, "pages"))

    @classmethod
    def from_settings(cls, settings: Settings) -> WebState:
        return cls(Site(settings))

    def edition(self) -> Edition:
        return self.site.edition()


def web_state() -> WebState:
    """The state of the app answering the current request."""
    return cast(WebState, current_app.extensions[EXTENSION])


def edition() -> Edition:
    """The edition this request is answered from (the published generation, followed)."""
    return web_state().edition()
