#!/usr/bin/python3
"""Reads an Atom feed (a file, or - for standard input) with feedparser, a real feed parser,
and prints what the tests check as JSON: whether it parsed cleanly (bozo), the feed's version,
id, title and links, and each entry's id, title, link and updated time."""
import json
import sys

import feedparser

data = sys.stdin.buffer.read() if len(sys.argv) < 2 or sys.argv[1] == "-" else open(sys.argv[1], "rb").read()
d = feedparser.parse(data)
print(json.dumps({
    "bozo": bool(d.bozo),
    "bozo_exception": str(d.get("bozo_exception", "")),
    "version": d.version,
    "id": d.feed.get("id", ""),
    "title": d.feed.get("title", ""),
    "links": [{"rel": l.get("rel"), "href": l.get("href")} for l in d.feed.get("links", [])],
    "entries": [{"id": e.get("id", ""), "title": e.get("title", ""), "link": e.get("link", ""),
                 "updated": e.get("updated", "")} for e in d.entries],
}))
