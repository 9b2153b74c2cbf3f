#!/usr/bin/env python3
"""A minimal receiver of the registry's webhooks: checks the signature, drops duplicates, acts on production changes.

    WEBHOOK_SECRET=whsec_... python3 webhook_receiver.py 9000
"""
import hashlib
import hmac
import json
import os
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

SECRET = os.environ["WEBHOOK_SECRET"].encode()
TOLERANCE_SECONDS = 300   # refuse old (replayed) deliveries
seen = set()              # event ids already handled: deliveries are at least once (keep this in your database)


def signed(timestamp: str, body: bytes, signature: str) -> bool:
    expected = "sha256=" + hmac.new(SECRET, timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, signature)


class Receiver(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        timestamp = self.headers.get("X-Registry-Timestamp", "")
        if not timestamp.isdigit() or abs(time.time() - int(timestamp)) > TOLERANCE_SECONDS \
                or not signed(timestamp, body, self.headers.get("X-Registry-Signature", "")):
            self.send_response(401)
            self.end_headers()
            return
        event = json.loads(body)
        if event["id"] not in seen:
            seen.add(event["id"])
            if event["type"] in ("RolloutCompleted", "RolledBack") and event["environment"] == "production":
                print(f"{event['model']}: production now serves v{event['version']} ({event['type']} by "
                      f"{event['actor']})", flush=True)
            else:
                print(f"event {event['id']}: {event['type']} {event['model']}", flush=True)
        self.send_response(204)   # any 2xx: delivered; anything else is retried
        self.end_headers()

    def log_message(self, *args):
        pass


ThreadingHTTPServer(("0.0.0.0", int(sys.argv[1]) if len(sys.argv) > 1 else 9000), Receiver).serve_forever()
