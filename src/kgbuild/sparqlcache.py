"""Parse each SPARQL text once per process in rdflib: what makes per-article SHACL validation fast.

pySHACL runs a SPARQL-based constraint (``sh:sparql``, as in the shapes' Wikidata identity rule) by
handing rdflib the same query text once per focus node; rdflib parses and translates the text every
time (pyparsing, about a quarter of a second), which was nine tenths of validating an article. rdflib
evaluates an already translated query as it is (that is what ``prepareQuery`` is for), so memoizing
the translation by (text, base, namespaces) changes no answer, only the time.

``install()`` wraps ``SPARQLProcessor.query`` once per process; the build pipeline calls it in every
worker and ``kgbuild validate`` calls it too. (Its natural home is ``kgbuild.validate``: move it there.)
"""

from __future__ import annotations

from functools import lru_cache

from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parser import parseQuery
from rdflib.plugins.sparql.processor import SPARQLProcessor

_ORIGINAL = SPARQLProcessor.query


@lru_cache(maxsize=256)
def _translated(text: str, base: str | None, namespaces: tuple):
    return translateQuery(parseQuery(text), base, dict(namespaces))


def _query(self, strOrQuery, initBindings=None, initNs=None, base=None, DEBUG=False):  # noqa: N803 - rdflib's names
    if isinstance(strOrQuery, str):
        try:
            key = tuple(sorted((str(k), str(v)) for k, v in (initNs or {}).items()))
            strOrQuery = _translated(strOrQuery, base, key)
        except TypeError:  # unhashable or odd arguments: let rdflib do as it always does
            pass
    return _ORIGINAL(self, strOrQuery, initBindings, initNs, base, DEBUG)


def install() -> None:
    """Memoize SPARQL query translation in rdflib for this process (idempotent)."""
    SPARQLProcessor.query = _query


def installed() -> bool:
    return SPARQLProcessor.query is _query
