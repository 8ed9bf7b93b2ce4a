"""The routes of the web page: search (HTML and JSON), page images, the ingested PDFs,
reading lists, the A to Z and the excerpt packs.

Safe by default: files are found by an id from the manifest, never by a path from the
request; templates escape everything they echo (Jinja's autoescape); every response says
what may load (CSP: this host only) and is never sniffed; errors are a message and a
status, never a traceback; and nothing here logs a query (see `server.py` for the log).
"""

from __future__ import annotations

import logging
import tempfile
import threading
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar, cast
from urllib.parse import urlencode

from flask import Flask, Response, jsonify, render_template, request, send_file, url_for
from markupsafe import Markup, escape
from werkzeug.exceptions import HTTPException, NotFound

from pipeline.engine.search import match_spans
from pipeline.engine.snippets import MATCH_END, MATCH_START
from pipeline.errors import CseError
from pipeline.numerals import cite, is_unnumbered
from pipeline.views import render
from pipeline.web import answers, topics
from pipeline.web.answers import BadRequest
from pipeline.web.pages import PDFIUM_LOCK, PageImages
from pipeline.web.site import Edition, NotReady, Settings, Site

LOG = logging.getLogger("cse_toolkit.web")
T = TypeVar("T")

SEARCH_PARAMS = ("q", "role", "audience", "chapter", "limit")  # carried from a result to its page and back
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


def printed(label: str) -> str:
    """How a result names its page: "printed page 74", or "unnumbered page after p. 57"."""
    return cite(label) if is_unnumbered(label) else f"printed page {label}"


def page_name(label: str) -> str:
    """A page in a sentence: "page 74", or "the unnumbered page after p. 57"."""
    return f"the {cite(label)}" if is_unnumbered(label) else f"page {label}"


def marked(snippet: str) -> Markup:
    """A snippet as HTML: its text escaped, its matches in <mark>."""
    return Markup(str(escape(snippet)).replace(MATCH_START, "<mark>").replace(MATCH_END, "</mark>"))


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


class Memo:
    """Values built once per edition (the A to Z, reading lists), dropped when it changes."""

    def __init__(self) -> None:
        self._values: dict[tuple[str, str], Any] = {}
        self._lock = threading.Lock()

    def get(self, edition: Edition, name: str, build: Callable[[], T]) -> T:
        key = (str(edition.generation), name)
        with self._lock:
            if key in self._values:
                return cast(T, self._values[key])
        value = build()
        with self._lock:
            for old in [k for k in self._values if k[0] != key[0]]:
                del self._values[old]
            self._values[key] = value
        return value


def _with_query(url: str, query: str | dict[str, str]) -> str:
    """The URL with a query (or a search's parameters) after it, if any."""
    params = query if isinstance(query, dict) else ({"q": query} if query else {})
    return f"{url}?{urlencode(params)}" if params else url


