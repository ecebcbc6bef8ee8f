#!/usr/bin/env python3
"""Answer the questions `policykg query` answers, with NetworkX over the graph JSON and rdflib over
the Turtle export, and print the answers as one JSON object for tests/integration/query.rs to
compare with policykg's.

    check_query.py GRAPH.json GRAPH.ttl --alias ALIAS --sparql QUERY

- `sources`: the sources behind the claims that mention the actor or agreement named ALIAS
  (its label or one of its aliases), each with the number of those claims (NetworkX);
- `relations`: the `relation` and `party_to` edges to or from it, as [source, target, key]
  (NetworkX);
- `sparql`: the rows of QUERY over the Turtle file (rdflib), each a list of the values bound,
  in the order of the query's variables (an unbound one as null).
"""
import argparse
import json

import networkx as nx
import rdflib

PREFIXES = {
    "pkg": "https://policykg.org/ns#",
    "pkgid": "https://policykg.org/id/",
    "schema": "https://schema.org/",
    "dcterms": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#",
    "bibo": "http://purl.org/ontology/bibo/",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("graph")
    ap.add_argument("ttl")
    ap.add_argument("--alias", required=True)
    ap.add_argument("--sparql", required=True)
    a = ap.parse_args()
    data = json.load(open(a.graph, encoding="utf-8"))
    g = nx.node_link_graph(data, edges="edges")
    entity = [n for n, d in g.nodes(data=True)
              if d["kind"] in ("actor", "agreement") and (d["label"] == a.alias or a.alias in d.get("aliases", []))]
    assert len(entity) == 1, entity
    (entity,) = entity
    mentioning = {s for s, t, d in g.in_edges(entity, data=True) if d["kind"] == "mentions"}
    behind = {}
    for c in mentioning:
        for _, s, d in g.out_edges(c, data=True):
            if d["kind"] == "cites":
                behind.setdefault(s, set()).add(c)
    relations = sorted(
        [s, t, k]
        for s, t, k, d in g.edges(keys=True, data=True)
        if d["kind"] in ("relation", "party_to") and entity in (s, t)
    )
    rdf = rdflib.Graph()
    rdf.parse(a.ttl, format="turtle")
    rows = rdf.query(a.sparql, initNs=PREFIXES)
    sparql = [[None if v is None else str(v) for v in row] for row in rows]
    print(json.dumps({
        "entity": entity,
        "sources": {s: len(cs) for s, cs in behind.items()},
        "relations": relations,
        "sparql": sparql,
    }))


if __name__ == "__main__":
    main()
