#!/usr/bin/python3
"""Reads .ics files with a real iCalendar parser (Debian's python3-icalendar) and prints what a
calendar application would see, as JSON, for src/assemblies/assemblies_http_test.cpp:
[{"file", "uid", "sequence", "summary", "start_utc", "end_utc", "tzid", "location"}].
Also checks the RFC 5545 line rules the parser forgives: CRLF line ends and at most 75 octets
a line. Exits 1 with a message when a file breaks them or does not parse."""
import datetime
import json
import sys

import icalendar


def main(paths):
    out = []
    for path in paths:
        raw = open(path, "rb").read()
        lines = raw.split(b"\r\n")
        if lines[-1] != b"":
            sys.exit(f"{path}: does not end with CRLF")
        for n, line in enumerate(lines[:-1], 1):
            if b"\n" in line or b"\r" in line:
                sys.exit(f"{path}:{n}: a bare LF or CR")
            if len(line) > 75:
                sys.exit(f"{path}:{n}: {len(line)} octets")
        cal = icalendar.Calendar.from_ical(raw)
        zones = [str(z.get("tzid")) for z in cal.walk("VTIMEZONE")]
        for ev in cal.walk("VEVENT"):
            start, end = ev.get("dtstart"), ev.get("dtend")
            out.append({
                "file": path,
                "uid": str(ev.get("uid")),
                "sequence": int(ev.get("sequence", 0)),
                "summary": str(ev.get("summary")),
                "description": str(ev.get("description", "")),
                "location": str(ev.get("location", "")),
                "start_utc": start.dt.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
                "end_utc": end.dt.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
                "tzid": str(start.params.get("TZID", "")),
                "vtimezones": zones,
            })
    print(json.dumps(out))


if __name__ == "__main__":
    main(sys.argv[1:])
