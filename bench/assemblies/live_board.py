#!/usr/bin/env python3
"""The live board under load (issue 11.8): STREAMS open event streams on one solution room; a
writer posts advice WRITES times through the room's form; for each write, the time from sending
the POST until every stream has received its event. Prints p50/p99/max over the writes.

Usage: live_board.py HOST:PORT ROOM_PATH EMAIL PASSWORD [STREAMS] [WRITES]
Standard library only (asyncio for the streams, urllib in a thread for the writer)."""
import asyncio
import http.cookiejar
import re
import statistics
import sys
import time
import urllib.parse
import urllib.request


def percentile(values, p):
    s = sorted(values)
    return s[min(len(s) - 1, max(0, round(p / 100 * len(s) + 0.5) - 1))]


class Writer:
    def __init__(self, base, email, password):
        self.base = base
        jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        token = self.token("/sign-in")
        self.post("/sign-in", {"email": email, "password": password, "csrf_token": token})

    def token(self, path):
        page = self.opener.open(self.base + path).read().decode()
        return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)

    def post(self, path, fields):
        data = urllib.parse.urlencode(fields).encode()
        return self.opener.open(urllib.request.Request(self.base + path, data=data)).status


async def stream(host, port, path, arrivals, opened):
    reader, writer = await asyncio.open_connection(host, port)
    writer.write(f"GET {path}/live HTTP/1.1\r\nHost: {host}\r\nAccept: text/event-stream\r\n\r\n".encode())
    await writer.drain()
    status = (await reader.readline()).decode()
    if " 200 " not in status:
        raise SystemExit(f"stream refused: {status.strip()}")
    while (await reader.readline()) not in (b"\r\n", b""):
        pass
    opened.append(1)
    seen = 0
    while True:
        line = await reader.readline()
        if not line:
            return
        if line.startswith(b"event: advice"):
            arrivals.setdefault(seen, []).append(time.monotonic())
            seen += 1


async def main():
    hostport, room, email, password = sys.argv[1:5]
    streams = int(sys.argv[5]) if len(sys.argv) > 5 else 1000
    writes = int(sys.argv[6]) if len(sys.argv) > 6 else 30
    host, port = hostport.split(":")
    base = f"http://{hostport}"
    loop = asyncio.get_running_loop()
    writer = await loop.run_in_executor(None, Writer, base, email, password)
    token = await loop.run_in_executor(None, writer.token, room)
    arrivals, opened = {}, []
    tasks = []
    for i in range(streams):
        tasks.append(asyncio.create_task(stream(host, int(port), room, arrivals, opened)))
        if i % 100 == 99:
            await asyncio.sleep(0.05)
    while len(opened) < streams:
        await asyncio.sleep(0.05)
        for t in tasks:
            if t.done() and t.exception():
                raise t.exception()
    print(f"{streams} streams open", flush=True)
    latencies, missing = [], 0
    for k in range(writes):
        sent = time.monotonic()
        status = await loop.run_in_executor(
            None, writer.post, room + "/advice", {"body": f"Live board bench advice {k}", "csrf_token": token})
        if status != 200:  # urllib follows the 303 to the room's page
            raise SystemExit(f"advice POST answered {status}")
        deadline = sent + 10
        while len(arrivals.get(k, [])) < streams and time.monotonic() < deadline:
            await asyncio.sleep(0.002)
        got = arrivals.get(k, [])
        missing += streams - len(got)
        if got:
            latencies.append(max(got) - sent)
        await asyncio.sleep(0.2)
    ms = [x * 1000 for x in latencies]
    print(f"writes {len(ms)}: every stream had the event after p50 {statistics.median(ms):.1f} ms, "
          f"p99 {percentile(ms, 99):.1f} ms, max {max(ms):.1f} ms; events missed {missing}", flush=True)
    for t in tasks:
        t.cancel()


asyncio.run(main())
