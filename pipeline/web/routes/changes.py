"""What changed in each edition of the toolkit, for one reader: the page (`/changes`),
the same as JSON (`/api/changes`, the object `cse-toolkit changes --json` prints) and as
an Atom 1.0 feed (`/changes.atom`) a team can subscribe to. Each takes `role` (any name a
search takes) and `since` (an edition number or a date)."""

from __future__ import annotations

from flask import Flask, Response, jsonify, render_template, request, url_for

from pipeline.ingest.watch import failed_since
from pipeline.text import long_date
from pipeline.views import changes as texts
from pipeline.web import changes
from pipeline.web.layout import form_context
from pipeline.web.links import page_url, with_query
from pipeline.web.state import edition, web_state


def changes_page() -> str:
    current = edition()
    reader = changes.read_reader(request.args, current)
    shown = changes.shown(current, reader)
    every = changes.all_editions(current)
    params = reader.params()
    return render_template(
        "changes.html",
        **form_context(current, None),
        reader=reader,
        editions=[(e, changes.lines(current, e, page_url)) for e in shown],
        latest=every[-1] if every else None,
        total=len(every),
        feed_url=with_query(url_for("changes_feed"), params),
        api_url=with_query(url_for("api_changes"), params),
        texts=texts,
        update_failed=failed_since(web_state().site.settings.index_dir, current.manifest.ingested_at),
    )


def api_changes() -> Response:
    current = edition()
    reader = changes.read_reader(request.args, current)
    return jsonify(changes.as_json(current, reader, changes.shown(current, reader)))


def changes_feed() -> Response:
    current = edition()
    reader = changes.read_reader(request.args, current)
    params = reader.params()
    host = request.host_url.rstrip("/")
    body = changes.atom(
        current,
        reader,
        changes.shown(current, reader),
        lambda file_id, pdf_page: host + page_url(file_id, pdf_page),
        host + with_query(url_for("changes_feed"), params),
        host + with_query(url_for("changes_page"), params),
    )
    return Response(body, mimetype="application/atom+xml")


def register(app: Flask) -> None:
    app.jinja_env.filters["long_date"] = long_date
    app.add_url_rule("/changes", "changes_page", changes_page, methods=["GET"])
    app.add_url_rule("/api/changes", "api_changes", api_changes, methods=["GET"])
    app.add_url_rule("/changes.atom", "changes_feed", changes_feed, methods=["GET"])
