"""Length: one long document built alone at each of several lengths (60 KB to 5 MB), time and peak memory.

kg's cost should be linear in a document's length: the time per KB of the longest document within 1.3× of the
shortest's (a cost that grows as the square of the length would make it 80×), and a peak memory that does not
follow the length, the parser taking a long text in
pieces (`kg.parsing.parse`). The documents repeat the bundled corpus's real texts (headers left out) up to
each length, cut after a paragraph. Each build is `kg.build.build` into a fresh store in its own process
(`benchmarks.worker build --warm-up`): a short document is built first, so that what kg loads once (the
pipeline, the scorer, the gazetteer) is loaded before the clock starts and the time is the long document's own
(parse, extraction, resolution, mapping, store and merge); the peak RSS is that process's.
"""

from __future__ import annotations

from pathlib import Path

from benchmarks.bounded import in_subprocess
from benchmarks.common import ROOT, GiB, Result, Workspace, mib, seconds
from kg.documents import read_document

NAME = "length"
TARGET_RATIO = 1.3  # seconds per KB of the longest document / of the shortest
TARGET_PEAK = 1.5 * GiB  # at the largest length
CORPUS = ROOT / "data" / "corpus"
WARM_UP = CORPUS / "19_white_house_statement_sanctuary_cities_ruling.txt"  # a short one
_KB = 1000


def figures(lengths: tuple[int, ...]) -> list[str]:
    keys = ["lengths", "ratio", "largest_peak_rss"]
    for length in lengths:
        keys += [f"{length // _KB}kb_{k}" for k in ("bytes", "seconds", "seconds_per_kb", "peak_rss")]
    return keys


def run(ws: Workspace) -> Result:
    result = Result(NAME)
    lengths = ws.size.length_bytes
    result.add("lengths", list(lengths))
    per_kb: list[float] = []
    peak = 0
    for length in lengths:
        folder = ws.fresh(f"length-{length // _KB}kb")
        size = write_document(folder / "long.txt", length)
        report = _build(folder, ws.fresh("length-store"), length)
        name = f"{length // _KB}kb"
        per_kb.append(report["seconds"] / (size / _KB))
        peak = int(report["peak_rss"])
        result.add(f"{name}_bytes", size)
        result.add(f"{name}_seconds", report["seconds"], f"{_shown(size)}: build", seconds(report["seconds"]))
        result.add(f"{name}_seconds_per_kb", per_kb[-1], f"{_shown(size)}: time per KB", f"{per_kb[-1] * 1000:.0f} ms")
        result.add(f"{name}_peak_rss", peak, f"{_shown(size)}: peak RSS", mib(peak))
        result.details[name] = report
    # a short document's time per KB carries more of what every document costs (the store's writes and merge)
    ratio = per_kb[-1] / per_kb[0]
    mark = "" if ratio <= TARGET_RATIO else f" (target ≤ {TARGET_RATIO}×: missed)"
    result.add("ratio", ratio, "time per KB, longest / shortest document", f"{ratio:.2f}×{mark}")
    mark = "" if peak < TARGET_PEAK else f" (target < {TARGET_PEAK / GiB:.1f} GiB: missed)"
    result.add("largest_peak_rss", peak, f"peak RSS at {_shown(lengths[-1])}", f"{mib(peak)}{mark}")
    result.notes.append(
        "One document per build, the bundled corpus's texts repeated to the length; kg.build.build in a child "
        "process (workers=1, no budget: the parse is in that process), after a short document built first so "
        "that what kg loads once is loaded before the clock starts. Peak RSS is the child's VmHWM (the loaded "
        "pipeline alone is about 300 MiB)."
    )
    return result


def write_document(path: Path, length: int) -> int:
    """Write one text of at most `length` bytes: the bundled corpus's bodies, repeated, cut after a paragraph.
    Returns its size in bytes."""
    bodies = [read_document(p).text.strip() for p in sorted(CORPUS.glob("*.txt"))]
    unit = "\n\n".join(bodies) + "\n\n"
    text = unit * (length // len(unit.encode("utf-8")) + 1)
    data = text.encode("utf-8")[:length].decode("utf-8", errors="ignore")
    data = data[: data.rfind("\n\n")].encode("utf-8")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return len(data)


def _build(folder: Path, store: Path, length: int) -> dict:
    """The build's report; one that failed, or did not build the document, fails the benchmark."""
    bound = 120 + length / _KB  # a second per KB: ten times what the builds take here; it only catches a hang
    argv = ["-m", "benchmarks.worker", "build", str(folder), str(store), "--warm-up", str(WARM_UP)]
    outcome = in_subprocess(argv, step_timeout=bound, rss_limit=16 * GiB, cwd=str(ROOT))
    if not outcome.ok or not outcome.messages:
        why = outcome.error or "time or memory bound"
        raise RuntimeError(f"length build of {length:,} bytes did not finish: {why}")
    report = outcome.messages[-1]
    if report["documents"] != 1:
        raise RuntimeError(f"length build of {length:,} bytes built {report['documents']} documents, failed {report}")
    return report


def _shown(size: int) -> str:
    return f"{size / 1e6:.1f} MB" if size >= 1e6 else f"{size / _KB:,.0f} KB"
