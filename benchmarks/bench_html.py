"""Benchmark the HTML network: generation time, file size, and time to a drawn page.

    python benchmarks/bench_html.py                 # 100, 1,000 and 5,000 nodes
    python benchmarks/bench_html.py --sizes 100 500

For each size a synthetic corpus (countries from the gazetteer; people holding
offices; agreements with parties; events condemned by countries and
organisations) goes through the real `resolve -> rdf` stages, then the HTML
export is timed, and the page is opened in headless Chromium, offline, until
the network has been drawn. From 1,000 entities the page opens grouped by
country: the first view is timed so, with the number of groups and of labels
drawn, then the groups are opened. Responsiveness is measured in the page,
ungrouped: one relation filter toggled off and on, one date range set and
cleared, one redraw, one zoom and one search. Results are printed and written
to benchmarks/results/html.json and html.md.
"""

from __future__ import annotations

import argparse
import datetime
import json
import platform
import random
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from screenshot import open_page  # noqa: E402

from graph.export import write_text_atomic  # noqa: E402
from graph.gazetteer import load_gazetteer  # noqa: E402
from graph.html import render_network  # noqa: E402
from graph.network import build_network, layout_positions  # noqa: E402
from graph.rdf import build_graph  # noqa: E402
from graph.resolve import resolve_corpus  # noqa: E402
from graph.types import (  # noqa: E402
    Condemnation,
    DocumentFacts,
    Entity,
    Evidence,
    Party,
    Role,
)

TITLES = ("Foreign Minister", "President", "Prime Minister", "Defence Minister", "Ambassador")
STATUSES = ("current", "current", "current", "acting", "former")


