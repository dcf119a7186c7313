"""Tests for the input stage: kgbuild.articles."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest

from kgbuild.articles import InputError, InputWarning, parse_date, read_articles
from kgbuild.facts import Article


def read(*paths: Path, **options: object) -> list[Article | InputError]:
    return list(read_articles(paths, **options))


def only_article(*paths: Path, **options: object) -> Article:
    [result] = read(*paths, **options)
    assert isinstance(result, Article), str(result)
    return result


def only_error(*paths: Path, **options: object) -> str:
    [result] = read(*paths, **options)
    assert isinstance(result, InputError), result
    return str(result)


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_bytes(content.encode("utf-8"))
    return path


PAGE = """<!DOCTYPE html>
<html><head>
  <title>Harbour bridge &amp; ferry reopen</title>
  <meta property="og:site_name" content="The Coastal Gazette">
  <meta property="og:url" content="https://gazette.example/og-url">
  <link rel="canonical" href="https://gazette.example/bridge">
  <meta property="article:published_time" content="2025-03-02T08:30:00+01:00">
  <style>p { color: red }</style>
  <script>var tracker = "SCRIPT TEXT";</script>
</head>
<body class="menu-closed">
  <header class="site"><a href="/">SITE HEADER TEXT</a></header>
  <nav>NAV TEXT</nav>
  <p>OUTSIDE ARTICLE TEXT</p>
  <article>
    <header><h1 class="article-header">Harbour bridge &amp; ferry reopen</h1></header>
    <p>The harbour   bridge reopened
       on Sunday, the mayor said.</p>
    <div class="share-buttons"><a>SHARE TEXT</a></div>
    <p>Ferries run <em>every</em> hour&nbsp;again.</p>
    <ul><li>First item</li><li>Second item</li></ul>
    <blockquote>We are glad, said a sailor.</blockquote>
    <aside>ASIDE TEXT</aside>
    <section class="related-stories"><p>RELATED TEXT</p></section>
    <div id="cookieBanner">COOKIE TEXT</div>
    <noscript>NOSCRIPT TEXT</noscript>
    <form><button>BUTTON TEXT</button></form>
  </article>
  <footer>FOOTER TEXT</footer>
