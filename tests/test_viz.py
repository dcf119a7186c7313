"""Pictures of the graph: projections, filters and writers on hand-built facts; the reference article
in a real headless Chromium with the network cut off, and its picture."""

from __future__ import annotations

import dataclasses
import datetime
import json
import re
import shutil
import tempfile
import time
from pathlib import Path

import networkx as nx
import pytest

from conftest import SEED_ARTICLE, make_facts
from kgbuild import cli, viz
from kgbuild.queries import PARAM_LINE
from kgbuild.rdf import to_rdf
from kgbuild.resources import queries_dir
from kgbuild.store import Store

LOPEZ = "https://w3id.org/kgbuild/id/actor/person/ana-lopez"
NORTHLAND = "https://w3id.org/kgbuild/id/actor/Q999001"
EASTPORT = "https://w3id.org/kgbuild/id/actor/place/eastport"


def facts_of(article_id: str, day: datetime.date, quote_about=("Q999001",)):
    """The sample article, its statement about Northland, everything dated ``day``."""
    facts = make_facts(article_id)
    statement = dataclasses.replace(facts.statements[0], about=quote_about, date=day)
    event = dataclasses.replace(facts.events[0], date=day)
    return dataclasses.replace(facts, statements=(statement,), events=(event,))


@pytest.fixture
def store():
    store = Store()
    store.replace_article(to_rdf(facts_of("first", datetime.date(2025, 5, 23))))
    store.replace_article(to_rdf(facts_of("second", datetime.date(2025, 5, 24))))
    return store


def labels(graph) -> set[str]:
    return {data["label"] for _, data in graph.nodes(data=True)}


def edges(graph) -> set[tuple[str, str, str]]:
    return {(graph.nodes[u]["label"], key, graph.nodes[v]["label"]) for u, v, key in graph.edges(keys=True)}


# --- projections -------------------------------------------------------------------------------------


def test_viz_network_nodes_are_actors_with_label_type_colour_and_mentions(store):
    graph = viz.project(store, "network")
    assert set(graph) == {LOPEZ, NORTHLAND, EASTPORT}
    northland = graph.nodes[NORTHLAND]
    assert (northland["label"], northland["type"], northland["wikidata"], northland["mentions"]) == (
        "Northland", "State", "Q999001", 2,
    )  # fmt: skip
    assert northland["color"] == viz.TYPE_COLORS["State"] != graph.nodes[LOPEZ]["color"]
    assert graph.nodes[LOPEZ]["aliases"] == "Lopez"
    assert all(-1 <= data["x"] <= 1 and -1 <= data["y"] <= 1 for _, data in graph.nodes(data=True))


def test_viz_network_edges_said_about_and_acted_on_weighted_with_quotes_and_articles(store):
    graph = viz.project(store, "network")
    assert edges(graph) == {("Ana Lopez", "said about", "Northland"), ("Northland", "acted on: Attack", "Eastport")}
    said = graph.edges[LOPEZ, NORTHLAND, "said about"]
    assert said["weight"] == 2
    assert [(i["text"], i["article"], i["date"]) for i in said["items"]] == [
        ("Ana Lopez: “We will talk.”", "first", "2025-05-23"),
        ("Ana Lopez: “We will talk.”", "second", "2025-05-24"),
    ]
    attack = graph.edges[NORTHLAND, EASTPORT, "acted on: Attack"]
    assert (attack["relation"], attack["event_type"], attack["weight"]) == ("acted on", "Attack", 2)
    assert attack["items"][0]["text"] == "Attack “shelled”: Northland → Eastport, in Eastport; 12 injured"


def test_viz_network_node_sections_list_what_an_actor_said_and_did(store):
    graph = viz.project(store, "network")
    lopez = graph.nodes[LOPEZ]["sections"]
    assert [i["text"] for i in lopez["Said"]] == ["“We will talk.”", "“We will talk.”"]
    northland = graph.nodes[NORTHLAND]["sections"]
    assert len(northland["Said about it"]) == 2 and len(northland["Events"]) == 2
    assert northland["Events"][0]["meta"] == "first · 2025-05-23 · as agent"


def test_viz_network_acted_with_links_agents_and_participants_once(store):
    facts = make_facts("talks")
    talks = dataclasses.replace(
        facts.events[0], event_type="Talks", agents=(), targets=(), participants=("Q999001", "person/ana-lopez")
    )
    store.replace_article(to_rdf(dataclasses.replace(facts, events=(talks,))))
    graph = viz.project(store, "network", viz.Filters(article="talks"))
    assert edges(graph) == {("Ana Lopez", "acted with: Talks", "Northland")}


