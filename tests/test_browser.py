"""The HTML page opened once in a real headless Chromium (Debian's `chromium`).

Checks what a person would see: the network is drawn with every relation and
every connected entity, labels are legible at the first view, filters (relation,
document, the confidence slider) and search work, a clicked entity is focused,
web text is not executed, nothing is fetched from the network, and a screenshot
is saved. Chromium missing is a failure,
not a skip: `make browser` installs it.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest

from graph.html import write_html
from graph.network import build_network
from graph.rdf import mint_iri

from .test_network import scored_graph

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def _chromium_path() -> str:
    path = shutil.which("chromium") or (CHROMIUM if Path(CHROMIUM).exists() else None)
    if path is None:
        pytest.fail("headless Chromium is missing: run `make browser` (Debian package "
                    "`chromium`, apt-get install -y chromium) before the browser tests",
                    pytrace=False)
    return path


@pytest.fixture(scope="module")
def page_file(tmp_path_factory):
    graph = scored_graph()
    path = write_html(graph, tmp_path_factory.mktemp("html") / "graph.html")
    return path, build_network(graph)


@pytest.fixture(scope="module")
def opened(page_file):
    """The page open in Chromium: (page, requests made, console errors)."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("playwright is missing: install the test extra (pip install -e '.[test]')",
                    pytrace=False)
    path, _network = page_file
    executable = _chromium_path()
    page_url = path.resolve().as_uri()
    requests: list[str] = []
    errors: list[str] = []
    with tempfile.TemporaryDirectory() as profile, sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            profile, executable_path=executable, headless=True, args=CHROMIUM_FLAGS,
            viewport={"width": 1280, "height": 800})

        def guard(route):
            # Record every request; let only the page itself through.
            requests.append(route.request.url)
            if route.request.url == page_url:
                route.continue_()
            else:
                route.abort()

        context.route("**/*", guard)
        page = context.new_page()
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(page_url)
        page.wait_for_function("window.diplograph && window.diplograph.ready", timeout=30_000)
        yield page, requests, errors, page_url
        context.close()


def test_browser_draws_every_edge_and_connected_node(opened, page_file, tmp_path):
    page, _requests, errors, _url = opened
    _path, network = page_file
    connected = sum(1 for n in network.nodes if n.degree)
    drawn = page.evaluate("window.diplograph.drawn()")
    assert drawn == {"nodes": connected, "edges": len(network.edges)}
    # Labels read at 100% on screen at the first fit.
    pixels = page.evaluate("window.diplograph.labelPixels()")
    assert pixels["node"] >= 14 and pixels["edge"] >= 11
    assert errors == []
    shot = tmp_path / "graph.png"
    page.screenshot(path=str(shot))
    assert shot.stat().st_size > 10_000
    # NATO and the hostile organisation have no relation: shown only on request.
    page.check("#show-unconnected")
    assert page.evaluate("window.diplograph.drawn()")["nodes"] == len(network.nodes)
    page.uncheck("#show-unconnected")
    assert page.evaluate("window.diplograph.drawn()")["nodes"] == connected


def test_browser_makes_no_network_request(opened):
    page, requests, _errors, page_url = opened
    assert page.evaluate("performance.getEntriesByType('resource').length") == 0
    assert [r for r in requests if r != page_url] == []


def test_browser_does_not_run_web_text(opened):
    page, *_ = opened
    assert page.evaluate("window.pwned === undefined")
    assert page.evaluate("document.querySelectorAll('img').length") == 0


def test_browser_filters_by_relation_and_document(opened, page_file):
    page, *_ = opened
    _path, network = page_file
    page.evaluate("window.diplograph.setRelation('partyTo', false)")
    drawn = page.evaluate("window.diplograph.drawn()")
    assert drawn["edges"] == len(network.edges) - 2
    # The treaty loses both its edges; unconnected entities (NATO, ...) stay hidden.
    assert drawn["nodes"] == sum(1 for n in network.nodes if n.degree) - 1
    page.evaluate("window.diplograph.setRelation('partyTo', true)")
    doc_b = [d.id for d in network.documents].index(str(mint_iri("Document", "b")))
    page.evaluate(f"window.diplograph.setDocuments([{doc_b}])")
    # Document b: Park's office, Blinken's office, the condemnation and its agent.
    assert page.evaluate("window.diplograph.drawn()")["edges"] == 4
    page.evaluate(f"window.diplograph.setDocuments({list(range(len(network.documents)))})")
    assert page.evaluate("window.diplograph.drawn()")["edges"] == len(network.edges)


