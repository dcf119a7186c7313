"""The input stage: files and folders of news articles in, ``Article`` objects out.

What goes in: paths to files or folders. Folders are walked recursively (hidden files and folders
skipped) for ``.txt``, ``.html``/``.htm``, ``.json`` and ``.jsonl``. All the files are read in path
order, whatever the order they were given in: which of two articles with the same id is kept (the
first) does not depend on it, so neither does the graph.

- ``.txt``: the whole file is the article text; its first non-blank line (stripped) is the title.
- ``.html``/``.htm``: the page's main text, boilerplate (scripts, navigation, footers, share
  buttons, related links...) left out. The text is the title line, then one line per block
  (paragraph, heading, list item...), whitespace inside a block collapsed.
- ``.json``: one record object or a list of them; ``.jsonl``: one record per line. A record has
  ``text`` (required) and optionally ``id``, ``title``, ``url``, ``published``, ``publisher``.

Decoding: UTF-8 (a leading byte order mark removed, not part of the text). Otherwise, in this order:
a UTF-32 or UTF-16 byte order mark; UTF-16 without one (NUL in every other byte); an HTML
``<meta charset>``; UTF-8 with its few invalid bytes replaced by U+FFFD when most non-ASCII bytes
are good UTF-8; else Windows-1252 (Latin-1 if it holds one of the five bytes Windows-1252 leaves
undefined). Every guess is said in an ``InputWarning``.
Newlines are kept exactly as in the file (``\\r\\n`` stays ``\\r\\n``), so for ``.txt`` files character
offsets into ``Article.text`` are offsets into the decoded file (after the BOM); for HTML they index
the text built from the page, for JSON records the ``text`` field.

Limits: no article text longer than ``max_article_size`` characters. A file that cannot hold one that
short is refused without being read, so a huge input costs nothing: a ``.txt`` over 4 bytes per
allowed character, another file (or ``.jsonl`` line) over ``READ_FACTOR`` bytes per allowed character.
Articles that are not English (few common English words) or have no words at all are refused: the
model would only turn them into nonsense.

What comes out: ``read_articles`` yields one ``Article`` per article, and an ``InputError`` (yielded,
not raised) for each input it cannot use, then goes on with the next; what it had to guess to read an
article is a ``warnings.warn(InputWarning(...))``. Article ids are unique within
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
import warnings
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


class InputWarning(UserWarning):
    """What had to be assumed to read an input that was read anyway; same ``str`` form as ``InputError``."""

    def __init__(self, path: str | os.PathLike[str], message: str, line: int | None = None) -> None:
        self.path = str(path)
        self.message = message
        self.line = line
        super().__init__(self.path, message, line)

    __str__ = InputError.__str__


DEFAULT_MAX_ARTICLE_SIZE = 100_000  # characters: a long feature is 60,000; parsing takes ~0.26 GB per 100,000
READ_FACTOR = 16  # a file may hold this many times the limit in bytes (markup, JSON escapes, records)


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
    max_article_size: int = DEFAULT_MAX_ARTICLE_SIZE,
) -> Iterator[Article | InputError]:
    """Yield the articles in ``paths`` (files and folders), and an ``InputError`` for each bad input.

    ``published``, ``url`` and ``publisher`` are metadata meant for reading a single file: they go
    to every article whose file or record does not set that field itself. ``max_article_size`` is
    the longest article text read, in characters.
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    seen: dict[str, str | None] = {}  # article id -> source it was first read from
    files = []
    for path in _expand(paths):
        if isinstance(path, InputError):
            yield path
        else:
            files.append(path)
    for path in sorted(files, key=lambda path: path.parts):
        for item in _read_file(path, max_article_size):
            if isinstance(item, InputError):
                yield item
                continue
            article = item.article
            problem = _unusable_text(article.text, max_article_size)
            if problem:
                yield InputError(path, problem, item.line)
                continue
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
        elif path.suffix.lower() not in _SUFFIXES:
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
            if not name.startswith(".") and Path(name).suffix.lower() in _SUFFIXES
        ]
    return sorted(found, key=lambda path: path.parts)


def _read_file(path: Path, max_article_size: int) -> Iterator[_Read | InputError]:
    try:
        if path.suffix.lower() == ".jsonl":
            yield from _read_jsonl(path, max_article_size)
            return
        data = _read_bytes(path, max_article_size)
        yield from _READERS[path.suffix.lower()](path, _decode(path, data))
    except InputError as err:
        yield err


