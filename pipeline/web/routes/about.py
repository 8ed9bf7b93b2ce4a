"""The accessibility statement (`/accessibility`), linked from every page's footer: the
level the page meets, what is known not to, how it was checked and how to report a
problem, as the UK's public-sector accessibility regulations ask of a board's web pages."""

from __future__ import annotations

from flask import Flask, render_template

from pipeline.web.layout import form_context
from pipeline.web.state import edition


def accessibility() -> str:
    return render_template("accessibility.html", **form_context(edition(), None))


def register(app: Flask) -> None:
    app.add_url_rule("/accessibility", "accessibility", accessibility, methods=["GET"])
