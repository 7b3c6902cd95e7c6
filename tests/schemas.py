#!/usr/bin/python3
"""Every JSON output in the golden tests, validated against its schema
(schemas/*.schema.json, draft 2020-12) by a real validator: Debian's
python3-jsonschema.  Each schema must be met by at least one case, and a
JSON output naming no known schema fails.  Run by `make test`."""
import glob
import json
import os
import sys

import jsonschema

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(here)
schemas = {}
for path in sorted(glob.glob(os.path.join(root, "schemas", "*.schema.json"))):
    with open(path, encoding="utf-8") as f:
        s = json.load(f)
    jsonschema.Draft202012Validator.check_schema(s)
    schemas[s["$id"]] = s

by_name = {
    "yoy-disclosure/1": "disclosure", "yoy-check/1": "check", "yoy-check-all/1": "check-all",
    "yoy-diff/1": "diff", "yoy-trend/1": "trend", "yoy-report/1": "report", "yoy-log/1": "log",
    "yoy-check-rank/1": "check-rank",
}
base = "https://yoy.example.org/schemas/"


def validator(name):
    schema = schemas[base + name + ".schema.json"]
    try:  # jsonschema >= 4.18
        from referencing import Registry, Resource
        registry = Registry().with_resources(
            (uri, Resource.from_contents(s)) for uri, s in schemas.items())
        return jsonschema.Draft202012Validator(schema, registry=registry)
    except ImportError:  # Debian 12's 4.10
        resolver = jsonschema.RefResolver(base, schema, store=dict(schemas))
        return jsonschema.Draft202012Validator(schema, resolver=resolver)


validators = {n: validator(n) for n in by_name.values()}
met = {n: 0 for n in by_name.values()}
bad = 0
for out in sorted(glob.glob(os.path.join(here, "cases", "*", "stdout"))):
    case = os.path.basename(os.path.dirname(out))
    with open(out, encoding="utf-8-sig") as f:
        text = f.read()
    if not text.lstrip().startswith("{"):
        continue
    doc = json.loads(text)
    name = by_name.get(doc.get("schema"))
    if not name:
        print(f"schemas: {case}: no schema for {doc.get('schema')!r}")
        bad += 1
        continue
    errors = sorted(validators[name].iter_errors(doc), key=lambda e: list(e.path))
    for e in errors[:5]:
        print(f"schemas: {case}: {'/'.join(map(str, e.path))}: {e.message[:200]}")
    bad += bool(errors)
    met[name] += 1
for name, n in met.items():
    if not n:
        print(f"schemas: no golden case gives {name} JSON")
        bad += 1
print("schemas: " + ", ".join(f"{n} {k}" for k, n in met.items()) + " outputs valid"
      if not bad else f"schemas: {bad} failures")
sys.exit(1 if bad else 0)
