"""Benchmark 1 (and 4): build throughput end to end, against bare spaCy parsing of the same texts.

Runs, in one go: (a) bare spaCy ``nlp.pipe`` over the corpus texts in this process (spaCy's model as it
ships, without kgbuild's sentence-break component or its lemma memo; loaded before the clock starts),
in one process and then with ``n_process`` = --workers; (b) ``kgbuild build CORPUS --workers N`` into
a fresh store as a separate process, timed from start to exit (model loads, reading, extraction,
SHACL, store writes, everything), with the memory of its process tree sampled.
Prints articles/s, the ratios of (b) to (a), CPU times (which other work on a shared machine does
not skew), and the peak memory.

    .venv/bin/python benchmarks/build_throughput.py [CORPUS] [--workers 2] [--limit N] [--keep-store DIR]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import DEFAULT_CORPUS, KGBUILD, command_line, mib, run_timed  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--limit", type=int, help="only the first N files (for a quick look)")
    parser.add_argument("--skip-bare-processes", action="store_true", help="skip bare nlp.pipe with n_process")
    parser.add_argument("--keep-store", type=Path, help="build into this folder and keep it (for the other benchmarks)")
    args = parser.parse_args()

    import spacy

    from kgbuild.articles import read_articles
    from kgbuild.build import BATCH_SIZE
    from kgbuild.nlp import MODEL

    files = sorted(p for p in args.corpus.iterdir() if p.suffix == ".txt")
    if args.limit:
        files = files[: args.limit]
    work = Path(tempfile.mkdtemp(prefix="kgbuild-bench-"))
    try:
        inputs = work / "in"
        inputs.mkdir()
        for path in files:
            (inputs / path.name).symlink_to(path.resolve())
        texts = [a.text for a in read_articles([inputs]) if hasattr(a, "text")]
        words = sum(len(t.split()) for t in texts)
        print(f"corpus: {len(texts)} articles, {words:,} words ({args.corpus})", flush=True)

        nlp = spacy.load(MODEL)  # spaCy's model as it ships: none of kgbuild's additions to the pipeline
        start, cpu_start = time.perf_counter(), time.process_time()
        for _ in nlp.pipe(texts, batch_size=BATCH_SIZE):
            pass
        bare_1, bare_cpu = time.perf_counter() - start, time.process_time() - cpu_start
        print(f"bare spaCy nlp.pipe, 1 process:  {bare_1:8.1f} s  ({len(texts) / bare_1:.2f} articles/s; {bare_cpu:.1f} CPU s)", flush=True)
        bare_n = None
        if not args.skip_bare_processes and args.workers > 1:
            start = time.perf_counter()
            for _ in nlp.pipe(texts, batch_size=BATCH_SIZE, n_process=args.workers):
                pass
            bare_n = time.perf_counter() - start
            print(f"bare spaCy nlp.pipe, n_process={args.workers}: {bare_n:8.1f} s  ({len(texts) / bare_n:.2f} articles/s)", flush=True)

        store = args.keep_store or work / "store"
        if store.exists():
            sys.exit(f"{store} exists: give a new folder")
        command = [*KGBUILD, "build", str(inputs), "--store", str(store), "--workers", str(args.workers)]
        children_before = resource.getrusage(resource.RUSAGE_CHILDREN)
        elapsed, result, memory = run_timed(command, sample_memory=True)
        children_after = resource.getrusage(resource.RUSAGE_CHILDREN)
        build_cpu = (children_after.ru_utime + children_after.ru_stime) - (children_before.ru_utime + children_before.ru_stime)
        if result.returncode not in (0, 1):
            sys.exit(f"kgbuild build failed ({result.returncode}):\n{result.stderr[-2000:]}")
        print(f"kgbuild build --workers {args.workers}:     {elapsed:8.1f} s  ({len(texts) / elapsed:.2f} articles/s)")
        print(f"  {result.stdout.strip()}")
        print(f"ratio end-to-end / bare nlp.pipe (1 process):  {elapsed / bare_1:.2f}")
        if bare_n:
            print(f"ratio end-to-end / bare nlp.pipe (n_process={args.workers}): {elapsed / bare_n:.2f}")
        print(f"CPU time: bare nlp.pipe {bare_cpu:.1f} s; the whole build, all its processes, {build_cpu:.1f} s "
              f"(ratio {build_cpu / bare_cpu:.2f}; on {args.workers} idle cores that is a wall-clock ratio of about "
              f"{build_cpu / args.workers / bare_cpu:.2f})")  # fmt: skip
        load = os.getloadavg()
        print(f"load average at the end (other work on the machine skews wall-clock figures): {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}")
        print(f"peak memory of the build (sum over its processes): {mib(memory.peak_total)}; largest process: {mib(memory.peak_single)}")
        print(f"command: {command_line()}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
