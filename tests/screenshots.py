"""Screenshots of the explorer (`make screenshots`): the home page, an entity page and an order page as PNGs.

Serves a built store (the bundled corpus's by default) with `kg serve` in a thread, and photographs each page with
headless chromium at full page height. Run: python tests/screenshots.py --store .kg/store --out docs/screenshots
"""

from __future__ import annotations

import argparse
import sys
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
    return written


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
