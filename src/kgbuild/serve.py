"""``kgbuild serve``: a SPARQL endpoint, with a query UI in the browser, over an embedded store folder.

It runs the ``oxigraph`` server of the ``oxigraph`` package (the same Oxigraph version as
``pyoxigraph``, so it reads the store folder as it is) with the union of the article graphs as the
default graph, exactly as kgbuild's own queries see it. Endpoints: ``/query`` (SPARQL 1.1 Protocol),
``/update`` and ``/store`` (Graph Store Protocol) when ``--writable``; the page at ``/`` is YASGUI.

Read-only unless ``writable``: the server refuses updates (HTTP 403), and kgbuild keeps a shared lock on
the folder so that a ``kgbuild build`` into it is refused instead of corrupting what is being read
(write through the server instead: ``kgbuild serve --writable`` and ``kgbuild build --endpoint``).
Bound to 127.0.0.1 unless told otherwise.
"""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph

from .store import StoreError, lock_folder

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7878
LOOPBACK = {"127.0.0.1", "localhost", "::1"}


@dataclass(frozen=True)
class Server:
    """Where a served store answers."""

    host: str
    port: int
    writable: bool

    @property
    def base(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    @property
    def query_url(self) -> str:
        return f"{self.base}/query"

    def banner(self, store_path: Path) -> str:
        mode = "read-write" if self.writable else "read-only"
        lines = [f"Serving {store_path} ({mode}) at {self.base}/", f"  SPARQL query endpoint: {self.query_url}"]
        if self.writable:
            lines += [f"  SPARQL update endpoint: {self.base}/update", f"  Graph Store endpoint: {self.base}/store"]
        lines.append("Press Ctrl-C to stop.")
        return "\n".join(lines)


def oxigraph_binary() -> str:
    """The ``oxigraph`` command installed next to this Python (the ``oxigraph`` package), else on PATH."""
    beside = Path(sys.executable).parent / "oxigraph"
    if beside.is_file():
        return str(beside)
    found = shutil.which("oxigraph")
    if not found:
        raise StoreError("the 'oxigraph' command is not installed (pip install oxigraph==" + pyoxigraph.__version__ + ")")
    return found


def check_version(binary: str) -> None:
    """The server must be the Oxigraph version of pyoxigraph: the store folder's format is theirs."""
    try:
        output = subprocess.run([binary, "--version"], capture_output=True, text=True, timeout=30).stdout.strip()
    except (OSError, subprocess.SubprocessError) as error:
        raise StoreError(f"{binary}: cannot run ({error})") from None
    version = output.split()[-1] if output else "?"
    if version.split(".")[:2] != pyoxigraph.__version__.split(".")[:2]:
        raise StoreError(
            f"{binary} is Oxigraph {version} but the store is written by pyoxigraph {pyoxigraph.__version__}: "
            f"install oxigraph=={pyoxigraph.__version__}"
        )


def command_line(binary: str, store_path: Path, server: Server, *, cors: bool = False) -> list[str]:
    bind = f"[{server.host}]:{server.port}" if ":" in server.host else f"{server.host}:{server.port}"
    command = [binary, "serve" if server.writable else "serve-read-only", "--location", str(store_path)]
    command += ["--bind", bind, "--union-default-graph"]
    if cors:
        command.append("--cors")
    return command


def wait_until_up(server: Server, process: subprocess.Popen, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise StoreError(f"the server stopped at once (exit code {process.returncode}); is port {server.port} free?")
        try:
            with urllib.request.urlopen(f"{server.base}/", timeout=2):  # noqa: S310 - our own loopback URL
                return
        except (urllib.error.URLError, OSError):
            time.sleep(0.1)
    raise StoreError(f"the server did not answer at {server.base}/ within {timeout:.0f} s")


def serve(
    store_path: Path,
    *,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    writable: bool = False,
    cors: bool = False,
    on_ready: Callable[[Server], None] | None = None,
) -> int:
    """Serve the store until the server stops or this process is interrupted; returns its exit code."""
    if not writable and not store_path.is_dir():
        raise StoreError(f"{store_path}: no store here (build one with 'kgbuild build')")
    binary = oxigraph_binary()
    check_version(binary)
    lock = lock_folder(store_path, shared=not writable)
    server = Server(host, port, writable)
    process = subprocess.Popen(command_line(binary, store_path, server, cors=cors), stdin=subprocess.DEVNULL)

    stopped = []

    def stop(signum, frame):  # noqa: ARG001 - signal handler signature
        stopped.append(signum)
        if process.poll() is None:
            process.terminate()

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        wait_until_up(server, process)
        if on_ready:
            on_ready(server)
        code = process.wait()
        return 0 if stopped else code  # stopped on request: a clean exit
    except KeyboardInterrupt:
        return 0
    finally:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        signal.signal(signal.SIGTERM, previous)
        lock.close()
