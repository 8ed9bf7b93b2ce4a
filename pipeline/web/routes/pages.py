"""A result's page: the page view (`/page/<file>/<n>`: its image, text and sections), the
image with the query's matches marked (`/image/<file>/<n>.png`), its marked lines
enlarged for a phone (`/marks/<file>/<n>.png`), and the ingested PDF (`/files/<file>.pdf`).
Files are found by their id in the manifest, never by a path."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Flask, Response, redirect, render_template, request, send_file, url_for
from werkzeug.exceptions import NotFound
from werkzeug.wrappers import Response as BaseResponse

from pipeline.engine.search import match_spans
from pipeline.engine.snippets import flow
from pipeline.text import file_name_for_header
from pipeline.web import answers, crop, marking, pagetext
from pipeline.web.answers import BadRequest
from pipeline.web.former import Former, Onward, onward
from pipeline.web.layout import form_context
from pipeline.web.links import SEARCH_PARAMS, marked_text, with_query
from pipeline.web.pages import CROP_WIDTH_PIXELS, mark_boxes
from pipeline.web.pagetext import page_blocks
from pipeline.web.renderer import SCALE, PageText, TooLarge
from pipeline.web.site import Edition
from pipeline.web.state import edition, web_state

# The enlarged crop is offered at these widths (device pixels); the browser takes the one
# its screen needs: 400 for a small phone at 1x, 800 for most phones, 1200 at 3x.
CROP_WIDTHS = (400, 800, 1200)


def page_words(sha256: str, name: str) -> list[frozenset[str]] | None:
    """Each page's words in one version of a file, from the extraction cache while kept."""
    pdf = web_state().site.cache.get(sha256, name)
    if pdf is None:
        return None
    return [frozenset(" ".join(line.text for line in page.lines).casefold().split()) for page in pdf.pages]


class FromEarlier(Exception):
    """The file id names a version of a file that an earlier edition indexed (former.py)."""

    def __init__(self, current: Edition, former: Former) -> None:
        super().__init__(former.file)
        self.current = current
        self.former = former

    @property
    def copy(self) -> Path | None:
        """That version's own bytes, while the cache keeps them (until the next ingest)."""
        return web_state().site.cache.source(self.former.sha256)

    def onward(self, pdf_page: int) -> Onward:
        found = onward(self.current, self.former, pdf_page, page_words)
        if found is None:
            raise NotFound(
                f"{self.former.file} is no longer in the toolkit (this link is to the version "
                f"indexed on {self.former.indexed[:10]}); search for what you need"
            )
        return found


def located(file_id: str, pdf_page: int) -> tuple[Edition, Any, Path]:
    current = edition()
    found = web_state().site.pdf_path(current, file_id)
    if found is None:
        former = web_state().formers.find(current, file_id)
        if former is not None:
            raise FromEarlier(current, former)
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


def typed_arg() -> bool:
    """typed=1: the search was made with the words exactly as typed (no spelling
    correction), so the page marks those words, not the corrected ones."""
    return request.args.get("typed", "") not in ("", "0")


def spans_for(current: Edition, record: Any, path: Path, pdf_page: int, query: str) -> list[tuple[int, int]]:
    if not query:
        return []
    text = web_state().images.text(path, record.sha256, pdf_page)
    return match_spans(current.search_dir, query, text.text, synonyms=current.synonyms, as_typed=typed_arg())


def page_view(file_id: str, pdf_page: int) -> str:
    try:
        current, record, path = located(file_id, pdf_page)
    except FromEarlier as earlier:
        return changed_page(earlier, file_id, pdf_page)
    query = query_arg()
    try:
        spans = spans_for(current, record, path, pdf_page, query)
        text = web_state().images.text(path, record.sha256, pdf_page)
        too_large = web_state().images.renderer.known_too_large(record.sha256, pdf_page) or ""
    except TooLarge as exc:  # the page still names itself, and links the PDF and its neighbours
        spans, text, too_large = [], PageText("", (), (0, 0)), exc.message
    label = record.page_labels[pdf_page - 1] if pdf_page <= len(record.page_labels) else str(pdf_page)
    units = [
        s
        for s in current.manifest.sections_of(record.file)
        if s.first_pdf_page <= pdf_page <= s.last_pdf_page
    ]
    chapter = current.toolkit.chapter(record.chapter) if record.chapter is not None else None
    boxes = mark_boxes(text, spans)
    region = crop.around_marks(boxes, text.boxes, text.size, SCALE)
    shaped = page_blocks(current, record.file, record.sha256, pdf_page) if text.text else None
    # Shaped as the packs shape it; without the cache, as the snippets show it (flow).
    flowed = pagetext.as_text(shaped) if shaped else flow(text.text)
    flowed_spans = (
        match_spans(current.search_dir, query, flowed, synonyms=current.synonyms, as_typed=typed_arg())
        if query
        else []
    )
    page_text = pagetext.marked_blocks(shaped, flowed_spans) if shaped else marked_text(flowed, flowed_spans)
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
        page_text=page_text,
        too_large=too_large,
        image_size=text.size,
        marks=marking.rects(boxes),
        crop=region,
        crop_widths=CROP_WIDTHS,
        query=query,
        as_typed=typed_arg(),
        search_params={k: v for k in SEARCH_PARAMS if (v := request.args.get(k, "").strip())},
        previous_page=pdf_page - 1 if pdf_page > 1 else None,
        next_page=pdf_page + 1 if pdf_page < record.pages else None,
    )


