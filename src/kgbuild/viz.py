"""Pictures of the graph: projections of the RDF graph that people can look at, and writers for them.

The RDF graph (reified statements, text spans, provenance) is the wrong picture for an analyst; these
are the right ones, each a ``networkx`` graph built from three SPARQL queries (``queries/viz/viz-*.rq``)
run through the store's query API, so they work on any store:

* ``actor_network``: actors (sized by mentions, coloured by type) linked by what they said about each
  other ("said about", from ``kg:speaker`` to ``kg:about``), did to each other ("acted on", from
  ``kg:agent`` to ``kg:target``, one edge per event type) and did together ("acted with", agent and
  participants of one event). Edges are weighted by count and carry their quotes and events.
* ``actor_event_graph``: the bipartite view, actors on one side and events on the other, linked by role.
* ``timeline_graph``: actors and the statements and events they are in, each fact with its date
  (``timeline`` lists the facts by date).

``Filters`` narrows any of them: one actor and its neighbourhood to a depth, one article, a date range,
some fact types. ``write`` turns a view into a self-contained offline HTML page (vis-network, inlined
from the ``pyvis`` package's bundled copy), GraphML for Cytoscape, GEXF for Gephi (scalar attributes
only), or a PNG/SVG picture drawn with matplotlib whose labels are moved apart until none overlap.
"""

from __future__ import annotations

import datetime
import html
import importlib.util
import json
import math
import textwrap
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx

from .queries import NamedQuery, cell, load_query, parse_query, run_query
from .resources import queries_dir
from .store import Store

VIEWS = ("network", "bipartite", "timeline")
FORMATS = ("html", "graphml", "gexf", "png", "svg")

SAID_ABOUT = "said about"
ACTED_ON = "acted on"
ACTED_WITH = "acted with"
RELATIONS = (SAID_ABOUT, ACTED_ON, ACTED_WITH)

TYPE_COLORS = {"Person": "#4e79a7", "State": "#e15759", "Organization": "#59a14f", "Place": "#f1ce63"}
RELATION_COLORS = {SAID_ABOUT: "#6b5fb5", ACTED_ON: "#b5312b", ACTED_WITH: "#8c8c8c"}
ROLE_COLORS = {
    "speaker": "#6b5fb5", "about": "#b7aee0", "agent": "#b5312b", "target": "#e8a09a",
    "participant": "#8c8c8c", "place": "#d4b13f",
}  # fmt: skip
EVENT_COLORS = {
    "PrisonerExchange": "#76b7b2", "Attack": "#b5312b", "Capture": "#ff9d9a", "Talks": "#59a14f",
    "PhoneCall": "#8cd17d", "Sanctions": "#9c755f", "Announcement": "#bab0ac", "Release": "#499894",
    "Agreement": "#b6992d",
}  # fmt: skip
ROLE_ORDER = ("speaker", "agent", "target", "participant", "place", "about")
STATEMENT_COLOR = "#6b5fb5"
OTHER_COLOR = "#bab0ac"


class VizError(Exception):
    """A view that cannot be made: an unknown view, format or actor, or a file that cannot be written."""


@dataclass(frozen=True)
class Filters:
    """What to show. Every field narrows the view; the defaults show everything in the store.

    ``actor`` is a label, an alias, a Wikidata QID or an IRI (any case); the view keeps the actors
    within ``depth`` steps of it (in the bipartite and timeline views one step is actor, fact, actor).
    ``types`` are event types ("Attack") or "Statement", in any case. ``include_isolated`` keeps the
    actors of the network that no edge links.
    """

    actor: str | None = None
    depth: int = 1
    article: str | None = None
    since: datetime.date | None = None
    until: datetime.date | None = None
    types: tuple[str, ...] = ()
    include_isolated: bool = False

    def query_values(self) -> dict[str, str]:
        values = {"article": self.article, "since": self.since, "until": self.until}
        return {k: (v.isoformat() if isinstance(v, datetime.date) else v) for k, v in values.items() if v}

    def describe(self) -> str:
        """'Zelenskyy and neighbours to depth 2, article prisoner-swap, from 2025-05-23' ('' for everything)."""
        parts = []
        if self.actor:
            parts.append(f"{self.actor} and neighbours to depth {self.depth}")
        if self.article:
            parts.append(f"article {self.article}")
        if self.since or self.until:
            parts.append(" ".join(p for p in (self.since and f"from {self.since}", self.until and f"to {self.until}") if p))
        if self.types:
            parts.append(", ".join(self.types))
        return ", ".join(parts)

    def keeps(self, fact_type: str) -> bool:
        return not self.types or fact_type.lower() in {t.lower() for t in self.types}


@dataclass(frozen=True)
class ActorInfo:
    iri: str
    label: str
    type: str
    wikidata: str
    aliases: tuple[str, ...]
    mentions: int
    articles: int

    def names(self) -> set[str]:
        return {n.lower() for n in (self.iri, self.label, self.wikidata, *self.aliases) if n}


@dataclass(frozen=True)
class StatementFact:
    iri: str
    article: str
    headline: str
    speaker: str
    quote: str
    kind: str
    cue: str
    medium: str
    date: str
    start: int
    end: int
    about: tuple[str, ...]


@dataclass(frozen=True)
class EventFact:
    iri: str
    article: str
    headline: str
    event_type: str
    trigger: str
    date: str
    status: str
    quantities: str
    start: int
    end: int
    roles: tuple[tuple[str, str], ...]  # (actor IRI, role), in query order

    def with_role(self, *roles: str) -> list[str]:
        return list(dict.fromkeys(actor for actor, role in self.roles if role in roles))


@dataclass
class Facts:
    """What the viz queries return, filtered: actors by IRI, statements and events."""

    actors: dict[str, ActorInfo]
    statements: list[StatementFact] = field(default_factory=list)
    events: list[EventFact] = field(default_factory=list)

    def label(self, iri: str) -> str:
        actor = self.actors.get(iri)
        return actor.label if actor else iri.rsplit("/", 1)[-1]


@dataclass(frozen=True)
class TimelineEntry:
    """One statement or event on the timeline; ``date`` is empty when the text gives none."""

    date: str
    kind: str  # "statement" or the event type
    text: str
    actors: tuple[str, ...]  # labels
    article: str
    iri: str


# ---------------------------------------------------------------------------------------------------
# Queries


def viz_query(name: str) -> NamedQuery:
    """A viz query by name ("viz-events"): in ``queries/viz/``, or at the top of ``queries/``."""
    for path in (queries_dir() / "viz" / f"{name}.rq", queries_dir() / f"{name}.rq"):
        if path.is_file():
            return parse_query(name, path.read_text(encoding="utf-8"))
    return load_query(name)


def _rows(store: Store, name: str, values: dict[str, str]) -> list[dict[str, str]]:
    query = viz_query(name)
    declared = {p.name for p in query.parameters}
    result = run_query(store, query, {k: v for k, v in values.items() if k in declared})
    return [{c: cell(t) for c, t in zip(result.columns, row)} for row in result.rows]


def load_facts(store: Store, filters: Filters = Filters()) -> Facts:
    """Run the viz queries with the filters' article and dates; keep the facts of the chosen types."""
    values = filters.query_values()
    actors = {
        row["actor"]: ActorInfo(
            iri=row["actor"],
            label=row["label"],
            type=row["type"],
            wikidata=row["wikidata"],
            aliases=tuple(a for a in row["aliases"].split("\n") if a),
            mentions=int(row["mentions"] or 0),
            articles=int(row["articles"] or 0),
        )
        for row in _rows(store, "viz-actors", values)
    }
    facts = Facts(actors)
    if filters.keeps("Statement"):
        for row in _rows(store, "viz-statements", values):
            facts.statements.append(
                StatementFact(
                    iri=row["statement"], article=row["article"], headline=row["headline"],
                    speaker=row["speaker"], quote=row["quote"], kind=row["kind"], cue=row["cue"],
                    medium=row["medium"], date=row["date"], start=int(row["start"]), end=int(row["end"]),
                    about=tuple(a for a in row["about"].split() if a),
                )
            )  # fmt: skip
    events: dict[str, dict] = {}
    for row in _rows(store, "viz-events", values):
        if not filters.keeps(row["event_type"]):
            continue
        event = events.setdefault(row["event"], {**row, "roles": []})
        if row["actor"] and (row["actor"], row["role"]) not in event["roles"]:
            event["roles"].append((row["actor"], row["role"]))
    for row in events.values():
        facts.events.append(
            EventFact(
                iri=row["event"], article=row["article"], headline=row["headline"],
                event_type=row["event_type"], trigger=row["trigger"], date=row["date"], status=row["status"],
                quantities=row["quantities"], start=int(row["start"]), end=int(row["end"]),
                roles=tuple(row["roles"]),
            )
        )  # fmt: skip
    return facts


