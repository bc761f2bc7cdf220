#!/usr/bin/env python3
"""A real SMTP server on loopback for the tests (aiosmtpd, Debian's python3-aiosmtpd).

Every message it accepts is written, exactly as received, to one file in --dir named
<time>-<n>-<recipient>.eml (written to a temporary name, then renamed, so a reader never sees
half a message). A recipient whose address starts with "refuse-" is refused with 550. Runs
until SIGTERM or SIGINT.

  /usr/bin/python3 scripts/smtp_sink.py --port 2525 --dir /tmp/mail
"""
import argparse
import itertools
import os
import re
import signal
import ssl
import threading
import time

from aiosmtpd.controller import Controller


class Store:
    def __init__(self, directory):
        self.directory = directory
        self.counter = itertools.count(1)
        self.lock = threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        # A recipient starting "refuse-" is refused for good (tests of permanent failures).
        if address.startswith("refuse-"):
            return "550 5.1.1 mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        content = envelope.original_content or envelope.content
        if isinstance(content, str):
            content = content.encode("utf-8", "surrogateescape")
        for rcpt in envelope.rcpt_tos:
            with self.lock:
                n = next(self.counter)
            name = "%d-%d-%s.eml" % (time.time_ns(), n, re.sub(r"[^A-Za-z0-9@._-]", "_", rcpt))
            tmp = os.path.join(self.directory, "." + name + ".tmp")
            with open(tmp, "wb") as f:
                f.write(content)
            os.replace(tmp, os.path.join(self.directory, name))
        return "250 OK: stored"


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--dir", required=True)
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--cert", help="PEM certificate (with --key) for --security starttls or tls")
    ap.add_argument("--key", help="PEM private key")
    ap.add_argument("--security", choices=["none", "starttls", "tls"], default="none",
                    help="starttls: STARTTLS required before MAIL; tls: TLS from the first byte")
    args = ap.parse_args()
    os.makedirs(args.dir, exist_ok=True)
    options = {}
    if args.security != "none":
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(args.cert, args.key)
        if args.security == "starttls":
            options = {"tls_context": context, "require_starttls": True}
        else:
            options = {"ssl_context": context}
    controller = Controller(Store(args.dir), hostname=args.host, port=args.port, **options)
    controller.start()
    done = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: done.set())
    print("smtp sink listening on %s:%d, storing in %s" % (args.host, args.port, args.dir), flush=True)
    done.wait()
    controller.stop()


if __name__ == "__main__":
    main()
