"""Screenshots (`make screenshots`): the explorer's home, entity and order pages, and `kg analyze`'s graph.html.

Serves a built store (the bundled corpus's by default) with `kg serve` in a thread, and photographs each page with
headless chromium at full page height; graph.html is written for the store's actor-order graph and photographed
once its layout has settled. Run: python tests/screenshots.py --store .kg/store --out docs/screenshots
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # run as a script: tests/ holds the browser helpers

from browser import browser_missing, chromium, running_server  # noqa: E402

# Pages of the bundled corpus: a person who issued orders, and the federal order most documents discuss.
PAGES = {
    "home.png": "/?q=trump",
    "entity.png": "/entity/county/fips-12086",
    "order.png": "/entity/order/executive-order-13768",
}
WIDTH = 1280


def screenshots(store: Path, out: Path, pages: dict[str, str] = PAGES) -> list[Path]:
    """Write one PNG per page into `out`; return their paths."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    with running_server(store) as base, chromium(WIDTH, 900) as driver:
        for name, path in pages.items():
            driver.get(base + path)
            # The whole page, capped so that a long list of facts does not make an unreadable strip.
            height = min(driver.execute_script("return document.documentElement.scrollHeight"), 2400)
            driver.set_window_size(WIDTH, height)
            target = out / name
            driver.save_screenshot(str(target))
            written.append(target)
        written.append(graph_view(store, out / "graph.png", driver))
    return written


def graph_view(store: Path, target: Path, driver: object) -> Path:
    """A PNG of graph.html (`kg analyze`) for the store's actor-order graph, as it opens."""
    from kg.analysis import actor_order_graph
    from kg.analysis.interactive import write_interactive
    from kg.store import EmbeddedStore

    with tempfile.TemporaryDirectory(prefix="kg-graph-") as folder:
        with EmbeddedStore(store, create=False, read_only=True) as opened:
            page = write_interactive(actor_order_graph(opened), Path(folder) / "graph.html")
        driver.set_window_size(WIDTH, 800)
        driver.get(page.as_uri())
        deadline = time.monotonic() + 60
        while not driver.execute_script("return Boolean(window.kgGraph && window.kgGraph.ready)"):
            if time.monotonic() > deadline:
                raise RuntimeError("graph.html did not settle")
            time.sleep(0.2)
        driver.save_screenshot(str(target))
    return target


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, default=Path(".kg/store"))
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    args = parser.parse_args()
    missing = browser_missing()
    if missing:
        print(f"screenshots: {missing}", file=sys.stderr)
        return 1
    for path in screenshots(args.store, args.out):
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
