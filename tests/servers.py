"""Throwaway SPARQL servers for the `server` tests: `oxigraph serve` and Virtuoso, on free local ports.

Each runs in the foreground as a child process with its data in a temporary folder, and is killed at
the end; nothing is installed as a service or left running.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

OXIGRAPH = Path(sys.executable).with_name("oxigraph")  # the `oxigraph` package's CLI, next to the venv's python
VIRTUOSO = "virtuoso-t"
ISQL = "isql-vt"
START_TIMEOUT = 60.0

# Update rights for the anonymous SPARQL user, which Virtuoso does not give by default.
VIRTUOSO_GRANTS = (
    'GRANT SPARQL_UPDATE TO "SPARQL"; '
    'GRANT EXECUTE ON DB.DBA.SPARQL_INSERT_DICT_CONTENT TO "SPARQL"; '
    'GRANT EXECUTE ON DB.DBA.SPARQL_DELETE_DICT_CONTENT TO "SPARQL";'
)

# Small buffers for a 2-core CI machine; ResultSetMaxRows as in Debian's stock virtuoso.ini, so the tests
# see the answer cap that real installations have.
VIRTUOSO_INI = """\
[Database]
DatabaseFile       = {dir}/virtuoso.db
ErrorLogFile       = {dir}/virtuoso.log
LockFile           = {dir}/virtuoso.lck
TransactionFile    = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
Striping           = 0
TempStorage        = TempDatabase

[TempDatabase]
DatabaseFile    = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx

[Parameters]
ServerPort        = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
CaseMode          = 2
DirsAllowed       = {dir}
NumberOfBuffers   = {buffers}
MaxDirtyBuffers   = {dirty_buffers}
ThreadsPerQuery   = 2

[HTTPServer]
ServerPort    = 127.0.0.1:{http_port}
ServerRoot    = {dir}
ServerThreads = 10
Charset       = UTF-8

[SPARQL]
ResultSetMaxRows      = {max_rows}
MaxQueryExecutionTime = 60
"""


def free_ports(count: int) -> list[int]:
    """Ports nothing listens on right now (held open together, so they differ)."""
    sockets = [socket.socket() for _ in range(count)]
    try:
        for sock in sockets:
            sock.bind(("127.0.0.1", 0))
        return [sock.getsockname()[1] for sock in sockets]
    finally:
        for sock in sockets:
            sock.close()


def wait_until_up(endpoint: str, process: subprocess.Popen[bytes], log: Path) -> None:
    """Poll `endpoint` with an ASK query until it answers, failing early if the server process dies."""
    deadline = time.monotonic() + START_TIMEOUT
    url = f"{endpoint}?query=ASK%7B%7D"
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with code {process.returncode}:\n{_tail(log)}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.1)
    stop(process)
    raise RuntimeError(f"server did not answer at {endpoint} within {START_TIMEOUT:g} s:\n{_tail(log)}")


def stop(process: subprocess.Popen[bytes]) -> None:
    """Terminate the server, killing it if it does not exit within 10 s."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def require_oxigraph() -> None:
    """Skip the calling test when the oxigraph CLI is missing (pytest imported here only: the benchmarks use this
    module without it)."""
    if not OXIGRAPH.exists():
        import pytest

        pytest.skip(f"no oxigraph CLI at {OXIGRAPH}: pip install oxigraph")


@contextmanager
def oxigraph_server(directory: Path, *, union: bool = True) -> Iterator[str]:
    """An `oxigraph serve` whose default graph is the union of the named graphs (unless not `union`); yields its
    base URL.

    Endpoints: BASE/query, BASE/update and the Graph Store BASE/store.
    """
    port = free_ports(1)[0]
    log = directory / "oxigraph.log"
    command = [str(OXIGRAPH), "serve", "--location", str(directory / "data"), "--bind", f"127.0.0.1:{port}"]
    with log.open("wb") as out:
        process = subprocess.Popen(
            [*command, "--union-default-graph"] if union else command, stdout=out, stderr=subprocess.STDOUT
        )
    try:
        base = f"http://127.0.0.1:{port}"
        wait_until_up(f"{base}/query", process, log)
        yield base
    finally:
        stop(process)


def virtuoso_installed() -> bool:
    return shutil.which(VIRTUOSO) is not None and shutil.which(ISQL) is not None


@contextmanager
def virtuoso_server(
    directory: Path, *, buffers: int = 10_000, max_rows: int = 10_000, load: Path | None = None
) -> Iterator[str]:
    """A fresh Virtuoso whose anonymous SPARQL user may update; yields its endpoint BASE/sparql.

    `buffers` is its page cache (8 KiB pages); `load`, an N-Quads file in `directory`, is bulk-loaded first (the
    benchmarks' large graphs).
    """
    sql_port, http_port = free_ports(2)
    config = directory / "virtuoso.ini"
    config.write_text(VIRTUOSO_INI.format(dir=directory, sql_port=sql_port, http_port=http_port, buffers=buffers,
                                          dirty_buffers=buffers * 3 // 5, max_rows=max_rows))
    log = directory / "virtuoso.out"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [VIRTUOSO, "+foreground", "+configfile", str(config)], cwd=directory, stdout=out, stderr=subprocess.STDOUT
        )
    try:
        endpoint = f"http://127.0.0.1:{http_port}/sparql"
        wait_until_up(endpoint, process, log)
        _isql(sql_port, VIRTUOSO_GRANTS, "cannot grant SPARQL update rights", 30)
        if load is not None:
            statements = f"ld_dir('{load.parent}', '{load.name}', 'urn:kg:unnamed'); rdf_loader_run(); checkpoint;"
            _isql(sql_port, statements, f"cannot load {load}", 7200)
        yield endpoint
    finally:
        stop(process)


def _isql(sql_port: int, statements: str, failure: str, timeout: float) -> None:
    # The dba password of a new database is dba.
    done = subprocess.run(
        [ISQL, f"127.0.0.1:{sql_port}", "dba", "dba", f"exec={statements}"], capture_output=True, text=True,
        timeout=timeout,
    )
    if done.returncode != 0 or "Error" in done.stderr:  # isql-vt exits 0 even when a statement fails
        raise RuntimeError(f"{failure}:\n{done.stdout}{done.stderr}")


def _tail(log: Path, lines: int = 20) -> str:
    return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])
