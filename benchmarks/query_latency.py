"""Benchmark 2: query latency of who-said-what and who-did-what on a store of >= 1,000,000 triples,
embedded Oxigraph versus rdflib's in-memory graph on the same data (and Oxigraph's server over HTTP).

The big store is the built corpus copied under new article ids until it holds --triples triples.
Latency is the whole ``run_query`` call (parameters bound, every row read), the median of --repeat runs
after one warm-up; rdflib runs the same query text with the parameters written in as terms.

    .venv/bin/kgbuild build ../shared/eval/polnear/train/text --store CORPUS_STORE --workers 2
    .venv/bin/python benchmarks/query_latency.py CORPUS_STORE [--triples 1000000] [--repeat 5]
    .venv/bin/python benchmarks/query_latency.py BIG_STORE --as-is --no-rdflib   # time a big store as it is
    .venv/bin/python benchmarks/query_latency.py BIG_STORE --as-is --speakers --no-rdflib --no-server

--speakers also times who-said-what for one speaker at a time (by QID, or by label for actors without
one): every speaker with at least 20 statements and 20 drawn at random (seed 0) from each band of
fewer (1, 2-4, 5-19 statements), then prints how latency grows with the number of rows and which share
of all speakers is answered within 200 ms.
"""

from __future__ import annotations

import argparse
import math
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import command_line  # noqa: E402
from _replicate import replicate  # noqa: E402

CASES = [
    ("who-said-what", {}),
    ("who-said-what", {"actor": "Trump"}),
    ("who-said-what", {"actor": "Q22686"}),
    ("who-did-what", {}),
    ("who-did-what", {"type": "Attack"}),
]


def _timeout(signum, frame):
    raise TimeoutError


def timed(function, repeat: int) -> tuple[float, float, int]:
    rows = len(function())  # warm-up
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000, min(times) * 1000, rows


def one(store_dir: str, name: str, params_json: str, repeat: int, endpoint: str | None) -> None:
    """Child mode: time one query on one store and print median, min (ms) and rows as JSON.

    ``endpoint`` "materialized": the store's default graph holds the set union of its article graphs
    (see --materialized) and the query reads that default graph instead of Oxigraph's union."""
    import json

    from kgbuild.queries import load_query, run_query
    from kgbuild.remote import HttpClient, RemoteStore
    from kgbuild.store import EmbeddedStore

    if endpoint == "materialized":
        store = EmbeddedStore(store_dir, read_only=True)
        union_query = store._run
        store._run = lambda sparql, **options: union_query(sparql, **{**options, "use_default_graph_as_union": False})
    elif endpoint:
        store = RemoteStore(endpoint, default_graph="union", client=HttpClient(retries=0))
    else:
        store = EmbeddedStore(store_dir, read_only=True)
    query, params = load_query(name), json.loads(params_json)
    print(json.dumps(timed(lambda: run_query(store, query, params).rows, repeat)))


def run_one(store_dir, name, params, repeat, timeout, endpoint=None):
    """Time a query in a child process; None if it does not finish within ``timeout`` seconds."""
    import json

    command = [sys.executable, __file__, "--one", str(store_dir), name, json.dumps(params), str(repeat), endpoint or ""]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None
    if done.returncode != 0:
        raise SystemExit(done.stderr)
    return json.loads(done.stdout)


def report(label: str, figures, timeout: int, extra: str = "") -> None:
    if figures is None:
        print(f"{label:<40} {'> ' + str(timeout) + ' s':>16} (gave up)", flush=True)
    else:
        median, best, rows = figures
        print(f"{label:<40} {median:>13.1f} ms {best:>6.1f} ms {rows:>7}{extra}", flush=True)


SPEAKERS = """PREFIX kg: <https://w3id.org/kgbuild/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?speaker (SAMPLE(?qid) AS ?wikidata) (SAMPLE(?name) AS ?label) (COUNT(DISTINCT ?statement) AS ?statements)
WHERE {
  GRAPH ?g { ?statement kg:speaker ?speaker . ?speaker rdfs:label ?name }
  OPTIONAL { ?speaker kg:wikidata ?qid }
}
GROUP BY ?speaker
"""
BANDS = [(1, 1), (2, 4), (5, 19), (20, 99), (100, 499), (500, None)]


