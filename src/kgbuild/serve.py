"""``kgbuild serve``: a SPARQL endpoint, with a query UI in the browser, over an embedded store folder.

It runs the ``oxigraph`` server of the ``oxigraph`` package (the same Oxigraph version as
``pyoxigraph``, so it reads the store folder as it is) with the union of the article graphs as the
default graph, exactly as kgbuild's own queries see it. Endpoints: ``/query`` (SPARQL 1.1 Protocol),
``/update`` and ``/store`` (Graph Store Protocol) when ``--writable``; the page at ``/`` is YASGUI.

The Oxigraph server listens on a loopback port of its own; what clients reach is a small proxy in
this process (``Gate``) that adds what Oxigraph lacks:

- writes (``/update``, and ``/store`` with any method but GET and HEAD) are refused with HTTP 403
  unless ``writable``, and with ``writable`` need ``Authorization: Bearer TOKEN`` (else HTTP 401);
- a response longer than ``max_result_size`` bytes is not sent: HTTP 413 with a message instead
  (so a proxy thread holds at most that much);
- queries stop after ``timeout`` seconds: Oxigraph's own ``--timeout-s``, and when Oxigraph has not
  answered 2 s later the proxy answers HTTP 504 and restarts it (``Backend``), which stops the query.

Read-only unless ``writable``: Oxigraph itself is started read-only as well, and kgbuild keeps a shared
lock on the folder so that a ``kgbuild build`` into it is refused instead of corrupting what is being
read (write through the server instead: ``kgbuild serve --writable`` and ``kgbuild build --endpoint``).
Bound to 127.0.0.1 unless told otherwise.
"""

from __future__ import annotations

import hmac
import http.client
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pyoxigraph

from .store import StoreError, lock_folder

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7878
DEFAULT_TIMEOUT = 30  # seconds a query may run
DEFAULT_MAX_RESULT_SIZE = 10_000_000  # bytes of one response
ENV_SERVE_TOKEN = "KGBUILD_SERVE_TOKEN"
LOOPBACK = {"127.0.0.1", "localhost", "::1"}


@dataclass(frozen=True)
class Server:
    """Where a served store answers, and the token writes need (None when read-only)."""

    host: str
    port: int
    writable: bool
    token: str | None = None

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
            lines += [
                f"  SPARQL update endpoint: {self.base}/update",
                f"  Graph Store endpoint: {self.base}/store",
                f"  Writes need the header 'Authorization: Bearer {self.token}'"
                f" (for kgbuild build --endpoint: export KGBUILD_SPARQL_TOKEN={self.token})",
            ]
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


def command_line(binary: str, store_path: Path, server: Server, *, cors: bool = False, timeout: int | None = None) -> list[str]:
    bind = f"[{server.host}]:{server.port}" if ":" in server.host else f"{server.host}:{server.port}"
    command = [binary, "serve" if server.writable else "serve-read-only", "--location", str(store_path)]
    command += ["--bind", bind, "--union-default-graph"]
    if timeout is not None:
        command += ["--timeout-s", str(timeout)]
    if cors:
        command.append("--cors")
    return command


