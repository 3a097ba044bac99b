"""`python -m benchmarks`: run the benchmarks, print the table, and write JSON + Markdown with --out.

python -m benchmarks --size small --out benchmarks/results.json   # < 10 minutes on 2 cores
python -m benchmarks --smoke                                      # < 1 minute, for CI
python -m benchmarks --only store --size large                    # one benchmark
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import shlex
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from benchmarks import (
    analysis,
    bound_queries,
    incremental,
    ingest,
    length,
    memory,
    parallel,
    report,
    resolution,
    serve,
    storage,
)
from benchmarks.common import SIZES, Result, Size, Workspace


@dataclass(frozen=True)
class Benchmark:
    name: str
    run: Callable[[Workspace], Result]
    figures: Callable[[Size], list[str]]  # the figures its result always has (the smoke test checks them)


BENCHMARKS: tuple[Benchmark, ...] = (
    Benchmark(ingest.NAME, ingest.run, lambda size: ingest.figures(size.n_processes)),
    Benchmark(incremental.NAME, incremental.run, lambda size: incremental.FIGURES),
    Benchmark(storage.NAME, storage.run, lambda size: storage.FIGURES),
    Benchmark(analysis.NAME, analysis.run, lambda size: analysis.FIGURES),
    Benchmark(memory.NAME, memory.run, lambda size: memory.FIGURES),
    Benchmark(resolution.NAME, resolution.run, lambda size: resolution.FIGURES),
    Benchmark(serve.NAME, serve.run, lambda size: serve.FIGURES),
    Benchmark(length.NAME, length.run, lambda size: length.figures(size.length_bytes)),
    Benchmark(parallel.NAME, parallel.run, lambda size: parallel.FIGURES),
    Benchmark(bound_queries.NAME, bound_queries.run, lambda size: bound_queries.FIGURES),
)
NAMES = tuple(b.name for b in BENCHMARKS)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    size = SIZES["smoke" if args.smoke else args.size]
    if args.query_timeout:
        size = dataclasses.replace(size, query_timeout=args.query_timeout)
    chosen = [b for b in BENCHMARKS if not args.only or b.name in args.only]
    command = "python -m benchmarks " + shlex.join(sys.argv[1:] if argv is None else argv)
    started = dt.datetime.now().astimezone()
    before = report.machine()
    results: list[Result] = []
    errors: dict[str, str] = {}
    if args.workdir:
        args.workdir.mkdir(parents=True, exist_ok=True)  # a scratch folder the user names need not exist yet
    with tempfile.TemporaryDirectory(prefix="kg-bench-", dir=args.workdir) as scratch:
        ws = Workspace(Path(scratch), size, args.seed)
        for path in args.graph or []:
            ws.reuse_graph(path)
        for bench in chosen:
            _say(f"{bench.name}: running ({size.name})")
            start = time.perf_counter()
            try:
                result = bench.run(ws)
            except Exception:  # one broken benchmark is reported, and the others still run
                errors[bench.name] = traceback.format_exc()
                _say(f"{bench.name}: FAILED\n{errors[bench.name]}")
                continue
            result.seconds = time.perf_counter() - start
            missing = [key for key in bench.figures(size) if key not in result.figures]
            if missing:
                errors[bench.name] = f"figures missing from the result: {', '.join(missing)}"
            results.append(result)
            _say(f"{bench.name}: done in {result.seconds:.0f} s")
    data = report.document(size, command, results, errors, started, before)
    print(report.markdown(data))
    if args.out:
        md = report.write(data, args.out)
        _say(f"wrote {args.out} and {md}")
    return 1 if errors else 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description="Benchmarks of kg.")
    parser.add_argument(
        "--size",
        choices=[s for s in SIZES if s != "smoke"],
        default="small",
        help="small: < 10 minutes on 2 cores; medium and large: the bigger figures (default: small)",
    )
    parser.add_argument("--smoke", action="store_true", help="tiny sizes that run in under a minute (CI)")
    parser.add_argument(
        "--only",
        action="append",
        choices=NAMES,
        metavar="NAME",
        help=f"run only this benchmark (repeatable): {', '.join(NAMES)}",
    )
    parser.add_argument(
        "--out", type=Path, metavar="FILE", help="write the results as JSON to FILE and Markdown beside it"
    )
    parser.add_argument(
        "--query-timeout",
        type=float,
        metavar="S",
        help="bound on each query run of the store benchmark, either engine (default: the size's; small: 5 s)",
    )
    parser.add_argument("--seed", type=int, default=0, help="seed of the generated corpora and graphs")
    parser.add_argument(
        "--graph",
        action="append",
        type=Path,
        metavar="FILE",
        help="a synthetic graph made before by `python -m benchmarks.graph` with this seed, used by the benchmarks "
        "that ask for its number of triples or documents instead of making it again (repeatable)",
    )
    parser.add_argument("--workdir", type=Path, help="where the scratch folder goes (default: the system temp dir)")
    return parser


def _say(message: str) -> None:
    print(f"[benchmarks {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


if __name__ == "__main__":
    raise SystemExit(main())