# ---------------------------------------------------------------------------------------------------
# Texts shown for facts


def _meta(article: str, date: str, *more: str) -> str:
    return " · ".join(part for part in (article, date or "undated", *more) if part)


def statement_item(statement: StatementFact, facts: Facts, with_speaker: bool = False) -> dict:
    """A statement as the pages show it: the words, and where and when they were said."""
    words = f"“{statement.quote}”"
    text = f"{facts.label(statement.speaker)}: {words}" if with_speaker else words
    how = ", ".join(p for p in (statement.kind, statement.cue, statement.medium) if p)
    return {
        "text": text,
        "meta": _meta(statement.article, statement.date, how),
        "article": statement.article,
        "headline": statement.headline,
        "date": statement.date,
        "kind": "statement",
    }


def event_summary(event: EventFact, facts: Facts) -> str:
    """'Attack “struck”: Russia → Kyiv, in Odesa region; 2 missiles; 1 killed' (labels, not IRIs)."""

    def names(*roles: str) -> str:
        return ", ".join(facts.label(a) for a in event.with_role(*roles))

    doers = names("agent") or names("participant")
    text = f"{event.event_type} “{event.trigger}”"
    if doers:
        text += f": {doers}"
    if names("target"):
        text += f" → {names('target')}"
    if names("agent") and names("participant"):
        others = [facts.label(a) for a in event.with_role("participant") if a not in event.with_role("agent")]
        if others:
            text += f" with {', '.join(others)}"
    if names("place"):
        text += f", in {names('place')}"
    if event.quantities:
        text += f"; {event.quantities}"
    if event.status and event.status != "asserted":
        text += f" ({event.status})"
    return text


def event_item(event: EventFact, facts: Facts, role: str = "") -> dict:
    return {
        "text": event_summary(event, facts),
        "meta": _meta(event.article, event.date, f"as {role}" if role else ""),
        "article": event.article,
        "headline": event.headline,
        "date": event.date,
        "kind": event.event_type,
    }


def short_label(label: str, width: int = 28) -> str:
    return label if len(label) <= width else label[: width - 1].rstrip() + "…"


# ---------------------------------------------------------------------------------------------------
# Projections


def _actor_node(actor: ActorInfo) -> dict:
    return {
        "label": actor.label,
        "type": actor.type,
        "wikidata": actor.wikidata,
        "aliases": "; ".join(actor.aliases),
        "mentions": actor.mentions,
        "articles": actor.articles,
        "iri": actor.iri,
        "color": TYPE_COLORS.get(actor.type, OTHER_COLOR),
        "kind": "actor",
    }


def _actor_sections(facts: Facts) -> dict[str, dict[str, list[dict]]]:
    """For each actor: what it said, what was said about it, and the events it took part in."""
    sections: dict[str, dict[str, list[dict]]] = defaultdict(lambda: {"Said": [], "Said about it": [], "Events": []})
    for statement in facts.statements:
        sections[statement.speaker]["Said"].append(statement_item(statement, facts))
        for about in statement.about:
            if about in facts.actors and about != statement.speaker:
                sections[about]["Said about it"].append(statement_item(statement, facts, with_speaker=True))
    for event in facts.events:
        roles: dict[str, list[str]] = defaultdict(list)
        for actor, role in event.roles:
            roles[actor].append(role)
        for actor, actor_roles in roles.items():
            sections[actor]["Events"].append(event_item(event, facts, "/".join(actor_roles)))
    return sections


def actor_network(source: Store | Facts, filters: Filters = Filters()) -> nx.MultiDiGraph:
    """The actor network. Nodes are actor IRIs; edges are keyed by relation (and event type).

    Node data: label, type, wikidata, aliases, mentions, articles, iri, color, kind="actor", and
    ``sections`` (lists of items: what it said, what was said about it, its events). Edge data:
    relation, event_type ("" for "said about"), label, weight (how many statements or events),
    color and ``items`` (the quotes or events, each with its article and date).
    """
    facts = source if isinstance(source, Facts) else load_facts(source, filters)
    graph = nx.MultiDiGraph(view="network", title="Actor network")
    for iri, actor in facts.actors.items():
        graph.add_node(iri, **_actor_node(actor))

    def link(source_iri: str, target_iri: str, relation: str, event_type: str, item: dict, fact: str) -> None:
        if source_iri == target_iri or source_iri not in graph or target_iri not in graph:
            return
        key = relation if relation == SAID_ABOUT else f"{relation}: {event_type}"
        if not graph.has_edge(source_iri, target_iri, key):
            graph.add_edge(
                source_iri, target_iri, key,
                relation=relation, event_type=event_type, label=event_type or relation, weight=0,
                color=RELATION_COLORS[relation], items=[], facts=set(),
            )  # fmt: skip
        data = graph.edges[source_iri, target_iri, key]
        if fact not in data["facts"]:
            data["facts"].add(fact)
            data["items"].append(item)
            data["weight"] += 1

    for statement in facts.statements:
        item = statement_item(statement, facts, with_speaker=True)
        for about in statement.about:
            link(statement.speaker, about, SAID_ABOUT, "", item, statement.iri)
    for event in facts.events:
        item = event_item(event, facts)
        agents = event.with_role("agent")
        for agent in agents:
            for target in event.with_role("target"):
                link(agent, target, ACTED_ON, event.event_type, item, event.iri)
        together = agents + [p for p in event.with_role("participant") if p not in agents]
        pairs = [(a, b) for a in agents for b in together if a != b] if agents else [
            (a, b) for i, a in enumerate(together) for b in together[i + 1 :]
        ]
        for a, b in {tuple(sorted(pair, key=lambda iri: (facts.label(iri), iri))) for pair in pairs}:
            link(a, b, ACTED_WITH, event.event_type, item, event.iri)
    for _, _, data in graph.edges(data=True):
        del data["facts"]

    sections = _actor_sections(facts)
    for node, data in graph.nodes(data=True):
        data["sections"] = sections.get(node, {})
    keep = _neighbourhood(graph, facts, filters.actor, filters.depth)
    if not filters.include_isolated:
        keep = {n for n in keep if graph.degree(n) > 0} | _matching(facts, filters.actor)
    graph.remove_nodes_from([n for n in list(graph) if n not in keep])
    return graph


def actor_event_graph(source: Store | Facts, filters: Filters = Filters()) -> nx.Graph:
    """The bipartite view: actors (``bipartite=0``) and events (``bipartite=1``) linked by role.

    An event node's data: label (type and trigger), event_type, text (the summary with labels),
    date, article, status, quantities, color, kind="event". Edge data: role ("agent; participant").
    """
    facts = source if isinstance(source, Facts) else load_facts(source, filters)
    graph = nx.Graph(view="bipartite", title="Actors and events")
    sections = _actor_sections(facts)
    for event in facts.events:
        _add_event_node(graph, event, facts)
        for actor, role in event.roles:
            if actor not in facts.actors:
                continue
            if actor not in graph:
                graph.add_node(actor, **_actor_node(facts.actors[actor]), bipartite=0,
                               sections={"Events": sections[actor]["Events"]})  # fmt: skip
            if graph.has_edge(actor, event.iri):
                _add_role(graph.edges[actor, event.iri], role)
            else:
                graph.add_edge(actor, event.iri, role=role, color=ROLE_COLORS.get(role, OTHER_COLOR))
    keep = _neighbourhood(graph, facts, filters.actor, 2 * filters.depth)
    graph.remove_nodes_from([n for n in list(graph) if n not in keep])
    return graph


