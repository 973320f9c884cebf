"""Screenshot an exported network page in headless Chromium.

    python benchmarks/screenshot.py exports/graph.html docs/graph.png
    python benchmarks/screenshot.py exports/graph.html docs/focus.png --focus "South Korea"

Opens the page offline (every request other than the page itself is refused),
waits until the network has been drawn, and writes a PNG. `make screenshot`
rebuilds the seed graph and runs this for the README's picture.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def chromium_path() -> str:
    """Debian's Chromium, or a clear error saying how to install it."""
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        raise SystemExit("chromium not found: run `make browser` (apt-get install -y chromium)")
    return path


@contextmanager
def open_page(html: Path, *, width: int = 1400, height: int = 900,
              timeout_ms: int = 300_000) -> Iterator[tuple[object, list[str], float]]:
    """Yield (page, refused request URLs, seconds from navigation to drawn)."""
    from playwright.sync_api import sync_playwright

    url = html.resolve().as_uri()
    refused: list[str] = []
    with tempfile.TemporaryDirectory() as profile, sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            profile, executable_path=chromium_path(), headless=True, args=CHROMIUM_FLAGS,
            viewport={"width": width, "height": height})

        def guard(route):
            if route.request.url == url:
                route.continue_()
            else:
                refused.append(route.request.url)
                route.abort()

        context.route("**/*", guard)
        try:
            page = context.new_page()
            started = time.perf_counter()
            page.goto(url, timeout=timeout_ms)
            page.wait_for_function("window.diplograph && window.diplograph.ready",
                                   timeout=timeout_ms, polling=50)
            yield page, refused, time.perf_counter() - started
        finally:
            context.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("html", type=Path, help="the page, e.g. exports/graph.html")
    parser.add_argument("png", type=Path, help="where to write the screenshot")
    parser.add_argument("--width", type=int, default=1400)
    parser.add_argument("--height", type=int, default=900)
    parser.add_argument("--search", help="a name to find and select before the shot")
    parser.add_argument("--focus", help="a name to focus (the entity and its neighbours; "
                        "the rest fade) before the shot")
    args = parser.parse_args(argv)
    with open_page(args.html, width=args.width, height=args.height) as (page, refused, _):
        if args.search:
            page.evaluate("name => window.diplograph.search(name)", args.search)
            page.wait_for_timeout(600)
        if args.focus:
            found = page.evaluate("name => window.diplograph.search(name)", args.focus)
            if found is None:
                raise SystemExit(f"no entity is called {args.focus!r}")
            page.wait_for_timeout(600)
            # Back to the whole view, with the entity in focus as a click leaves it.
            page.evaluate("id => { const d = window.diplograph;"
                          " d.network.fit({animation: false}); d.focus(id); }", found)
            page.wait_for_timeout(100)
        args.png.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(args.png))
    if refused:
        print(f"refused {len(refused)} request(s): {refused[:3]}", file=sys.stderr)
        return 1
    print(f"wrote {args.png}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
