"""Benchmark 4: peak memory of building the corpus (840 articles), all processes of the build summed.

Runs ``kgbuild build CORPUS --workers N`` into a fresh store and samples the resident memory of the
command and all its worker processes every 0.1 s. (build_throughput.py prints the same figure.)

    .venv/bin/python benchmarks/peak_memory.py [CORPUS] [--workers 2]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import DEFAULT_CORPUS, KGBUILD, command_line, mib, run_timed  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="kgbuild-bench-"))
    try:
        command = [*KGBUILD, "build", str(args.corpus), "--store", str(work / "store"), "--workers", str(args.workers)]
        elapsed, result, memory = run_timed(command, sample_memory=True)
        print(result.stdout.strip())
        print(f"{elapsed:.0f} s; peak memory (sum over the build's processes): {mib(memory.peak_total)}; "
              f"largest single process: {mib(memory.peak_single)}")  # fmt: skip
        print(f"command: {command_line()}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