def _add_role(edge: dict, role: str) -> None:
    """One edge per actor and fact: its roles joined ("target; place"), in a fixed order."""
    roles = set(edge["role"].split("; ")) | {role}
    edge["role"] = "; ".join(sorted(roles, key=lambda r: (ROLE_ORDER.index(r) if r in ROLE_ORDER else 99, r)))
    edge["color"] = ROLE_COLORS.get(edge["role"].split("; ")[0], OTHER_COLOR)


def _add_event_node(graph: nx.Graph, event: EventFact, facts: Facts) -> None:
    graph.add_node(
        event.iri,
        label=f"{event.event_type}: {event.trigger}",
        kind="event",
        type=event.event_type,
        event_type=event.event_type,
        text=event_summary(event, facts),
        date=event.date,
        article=event.article,
        status=event.status,
        quantities=event.quantities,
        color=EVENT_COLORS.get(event.event_type, OTHER_COLOR),
        bipartite=1,
        sections={"Event": [event_item(event, facts)]},
    )


def timeline_graph(source: Store | Facts, filters: Filters = Filters()) -> nx.DiGraph:
    """Actors and the statements and events they are in, each fact node with its ``date``.

    Edges go from an actor to a fact with the actor's role (speaker, about, agent, target,
    participant, place). In GEXF the dated facts get a start date, for Gephi's timeline.
    """
    facts = source if isinstance(source, Facts) else load_facts(source, filters)
    graph = nx.DiGraph(view="timeline", title="Timeline")

    def attach(actor: str, fact: str, role: str) -> None:
        if actor not in facts.actors:
            return
        if actor not in graph:
            graph.add_node(actor, **_actor_node(facts.actors[actor]), sections={})
        if graph.has_edge(actor, fact):
            _add_role(graph.edges[actor, fact], role)
        else:
            graph.add_edge(actor, fact, role=role, color=ROLE_COLORS.get(role, OTHER_COLOR))

    for statement in facts.statements:
        item = statement_item(statement, facts, with_speaker=True)
        graph.add_node(
            statement.iri, label=f"{facts.label(statement.speaker)}: {short_label(statement.quote, 40)}",
            kind="statement", type="Statement", event_type="", text=item["text"], date=statement.date,
            article=statement.article, color=STATEMENT_COLOR, sections={"Statement": [item]},
        )  # fmt: skip
        attach(statement.speaker, statement.iri, "speaker")
        for about in statement.about:
            attach(about, statement.iri, "about")
    for event in facts.events:
        _add_event_node(graph, event, facts)
        graph.nodes[event.iri].pop("bipartite")
        for actor, role in event.roles:
            attach(actor, event.iri, role)
    keep = _neighbourhood(graph, facts, filters.actor, 2 * filters.depth)
    graph.remove_nodes_from([n for n in list(graph) if n not in keep])
    return graph


def timeline(source: Store | Facts | nx.DiGraph, filters: Filters = Filters()) -> list[TimelineEntry]:
    """The statements and events by date (undated ones last), each with the labels of its actors."""
    graph = source if isinstance(source, nx.DiGraph) else timeline_graph(source, filters)
    entries = []
    for node, data in graph.nodes(data=True):
        if data.get("kind") == "actor":
            continue
        actors = tuple(graph.nodes[a]["label"] for a in graph.predecessors(node))
        kind = "statement" if data["kind"] == "statement" else data["event_type"]
        entries.append(TimelineEntry(data["date"], kind, data["text"], actors, data["article"], node))
    return sorted(entries, key=lambda e: (e.date == "", e.date, e.article, e.iri))


def _matching(facts: Facts, actor: str | None) -> set[str]:
    if not actor:
        return set()
    wanted = actor.strip().lower()
    return {iri for iri, info in facts.actors.items() if wanted in info.names()}


def _neighbourhood(graph: nx.Graph, facts: Facts, actor: str | None, radius: int) -> set[str]:
    """Every node, or the nodes within ``radius`` steps of the actor (edges taken both ways)."""
    if not actor:
        return set(graph)
    centres = _matching(facts, actor)
    if not centres:
        raise VizError(f"no actor matches {actor!r} (give a label, an alias or a Wikidata QID)")
    undirected = graph.to_undirected(as_view=True)
    keep: set[str] = set()
    for centre in centres & set(graph):
        keep |= set(nx.ego_graph(undirected, centre, radius=max(radius, 0)))
    return keep | centres


def project(store: Store, view: str = "network", filters: Filters = Filters()) -> nx.Graph:
    """The graph of one view ("network", "bipartite" or "timeline"), with layout positions x and y."""
    builders = {"network": actor_network, "bipartite": actor_event_graph, "timeline": timeline_graph}
    if view not in builders:
        raise VizError(f"unknown view {view!r} (expected one of {', '.join(VIEWS)})")
    graph = builders[view](load_facts(store, filters), filters)
    scope = filters.describe()
    if scope:
        graph.graph["title"] = f"{graph.graph['title']}: {scope}"
    add_layout(graph)
    return graph


# ---------------------------------------------------------------------------------------------------
# Layout


def add_layout(graph: nx.Graph, seed: int = 7) -> None:
    """Positions in [-1, 1]² as node data x, y: a spring layout (timeline: x by date, lanes by kind)."""
    if not len(graph):
        return
    if graph.graph.get("view") == "timeline":
        positions = _timeline_positions(graph)
    else:
        simple = nx.Graph()
        simple.add_nodes_from(graph)
        simple.add_edges_from((u, v) for u, v in graph.edges())
        positions = _packed_layout(simple, seed)
    # Each axis on its own to [-1, 1]: pictures and pages are wider than tall, spring layouts round.
    xs = [p[0] for p in positions.values()]
    ys = [p[1] for p in positions.values()]
    x_span, y_span = max(max(xs) - min(xs), 1e-9), max(max(ys) - min(ys), 1e-9)
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    for node, (x, y) in positions.items():
        graph.nodes[node]["x"] = round(2 * (x - cx) / x_span, 4) if len(set(xs)) > 1 else 0.0
        graph.nodes[node]["y"] = round(2 * (y - cy) / y_span, 4) if len(set(ys)) > 1 else 0.0


def _spring(graph: nx.Graph, seed: int) -> dict:
    """A spring layout in [0, 1]², each axis stretched on its own, nodes kept apart."""
    if len(graph) == 1:
        return {next(iter(graph)): (0.5, 0.5)}
    positions = nx.spring_layout(graph, k=1.6 / math.sqrt(len(graph)), seed=seed, iterations=300)
    positions = _spread(positions, min_distance=0.9 / math.sqrt(len(graph)))
    xs, ys = [p[0] for p in positions.values()], [p[1] for p in positions.values()]
    x_span, y_span = max(max(xs) - min(xs), 1e-9), max(max(ys) - min(ys), 1e-9)
    return {n: ((x - min(xs)) / x_span, (y - min(ys)) / y_span) for n, (x, y) in positions.items()}


def _packed_layout(graph: nx.Graph, seed: int) -> dict:
    """The largest connected part on the left, smaller parts stacked in a column on its right.

    A spring layout alone flings disconnected parts to the corners and leaves the middle empty.
    Single nodes (with ``include_isolated``) go in a grid at the bottom of the column.
    """
    parts = sorted(nx.connected_components(graph), key=lambda c: (-len(c), min(c)))
    if len(parts) == 1:
        return _spring(graph, seed)
    main, groups = parts[0], [p for p in parts[1:] if len(p) > 1]
    singles = sorted(n for p in parts[1:] if len(p) == 1 for n in p)
    share = min(max(len(main) / len(graph), 0.55), 0.78)
    positions = {n: (x * share * 0.94, y) for n, (x, y) in _spring(graph.subgraph(main), seed).items()}
    left, width = share + 0.04, 1 - share - 0.04
    weights = [len(g) for g in groups] + ([max(2, math.ceil(len(singles) / 3))] if singles else [])
    total = sum(weights)
    top = 1.0
    for group, weight in zip(groups, weights):
        height = weight / total
        inner = _spring(graph.subgraph(group), seed)
        for n, (x, y) in inner.items():
            positions[n] = (left + 0.1 * width + 0.8 * width * x, top - height + height * (0.15 + 0.7 * y))
        top -= height
    if singles:
        columns = 3 if len(singles) > 2 else len(singles)
        rows = math.ceil(len(singles) / columns)
        for i, n in enumerate(singles):
            column, row = i % columns, i // columns
            positions[n] = (left + width * (column + 0.5) / columns, top * (1 - (row + 0.5) / rows))
    return positions


