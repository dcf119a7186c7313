"""Reference actors: the offline tables of states, organizations, people and places with Wikidata QIDs.

In: ``data/states.tsv``, ``data/organizations.tsv``, ``data/actors.tsv`` and ``data/offices.tsv`` (and any user
tables with the same columns). Out: a ``ReferenceTable`` that answers "which actor is this name / this adjective /
this capital?" and "which office did this person hold on that date?". ``data/README.md`` says where each table
comes from and how to refresh it.
"""

from __future__ import annotations

import csv
import datetime
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data"
BUILTIN_TABLES = (DATA / "states.tsv", DATA / "organizations.tsv", DATA / "actors.tsv")
BUILTIN_OFFICES = DATA / "offices.tsv"
COLUMNS = ("qid", "kind", "label", "aliases", "adjectives", "capital", "iso2", "iso3")
OFFICE_COLUMNS = ("person", "office", "office_qid", "of", "start", "end")


class TableError(ValueError):
    """A reference table that cannot be read: the message names the file (and line) and what is wrong."""


QID = re.compile(r"Q[1-9][0-9]*")
KINDS = ("Person", "State", "Organization", "Place")


@dataclass(frozen=True)
class ReferenceActor:
    """One row of the table: a known actor and the names it goes by."""

    qid: str
    kind: str
    label: str
    aliases: tuple[str, ...] = ()
    adjectives: tuple[str, ...] = ()
    capital: str | None = None  # QID of the capital, for states
    iso2: str | None = None  # ISO 3166-1 alpha-2, for states
    iso3: str | None = None  # ISO 3166-1 alpha-3, for states


@dataclass(frozen=True)
class Office:
    """A person held ``office`` of the state or organization ``of`` (QIDs) from ``start`` to ``end`` (None: still)."""

    person: str
    office: str
    of: str
    start: datetime.date | None = None
    end: datetime.date | None = None
    office_qid: str | None = None

    def held_on(self, date: datetime.date | None) -> bool:
        """True if the office was held on ``date`` (any date when ``date`` is None)."""
        if date is None:
            return True
        return (self.start is None or self.start <= date) and (self.end is None or date < self.end)


class ReferenceTable:
    """Known actors by name, adjective and capital. Names match case-sensitively, with or without "the"."""

    def __init__(self, actors: Iterable[ReferenceActor], offices: Iterable[Office] = ()):
        self.offices: dict[str, list[Office]] = {}
        for office in offices:
            self.offices.setdefault(office.person, []).append(office)
        self.by_qid: dict[str, ReferenceActor] = {}
        self.by_name: dict[str, ReferenceActor] = {}
        self.by_adjective: dict[str, ReferenceActor] = {}
        self.state_of_capital: dict[str, str] = {}
        for actor in actors:
            self.by_qid[actor.qid] = actor
            for name in (actor.label, *actor.aliases):
                self.by_name.setdefault(strip_article(name), actor)
            for adjective in actor.adjectives:
                self.by_adjective.setdefault(adjective, actor)
            if actor.capital:
                self.state_of_capital.setdefault(actor.capital, actor.qid)

    def lookup(self, name: str) -> ReferenceActor | None:
        """The actor called ``name`` ("the European Union", "Trump"), or None."""
        return self.by_name.get(strip_article(name.replace("’", "'")))

    def names(self) -> list[str]:
        """Every name in the table, for phrase matching."""
        return sorted(self.by_name)

    def offices_held(self, person_qid: str, date: datetime.date | None) -> list[Office]:
        """The offices ``person_qid`` held on ``date`` (all of them when ``date`` is None), in table order."""
        return [office for office in self.offices.get(person_qid, ()) if office.held_on(date)]


def strip_article(name: str) -> str:
    """ "the United States" -> "United States"; names are otherwise kept as written."""
    name = " ".join(name.split())
    return name[4:] if name.lower().startswith("the ") else name


