"""`/healthz`, for the monitoring a board's IT team points at every service: 200 with the
edition and index generation being answered from, 503 (with the reason) before the first ingest or
when the index cannot be read. It carries nothing about queries; the watched folder's last
ingest is included when there is one, so a failed ingest shows while the last good index
still answers."""

from __future__ import annotations

from typing import Any

from flask import Flask, Response, jsonify

from pipeline.engine.index import open_searcher
from pipeline.engine.store import GENERATION_PREFIX
from pipeline.errors import CseError
from pipeline.ingest.watch import last_status
from pipeline.web.state import edition, web_state


def healthz() -> Response:
    body: dict[str, Any]
    try:
        current = edition()
        open_searcher(current.search_dir)  # kept open per thread: costs nothing once opened
    except CseError as exc:
        body, status = {"status": "unavailable", "reason": exc.message}, 503
    else:
        number = current.name.removeprefix(GENERATION_PREFIX)
        latest = current.dates.latest
        body, status = (
            {
                "status": "ok",
                "edition": {"number": latest.number, "date": latest.date} if latest else None,
                "generation": int(number) if number.isdigit() else None,
                "index": current.name,
                "ingested_at": current.manifest.ingested_at,
                "files": len(current.manifest.files),
            },
            200,
        )
    last = last_status(web_state().site.settings.index_dir)
    if last is not None:
        body["last_ingest"] = {"at": last.at, "ok": last.ok, "message": last.message}
    response = jsonify(body)
    response.status_code = status
    return response


def register(app: Flask) -> None:
    app.add_url_rule("/healthz", "healthz", healthz, methods=["GET"])