def test_viz_network_leaves_out_unlinked_actors_unless_asked(store):
    store.replace_article(to_rdf(facts_of("third", datetime.date(2025, 5, 25), quote_about=())))
    only_third = viz.Filters(article="third")
    assert labels(viz.project(store, "network", only_third)) == {"Northland", "Eastport"}
    everyone = dataclasses.replace(only_third, include_isolated=True)
    assert labels(viz.project(store, "network", everyone)) == {"Northland", "Eastport", "Ana Lopez"}


def test_viz_filter_by_article(store):
    graph = viz.project(store, "network", viz.Filters(article="second"))
    assert graph.edges[LOPEZ, NORTHLAND, "said about"]["weight"] == 1
    assert graph.nodes[NORTHLAND]["mentions"] == 1
    assert len(viz.project(store, "network", viz.Filters(article="nope"))) == 0


def test_viz_filter_by_dates(store):
    since = viz.project(store, "network", viz.Filters(since=datetime.date(2025, 5, 24)))
    assert {i["article"] for i in since.edges[LOPEZ, NORTHLAND, "said about"]["items"]} == {"second"}
    until = viz.timeline(store, viz.Filters(until=datetime.date(2025, 5, 23)))
    assert {e.date for e in until} == {"2025-05-23"} and {e.article for e in until} == {"first"}
    assert len(viz.project(store, "network", viz.Filters(since=datetime.date(2026, 1, 1)))) == 0


@pytest.mark.parametrize(
    ("types", "expected"),
    [(("Attack",), {"acted on: Attack"}), (("statement",), {"said about"}), (("Talks",), set())],
)
def test_viz_filter_by_type(store, types, expected):
    graph = viz.project(store, "network", viz.Filters(types=types))
    assert {key for _, _, key in graph.edges(keys=True)} == expected


@pytest.mark.parametrize(("actor", "depth", "expected"), [
    ("Lopez", 1, {"Ana Lopez", "Northland"}),
    ("ana lopez", 2, {"Ana Lopez", "Northland", "Eastport"}),
    ("Q999001", 1, {"Ana Lopez", "Northland", "Eastport"}),
    ("Eastport", 0, {"Eastport"}),
])  # fmt: skip
def test_viz_filter_by_actor_and_its_neighbourhood(store, actor, depth, expected):
    assert labels(viz.project(store, "network", viz.Filters(actor=actor, depth=depth))) == expected


def test_viz_title_names_the_filters(store):
    assert viz.project(store).graph["title"] == "Actor network"
    filters = viz.Filters(actor="Lopez", depth=2, article="first", since=datetime.date(2025, 5, 1), types=("Attack",))
    assert viz.project(store, "timeline", filters).graph["title"] == (
        "Timeline: Lopez and neighbours to depth 2, article first, from 2025-05-01, Attack"
    )


def test_viz_unknown_actor_view_or_format_is_an_error(store, tmp_path):
    with pytest.raises(viz.VizError, match="no actor matches 'Nobody'"):
        viz.project(store, "network", viz.Filters(actor="Nobody"))
    with pytest.raises(viz.VizError, match="unknown view 'map'"):
        viz.project(store, "map")
    with pytest.raises(viz.VizError, match="unknown format 'pdf'"):
        viz.write(viz.project(store), "pdf", tmp_path / "x.pdf")


def test_viz_bipartite_links_actors_to_events_by_role(store):
    graph = viz.project(store, "bipartite", viz.Filters(article="first"))
    event = "https://w3id.org/kgbuild/id/article/first/event/1"
    assert {n for n, d in graph.nodes(data=True) if d["bipartite"] == 1} == {event}
    assert graph.nodes[event]["label"] == "Attack: shelled"
    assert graph.edges[NORTHLAND, event]["role"] == "agent"
    assert graph.edges[EASTPORT, event]["role"] == "target; place"
    assert LOPEZ not in graph  # she only speaks
    assert nx.is_bipartite(graph)