def test_browser_search_finds_a_node_by_alias(opened):
    page, *_ = opened
    page.fill("#search", "rok")
    page.press("#search", "Enter")
    page.wait_for_timeout(100)
    assert page.evaluate("window.diplograph.selected()") == [str(mint_iri("Country", "KOR"))]
    details = page.evaluate("window.diplograph.details()")
    assert "South Korea" in details and "ROK" in details


def test_browser_clicked_edge_shows_evidence(opened):
    page, *_ = opened
    edge_id = page.evaluate(
        "window.diplograph.edges.get({filter: e => e.relation === 'condemnedBy'})[0].id")
    # An earlier search may still be zooming (a 400 ms animation): settle the view first.
    page.wait_for_timeout(600)
    page.evaluate("window.diplograph.network.fit({animation: false})")
    # Click the middle of the edge as a person would.
    box = page.locator("#network").bounding_box()
    mid = page.evaluate(
        "(() => { const d = window.diplograph, n = d.network;"
        f" const e = d.edges.get({edge_id!r});"
        " const a = n.canvasToDOM(n.getPosition(e.from)), b = n.canvasToDOM(n.getPosition(e.to));"
        " return {x: (a.x + b.x) / 2, y: (a.y + b.y) / 2}; })()")
    page.mouse.click(box["x"] + mid["x"], box["y"] + mid["y"])
    details = page.evaluate("window.diplograph.details()")
    assert "condemned" in details and "condemn.subject-verb.v1" in details
    assert "The United States condemned the DPRK's missile launch." in details
    assert "confidence70%" in details.replace(" ", "")


def test_browser_confidence_slider_hides_weak_edges(opened, page_file):
    page, *_ = opened
    _path, network = page_file
    before = page.evaluate("window.diplograph.drawn()")
    assert before["edges"] == len(network.edges)
    # Moved as a person would: the slider's own input event.
    page.locator("#confidence").fill("0.5")
    # Korea's treaty party (0.3) and Park's acting office (0.45) go, so do Park and Korea.
    assert page.evaluate("window.diplograph.drawn()") == {"nodes": before["nodes"] - 2,
                                                          "edges": before["edges"] - 2}
    assert page.locator("#confidence-value").text_content() == "50%"
    page.locator("#confidence").fill("0.75")
    # Left: USA party to the treaty (0.9), Blinken (0.8), the unscored agent.
    assert page.evaluate("window.diplograph.drawn()")["edges"] == 3
    page.check("#show-unconnected")
    assert page.evaluate("window.diplograph.drawn()") == {"nodes": len(network.nodes),
                                                          "edges": 3}
    page.uncheck("#show-unconnected")
    page.locator("#confidence").fill("0")
    assert page.evaluate("window.diplograph.drawn()") == before


def test_browser_clicked_node_focuses_its_neighbours(opened, page_file):
    page, *_ = opened
    _path, network = page_file
    usa = str(mint_iri("Country", "USA"))
    page.wait_for_timeout(600)
    page.evaluate("window.diplograph.network.fit({animation: false})")
    box = page.locator("#network").bounding_box()
    at = page.evaluate(f"window.diplograph.network.canvasToDOM("
                       f"window.diplograph.network.getPosition({usa!r}))")
    page.mouse.click(box["x"] + at["x"], box["y"] + at["y"])
    # The USA's neighbours: the treaty, Blinken, the launch. The rest fade.
    near = {usa, str(mint_iri("Agreement", "mutual defense treaty")),
            str(mint_iri("Person", "antony blinken")), str(mint_iri("Event", "missile launch"))}
    assert set(page.evaluate("window.diplograph.dimmed()")) == {n.id for n in network.nodes} - near
    page.keyboard.press("Escape")
    assert page.evaluate("window.diplograph.dimmed()") == []
