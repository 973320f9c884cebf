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


# Share of the network canvas's pixels that are strongly coloured (node fills,
# arrows): fading the entities around a focus must lower it.
INK = """(() => {
    const c = document.querySelector('#network canvas');
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let ink = 0;
    for (let i = 0; i < d.length; i += 4) {
        const hi = Math.max(d[i], d[i + 1], d[i + 2]), lo = Math.min(d[i], d[i + 1], d[i + 2]);
        if (d[i + 3] > 200 && hi - lo > 80) { ink++; }
    }
    return ink / (d.length / 4);
})()"""


def _settle(page) -> None:
    page.wait_for_timeout(600)  # an earlier search may still be zooming
    page.evaluate("window.diplograph.clearFocus(); window.diplograph.network.unselectAll();"
                  " window.diplograph.network.fit({animation: false})")


def test_browser_focus_view_fades_the_rest(opened, page_file, tmp_path):
    page, _requests, errors, _url = opened
    _path, network = page_file
    _settle(page)
    before = page.evaluate(INK)
    page.screenshot(path=str(tmp_path / "first.png"))
    kor = str(mint_iri("Country", "KOR"))
    page.evaluate(f"window.diplograph.focus({kor!r})")
    page.evaluate("window.diplograph.network.redraw()")
    after = page.evaluate(INK)
    page.screenshot(path=str(tmp_path / "focus.png"))
    # South Korea's neighbours: the treaty and Park; the other connected entities fade.
    near = {kor, str(mint_iri("Agreement", "mutual defense treaty")),
            str(mint_iri("Person", "park jin"))}
    assert set(page.evaluate("window.diplograph.dimmed()")) == {n.id for n in network.nodes} - near
    assert 0 < after < before * 0.8
    # Labels of the focused entities stay at full colour, the others are faint.
    fonts = page.evaluate("Object.fromEntries(window.diplograph.nodes.get()"
                          ".map(n => [n.id, n.font.color]))")
    assert fonts[kor] == "#222222"
    assert fonts[str(mint_iri("Country", "USA"))].startswith("rgba(")
    assert (tmp_path / "focus.png").stat().st_size > 10_000
    page.keyboard.press("Escape")
    assert errors == []


def test_browser_labels_follow_the_zoom(opened):
    page, *_ = opened
    _settle(page)
    usa = str(mint_iri("Country", "USA"))
    visible = f"window.diplograph.network.body.nodes[{usa!r}].labelModule.visible()"
    # At the first view, a label is drawn at 14 px or more (>= 12 px asked for).
    assert page.evaluate("window.diplograph.labelPixels()")["node"] >= 12
    assert page.evaluate(visible) is True
    # Zoomed far out, labels would be specks: they are not drawn at all.
    page.evaluate("window.diplograph.network.moveTo({scale: 0.05})")
    assert page.evaluate("window.diplograph.labelPixels()")["node"] < 8
    assert page.evaluate(visible) is False
    page.evaluate("window.diplograph.network.fit({animation: false})")
    assert page.evaluate(visible) is True


def test_browser_date_filter_hides_claims_outside_the_range(opened, page_file):
    page, *_ = opened
    _path, network = page_file
    d = "window.diplograph"
    assert page.evaluate(f"{d}.state.dates") == {"from": "2023-04-26", "to": "2023-05-01"}
    # Document a (26 April): the treaty's two parties and Blinken's office (also in b).
    page.evaluate(f"{d}.setDates('2023-04-01', '2023-04-30')")
    shown = page.evaluate(f"{d}.edges.get().filter(e => {d}.state.edges.has(e.id))"
                          ".map(e => e.relation).sort()")
    assert shown == ["holdsPosition", "partyTo", "partyTo"]
    # The "to" handle moved as a person would: to the first date, then back to the last.
    page.evaluate(f"{d}.setDates('2023-04-26', '2023-05-01')")
    page.locator("#date-to").fill("0")
    assert page.locator("#date-to-value").text_content() == "2023-04-26"
    assert page.evaluate(f"{d}.drawn()")["edges"] == 3
    page.locator("#date-from").fill("1")
    # Past the "to" handle, "from" takes it along: 1 May, document b only.
    assert page.locator("#date-to-value").text_content() == "2023-05-01"
    assert page.evaluate(f"{d}.drawn()")["edges"] == 4
    page.evaluate(f"{d}.setDates('2024-01-01', '2024-12-31')")
    assert page.evaluate(f"{d}.drawn()") == {"nodes": 0, "edges": 0}
    page.evaluate(f"{d}.setDates('2023-04-26', '2023-05-01')")
    assert page.evaluate(f"{d}.drawn()")["edges"] == len(network.edges)