def test_viz_timeline_lists_statements_and_events_by_date(store):
    entries = viz.timeline(store)
    assert [(e.date, e.kind, e.article) for e in entries] == [
        ("2025-05-23", "Attack", "first"),
        ("2025-05-23", "statement", "first"),
        ("2025-05-24", "Attack", "second"),
        ("2025-05-24", "statement", "second"),
    ]
    assert set(entries[1].actors) == {"Ana Lopez", "Northland"}
    graph = viz.project(store, "timeline")
    assert graph.nodes[entries[0].iri]["date"] == "2025-05-23"


# --- writers -------------------------------------------------------------------------------------------


def scalar(value) -> bool:
    return isinstance(value, (str, int, float)) and not isinstance(value, bool)


@pytest.mark.parametrize("view", viz.VIEWS)
def test_viz_graphml_and_gexf_load_back_with_the_same_counts_and_scalar_attributes(store, tmp_path, view):
    graph = viz.project(store, view)
    exported = viz.scalar_graph(graph)
    pairs = {frozenset((u, v)) if not graph.is_directed() else (u, v) for u, v in graph.edges()}
    assert exported.number_of_edges() == len(pairs)
    loaded = {
        "graphml": nx.read_graphml(viz.write(graph, "graphml", tmp_path / "g.graphml")),
        "gexf": nx.read_gexf(viz.write(graph, "gexf", tmp_path / "g.gexf")),
    }
    for name, back in loaded.items():
        assert (back.number_of_nodes(), back.number_of_edges()) == (len(graph), exported.number_of_edges()), name
        for _, data in back.nodes(data=True):
            # GEXF's own viz element (colour, size, position) comes back as a dict; attributes are scalar.
            assert all(scalar(v) for k, v in data.items() if k != "viz"), (name, data)
        for _, _, data in back.edges(data=True):
            assert all(scalar(v) for v in data.values()), (name, data)
    graphml = loaded["graphml"]
    assert {d["label"] for _, d in graphml.nodes(data=True)} >= {"Northland", "Eastport"}
    if view == "network":
        edge = graphml.edges[NORTHLAND, EASTPORT]
        assert (edge["relations"], edge["weight"], edge["acted_on"]) == ("acted on: Attack", 2, 2)
        assert "12 injured" in edge["details"]
    if view == "timeline":
        gexf = (tmp_path / "g.gexf").read_text(encoding="utf-8")
        assert 'mode="dynamic"' in gexf and 'start="2025-05-23"' in gexf


def test_viz_html_is_one_offline_file_with_labels_and_quotes(store, tmp_path):
    page = viz.write(viz.project(store), "html", tmp_path / "network.html").read_text(encoding="utf-8")
    assert not re.search(r"""<(script|link|img|iframe)[^>]+(src|href)\s*=""", page, re.I), "nothing to fetch"
    assert "@import" not in page and "vis.Network" in page
    data = json.loads(re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.S)[1])
    by_label = {n["label"]: n for n in data["nodes"]}
    assert set(by_label) == {"Ana Lopez", "Northland", "Eastport"}
    assert by_label["Ana Lopez"]["sections"][0]["items"][0]["text"] == "“We will talk.”"
    said = next(e for e in data["edges"] if e["relation"] == "said about")
    assert [i["article"] for i in said["sections"][0]["items"]] == ["first", "second"]
    assert {e["name"] for e in data["legend"]["nodes"]} == {"Person", "State", "Place"}


def test_viz_html_quotes_cannot_end_the_script():
    facts = facts_of("x", datetime.date(2025, 5, 24))
    words = dataclasses.replace(facts.statements[0].content, text="</script><b>!")
    store = Store()
    store.replace_article(to_rdf(dataclasses.replace(
        facts, statements=(dataclasses.replace(facts.statements[0], content=words),)
    )))  # fmt: skip
    page = viz.render_html(viz.project(store))
    block = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.S)[1]
    assert "<" not in block and "\\u003c/script>\\u003cb>!" in block
    quotes = [i["text"] for n in json.loads(block)["nodes"] for s in n["sections"] for i in s["items"]]
    assert "“</script><b>!”" in quotes


@pytest.mark.parametrize("view", viz.VIEWS)
def test_viz_png_and_svg_are_pictures_with_readable_labels(store, tmp_path, view):
    graph = viz.project(store, view)
    assert viz.draw(graph).overlaps() == []
    png = viz.write(graph, "png", tmp_path / "g.png").read_bytes()
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 10_000
    svg = viz.write(graph, "svg", tmp_path / "g.svg").read_text(encoding="utf-8")
    assert svg.lstrip().startswith("<?xml") and "Northland" in svg  # text kept as text


