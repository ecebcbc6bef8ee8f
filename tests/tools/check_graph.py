#!/usr/bin/env python3
"""Load a policykg JSON graph with NetworkX as the contract promises and check it.

    check_graph.py GRAPH.json   prints `nodes=N edges=M` and exits 0, or fails loudly.
"""
import json
import sys

import networkx as nx


def main(path):
    data = json.load(open(path, encoding="utf-8"))
    g = nx.node_link_graph(data, edges="edges")
    ids = [n["id"] for n in data["nodes"]]
    assert len(ids) == len(set(ids)), "node ids are not unique"
    known = set(ids)
    for e in data["edges"]:
        assert e["source"] in known and e["target"] in known, f"dangling edge {e['source']} -> {e['target']}"
    assert g.is_directed() and g.is_multigraph()
    assert g.number_of_edges() == len(data["edges"]), "edges were collapsed"
    for n in data["nodes"]:
        assert n.get("kind") and "label" in n, f"node {n['id']} lacks kind or label"
    for d in data["graph"]["diagnostics"]:
        assert set(d) >= {"code", "severity", "document", "line", "column", "note", "message"}, d
    print(f"nodes={g.number_of_nodes()} edges={g.number_of_edges()}")


if __name__ == "__main__":
    main(sys.argv[1])
