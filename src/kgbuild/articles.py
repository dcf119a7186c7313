"""The input stage: files and folders of news articles in, ``Article`` objects out.

What goes in: paths to files or folders. Folders are walked recursively (hidden files and folders
skipped, files taken in path order) for ``.txt``, ``.html``/``.htm``, ``.json`` and ``.jsonl``.

- ``.txt``: the whole file is the article text; its first non-blank line (stripped) is the title.
- ``.html``/``.htm``: the page's main text, boilerplate (scripts, navigation, footers, share
  buttons, related links...) left out. The text is the title line, then one line per block
  (paragraph, heading, list item...), whitespace inside a block collapsed.
- ``.json``: one record object or a list of them; ``.jsonl``: one record per line. A record has
  ``text`` (required) and optionally ``id``, ``title``, ``url``, ``published``, ``publisher``.

Every file is decoded as UTF-8; a leading UTF-8 byte order mark is removed and is not part of the
text. Newlines are kept exactly as in the file (``\\r\\n`` stays ``\\r\\n``), so for ``.txt`` files
character offsets into ``Article.text`` are offsets into the file as read (after the BOM); for
HTML they index the text built from the page, for JSON records the ``text`` field.

What comes out: ``read_articles`` yields one ``Article`` per article, and an ``InputError`` (yielded,
not raised) for each input it cannot use, then goes on with the next. Article ids are unique within
one read: the record's ``id``, else the file name without extension (``stem-N`` for the N-th record
or the record on line N of a file holding several).
"""

from __future__ import annotations

import codecs
import dataclasses
import datetime
import json
import os
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import NamedTuple

from kgbuild.facts import Article


class InputError(Exception):
    """An input that cannot be read: ``str(err)`` is ``"PATH: problem"`` or ``"PATH:LINE: problem"``."""

    def __init__(self, path: str | os.PathLike[str], message: str, line: int | None = None) -> None:
        self.path = str(path)
        self.message = message
        self.line = line  # line in the file, when the problem is on one line
        super().__init__(self.path, message, line)

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.message}"


def parse_date(value: str) -> datetime.date:
    """The date of an ISO 8601 date or datetime ("2025-05-24", "2025-05-24T10:00:00Z").

    A datetime gives its date as written, without converting its time zone.
    """
    try:
        return datetime.datetime.fromisoformat(value.strip()).date()
    except ValueError:
        raise ValueError(
            f"not an ISO date or datetime: {value!r} (expected e.g. 2025-05-24 or 2025-05-24T10:00:00Z)"
        ) from None