def _read_bytes(path: Path, max_article_size: int) -> bytes:
    """The file's bytes, unless it is too large to hold an article (then it is not read at all)."""
    try:
        size = path.stat().st_size
        if size > max_article_size * READ_FACTOR or (path.suffix.lower() == ".txt" and size > 4 * max_article_size):
            raise InputError(path, f"file too large ({_size(size)}); {_limit_advice(max_article_size)}")
        return path.read_bytes()
    except OSError as err:
        raise InputError(path, f"cannot read file ({err.strerror or err})") from None


def _size(size: int) -> str:
    return f"{size / 1e6:.1f} MB" if size >= 1e6 else f"{size:,} bytes"


def _limit_advice(max_article_size: int) -> str:
    return f"the article size limit is {max_article_size:,} characters (raise it with --max-article-size)"


def _decode(path: Path, data: bytes, line: int | None = None) -> str:
    """The text of a file (or of one JSONL line): see the module docstring. Raises InputError if unusable."""
    if not data:
        raise InputError(path, "empty file", line)
    text, assumed = _decode_bytes(data, html=path.suffix.lower() in {".html", ".htm"})
    if text is None:
        raise InputError(path, "binary file (contains NUL bytes)", line)
    if _is_binary(text):
        raise InputError(path, "binary file (control characters)", line)
    if assumed:
        warnings.warn(InputWarning(path, assumed, line))
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise InputError(path, "file contains only whitespace", line)
    return text


# Byte order marks, longest first: the UTF-32 LE mark starts with the UTF-16 LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32 LE"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32 BE"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16 LE"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16 BE"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_CP1252_UNDEFINED = frozenset(b"\x81\x8d\x8f\x90\x9d")


def _decode_bytes(data: bytes, *, html: bool = False) -> tuple[str | None, str | None]:
    """``(text, what was assumed)``; text None for binary data, assumption None for clean UTF-8."""
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(codec, errors="replace"), f"decoded as {name} (byte order mark)"
    utf16 = _utf16_without_bom(data)
    if utf16:
        return data.decode(utf16, errors="replace"), f"decoded as {utf16.upper()} (no byte order mark; NUL in every other byte)"
    if b"\0" in data:
        return None, None
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as err:
        first_bad = data.count(b"\n", 0, err.start) + 1
    declared = _declared_charset(data) if html else None
    if declared:
        return data.decode(declared, errors="replace"), f"not UTF-8; decoded as {declared} (the page's <meta charset>)"
    replaced = data.decode("utf-8", errors="replace")
    bad = replaced.count("\ufffd") - data.decode("utf-8", errors="ignore").count("\ufffd")
    good = sum(1 for char in replaced if ord(char) > 0x7F and char != "\ufffd")
    if good > bad:
        # Mostly UTF-8 with a few broken bytes: re-reading it all as Windows-1252 would garble the rest.
        return replaced, f"invalid UTF-8 from line {first_bad}; decoded as UTF-8 with {bad} bad byte(s) replaced by U+FFFD"
    if _CP1252_UNDEFINED.isdisjoint(data):
        return data.decode("cp1252"), f"not UTF-8 (line {first_bad}); decoded as Windows-1252"
    return data.decode("latin-1"), f"not UTF-8 (line {first_bad}); decoded as Latin-1"


def _utf16_without_bom(data: bytes) -> str | None:
    """"utf-16-le" or "utf-16-be" when NUL is in (nearly) every other byte of the start, as in ASCII text."""
    sample = data[:4096]
    if len(sample) < 4 or len(sample) % 2:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) >= 0.9 * len(odd) and not even.count(0):
        return "utf-16-le"
    if even.count(0) >= 0.9 * len(even) and not odd.count(0):
        return "utf-16-be"
    return None


def _declared_charset(data: bytes) -> str | None:
    """The codec of the page's ``<meta charset>`` (in its first 4 kB), if Python knows it."""
    match = _META_CHARSET.search(data[:4096])
    if not match:
        return None
    try:
        return codecs.lookup(match.group(1).decode("ascii")).name
    except LookupError:
        return None


def _is_binary(text: str) -> bool:
    """More than 1 in 20 characters are control characters other than tabs and line breaks."""
    controls = sum(1 for char in text[:10_000] if char < " " and char not in "\t\n\r\f\v")
    return controls * 20 > min(len(text), 10_000)