def test_browser_clicked_edge_highlights_the_matched_words(opened):
    page, *_ = opened
    _settle(page)
    edge_id = page.evaluate(
        "window.diplograph.edges.get({filter: e => e.relation === 'partyTo'"
        " && e.confidence === 0.9})[0].id")
    page.evaluate(f"window.diplograph.showEdge({edge_id!r})")
    # "The U.S. and the ROK signed the Mutual Defense Treaty in 1953.": the USA's
    # alias, the relation's word and the treaty; the ROK is not this claim's.
    assert page.evaluate("window.diplograph.marks()") == [
        ["U.S.", "name"], ["signed", "cue"], ["Mutual Defense Treaty", "name"]]
    quote = page.locator("#details blockquote.evidence").first.text_content()
    assert quote == "The U.S. and the ROK signed the Mutual Defense Treaty in 1953."


def test_browser_exports_the_visible_claims_as_csv(opened, page_file, tmp_path):
    import csv

    page, *_ = opened
    _path, network = page_file
    page.evaluate("window.diplograph.setRelation('holdsPosition', false)")
    with page.expect_download() as info:
        page.click("#export-csv")
    saved = tmp_path / "claims.csv"
    info.value.save_as(saved)
    page.evaluate("window.diplograph.setRelation('holdsPosition', true)")
    assert info.value.suggested_filename == "diplograph-claims.csv"
    with saved.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    # Offices were hidden: the treaty's two parties, the condemnation, its agent.
    assert sorted(r["relation"] for r in rows) == ["agent", "condemnedBy", "partyTo", "partyTo"]
    condemned = next(r for r in rows if r["relation"] == "condemnedBy")
    assert condemned["subject"] == "missile launch" and condemned["object"] == "United States"
    assert condemned["evidence"] == "The United States condemned the DPRK's missile launch."
    assert condemned["confidence"] == "0.7" and condemned["dates"] == "2023-05-01"
    assert condemned["rules"] == "condemn.subject-verb.v1"
    # Every claim when nothing is filtered.
    text = page.evaluate("window.diplograph.claimsCsv()")
    assert len(list(csv.DictReader(text.splitlines()))) == len(network.edges)


def test_browser_exports_the_view_as_png(opened, tmp_path):
    page, _requests, errors, _url = opened
    with page.expect_download() as info:
        page.click("#export-png")
    saved = tmp_path / "view.png"
    info.value.save_as(saved)
    head = saved.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    canvas = page.evaluate("(() => { const c = document.querySelector('#network canvas');"
                           " return [c.width, c.height]; })()")
    assert [int.from_bytes(head[16:20], "big"), int.from_bytes(head[20:24], "big")] == canvas
    assert errors == []


def test_browser_groups_entities_by_country(opened):
    page, *_ = opened
    d = "window.diplograph"
    page.check("#group-countries")
    # The USA with Blinken, South Korea with Park and the treaty, North Korea
    # with the launch it carried out: three groups, nothing else connected.
    groups = page.evaluate(f"{d}.groups()")
    assert sorted(groups) == sorted("group:" + str(mint_iri("Country", k))
                                    for k in ("USA", "KOR", "PRK"))
    assert page.evaluate(f"{d}.drawn()")["nodes"] == 3
    # Filters regroup what is shown: without "carried out by", North Korea goes
    # and the launch stands alone beside two groups; an opened group shows its three.
    page.evaluate(f"{d}.setRelation('agent', false)")
    assert sorted(page.evaluate(f"{d}.groups()")) == sorted(
        "group:" + str(mint_iri("Country", k)) for k in ("USA", "KOR"))
    assert page.evaluate(f"{d}.drawn()")["nodes"] == 3
    page.evaluate(f"{d}.network.openCluster('group:' + {str(mint_iri('Country', 'KOR'))!r})")
    assert page.evaluate(f"{d}.drawn()")["nodes"] == 5
    page.evaluate(f"{d}.setRelation('agent', true)")
    page.uncheck("#group-countries")
    assert page.evaluate(f"{d}.groups()") == []
    assert page.evaluate(f"{d}.drawn()")["nodes"] == 7
