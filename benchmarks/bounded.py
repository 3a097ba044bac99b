"""Work with a time and memory bound: in a forked child or a subprocess, reporting JSON lines as it goes.

A Python thread cannot be stopped, and neither rdflib's nor Oxigraph's query can be cancelled, so
anything that may run away (a slow SPARQL engine, a projection that does not finish) runs in
another process that is killed at the bound. Each JSON line the process writes is one step; the
bound is per step, so a process that does several runs reports every run that finished in time.
"""

from __future__ import annotations

import json
import os
import select
import signal
import subprocess
import sys
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

_PAGE = os.sysconf("SC_PAGE_SIZE")

Emit = Callable[[dict[str, Any]], None]


@dataclass
class Outcome:
    """What a bounded process reported before it ended or was stopped."""

    messages: list[dict[str, Any]] = field(default_factory=list)
    timed_out: bool = False
    over_memory: bool = False
    error: str | None = None
    peak_memory: int = 0  # bytes, the largest `memory` sample (see _collect)

    @property
    def ok(self) -> bool:
        return not (self.timed_out or self.over_memory or self.error)


def rss(pid: int) -> int:
    """Resident set size of a process in bytes (0 once it is gone)."""
    try:
        with open(f"/proc/{pid}/statm") as statm:
            return int(statm.read().split()[1]) * _PAGE
    except (OSError, IndexError, ValueError):
        return 0


def in_fork(task: Callable[[Emit], None], *, step_timeout: float, rss_limit: int) -> Outcome:
    """Run `task(emit)` in a forked child; each `emit` is a step that must come within `step_timeout` seconds.

    Fork, not spawn, so the child shares what this process has loaded (an rdflib Dataset) without
    loading it again. Call it only from a process without threads of its own (the workers).
    """
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: run, report, and leave without running the parent's cleanup
        os.close(read_fd)
        status = 0
        with os.fdopen(write_fd, "w") as out:

            def emit(message: dict[str, Any]) -> None:
                out.write(json.dumps(message) + "\n")
                out.flush()

            try:
                task(emit)
            except BaseException as error:  # reported to the parent, whatever it is
                emit({"error": f"{type(error).__name__}: {error}", "traceback": traceback.format_exc(limit=5)})
                status = 1
        os._exit(status)
    os.close(write_fd)
    outcome = _collect(read_fd, pid, step_timeout, rss_limit, rss)
    os.close(read_fd)
    os.waitpid(pid, 0)
    return outcome


def in_subprocess(argv: list[str], *, step_timeout: float, rss_limit: int, cwd: str | None = None) -> Outcome:
    """Run `python -m ...argv` and collect the JSON lines it prints on stdout, one step each."""
    process = subprocess.Popen([sys.executable, *argv], stdout=subprocess.PIPE, cwd=cwd)
    assert process.stdout is not None
    outcome = _collect(process.stdout.fileno(), process.pid, step_timeout, rss_limit, _tree_pss)
    process.stdout.close()
    code = process.wait()
    if code and outcome.ok:
        outcome.error = f"exit status {code}"
    return outcome


def _collect(fd: int, pid: int, step_timeout: float, rss_limit: int, memory: Callable[[int], int]) -> Outcome:
    """Read JSON lines from `fd` until it closes, killing `pid` (and its children) at a bound.

    `memory(pid)` is what is held against `rss_limit`: a forked child's own RSS (its view of the
    parent's data plus what it added), or a worker tree's PSS (shared pages counted once).
    """
    outcome = Outcome()
    buffer = b""
    deadline = time.monotonic() + step_timeout
    while True:
        ready, _, _ = select.select([fd], [], [], 0.25)
        if ready:
            chunk = os.read(fd, 1 << 16)
            if not chunk:
                break
            buffer += chunk
            *lines, buffer = buffer.split(b"\n")
            for line in lines:
                message = _message(line)
                if message is not None:
                    _take(outcome, message)
                    deadline = time.monotonic() + step_timeout
        outcome.peak_memory = max(outcome.peak_memory, memory(pid))
        if outcome.peak_memory > rss_limit:
            outcome.over_memory = True
        elif time.monotonic() > deadline:
            outcome.timed_out = True
        else:
            continue
        _kill_tree(pid)
        break
    return outcome


def _message(line: bytes) -> dict[str, Any] | None:
    """A step's JSON object; None for anything else a library printed on stdout."""
    try:
        message = json.loads(line)
    except ValueError:
        return None
    return message if isinstance(message, dict) else None


def _take(outcome: Outcome, message: dict[str, Any]) -> None:
    if "error" in message:
        outcome.error = message["error"]
    outcome.messages.append(message)


def _children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as file:
            return [int(p) for p in file.read().split()]
    except OSError:
        return []


def pss(pid: int) -> int:
    """Proportional set size in bytes: RSS with each shared page divided among its sharers (0 once gone)."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as rollup:
            for line in rollup:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return rss(pid)


def _tree_pss(pid: int) -> int:
    """Memory of a process and its descendants (a worker and the query child it forked that shares its data)."""
    return pss(pid) + sum(_tree_pss(child) for child in _children(pid))


def _kill_tree(pid: int) -> None:
    for child in _children(pid):
        _kill_tree(child)
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
