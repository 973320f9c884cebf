"""Where the nodes of a network are drawn: positions computed before a page opens.

In: node ids and (source, target) edges. Out: a deterministic canvas position
(pixels) per node: each connected component laid out on its own, then packed in
rows, largest first, so the browser has no physics to run. Pure geometry (networkx
and numpy, imported when called): `network.layout_positions` feeds it a
`NetworkData`, and the HTML and GraphML exports draw what it returns.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable

SMALL_COMPONENT = 400  # networkx's spring layout is exact and quick below this


def place_nodes(nodes: Iterable[str], edges: Iterable[tuple[str, str]], *,
                spacing: float = 170.0, seed: int = 7) -> dict[str, tuple[float, float]]:
    """Canvas positions (pixels) of every node, deterministic for given nodes and edges.

    Each connected component is laid out on its own (networkx's spring layout
    for small ones, a grid-approximated force layout for large ones, since
    networkx needs scipy beyond 500 nodes and its dense solver takes ~50 s on
    5,000), then the components are packed in rows, largest first, so
    unrelated clusters do not overlap.
    """
    import networkx as nx

    graph = nx.Graph()
    graph.add_nodes_from(nodes)
    graph.add_edges_from((source, target) for source, target in edges if source != target)
    components = sorted((sorted(c) for c in nx.connected_components(graph)),
                        key=lambda c: (-len(c), c[0]))
    boxes: list[tuple[float, dict[str, tuple[float, float]]]] = []
    for members in components:
        if len(members) == 1:
            boxes.append((spacing * 0.45, {members[0]: (0.0, 0.0)}))
            continue
        unit = _component_layout(graph.subgraph(members), members, seed)
        side = spacing * 1.25 * math.sqrt(len(members))
        if len(members) < SMALL_COMPONENT:
            # Spring layouts can put two nodes almost on top of each other; push
            # such pairs apart until labels have room.
            unit = _separate(unit, 0.7 * spacing / (side / 2))
            extent = max(1.0, max(max(abs(x), abs(y)) for x, y in unit.values()))
            side *= extent
            unit = {n: (x / extent, y / extent) for n, (x, y) in unit.items()}
        boxes.append((side, {n: (x * side / 2, y * side / 2) for n, (x, y) in unit.items()}))
    return _pack(boxes, spacing * 0.5)


def _separate(unit: dict[str, tuple[float, float]], gap: float,
              rounds: int = 50) -> dict[str, tuple[float, float]]:
    """Move apart every pair of points closer than `gap` (O(n^2) per round: small n only).

    The result may reach beyond [-1, 1]; the caller grows the component's box to fit.
    """
    import numpy as np

    names = list(unit)
    pos = np.array([unit[n] for n in names], dtype=float)
    for _ in range(rounds):
        delta = pos[:, None, :] - pos[None, :, :]
        dist = np.sqrt((delta ** 2).sum(axis=2))
        np.fill_diagonal(dist, np.inf)
        overlap = np.clip(gap - dist, 0.0, None)
        if not overlap.any():
            break
        push = (delta / np.maximum(dist, 1e-9)[:, :, None]) * (overlap / 2)[:, :, None]
        pos += push.sum(axis=1)
    return {n: (float(x), float(y)) for n, (x, y) in zip(names, pos, strict=True)}


def _component_layout(graph, members: list[str], seed: int) -> dict[str, tuple[float, float]]:
    """Positions within [-1, 1] for one connected component."""
    import networkx as nx

    if len(members) == 1:
        return {members[0]: (0.0, 0.0)}
    if len(members) == 2:
        return {members[0]: (-0.7, 0.0), members[1]: (0.7, 0.0)}
    if len(members) < SMALL_COMPONENT:
        ordered = nx.Graph()
        ordered.add_nodes_from(members)
        ordered.add_edges_from(sorted(tuple(sorted(e)) for e in graph.edges()))
        pos = nx.spring_layout(ordered, seed=seed)
        return {n: (float(x), float(y)) for n, (x, y) in pos.items()}
    index = {n: i for i, n in enumerate(members)}
    edges = sorted((index[a], index[b]) for a, b in graph.edges())
    return dict(zip(members, _grid_force_layout(len(members), edges, seed), strict=True))


def _grid_force_layout(n: int, edges: list[tuple[int, int]], seed: int,
                       iterations: int = 60, cells: int = 16) -> list[tuple[float, float]]:
    """Fruchterman-Reingold with repulsion from grid-cell centroids (O(n * cells^2)).

    Exact repulsion is O(n^2) per step; summing it per cell of a grid instead
    keeps 5,000 nodes to a few seconds while still spreading clusters apart.
    Nodes that share a cell barely push each other, so a last pass fans out
    any that ended up on top of one another.
    """
    import numpy as np

    rng = np.random.default_rng(seed)
    pos = rng.uniform(-1.0, 1.0, size=(n, 2)).astype(np.float32)
    src = np.array([a for a, _ in edges], dtype=np.intp)
    dst = np.array([b for _, b in edges], dtype=np.intp)
    k = math.sqrt(4.0 / n)
    step = 0.1
    for _ in range(iterations):
        low, high = pos.min(axis=0), pos.max(axis=0)
        extent = np.maximum(high - low, 1e-9)
        cell = np.minimum(((pos - low) / extent * cells).astype(np.intp), cells - 1)
        flat = cell[:, 0] * cells + cell[:, 1]
        mass = np.bincount(flat, minlength=cells * cells).astype(float)
        sums = np.stack([np.bincount(flat, weights=pos[:, d], minlength=cells * cells)
                         for d in (0, 1)], axis=1)
        used = mass > 0
        centres, weights = sums[used] / mass[used, None], mass[used]
        delta = pos[:, None, :] - centres[None, :, :]
        dist2 = np.maximum((delta ** 2).sum(axis=2), (k * 0.05) ** 2)
        disp = (delta * (k * k * weights / dist2)[:, :, None]).sum(axis=1)
        if len(src):
            pull = pos[src] - pos[dst]
            length = np.maximum(np.sqrt((pull ** 2).sum(axis=1)), 1e-9)
            force = pull * (length / k)[:, None]
            np.subtract.at(disp, src, force)
            np.add.at(disp, dst, force)
        size = np.maximum(np.sqrt((disp ** 2).sum(axis=1)), 1e-9)
        pos += disp / size[:, None] * np.minimum(size, step)[:, None]
        step = max(step * 0.95, 0.005)
    _fan_out(pos, k * 0.5)
    pos -= pos.mean(axis=0)
    pos /= max(float(np.abs(pos).max()), 1e-9)
    return [(float(x), float(y)) for x, y in pos]


def _fan_out(pos, radius: float) -> None:
    """Move nodes that share a cell of side `radius` onto a small circle, in place."""
    groups: dict[tuple[int, int], list[int]] = defaultdict(list)
    for i, (x, y) in enumerate(pos.tolist()):
        groups[(math.floor(x / radius), math.floor(y / radius))].append(i)
    for members in groups.values():
        if len(members) < 2:
            continue
        cx, cy = pos[members].mean(axis=0).tolist()
        ring = radius * (0.4 + 0.1 * math.sqrt(len(members)))
        for j, i in enumerate(members):
            angle = 2 * math.pi * j / len(members)
            pos[i] = (cx + ring * math.cos(angle), cy + ring * math.sin(angle))


def _pack(boxes: list[tuple[float, dict[str, tuple[float, float]]]],
          gap: float) -> dict[str, tuple[float, float]]:
    """Place square boxes in rows of about equal width; the result is centred on 0."""
    if not boxes:
        return {}
    width = max(max(side for side, _ in boxes),
                math.sqrt(sum((side + gap) ** 2 for side, _ in boxes)))
    out: dict[str, tuple[float, float]] = {}
    x = y = row_height = 0.0
    for side, pos in boxes:
        if x > 0 and x + side > width:
            x, y, row_height = 0.0, y + row_height + gap, 0.0
        cx, cy = x + side / 2, y + side / 2
        for node, (px, py) in pos.items():
            out[node] = (cx + px, cy + py)
        x += side + gap
        row_height = max(row_height, side)
    xs, ys = [p[0] for p in out.values()], [p[1] for p in out.values()]
    mx, my = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
    return {node: (round(px - mx, 1), round(py - my, 1)) for node, (px, py) in out.items()}
