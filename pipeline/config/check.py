"""Validate `config/toolkit.yaml`, reporting every problem at once with its place.

The YAML is composed into nodes (not loaded straight to dicts) so each problem can name
the line it stands on, e.g. ``chapters[2].sections[0].start (line 31): ...``.

Why our own checks rather than a schema library (jsonschema, pydantic, cattrs): those
validate the loaded dicts and lists, where YAML's line numbers are already gone, and the
SPEC asks for the place *and the line* of every problem, all at once. About half of this
module is shape (keys, types, unknown keys); the other half (pages that exist in the
file, ids that refer to something, images that are images, paths inside the toolkit)
would stay ours with any schema library, and would then report in a second wording.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

from pipeline.config.image import read_image
from pipeline.config.model import (
    ID_PATTERN,
    OCR_MODES,
    Audience,
    Board,
    ChapterSpec,
    Contact,
    EditionKey,
    Limits,
    OcrSettings,
    Role,
    SectionSpec,
    Toolkit,
)
from pipeline.config.tesseract import installed_languages, package_for
from pipeline.errors import ConfigError
from pipeline.numerals import page_order, plain
from pipeline.text import calendar_date, first_unprintable

# Tesseract language names: eng, cym, chi_sim, script/Latin.
_LANGUAGE = re.compile(r"^[A-Za-z0-9_]+(?:/[A-Za-z0-9_]+)?$")

# libyaml's composer when PyYAML was built with it: ten times faster; it gives the same
# nodes and line marks (the pure-Python one only words a syntax error better).
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# A web address with the characters RFC 3986 allows in it, and a host name with a dot.
_URL = re.compile(
    r"^https?://[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+(?::[0-9]{1,5})?"
    r"(?:[/?#][A-Za-z0-9._~:/?#\[\]@!$&'()*+,;=%-]*)?$"
)
# `pages: 55-76`, `pages: i-iv`: two printed labels without spaces or dashes of their own.
_NULL = "tag:yaml.org,2002:null"  # YAML's tag for nothing: `key:`, `~`, `null`
_PAGE_RANGE = re.compile(r"^\s*([^\s\-–]+)\s*[-–]\s*([^\s\-–]+)\s*$")


# Bounds on what a config may hold, so that no value can exhaust the tool: numbers (page
# numbers, chapter numbers) and any one text.
MAX_NUMBER = 1_000_000_000
MAX_SCALAR_CHARS = 10_000
MAX_NAME_BYTES = 255  # one part of a path, as ext4, NTFS and APFS allow
TOO_DEEP = "nested too deeply (YAML lists and mappings more than about 1,000 levels deep)"
# Each limit's allowed range: generous, but small enough that no later arithmetic overflows.
LIMIT_RANGES = {
    "max_pages": (1, 1_000_000),
    "max_text_mb": (1, 100_000),
    "seconds_per_file": (1, 86_400),
    "max_memory_mb": (256, 1_048_576),
}


class _Problems:
    """Collects problems as ``place (line N): message``.

    The line is found by walking the place (``chapters[1].sections[0].id``) down the YAML
    tree, so every check names the line of the exact key, whatever node it had at hand.
    """

    def __init__(self, root: yaml.Node | None) -> None:
        self.items: list[str] = []
        self.root = root

    def add(self, place: str, node: yaml.Node | None, message: str, *, here: bool = False) -> None:
        """`here`: name `node`'s own line, not the place's (a key given twice: walking
        the place finds its first occurrence, and the problem is the second)."""
        found = None if here and node is not None else self._walk(place)
        target = found if found is not None else node
        line = f"line {target.start_mark.line + 1}" if target is not None else ""
        # the whole file (place ""): "line 1: ...", as a YAML alias is reported
        self.items.append(f"{place} ({line}): {message}" if place and line else f"{place or line}: {message}")

    def _walk(self, place: str) -> yaml.Node | None:
        node = self.root
        for key, index in re.findall(r"([^.\[\]]+)|\[(\d+)\]", place):
            if node is None:
                return None
            if key and isinstance(node, yaml.MappingNode):
                node = next((v for k, v in node.value if str(k.value) == key), None)
            elif index and isinstance(node, yaml.SequenceNode) and int(index) < len(node.value):
                node = node.value[int(index)]
            else:
                return None
        return node if node is not self.root else None


def check_config(
    raw: bytes,
    name: str,
    pdfs_dir: Path | None = None,
    page_labels: Mapping[str, Sequence[str]] | None = None,
) -> Toolkit:
    """Validate config bytes; `name` is used in messages. `page_labels` (file -> printed
    labels, for files unchanged since the last ingest) lets start pages that only the PDF
    can judge be checked now, in the same report as every other problem."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ConfigError(name, [f"not UTF-8 text (byte {exc.start})"]) from None
    try:
        root = yaml.compose(text, Loader=_LOADER)
    except yaml.YAMLError:
        root = _compose_for_message(name, text)
    except RecursionError:
        raise ConfigError(name, [TOO_DEEP]) from None
    aliases = _alias_problems(root)
    if aliases:
        raise ConfigError(name, aliases)
    problems = _Problems(root)
    toolkit = _Validator(problems, pdfs_dir, Path(name).parent, page_labels or {}).toolkit(root)
    if problems.items:
        raise ConfigError(name, problems.items)
    return dataclasses.replace(toolkit, digest=hashlib.sha256(raw).hexdigest())


