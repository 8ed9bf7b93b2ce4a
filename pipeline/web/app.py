"""The web application: Flask, its template helpers, the state the routes share, and the
routes (in `routes/`, one module per family of pages).

Safe by default: files are found by an id from the manifest, never by a path from the
request; templates escape everything they echo (Jinja's autoescape); every response says
what may load (CSP: this host only) and is never sniffed; errors are a message and a
status, never a traceback; and nothing here logs a query (see `server.py` for the log).
"""

from __future__ import annotations

from flask import Flask

from pipeline.web import links
from pipeline.web.routes import register_all
from pipeline.web.site import Settings
from pipeline.web.state import EXTENSION, WebState


def create_app(settings: Settings) -> Flask:
    app = Flask(__name__, static_folder="static", template_folder="templates")
    app.config.update(MAX_CONTENT_LENGTH=64 * 1024)
    app.json.ensure_ascii = False  # type: ignore[attr-defined]
    app.json.sort_keys = False  # type: ignore[attr-defined]
    state = WebState.from_settings(settings)
    app.extensions[EXTENSION] = state
    app.extensions["cse_site"] = state.site
    app.jinja_env.trim_blocks = app.jinja_env.lstrip_blocks = True  # tidy HTML from block tags
    app.jinja_env.filters.update(links.FILTERS)
    app.context_processor(links.template_helpers)
    register_all(app)
    return app