def _spread(positions: dict, min_distance: float, rounds: int = 200) -> dict:
    """Push apart nodes closer than ``min_distance`` (a spring layout can stack leaves on each other)."""
    import numpy as np

    nodes = list(positions)
    points = np.array([positions[n] for n in nodes], dtype=float)
    for _ in range(rounds):
        moved = False
        for i in range(len(points)):
            delta = points[i] - points
            distance = np.hypot(delta[:, 0], delta[:, 1])
            distance[i] = np.inf
            close = distance < min_distance
            if close.any():
                moved = True
                for j in np.flatnonzero(close):
                    direction = delta[j] / distance[j] if distance[j] > 1e-9 else np.array([1.0, 0.0])
                    push = (min_distance - distance[j]) / 2 + 1e-4
                    points[i] += direction * push
                    points[j] -= direction * push
        if not moved:
            break
    return {n: tuple(p) for n, p in zip(nodes, points)}


def _timeline_positions(graph: nx.Graph) -> dict:
    """Facts in columns by date (undated last), stacked; actors in a row above their first fact."""
    facts = [n for n, d in graph.nodes(data=True) if d.get("kind") != "actor"]
    dates = sorted({graph.nodes[n]["date"] for n in facts if graph.nodes[n]["date"]})
    columns = {date: i for i, date in enumerate(dates)}
    undated = len(dates)
    stacks: dict[int, int] = defaultdict(int)
    positions = {}
    for node in sorted(facts, key=lambda n: (graph.nodes[n]["date"] == "", graph.nodes[n]["date"], n)):
        column = columns.get(graph.nodes[node]["date"], undated)
        positions[node] = (column * 3.0, -1.0 - stacks[column])
        stacks[column] += 1
    actors = [n for n, d in graph.nodes(data=True) if d.get("kind") == "actor"]
    for i, actor in enumerate(sorted(actors, key=lambda a: graph.nodes[a]["label"])):
        positions[actor] = (i * (3.0 * max(undated, 1)) / max(len(actors), 1), 1.5 + (i % 2))
    return positions


# ---------------------------------------------------------------------------------------------------
# Writers


def write(graph: nx.Graph, output_format: str, output: Path | str) -> Path:
    """Write a view (from ``project``) as html, graphml, gexf, png or svg; returns the path."""
    writers = {"html": write_html, "graphml": write_graphml, "gexf": write_gexf, "png": write_image, "svg": write_image}
    if output_format not in writers:
        raise VizError(f"unknown format {output_format!r} (expected one of {', '.join(FORMATS)})")
    path = Path(output)
    try:
        writers[output_format](graph, path)
    except OSError as error:
        raise VizError(f"{path}: cannot write ({error.strerror or error})") from error
    return path


def describe(graph: nx.Graph) -> str:
    """'17 actors, 24 edges' or '12 actors, 11 events, 30 edges'."""
    kinds = defaultdict(int)
    for _, data in graph.nodes(data=True):
        kinds[data.get("kind", "node")] += 1
    names = {"actor": "actor", "event": "event", "statement": "statement"}
    parts = [f"{count} {names.get(kind, kind)}{'s' if count != 1 else ''}" for kind, count in kinds.items()]
    edges = graph.number_of_edges()
    return ", ".join([*parts, f"{edges} edge{'s' if edges != 1 else ''}"]) if parts else "nothing to show"


def scalar_graph(graph: nx.Graph, *, gexf: bool = False) -> nx.Graph:
    """A copy for Cytoscape and Gephi: strings and numbers only, one edge per pair of nodes.

    The parallel edges of the actor network (one per relation and event type) are merged, since
    Gephi merges them on import anyway: the merged edge has the total ``weight``, the ``relations``
    ("acted on: Attack; said about"), one count column per relation, and the quotes and events as text.
    With ``gexf`` nodes also get GEXF's own ``viz`` element (colour, size, position) and dated facts
    a ``start`` date for Gephi's timeline.
    """
    simple = nx.DiGraph() if graph.is_directed() else nx.Graph()
    simple.graph.update({k: v for k, v in graph.graph.items() if isinstance(v, (str, int, float))})
    for node, data in graph.nodes(data=True):
        attributes = {k: _scalar(v) for k, v in data.items() if k != "sections"}
        attributes["details"] = _section_text(data.get("sections", {}))
        if gexf:
            r, g, b = (int(data.get("color", OTHER_COLOR)[i : i + 2], 16) for i in (1, 3, 5))
            attributes["viz"] = {
                "color": {"r": r, "g": g, "b": b, "a": 1.0},
                "size": float(_node_size(data)),
                "position": {"x": float(data.get("x", 0.0)) * 500, "y": float(data.get("y", 0.0)) * 500, "z": 0.0},
            }
            if data.get("kind") in {"event", "statement"} and data.get("date"):
                attributes["start"] = data["date"]
        simple.add_node(node, **attributes)
    merged: dict[tuple, list[dict]] = defaultdict(list)
    for u, v, data in graph.edges(data=True):
        merged[(u, v)].append(data)
    for (u, v), parts in merged.items():
        attributes: dict = {}
        if graph.graph.get("view") == "network":
            relations = sorted(p["label"] if p["relation"] == SAID_ABOUT else f"{p['relation']}: {p['event_type']}" for p in parts)
            attributes["relations"] = "; ".join(relations)
            attributes["label"] = "; ".join(sorted({p["label"] for p in parts}))
            attributes["weight"] = sum(p["weight"] for p in parts)
            for relation in RELATIONS:
                attributes[relation.replace(" ", "_")] = sum(p["weight"] for p in parts if p["relation"] == relation)
            attributes["event_types"] = "; ".join(sorted({p["event_type"] for p in parts if p["event_type"]}))
            items = [item for p in parts for item in p["items"]]
            attributes["details"] = " | ".join(f"{i['text']} ({i['meta']})" for i in items)
            attributes["article_ids"] = "; ".join(sorted({i["article"] for i in items}))
            attributes["color"] = parts[0]["color"]
        else:
            attributes = {k: _scalar(v) for k, v in parts[0].items()}
            attributes["weight"] = 1
        simple.add_edge(u, v, **attributes)
    return simple


def _scalar(value) -> str | int | float:
    if value is None:
        return ""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, (str, int, float)):
        return value
    if isinstance(value, (list, tuple, set)):
        return "; ".join(str(v) for v in value)
    return str(value)


def _section_text(sections: dict[str, list[dict]]) -> str:
    return " | ".join(f"{name}: {item['text']} ({item['meta']})" for name, items in sections.items() for item in items)


def write_graphml(graph: nx.Graph, path: Path) -> None:
    """GraphML for Cytoscape (and yEd, Gephi): one edge per pair of nodes, scalar attributes."""
    nx.write_graphml(scalar_graph(graph), path, named_key_ids=True)


def write_gexf(graph: nx.Graph, path: Path) -> None:
    """GEXF 1.2 for Gephi: colours, sizes and positions as viz elements, dated facts on its timeline."""
    nx.write_gexf(scalar_graph(graph, gexf=True), path, version="1.2draft")


def _node_size(data: dict) -> float:
    if data.get("kind") == "actor":
        return 10 + 6 * math.sqrt(max(int(data.get("mentions", 1)), 1))
    return 12.0


# --- HTML ---------------------------------------------------------------------------------------------


def vis_network_assets() -> tuple[str, str]:
    """The JavaScript and CSS of vis-network, from the copy that the installed ``pyvis`` package ships.

    Read from the package's files without importing it (pyvis imports IPython). The standalone build
    holds vis-data's DataSet too, and its CSS uses only data: URLs, so the page needs nothing else.
    """
    spec = importlib.util.find_spec("pyvis")
    if spec is None or not spec.submodule_search_locations:
        raise VizError("the HTML view needs the pyvis package (it ships vis-network): pip install pyvis==0.3.2")
    for location in spec.submodule_search_locations:
        folder = Path(location) / "lib" / "vis-9.1.2"
        if (folder / "vis-network.min.js").is_file():
            return (folder / "vis-network.min.js").read_text(encoding="utf-8"), (
                folder / "vis-network.css"
            ).read_text(encoding="utf-8")
    raise VizError("the installed pyvis package has no lib/vis-9.1.2/vis-network.min.js")


