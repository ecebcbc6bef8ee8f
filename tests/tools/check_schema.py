#!/usr/bin/env python3
"""Validate policykg graph JSON files against the JSON Schema (draft 2020-12).

    check_schema.py SCHEMA.json GRAPH.json [...]   prints `OK FILE` per file, or every error
                                                   (path: message) on stderr and exits 1.
"""
import json
import sys

import jsonschema


def main(schema_path, paths):
    schema = json.load(open(schema_path, encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    bad = 0
    for path in paths:
        errors = sorted(validator.iter_errors(json.load(open(path, encoding="utf-8"))), key=lambda e: list(e.absolute_path))
        for e in errors[:20]:
            where = "/".join(str(p) for p in e.absolute_path)
            print(f"check_schema: FAIL: {path}: /{where}: {e.message[:300]}", file=sys.stderr)
        bad += bool(errors)
        if not errors:
            print(f"OK {path}")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2:])
