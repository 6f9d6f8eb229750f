#!/usr/bin/python3
"""A telephony provider's webhook, for tests: its own process, standard library only.

POST /deliveries   checks X-TnAcme-Timestamp (within 300 s) and X-TnAcme-Signature (HMAC-SHA256 over
                   "timestamp.body" with the secret from the environment variable named by --secret-env),
                   stores the delivery. Numbers ending in 0500 get HTTP 500 (a broken provider), ending in 0408 get
                   no answer for 5 s (a hung one), ending in 0400 get HTTP 400 (a refusal).
GET  /deliveries   every accepted delivery, as JSON.
GET  /last-code?tn=NUMBER   the code of the latest delivery to NUMBER, as text (404 if none).
Prints "port N" on its first line once listening on 127.0.0.1 (--port 0 picks a free port).
"""
import argparse, hashlib, hmac, json, os, sys, threading, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlparse, parse_qs

parser = argparse.ArgumentParser()
parser.add_argument("--port", type=int, default=0)
parser.add_argument("--secret-env", default="TNACME_CALLBACK_WEBHOOK_SECRET")
args = parser.parse_args()
secret = os.environ[args.secret_env].encode()
deliveries = []
rejected = []
lock = threading.Lock()


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *a):
        pass

    def reply(self, status, body=b"", ctype="application/json"):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self):
        if self.path != "/deliveries":
            return self.reply(404)
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        ts = self.headers.get("X-TnAcme-Timestamp", "")
        sig = self.headers.get("X-TnAcme-Signature", "")
        expected = "sha256=" + hmac.new(secret, ts.encode() + b"." + body, hashlib.sha256).hexdigest()
        if not ts.isdigit() or abs(time.time() - int(ts)) > 300 or not hmac.compare_digest(sig, expected):
            with lock:
                rejected.append(ts)
            return self.reply(401, b'{"error":"bad signature"}')
        message = json.loads(body)
        number = message.get("number", "")
        if number.endswith("0408"):
            time.sleep(5)
            return self.reply(504)
        if number.endswith("0500"):
            return self.reply(500, b'{"error":"provider down"}')
        if number.endswith("0400"):
            return self.reply(400, b'{"error":"unroutable number"}')
        with lock:
            deliveries.append(message)
        self.reply(200, b'{"accepted":true}')

    def do_GET(self):
        url = urlparse(self.path)
        if url.path == "/deliveries":
            with lock:
                data = json.dumps({"deliveries": deliveries, "rejectedSignatures": len(rejected)}).encode()
            return self.reply(200, data)
        if url.path == "/last-code":
            tn = parse_qs(url.query).get("tn", [""])[0]
            with lock:
                codes = [d["code"] for d in deliveries if d.get("number") == tn]
            return self.reply(200, codes[-1].encode(), "text/plain") if codes else self.reply(404)
        self.reply(404)


server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
server.daemon_threads = True
print(f"port {server.server_address[1]}", flush=True)
server.serve_forever()