def _compose_for_message(name: str, text: str) -> yaml.Node | None:
    """Parse again with the pure-Python loader, whose syntax messages read better."""
    try:
        return yaml.compose(text, Loader=yaml.SafeLoader)
    except RecursionError:
        raise ConfigError(name, [TOO_DEEP]) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "unknown place"
        raise ConfigError(name, [f"YAML syntax error at {where}: {exc.problem}"]) from None
    except yaml.YAMLError as exc:
        raise ConfigError(name, [f"YAML error: {exc}"]) from None


def _before(a: int | str, b: int | str) -> bool:
    order_a, order_b = page_order(a), page_order(b)
    return order_a is not None and order_b is not None and order_a < order_b


def _overlap(a: tuple[int | str, int | str], b: tuple[int | str, int | str]) -> bool:
    """Two printed ranges share a page (labels without an order only when equal)."""
    if not (_before(a[1], b[0]) or _before(b[1], a[0])):
        ordered = all(page_order(p) is not None for p in (*a, *b))
        return ordered or bool({str(p) for p in a} & {str(p) for p in b})
    return False


def _kind(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    return _shown(node.value)


def _shown(value: str) -> str:
    """A value quoted for a message, cut short when long (a 5,000-digit number)."""
    return repr(value if len(value) <= 40 else value[:30] + "…")


_NUMBER_WORDS = frozenset(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy "
    "eighty ninety hundred thousand and".split()
)


def _in_words(label: str) -> bool:
    """ "seventy-four": a page number spelled out, which no PDF prints as its page label."""
    words = [w for w in re.split(r"[\s_-]+", label.casefold()) if w]
    return bool(words) and all(w in _NUMBER_WORDS for w in words) and words != ["and"]


def _alias_problems(root: yaml.Node | None) -> list[str]:
    """YAML aliases (`*name`) and merge keys refer to a node again: a few hundred bytes can
    stand for millions of values ("billion laughs"). The config never needs them, so each
    use is refused before anything walks the tree (iteratively: nesting is deep enough)."""
    if root is None:
        return []
    seen: set[int] = set()
    found: list[str] = []
    stack: list[yaml.Node] = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            if len(found) < 20:
                line = node.start_mark.line + 1
                found.append(
                    f"line {line}: this value is reused through a YAML alias (*name or <<); "
                    "aliases are not supported: write the value out in full"
                )
            continue
        seen.add(id(node))
        if isinstance(node, yaml.SequenceNode):
            stack.extend(reversed(node.value))
        elif isinstance(node, yaml.MappingNode):
            for key, value in reversed(node.value):
                stack.extend((value, key))
    return found


class _Validator:
    """Walks the YAML node tree, building the Toolkit and noting problems."""

    def __init__(
        self,
        problems: _Problems,
        pdfs_dir: Path | None,
        config_dir: Path | None = None,
        page_labels: Mapping[str, Sequence[str]] | None = None,
    ) -> None:
        self.problems = problems
        self.pdfs_dir = pdfs_dir
        self.config_dir = config_dir or Path()
        self.page_labels = page_labels or {}
        self.paged: set[str] = set()  # chapters that give `pages` (valid or not)

    # -- scalar helpers -------------------------------------------------------------
    def _scalar(self, node: yaml.Node, place: str) -> Any:
        if not isinstance(node, yaml.ScalarNode):
            self.problems.add(place, node, f"expected a single value, got {_kind(node)}")
            return None
        if len(node.value) > MAX_SCALAR_CHARS:
            self.problems.add(
                place, node, f"value too long ({len(node.value)} characters; at most {MAX_SCALAR_CHARS})"
            )
            return None
        try:
            return yaml.constructor.SafeConstructor().construct_object(node)
        except (yaml.constructor.ConstructorError, ValueError, OverflowError):
            # ValueError: a number too long to convert (Python refuses over 4,300 digits)
            self.problems.add(place, node, f"cannot read value {_shown(node.value)}")
            return None

    def _str(self, node: yaml.Node, place: str) -> str | None:
        value = self._scalar(node, place)
        if value is None:
            if isinstance(node, yaml.ScalarNode) and node.tag == _NULL:  # else _scalar said why
                self.problems.add(place, node, "must not be empty")
            return None
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            self.problems.add(place, node, f"expected text, got {node.value!r}")
            return None
        text = str(value).strip()
        if not text:
            self.problems.add(place, node, "must not be empty")
            return None
        return text

    def _int(self, node: yaml.Node, place: str, minimum: int = 1, maximum: int = MAX_NUMBER) -> int | None:
        value = self._scalar(node, place)
        if isinstance(value, bool) or not isinstance(value, int):
            if isinstance(node, yaml.ScalarNode):
                self.problems.add(place, node, f"expected a whole number, got {_shown(node.value)}")
            return None
        if value < minimum:
            self.problems.add(place, node, f"must be {minimum} or more, got {_shown(str(value))}")
            return None
        if value > maximum:
            self.problems.add(place, node, f"must be at most {maximum:,}, got {_shown(str(value))}")
            return None
        return value

    def _id(self, node: yaml.Node, place: str) -> str | None:
        value = self._str(node, place)
        if value is not None and not ID_PATTERN.match(value):
            self.problems.add(
                place, node, f"{value!r} is not a valid id (use lower-case letters, digits and '-')"
            )
            return None
        return value

    def _list(self, node: yaml.Node, place: str) -> list[yaml.Node]:
        if isinstance(node, yaml.ScalarNode) and node.tag == _NULL:
            return []
        if not isinstance(node, yaml.SequenceNode):
            self.problems.add(place, node, f"expected a list, got {_kind(node)}")
            return []
        return list(node.value)

    def _mapping(
        self, node: yaml.Node, place: str, required: set[str], optional: set[str]
    ) -> dict[str, yaml.Node] | None:
        if not isinstance(node, yaml.MappingNode):
            self.problems.add(place, node, f"expected a mapping, got {_kind(node)}")
            return None
        found: dict[str, yaml.Node] = {}
        first: dict[str, yaml.Node] = {}  # each key's first occurrence
        allowed = required | optional
        for key_node, value_node in node.value:
            key = str(key_node.value)
            if key in first:
                self.problems.add(
                    f"{place}.{key}" if place else key,
                    key_node,
                    f"duplicate key (first on line {first[key].start_mark.line + 1})",
                    here=True,
                )
                continue
            first[key] = key_node
            if key not in allowed:
                self.problems.add(
                    f"{place}.{key}" if place else key,
                    key_node,
                    f"unknown key (allowed: {', '.join(sorted(allowed))})",
                )
            else:
                found[key] = value_node
        for key in sorted(required - found.keys()):
            self.problems.add(f"{place}.{key}" if place else key, node, "missing (required)")
        return found

    def _each(
        self, node: yaml.Node | None, place: str, build: Callable[[yaml.Node, str], Any]
    ) -> list[tuple[yaml.Node, Any]]:
        if node is None:
            return []
        return [(item, build(item, f"{place}[{i}]")) for i, item in enumerate(self._list(node, place))]

    # -- structure ------------------------------------------------------------------
    def toolkit(self, root: yaml.Node | None) -> Toolkit:
        if root is None:
            self.problems.add("chapters", None, "the file is empty (a minimal config is `chapters: []`)")
            return Toolkit()
        keys = self._mapping(
            root,
            "",
            {"chapters"},
            {"title", "audiences", "roles", "synonyms", "limits", "board", "ocr", "edition"},
        )
        if keys is None:
            return Toolkit()
        title = self._str(keys["title"], "title") if "title" in keys else None
        chapters = self._chapters(keys.get("chapters"))
        section_ids = {s.id for c in chapters for s in c.sections}
        audiences = self._audiences(keys.get("audiences"), {c.number for c in chapters}, section_ids)
        roles = self._roles(keys.get("roles"), {a.id for a in audiences}, section_ids)
        synonyms = self._synonyms(keys.get("synonyms"))
        limits = self._limits(keys.get("limits"))
        board = self._board(keys["board"]) if "board" in keys else None
        ocr = self._ocr(keys.get("ocr"))
        edition = self._edition(keys["edition"]) if "edition" in keys else None
        return Toolkit(
            title=title or Toolkit.title,
            chapters=tuple(chapters),
            audiences=tuple(audiences),
            roles=tuple(roles),
            synonyms=tuple(synonyms),
            limits=limits,
            board=board,
            ocr=ocr,
            edition=edition,
        )

    def _chapters(self, node: yaml.Node | None) -> list[ChapterSpec]:
        chapters: list[ChapterSpec] = []
        numbers: set[int] = set()
        sharing: dict[str, list[tuple[int, ChapterSpec]]] = {}
        section_places: dict[str, str] = {}
        for index, (item, chapter) in enumerate(self._each(node, "chapters", self._chapter)):
            if chapter is None:
                continue
            place = f"chapters[{index}]"
            if chapter.number in numbers:
                self.problems.add(f"{place}.number", item, f"chapter {chapter.number} is configured twice")
                continue
            numbers.add(chapter.number)
            if chapter.file:
                sharing.setdefault(chapter.file, []).append((index, chapter))
            for s_index, section in enumerate(chapter.sections):
                s_place = f"{place}.sections[{s_index}].id"
                if section.id in section_places:
                    self.problems.add(
                        s_place,
                        item,
                        f"section id {section.id!r} is already used at {section_places[section.id]}",
                    )
                section_places.setdefault(section.id, s_place)
            chapters.append(chapter)
        for file, group in sharing.items():
            if len(group) > 1:
                self._check_shared(file, group)
        return chapters

    def _check_shared(self, file: str, group: list[tuple[int, ChapterSpec]]) -> None:
        """Chapters in one file: each says its printed `pages`, the ranges do not overlap,
        and they agree on the file's `first_page`."""
        first = group[0][1]
        for index, chapter in group:
            place = f"chapters[{index}]"
            others = ", ".join(str(c.number) for _, c in group if c is not chapter)
            if chapter.pages is None and place not in self.paged:
                self.problems.add(
                    f"{place}.file",
                    None,
                    f"{file!r} is also the file of chapter(s) {others}; chapters that share a file "
                    "each need `pages: FIRST-LAST` (their printed pages in it)",
                )
            if (
                chapter.first_page is not None
                and first.first_page is not None
                and chapter.first_page != first.first_page
            ):
                self.problems.add(
                    f"{place}.first_page",
                    None,
                    f"{chapter.first_page} disagrees with chapter {first.number}'s first_page "
                    f"{first.first_page} for the same file {file!r}",
                )
        ranged = [(i, c) for i, c in group if c.pages is not None]
        for k, (index, chapter) in enumerate(ranged):
            assert chapter.pages is not None
            for _, other in ranged[:k]:
                assert other.pages is not None
                if _overlap(chapter.pages, other.pages):
                    self.problems.add(
                        f"chapters[{index}].pages",
                        None,
                        f"{chapter.pages[0]}-{chapter.pages[1]} overlaps chapter {other.number}'s pages "
                        f"{other.pages[0]}-{other.pages[1]} in {file!r}",
                    )

    def _chapter(self, node: yaml.Node, place: str) -> ChapterSpec | None:
        keys = self._mapping(node, place, {"number", "title", "file"}, {"first_page", "sections", "pages"})
        if keys is None:
            return None
        number = self._int(keys["number"], f"{place}.number") if "number" in keys else None
        title = self._str(keys["title"], f"{place}.title") if "title" in keys else None
        file = self._file(keys["file"], f"{place}.file") if "file" in keys else None
        first_page = self._int(keys["first_page"], f"{place}.first_page") if "first_page" in keys else None
        pages = self._pages(keys["pages"], f"{place}.pages") if "pages" in keys else None
        if "pages" in keys:
            self.paged.add(place)  # given, even if wrong: not also "needs `pages`"
        built = self._each(keys.get("sections"), f"{place}.sections", self._section)
        sections = [s for _, s in built if s]
        read = [(i, item, s) for i, (item, s) in enumerate(built) if s]
        self._check_ranges(read, f"{place}.sections", first_page, pages)
        labels = [plain(label) for label in self.page_labels.get(file or "", ())]
        for s_index, (item, section) in enumerate(built):
            start = None if section is None else str(section.start)
            if labels and start is not None and start not in labels and not _in_words(start):
                self.problems.add(
                    f"{place}.sections[{s_index}].start",
                    item,
                    f"printed page {section.start} ({section.title}) is not in {file}, whose pages "
                    f"are {labels[0]}-{labels[-1]} (as last ingested)",
                )
        if number is None:
            return None
        # A chapter with a bad title or file is kept (problems are already noted) so that
        # duplicate numbers and section ids across chapters are still found in this pass.
        return ChapterSpec(number, title or "", file or "", first_page, tuple(sections), pages)

    def _pages(self, node: yaml.Node, place: str) -> tuple[int | str, int | str] | None:
        """`pages: 55-76` (printed labels, "i-iv" too), or one page: `pages: 74`."""
        value = self._scalar(node, place)
        if isinstance(value, int) and not isinstance(value, bool):
            single = self._int(node, place)
            return (single, single) if single is not None else None
        match = _PAGE_RANGE.match(value) if isinstance(value, str) else None
        if match is None:
            if isinstance(node, yaml.ScalarNode):
                self.problems.add(
                    place,
                    node,
                    f"expected printed pages FIRST-LAST (such as 55-76 or i-iv), got {node.value!r}",
                )
            return None
        ends = [self._printed(node, place, p) for p in match.groups()]
        if None in ends:
            return None
        first, last = ends[0], ends[1]
        assert first is not None and last is not None  # page 0 was refused by _printed
        if _before(last, first):
            self.problems.add(place, node, f"invalid page range '{first}-{last}' (last before first)")
            return None
        return (first, last)

    def _printed(self, node: yaml.Node, place: str, text: str) -> int | str | None:
        """A printed page written as text (`start: "74"`, an end of `pages: 55-76`): a
        number in the digits 0-9 (bounded as any number here), else a label as it stands
        ("iv", "A-3", "²")."""
        if not (text.isascii() and text.isdigit()):
            return text
        if len(text) > len(str(MAX_NUMBER)) or int(text) > MAX_NUMBER:
            self.problems.add(place, node, f"page {_shown(text)} is too large (at most {MAX_NUMBER:,})")
            return None
        if int(text) == 0:
            self.problems.add(place, node, "page 0 is not a printed page (pages start at 1)")
            return None
        return int(text)

    def _path_name(self, node: yaml.Node, place: str) -> str | None:
        """A file name a file system, a URL and a terminal can all carry: no control or
        invisible character (a NUL once reached the OS as "embedded null byte"), no part
        longer than a file system allows."""
        value = self._str(node, place)
        if value is None:
            return None
        bad = first_unprintable(value)
        if bad is not None:
            self.problems.add(
                place,
                node,
                f"{value!r} holds a control or invisible character ({bad}); give a plain file name",
            )
            return None
        if any(len(part.encode("utf-8", "surrogatepass")) > MAX_NAME_BYTES for part in value.split("/")):
            self.problems.add(
                place,
                node,
                f"{_shown(value)} has a name longer than {MAX_NAME_BYTES} bytes, more than a file system allows",
            )
            return None
        return value

    def _file(self, node: yaml.Node, place: str) -> str | None:
        value = self._path_name(node, place)
        if value is None:
            return None
        posix = PurePosixPath(value.replace("\\", "/"))
        if posix.is_absolute() or ".." in posix.parts or re.match(r"^[A-Za-z]:", value):
            self.problems.add(
                place, node, f"{value!r} points outside the PDFs directory; give a path inside it"
            )
            return None
        if self.pdfs_dir is not None:
            resolved = (self.pdfs_dir / posix).resolve()
            if not resolved.is_relative_to(self.pdfs_dir.resolve()):
                self.problems.add(
                    place, node, f"{value!r} resolves outside the PDFs directory (a link?); refused"
                )
                return None
        if posix.suffix.lower() != ".pdf":
            self.problems.add(place, node, f"{value!r} is not a .pdf file name")
            return None
        return str(posix)

    def _section(self, node: yaml.Node, place: str) -> SectionSpec | None:
        keys = self._mapping(node, place, {"id", "title", "start"}, {"end"})
        if keys is None:
            return None
        section_id = self._id(keys["id"], f"{place}.id") if "id" in keys else None
        title = self._str(keys["title"], f"{place}.title") if "title" in keys else None
        start = self._page(keys["start"], f"{place}.start") if "start" in keys else None
        end = self._page(keys["end"], f"{place}.end") if "end" in keys else None
        if start is not None and end is not None and _before(end, start):
            self.problems.add(
                f"{place}.end", keys["end"], f"invalid page range '{start}-{end}' (end before start)"
            )
            end = None
        if section_id is None or title is None or start is None:
            return None
        return SectionSpec(section_id, title, start, end)

    def _page(self, node: yaml.Node, place: str) -> int | str | None:
        """A printed page: a number (74), or a label as printed ("iii", "A-3")."""
        value = self._scalar(node, place)
        if isinstance(value, int) and not isinstance(value, bool):
            return self._int(node, place)
        if isinstance(value, str) and value.strip() and not any(c.isspace() for c in value.strip()):
            text = value.strip()
            if text.isascii() and text.isdigit():
                return self._printed(node, place, text)
            if _in_words(text):
                self.problems.add(
                    place,
                    node,
                    f"{_shown(text)} is a page number in words; write it as printed on the page (e.g. 74)",
                )
            return text
        if isinstance(node, yaml.ScalarNode):
            self.problems.add(
                place, node, f"expected a printed page number or label (74, iii), got {_shown(node.value)}"
            )
        return None

    def _check_ranges(
        self,
        sections: list[tuple[int, yaml.Node, SectionSpec]],
        place: str,
        first_page: int | None,
        pages: tuple[int | str, int | str] | None = None,
    ) -> None:
        """The chapter's sections that could be read, each with its index in the list
        (a section that could not be read is left out, and the indexes stay the config's)."""
        for k, (i, item, section) in enumerate(sections):
            for key, page in (("start", section.start), ("end", section.end)):
                if (
                    pages is not None
                    and page is not None
                    and (_before(page, pages[0]) or _before(pages[1], page))
                ):
                    self.problems.add(
                        f"{place}[{i}].{key}",
                        item,
                        f"page {page} is outside the chapter's pages {pages[0]}-{pages[1]}",
                    )
            if first_page is not None and _before(section.start, first_page):
                self.problems.add(
                    f"{place}[{i}].start",
                    item,
                    f"page {section.start} is before the chapter's first_page {first_page}",
                )
            if k == 0:
                continue
            previous_index, _, previous = sections[k - 1]
            if _before(section.start, previous.start):
                self.problems.add(
                    f"{place}[{i}].start",
                    item,
                    f"sections must be in page order: {section.id!r} starts at {section.start}, "
                    f"before {previous.id!r} at {previous.start}",
                )
            elif previous.end is not None and _before(section.start, previous.end):
                self.problems.add(
                    f"{place}[{previous_index}].end",
                    item,
                    f"{previous.id!r} ({previous.start}-{previous.end}) overlaps "
                    f"{section.id!r} starting at {section.start}",
                )

    def _audiences(
        self, node: yaml.Node | None, chapter_numbers: set[int], section_ids: set[str]
    ) -> list[Audience]:
        audiences: list[Audience] = []
        seen: set[str] = set()
        for index, (item, audience) in enumerate(self._each(node, "audiences", self._audience)):
            if audience is None:
                continue
            if audience.id in seen:
                self.problems.add(
                    f"audiences[{index}].id", item, f"audience {audience.id!r} is defined twice"
                )
                continue
            seen.add(audience.id)
            for key, numbers in (("read", audience.read), ("helpful", audience.helpful)):
                for number in numbers:
                    if number not in chapter_numbers:
                        self.problems.add(
                            f"audiences[{index}].{key}",
                            item,
                            f"chapter {number} is not in chapters "
                            f"(configured: {', '.join(map(str, sorted(chapter_numbers))) or 'none'})",
                        )
            self._known_sections(audience.essential, f"audiences[{index}].essential", item, section_ids)
            audiences.append(audience)
        return audiences

    def _audience(self, node: yaml.Node, place: str) -> Audience | None:
        keys = self._mapping(node, place, {"id", "title"}, {"read", "helpful", "essential"})
        if keys is None:
            return None
        audience_id = self._id(keys["id"], f"{place}.id") if "id" in keys else None
        title = self._str(keys["title"], f"{place}.title") if "title" in keys else None
        read = self._ints(keys.get("read"), f"{place}.read")
        helpful = self._ints(keys.get("helpful"), f"{place}.helpful")
        essential = self._strs(keys.get("essential"), f"{place}.essential")
        if audience_id is None or title is None:
            return None
        return Audience(audience_id, title, tuple(read), tuple(helpful), tuple(essential))

    def _known_sections(
        self, wanted: tuple[str, ...], place: str, item: yaml.Node, section_ids: set[str]
    ) -> None:
        for i, section_id in enumerate(wanted):
            if section_id not in section_ids:
                self.problems.add(
                    f"{place}[{i}]", item, f"unknown section {section_id!r} (no chapter has it)"
                )

    def _ints(self, node: yaml.Node | None, place: str) -> list[int]:
        if node is None:
            return []
        values = [self._int(n, f"{place}[{i}]") for i, n in enumerate(self._list(node, place))]
        return [v for v in values if v is not None]

    def _strs(self, node: yaml.Node | None, place: str) -> list[str]:
        if node is None:
            return []
        values = [self._str(n, f"{place}[{i}]") for i, n in enumerate(self._list(node, place))]
        return [v for v in values if v is not None]

    def _roles(self, node: yaml.Node | None, audience_ids: set[str], section_ids: set[str]) -> list[Role]:
        roles: list[Role] = []
        names: dict[str, str] = {}
        for index, (item, role) in enumerate(self._each(node, "roles", self._role)):
            if role is None:
                continue
            place = f"roles[{index}]"
            if role.id in {r.id for r in roles}:
                self.problems.add(f"{place}.id", item, f"role {role.id!r} is defined twice")
                continue
            if role.audience not in audience_ids:
                self.problems.add(
                    f"{place}.audience",
                    item,
                    f"unknown audience {role.audience!r} "
                    f"(defined: {', '.join(sorted(audience_ids)) or 'none'})",
                )
            for section_id in role.sections:
                if section_id not in section_ids:
                    self.problems.add(
                        f"{place}.sections", item, f"unknown section {section_id!r} (no chapter has it)"
                    )
            self._known_sections(role.essential, f"{place}.essential", item, section_ids)
            # casefold, as the lookup does (scope.find_role): "Straße" and "strasse" are one name
            for name in {role.id, role.title.casefold(), *(a.casefold() for a in role.aliases)}:
                if name in names and names[name] != role.id:
                    self.problems.add(
                        f"{place}.aliases",
                        item,
                        f"{name!r} already names role {names[name]!r}; a name must point to one role",
                    )
                names.setdefault(name, role.id)
            roles.append(role)
        return roles

    def _role(self, node: yaml.Node, place: str) -> Role | None:
        keys = self._mapping(node, place, {"id", "title", "audience"}, {"sections", "aliases", "essential"})
        if keys is None:
            return None
        role_id = self._id(keys["id"], f"{place}.id") if "id" in keys else None
        title = self._str(keys["title"], f"{place}.title") if "title" in keys else None
        audience = self._id(keys["audience"], f"{place}.audience") if "audience" in keys else None
        sections = self._strs(keys.get("sections"), f"{place}.sections")
        aliases = self._strs(keys.get("aliases"), f"{place}.aliases")
        essential = self._strs(keys.get("essential"), f"{place}.essential")
        if role_id is None or title is None or audience is None:
            return None
        return Role(role_id, title, audience, tuple(sections), tuple(aliases), tuple(essential))

    def _synonyms(self, node: yaml.Node | None) -> list[tuple[str, ...]]:
        groups: list[tuple[str, ...]] = []
        for i, item in enumerate(self._list(node, "synonyms") if node is not None else []):
            words = self._strs(item, f"synonyms[{i}]")
            if len(words) < 2 and isinstance(item, yaml.SequenceNode):
                self.problems.add(f"synonyms[{i}]", item, "a synonym group needs at least two forms")
            elif len(words) >= 2:
                groups.append(tuple(words))
        return groups

    def _limits(self, node: yaml.Node | None) -> Limits:
        if node is None:
            return Limits()
        keys = self._mapping(node, "limits", set(), set(LIMIT_RANGES))
        if keys is None:
            return Limits()
        values: dict[str, int] = {}
        for key, (low, high) in LIMIT_RANGES.items():
            if key in keys:
                value = self._int(keys[key], f"limits.{key}", minimum=low, maximum=high)
                if value is not None:
                    values[key] = value
        return Limits(**values)

    # -- the edition the next ingest makes --------------------------------------------
    def _edition(self, node: yaml.Node) -> EditionKey | None:
        """`edition: {date: 2026-12-06, note: ...}`: the board's own date and note."""
        keys = self._mapping(node, "edition", set(), {"date", "note"})
        if keys is None:
            return None
        if not keys:
            if not getattr(node, "value", None):  # else its unknown keys are reported already
                self.problems.add("edition", node, "give its date (YYYY-MM-DD), a note, or both")
            return None
        date = self._date(keys["date"], "edition.date") if "date" in keys else None
        note = self._str(keys["note"], "edition.note") if "note" in keys else None
        return EditionKey(date, note or "")  # with a bad date or note, a problem is noted already

    def _date(self, node: yaml.Node, place: str) -> str | None:
        """A calendar date, written 2026-12-06 (YAML reads that as a date; quoted, as text).
        Read as written, not as YAML or Python would: no time of day, no week date."""
        timestamp = isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:timestamp"
        value = node.value if timestamp else self._scalar(node, place)
        text = value.strip() if isinstance(value, str) else ""
        date = calendar_date(text)
        if date is None:
            if isinstance(node, yaml.ScalarNode):
                self.problems.add(
                    place,
                    node,
                    f"expected a date written YYYY-MM-DD (e.g. 2026-12-06), got {_shown(node.value)}",
                )
            return None
        return date.isoformat()

    # -- the board (the pack's cover) -----------------------------------------------
    def _board(self, node: yaml.Node) -> Board | None:
        keys = self._mapping(
            node, "board", {"name"}, {"logo", "edition", "website", "contacts", "accessibility"}
        )
        if keys is None:
            return None
        name = self._str(keys["name"], "board.name") if "name" in keys else None
        logo = self._logo(keys["logo"]) if "logo" in keys else None
        edition = self._str(keys["edition"], "board.edition") if "edition" in keys else None
        website = self._website(keys["website"]) if "website" in keys else None
        contacts = [c for _, c in self._each(keys.get("contacts"), "board.contacts", self._contact) if c]
        accessibility = (
            self._str(keys["accessibility"], "board.accessibility") if "accessibility" in keys else None
        )
        if name is None:
            return None
        return Board(name, logo, edition, website, tuple(contacts), accessibility)

    def _logo(self, node: yaml.Node) -> str | None:
        """An image the pack can embed, found now rather than when a pack is half built.

        It is embedded in every pack, which the web page serves: so, as `file:` must stay in
        the PDFs directory, the logo must stay in the config's folder (no absolute path, no
        `..`, no link out of it), and its bytes must be the image its name says."""
        value = self._path_name(node, "board.logo")
        if value is None:
            return None
        posix = PurePosixPath(value.replace("\\", "/"))
        if posix.is_absolute() or ".." in posix.parts or re.match(r"^[A-Za-z]:", value):
            self.problems.add(
                "board.logo",
                node,
                f"{value!r} points outside the config's folder; put the image in "
                f"{self.config_dir.resolve()} and give its name there",
            )
            return None
        path = self.config_dir / posix
        resolved = path.resolve()
        if not resolved.is_relative_to(self.config_dir.resolve()):
            self.problems.add(
                "board.logo", node, f"{value!r} resolves outside the config's folder (a link?); refused"
            )
            return None
        image = read_image(resolved)
        if isinstance(image, str):
            where = f" (looked for {path})" if image == "not found" else ""
            self.problems.add("board.logo", node, f"{value!r} {image}{where}")
            return None
        return str(resolved)

    def _website(self, node: yaml.Node) -> str | None:
        """A web address as a link can carry it (RFC 3986): a `"` once passed here and then
        broke every PDF pack's link markup."""
        value = self._str(node, "board.website")
        if value is not None and not _URL.match(value):
            why = (
                ": a host name with a dot, and no spaces, quotes, angle brackets or letters outside "
                "ASCII (write those %-encoded, as a browser's address bar shows them)"
                if re.match(r"^https?://", value)
                else ""
            )
            self.problems.add(
                "board.website", node, f"{value!r} is not a web address (https://...) a reader can type{why}"
            )
            return None
        return value

    def _contact(self, node: yaml.Node, place: str) -> Contact | None:
        keys = self._mapping(node, place, {"name", "phone"}, {"note"})
        if keys is None:
            return None
        name = self._str(keys["name"], f"{place}.name") if "name" in keys else None
        phone = self._str(keys["phone"], f"{place}.phone") if "phone" in keys else None
        note = self._str(keys["note"], f"{place}.note") if "note" in keys else None
        if phone is not None and not re.search(r"\d", phone):
            self.problems.add(f"{place}.phone", node, f"{phone!r} has no digits; give the number to call")
            phone = None
        if name is None or phone is None:
            return None
        return Contact(name, phone, note or "")

    def _ocr(self, node: yaml.Node | None) -> OcrSettings:
        """`ocr: auto|always|never`, or a mapping with `mode`, `languages`, `seconds_per_page`.

        Languages are checked against this machine's Tesseract when a command reads PDFs
        (and Tesseract is installed: otherwise the ingest says how to install OCR)."""
        defaults = OcrSettings()
        if node is None:
            return defaults
        if isinstance(node, yaml.ScalarNode):
            return OcrSettings(mode=self._ocr_mode(node, "ocr"))
        keys = self._mapping(node, "ocr", set(), {"mode", "languages", "seconds_per_page"})
        if keys is None:
            return defaults
        mode = self._ocr_mode(keys["mode"], "ocr.mode") if "mode" in keys else defaults.mode
        languages = defaults.languages
        if "languages" in keys:
            languages = tuple(self._languages(keys["languages"], mode))
        seconds = defaults.seconds_per_page
        if "seconds_per_page" in keys:
            seconds = self._int(keys["seconds_per_page"], "ocr.seconds_per_page") or seconds
        return OcrSettings(mode, languages or defaults.languages, seconds)

    def _ocr_mode(self, node: yaml.Node, place: str) -> str:
        value = self._str(node, place)
        if value is not None and value not in OCR_MODES:
            self.problems.add(
                place, node, f"{value!r} is not an OCR mode (use one of: {', '.join(OCR_MODES)})"
            )
            return OcrSettings.mode
        return value or OcrSettings.mode

    def _languages(self, node: yaml.Node, mode: str) -> list[str]:
        items = self._list(node, "ocr.languages")
        if isinstance(node, yaml.SequenceNode) and not items:
            self.problems.add("ocr.languages", node, "give at least one language (for example [eng])")
        installed = installed_languages() if self.pdfs_dir is not None and mode != "never" else None
        languages: list[str] = []
        for index, item in enumerate(items):
            place = f"ocr.languages[{index}]"
            value = self._str(item, place)
            if value is None:
                continue
            if not _LANGUAGE.match(value):
                self.problems.add(
                    place, item, f"{value!r} is not a Tesseract language name (such as eng, cym, chi_sim)"
                )
            elif installed is not None and value not in installed:
                self.problems.add(
                    place,
                    item,
                    f"Tesseract has no {value!r} language installed "
                    f"(installed: {', '.join(sorted(installed)) or 'none'}); "
                    f"install it with: apt-get install -y {package_for(value)}",
                )
            else:
                languages.append(value)
        return languages