def test_viz_queries_declare_their_parameters_and_use_declared_terms():
    from kgbuild import vocabgen

    declared = vocabgen.declared_terms()
    for name in ("viz-actors", "viz-statements", "viz-events"):
        query = viz.viz_query(name)
        text = query.text
        used = set(re.findall(r"\bkg:([A-Za-z_]\w*)", text))
        assert used and used <= declared, (name, used - declared)
        declared_params = {m["name"] for m in map(PARAM_LINE.match, text.splitlines()) if m}
        assert declared_params == set(re.findall(r"param:(\w+)\(\)", text)), name
    assert (queries_dir() / "viz" / "viz-events.rq").is_file() or (queries_dir() / "viz-events.rq").is_file()


# --- the command -----------------------------------------------------------------------------------------


def test_viz_command_writes_each_format(tmp_path, monkeypatch):
    from click.testing import CliRunner

    store_path = tmp_path / "store"
    store = Store(store_path)
    store.replace_article(to_rdf(facts_of("first", datetime.date(2025, 5, 23))))
    del store
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    command = cli.main
    result = runner.invoke(command, ["viz", "--store", str(store_path)])
    assert result.exit_code == 0, result.output
    assert result.output == "wrote kg-network.html: 3 actors, 2 edges\n"
    assert (tmp_path / "kg-network.html").is_file()
    for view, fmt in [("bipartite", "gexf"), ("timeline", "svg"), ("network", "graphml"), ("network", "png")]:
        args = ["viz", "--store", str(store_path), "--view", view, "--format", fmt, "-o", f"out.{fmt}"]
        result = runner.invoke(command, args)
        assert result.exit_code == 0 and (tmp_path / f"out.{fmt}").stat().st_size > 0, result.output
    filtered = ["viz", "--store", str(store_path), "--actor", "Lopez", "--since", "2025-05-01", "--type", "Statement",
                "--format", "graphml", "-o", "lopez.graphml"]  # fmt: skip
    result = runner.invoke(command, filtered)
    assert result.output == "wrote lopez.graphml: 2 actors, 1 edge\n"
    result = runner.invoke(command, ["viz", "--store", str(store_path), "--actor", "Nobody"])
    assert result.exit_code == 2 and "Error: no actor matches 'Nobody'" in result.output


# --- the reference article --------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def reference_store(tmp_path_factory):
    from kgbuild.build import build

    store = Store(tmp_path_factory.mktemp("viz") / "store")
    summary = build([SEED_ARTICLE], store, published=datetime.date(2025, 5, 24))
    assert summary.built == 1
    return store


@pytest.mark.model
@pytest.mark.skipif(not SEED_ARTICLE.exists(), reason="the shared reference article is not here")
def test_viz_reference_network_shows_who_spoke_about_and_acted_on_whom(reference_store):
    graph = viz.project(reference_store, "network")
    found = edges(graph)
    assert {
        ("Volodymyr Zelenskyy", "said about", "Russia"),
        ("Russia", "acted on: Attack", "Kyiv"),
        ("Russia", "acted on: Capture", "Rakivka"),
        ("European Union", "acted on: Sanctions", "Russia"),
        ("Donald Trump", "acted with: PhoneCall", "Vladimir Putin"),
    } <= found
    assert {"Volodymyr Zelenskyy", "Donald Trump", "Russia", "Ukraine"} <= labels(graph)
    assert max(graph.nodes[n]["mentions"] for n in graph) == graph.nodes["https://w3id.org/kgbuild/id/actor/Q159"]["mentions"]


@pytest.mark.model
@pytest.mark.skipif(not SEED_ARTICLE.exists(), reason="the shared reference article is not here")
@pytest.mark.parametrize("view", viz.VIEWS)
def test_viz_reference_pictures_have_no_overlapping_labels(reference_store, view, tmp_path):
    graph = viz.project(reference_store, view)
    drawing = viz.draw(graph)
    assert drawing.overlaps() == []
    assert len(drawing.labels) >= (len(graph) if view != "timeline" else 20)
    viz.write(graph, "png", tmp_path / f"{view}.png")


# --- the page in a real browser, offline --------------------------------------------------------------------

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"


