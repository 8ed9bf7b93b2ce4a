"""What the board asks each profession to read (`/reading`), the A to Z (`/a-z`), and the
excerpt packs (`/packs`, each made on first request from the ingested copies)."""

from __future__ import annotations

from flask import Flask, Response, render_template, send_file
from werkzeug.exceptions import NotFound

from pipeline.web import atoz, topics
from pipeline.web.layout import form_context
from pipeline.web.pages import PDFIUM_LOCK
from pipeline.web.state import edition, edition_key, web_state

PACK_TYPES = {"pdf": "application/pdf", "md": "text/markdown", "html": "text/html"}


def reading() -> str:
    current = edition()
    lists = web_state().memo.get(current, "reading", lambda: topics.reading_lists(current))
    return render_template("reading.html", **form_context(current, None), lists=lists)


def a_to_z() -> str:
    current = edition()
    letters = web_state().memo.get(current, "a-z", lambda: atoz.a_to_z(current))
    return render_template("atoz.html", **form_context(current, None), letters=letters)


def packs() -> str:
    return render_template("packs.html", **form_context(edition(), None))


def pack_file(role_id: str, kind: str) -> Response:
    from pipeline.board.packs import FORMATS, build_pack  # the pack writer loads only when asked

    state = web_state()
    current = edition()
    role = next((r for r in current.toolkit.roles if r.id == role_id), None)
    formats = {name: PACK_TYPES[name] for name in FORMATS if name in PACK_TYPES}
    if role is None or kind not in formats:
        raise NotFound("no such pack: see the list of packs")
    # One folder per config: every pack served is made from the config now in force.
    folder = state.cache.folder(current.generation, f"packs/{edition_key(current)[1][:16] or 'config'}")
    target = folder / f"{role.id}.{kind}"
    with state.pack_lock:
        if not target.is_file():
            with PDFIUM_LOCK:
                build_pack(
                    current.toolkit,
                    role,
                    current.manifest,
                    state.site.settings.pdfs_dir,
                    state.site.store,
                    folder,
                    stale_ok=True,  # cut from the ingested copies this index was built from
                    formats=(kind,),
                )
    return send_file(target, mimetype=formats[kind], as_attachment=True, download_name=target.name, max_age=0)


def register(app: Flask) -> None:
    app.add_url_rule("/reading", "reading", reading, methods=["GET"])
    app.add_url_rule("/a-z", "a_to_z", a_to_z, methods=["GET"])
    app.add_url_rule("/packs", "packs", packs, methods=["GET"])
    app.add_url_rule("/packs/<role_id>.<kind>", "pack_file", pack_file, methods=["GET"])
