"""Command-line entry points: parse options, call the library, print. No logic lives here.

`cse-search` answers queries; `cse-toolkit` runs the ingest and the board's other jobs.
Every expected failure becomes a message and an exit code from the SPEC in `_errors`;
a traceback is shown only with --debug.
"""

from __future__ import annotations

import contextlib
import functools
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from pipeline import __version__
from pipeline.config import Toolkit, load_config
from pipeline.engine.store import IndexStore
from pipeline.errors import CseError, ExitCode
from pipeline.text import for_terminal, json_for_terminal

F = TypeVar("F", bound=Callable[..., Any])


def _common(func: F) -> F:
    """--config/--pdfs/--index (with CSE_* environment variables) and --debug."""
    options = [
        click.option(
            "--config",
            "config_path",
            type=click.Path(path_type=Path),
            envvar="CSE_CONFIG",
            help="The toolkit configuration (env CSE_CONFIG) [default: config/toolkit.yaml in the toolkit home].",
        ),
        click.option(
            "--pdfs",
            "pdfs_dir",
            type=click.Path(path_type=Path),
            envvar="CSE_PDFS",
            help="Directory holding the chapter PDFs (env CSE_PDFS) [default: pdfs/ in the toolkit home].",
        ),
        click.option(
            "--index",
            "index_dir",
            type=click.Path(path_type=Path),
            envvar="CSE_INDEX",
            help="Directory holding the search index (env CSE_INDEX) [default: index/ in the toolkit home].",
        ),
        click.option("--debug", is_flag=True, help="Show the full traceback on errors."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _settle(func: F) -> F:
    """--settle: how long the watched files must be unchanged before an ingest."""
    return click.option(
        "--settle",
        type=click.FloatRange(0.5, 3600),
        default=5.0,
        show_default=True,
        metavar="SECONDS",
        help="With --watch: how long nothing may change before an ingest starts.",
    )(func)


def _errors(func: F) -> F:
    """Turn exceptions into messages and SPEC exit codes, in this one place."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        debug = kwargs.get("debug", False)
        try:
            if "config_path" in kwargs:
                kwargs.update(_home_paths(kwargs["config_path"], kwargs["pdfs_dir"], kwargs["index_dir"]))
            return func(*args, **kwargs)
        except CseError as exc:
            if debug:
                raise
            _echo(_fit(f"error: {exc.message}"), err=True)
            sys.exit(int(exc.exit_code))
        except KeyboardInterrupt:
            _echo("interrupted; the index was left as it was.", err=True)
            sys.exit(130)
        except click.exceptions.Exit:
            raise
        except OSError as exc:  # disk full, permissions: say what and where, no traceback
            if debug:
                raise
            where = f" ({exc.filename})" if exc.filename else ""
            _echo(f"error: {exc.strerror or exc}{where}", err=True)
            sys.exit(int(ExitCode.USAGE))
        except Exception as exc:
            if debug:
                raise
            _echo(
                f"error: unexpected failure ({type(exc).__name__}: {exc}); "
                "run again with --debug for details and report it",
                err=True,
            )
            sys.exit(int(ExitCode.INTERNAL))

    return wrapper  # type: ignore[return-value]


def _home_paths(config: Path | None, pdfs: Path | None, index: Path | None) -> dict[str, Path]:
    """The paths not given as options, from the toolkit home (pipeline/config/home.py)."""
    from pipeline.config.home import locate

    home = locate(config, pdfs, index)
    return {"config_path": home.config, "pdfs_dir": home.pdfs, "index_dir": home.index}


def _toolkit(config_path: Path, pdfs_dir: Path | None = None) -> Toolkit:
    return load_config(config_path, pdfs_dir)


def _fit(message: str) -> str:
    """A message for stderr, each line wrapped at word boundaries when it is a terminal."""
    if not sys.stderr.isatty():
        return message
    import shutil  # here, not at the top: cse-search starts without it (and textwrap)
    import textwrap

    width = shutil.get_terminal_size().columns
    return "\n".join(
        textwrap.fill(line, width, subsequent_indent="  ", break_long_words=False, break_on_hyphens=False)
        for line in message.splitlines()
    )


def _echo(text: str, err: bool = False, colour: bool | None = None) -> None:
    """Print a command's output or message through the one gate for text from a PDF or a
    config (text.for_terminal): every control or invisible character escaped, the tool's
    own colours kept."""
    click.echo(for_terminal(text, colours=bool(colour)), err=err, color=colour)


def _echo_json(data: object, indent: int | None = None) -> None:
    click.echo(json_for_terminal(data, indent))


def _note(text: str) -> None:
    """A word about how the command read its input: on stderr, so pipes and JSON stay clean."""
    _echo(_fit(f"note: {text}"), err=True)


def _colour(choice: str = "auto") -> bool:
    """--color: 'auto' colours a terminal only, and never when NO_COLOR is set (no-color.org);
    'always' and 'never' say what they mean."""
    if choice != "auto":
        return choice == "always"
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def _terminal_width() -> int | None:
    """Wrap to the terminal; a pipe gets one line per paragraph."""
    if not sys.stdout.isatty():
        return None
    import shutil

    return shutil.get_terminal_size().columns


def _terminal_height() -> int:
    import shutil

    return shutil.get_terminal_size().lines


def _show(text: str, pager: bool, colour: bool) -> None:
    """Print, through a pager when a terminal cannot hold it all (as git does: $PAGER, else
    less with LESS=FRX, which quits at once if it fits and keeps colours)."""
    if pager and sys.stdout.isatty() and sys.stdin.isatty() and text.count("\n") + 1 >= _terminal_height():
        os.environ.setdefault("LESS", "FRX")
        click.echo_via_pager(for_terminal(text, colour) + "\n", color=colour)
    else:
        _echo(text, colour=colour)


def _configured(ctx: click.Context, pick: Callable[[Toolkit], list[str]], incomplete: str) -> list[str]:
    """Shell completion from the toolkit the command would use; nothing if it cannot be read."""
    try:
        paths = _home_paths(ctx.params.get("config_path"), None, None)
        names = pick(load_config(paths["config_path"]))
    except Exception:  # completing must never print an error into the user's prompt
        return []
    return [name for name in names if name.startswith(incomplete)]


def _complete_roles(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[str]:
    return _configured(ctx, lambda toolkit: [role.id for role in toolkit.roles], incomplete)


def _complete_audiences(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[str]:
    return _configured(ctx, lambda toolkit: [audience.id for audience in toolkit.audiences], incomplete)


# --------------------------------------------------------------------------- cse-search
@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="cse-search", message="%(prog)s %(version)s")
@click.argument("query", nargs=-1, required=True)
@click.option(
    "--role", "-r", shell_complete=_complete_roles, help="Only what this role reads (id, title or alias)."
)
@click.option(
    "--audience", "-a", shell_complete=_complete_audiences, help="Only the chapters this audience reads."
)
@click.option("--chapter", type=int, help="Only this chapter number.")
@click.option(
    "--limit", "-n", type=click.IntRange(1, 1000), default=10, show_default=True, help="Most results to show."
)
@click.option(
    "--by-section", is_flag=True, help="One entry per section with its matching pages (broad queries)."
)
@click.option(
    "--format",
    "output",
    type=click.Choice(["text", "line", "json"]),
    default="text",
    show_default=True,
    help="text: readable; line: file:pdf_page:printed page:section: snippet, one per hit; json: one object.",
)
@click.option("--json", "as_json", is_flag=True, help="The same as --format json.")
@click.option("--files-with-matches", "-l", "files_only", is_flag=True, help="Only the files with a match.")
@click.option("--count", "-c", "count", is_flag=True, help="Each file with a match and its number of pages.")
@click.option(
    "--color",
    "--colour",
    "color",
    type=click.Choice(["auto", "always", "never"]),
    default="auto",
    show_default=True,
    help="Colour matches (auto: on a terminal, unless NO_COLOR is set).",
)
@click.option("--no-pager", is_flag=True, help="Never page long output (by default a terminal pages it).")
@click.option("--as-typed", is_flag=True, help="Search the words exactly as typed: no spelling correction.")
@_common
@_errors
def search_command(
    query: tuple[str, ...],
    by_section: bool,
    role: str | None,
    audience: str | None,
    chapter: int | None,
    limit: int,
    output: str,
    as_json: bool,
    files_only: bool,
    count: bool,
    color: str,
    no_pager: bool,
    as_typed: bool,
    config_path: Path,
    pdfs_dir: Path,
    index_dir: Path,
    debug: bool,
) -> None:
    """Search the toolkit. Cites chapter, section and printed page for every hit.

    \b
    Examples:
      cse-search pharmacies
      cse-search '"looked after children"' --role foster-carer
      cse-search 'A&E' --role 'school nurse'
      cse-search 'groom* AND online' --chapter 1 --json
      cse-search consent --format line | grep chapter-4
      cse-search consent -c

    \b
    Query syntax: words, "phrases", AND / OR / NOT, (groups) and prefix*.
    Quote for the shell: single quotes around a query keep & ( ) * as they are,
    and double quotes inside them make a phrase: '"looked after children"'.
    Abbreviations (A&E, GP, CAMHS, LAC ...) find their long forms and back.
    Exit codes: 0 results found (also when no page has every word: the text says
    so and the JSON has "partial": true), 1 nothing found, 2 usage or config error.

    \b
    Runs from any folder: the toolkit is found through CSE_HOME, else the nearest
    config/toolkit.yaml at or above the current folder, else the user configuration
    folder (see the README, "From any folder").
    """
    from pipeline.engine.ask import Shape, ask
    from pipeline.engine.dated import load_dates
    from pipeline.views import render

    output = "json" if as_json else output
    listing = files_only or count
    if files_only and count:
        raise CseError("-l and -c cannot be used together: -c already names each file")
    if listing and (output != "text" or by_section):
        raise CseError("-l and -c print file names only: drop --format, --json and --by-section")
    if by_section and output == "line":
        raise CseError("--format line prints one line per page: drop --by-section")
    store = IndexStore(index_dir)
    toolkit = load_config(config_path, snapshot=store.current())
    shape = Shape.SECTIONS if by_section else Shape.FILES if listing else Shape.PAGES
    found = ask(
        toolkit,
        store.search_dir(),
        " ".join(query),
        role=role,
        audience=audience,
        chapter=chapter,
        limit=limit,
        shape=shape,
        as_typed=as_typed,
        read_on=output != "line",  # grep-like lines: only the pages that match
    )
    for note in found.notes:
        _note(note)
    result, asked, colour = found.result, render.Asked(found.chosen, chapter), _colour(color)
    style = render.Style(colour, _terminal_width())
    if found.sections is not None:
        if output == "json":
            _echo_json(
                render.sections_json(found.sections, found.role_id, asked, load_dates(store.current()))
            )
        else:
            _show(render.sections_text(found.sections, style, asked), not no_pager, colour)
    elif output == "json":
        _echo_json(render.search_json(result, found.role_id, asked, load_dates(store.current())))
    elif output == "text" and not listing:
        _show(render.search_text(result, style, asked, load_dates(store.current())), not no_pager, colour)
    elif result.hits:  # grep-like: only hits on stdout; what the filters left out goes to stderr
        shown = render.files_text(result, count, style) if listing else render.lines_text(result, style)
        _echo(shown, colour=colour)
        for note in render.filter_notes(result, asked):
            _echo(note, err=True)
    else:
        _echo(render.search_text(result, style, asked), err=True)
    if not result.hits:
        sys.exit(int(ExitCode.NOT_FOUND))


def search_main() -> None:
    """`cse-search` (its console script is `entry.search_main`, which calls this after
    setting up the process before the CLI module loads)."""
    from pipeline.engine.startup import trim_engine_imports

    trim_engine_imports()  # this process only searches: see startup.py
    search_command(prog_name="cse-search")


# -------------------------------------------------------------------------- cse-toolkit
@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="cse-toolkit", message="%(prog)s %(version)s")
def toolkit_group() -> None:
    """Ingest the toolkit PDFs and run the board's other jobs.

    \b
    Examples:
      cse-toolkit init --sample     a toolkit home here, holding the sample toolkit
      cse-toolkit ingest            extract, split and index everything in pdfs/
      cse-toolkit roles             audiences and roles with their reading lists
      cse-toolkit sections          the sections as the pipeline sees them
      cse-toolkit pack pharmacist   a profession's excerpt pack (PDF and Markdown)
      cse-toolkit audit             what changed in pdfs/ since the last ingest
      cse-toolkit history           the log of past ingests
      cse-toolkit changes           what each edition changed (--role: for one profession)
      cse-toolkit serve             the search as a web page on http://127.0.0.1:8000/

    \b
    Runs from any folder: the toolkit is found through CSE_HOME, else the nearest
    config/toolkit.yaml at or above the current folder, else the user configuration
    folder (see the README, "From any folder").
    """


@toolkit_group.command("init")
@click.argument("folder", type=click.Path(path_type=Path, file_okay=False), default=".")
@click.option("--sample", is_flag=True, help="Copy in the sample toolkit (PDFs and config) to try at once.")
@click.option("--debug", is_flag=True, help="Show the full traceback on errors.")
@_errors
def init_command(folder: Path, sample: bool, debug: bool) -> None:
    """Make a toolkit home in FOLDER (default: the current folder): config/toolkit.yaml,
    pdfs/ and index/. The config is a commented template to edit; with --sample, the
    sample toolkit's config and chapter PDFs instead. An existing config is never
    overwritten.

    \b
    Examples:
      cse-toolkit init ~/cse-toolkit
      cse-toolkit init --sample /tmp/try-cse
    """
    from pipeline.config.starter import make_home, next_steps

    _echo(next_steps(make_home(folder, sample), Path.cwd()))


@toolkit_group.command("ingest")
@click.option("--force", is_flag=True, help="Rebuild even if nothing changed.")
@click.option("--wait", is_flag=True, help="If another ingest is running, wait for it instead of stopping.")
@click.option(
    "--ocr",
    "ocr_mode",
    type=click.Choice(["auto", "always", "never"]),
    help="Read pages by OCR: auto (only pages without usable text), always (every page), "
    "never. [default: the config's `ocr:`, else auto]",
)
@click.option(
    "--watch",
    is_flag=True,
    help="Keep running: ingest whenever the PDFs or the config change (Ctrl+C stops).",
)
@_settle
@_common
@_errors
def ingest_command(
    force: bool,
    wait: bool,
    ocr_mode: str | None,
    watch: bool,
    settle: float,
    config_path: Path,
    pdfs_dir: Path,
    index_dir: Path,
    debug: bool,
) -> None:
    """Extract, split into sections and index every PDF in the PDFs directory.

    Unchanged files are not extracted again. Searches keep answering from the previous
    index until the new one is complete. Scanned pages (no usable text) are read by OCR
    when OCRmyPDF is installed; their results are marked "text read by OCR".

    \b
    Examples:
      cse-toolkit ingest --pdfs pdfs/ --config config/toolkit.yaml
      cse-toolkit ingest --ocr=never
      cse-toolkit ingest --watch      for a server whose web page is served elsewhere
    Exit codes: 0 done, 2 config error (nothing changed), 3 some PDFs could not be read.

    With --watch it keeps running and ingests whenever a PDF is added, replaced or
    removed, or the config changes, once nothing has changed for --settle seconds and
    every PDF is whole; what each ingest did, or why it failed, goes to the log (stderr).
    """
    from pipeline.ingest.runner import ingest, ingested_labels
    from pipeline.ingest.stopping import on_stop
    from pipeline.views import report as texts
    from pipeline.views.progress import IngestProgress

    if watch:
        if force or ocr_mode:
            raise CseError("--watch runs each ingest as configured: drop --force and --ocr")
        from pipeline.ingest.watch import Paths, watch_here

        watch_here(Paths(config_path.absolute(), pdfs_dir.absolute(), index_dir.absolute()), settle)
        return
    store = IndexStore(index_dir)
    toolkit = load_config(config_path, pdfs_dir, page_labels=ingested_labels(pdfs_dir, store))
    if not pdfs_dir.is_dir():
        raise CseError(f"PDFs directory {pdfs_dir} does not exist (pass --pdfs DIR or set CSE_PDFS)")
    started = time.monotonic()
    with contextlib.ExitStack() as cleanup:
        cleanup.enter_context(on_stop())  # SIGTERM, SIGHUP: a clean stop, as Ctrl+C
        bars = cleanup.enter_context(IngestProgress(sys.stderr)) if sys.stderr.isatty() else None
        report = ingest(
            toolkit,
            pdfs_dir,
            store,
            force=force,
            wait=wait,
            progress=bars.progress if bars else None,
            on_start=bars.on_start if bars else None,
            ocr_mode=ocr_mode,
            ocr_progress=bars.ocr_progress if bars else None,
        )
    _echo(texts.ingest_summary(report, time.monotonic() - started))
    if report.failures:
        sys.exit(int(ExitCode.INPUT))


@toolkit_group.command("roles")
@_common
@_errors
def roles_command(config_path: Path, pdfs_dir: Path, index_dir: Path, debug: bool) -> None:
    """List audiences and roles with their reading lists and own sections.

    \b
    Example:
      cse-toolkit roles
    """
    from pipeline.ingest.manifest import load_manifest
    from pipeline.views import report as texts

    toolkit = _toolkit(config_path)
    _echo(texts.roles_text(toolkit, load_manifest(IndexStore(index_dir).current())))


@toolkit_group.command("sections")
@click.argument("file", required=False)
@click.option("--suggest", is_flag=True, help="Propose `sections:` YAML from the PDF's outline or headings.")
@_common
@_errors
def sections_command(
    file: str | None, suggest: bool, config_path: Path, pdfs_dir: Path, index_dir: Path, debug: bool
) -> None:
    """Show the sections as the pipeline sees them: printed and PDF page ranges, and
    whether each heading was found on its configured start page.

    With --suggest, propose `sections:` YAML for a (newly published) PDF instead, from
    its bookmarks or, failing those, its headings; for the whole toolkit in one PDF,
    `chapters:` with each chapter's printed `pages`. Paste it into config/toolkit.yaml.

    \b
    Examples:
      cse-toolkit sections
      cse-toolkit sections chapter-4-health-services.pdf
      cse-toolkit sections chapter-4-health-services.pdf --suggest
    """
    from pipeline.board.outline import describe_sections, suggest_sections

    toolkit = _toolkit(config_path, pdfs_dir)
    store = IndexStore(index_dir)
    if suggest:
        _echo(suggest_sections(toolkit, pdfs_dir, store, file))
        return
    text, failed = describe_sections(toolkit, pdfs_dir, store, file)
    _echo(text)
    if failed:
        sys.exit(int(ExitCode.INPUT))


@toolkit_group.command("audit")
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help="Print one JSON object (added_files, removed_files, changed_files, sections, roles_affected...).",
)
@click.option(
    "--diff", "show_diff", is_flag=True, help="Show the added and removed lines of changed sections."
)
@_common
@_errors
def audit_command(
    as_json: bool, show_diff: bool, config_path: Path, pdfs_dir: Path, index_dir: Path, debug: bool
) -> None:
    """What changed in the PDFs directory (and the config) since the last ingest.

    Each section of a changed file is unchanged, changed (lines added/removed), moved (its
    heading is no longer on the configured start page: where it is now) or missing. The
    index is not touched.

    \b
    Examples:
      cse-toolkit audit
      cse-toolkit audit --diff
      cse-toolkit audit --json
    Exit codes: 0 nothing changed, 1 changes found, 2 error, 3 a PDF could not be read.
    """
    from pipeline.ingest.manifest import load_manifest
    from pipeline.ingest.runner import audit_pdfs
    from pipeline.views import report as texts

    toolkit = _toolkit(config_path, pdfs_dir)
    store = IndexStore(index_dir)
    report = audit_pdfs(toolkit, pdfs_dir, store)
    if as_json:
        _echo_json(report.as_json(), indent=1)
    else:
        manifest = load_manifest(store.current())
        _echo(texts.audit_text(report, manifest.ingested_at if manifest else "?", show_diff))
    if report.unreadable_files:
        sys.exit(int(ExitCode.INPUT))
    if report.changed:
        sys.exit(int(ExitCode.NOT_FOUND))


@toolkit_group.command("history")
@click.option("--json", "as_json", is_flag=True, help="Print the log as a JSON list.")
@_common
@_errors
def history_command(as_json: bool, config_path: Path, pdfs_dir: Path, index_dir: Path, debug: bool) -> None:
    """The log of past ingests: when, which files (with hashes), what changed or moved.

    \b
    Example:
      cse-toolkit history
    """
    from pipeline.ingest.history import read_history
    from pipeline.ondisk import dump
    from pipeline.views import report as texts

    entries = read_history(IndexStore(index_dir).history_path)
    if as_json:
        _echo_json(dump(entries), indent=1)
    else:
        _echo(texts.history_text(entries))


@toolkit_group.command("changes")
@click.option(
    "--role", "-r", shell_complete=_complete_roles, help="Only what this role reads (id, title or alias)."
)
@click.option("--since", help="Only editions after edition N, or dated on or after DATE (YYYY-MM-DD).")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object (see the README).")
@click.option("--diff", "show_diff", is_flag=True, help="Show the lines added and removed in each section.")
@_common
@_errors
def changes_command(
    role: str | None,
    since: str | None,
    as_json: bool,
    show_diff: bool,
    config_path: Path,
    pdfs_dir: Path,
    index_dir: Path,
    debug: bool,
) -> None:
    """What changed in each edition of the toolkit, newest first: files added, replaced
    or removed, and each section added, changed (lines added and removed), moved (from
    which printed page to which) or removed.

    An edition is made by each ingest that changes what is indexed. With --role, only
    what lies inside that role's reading (as `cse-search --role` filters).

    \b
    Examples:
      cse-toolkit changes
      cse-toolkit changes --role pharmacist --since 2026-12-01
      cse-toolkit changes --since 2 --diff
      cse-toolkit changes --role "foster carer" --json
    """
    import datetime

    from pipeline.engine import names
    from pipeline.ingest.editions import chosen_editions, parse_since
    from pipeline.ingest.history import read_editions
    from pipeline.views import changes as texts

    store = IndexStore(index_dir)
    toolkit = load_config(config_path, snapshot=store.current())
    chosen = names.resolve(toolkit, role, None)
    for note in chosen.notes if chosen else ():
        _note(note)
    editions = read_editions(store.history_path, store.current())
    today = datetime.datetime.now(datetime.UTC).date().isoformat()
    since_when = parse_since(since, editions, today)
    shown = chosen_editions(editions, since_when, chosen.scope if chosen else None, toolkit.roles)
    role_id = chosen.role.id if chosen and chosen.role else None
    audience_id = chosen.audience.id if chosen and chosen.audience else None  # also a role's, as cse-search
    latest = editions[-1] if editions else None
    if as_json:
        _echo_json(texts.changes_json(shown, latest, role_id, audience_id, show_diff), indent=1)
        return
    who = None
    if chosen is not None and chosen.role is not None:
        who = f"{chosen.role.title} ({chosen.role.id})"
    elif chosen is not None and chosen.audience is not None:
        who = f"the {chosen.audience.title} audience"
    _show(texts.changes_text(shown, toolkit, who, show_diff, len(editions)), True, False)


@toolkit_group.command("pack")
@click.argument("role", required=False, shell_complete=_complete_roles)
@click.option("--all", "all_roles", is_flag=True, help="Build a pack for every configured role.")
@click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path),
    default=Path("packs"),
    show_default=True,
    help="Where to write <role>.pdf and <role>.md.",
)
@click.option("--full", is_flag=True, help="Append every must-read chapter after the role's own sections.")
@click.option("--stale-ok", is_flag=True, help="Pack the ingested text even if the PDFs changed since.")
@click.option(
    "--format",
    "formats",
    type=click.Choice(["pdf", "md", "html"]),
    multiple=True,
    help="Which files to write (repeatable); default pdf and md. html is one self-contained page.",
)
@_common
@_errors
def pack_command(
    role: str | None,
    all_roles: bool,
    out_dir: Path,
    full: bool,
    stale_ok: bool,
    formats: tuple[str, ...],
    config_path: Path,
    pdfs_dir: Path,
    index_dir: Path,
    debug: bool,
) -> None:
    """Write a profession's excerpt pack: a cover (board, edition, local contacts), a
    contents page, its own sections and those marked essential for everyone, as the
    published pages (printed page numbers kept), the sources last; and the same as
    Markdown (and, with --format html, one web page) with a citation for every page.

    \b
    Examples:
      cse-toolkit pack pharmacist
      cse-toolkit pack "Foster Care" --out /tmp/packs
      cse-toolkit pack --all --format pdf --format md --format html
    """
    from pipeline.board.packs import DEFAULT_FORMATS, build_pack, remember
    from pipeline.engine.names import find_role
    from pipeline.ingest.manifest import load_manifest

    toolkit = _toolkit(config_path, pdfs_dir)
    if role and all_roles:
        raise CseError(f"give one ROLE or --all, not both (--all already includes {role})")
    if not role and not all_roles:
        raise CseError("name one ROLE, or pass --all (see `cse-toolkit roles`)")
    roles = list(toolkit.roles) if all_roles else [find_role(toolkit, role or "", say=_note)]
    if not roles:
        raise CseError("no roles are configured (add `roles:` to the config)")
    store = IndexStore(index_dir)
    manifest = load_manifest(store.current())
    if manifest is None:
        raise CseError("no ingest yet: run `cse-toolkit ingest` before building packs")
    for chosen in roles:
        files = build_pack(
            toolkit,
            chosen,
            manifest,
            pdfs_dir,
            store,
            out_dir,
            full=full,
            stale_ok=stale_ok,
            formats=formats or DEFAULT_FORMATS,
        )
        remember(store, chosen, full, files)
        for note in files.notes:
            _note(note)
        _echo(f"{chosen.id}: {' and '.join(map(str, files.paths))}")


@toolkit_group.command("serve")
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on; only this machine by default.",
)
@click.option(
    "--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="Port (0: any free one)."
)
@click.option("--url-prefix", default="", help="Path the intranet's web server forwards, e.g. /cse-toolkit.")
@click.option("--watch", is_flag=True, help="Ingest by itself whenever the PDFs or the config change.")
@_settle
@_common
@_errors
def serve_command(
    host: str,
    port: int,
    url_prefix: str,
    watch: bool,
    settle: float,
    config_path: Path,
    pdfs_dir: Path,
    index_dir: Path,
    debug: bool,
) -> None:
    """Serve the search as a web page, for people who never open a shell.

    One process with a production HTTP server (waitress). It answers from the index the
    CLI uses and switches to a newly ingested one by itself. It listens on this machine
    only unless --host says otherwise; stop it with Ctrl+C or SIGTERM. Queries are never
    logged.

    \b
    Examples:
      cse-toolkit serve                       http://127.0.0.1:8000/
      cse-toolkit serve --host 0.0.0.0 --port 8080
      cse-toolkit serve --watch --url-prefix /cse-toolkit

    With --watch, a PDF added, replaced or removed in the PDFs directory, or a change to
    the config, is ingested once the files have stopped changing for --settle seconds
    and every PDF is whole (a file still being copied is never ingested); one ingest at a
    time, and a failed one leaves the last good index answering (the log says why).
    """
    from pipeline.web.server import serve, url_prefix_path
    from pipeline.web.site import Settings

    serve(
        Settings(config_path, pdfs_dir, index_dir),
        host,
        port,
        url_prefix=url_prefix_path(url_prefix),
        watch=settle if watch else None,
    )


def toolkit_main() -> None:
    toolkit_group(prog_name="cse-toolkit")