def html_data(graph: nx.Graph) -> dict:
    """What the page draws, as JSON: nodes and edges with labels, colours, positions and details."""
    view = graph.graph.get("view", "network")
    x_scale, y_scale = 620, 360  # pages are wider than tall
    nodes = []
    for node, data in graph.nodes(data=True):
        kind = data.get("kind", "actor")
        subtitle = (
            f"{data['type']}{' · ' + data['wikidata'] if data.get('wikidata') else ''} · "
            f"{data['mentions']} mention{'s' if data['mentions'] != 1 else ''}"
            if kind == "actor"
            else " · ".join(p for p in (data.get("type", ""), data.get("article", ""), data.get("date") or "undated") if p)
        )
        sections = [{"name": name, "items": items} for name, items in data.get("sections", {}).items() if items]
        nodes.append({
            "id": node,
            "label": short_label(data["label"], 28 if kind == "actor" else 36),
            "title": data["label"] if kind == "actor" else data.get("text", data["label"]),
            "subtitle": subtitle,
            "kind": kind,
            "group": data.get("type", ""),
            "color": data.get("color", OTHER_COLOR),
            "size": round(_node_size(data), 1),
            "x": round(data.get("x", 0.0) * x_scale, 1),
            "y": round(-data.get("y", 0.0) * y_scale, 1),
            "search": " ".join([data["label"], data.get("aliases", ""), data.get("wikidata", ""), data.get("text", "")]).lower(),
            "sections": sections,
        })  # fmt: skip
    edges = []
    seen_pairs: dict[frozenset, int] = defaultdict(int)
    for number, (u, v, data) in enumerate(drawn_edges(graph)):
        relation = data.get("relation") or data.get("role", "")
        items = data.get("items", [])
        pair = frozenset((u, v))
        bend = seen_pairs[pair]
        seen_pairs[pair] += 1
        edges.append({
            "id": f"e{number}",
            "from": u,
            "to": v,
            "label": data.get("event_types", "") if view == "network" else "",
            "roundness": round(0.08 + 0.16 * bend, 2) if view == "network" else 0.0,
            "title": f"{graph.nodes[u]['label']} {data.get('label', relation)} {graph.nodes[v]['label']}"
            if view == "network" else f"{graph.nodes[u]['label']}: {relation}",
            "relation": relation,
            "color": data.get("color", OTHER_COLOR),
            "width": round(1 + 1.5 * math.log2(1 + data.get("weight", 1)), 2),
            "arrows": view == "network" and relation != ACTED_WITH or view == "timeline",
            "dashes": relation == SAID_ABOUT,
            "sections": [{"name": f"{data.get('weight', 1)} × {data.get('label', relation)}", "items": items}] if items else [],
        })  # fmt: skip
    result = {"view": view, "title": graph.graph.get("title", "kgbuild"), "nodes": nodes, "edges": edges,
              "legend": _legend(graph), "summary": describe(graph)}  # fmt: skip
    if view == "timeline":
        # A network of facts on a date axis is unreadable: the page lists them by date instead.
        result["rows"] = _timeline_rows(graph)
        result["edges"] = []
        result["legend"]["edges"] = []
    return result


def _timeline_rows(graph: nx.Graph) -> list[dict]:
    rows = []
    by_id = {entry.iri: entry for entry in timeline(graph)}
    for iri, entry in by_id.items():
        data = graph.nodes[iri]
        roles = {graph.nodes[a]["label"]: graph.edges[a, iri]["role"] for a in graph.predecessors(iri)}
        rows.append({
            "id": iri,
            "date": entry.date or "undated",
            "kind": data["kind"],
            "type": data.get("type", ""),
            "color": data.get("color", OTHER_COLOR),
            "text": entry.text,
            "actors": [f"{label} ({role})" for label, role in roles.items()],
            "search": " ".join([entry.text, *roles]).lower(),
            "sections": [{"name": name, "items": items} for name, items in data.get("sections", {}).items()],
        })  # fmt: skip
    return rows


def _edges(graph: nx.Graph) -> Iterable[tuple[str, str, dict]]:
    if graph.is_multigraph():
        return ((u, v, d) for u, v, _, d in graph.edges(keys=True, data=True))
    return graph.edges(data=True)


def drawn_edges(graph: nx.Graph) -> list[tuple[str, str, dict]]:
    """The lines to draw: in the actor network one per pair and relation, its event types in the label.

    Parallel lines on top of each other cannot be told apart, so the "acted on" edges of one pair
    (one per event type in the graph) become one line labelled "attack, capture ×2", with their items.
    """
    if graph.graph.get("view") != "network":
        return list(_edges(graph))
    merged: dict[tuple, dict] = {}
    for u, v, data in _edges(graph):
        key = (u, v, data["relation"])
        if key not in merged:
            merged[key] = {**data, "items": list(data["items"]), "parts": [data]}
            continue
        line = merged[key]
        line["parts"].append(data)
        line["weight"] += data["weight"]
        line["items"] += [i for i in data["items"] if i not in line["items"]]
    lines = []
    for (u, v, relation), line in merged.items():
        if relation != SAID_ABOUT:
            parts = sorted(line["parts"], key=lambda p: (-p["weight"], p["event_type"]))
            line["event_types"] = ", ".join(
                _event_words(p["event_type"]) + (f" ×{p['weight']}" if p["weight"] > 1 else "") for p in parts
            )
            line["label"] = f"{relation}: {line['event_types']}"
        else:
            line["event_types"] = ""
        del line["parts"]
        lines.append((u, v, line))
    return lines


def _legend(graph: nx.Graph) -> dict:
    node_types = {}
    for _, data in graph.nodes(data=True):
        node_types.setdefault(data.get("type", ""), (data.get("color", OTHER_COLOR), data.get("kind", "actor")))
    nodes = [{"name": t, "color": c, "kind": k} for t, (c, k) in sorted(node_types.items(), key=lambda i: (i[1][1] != "actor", i[0]))]
    if graph.graph.get("view") == "timeline":  # the page lists facts; actors are named in them
        nodes = [n for n in nodes if n["kind"] != "actor"]
    relations = {}
    for _, _, data in _edges(graph):
        name = data.get("relation") or data.get("role", "")
        for part in name.split("; "):
            relations.setdefault(part, RELATION_COLORS.get(part) or ROLE_COLORS.get(part, OTHER_COLOR))
    edges = [{"name": n, "color": c, "dashes": n == SAID_ABOUT} for n, c in sorted(relations.items())]
    return {"nodes": nodes, "edges": edges, "note": "node size: mentions" if graph.graph.get("view") == "network" else ""}


def render_html(graph: nx.Graph) -> str:
    """One self-contained page: vis-network, the data and the code inline; no request leaves it."""
    script, style = vis_network_assets()
    data = json.dumps(html_data(graph), ensure_ascii=False, separators=(",", ":"))
    # Inside <script> only '</' can end the element: escape every '<' (JSON allows \u003c).
    data = data.replace("<", "\\u003c")
    title = html.escape(graph.graph.get("title", "kgbuild"))
    return (
        _PAGE.replace("@TITLE@", title)
        .replace("@VIS_CSS@", style)
        .replace("@VIS_JS@", script.replace("</script", "<\\/script"))
        .replace("@DATA@", data)
    )


def write_html(graph: nx.Graph, path: Path) -> None:
    path.write_text(render_html(graph), encoding="utf-8")


