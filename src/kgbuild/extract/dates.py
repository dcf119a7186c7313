"""Dates: a time expression from the text, made absolute with the article's publication date.

In: the words of a DATE/TIME entity ("on Friday", "May 16", "overnight") and the publication date.
Out: a ``datetime.date`` or None when the words do not name one day; for a stretch of days ("over three
days") its length, and its last day once its first is known.

News convention: a bare weekday means the latest such day on or before publication ("on Friday" in an
article of Saturday 2025-05-24 is 2025-05-23; "on Saturday" is the day itself); a month and day
without a year is in the publication year unless that puts it more than a month after publication.
"""

from __future__ import annotations

import datetime
import re

from spacy.tokens import Span, Token

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)
MONTH_ABBREVIATIONS = {m[:3]: i + 1 for i, m in enumerate(MONTHS)} | {"sept": 9}
DAY_OFFSETS = {
    "today": 0, "tonight": 0, "overnight": 0, "this morning": 0, "this afternoon": 0,
    "this evening": 0, "yesterday": -1, "last night": -1, "tomorrow": 1,
}
DATE_LABELS = {"DATE", "TIME"}
LATE_TOLERANCE = datetime.timedelta(days=31)

MONTH_NAME = r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
MONTH_DAY = re.compile(rf"\b{MONTH_NAME}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<year>\d{{4}}))?")
DAY_MONTH = re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH_NAME}\b(?:,?\s+(?P<year>\d{{4}}))?")
ISO_DATE = re.compile(r"\b(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})\b")
DAY_COUNT_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
DAY_COUNT = re.compile(rf"\b(?P<count>{'|'.join(DAY_COUNT_WORDS)}|\d+)\s+days\b")


def resolve_date(text: str, published: datetime.date | None) -> datetime.date | None:
    """The day ``text`` names, relative to ``published`` where needed; None if it names no single day."""
    words = " ".join(text.lower().replace("’", "'").split())
    if match := ISO_DATE.search(words):
        return _safe_date(int(match["year"]), int(match["month"]), int(match["day"]))
    if match := MONTH_DAY.search(words) or DAY_MONTH.search(words):
        return _month_day(match, published)
    if published is None:
        return None
    for phrase, offset in DAY_OFFSETS.items():
        if re.search(rf"\b{phrase}\b", words):
            return published + datetime.timedelta(days=offset)
    for weekday, name in enumerate(WEEKDAYS):
        if re.search(rf"\b{name}\b", words):
            return _latest_weekday(weekday, published, last="last " + name in words)
    return None


def days_spanned(text: str) -> int | None:
    """How many days a stretch of time lasts: "three days" -> 3, "10 days" -> 10; None for anything else."""
    match = DAY_COUNT.search(" ".join(text.lower().split()))
    if match is None:
        return None
    count = match["count"]
    return int(count) if count.isdigit() else DAY_COUNT_WORDS[count]


def last_day(first: datetime.date, days: int) -> datetime.date:
    """The last day of a stretch of ``days`` days that begins on ``first`` (both days counted)."""
    return first + datetime.timedelta(days=days - 1)


def date_of(span: Span | Token, published: datetime.date | None) -> datetime.date | None:
    """The first resolvable DATE/TIME entity inside ``span`` (a clause, a verb's subtree)."""
    tokens = span.subtree if isinstance(span, Token) else iter(span)
    seen: set[int] = set()
    for token in sorted(tokens, key=lambda t: t.i):
        if token.ent_type_ in DATE_LABELS and token.i not in seen:
            entity = next(e for e in token.doc.ents if e.start <= token.i < e.end)
            seen.update(range(entity.start, entity.end))
            if (day := resolve_date(entity.text, published)) is not None:
                return day
    return None


def _latest_weekday(weekday: int, published: datetime.date, *, last: bool) -> datetime.date:
    back = (published.weekday() - weekday) % 7
    if last and back == 0:
        back = 7
    return published - datetime.timedelta(days=back)


def _month_day(match: re.Match, published: datetime.date | None) -> datetime.date | None:
    month = MONTH_ABBREVIATIONS[match["month"][:4] if match["month"].startswith("sept") else match["month"][:3]]
    day = int(match["day"])
    if match["year"]:
        return _safe_date(int(match["year"]), month, day)
    if published is None:
        return None
    candidate = _safe_date(published.year, month, day)
    if candidate is not None and candidate - published > LATE_TOLERANCE:
        candidate = _safe_date(published.year - 1, month, day)
    return candidate


def _safe_date(year: int, month: int, day: int) -> datetime.date | None:
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None
