// Parse a GraphML file with graphology, as Gephi Lite does, and print what it kept as JSON:
// node and edge counts, edge ids, and the JavaScript type of every attribute.
// Usage: node load-graphml.js path/to/graph.graphml
'use strict';

const fs = require('fs');
const {MultiDirectedGraph} = require('graphology');
const {parse} = require('graphology-graphml');

const text = fs.readFileSync(process.argv[2], 'utf8');
const graph = parse(MultiDirectedGraph, text);

const types = (each) => {
  const seen = {};
  each((attributes) => {
    for (const [name, value] of Object.entries(attributes)) {
      (seen[name] = seen[name] || new Set()).add(typeof value);
    }
  });
  return Object.fromEntries(Object.entries(seen).sort().map(([k, v]) => [k, [...v].sort()]));
};

console.log(JSON.stringify({
  type: graph.type,
  multi: graph.multi,
  nodes: graph.order,
  edges: graph.size,
  edgeIds: graph.edges().sort(),
  nodeTypes: types((f) => graph.forEachNode((_n, a) => f(a))),
  edgeTypes: types((f) => graph.forEachEdge((_e, a) => f(a))),
}));