def read_articles(
    paths: Iterable[str | os.PathLike[str]],
    *,
    published: datetime.date | None = None,
    url: str | None = None,
    publisher: str | None = None,
) -> Iterator[Article | InputError]:
    """Yield the articles in ``paths`` (files and folders), and an ``InputError`` for each bad input.

    ``published``, ``url`` and ``publisher`` are metadata meant for reading a single file: they go
    to every article whose file or record does not set that field itself.
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    seen: dict[str, str | None] = {}  # article id -> source it was first read from
    for path in _expand(paths):
        if isinstance(path, InputError):
            yield path
            continue
        for item in _read_file(path):
            if isinstance(item, InputError):
                yield item
                continue
            article = item.article
            if article.id in seen:
                yield InputError(
                    path, f"duplicate article id {article.id!r} (also in {seen[article.id]})", item.line
                )
                continue
            seen[article.id] = article.source
            yield dataclasses.replace(
                article,
                published=article.published or published,
                url=article.url or url,
                publisher=article.publisher or publisher,
            )


class _Read(NamedTuple):
    """An article read from a file, with its line for JSONL records."""

    article: Article
    line: int | None = None


_Reader = Callable[[Path, str], Iterator[_Read | InputError]]


# ---------------------------------------------------------------------------------------------
# Files and folders


def _expand(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Path | InputError]:
    """The files to read, in order, or an InputError for each path that gives none."""
    for given in paths:
        path = Path(given)
        if path.is_dir():
            files = _walk(path)
            if not files:
                yield InputError(path, f"no {_SUPPORTED} files in folder")
            yield from files
        elif not path.exists():
            yield InputError(path, "no such file or folder")
        elif path.suffix.lower() not in _READERS:
            kind = f"'{path.suffix}'" if path.suffix else "without extension"
            yield InputError(path, f"unsupported file type {kind} (expected {_SUPPORTED})")
        else:
            yield path


def _walk(folder: Path) -> list[Path]:
    """The supported, non-hidden files under ``folder``, sorted by path."""
    found = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = [name for name in dirs if not name.startswith(".")]
        found += [
            Path(root, name)
            for name in files
            if not name.startswith(".") and Path(name).suffix.lower() in _READERS
        ]
    return sorted(found, key=lambda path: path.parts)


def _read_file(path: Path) -> Iterator[_Read | InputError]:
    try:
        text = _decode(path)
        yield from _READERS[path.suffix.lower()](path, text)
    except InputError as err:
        yield err


def _decode(path: Path) -> str:
    """The file's text: UTF-8 without BOM, newlines untouched. Raises InputError if unusable."""
    try:
        data = path.read_bytes()
    except OSError as err:
        raise InputError(path, f"cannot read file ({err.strerror or err})") from None
    if not data:
        raise InputError(path, "empty file")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise InputError(path, "UTF-16 text is not supported (save the file as UTF-8)")
    if b"\0" in data:
        raise InputError(path, "binary file (contains NUL bytes)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        raise InputError(path, f"invalid UTF-8 at byte offset {err.start} (line {line})") from None
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise InputError(path, "file contains only whitespace")
    return text


# ---------------------------------------------------------------------------------------------
# Plain text


def _read_txt(path: Path, text: str) -> Iterator[_Read]:
    title = next(line.strip() for line in text.splitlines() if line.strip())
    yield _Read(Article(id=path.stem, text=text, title=title, source=str(path)))


# ---------------------------------------------------------------------------------------------
# JSON and JSONL records


def _read_json(path: Path, text: str) -> Iterator[_Read | InputError]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise InputError(path, f"malformed JSON ({err.msg})", err.lineno) from None
    if isinstance(data, dict):
        yield _record(data, path, label="record", default_id=path.stem)
    elif isinstance(data, list):
        if not data:
            raise InputError(path, "no records (empty list)")
        for number, record in enumerate(data, 1):
            default_id = path.stem if len(data) == 1 else f"{path.stem}-{number}"
            yield _record(record, path, label=f"record {number}", default_id=default_id)
    else:
        raise InputError(path, f"expected a JSON object or a list of objects, not {_json_type(data)}")


def _read_jsonl(path: Path, text: str) -> Iterator[_Read | InputError]:
    # JSON text holds no raw "\n", so splitting on it (not on every Unicode line break) is exact.
    lines = [(number, line) for number, line in enumerate(text.split("\n"), 1) if line.strip()]
    for number, line in lines:
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            yield InputError(path, f"malformed JSON record ({err.msg})", number)
            continue
        default_id = path.stem if len(lines) == 1 else f"{path.stem}-{number}"
        yield _record(record, path, label="record", default_id=default_id, line=number)


class _BadRecord(Exception):
    """A record problem; the message continues the record's label ("record 2 ...")."""


def _record(
    record: object, path: Path, *, label: str, default_id: str, line: int | None = None
) -> _Read | InputError:
    """The article of one JSON record, or an InputError saying what is wrong with it."""
    try:
        if not isinstance(record, dict):
            raise _BadRecord(f"is not a JSON object but {_json_type(record)}")
        text = record.get("text")
        if text is None:
            raise _BadRecord("has no 'text' field")
        if not isinstance(text, str):
            raise _BadRecord(f"field 'text' is {_json_type(text)}, not string")
        if not text.strip():
            raise _BadRecord("has an empty 'text' field")
        published = _string_field(record, "published")
        article = Article(
            id=_id_field(record) or default_id,
            text=text,
            title=_string_field(record, "title"),
            url=_string_field(record, "url"),
            publisher=_string_field(record, "publisher"),
            published=_record_date(published) if published else None,
            source=str(path) if line is None else f"{path}:{line}",
        )
    except _BadRecord as err:
        return InputError(path, f"{label} {err}", line)
    return _Read(article, line)


def _string_field(record: dict[str, object], name: str) -> str | None:
    """The stripped string value of an optional field; None when absent, null or blank."""
    value = record.get(name)
    if value is None:
        return None
    if not isinstance(value, str):
        raise _BadRecord(f"field {name!r} is {_json_type(value)}, not string")
    return value.strip() or None


def _id_field(record: dict[str, object]) -> str | None:
    """The record's own id: a string or an integer (JSON ids are often numbers)."""
    value = record.get("id")
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return _string_field(record, "id")


def _record_date(value: str) -> datetime.date:
    try:
        return parse_date(value)
    except ValueError as err:
        raise _BadRecord(f"field 'published' is {err}") from None


def _json_type(value: object) -> str:
    """The JSON name of a parsed value's type."""
    if isinstance(value, bool):
        return "boolean"
    names = {dict: "object", list: "array", str: "string", int: "number", float: "number"}
    return names.get(type(value), "null")


# ---------------------------------------------------------------------------------------------
# HTML

# Elements whose text is never article text.
_DROP_TAGS = frozenset(
    "script style noscript nav header footer aside form iframe svg button template".split()
)
# Elements that start a new line of text.
_BLOCK_TAGS = frozenset(
    """address article aside blockquote body br dd div dl dt figcaption figure footer form
    h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section table td th tr ul""".split()
)
# Elements without content or end tag.
_VOID_TAGS = frozenset("area base br col embed hr img input link meta param source track wbr".split())
# Elements never dropped for their class or id: a body class such as "menu-open" is common.
_KEPT_TAGS = frozenset({"html", "body", "article", "main"})
# Words in a class or id that mark boilerplate. Whole words only ("navbar" yes, "unavailable" no),
# and "header" is not one of them: <h1 class="article-header"> is the headline.
_BOILERPLATE_WORDS = frozenset(
    """nav navbar navigation menu menus footer cookie cookies share sharing social related
    advert adverts advertisement advertising ad ads promo promos promotion subscribe subscription
    newsletter comment comments breadcrumb breadcrumbs sidebar""".split()
)
_META_KEYS = frozenset({"og:title", "og:url", "og:site_name", "article:published_time"})


class _Page(HTMLParser):
    """The visible text lines of a page, and its metadata."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}  # _META_KEYS and "canonical" -> value
        self.times: list[str] = []  # <time datetime> values outside boilerplate
        self.title = ""  # from <title>
        self.first_h1 = ""
        self.lines: list[tuple[str, str]] = []  # (region: "article", "main" or "page"; line)
        self._open: list[tuple[str, bool]] = []  # open elements: (tag, dropped)
        self._depth: Counter[str] = Counter()  # open elements by tag
        self._dropped = 0  # open elements that drop their content
        self._buffer: list[str] = []  # text of the current line
        self._title_parts: list[str] = []
        self._h1_parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        if tag == "meta":
            self._read_meta(attributes)
        elif tag == "link" and "canonical" in attributes.get("rel", "").lower().split():
            self.meta.setdefault("canonical", attributes.get("href", "").strip())
        elif tag == "time" and attributes.get("datetime") and not self._dropped:
            self.times.append(attributes["datetime"])
        if tag in _BLOCK_TAGS:
            self._flush()
        if tag in _VOID_TAGS:
            return
        dropped = self._is_boilerplate(tag, attributes)
        self._open.append((tag, dropped))
        self._depth[tag] += 1
        self._dropped += dropped

    def handle_endtag(self, tag: str) -> None:
        if not self._depth[tag]:
            return  # stray end tag
        while self._open:
            open_tag, dropped = self._open.pop()
            if open_tag in _BLOCK_TAGS:
                self._flush()
            if open_tag == "title":
                self.title = self.title or _collapse(self._title_parts)
                self._title_parts.clear()
            elif open_tag == "h1":
                self.first_h1 = self.first_h1 or _collapse(self._h1_parts)
                self._h1_parts.clear()
            self._depth[open_tag] -= 1
            self._dropped -= dropped
            if open_tag == tag:
                return

    def handle_data(self, data: str) -> None:
        if self._dropped:
            return
        if self._depth["title"]:
            self._title_parts.append(data)
            return
        if self._depth["h1"]:
            self._h1_parts.append(data)
        self._buffer.append(data)

    def close(self) -> None:
        super().close()
        self._flush()

    def main_lines(self) -> list[str]:
        """The lines of the <article> elements, else of <main>, else of the whole page."""
        for region in ("article", "main"):
            lines = [line for where, line in self.lines if where == region]
            if lines:
                return lines
        return [line for _, line in self.lines]

    def _read_meta(self, attributes: dict[str, str]) -> None:
        key = (attributes.get("property") or attributes.get("name") or "").lower()
        content = " ".join(attributes.get("content", "").split())
        if key in _META_KEYS and content:
            self.meta.setdefault(key, content)

    def _is_boilerplate(self, tag: str, attributes: dict[str, str]) -> bool:
        if tag == "header" and (self._depth["article"] or self._depth["main"]):
            return False  # the article's own header: headline, byline
        if tag in _DROP_TAGS:
            return True
        if tag in _KEPT_TAGS:
            return False
        names = f"{attributes.get('class', '')} {attributes.get('id', '')}"
        words = re.findall(r"[a-z]+", re.sub(r"([a-z])([A-Z])", r"\1 \2", names).lower())
        return not _BOILERPLATE_WORDS.isdisjoint(words)

    def _flush(self) -> None:
        line = _collapse(self._buffer)
        self._buffer.clear()
        if line:
            region = "article" if self._depth["article"] else "main" if self._depth["main"] else "page"
            self.lines.append((region, line))


def _collapse(parts: list[str]) -> str:
    return " ".join("".join(parts).split())


def _read_html(path: Path, text: str) -> Iterator[_Read]:
    page = _Page()
    page.feed(text)
    page.close()
    title = page.title or page.meta.get("og:title") or page.first_h1 or None
    lines = page.main_lines()
    if title in lines:
        lines.remove(title)  # the headline (first line equal to the title) is already the title line
    if not lines:
        raise InputError(path, "no article text found in the HTML")
    yield _Read(
        Article(
            id=path.stem,
            text="\n".join([title, *lines] if title else lines),
            title=title,
            url=page.meta.get("canonical") or page.meta.get("og:url"),
            publisher=page.meta.get("og:site_name"),
            published=_page_date([page.meta.get("article:published_time", ""), *page.times]),
            source=str(path),
        )
    )


def _page_date(candidates: list[str]) -> datetime.date | None:
    """The first date that parses: pages carry all sorts of date strings, so bad ones are skipped."""
    for value in candidates:
        try:
            return parse_date(value)
        except ValueError:
            continue
    return None


_READERS: dict[str, _Reader] = {
    ".txt": _read_txt,
    ".html": _read_html,
    ".htm": _read_html,
    ".json": _read_json,
    ".jsonl": _read_jsonl,
}
_SUPPORTED = ".txt, .html, .htm, .json or .jsonl"
