"""Errors as a message and a status (JSON under /api/, a page elsewhere), never a
traceback; and the headers every response carries (CSP: this host only, never sniffed,
never cached when it may name a child)."""

from __future__ import annotations

import logging
import traceback
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from flask import Flask, Response, jsonify, render_template, request
from werkzeug.exceptions import HTTPException, NotFound

from pipeline.errors import CseError
from pipeline.web import answers
from pipeline.web.answers import BadRequest
from pipeline.web.layout import form_context
from pipeline.web.renderer import Busy, TooLarge
from pipeline.web.site import NotReady
from pipeline.web.state import edition

LOG = logging.getLogger("cse_toolkit.web")
SECURITY_HEADERS = {
    # Everything from this host only; no inline script or style; no framing; forms post here.
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
        "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",  # a query in a URL never leaves in a Referer header
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}
HTTP_MESSAGES = {404: "There is no such page here.", 405: "That method is not allowed here."}


def wants_json() -> bool:
    return request.path.startswith("/api/")


def error_response(
    status: int, message: str, valid: dict[str, str] | None = None, summary: str = ""
) -> Response:
    if wants_json():
        body: dict[str, Any] = {"error": message, "status": status}
        if valid:
            body["valid"] = valid
        response = jsonify(body)
    else:
        context: dict[str, Any] = {"title": "Tackling Child Sexual Exploitation Toolkit"}
        try:
            context = form_context(edition(), None)
        except Exception:  # the error page must render even without an index
            context.update(toolkit=None, role_groups=[], ask=answers.Ask(""), edition=None)
        response = Response(
            render_template(
                "error.html", **context, status=status, message=summary or message, valid=valid or {}
            ),
            mimetype="text/html",
        )
    response.status_code = status
    return response


def not_ready(exc: NotReady) -> Response:
    return error_response(503, exc.message)


def bad_request(exc: BadRequest) -> Response:
    return error_response(400, exc.message, exc.valid, exc.summary)


def too_large(exc: TooLarge) -> Response:
    return error_response(422, exc.message)


def busy(exc: Busy) -> Response:
    response = error_response(503, exc.message)
    response.headers["Retry-After"] = "2"
    return response


def usage_error(exc: CseError) -> Response:
    return error_response(400, exc.message)


def http_error(exc: HTTPException) -> Response:
    status = exc.code or 500
    message = (
        exc.description
        if isinstance(exc, NotFound) and exc.description and "requested URL" not in exc.description
        else HTTP_MESSAGES.get(status, exc.name)
    )
    return error_response(status, message)


def unexpected(exc: Exception) -> Response:
    # The traceback goes to the server's log without the exception's message, which could
    # quote a query; the visitor gets a plain sentence.
    LOG.error("unexpected %s:\n%s", type(exc).__name__, "".join(traceback.format_tb(exc.__traceback__)))
    return error_response(500, "Something went wrong on the server; the error was logged.")


def relative_location(location: str) -> str:
    """A redirect's target as a path on this site: werkzeug builds a slash redirect
    (`/static//style.css`) from the request's Host header, which anyone can set
    (`Host: evil.example`); a path keeps the visitor here, whatever host they came by."""
    parts = urlsplit(location)
    path = "/" + parts.path.lstrip("/")  # never "//host": a path, not another site
    return urlunsplit(("", "", path, parts.query, parts.fragment))


def security_headers(response: Response) -> Response:
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    if response.mimetype == "application/pdf":
        # A browser's own PDF viewer runs in this document; a page policy can stop it from
        # drawing. The PDFs are the board's ingested files, served as they are.
        del response.headers["Content-Security-Policy"]
    location = response.headers.get("Location")
    if location:
        response.headers["Location"] = relative_location(location)
    if "Cache-Control" not in response.headers:
        response.headers["Cache-Control"] = "no-store"  # answers may name a child: keep them out of caches
    return response


def register(app: Flask) -> None:
    # Most specific first: Flask picks the handler by the exception's class hierarchy.
    app.register_error_handler(NotReady, not_ready)
    app.register_error_handler(BadRequest, bad_request)
    app.register_error_handler(TooLarge, too_large)
    app.register_error_handler(Busy, busy)
    app.register_error_handler(CseError, usage_error)
    app.register_error_handler(HTTPException, http_error)
    app.register_error_handler(Exception, unexpected)
    app.after_request(security_headers)
