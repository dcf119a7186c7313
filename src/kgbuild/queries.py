"""Canned queries: the ``queries/*.rq`` files, their parameters, and their results as table, CSV or JSON.

A query declares its parameters in header comments, ``# param NAME (string|date|iri): what it does``,
and reads each one in its body as ``param:NAME()``, a function with no arguments. Running it replaces
each call with the serialization of the RDF term made from the value given (``kgbuild.store.
bind_parameters``: strings escaped, IRIs checked, only real calls rewritten), so a value is always data,
whatever quotes or braces it holds. A parameter left out becomes a variable nothing binds.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import re
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from .resources import queries_dir
from .store import PARAM_NAMESPACE, BaseStore, QueryResult  # noqa: F401 - PARAM_NAMESPACE is part of this API
PARAM_LINE = re.compile(r"^#\s*param\s+(?P<name>[A-Za-z_][\w-]*)\s*\((?P<type>string|date|iri)\)\s*:\s*(?P<doc>.*)$")
XSD_DATE = ox.NamedNode("http://www.w3.org/2001/XMLSchema#date")
FORMATS = ("table", "csv", "json")


class QueryError(Exception):
    """A query that cannot be found or run, or a parameter it does not take."""


@dataclass(frozen=True)
class Parameter:
    name: str
    type: str
    doc: str


@dataclass(frozen=True)
class NamedQuery:
    """A SPARQL SELECT with a name, a one-line description and declared parameters."""

    name: str
    text: str
    description: str
    parameters: tuple[Parameter, ...]


def parse_query(name: str, text: str) -> NamedQuery:
    """Read the header comments of a query: first comment line is its description, then params."""
    comments = [line for line in text.splitlines() if line.startswith("#")]
    description = comments[0].lstrip("# ").strip() if comments else ""
    parameters = tuple(
        Parameter(m["name"], m["type"], m["doc"].strip()) for m in map(PARAM_LINE.match, comments) if m
    )
    return NamedQuery(name, text, description, parameters)


def available_queries() -> list[NamedQuery]:
    """The canned queries shipped with kgbuild, by name."""
    return [parse_query(path.stem, path.read_text(encoding="utf-8")) for path in sorted(queries_dir().glob("*.rq"))]


def load_query(name_or_file: str) -> NamedQuery:
    """A canned query by name ("who-said-what") or a .rq/.sparql file by path."""
    path = Path(name_or_file)
    if path.suffix in {".rq", ".sparql"} or path.is_file():
        try:
            return parse_query(path.stem, path.read_text(encoding="utf-8"))
        except OSError as error:
            raise QueryError(f"{path}: cannot read query ({error.strerror})") from error
    canned = queries_dir() / f"{name_or_file}.rq"
    if not canned.is_file():
        names = ", ".join(q.name for q in available_queries())
        raise QueryError(f"no query named {name_or_file!r} (available: {names})")
    return parse_query(name_or_file, canned.read_text(encoding="utf-8"))


def parameter_term(parameter: Parameter, value: str) -> ox.NamedNode | ox.Literal:
    """The RDF term a parameter value stands for; dates and IRIs are checked first."""
    if parameter.type == "date":
        try:
            datetime.date.fromisoformat(value)
        except ValueError:
            raise QueryError(f"parameter {parameter.name}: {value!r} is not a date (expected YYYY-MM-DD)") from None
        return ox.Literal(value, datatype=XSD_DATE)
    if parameter.type == "iri":
        try:
            return ox.NamedNode(value)
        except ValueError:
            raise QueryError(f"parameter {parameter.name}: {value!r} is not an IRI") from None
    return ox.Literal(value)


def run_query(store: BaseStore, query: NamedQuery, values: dict[str, str] | None = None) -> QueryResult:
    """Run a named query with parameter values on any store; unknown parameters are an error."""
    values = values or {}
    declared = {p.name: p for p in query.parameters}
    unknown = sorted(set(values) - set(declared))
    if unknown:
        accepted = ", ".join(declared) or "none"
        raise QueryError(f"query {query.name!r} takes no parameter {unknown[0]!r} (it takes: {accepted})")
    terms = {
        name: parameter_term(parameter, values[name]) if name in values else None
        for name, parameter in declared.items()
    }
    try:
        return store.query(query.text, terms)
    except SyntaxError as error:
        raise QueryError(f"query {query.name!r} is not valid SPARQL: {error}") from error


def cell(term) -> str:
    """A result cell as text: IRIs and literals by their value, unbound as empty."""
    return "" if term is None else term.value


def format_result(result: QueryResult, output_format: str) -> str:
    """Render a result as an aligned table, CSV (header row first) or a JSON list of objects."""
    rows = [[cell(term) for term in row] for row in result.rows]
    if output_format == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(result.columns)
        writer.writerows(rows)
        return buffer.getvalue()
    if output_format == "json":
        return json.dumps([dict(zip(result.columns, row)) for row in rows], ensure_ascii=False, indent=2) + "\n"
    return _table(result.columns, rows)


def _table(columns: list[str], rows: list[list[str]], max_width: int = 60) -> str:
    def clip(text: str) -> str:
        text = " ".join(text.split())
        return text if len(text) <= max_width else text[: max_width - 1] + "…"

    clipped = [[clip(c) for c in row] for row in rows]
    widths = [max([len(column), *(len(row[i]) for row in clipped)]) for i, column in enumerate(columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip() for row in clipped]
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines) + "\n"
