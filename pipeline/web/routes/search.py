"""The search form (`/`), its results page (`/search`) and the same answer as JSON
(`/api/search`, the object `cse-search --json` prints, with each result's links)."""

from __future__ import annotations

from flask import Flask, Response, jsonify, render_template, request

from pipeline.errors import CseError
from pipeline.web import answers
from pipeline.web.layout import form_context
from pipeline.web.links import image_url, pdf_url
from pipeline.web.state import edition, web_state


def home() -> str:
    current = edition()
    role = request.args.get("role", "")
    ask = answers.Ask("", role=role if any(r.id == role for r in current.toolkit.roles) else "")
    return render_template("search.html", **form_context(current, ask), found=None, error=None)


def search_page() -> tuple[str, int] | str:
    current = edition()
    try:
        ask = answers.read_ask(request.args, current)
        found = web_state().recent.answer(current, ask)
    except CseError as exc:  # a bad query or filter: the form again, with the message
        loose = answers.Ask(
            request.args.get("q", "")[: answers.MAX_QUERY_CHARS],
            role=request.args.get("role", ""),
            audience=request.args.get("audience", ""),
        )
        context = form_context(current, loose)
        return render_template("search.html", **context, found=None, error=exc), 400
    return render_template(
        "search.html", **form_context(current, ask), found=found, who=answers.who(found), error=None
    )


def api_search() -> Response:
    current = edition()
    ask = answers.read_ask(request.args, current)
    found = web_state().recent.answer(current, ask)
    payload = answers.answer_json(
        found,
        current,
        pdf_url,
        lambda file_id, page: image_url(file_id, page, ask.query, ask.as_typed),
    )
    return jsonify(payload)


def register(app: Flask) -> None:
    app.add_url_rule("/", "home", home, methods=["GET"])
    app.add_url_rule("/search", "search_page", search_page, methods=["GET"])
    app.add_url_rule("/api/search", "api_search", api_search, methods=["GET"])