def create_app(settings: Settings) -> Flask:
    app = Flask(__name__, static_folder="static", template_folder="templates")
    app.config.update(MAX_CONTENT_LENGTH=64 * 1024)
    app.json.ensure_ascii = False  # type: ignore[attr-defined]
    app.json.sort_keys = False  # type: ignore[attr-defined]
    site = Site(settings)
    cache = WebCache()
    images = PageImages(lambda generation: cache.folder(generation, "pages"))
    memo = Memo()
    recent = answers.RecentAnswers()
    pack_lock = threading.Lock()
    app.jinja_env.trim_blocks = app.jinja_env.lstrip_blocks = True  # tidy HTML from block tags
    app.jinja_env.filters.update(marked=marked, printed=printed, page_name=page_name, cite=cite)
    app.extensions["cse_site"] = site

    def edition() -> Edition:
        return site.edition()

    # Written out rather than by url_for, which costs more than the rest of a remembered
    # answer; file ids are hex and pages numbers, so nothing needs quoting. The routes are
    # below (pdf_file, page_view, page_image), and the tests follow each link.
    def pdf_url(file_id: str, pdf_page: int) -> str:
        return f"{request.script_root}/files/{file_id}.pdf#page={pdf_page}"

    def page_url(file_id: str, pdf_page: int, query: str | dict[str, str] = "") -> str:
        return _with_query(f"{request.script_root}/page/{file_id}/{pdf_page}", query)

    def image_url(file_id: str, pdf_page: int, query: str = "") -> str:
        return _with_query(f"{request.script_root}/image/{file_id}/{pdf_page}.png", query)

    def search_url(**params: str) -> str:
        return url_for("search_page") + "?" + urlencode(params)

    @app.context_processor
    def helpers() -> dict[str, Any]:
        return {
            "pdf_url": pdf_url,
            "page_url": page_url,
            "image_url": image_url,
            "search_url": search_url,
            "ocr_note": render.OCR_NOTE,
        }

    def form_context(current: Edition, ask: answers.Ask | None) -> dict[str, Any]:
        toolkit = current.toolkit
        groups = [
            (audience.title, [r for r in toolkit.roles if r.audience == audience.id])
            for audience in toolkit.audiences
        ]
        others = [r for r in toolkit.roles if toolkit.audience(r.audience) is None]
        if others:
            groups.append(("Other roles", others))
        return {
            "title": toolkit.title,
            "toolkit": toolkit,
            "role_groups": [(title, roles) for title, roles in groups if roles],
            "ask": ask or answers.Ask(""),
            "edition": current,
        }

    # ------------------------------------------------------------------------ search
    @app.get("/")
    def home() -> str:
        current = edition()
        role = request.args.get("role", "")
        ask = answers.Ask("", role=role if any(r.id == role for r in current.toolkit.roles) else "")
        return render_template("search.html", **form_context(current, ask), found=None, error=None)

    @app.get("/search")
    def search_page() -> tuple[str, int] | str:
        current = edition()
        try:
            ask = answers.read_ask(request.args, current)
            found = recent.answer(current, ask)
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

    @app.get("/api/search")
    def api_search() -> Response:
        current = edition()
        ask = answers.read_ask(request.args, current)
        found = recent.answer(current, ask)
        payload = answers.answer_json(
            found,
            current,
            pdf_url,
            lambda file_id, page: image_url(file_id, page, ask.query),
        )
        return jsonify(payload)

    # ------------------------------------------------------------------------- pages
    def located(file_id: str, pdf_page: int) -> tuple[Edition, Any, Path]:
        current = edition()
        found = site.pdf_path(current, file_id)
        if found is None:
            raise NotFound("no such file in the index")
        record, path = found
        if not 1 <= pdf_page <= record.pages:
            raise NotFound(f"{record.file} has no PDF page {pdf_page} (it has {record.pages})")
        return current, record, path

    def query_arg() -> str:
        query = request.args.get("q", "")
        if len(query) > answers.MAX_QUERY_CHARS:
            raise BadRequest(f"query too long (at most {answers.MAX_QUERY_CHARS} characters)")
        return query if query.strip() else ""

    def spans_for(
        current: Edition, record: Any, path: Path, pdf_page: int, query: str
    ) -> list[tuple[int, int]]:
        if not query:
            return []
        text = images.text(path, record.sha256, pdf_page)
        return match_spans(current.search_dir, query, text.text, synonyms=current.synonyms)

    @app.get("/page/<file_id>/<int:pdf_page>")
    def page_view(file_id: str, pdf_page: int) -> str:
        current, record, path = located(file_id, pdf_page)
        query = query_arg()
        spans = spans_for(current, record, path, pdf_page, query)
        text = images.text(path, record.sha256, pdf_page)
        label = record.page_labels[pdf_page - 1] if pdf_page <= len(record.page_labels) else str(pdf_page)
        units = [
            s
            for s in current.manifest.sections_of(record.file)
            if s.first_pdf_page <= pdf_page <= s.last_pdf_page
        ]
        chapter = current.toolkit.chapter(record.chapter) if record.chapter is not None else None
        return render_template(
            "page.html",
            **form_context(current, answers.Ask(query)),
            record=record,
            file_id=file_id,
            pdf_page=pdf_page,
            label=label,
            chapter=chapter,
            sections=units,
            matches=len(spans),
            page_text=text.text,
            image_size=text.size,
            query=query,
            search_params={k: v for k in SEARCH_PARAMS if (v := request.args.get(k, "").strip())},
            previous_page=pdf_page - 1 if pdf_page > 1 else None,
            next_page=pdf_page + 1 if pdf_page < record.pages else None,
        )

    @app.get("/image/<file_id>/<int:pdf_page>.png")
    def page_image(file_id: str, pdf_page: int) -> Response:
        current, record, path = located(file_id, pdf_page)
        query = query_arg()
        spans = spans_for(current, record, path, pdf_page, query)
        png = images.png(current.generation, path, record.sha256, pdf_page, spans)
        response = Response(png, mimetype="image/png")
        if not query:
            response.headers["Cache-Control"] = "private, max-age=3600"
        return response

    @app.get("/files/<file_id>.pdf")
    def pdf_file(file_id: str) -> Response:
        current = edition()
        found = site.pdf_path(current, file_id)
        if found is None:
            raise NotFound("no such file in the index")
        record, path = found
        response = send_file(
            path,
            mimetype="application/pdf",
            download_name=Path(record.file).name,
            conditional=True,
            max_age=3600,
        )
        return response

    # ----------------------------------------------------------- reading, A to Z, packs
    @app.get("/reading")
    def reading() -> str:
        current = edition()
        lists = memo.get(current, "reading", lambda: topics.reading_lists(current))
        return render_template("reading.html", **form_context(current, None), lists=lists)

    @app.get("/a-z")
    def a_to_z() -> str:
        current = edition()
        letters = memo.get(current, "a-z", lambda: topics.a_to_z(current))
        return render_template("atoz.html", **form_context(current, None), letters=letters)

    @app.get("/packs")
    def packs() -> str:
        current = edition()
        return render_template("packs.html", **form_context(current, None))

    @app.get("/packs/<role_id>.<kind>")
    def pack_file(role_id: str, kind: str) -> Response:
        from pipeline.board.packs import FORMATS, build_pack

        current = edition()
        role = next((r for r in current.toolkit.roles if r.id == role_id), None)
        types = {"pdf": "application/pdf", "md": "text/markdown", "html": "text/html"}
        formats = {name: types[name] for name in FORMATS if name in types}
        if role is None or kind not in formats:
            raise NotFound("no such pack: see the list of packs")
        folder = cache.folder(current.generation, "packs")
        target = folder / f"{role.id}.{kind}"
        with pack_lock:
            if not target.is_file():
                with PDFIUM_LOCK:
                    build_pack(
                        current.toolkit,
                        role,
                        current.manifest,
                        site.settings.pdfs_dir,
                        site.store,
                        folder,
                        stale_ok=True,  # cut from the ingested copies this index was built from
                        formats=(kind,),
                    )
        return send_file(
            target, mimetype=formats[kind], as_attachment=True, download_name=target.name, max_age=0
        )

    # ------------------------------------------------------------------ errors, headers
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

    @app.errorhandler(NotReady)
    def not_ready(exc: NotReady) -> Response:
        return error_response(503, exc.message)

    @app.errorhandler(BadRequest)
    def bad_request(exc: BadRequest) -> Response:
        return error_response(400, exc.message, exc.valid, exc.summary)

    @app.errorhandler(CseError)
    def usage_error(exc: CseError) -> Response:
        return error_response(400, exc.message)

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException) -> Response:
        status = exc.code or 500
        messages = {404: "There is no such page here.", 405: "That method is not allowed here."}
        message = (
            exc.description
            if isinstance(exc, NotFound) and exc.description and "requested URL" not in exc.description
            else messages.get(status, exc.name)
        )
        return error_response(status, message)

    @app.errorhandler(Exception)
    def unexpected(exc: Exception) -> Response:
        # The traceback goes to the server's log without the exception's message, which
        # could quote a query; the visitor gets a plain sentence.
        LOG.error("unexpected %s:\n%s", type(exc).__name__, "".join(traceback.format_tb(exc.__traceback__)))
        return error_response(500, "Something went wrong on the server; the error was logged.")

    @app.after_request
    def headers(response: Response) -> Response:
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        if response.mimetype == "application/pdf":
            # A browser's own PDF viewer runs in this document; a page policy can stop it
            # from drawing. The PDFs are the board's ingested files, served as they are.
            del response.headers["Content-Security-Policy"]
        if "Cache-Control" not in response.headers:
            response.headers["Cache-Control"] = (
                "no-store"  # answers may name a child: keep them out of caches
            )
        return response

    return app
