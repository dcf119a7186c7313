"""Benchmark 3: the cost of adding one article to a store of 10,000 articles versus to an empty store.

The big store is the built corpus copied under new article ids until it holds --articles articles.
Two measures, each on the empty store and on the big one:
  - the store write: one article's graph (extracted once, beforehand) put into the store the way
    ``kgbuild build`` does (``put_graphs``), median of --repeat new articles;
  - the whole command: ``kgbuild build ONE.txt --store STORE`` timed from start to exit (model load
    and all), median of --cli-repeat runs, each under a new article id.

    .venv/bin/kgbuild build ../shared/eval/polnear/train/text --store CORPUS_STORE --workers 2
    .venv/bin/python benchmarks/add_one.py CORPUS_STORE [--articles 10000]
"""

from __future__ import annotations

import argparse
import math
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import DEFAULT_CORPUS, KGBUILD, command_line, run_timed  # noqa: E402
from _replicate import renamed, replicate  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus_store", type=Path)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="where the article to add comes from")
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--cli-repeat", type=int, default=3)
    args = parser.parse_args()

    from kgbuild.articles import read_articles
    from kgbuild.build import extract_batch
    from kgbuild.store import EmbeddedStore, GraphPayload

    corpus = EmbeddedStore(args.corpus_store, read_only=True)
    corpus_articles = len(corpus.article_graphs())
    corpus.close()
    work = Path(tempfile.mkdtemp(prefix="kgbuild-bench-"))
    try:
        big = work / "big"
        copies = math.ceil(args.articles / corpus_articles)
        articles, triples, seconds = replicate(args.corpus_store, big, copies=copies)
        print(f"big store: {articles:,} articles, {triples:,} triples (bulk load {seconds:.0f} s)", flush=True)
        empty = work / "empty"
        EmbeddedStore(empty).close()

        source = sorted(p for p in args.corpus.iterdir() if p.suffix == ".txt")[0]
        (article,) = list(read_articles([source]))
        (result,) = extract_batch([article])
        print(f"the article: {source.name} ({result.payload.triples} triples)", flush=True)

        def new_payload(n: int) -> GraphPayload:
            """The article's graph under a new id (renamed: same triples, as a new article)."""
            new_id = f"{article.id}-r{n}"
            graph_iri = result.payload.graph_iri.replace(article.id, new_id)
            nquads = renamed(article.id, result.payload.nquads(), n)
            return GraphPayload(new_id, graph_iri, nquads.replace(f" <{graph_iri}> .\n".encode(), b" .\n"), result.payload.triples)

        writes = {}
        for name, path in (("empty", empty), ("10k", big)):
            store = EmbeddedStore(path)
            before = len(store)
            times = []
            for n in range(args.repeat):
                payload = new_payload(100_000 + n)
                start = time.perf_counter()
                store.put_graphs([payload])
                store.flush()
                times.append(time.perf_counter() - start)
            assert len(store) == before + args.repeat * result.payload.triples or name == "10k"
            store.close()
            writes[name] = statistics.median(times)
            print(f"store write, {name:>5} store: median {writes[name] * 1000:7.1f} ms, min {min(times) * 1000:7.1f} ms", flush=True)
        print(f"ratio store write 10k / empty: {writes['10k'] / writes['empty']:.2f}", flush=True)

        whole = {}
        for name, path in (("empty", empty), ("10k", big)):
            times = []
            for n in range(args.cli_repeat):
                one = work / f"cli-{name}-{n}.txt"
                one.write_text(article.text, encoding="utf-8")
                elapsed, done, _ = run_timed([*KGBUILD, "build", str(one), "--store", str(path)])
                if done.returncode != 0:
                    sys.exit(done.stderr)
                times.append(elapsed)
            whole[name] = statistics.median(times)
            print(f"kgbuild build ONE.txt, {name:>5} store: median {whole[name]:6.2f} s ({', '.join(f'{t:.2f}' for t in times)})", flush=True)
        print(f"ratio whole command 10k / empty: {whole['10k'] / whole['empty']:.2f}")
        print(f"command: {command_line()}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
