"""The web page's routes, one module per family of pages (as Datasette's `views/`):

- `search.py`: the search form, its results page and `/api/search`;
- `pages.py`: a result's page view, its image with the matches marked, and the PDF;
- `reading.py`: reading lists, the A to Z and the excerpt packs;
- `changes.py`: what changed in each edition, for a role: the page, JSON and an Atom feed;
- `health.py`: `/healthz`, for monitoring;
- `about.py`: the accessibility statement;
- `errors.py`: errors as a message and a status, and the headers every response carries.

Each module's `register(app)` adds its routes under the endpoint names the templates use.
"""

from __future__ import annotations

from flask import Flask

from pipeline.web.routes import about, changes, errors, health, pages, reading, search


def register_all(app: Flask) -> None:
    for module in (search, pages, reading, changes, health, about, errors):
        module.register(app)