def changed_page(earlier: FromEarlier, file_id: str, pdf_page: int) -> str:
    """An old page link: what it was, that the file changed, and the page now."""
    current, former = earlier.current, earlier.former
    now = onward(current, former, pdf_page, page_words)
    return render_template(
        "changed.html",
        **form_context(current, answers.Ask(query_arg())),
        former=former,
        file_id=file_id,
        pdf_page=pdf_page,
        label=former.label(pdf_page),
        now=now,
        has_copy=earlier.copy is not None,
        search_params={k: v for k in SEARCH_PARAMS if (v := request.args.get(k, "").strip())},
    )


def page_image(file_id: str, pdf_page: int) -> BaseResponse:
    try:
        current, record, path = located(file_id, pdf_page)
    except FromEarlier as earlier:
        # The image as it was, while that version's copy is kept; else the page now.
        copy = earlier.copy
        if copy is not None:
            png = web_state().images.png(earlier.current.generation, copy, earlier.former.sha256, pdf_page)
            return Response(png, mimetype="image/png")
        now = earlier.onward(pdf_page)
        return redirect(
            with_query(url_for("page_image", file_id=now.file_id, pdf_page=now.pdf_page), dict(request.args))
        )
    query = query_arg()
    spans = spans_for(current, record, path, pdf_page, query)
    png = web_state().images.png(current.generation, path, record.sha256, pdf_page, spans)
    response = Response(png, mimetype="image/png")
    if not query:
        response.headers["Cache-Control"] = "private, max-age=3600"
    return response


def marks_image(file_id: str, pdf_page: int) -> BaseResponse:
    """The page's marked lines, enlarged and drawn sharp at the width asked for (in device
    pixels, so a phone gets one drawn for its pixel ratio). 404 when nothing is marked."""
    try:
        current, record, path = located(file_id, pdf_page)
    except FromEarlier as earlier:
        now = earlier.onward(pdf_page)
        return redirect(
            with_query(url_for("marks_image", file_id=now.file_id, pdf_page=now.pdf_page), dict(request.args))
        )
    query = query_arg()
    width = request.args.get("width", "")
    low, high = CROP_WIDTH_PIXELS
    # ASCII digits only: "²" passes str.isdigit() but not int() (a 500, as limit=² was)
    if not (width.isascii() and width.isdigit()) or len(width) > 5 or not low <= int(width) <= high:
        raise BadRequest(f"width must be a whole number of pixels from {low} to {high}")
    spans = spans_for(current, record, path, pdf_page, query)
    png = web_state().images.marks_png(path, record.sha256, pdf_page, spans, int(width))
    if png is None:
        raise NotFound("nothing on this page is marked for that search")
    return Response(png, mimetype="image/png")  # never cached (errors.py): it shows where the words stand


def pdf_file(file_id: str) -> BaseResponse:
    current = edition()
    found = web_state().site.pdf_path(current, file_id)
    if found is None:
        former = web_state().formers.find(current, file_id)
        if former is None:
            raise NotFound("no such file in the index")
        earlier = FromEarlier(current, former)
        copy = earlier.copy
        if copy is None:  # that version is no longer kept: the file as it is now
            return redirect(url_for("pdf_file", file_id=earlier.onward(1).file_id))
        name, path = former.file, copy
    else:
        record, path = found
        name = record.file
    return send_file(
        path,
        mimetype="application/pdf",
        download_name=file_name_for_header(Path(name).name),
        conditional=True,
        max_age=3600,
    )


def register(app: Flask) -> None:
    app.add_url_rule("/page/<file_id>/<int:pdf_page>", "page_view", page_view, methods=["GET"])
    app.add_url_rule("/image/<file_id>/<int:pdf_page>.png", "page_image", page_image, methods=["GET"])
    app.add_url_rule("/marks/<file_id>/<int:pdf_page>.png", "marks_image", marks_image, methods=["GET"])
    app.add_url_rule("/files/<file_id>.pdf", "pdf_file", pdf_file, methods=["GET"])