_PAGE = r"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>@TITLE@ · kgbuild</title>
<style>@VIS_CSS@</style>
<style>
  html, body { margin: 0; height: 100%; font: 14px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif; color: #222; }
  body { display: grid; grid-template-columns: 1fr 360px; grid-template-rows: auto 1fr; height: 100vh; }
  header { grid-column: 1 / 3; display: flex; flex-wrap: wrap; gap: 12px 24px; align-items: center;
           padding: 8px 14px; border-bottom: 1px solid #ddd; background: #fafafa; }
  header h1 { font-size: 17px; margin: 0; }
  header .summary { color: #666; }
  #search { padding: 5px 8px; width: 220px; border: 1px solid #bbb; border-radius: 4px; font: inherit; }
  #legend { display: flex; flex-wrap: wrap; gap: 4px 14px; align-items: center; font-size: 12.5px; }
  #legend .swatch { display: inline-block; width: 12px; height: 12px; border-radius: 50%; margin-right: 4px;
                    vertical-align: -1px; border: 1px solid rgba(0,0,0,.25); }
  #legend .square { border-radius: 2px; }
  #legend .line { display: inline-block; width: 22px; height: 0; margin-right: 4px; vertical-align: 3px;
                  border-top: 3px solid; }
  #legend .dashed { border-top-style: dashed; }
  #network { position: relative; min-height: 0; }
  #panel { overflow-y: auto; padding: 10px 14px; border-left: 1px solid #ddd; background: #fff; }
  #panel h2 { font-size: 16px; margin: 4px 0 2px; }
  #panel h3 { font-size: 13px; margin: 14px 0 4px; text-transform: uppercase; letter-spacing: .04em; color: #555; }
  #panel .subtitle, .tip .subtitle { color: #666; font-size: 12.5px; }
  #panel .item { margin: 6px 0; padding: 6px 8px; background: #f5f5f7; border-radius: 4px; }
  .meta { color: #666; font-size: 12px; }
  #panel .hint { color: #777; }
  .tip { max-width: 380px; white-space: normal; font: 13px/1.35 system-ui, sans-serif; }
  .tip .item { margin-top: 5px; }
  div.vis-tooltip { white-space: normal; }
  #notfound { color: #b5312b; font-size: 12.5px; }
  #network.list { overflow-y: auto; padding: 6px 14px; }
  .day h2 { font-size: 14px; margin: 14px 0 4px; color: #444; position: sticky; top: 0; background: #fff; padding: 2px 0; }
  .row { display: flex; gap: 8px; align-items: baseline; padding: 4px 6px; border-radius: 4px; cursor: pointer; }
  .row:hover, .row.selected { background: #f0f0f5; }
  .row .mark { flex: none; width: 11px; height: 11px; border: 1px solid #444; border-radius: 50%; transform: translateY(1px); }
  .row .mark.event { border-radius: 2px; }
  .row .who { color: #666; font-size: 12.5px; }
</style>
</head>
<body>
<header>
  <h1>@TITLE@</h1>
  <span class="summary" id="summary"></span>
  <span><input id="search" type="search" list="names" placeholder="Search actors, quotes, events" aria-label="Search">
    <datalist id="names"></datalist> <span id="notfound"></span></span>
  <div id="legend" aria-label="Legend"></div>
</header>
<div id="network"></div>
<aside id="panel"><p class="hint">Hover over an actor or a line to see what was said or done; click one to see
all its statements and events here. Drag to pan, scroll to zoom.</p></aside>
<script>@VIS_JS@</script>
<script type="application/json" id="kg-data">@DATA@</script>
<script>
(function () {
  "use strict";
  const data = JSON.parse(document.getElementById("kg-data").textContent);
  const el = (tag, className, text) => {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  };
  function itemElement(item, long) {
    const box = el("div", "item");
    box.appendChild(el("div", "text", item.text));
    box.appendChild(el("div", "meta", item.meta + (long && item.headline ? " — " + item.headline : "")));
    return box;
  }
  function tooltip(entry) {
    const tip = el("div", "tip");
    tip.appendChild(el("strong", "", entry.title));
    if (entry.subtitle) tip.appendChild(el("div", "subtitle", entry.subtitle));
    let shown = 0, total = 0;
    for (const section of entry.sections) {
      total += section.items.length;
      for (const item of section.items) {
        if (shown >= 3) break;
        tip.appendChild(itemElement(item));
        shown += 1;
      }
    }
    if (total > shown) tip.appendChild(el("div", "meta", "and " + (total - shown) + " more: click to see all"));
    return tip;
  }
  const panel = document.getElementById("panel");
  function show(entry) {
    panel.replaceChildren();
    panel.appendChild(el("h2", "", entry.title));
    if (entry.subtitle) panel.appendChild(el("div", "subtitle", entry.subtitle));
    if (!entry.sections.length) panel.appendChild(el("p", "hint", "No statement or event to show."));
    for (const section of entry.sections) {
      panel.appendChild(el("h3", "", section.name + " (" + section.items.length + ")"));
      for (const item of section.items) panel.appendChild(itemElement(item, true));
    }
  }
  if (data.view === "timeline") return timelinePage();
  const nodes = new vis.DataSet(data.nodes.map(n => ({
    id: n.id, label: n.label, title: tooltip(n), x: n.x, y: n.y, size: n.size,
    shape: n.kind === "actor" ? "dot" : "square",
    color: { background: n.color, border: "#444", highlight: { background: n.color, border: "#000" } },
    font: { size: n.kind === "actor" ? 16 : 12, strokeWidth: 3, strokeColor: "#fff" },
    borderWidth: 1,
  })));
  const edges = new vis.DataSet(data.edges.map(e => ({
    id: e.id, from: e.from, to: e.to, label: e.label, title: tooltip(e), width: e.width,
    smooth: e.roundness ? { enabled: true, type: "curvedCW", roundness: e.roundness } : { enabled: false },
    color: { color: e.color, highlight: e.color, opacity: 0.85 }, dashes: e.dashes,
    arrows: e.arrows ? { to: { enabled: true, scaleFactor: 0.6 } } : undefined,
    font: { size: 12, color: "#555", strokeWidth: 3, strokeColor: "#fff", align: "horizontal" },
  })));
  const byId = new Map(data.nodes.map(n => [n.id, n]));
  const edgeById = new Map(data.edges.map(e => [e.id, e]));
  const network = new vis.Network(document.getElementById("network"), { nodes, edges }, {
    physics: false,
    interaction: { hover: true, tooltipDelay: 120, navigationButtons: false, keyboard: true },
  });
  network.on("click", params => {
    if (params.nodes.length) show(byId.get(params.nodes[0]));
    else if (params.edges.length) show(edgeById.get(params.edges[0]));
  });
  function select(id) {
    network.selectNodes([id]);
    network.focus(id, { scale: 1.1, animation: false });
    show(byId.get(id));
  }
  // Search: an actor's label, alias or QID, or words of a quote or event.
  const search = document.getElementById("search");
  const names = document.getElementById("names");
  for (const n of data.nodes.filter(n => n.kind === "actor").sort((a, b) => a.title.localeCompare(b.title))) {
    const option = document.createElement("option");
    option.value = n.title;
    names.appendChild(option);
  }
  function find(text) {
    const wanted = text.trim().toLowerCase();
    if (!wanted) return null;
    return data.nodes.find(n => n.title.toLowerCase() === wanted)
        || data.nodes.find(n => n.kind === "actor" && n.search.includes(wanted))
        || data.nodes.find(n => n.search.includes(wanted))
        || null;
  }
  function run() {
    const found = find(search.value);
    document.getElementById("notfound").textContent = found || !search.value.trim() ? "" : "not found";
    if (found) select(found.id);
  }
  search.addEventListener("change", run);
  search.addEventListener("keydown", event => { if (event.key === "Enter") run(); });
  legendAndSummary();
  window.kgviz = { network, nodes, edges, data, select, show };

  function timelinePage() {
    // The statements and events by date; click one for its details; the search box filters them.
    const list = document.getElementById("network");
    list.className = "list";
    const rows = [];
    let day = null;
    for (const row of data.rows) {
      if (!day || day.dataset.date !== row.date) {
        day = el("section", "day");
        day.dataset.date = row.date;
        day.appendChild(el("h2", "", row.date));
        list.appendChild(day);
      }
      const line = el("div", "row");
      line.tabIndex = 0;
      const mark = el("span", "mark" + (row.kind === "statement" ? "" : " event"));
      mark.style.background = row.color;
      const body = el("div");
      body.appendChild(el("div", "text", row.text));
      body.appendChild(el("div", "who", row.actors.join(" · ")));
      line.append(mark, body);
      line.title = row.type;
      const entry = { title: row.type === "Statement" ? "Statement" : row.type, subtitle: row.date, sections: row.sections };
      line.addEventListener("click", () => {
        for (const r of rows) r.line.classList.remove("selected");
        line.classList.add("selected");
        show(entry);
      });
      day.appendChild(line);
      rows.push({ row, line, day });
    }
    panel.replaceChildren(el("p", "hint", "Click a statement or event to see its details here; " +
      "type in the box to keep only those of an actor or with some words."));
    const search = document.getElementById("search");
    search.placeholder = "Filter by actor or words";
    search.addEventListener("input", () => {
      const wanted = search.value.trim().toLowerCase();
      for (const r of rows) r.line.hidden = wanted !== "" && !r.row.search.includes(wanted);
      for (const section of list.querySelectorAll("section.day"))
        section.hidden = [...section.querySelectorAll(".row")].every(line => line.hidden);
    });
    legendAndSummary();
    window.kgviz = { data, show };
  }

  function legendAndSummary() {
  document.getElementById("summary").textContent = data.summary;
  const legend = document.getElementById("legend");
  for (const entry of data.legend.nodes) {
    const span = el("span");
    const swatch = el("span", "swatch" + (entry.kind === "actor" ? "" : " square"));
    swatch.style.background = entry.color;
    span.append(swatch, entry.name);
    legend.appendChild(span);
  }
  for (const entry of data.legend.edges) {
    const span = el("span");
    const line = el("span", "line" + (entry.dashes ? " dashed" : ""));
    line.style.borderTopColor = entry.color;
    span.append(line, entry.name);
    legend.appendChild(span);
  }
  if (data.legend.note) legend.appendChild(el("span", "meta", data.legend.note));
  }
})();
</script>
</body>
</html>
"""


# --- PNG and SVG --------------------------------------------------------------------------------------


@dataclass
class Drawing:
    """A matplotlib figure of a view and its texts (node and edge labels), for checking overlaps."""

    figure: object
    labels: list  # matplotlib Text/Annotation objects, each with a gid naming what it labels
    obstacles: list  # Bbox of each node marker, in display pixels

    def overlaps(self) -> list[tuple[str, str]]:
        """Pairs of labels (or a label and a node marker) whose boxes intersect; [] when readable."""
        renderer = self.figure.canvas.get_renderer()
        boxes = [(t.get_gid(), t.get_window_extent(renderer)) for t in self.labels if t.get_text()]
        found = []
        for i, (a, box_a) in enumerate(boxes):
            for b, box_b in boxes[i + 1 :]:
                if box_a.overlaps(box_b):
                    found.append((a, b))
            for number, marker in enumerate(self.obstacles):
                if box_a.overlaps(marker):
                    found.append((a, f"node marker {number}"))
        return found


def _wrap(label: str, width: int = 18, lines: int = 2) -> str:
    return "\n".join(textwrap.wrap(label, width, max_lines=lines, placeholder="…")) or label


def _event_words(event_type: str) -> str:
    """'PrisonerExchange' → 'prisoner exchange'."""
    words, current = [], ""
    for char in event_type:
        if char.isupper() and current:
            words.append(current)
            current = ""
        current += char.lower()
    return " ".join([*words, current])


def draw(graph: nx.Graph) -> Drawing:
    """Draw a view (with layout from ``project``) on a matplotlib figure, labels moved apart."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(13, 9.5), dpi=110)
    FigureCanvasAgg(figure)
    if graph.graph.get("view") == "timeline":
        return _draw_timeline(graph, figure)
    return _draw_network(graph, figure)


def _draw_network(graph: nx.Graph, figure) -> Drawing:
    from matplotlib.lines import Line2D
    from matplotlib.patches import FancyArrowPatch

    ax = figure.add_axes((0.01, 0.09, 0.98, 0.84))
    ax.set_axis_off()
    ax.set_xlim(-1.22, 1.22)
    ax.set_ylim(-1.2, 1.12)
    position = {n: (d.get("x", 0.0), d.get("y", 0.0)) for n, d in graph.nodes(data=True)}
    radius = {n: 0.45 * _node_size(d) for n, d in graph.nodes(data=True)}  # points
    view = graph.graph.get("view")

    groups: dict[frozenset, list] = defaultdict(list)
    for u, v, data in drawn_edges(graph):
        groups[frozenset((u, v))].append((u, v, data))
    edge_labels = []
    for pair_edges in groups.values():
        for number, (u, v, data) in enumerate(pair_edges):
            relation = data.get("relation") or data.get("role", "")
            rad = 0.08 + 0.16 * number if len(pair_edges) > 1 or view == "network" else 0.0
            if view == "network" and u > v:  # the same side of the line, whichever way the edge goes
                rad = -rad
            directed = view == "network" and relation != ACTED_WITH
            ax.add_patch(
                FancyArrowPatch(
                    position[u], position[v], connectionstyle=f"arc3,rad={rad}",
                    arrowstyle="-|>" if directed else "-", mutation_scale=13,
                    linewidth=0.8 + 1.2 * math.log2(1 + data.get("weight", 1)), color=data.get("color", OTHER_COLOR),
                    linestyle=(0, (4, 2.5)) if relation == SAID_ABOUT else "-", alpha=0.75,
                    shrinkA=radius[u] + 1, shrinkB=radius[v] + 2, zorder=1,
                )
            )  # fmt: skip
            if view == "network" and data.get("event_types"):
                (x1, y1), (x2, y2) = ax.transData.transform(position[u]), ax.transData.transform(position[v])
                mid = ((x1 + x2) / 2 + rad * (y2 - y1) / 2, (y1 + y2) / 2 - rad * (x2 - x1) / 2)
                mid = tuple(ax.transData.inverted().transform(mid))
                text = _wrap(data["event_types"], 28, 3)
                label = ax.annotate(
                    text, xy=mid, xytext=(0, 0), textcoords="offset points", ha="center", va="center",
                    fontsize=8, fontstyle="italic", color="#5a1d1a" if relation == ACTED_ON else "#444",
                    bbox={"boxstyle": "round,pad=0.12", "fc": "white", "ec": "none", "alpha": 0.85}, zorder=3,
                )  # fmt: skip
                label.set_gid(f"edge {graph.nodes[u]['label']} → {graph.nodes[v]['label']}: {text}")
                edge_labels.append(label)

    for kind, marker in (("actor", "o"), ("event", "s"), ("statement", "D")):
        nodes = [n for n, d in graph.nodes(data=True) if d.get("kind", "actor") == kind]
        if nodes:
            ax.scatter(
                [position[n][0] for n in nodes], [position[n][1] for n in nodes],
                s=[(2 * radius[n]) ** 2 for n in nodes], c=[graph.nodes[n].get("color", OTHER_COLOR) for n in nodes],
                marker=marker, edgecolors="#333", linewidths=0.8, zorder=2,
            )  # fmt: skip
    node_labels = []
    for node, data in graph.nodes(data=True):
        actor = data.get("kind", "actor") == "actor"
        label = ax.annotate(
            _wrap(data["label"], 18 if actor else 22), xy=position[node], xytext=(0, -radius[node] - 2),
            textcoords="offset points", ha="center", va="top", fontsize=10.5 if actor else 8.5,
            fontweight="bold" if actor and data.get("mentions", 0) >= 3 else "normal",
            bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.8}, zorder=4,
            arrowprops=None,
        )  # fmt: skip
        label.set_gid(f"node {data['label']}")
        node_labels.append(label)

    figure.canvas.draw()
    pixels = figure.dpi / 72
    obstacles = [_marker_box(ax, position[n], radius[n] * pixels) for n in graph]
    labels = node_labels + edge_labels
    _separate(figure, ax, labels, obstacles)
    for label, node in zip(node_labels, graph):
        _leader(label, radius[node])

    handles = []
    for entry in _legend(graph)["nodes"]:
        marker = "o" if entry["kind"] == "actor" else "s"
        handles.append(Line2D([], [], marker=marker, linestyle="", markersize=10, markerfacecolor=entry["color"],
                              markeredgecolor="#333", label=_event_words(entry["name"]) if entry["kind"] == "event" else entry["name"]))  # fmt: skip
    for entry in _legend(graph)["edges"]:
        handles.append(Line2D([], [], color=entry["color"], linewidth=2, linestyle="--" if entry["dashes"] else "-", label=entry["name"]))
    note = _legend(graph)["note"]
    figure.legend(handles=handles, loc="lower center", ncol=min(len(handles), 8), frameon=False, fontsize=10,
                  title=note or None, title_fontsize=9)  # fmt: skip
    figure.suptitle(f"{graph.graph.get('title', '')} ({describe(graph)})", fontsize=14, y=0.975)
    return Drawing(figure, labels, obstacles)


def _marker_box(ax, xy, radius_pixels: float):
    from matplotlib.transforms import Bbox

    x, y = ax.transData.transform(xy)
    r = radius_pixels * 0.92
    return Bbox.from_extents(x - r, y - r, x + r, y + r)


def _separate(figure, ax, labels: list, obstacles: list, rounds: int = 400, pad: float = 2.0) -> None:
    """Move labels (their offsets, in points) until no two overlap and none covers a node marker."""
    renderer = figure.canvas.get_renderer()
    to_points = 72 / figure.dpi
    frame = ax.get_window_extent(renderer)
    for _ in range(rounds):
        boxes = [label.get_window_extent(renderer).padded(pad) for label in labels]
        moves = [[0.0, 0.0] for _ in labels]
        clash = False
        for i, a in enumerate(boxes):
            for j in range(i + 1, len(boxes)):
                b = boxes[j]
                if not a.overlaps(b):
                    continue
                clash = True
                dx, dy = _push(a, b)
                moves[i][0] += dx / 2
                moves[i][1] += dy / 2
                moves[j][0] -= dx / 2
                moves[j][1] -= dy / 2
            for marker in obstacles:
                if a.overlaps(marker):
                    clash = True
                    dx, dy = _push(a, marker)
                    moves[i][0] += dx
                    moves[i][1] += dy
        for label, box, (dx, dy) in zip(labels, boxes, moves):
            # Keep labels inside the axes.
            dx += max(0.0, frame.x0 - (box.x0 + dx)) - max(0.0, (box.x1 + dx) - frame.x1)
            dy += max(0.0, frame.y0 - (box.y0 + dy)) - max(0.0, (box.y1 + dy) - frame.y1)
            if dx or dy:
                x, y = label.xyann
                label.xyann = (x + dx * to_points, y + dy * to_points)
        if not clash:
            return


def _push(a, b) -> tuple[float, float]:
    """The smallest move of box a (pixels, plus one) that takes it off box b, along x or y."""
    overlap_x = min(a.x1, b.x1) - max(a.x0, b.x0)
    overlap_y = min(a.y1, b.y1) - max(a.y0, b.y0)
    if overlap_y * 1.6 <= overlap_x:  # prefer vertical moves: labels are wider than tall
        return 0.0, (overlap_y + 1) * (1 if (a.y0 + a.y1) >= (b.y0 + b.y1) else -1)
    return (overlap_x + 1) * (1 if (a.x0 + a.x1) >= (b.x0 + b.x1) else -1), 0.0


def _leader(label, radius_points: float) -> None:
    """A thin line from a label that had to move far back to its node."""
    x, y = label.xyann
    if math.hypot(x, y + radius_points + 2) > radius_points + 14:
        label.arrow_patch = None
        label.arrowprops = {"arrowstyle": "-", "color": "#999", "linewidth": 0.6, "shrinkA": 0, "shrinkB": radius_points}
        label._arrow_relpos = (0.5, 0.5)
        from matplotlib.patches import FancyArrowPatch

        label.arrow_patch = FancyArrowPatch((0, 0), (1, 1), **label.arrowprops)


TIMELINE_ROWS = 60


def _draw_timeline(graph: nx.Graph, figure) -> Drawing:
    """One row per dated fact, top to bottom by date: a marker on the date axis, then who and what."""
    import matplotlib.dates as mdates
    from matplotlib.lines import Line2D

    rows = []
    for node, data in graph.nodes(data=True):
        if data.get("kind") == "actor" or not data.get("date"):
            continue
        doers = [a for a in graph.predecessors(node) if set(graph.edges[a, node]["role"].split("; ")) & {"speaker", "agent"}]
        doers = doers or [a for a in graph.predecessors(node) if "participant" in graph.edges[a, node]["role"]]
        who = ", ".join(short_label(graph.nodes[a]["label"], 24) for a in doers[:3]) or "(no actor)"
        if data["kind"] == "statement":
            what = "“" + short_label(data["text"].split("“", 1)[-1].rstrip("”"), 70) + "”"
        else:
            what = short_label(data["text"].split(": ", 1)[0].replace(data["event_type"], _event_words(data["event_type"]), 1), 70)
        rows.append((data["date"], data["article"], node, f"{who}: {what}", data))
    rows.sort(key=lambda r: (r[0], r[1], r[2]))
    undated = sum(1 for _, d in graph.nodes(data=True) if d.get("kind") != "actor" and not d.get("date"))
    hidden = max(len(rows) - TIMELINE_ROWS, 0)
    rows = rows[:TIMELINE_ROWS]
    height = max(3.5, 1.6 + 0.28 * len(rows))
    figure.set_size_inches(13, height)
    ax = figure.add_axes((0.03, 1.1 / height, 0.94, 1 - 1.75 / height))
    ax.set_ylim(len(rows) - 0.4, -0.6)
    ax.set_yticks([])
    ax.spines[["top", "right", "left"]].set_visible(False)
    ax.grid(axis="x", color="#e6e6e6")
    days = sorted({datetime.date.fromisoformat(r[0]) for r in rows})
    if days:
        span = max((days[-1] - days[0]).days, 1)
        ax.set_xlim(mdates.date2num(days[0]) - 0.04 * span - 0.3, mdates.date2num(days[-1]) + 1.25 * span + 2)
        ax.set_xticks([mdates.date2num(d) for d in days], [d.isoformat() for d in days])
        for tick in ax.get_xticklabels():
            tick.set_rotation(30)
            tick.set_horizontalalignment("right")
    labels = []
    for y, (date, _, node, text, data) in enumerate(rows):
        x = mdates.date2num(datetime.date.fromisoformat(date))
        ax.scatter([x], [y], marker="o" if data["kind"] == "statement" else "s", s=55, c=data["color"],
                   edgecolors="#333", linewidths=0.7, zorder=3)  # fmt: skip
        label = ax.annotate(text, xy=(x, y), xytext=(8, 0), textcoords="offset points", ha="left", va="center",
                            fontsize=9, zorder=4)  # fmt: skip
        label.set_gid(f"fact {node}")
        labels.append(label)
    figure.canvas.draw()
    handles = [Line2D([], [], marker="o", linestyle="", markersize=8, markerfacecolor=STATEMENT_COLOR, markeredgecolor="#333", label="statement")]
    for event_type in sorted({r[4]["event_type"] for r in rows if r[4]["kind"] == "event"}):
        handles.append(Line2D([], [], marker="s", linestyle="", markersize=8, markerfacecolor=EVENT_COLORS.get(event_type, OTHER_COLOR),
                              markeredgecolor="#333", label=_event_words(event_type)))  # fmt: skip
    figure.legend(handles=handles, loc="lower center", ncol=min(len(handles), 9), frameon=False, fontsize=9)
    notes = [f"{len(rows)} dated facts"] + ([f"{hidden} more not shown"] if hidden else []) + (
        [f"{undated} undated not shown"] if undated else [])
    figure.suptitle(f"{graph.graph.get('title', '')} ({', '.join(notes)})", fontsize=13)
    return Drawing(figure, labels, [])


def write_image(graph: nx.Graph, path: Path) -> None:
    """PNG or SVG (by the file's suffix; PNG if none), with text kept as text in SVG."""
    import matplotlib

    image_format = path.suffix.lstrip(".").lower() or "png"
    if image_format not in {"png", "svg"}:
        image_format = "png"
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "kgbuild"}):
        drawing = draw(graph)
        metadata = {"Date": None} if image_format == "svg" else {"Software": "kgbuild"}
        drawing.figure.savefig(path, format=image_format, dpi=110, metadata=metadata, facecolor="white")