def wait_until_up(server: Server, process: subprocess.Popen, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise StoreError(f"the server stopped at once (exit code {process.returncode})")
        try:
            with urllib.request.urlopen(f"{server.base}/", timeout=2):  # noqa: S310 - our own loopback URL
                return
        except (urllib.error.URLError, OSError):
            time.sleep(0.1)
    raise StoreError(f"the server did not answer at {server.base}/ within {timeout:.0f} s")


def free_loopback_port() -> int:
    """A port nobody listens on at 127.0.0.1 now, for the Oxigraph server behind the proxy."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# Headers that belong to one connection, not to the message: never passed through the proxy.
_HOP_HEADERS = frozenset(
    "connection keep-alive proxy-authenticate proxy-authorization te trailer transfer-encoding upgrade host "
    "authorization content-length".split()
)
_READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


@dataclass(frozen=True)
class Rules:
    """What the proxy lets through: writes (and with which token), response size, how long to wait."""

    writable: bool
    token: str | None
    max_result_size: int
    timeout: int


class Gate(BaseHTTPRequestHandler):
    """The proxy in front of the Oxigraph server: checks writes, bounds responses, passes the rest on."""

    upstream: tuple[str, int]  # set on the subclass made by ``gate``
    rules: Rules
    on_timeout: Callable[[], None] = staticmethod(lambda: None)  # what stops a query that is still running
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        self.forward()

    do_HEAD = do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = do_GET

    def forward(self) -> None:
        if self.is_write():
            refusal = self.refusal()
            if refusal:
                self.answer(*refusal)
                return
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            self.answer(411, "Send the request with a Content-Length")
            return
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        headers = {name: value for name, value in self.headers.items() if name.lower() not in _HOP_HEADERS}
        # Oxigraph answers at its own time limit when it can; a little later, the proxy stops waiting.
        # Writes have no time limit: stopping one half-way would only lose it.
        wait = None if self.is_write() else self.rules.timeout + 2
        connection = http.client.HTTPConnection(*self.upstream, timeout=wait)
        try:
            connection.request(self.command, self.path, body=body or None, headers=headers)
            response = connection.getresponse()
            content = response.read(self.rules.max_result_size + 1)
            if len(content) > self.rules.max_result_size:
                self.answer(413, f"The result is larger than the server's limit of {self.rules.max_result_size:,} "
                                 "bytes (kgbuild serve --max-result-size): ask for less, e.g. with LIMIT")  # fmt: skip
                return
        except TimeoutError:
            connection.close()
            self.on_timeout()
            self.answer(504, f"The query took longer than the server's limit of {self.rules.timeout} s")
            return
        except (OSError, http.client.HTTPException) as error:
            self.answer(502, f"The SPARQL server did not answer ({error})")
            return
        finally:
            connection.close()
        self.send_response(response.status, response.reason)
        for name, value in response.getheaders():
            if name.lower() not in _HOP_HEADERS:
                self.send_header(name, value)
        self.send_header("Content-Length", str(len(content)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(content)

    def is_write(self) -> bool:
        path = self.path.split("?", 1)[0].rstrip("/")
        return path == "/update" or (path == "/store" and self.command not in _READ_METHODS)

    def refusal(self) -> tuple[int, str] | None:
        """Why this write is refused (status and message), or None when it may go on."""
        if not self.rules.writable:
            return 403, "The server is read-only"
        given = self.headers.get("Authorization", "")
        expected = f"Bearer {self.rules.token}"
        if not hmac.compare_digest(given.encode(), expected.encode()):
            return 401, "Writes need the server's token: Authorization: Bearer TOKEN"
        return None

    def answer(self, status: int, message: str) -> None:
        data = message.encode()
        self.close_connection = True  # the request body may be unread
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        if status == 401:
            self.send_header("WWW-Authenticate", 'Bearer realm="kgbuild"')
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - http.server's signature
        """Quiet: the served page loads many files, and nobody reads a log of them."""


def gate(server: Server, upstream: Server, rules: Rules) -> ThreadingHTTPServer:
    """The proxy listening at ``server``'s address, passing on to ``upstream`` under ``rules``."""
    handler = type("BoundGate", (Gate,), {"upstream": (upstream.host, upstream.port), "rules": rules})
    family = socket.AF_INET6 if ":" in server.host else socket.AF_INET
    proxy_class = type("Proxy", (ThreadingHTTPServer,), {"address_family": family, "daemon_threads": True})
    try:
        return proxy_class((server.host, server.port), handler)
    except OSError as error:
        raise StoreError(f"cannot listen on {server.base}/ ({error.strerror or error}); is port {server.port} free?") from None


class Backend:
    """The Oxigraph server process, which the proxy restarts to stop a query that outran the time limit.

    (Oxigraph checks its own ``--timeout-s`` only between results, so an aggregate over a huge join
    would otherwise go on using the CPU long after its client gave up.)
    """

    def __init__(self, command: list[str], server: Server) -> None:
        self.command = command
        self.server = server
        self.lock = threading.Lock()
        self.process = self._start()

    def _start(self) -> subprocess.Popen:
        return subprocess.Popen(self.command, stdin=subprocess.DEVNULL)

    def wait_until_up(self) -> None:
        wait_until_up(self.server, self.process)

    def restart(self) -> None:
        with self.lock:
            self.stop()
            self.process = self._start()
            self.wait_until_up()

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def wait(self) -> int:
        """Wait until the server process ends other than by a restart; its exit code."""
        while True:
            process = self.process
            code = process.wait()
            with self.lock:  # a restart in progress holds the lock until the new process is up
                if self.process is process:
                    return code


def serve(
    store_path: Path,
    *,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    writable: bool = False,
    cors: bool = False,
    timeout: int = DEFAULT_TIMEOUT,
    max_result_size: int = DEFAULT_MAX_RESULT_SIZE,
    token: str | None = None,
    on_ready: Callable[[Server], None] | None = None,
) -> int:
    """Serve the store until the server stops or this process is interrupted; returns its exit code.

    With ``writable``, writes need ``token`` (default: a new random one, shown by ``Server.banner``).
    """
    if not writable and not store_path.is_dir():
        raise StoreError(f"{store_path}: no store here (build one with 'kgbuild build')")
    binary = oxigraph_binary()
    check_version(binary)
    token = (token or secrets.token_urlsafe(24)) if writable else None
    server = Server(host, port, writable, token)
    upstream = Server("127.0.0.1", free_loopback_port(), writable)
    proxy = gate(server, upstream, Rules(writable, token, max_result_size, timeout))
    try:
        lock = lock_folder(store_path, shared=not writable)
    except StoreError:
        proxy.server_close()
        raise
    backend = Backend(command_line(binary, store_path, upstream, cors=cors, timeout=timeout), upstream)
    proxy.RequestHandlerClass.on_timeout = staticmethod(backend.restart)
    proxy_thread = threading.Thread(target=proxy.serve_forever, daemon=True)

    stopped = []

    def stop(signum, frame):  # noqa: ARG001 - signal handler signature
        stopped.append(signum)
        if backend.process.poll() is None:
            backend.process.terminate()

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        backend.wait_until_up()
        proxy_thread.start()
        if on_ready:
            on_ready(server)
        code = backend.wait()
        return 0 if stopped else code  # stopped on request: a clean exit
    except KeyboardInterrupt:
        return 0
    finally:
        if proxy_thread.is_alive():
            proxy.shutdown()
        proxy.server_close()
        backend.stop()
        signal.signal(signal.SIGTERM, previous)
        lock.close()
