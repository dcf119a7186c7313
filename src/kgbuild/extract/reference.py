"""Reference actors: the offline table of states, organizations, people and places with Wikidata QIDs.

In: ``data/actors.tsv`` (and any user tables with the same columns). Out: a ``ReferenceTable`` that
answers "which actor is this name / this adjective / this capital?".
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

BUILTIN_TABLE = Path(__file__).resolve().parent.parent / "data" / "actors.tsv"
COLUMNS = ("qid", "kind", "label", "aliases", "adjectives", "capital")


@dataclass(frozen=True)
class ReferenceActor:
    """One row of the table: a known actor and the names it goes by."""

    qid: str
    kind: str
    label: str
    aliases: tuple[str, ...] = ()
    adjectives: tuple[str, ...] = ()
    capital: str | None = None  # QID of the capital, for states


class ReferenceTable:
    """Known actors by name, adjective and capital. Names match case-sensitively, with or without "the"."""

    def __init__(self, actors: Iterable[ReferenceActor]):
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


def strip_article(name: str) -> str:
    """ "the United States" -> "United States"; names are otherwise kept as written."""
    name = " ".join(name.split())
    return name[4:] if name.lower().startswith("the ") else name


def read_table(path: Path) -> list[ReferenceActor]:
    """Rows of one TSV table; lines starting with "#" are comments."""
    with path.open(encoding="utf-8", newline="") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    rows = csv.DictReader(lines, delimiter="\t")
    actors = []
    for row in rows:
        def column(name: str) -> str:
            return (row.get(name) or "").strip()

        actors.append(
            ReferenceActor(
                qid=column("qid"),
                kind=column("kind"),
                label=column("label"),
                aliases=tuple(a for a in column("aliases").split("|") if a),
                adjectives=tuple(a for a in column("adjectives").split("|") if a),
                capital=column("capital") or None,
            )
        )
    return actors


@lru_cache(maxsize=8)
def load_reference(extra_tables: tuple[Path, ...] = ()) -> ReferenceTable:
    """The built-in table, with user tables first so that their rows win."""
    actors: list[ReferenceActor] = []
    for path in (*extra_tables, BUILTIN_TABLE):
        actors.extend(read_table(path))
    return ReferenceTable(actors)