def read_rows(path: Path) -> list[dict[str, str]]:
    """Rows of one TSV (or, named *.csv, CSV) file as stripped strings; lines starting with "#" are comments."""
    with path.open(encoding="utf-8", newline="") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    delimiter = "," if path.suffix.lower() == ".csv" else "\t"
    rows = csv.DictReader(lines, delimiter=delimiter)
    return [{key: (value or "").strip() for key, value in row.items() if key} for row in rows]


def read_table(path: Path) -> list[ReferenceActor]:
    """The actors of one table: TSV or CSV with the columns of ``COLUMNS`` (the last ones may be missing), or
    Turtle (*.ttl). Raises ``TableError`` for a row without a QID, a known kind or a label."""
    if path.suffix.lower() in TURTLE_SUFFIXES:
        return read_turtle(path)
    rows = read_rows(path)
    for number, row in enumerate(rows, start=1):
        if not QID.fullmatch(row.get("qid", "")) or row.get("kind") not in KINDS or not row.get("label"):
            raise TableError(
                f"{path}: row {number} needs a QID (Q123), a kind ({', '.join(KINDS)}) and a label: {row}"
            )
    return [
        ReferenceActor(
            qid=row.get("qid", ""),
            kind=row.get("kind", ""),
            label=row.get("label", ""),
            aliases=tuple(a for a in row.get("aliases", "").split("|") if a),
            adjectives=tuple(a for a in row.get("adjectives", "").split("|") if a),
            capital=row.get("capital") or None,
            iso2=row.get("iso2") or None,
            iso3=row.get("iso3") or None,
        )
        for row in rows
    ]


TURTLE_SUFFIXES = {".ttl", ".turtle"}
TURTLE_KINDS = ("Person", "State", "Organization", "Place")
WIKIDATA_ENTITY = "http://www.wikidata.org/entity/"


def read_turtle(path: Path) -> list[ReferenceActor]:
    """Actors of a Turtle table: each subject typed kg:Person, kg:State, kg:Organization or kg:Place that has a QID
    (kg:wikidata "Q..." or owl:sameAs wd:Q...) and an rdfs:label, with kg:alias or skos:altLabel names (a graph
    kgbuild wrote will do). Demonyms and capitals need the TSV or CSV form. Subjects without a QID are skipped."""
    from rdflib import OWL, RDF, RDFS, SKOS, Graph

    from ..vocab import KG as kg

    try:
        graph = Graph().parse(path, format="turtle")
    except Exception as error:  # rdflib raises many kinds of parse errors
        raise TableError(f"{path}: not Turtle ({type(error).__name__})") from None

    def qid_of(node) -> str | None:
        value = graph.value(node, kg.wikidata)
        if value is not None:
            return str(value)
        same = [str(o) for o in graph.objects(node, OWL.sameAs) if str(o).startswith(WIKIDATA_ENTITY)]
        return same[0][len(WIKIDATA_ENTITY) :] if same else None

    actors = []
    for kind in TURTLE_KINDS:
        for node in sorted(graph.subjects(RDF.type, kg[kind])):
            qid, label = qid_of(node), graph.value(node, RDFS.label)
            if qid is None or label is None:
                continue
            names = sorted({str(n) for p in (kg.alias, SKOS.altLabel) for n in graph.objects(node, p)})
            actors.append(ReferenceActor(qid=qid, kind=kind, label=str(label), aliases=tuple(names)))
    return actors


def read_offices(path: Path) -> list[Office]:
    """The office holders of one table with the columns of ``OFFICE_COLUMNS``."""
    return [
        Office(
            person=row["person"],
            office=row["office"],
            of=row["of"],
            start=datetime.date.fromisoformat(row["start"]) if row.get("start") else None,
            end=datetime.date.fromisoformat(row["end"]) if row.get("end") else None,
            office_qid=row.get("office_qid") or None,
        )
        for row in read_rows(path)
    ]


@lru_cache(maxsize=8)
def load_reference(extra_tables: tuple[Path, ...] = ()) -> ReferenceTable:
    """The built-in tables, with user tables first so that their rows win."""
    actors: list[ReferenceActor] = []
    for path in (*extra_tables, *BUILTIN_TABLES):
        actors.extend(read_table(path))
    return ReferenceTable(actors, read_offices(BUILTIN_OFFICES))