def synthetic_facts(nodes: int, *, seed: int = 1) -> list[DocumentFacts]:
    """Documents whose resolved graph has exactly `nodes` entity nodes."""
    rng = random.Random(seed)
    isos = sorted(load_gazetteer().countries)
    countries = [Entity("Country", iso, load_gazetteer().countries[iso].label)
                 for iso in rng.sample(isos, min(len(isos), max(2, nodes // 10)))]
    rest = nodes - len(countries)
    n_people, n_agreements, n_events = int(rest * 0.4), int(rest * 0.25), int(rest * 0.25)
    n_orgs = rest - n_people - n_agreements - n_events
    people = [Entity("Person", f"person {i}", f"Person {i}", (f"P{i}",)) for i in range(n_people)]
    agreements = [Entity("Agreement", f"agreement {i}", f"Agreement {i}")
                  for i in range(n_agreements)]
    events = [Entity("Event", f"event {i}", f"Event {i}") for i in range(n_events)]
    orgs = [Entity("Organization", f"org {i}", f"Organisation {i}", (f"O{i}",))
            for i in range(n_orgs)]
    docs = [f"doc{i:04d}" for i in range(max(1, nodes // 20))]
    facts: dict[str, dict[str, list]] = {d: {"roles": [], "parties": [], "cond": []} for d in docs}

    def ev(doc: str, sentence: str, rule: str) -> Evidence:
        return Evidence(doc, sentence, 0, len(sentence), rule)

    for person in people:
        doc, country, title = rng.choice(docs), rng.choice(countries), rng.choice(TITLES)
        text = f"{title} {person.label} of {country.label} spoke on {doc}."
        facts[doc]["roles"].append(Role(person, title, country, ev(doc, text, "role.title-name.v1"),
                                        status=rng.choice(STATUSES)))
    for agreement in agreements:
        doc = rng.choice(docs)
        parties = rng.sample(countries, min(len(countries), rng.randint(2, 5)))
        text = f"{', '.join(c.label for c in parties)} signed {agreement.label}."
        for country in parties:
            facts[doc]["parties"].append(
                Party(country, agreement, ev(doc, text, "agreement.signed.v1"),
                      rng.randint(1950, 2024)))
    actors = countries + orgs
    for event in events:
        doc, agent = rng.choice(docs), rng.choice(countries)
        for condemner in rng.sample(actors, min(len(actors), rng.randint(1, 3))):
            text = f"{condemner.label} condemned {event.label} by {agent.label}."
            facts[doc]["cond"].append(Condemnation(event, condemner,
                                                   ev(doc, text, "condemn.subject-verb.v1"),
                                                   agent=agent))
    out = []
    first = datetime.date(2020, 1, 1)
    for i, doc in enumerate(docs):
        # Documents spread over five years, for the date filter.
        date = (first + datetime.timedelta(days=rng.randrange(5 * 365))).isoformat()
        out.append(DocumentFacts(
            doc_id=doc, source=f"{doc}.txt", date=date, url=None, title=f"Statement {doc}",
            sentences=10, entities=tuple(orgs) if i == 0 else (),
            roles=tuple(facts[doc]["roles"]), parties=tuple(facts[doc]["parties"]),
            condemnations=tuple(facts[doc]["cond"])))
    return out


def bench(nodes: int, out_dir: Path) -> dict[str, float | int]:
    graph = build_graph(resolve_corpus(synthetic_facts(nodes)))
    started = time.perf_counter()
    network = build_network(graph)
    built = time.perf_counter()
    positions = layout_positions(network)
    laid_out = time.perf_counter()
    page = render_network(network, positions)
    path = write_text_atomic(out_dir / f"graph-{nodes}.html", page)
    finished = time.perf_counter()
    with open_page(path, timeout_ms=600_000) as (browser, refused, wall):
        first = browser.evaluate("""() => {
            const d = window.diplograph, b = d.network.body;
            const labels = b.nodeIndices.filter(id => b.nodes[id].labelModule.visible()).length;
            return {groups: d.groups().length, drawn: b.nodeIndices.length, labels};
        }""")
        # Each step is timed until the canvas has been drawn again.
        in_page = browser.evaluate("""async () => {
            const d = window.diplograph, n = d.network;
            const t0 = performance.now();
            d.setGrouped(false);
            const ungroup = performance.now() - t0;
            const t1 = performance.now();
            d.setGrouped(true);
            d.setGrouped(false);
            const regroup = performance.now() - t1;
            const drawnAll = d.drawn();
            const drawn = (action) => new Promise(done => {
                const t = performance.now();
                n.once("afterDrawing", () => done(performance.now() - t));
                action();
                n.redraw();
            });
            const filter = await drawn(() => d.setRelation('partyTo', false)) +
                           await drawn(() => d.setRelation('partyTo', true));
            const dates = await drawn(() => d.setDates('2021-01-01', '2021-12-31')) +
                          await drawn(() => d.setDates('0000-01-01', '9999-12-31'));
            const redraw = await drawn(() => {});
            const zoom = await drawn(() => n.moveTo({scale: n.getScale() * 2}));
            const t = performance.now();
            d.search(d.nodes.get()[0].label);
            const search = performance.now() - t;
            return {ready: d.readyMs, filter, dates, redraw, zoom, search, ungroup, regroup,
                    drawnAll};
        }""")
    drawn = in_page["drawnAll"]
    # Unconnected entities are hidden until asked for.
    connected = sum(1 for node in network.nodes if node.degree)
    if drawn != {"nodes": connected, "edges": len(network.edges)} or refused:
        raise SystemExit(f"{nodes} nodes: drew {drawn}, refused {refused[:3]}")
    return {
        "nodes": len(network.nodes),
        "edges": len(network.edges),
        "build_network_s": round(built - started, 3),
        "layout_s": round(laid_out - built, 3),
        "generate_s": round(finished - started, 3),
        "file_mb": round(path.stat().st_size / 1e6, 2),
        "page_ready_s": round(in_page["ready"] / 1000, 3),
        "open_to_drawn_s": round(wall, 3),
        "groups": first["groups"],
        "first_view_nodes": first["drawn"],
        "first_view_labels": first["labels"],
        "ungroup_ms": round(in_page["ungroup"], 1),
        "group_and_ungroup_ms": round(in_page["regroup"], 1),
        "filter_toggle_ms": round(in_page["filter"], 1),
        "date_filter_ms": round(in_page["dates"], 1),
        "redraw_ms": round(in_page["redraw"], 1),
        "zoom_ms": round(in_page["zoom"], 1),
        "search_ms": round(in_page["search"], 1),
    }


def to_markdown(rows: list[dict]) -> str:
    keys = list(rows[0])
    lines = ["| " + " | ".join(keys) + " |", "|" + " --- |" * len(keys)]
    lines += ["| " + " | ".join(str(r[k]) for k in keys) + " |" for r in rows]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 5000])
    parser.add_argument("--results", type=Path, default=HERE / "results")
    args = parser.parse_args(argv)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            row = bench(size, Path(tmp))
            print(json.dumps(row), flush=True)
            rows.append(row)
    machine = f"{platform.machine()}, {platform.python_version()}"
    args.results.mkdir(parents=True, exist_ok=True)
    write_text_atomic(args.results / "html.json",
                      json.dumps({"machine": machine, "rows": rows}, indent=2) + "\n")
    write_text_atomic(args.results / "html.md",
                      f"# HTML network benchmark\n\nMachine: {machine}. generate_s = build_network"
                      " + layout + render + write; page_ready_s = navigation start to first"
                      " full drawing (page clock), grouped by country from 1,000 entities;"
                      " open_to_drawn_s = the same from Python; groups, first_view_nodes and"
                      " first_view_labels = country groups, nodes and node labels drawn in the"
                      " first view; ungroup_ms = opening every group; group_and_ungroup_ms ="
                      " grouping again and opening again; filter_toggle_ms = one relation off"
                      " and on again, date_filter_ms = one year selected and the range cleared,"
                      " redraw_ms / zoom_ms = one frame, each until the canvas is drawn again"
                      " (ungrouped).\n\n"
                      + to_markdown(rows))
    print(to_markdown(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
