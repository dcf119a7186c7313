"""Helpers shared by the benchmark scripts: timing, the process-tree memory sampler, corpus loading."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = REPO.parent / "shared" / "eval" / "polnear" / "train" / "text"
KGBUILD = [sys.executable, "-c", "import sys; from kgbuild.cli import main; sys.exit(main())"]


def command_line() -> str:
    """How this script was run, to print with its figures."""
    return " ".join(shlex.quote(a) for a in [os.path.relpath(sys.executable, Path.cwd()), *sys.argv])


def _children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as handle:
            return [int(p) for p in handle.read().split()]
    except OSError:
        return []


def _rss_kib(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as handle:
            for line in handle:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def tree_rss_kib(root: int) -> tuple[int, int]:
    """(sum of RSS over the process and all its descendants, largest single RSS), in KiB."""
    stack, total, largest = [root], 0, 0
    while stack:
        pid = stack.pop()
        rss = _rss_kib(pid)
        total += rss
        largest = max(largest, rss)
        stack.extend(_children(pid))
    return total, largest


class PeakMemory:
    """Samples the RSS of a process tree every ``interval`` seconds in a thread; keeps the peaks."""

    def __init__(self, pid: int, interval: float = 0.1):
        self.pid, self.interval = pid, interval
        self.peak_total = self.peak_single = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            total, single = tree_rss_kib(self.pid)
            self.peak_total = max(self.peak_total, total)
            self.peak_single = max(self.peak_single, single)
            self._stop.wait(self.interval)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()


def run_timed(command: list[str], *, sample_memory: bool = False, env: dict | None = None):
    """Run a command; returns (seconds, completed process, PeakMemory or None)."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    memory = PeakMemory(process.pid) if sample_memory else None
    if memory:
        with memory:
            stdout, stderr = process.communicate()
    else:
        stdout, stderr = process.communicate()
    elapsed = time.perf_counter() - start
    return elapsed, subprocess.CompletedProcess(command, process.returncode, stdout, stderr), memory


def mib(kib: int) -> str:
    return f"{kib / 1024:,.0f} MiB"