</body></html>
"""

PAGE_TEXT = (
    "Harbour bridge & ferry reopen\n"
    "The harbour bridge reopened on Sunday, the mayor said.\n"
    "Ferries run every hour again.\n"
    "First item\n"
    "Second item\n"
    "We are glad, said a sailor."
)


# --- plain text -------------------------------------------------------------------------------


def test_articles_txt_whole_file_is_text_first_line_is_title(tmp_path: Path) -> None:
    content = "  Storm closes the pass  \n\nSnow fell on Monday, officials said.\n"
    article = only_article(write(tmp_path / "storm.txt", content))
    assert article.text == content
    assert article.title == "Storm closes the pass"
    assert article.id == "storm"
    assert article.source == str(tmp_path / "storm.txt")
    assert (article.url, article.publisher, article.published) == (None, None, None)


def test_articles_txt_offsets_index_the_file_as_read(tmp_path: Path) -> None:
    content = "Title line\r\nThe council voted on Tuesday.\r\nIt passed.\r\n"
    article = only_article(write(tmp_path / "vote.txt", content))
    assert article.text == content  # "\r\n" kept, not normalised
    start = content.index("Tuesday")
    assert article.text[start : start + len("Tuesday")] == "Tuesday"
    assert article.text[0:10] == "Title line"


def test_articles_txt_strips_utf8_bom(tmp_path: Path) -> None:
    path = write(tmp_path / "bom.txt", b"\xef\xbb\xbfCaf\xc3\xa9 opens\nThe caf\xc3\xa9 opened.")
    article = only_article(path)
    assert article.text == "Café opens\nThe café opened."
    assert article.title == "Café opens"
    assert article.text[0:4] == "Café"


# --- HTML -------------------------------------------------------------------------------------


def test_articles_html_main_text_and_metadata(tmp_path: Path) -> None:
    article = only_article(write(tmp_path / "bridge.html", PAGE))
    assert article.text == PAGE_TEXT
    assert article.title == "Harbour bridge & ferry reopen"
    assert article.id == "bridge"
    assert article.url == "https://gazette.example/bridge"
    assert article.publisher == "The Coastal Gazette"
    assert article.published == datetime.date(2025, 3, 2)


def test_articles_html_drops_boilerplate(tmp_path: Path) -> None:
    text = only_article(write(tmp_path / "bridge.htm", PAGE)).text
    for boilerplate in (
        "SCRIPT", "color", "SITE HEADER", "NAV", "OUTSIDE", "SHARE", "ASIDE", "RELATED",
        "COOKIE", "NOSCRIPT", "BUTTON", "FOOTER",
    ):  # fmt: skip
        assert boilerplate not in text
    assert "The harbour bridge reopened on Sunday, the mayor said." in text
    assert "We are glad, said a sailor." in text


def test_articles_html_offsets_index_the_produced_text(tmp_path: Path) -> None:
    article = only_article(write(tmp_path / "bridge.html", PAGE))
    start = PAGE_TEXT.index("the mayor said")
    assert article.text[start : start + 14] == "the mayor said"
    line_start = PAGE_TEXT.index("Ferries")
    assert article.text[line_start : line_start + 29] == "Ferries run every hour again."


def test_articles_html_keeps_headline_with_header_class(tmp_path: Path) -> None:
    page = """<html><body><div class="page-header">Masthead</div>
    <h1 class="article-header">Dam holds after rain</h1>
    <div class="story"><p>Engineers said the dam held.</p></div></body></html>"""
    article = only_article(write(tmp_path / "dam.html", page))
    assert article.title == "Dam holds after rain"
    assert article.text == "Dam holds after rain\nMasthead\nEngineers said the dam held."  # h1 not repeated


def test_articles_html_without_article_takes_main(tmp_path: Path) -> None:
    page = """<html><head><meta property="og:title" content="Mill  closes"></head><body>
    <div>Top banner words</div><main><p>The mill closed.</p><div>Workers left.</div></main>
    <p>Bottom words</p></body></html>"""
    article = only_article(write(tmp_path / "mill.html", page))
    assert article.title == "Mill closes"
    assert article.text == "Mill closes\nThe mill closed.\nWorkers left."


def test_articles_html_title_from_first_h1_and_time_element(tmp_path: Path) -> None:
    page = """<body><svg><title>icon</title></svg><h1>Lake  freezes</h1>
    <p>Posted <time datetime="2025-01-15">Wednesday</time></p><p>Ice covered the lake.</p></body>"""
    article = only_article(write(tmp_path / "lake.html", page))
    assert article.title == "Lake freezes"
    assert article.text == "Lake freezes\nPosted Wednesday\nIce covered the lake."
    assert article.published == datetime.date(2025, 1, 15)


def test_articles_html_skips_unparsable_page_dates(tmp_path: Path) -> None:
    page = """<head><meta property="article:published_time" content="last week"></head>
    <body><p>Text <time datetime="2025-02-03T09:00Z">then</time>.</p></body>"""
    article = only_article(write(tmp_path / "dates.html", page))
    assert article.published == datetime.date(2025, 2, 3)
    assert article.title is None
    assert article.text == "Text then."


def test_articles_html_without_text_is_an_error(tmp_path: Path) -> None:
    page = "<html><head><title>Only</title></head><body><nav>x</nav></body></html>"
    path = write(tmp_path / "empty.html", page)
    assert only_error(path) == f"{path}: no article text found in the HTML"


# --- JSON and JSONL ---------------------------------------------------------------------------


def test_articles_json_single_record(tmp_path: Path) -> None:
    record = {
        "title": "Vote delayed",
        "text": "The vote was delayed, the speaker said.",
        "url": "https://news.example/vote",
        "published": "2025-05-24T10:00:00Z",
        "publisher": "News Example",
    }
    path = write(tmp_path / "vote.json", json.dumps(record))
    article = only_article(path)
    assert article == Article(
        id="vote",
        text="The vote was delayed, the speaker said.",
        title="Vote delayed",
        url="https://news.example/vote",
        publisher="News Example",
        published=datetime.date(2025, 5, 24),
        source=str(path),
    )
    assert article.text[13:20] == "delayed"  # offsets index the text field: no title prepended


def test_articles_json_list_ids(tmp_path: Path) -> None:
    records = [
        {"text": "First."},
        {"id": "own-id", "text": "Second."},
        {"id": 7, "text": "Third."},
        {"text": "Fourth."},
    ]
    articles = read(write(tmp_path / "batch.json", json.dumps(records)))
    assert [a.id for a in articles] == ["batch-1", "own-id", "7", "batch-4"]
    assert [a.text for a in articles] == ["First.", "Second.", "Third.", "Fourth."]


def test_articles_json_list_of_one_uses_file_stem(tmp_path: Path) -> None:
    assert only_article(write(tmp_path / "solo.json", '[{"text": "Alone."}]')).id == "solo"


def test_articles_jsonl_records_lines_and_sources(tmp_path: Path) -> None:
    content = (
        '{"text": "One."}\n\n   \n'
        '{"id": "b", "text": "Two.", "published": "2025-04-01"}\n'
        '{"text": "Three."}\n'
    )
    path = write(tmp_path / "feed.jsonl", content)
    articles = read(path)
    assert [(a.id, a.text, a.source) for a in articles] == [
        ("feed-1", "One.", f"{path}:1"),
        ("b", "Two.", f"{path}:4"),
        ("feed-5", "Three.", f"{path}:5"),
    ]
    assert articles[1].published == datetime.date(2025, 4, 1)


def test_articles_jsonl_single_record_uses_file_stem(tmp_path: Path) -> None:
    article = only_article(write(tmp_path / "one.jsonl", '\n{"text": "Only one."}\n'))
    assert (article.id, article.source) == ("one", f"{tmp_path / 'one.jsonl'}:2")


def test_articles_jsonl_malformed_line_is_reported_and_reading_goes_on(tmp_path: Path) -> None:
    content = '{"text": "Good one."}\n{"text": "bad" "x"}\n{"text": "Good two."}\n'
    path = write(tmp_path / "x.jsonl", content)
    first, error, second = read(path)
    assert isinstance(error, InputError)
    assert str(error) == f"{path}:2: malformed JSON record (Expecting ',' delimiter)"
    assert (error.path, error.line) == (str(path), 2)
    assert (first.text, second.text) == ("Good one.", "Good two.")


def test_articles_json_malformed(tmp_path: Path) -> None:
    path = write(tmp_path / "broken.json", '{\n  "text": "x",\n}')
    expected = f"{path}:3: malformed JSON (Expecting property name enclosed in double quotes)"
    assert only_error(path) == expected


def test_articles_json_wrong_top_level_and_empty_list(tmp_path: Path) -> None:
    number = write(tmp_path / "number.json", "42")
    empty = write(tmp_path / "empty.json", "[]")
    assert only_error(number) == f"{number}: expected a JSON object or a list of objects, not number"
    assert only_error(empty) == f"{empty}: no records (empty list)"


def test_articles_record_without_text(tmp_path: Path) -> None:
    records = [{"title": "No text"}, {"text": "   "}, {"text": ["a"]}, "just a string", {"text": "Fine."}]
    path = write(tmp_path / "recs.json", json.dumps(records))
    results = read(path)
    assert [str(r) for r in results[:4]] == [
        f"{path}: record 1 has no 'text' field",
        f"{path}: record 2 has an empty 'text' field",
        f"{path}: record 3 field 'text' is array, not string",
        f"{path}: record 4 is not a JSON object but string",
    ]
    assert isinstance(results[4], Article) and results[4].id == "recs-5"


def test_articles_jsonl_record_without_text_names_line(tmp_path: Path) -> None:
    path = write(tmp_path / "feed.jsonl", '{"text": "Ok."}\n{"title": "T"}\n')
    assert str(read(path)[1]) == f"{path}:2: record has no 'text' field"


def test_articles_record_with_bad_date_or_field_type(tmp_path: Path) -> None:
    path = write(tmp_path / "d.jsonl", '{"text": "A.", "published": "24 May"}\n{"text": "B.", "url": 5}\n')
    assert [str(e) for e in read(path)] == [
        f"{path}:1: record field 'published' is not an ISO date or datetime: '24 May' "
        "(expected e.g. 2025-05-24 or 2025-05-24T10:00:00Z)",
        f"{path}:2: record field 'url' is number, not string",
    ]


# --- bad files --------------------------------------------------------------------------------


def test_articles_missing_path(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.txt"
    assert only_error(path) == f"{path}: no such file or folder"


def test_articles_unsupported_extension(tmp_path: Path) -> None:
    pdf = write(tmp_path / "report.pdf", "%PDF")
    bare = write(tmp_path / "README", "text")
    expected = "(expected .txt, .html, .htm, .json or .jsonl)"
    assert only_error(pdf) == f"{pdf}: unsupported file type '.pdf' {expected}"
    assert only_error(bare) == f"{bare}: unsupported file type without extension {expected}"


def test_articles_empty_file(tmp_path: Path) -> None:
    path = write(tmp_path / "empty.txt", "")
    assert only_error(path) == f"{path}: empty file"


def test_articles_whitespace_only_file(tmp_path: Path) -> None:
    path = write(tmp_path / "blank.jsonl", " \n\t\r\n")
    assert only_error(path) == f"{path}: file contains only whitespace"


def test_articles_binary_file(tmp_path: Path) -> None:
    path = write(tmp_path / "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert only_error(path) == f"{path}: binary file (contains NUL bytes)"


def warned_article(path: Path) -> tuple[Article, str]:
    """The one article of ``path`` and the one warning reading it gave."""
    with pytest.warns(InputWarning) as caught:
        article = only_article(path)
    [warning] = caught
    return article, str(warning.message)


@pytest.mark.parametrize(
    ("codec", "assumed"),
    [("utf-16", "UTF-16 LE (byte order mark)"), ("utf-16-be", None), ("utf-32", "UTF-32 LE (byte order mark)")],
)
def test_articles_utf16_and_utf32_files(tmp_path: Path, codec: str, assumed: str | None) -> None:
    # Python's "utf-16" and "utf-32" write a little-endian BOM here; "utf-16-be" writes none.
    path = write(tmp_path / "wide.txt", "Kyiv talks\nThe envoy said “yes”.".encode(codec))
    article, warning = warned_article(path)
    assert article.text == "Kyiv talks\nThe envoy said “yes”."
    assumed = assumed or "UTF-16-BE (no byte order mark; NUL in every other byte)"
    assert warning == f"{path}: decoded as {assumed}"


def test_articles_windows_1252_file(tmp_path: Path) -> None:
    path = write(tmp_path / "latin.txt", "Title\nCafé owners said “no” – twice.".encode("cp1252"))
    article, warning = warned_article(path)
    assert article.text == "Title\nCafé owners said “no” – twice."
    assert warning == f"{path}: not UTF-8 (line 2); decoded as Windows-1252"


def test_articles_latin1_when_windows_1252_cannot_be(tmp_path: Path) -> None:
    # 0x81 is undefined in Windows-1252, a control character in Latin-1.
    path = write(tmp_path / "latin.txt", b"Title\nCaf\xe9 \x81 opens")
    article, warning = warned_article(path)
    assert article.text == "Title\nCaf\xe9 \x81 opens"
    assert warning == f"{path}: not UTF-8 (line 2); decoded as Latin-1"


def test_articles_mostly_utf8_keeps_utf8_and_replaces_bad_bytes(tmp_path: Path) -> None:
    path = write(tmp_path / "mixed.txt", "Zelenskyy’s “plan”\n".encode() + b"Caf\xe9 opens.")
    article, warning = warned_article(path)
    assert article.text == "Zelenskyy’s “plan”\nCaf\ufffd opens."
    assert warning == f"{path}: invalid UTF-8 from line 2; decoded as UTF-8 with 1 bad byte(s) replaced by U+FFFD"


def test_articles_html_meta_charset_is_used_when_not_utf8(tmp_path: Path) -> None:
    page = '<html><head><meta charset="iso-8859-15"><title>Prix</title></head><body><p>Le prix: 5 €.</p></body></html>'
    path = write(tmp_path / "page.html", page.encode("iso-8859-15"))
    article, warning = warned_article(path)
    assert article.text == "Prix\nLe prix: 5 €."
    assert warning == f"{path}: not UTF-8; decoded as iso8859-15 (the page's <meta charset>)"


def test_articles_control_characters_are_binary(tmp_path: Path) -> None:
    path = write(tmp_path / "data.txt", bytes(range(1, 32)) * 10)
    assert only_error(path) == f"{path}: binary file (control characters)"


def test_articles_bad_input_does_not_stop_reading(tmp_path: Path) -> None:
    good = write(tmp_path / "good.txt", "Fine\nAll fine.")
    results = read(tmp_path / "missing.txt", write(tmp_path / "empty.html", ""), good)
    assert [type(r) for r in results] == [InputError, InputError, Article]


# --- folders, ids, metadata -------------------------------------------------------------------


def test_articles_folder_recursion_and_ordering(tmp_path: Path) -> None:
    write(tmp_path / "b.txt", "B\nbody")
    write(tmp_path / "a" / "z.html", "<p>Z body</p>")
    write(tmp_path / "a" / "deeper" / "y.JSON", '{"text": "Y body"}')
    write(tmp_path / "a-c.txt", "AC\nbody")
    write(tmp_path / "notes.md", "skipped: unsupported")
    write(tmp_path / ".hidden.txt", "skipped: hidden file")
    write(tmp_path / ".git" / "x.txt", "skipped: hidden folder")
    articles = read(tmp_path)
    assert [a.id for a in articles] == ["y", "z", "a-c", "b"]  # a/deeper/y.JSON < a/z.html < a-c.txt
    assert articles[0].source == str(tmp_path / "a" / "deeper" / "y.JSON")
    assert [a.id for a in read(tmp_path)] == [a.id for a in articles]


def test_articles_folder_without_supported_files(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    write(folder / "notes.md", "nothing to read")
    assert only_error(folder) == f"{folder}: no .txt, .html, .htm, .json or .jsonl files in folder"


def test_articles_duplicate_ids(tmp_path: Path) -> None:
    first = write(tmp_path / "one" / "story.txt", "A\nfirst")
    second = write(tmp_path / "two" / "story.html", "<p>second</p>")
    feed = write(tmp_path / "feed.jsonl", '{"id": "story", "text": "third"}\n')
    results = read(second, first, feed)
    assert isinstance(results[0], Article) and results[0].source == f"{feed}:1"  # first in path order
    assert [str(r) for r in results[1:]] == [
        f"{first}: duplicate article id 'story' (also in {feed}:1)",
        f"{second}: duplicate article id 'story' (also in {feed}:1)",
    ]
    assert [str(r) for r in read(feed, second, first)] == [str(r) for r in results]


def test_articles_metadata_options_fill_unset_fields(tmp_path: Path) -> None:
    june, url = datetime.date(2025, 6, 1), "https://opt.example/"
    options = {"published": june, "url": url, "publisher": "Opt"}
    txt = only_article(write(tmp_path / "plain.txt", "T\nbody"), **options)
    assert (txt.published, txt.url, txt.publisher) == (june, url, "Opt")
    record = '{"text": "body", "publisher": "Own", "published": "2024-12-31"}'
    own = only_article(write(tmp_path / "rec.json", record), **options)
    assert (own.published, own.url, own.publisher) == (datetime.date(2024, 12, 31), url, "Own")


def test_articles_accepts_a_single_path(tmp_path: Path) -> None:
    path = write(tmp_path / "single.txt", "S\nbody")
    [article] = read_articles(path)
    assert isinstance(article, Article) and article.id == "single"


# --- dates and errors -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    ["2025-05-24", "2025-05-24T10:00:00Z", "2025-05-24T23:30:00-05:00", " 2025-05-24 10:00 "],
)
def test_articles_parse_date_accepts_iso_dates_and_datetimes(value: str) -> None:
    assert parse_date(value) == datetime.date(2025, 5, 24)


def test_articles_parse_date_rejects_other_formats() -> None:
    with pytest.raises(ValueError) as caught:
        parse_date("May 24, 2025")
    assert str(caught.value) == (
        "not an ISO date or datetime: 'May 24, 2025' (expected e.g. 2025-05-24 or 2025-05-24T10:00:00Z)"
    )


def test_articles_input_error_format() -> None:
    message = "malformed JSON record (Expecting ',' delimiter)"
    error = InputError("data/x.jsonl", message, 3)
    assert str(error) == "data/x.jsonl:3: malformed JSON record (Expecting ',' delimiter)"
    assert (error.path, error.message, error.line) == ("data/x.jsonl", message, 3)
    assert str(InputError(Path("data/a.txt"), "empty file")) == "data/a.txt: empty file"
