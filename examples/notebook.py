#!/usr/bin/env python3
"""A notebook-style walk through the analytics API, Python standard library and pandas only.

    1. page through events with GraphQL, 100 at a time, into a DataFrame;
    2. read aggregates the graph computes (task stats and velocity, usage series, event counts);
    3. run a bulk export of the same events and load its NDJSON download into a DataFrame.

    SCRUMS_API_URL=http://localhost:4000 SCRUMS_TOKEN=<token printed by npm start> python3 examples/notebook.py

Each step is a cell you can paste into Jupyter. The GraphQL documents and their variables are in
examples/queries/ (the Node notebook and the test suite read the very same files).
"""
import json
import os
import pathlib
import shutil
import sys
import tempfile
import time
import urllib.error
import urllib.request

import pandas as pd

HERE = pathlib.Path(__file__).resolve().parent
API = os.environ.get("SCRUMS_API_URL", "http://localhost:4000").rstrip("/")
TOKEN = os.environ.get("SCRUMS_TOKEN")
if not TOKEN:
    sys.exit("Set SCRUMS_TOKEN to a bearer token (npm start prints a demo one; npm run token -- --org ORG-.. makes others).")
VARIABLES = json.loads((HERE / "queries" / "variables.json").read_text())


def query(name):
    return (HERE / "queries" / f"{name}.graphql").read_text()


def call(method, route, body=None, accept="application/json"):
    """One HTTP request to the API; returns the open response (the caller reads or streams it)."""
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(f"{API}{route}", data=data, method=method, headers={
        "authorization": f"Bearer {TOKEN}", "content-type": "application/json", "accept": accept,
    })
    try:
        return urllib.request.urlopen(request)
    except urllib.error.HTTPError as error:
        detail = json.loads(error.read() or b"{}").get("error", {})
        raise RuntimeError(f"{method} {route}: {error.code} {detail.get('code')}: {detail.get('message')}") from None


def graphql(name, variables):
    with call("POST", "/graphql", {"query": query(name), "variables": variables}) as response:
        body = json.load(response)
    if body.get("errors"):
        raise RuntimeError(f"{name}: " + "; ".join(e["message"] for e in body["errors"]))
    return body["data"]


def rest(method, route, body=None):
    with call(method, route, body) as response:
        return json.load(response)["data"]


# %% 1. Events, page after page
rows, after, pages = [], None, 0
while True:
    page = graphql("events", {**VARIABLES["events"], "after": after})["events"]
    rows.extend(page["nodes"])
    pages += 1
    if not page["pageInfo"]["hasNextPage"]:
        break
    after = page["pageInfo"]["endCursor"]
events = pd.DataFrame(rows)
events["createdAt"] = pd.to_datetime(events["createdAt"])
print(f"\n# {len(events)} events in {pages} pages")
print(events.groupby("type").size().sort_values(ascending=False).to_string())
print(events.set_index("createdAt").resample("MS").size().rename("events per month").to_string())

# %% 2. Aggregates, computed in the database
stats = graphql("task-stats", VARIABLES["taskStats"])["taskStats"]
print(f"\n# tasks of {VARIABLES['taskStats']['workspaceId']}: {stats['total']}, completion rate {stats['completionRate']:.1%}")
print(pd.DataFrame(stats["byStatus"]).to_string(index=False))
print(pd.DataFrame(stats["byPriority"]).to_string(index=False))
velocity = pd.DataFrame(stats["velocity"])
print("# delivery velocity (tasks completed per month)")
print(velocity.to_string(index=False))

usage = pd.DataFrame(graphql("usage-series", VARIABLES["usageSeries"])["usageSeries"])
print("\n# usage cost per month and metric")
if len(usage):
    print(usage.pivot_table(index="periodStart", columns="metric", values="cost", aggfunc="sum", fill_value=0).to_string())

counts = pd.DataFrame(graphql("event-counts", VARIABLES["eventCounts"])["eventCounts"])
print(f"\n# eventCounts: {int(counts['count'].sum())} events in {len(counts)} (type, month) buckets")

# %% 3. A bulk export of the same events, loaded into a DataFrame
job = rest("POST", "/v1/exports", {"format": "ndjson", "query": query("events"), "variables": VARIABLES["events"]})
print(f"\n# export {job['id']} submitted")
while job["status"] in ("queued", "running"):
    time.sleep(0.5)
    job = rest("GET", f"/v1/exports/{job['id']}")
    print(f"  {job['status']}: {job['objects_written']} objects, {job['bytes_written']} bytes")
if job["status"] != "completed":
    raise RuntimeError(f"export {job['id']} {job['status']}: {job['error']}")
with tempfile.TemporaryDirectory() as folder:
    path = pathlib.Path(folder) / f"{job['id']}.ndjson"
    # Streamed to disk, never held whole in memory; pandas then reads it (chunksize= for larger ones).
    with call("GET", job["download_url"], accept="application/x-ndjson") as response, open(path, "wb") as file:
        shutil.copyfileobj(response, file)
    exported = pd.read_json(path, lines=True, dtype={"actorId": str, "subjectId": str})
print(f"# export downloaded: {len(exported)} events, {'the same' if len(exported) == len(events) else 'NOT the same'} number as paged")

# The last line is for machines (the test suite reads it).
print("SUMMARY " + json.dumps({
    "events": len(events), "pages": pages, "exported": len(exported),
    "sameIds": list(exported["id"]) == list(events["id"]),
    "tasks": stats["total"], "velocityPoints": len(velocity), "usagePoints": len(usage),
    "eventCounts": int(counts["count"].sum()),
}))