# ---------------------------------------------------------------------------------------------
# Article text checks

# Common English words: at least one in ten words of any English prose is one of these.
_ENGLISH_WORDS = frozenset(
    """a about after against all also an and are as at be been before but by can could did do for from
    had has have he her him his i if in into is it its more most my new no not of on one or our out over
    said says she so than that the their them there they this to two up us was we were what when which
    while who will with would you""".split()
)
_WORD = re.compile(r"[^\W\d_]+")
_MIN_WORDS_TO_JUDGE = 20  # fewer words say too little about the language
_MIN_ENGLISH_SHARE = 0.10


def _unusable_text(text: str, max_article_size: int) -> str | None:
    """Why an article text cannot be built (too long, no words, not English), or None."""
    if len(text) > max_article_size:
        return f"article too long ({len(text):,} characters); {_limit_advice(max_article_size)}"
    words = _WORD.findall(text)
    if not words:
        return "no words in the text (only digits, punctuation or symbols)"
    letters = sum(map(len, words))
    if len(words) < _MIN_WORDS_TO_JUDGE and letters < 10 * _MIN_WORDS_TO_JUDGE:
        return None
    english = sum(1 for word in words if word.lower() in _ENGLISH_WORDS)
    if english < _MIN_ENGLISH_SHARE * len(words):
        return f"not English ({english} of {len(words)} words are common English words); skipped"
    return None


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
    except RecursionError:
        raise InputError(path, "malformed JSON (nested too deeply)") from None
    except ValueError as err:  # a number too long for Python to convert
        raise InputError(path, f"malformed JSON ({_first_clause(err)})") from None
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


def _read_jsonl(path: Path, max_article_size: int) -> Iterator[_Read | InputError]:
    """One record per line, read a line at a time: a long line is skipped without being held."""
    max_line = max_article_size * READ_FACTOR
    records = []
    try:
        with path.open("rb") as stream:
            for number, line in enumerate(_lines(stream, max_line), 1):
                if line is None:
                    records.append(InputError(path, f"record too long; {_limit_advice(max_article_size)}", number))
                elif line.strip():
                    records.append((number, line))
    except OSError as err:
        raise InputError(path, f"cannot read file ({err.strerror or err})") from None
    if not records:
        raise InputError(path, "empty file" if path.stat().st_size == 0 else "file contains only whitespace")
    several = len(records) > 1
    for item in records:
        if isinstance(item, InputError):
            yield item
            continue
        number, line = item
        try:
            record = json.loads(_decode(path, line, number))
        except InputError as err:
            yield err
            continue
        except json.JSONDecodeError as err:
            yield InputError(path, f"malformed JSON record ({err.msg})", number)
            continue
        except RecursionError:
            yield InputError(path, "malformed JSON record (nested too deeply)", number)
            continue
        except ValueError as err:  # a number too long for Python to convert
            yield InputError(path, f"malformed JSON record ({_first_clause(err)})", number)
            continue
        default_id = f"{path.stem}-{number}" if several else path.stem
        yield _record(record, path, label="record", default_id=default_id, line=number)


def _lines(stream, max_line: int) -> Iterator[bytes | None]:
    """The lines of a binary stream without their "\\n"; None for a line over ``max_line`` bytes."""
    while True:
        line = stream.readline(max_line + 1)
        if not line:
            return
        if len(line) > max_line and not line.endswith(b"\n"):
            while line and not line.endswith(b"\n"):
                line = stream.readline(max_line + 1)
            yield None
            continue
        yield line.removesuffix(b"\n")


def _first_clause(error: Exception) -> str:
    return str(error).split(";")[0]


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

    def parse_marked_section(self, i: int, report: int = 1) -> int:
        """``<![...]>``: Python's parser raises AssertionError on an unknown keyword (``<![if-``);
        skip it to the next ``>`` as browsers skip a bogus comment."""
        try:
            return super().parse_marked_section(i, report)
        except AssertionError:
            end = self.rawdata.find(">", i)
            return -1 if end < 0 else end + 1

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
}
_SUFFIXES = frozenset({*_READERS, ".jsonl"})  # JSONL is streamed line by line, not read whole
_SUPPORTED = ".txt, .html, .htm, .json or .jsonl"