def in_band(count: int, band: tuple[int, int | None]) -> bool:
    low, high = band
    return count >= low and (high is None or count <= high)


def speaker_latency(store_dir: Path, repeat: int, budget_ms: float = 200.0) -> None:
    """who-said-what for single speakers: latency by band of statement count, and the share within budget."""
    import random

    from kgbuild.queries import load_query, run_query
    from kgbuild.store import EmbeddedStore

    store = EmbeddedStore(store_dir, read_only=True)
    speakers = [((qid or label).value, int(count.value)) for _, qid, label, count in store.query(SPEAKERS).rows]
    draw = random.Random(0)
    sample = [s for s in speakers if s[1] >= 20]
    for band in BANDS:
        if band[1] is not None and band[1] < 20:
            members = [s for s in speakers if in_band(s[1], band)]
            sample += draw.sample(members, min(20, len(members)))
    query = load_query("who-said-what")
    timings = []
    for actor, count in sample:
        median, _, rows = timed(lambda: run_query(store, query, {"actor": actor}).rows, repeat)
        timings.append((actor, count, rows, median))
    store.close()
    print(f"who-said-what for one speaker ({len(speakers):,} speakers; {len(sample)} timed, median of {repeat}):")
    print(f"{'statements':>12} {'speakers':>9} {'timed':>6} {'rows (median)':>14} {'median ms':>10} {'max ms':>8} {'within':>7}")
    within_budget = 0.0
    for low, high in BANDS:
        members = [s for s in speakers if in_band(s[1], (low, high))]
        timed_here = [t for t in timings if in_band(t[1], (low, high))]
        if not timed_here:
            continue
        share = sum(t[3] < budget_ms for t in timed_here) / len(timed_here)
        within_budget += share * len(members)
        name = f"{low}-{high}" if high and high != low else (f"{low}" if high else f">= {low}")
        print(f"{name:>12} {len(members):>9,} {len(timed_here):>6} {statistics.median(t[2] for t in timed_here):>14.0f} "
              f"{statistics.median(t[3] for t in timed_here):>10.1f} {max(t[3] for t in timed_here):>8.1f} {share:>7.0%}")  # fmt: skip
    print(f"speakers answered within {budget_ms:.0f} ms: {within_budget / len(speakers):.2%} (each band's timed share, "
          f"weighted by the band's size)")  # fmt: skip
    for actor, count, rows, median in sorted(timings, key=lambda t: -t[1])[:6]:
        print(f"  {actor:<28} {count:>5} statements {rows:>5} rows {median:>7.1f} ms")


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--one":
        one(sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]), sys.argv[6] or None)
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus_store", type=Path)
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--rdflib-repeat", type=int, default=1)
    parser.add_argument("--no-rdflib", action="store_true")
    parser.add_argument("--rdflib-timeout", type=int, default=180, help="give up on an rdflib query after this many seconds")
    parser.add_argument("--no-server", action="store_true")
    parser.add_argument("--materialized", action="store_true",
                        help="also time the queries on the default graph holding the set union of the article graphs")
    parser.add_argument("--as-is", action="store_true",
                        help="time the store given as it is (already >= --triples), without copying it")
    parser.add_argument("--timeout", type=int, default=300, help="give up on a query (all its runs) after this many seconds")
    parser.add_argument("--speakers", action="store_true",
                        help="also time who-said-what speaker by speaker (see the description above)")
    args = parser.parse_args()
    if args.as_is and args.materialized:
        parser.error("--materialized writes to the big store: not with --as-is")

    from kgbuild.queries import load_query, parameter_term
    from kgbuild.remote import bind_parameters
    from kgbuild.store import EmbeddedStore

    corpus = EmbeddedStore(args.corpus_store, read_only=True)
    corpus_triples, corpus_articles = len(corpus), len(corpus.article_graphs())
    corpus.close()
    copies = max(1, math.ceil(args.triples / corpus_triples))
    work = Path(tempfile.mkdtemp(prefix="kgbuild-bench-"))
    try:
        if args.as_is:
            big = args.corpus_store
            print(f"store: {corpus_articles:,} articles, {corpus_triples:,} triples (as it is)", flush=True)
        else:
            big = work / "big"
            articles, triples, seconds = replicate(args.corpus_store, big, copies=copies)
            print(f"store: {articles:,} articles, {triples:,} triples ({copies} copies of the corpus; bulk load {seconds:.1f} s)", flush=True)
        print(f"{'embedded Oxigraph: query':<40} {'median':>16} {'min':>9} {'rows':>7}", flush=True)
        embedded = {}
        for name, params in CASES:
            figures = run_one(big, name, params, args.repeat, args.timeout)
            embedded[(name, tuple(params.items()))] = figures[0] if figures else None
            report(name + "".join(f" {k}={v}" for k, v in params.items()), figures, args.timeout)

        if args.speakers:
            speaker_latency(big, args.repeat)

        if not args.no_server:
            from kgbuild.serve import oxigraph_binary

            sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
            from oxigraph_server import free_port, wait_for

            port = free_port()
            process = subprocess.Popen([oxigraph_binary(), "serve-read-only", "--location", str(big), "--bind",
                                        f"127.0.0.1:{port}", "--union-default-graph"],
                                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
            try:
                wait_for(f"http://127.0.0.1:{port}/", process)
                print("Oxigraph server over HTTP (same store, kgbuild's RemoteStore):")
                for name, params in CASES:
                    figures = run_one(big, name, params, args.repeat, args.timeout, f"http://127.0.0.1:{port}/query")
                    report(name + "".join(f" {k}={v}" for k, v in params.items()), figures, args.timeout)
            finally:
                process.terminate()
                process.wait()

        if not args.no_rdflib:
            from rdflib import Dataset

            import pyoxigraph as ox

            start = time.perf_counter()
            dataset = Dataset(default_union=True)
            source = ox.Store.read_only(str(big))
            dataset.parse(data=source.dump(format=ox.RdfFormat.N_QUADS).decode("utf-8"), format="nquads")
            del source
            print(f"rdflib in-memory Dataset (union default graph): loaded {len(dataset):,} triples in {time.perf_counter() - start:.0f} s", flush=True)
            for name, params in CASES:
                query = load_query(name)
                declared = {p.name: p for p in query.parameters}
                terms = {n: (parameter_term(declared[n], params[n]) if n in params else None) for n in declared}
                text = bind_parameters(query.text, terms)
                label = name + "".join(f" {k}={v}" for k, v in params.items())
                signal.signal(signal.SIGALRM, _timeout)
                signal.alarm(args.rdflib_timeout * (args.rdflib_repeat + 1))
                try:
                    median, best, rows = timed(lambda: list(dataset.query(text)), args.rdflib_repeat)
                except TimeoutError:
                    print(f"{label:<40} > {args.rdflib_timeout} s (gave up)", flush=True)
                    continue
                except Exception as error:  # rdflib's own bugs, e.g. GROUP_CONCAT(DISTINCT) over OPTIONAL values
                    print(f"{label:<40} rdflib fails: {type(error).__name__}: {error}", flush=True)
                    continue
                finally:
                    signal.alarm(0)
                base = embedded[(name, tuple(params.items()))]
                ratio = f"  ({median / base:,.0f}x embedded)" if base else ""
                print(f"{label:<40} {median:>13.1f} ms {best:>6.1f} ms {rows:>7}{ratio}", flush=True)
        if args.materialized:
            import pyoxigraph as ox

            start = time.perf_counter()
            copy = ox.Store(str(big))
            copy.bulk_extend(ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph())
                             for q in list(copy.quads_for_pattern(None, None, None, None)))  # fmt: skip
            copy.optimize()
            default = sum(1 for _ in copy.quads_for_pattern(None, None, None, ox.DefaultGraph()))
            del copy
            print(f"default graph = set union of the article graphs: {default:,} distinct triples "
                  f"({time.perf_counter() - start:.0f} s to write)", flush=True)  # fmt: skip
            for name, params in CASES:
                figures = run_one(big, name, params, args.repeat, args.timeout, "materialized")
                report(name + "".join(f" {k}={v}" for k, v in params.items()), figures, args.timeout)

        print(f"command: {command_line()}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