@pytest.fixture(scope="module")
def browser():
    if not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()):
        pytest.skip("needs Debian's chromium and chromium-driver (apt-get install chromium chromium-driver)")
    selenium = pytest.importorskip("selenium", reason="needs the selenium package (test extra)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    del selenium
    profile = tempfile.mkdtemp(prefix="kgbuild-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in (
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", f"--user-data-dir={profile}", "--window-size=1400,900",
        # No request can leave: every one goes to a proxy on a closed local port...
        "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>",
    ):  # fmt: skip
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)  # the driver named: nothing downloaded
    # ...and the browser is told it is offline.
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd(
        "Network.emulateNetworkConditions",
        {"offline": True, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1},
    )
    yield driver
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)


def node_point(driver, label: str) -> tuple[float, float]:
    """Where the node labelled ``label`` is drawn, relative to the centre of the canvas."""
    return driver.execute_script(
        """const node = kgviz.data.nodes.find(n => n.title === arguments[0]);
        const at = kgviz.network.canvasToDOM(kgviz.network.getPositions([node.id])[node.id]);
        const box = document.querySelector('#network canvas').getBoundingClientRect();
        return [at.x - box.width / 2, at.y - box.height / 2];""",
        label,
    )


@pytest.mark.browser
@pytest.mark.model
@pytest.mark.skipif(not SEED_ARTICLE.exists(), reason="the shared reference article is not here")
def test_viz_browser_offline_page_shows_quotes_on_hover_and_click(reference_store, browser, tmp_path):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    page = viz.write(viz.project(reference_store, "network"), "html", tmp_path / "network.html")
    browser.get(page.as_uri())
    names = browser.execute_script("return kgviz.nodes.get().map(n => n.label)")
    assert {"Volodymyr Zelenskyy", "Donald Trump", "Russia", "Ukraine"} <= set(names)
    assert not [n for n in names if n.startswith("http")], "labels, not IRIs"

    canvas = browser.find_element(By.CSS_SELECTOR, "#network canvas")
    # Hover over Zelenskyy: the tooltip shows his quote with its article and date.
    x, y = node_point(browser, "Volodymyr Zelenskyy")
    ActionChains(browser).move_to_element_with_offset(canvas, int(x), int(y)).perform()
    deadline = time.time() + 5
    tooltip = ""
    while time.time() < deadline and "Tomorrow we expect more" not in tooltip:
        time.sleep(0.1)
        tooltip = browser.execute_script(
            "const t = document.querySelector('div.vis-tooltip');"
            "return t && t.style.visibility !== 'hidden' ? t.innerText : ''"
        )
    assert "Tomorrow we expect more" in tooltip and "prisoner-swap · 2025-05-24" in tooltip

    # Click Trump: the panel lists his statements, the Truth Social message among them, and his call.
    x, y = node_point(browser, "Donald Trump")
    ActionChains(browser).move_to_element_with_offset(canvas, int(x), int(y)).click().perform()
    panel = browser.find_element(By.ID, "panel").text
    assert panel.startswith("Donald Trump")
    assert "Congratulations to both sides on this negotiation" in panel and "Truth Social" in panel
    assert "PhoneCall “speaking”" in panel

    # The search box finds an actor by its alias and shows it.
    search = browser.find_element(By.ID, "search")
    search.send_keys("Zelenskyy", Keys.ENTER)
    assert "Our goal is to return each and every one of us" in browser.find_element(By.ID, "panel").text

    # The page asked for nothing but itself (only file:/data: resources, if any) and logged no error...
    resources = browser.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
    assert [r for r in resources if not r.startswith(("file:", "data:", "blob:"))] == []
    assert [e for e in browser.get_log("browser") if e["level"] == "SEVERE"] == []
    # ...and it ran with the network really cut off: a request to the outside fails from it.
    outside = browser.execute_async_script(
        """const done = arguments[arguments.length - 1];
        fetch('http://example.org/', {mode: 'no-cors', cache: 'no-store'}).then(() => done('reached'), () => done('failed'));"""
    )
    assert outside == "failed"


def test_viz_html_timeline_lists_facts_by_date(store):
    data = viz.html_data(viz.project(store, "timeline"))
    assert [(r["date"], r["kind"]) for r in data["rows"]] == [
        ("2025-05-23", "event"), ("2025-05-23", "statement"), ("2025-05-24", "event"), ("2025-05-24", "statement"),
    ]  # fmt: skip
    assert data["rows"][1]["text"] == "Ana Lopez: “We will talk.”"
    assert "Ana Lopez (speaker)" in data["rows"][1]["actors"] and data["edges"] == []
    assert "timelinePage" in viz.render_html(viz.project(store, "timeline"))
