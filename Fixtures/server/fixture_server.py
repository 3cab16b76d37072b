#!/usr/bin/env python3
"""Loopback fixture server for huella's tests, benchmarks and sample.

Serves folders of fixture sites as virtual hosts (chosen by the Host header) over HTTP
and HTTPS on 127.0.0.1, on ports the OS picks. HTTPS uses a throw-away CA made at
start-up with the openssl command; its certificate covers every fixture host.

    fixture_server.py --root Fixtures/sample/sites [--root more/sites] [--log requests.jsonl]

On start it prints one JSON line to stdout:
    {"http": PORT, "https": PORT, "cafile": "/tmp/.../ca.pem", "hosts": [...]}

Layout: ROOT/<host>/<path>. "/" is index.html; a path is tried as is, then with
".html", then as "<path>/index.html". ROOT/<host>/_routes.json scripts responses:
    {"/path": {"status": 301, "headers": {"Location": "/new"}, "file": "x.html",
               "body": "text", "delay": 0.5},
     "/flaky": {"sequence": [{"status": 429, "headers": {"Retry-After": "1"}}, {"status": 200, "body": "ok"}]}}
A "sequence" answers its entries in turn (the last one repeats).
Every request is appended to --log as a JSON line (host, path, scheme, headers).
The server exits when its standard input closes (tests keep a pipe to it).

--workers N (benchmarks) forks N processes that share the listening sockets, so that
Python's one-core lock does not cap the server below the client it serves. A "sequence"
then counts per worker; tests use the default of one.
"""

import argparse
import ctypes
import email.utils
import hashlib
import json
import mimetypes
import os
import shutil
import signal
import ssl
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def make_certificates(workdir, hosts):
    """A CA and a leaf certificate for every fixture host, localhost and 127.0.0.1."""
    ca_key, ca_pem = os.path.join(workdir, "ca.key"), os.path.join(workdir, "ca.pem")
    leaf_key, leaf_csr, leaf_pem = (os.path.join(workdir, n) for n in ("leaf.key", "leaf.csr", "leaf.pem"))
    ext = os.path.join(workdir, "leaf.ext")
    names = sorted(set(hosts) | {"localhost"})
    with open(ext, "w") as f:
        f.write("basicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n")
        f.write("subjectAltName=" + ",".join(["DNS:" + h for h in names] + ["IP:127.0.0.1", "IP:::1"]) + "\n")
    ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
    run = lambda args: subprocess.run(["openssl"] + args, check=True, capture_output=True)
    run(["req", "-x509", *ec, "-keyout", ca_key, "-out", ca_pem, "-days", "2", "-subj", "/CN=huella fixture CA",
         "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign"])
    run(["req", *ec, "-keyout", leaf_key, "-out", leaf_csr, "-subj", "/CN=huella fixture server"])
    run(["x509", "-req", "-in", leaf_csr, "-CA", ca_pem, "-CAkey", ca_key, "-CAcreateserial",
         "-out", leaf_pem, "-days", "2", "-extfile", ext])
    return ca_pem, leaf_pem, leaf_key


class Sites:
    def __init__(self, roots):
        self.roots = [os.path.abspath(r) for r in roots]

    def hosts(self):
        found = set()
        for root in self.roots:
            for name in os.listdir(root):
                if os.path.isdir(os.path.join(root, name)):
                    found.add(name.lower())
        return sorted(found)

    def host_dirs(self, host):
        return [os.path.join(r, host) for r in self.roots if os.path.isdir(os.path.join(r, host))]

    def routes(self, host):
        merged = {}
        for d in self.host_dirs(host):
            p = os.path.join(d, "_routes.json")
            if os.path.exists(p):
                with open(p, encoding="utf-8") as f:
                    merged.update(json.load(f))
        return merged

    def find_file(self, host, path):
        rel = path.lstrip("/")
        candidates = ["index.html"] if rel == "" else [rel, rel + ".html", rel.rstrip("/") + "/index.html"]
        for d in reversed(self.host_dirs(host)):
            for c in candidates:
                full = os.path.realpath(os.path.join(d, c))
                if full.startswith(os.path.realpath(d) + os.sep) and os.path.isfile(full):
                    return full
        return None


def handler_for(sites, log_path, log_lock, latency=0.0):
    counters = {}

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        server_version = "huella-fixture/1"

        def log_message(self, *args):
            pass

        def record(self):
            if not log_path:
                return
            entry = {"host": self.host(), "path": self.path, "method": self.command,
                     "scheme": "https" if isinstance(self.connection, ssl.SSLSocket) else "http",
                     "headers": {k.lower(): v for k, v in self.headers.items()}, "time": time.time()}
            with log_lock, open(log_path, "a", encoding="utf-8") as f:
                f.write(json.dumps(entry) + "\n")

        def host(self):
            raw = (self.headers.get("Host") or "").strip().lower()
            if raw.startswith("["):
                return raw.split("]")[0] + "]"
            return raw.rsplit(":", 1)[0] if ":" in raw else raw

        def send(self, status, body, headers, mtime=None):
            # Validators for every 200, and 304 for a conditional request that matches them.
            if status == 200 and not any(k.lower() == "etag" for k in headers):
                headers["ETag"] = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
                if mtime is not None:
                    headers["Last-Modified"] = email.utils.formatdate(mtime, usegmt=True)
            if status == 200:
                inm = self.headers.get("If-None-Match")
                ims = self.headers.get("If-Modified-Since")
                etag = next((v for k, v in headers.items() if k.lower() == "etag"), None)
                unchanged = inm is not None and etag is not None and inm.strip() == etag
                if inm is None and ims and mtime is not None:
                    try:
                        unchanged = int(mtime) <= email.utils.parsedate_to_datetime(ims).timestamp()
                    except (TypeError, ValueError):
                        unchanged = False
                if unchanged:
                    status, body = 304, b""
                    headers = {k: v for k, v in headers.items() if k.lower() in ("etag", "last-modified")}
            self.send_response(status)
            lower = {k.lower() for k in headers}
            for k, v in headers.items():
                self.send_header(k, v)
            if "content-length" not in lower:
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD" and status != 304:
                self.wfile.write(body)

        def do_HEAD(self):
            self.do_GET()

        def do_GET(self):
            self.record()
            if latency:
                time.sleep(latency)
            host = self.host()
            path = self.path.split("?", 1)[0].split("#", 1)[0]
            if not sites.host_dirs(host):
                return self.send(404, b"no such fixture host\n", {"Content-Type": "text/plain"})
            route = sites.routes(host).get(path, {})
            if "sequence" in route:
                with log_lock:
                    n = counters.get((host, path), 0)
                    counters[(host, path)] = n + 1
                steps = route["sequence"]
                route = steps[min(n, len(steps) - 1)]
            if route.get("delay"):
                time.sleep(float(route["delay"]))
            headers = dict(route.get("headers", {}))
            status = int(route.get("status", 200))
            mtime = None
            if "body" in route:
                body = route["body"].encode("utf-8")
            else:
                name = route.get("file")
                full = None
                if name:
                    for d in reversed(sites.host_dirs(host)):
                        if os.path.isfile(os.path.join(d, name)):
                            full = os.path.join(d, name)
                            break
                else:
                    full = sites.find_file(host, path)
                if full is None:
                    if "status" in route:
                        body = b""
                    else:
                        return self.send(404, b"<html><body><h1>404 Not Found</h1></body></html>",
                                         {"Content-Type": "text/html; charset=utf-8"})
                else:
                    with open(full, "rb") as f:
                        body = f.read()
                    mtime = os.path.getmtime(full)
                    if not any(k.lower() == "content-type" for k in headers):
                        guessed = mimetypes.guess_type(full)[0] or "text/html"
                        if full.endswith(".html") or guessed == "text/html":
                            guessed = "text/html; charset=utf-8"
                        headers["Content-Type"] = guessed
            self.send(status, body, headers, mtime)

    return Handler


def serve_until_stdin_closes(no_stdin_watch, workdir, keep_workdir):
    """Block while the test that started us holds our stdin open, then clean up and exit.

    Shared with hostile_server.py: both servers live exactly as long as their parent."""
    try:
        if no_stdin_watch:
            while True:
                time.sleep(3600)
        else:
            while sys.stdin.buffer.read(4096):
                pass
    except KeyboardInterrupt:
        pass
    finally:
        if not keep_workdir:
            shutil.rmtree(workdir, ignore_errors=True)
    os._exit(0)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--root", action="append", required=True, help="a folder of <host>/ site folders")
    parser.add_argument("--log", help="append each request as a JSON line to this file")
    parser.add_argument("--workdir", help="where to write the certificates (default: a new temp dir)")
    parser.add_argument("--no-stdin-watch", action="store_true", help="do not exit when stdin closes")
    parser.add_argument("--latency", type=float, default=0.0, help="seconds to wait before every answer (benchmarks)")
    parser.add_argument("--workers", type=int, default=1, help="processes sharing the sockets (benchmarks; default 1)")
    args = parser.parse_args()

    sites = Sites(args.root)
    workdir = args.workdir or tempfile.mkdtemp(prefix="huella-fixture-")
    cafile, cert, key = make_certificates(workdir, sites.hosts())
    lock = threading.Lock()
    Handler = handler_for(sites, args.log, lock, args.latency)

    ThreadingHTTPServer.request_queue_size = 1024  # benchmarks open hundreds of connections at once
    http = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    https = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    context.set_alpn_protocols(["http/1.1"])
    https.socket = context.wrap_socket(https.socket, server_side=True)
    print(json.dumps({"http": http.server_address[1], "https": https.server_address[1], "cafile": cafile,
                      "hosts": sites.hosts()}), flush=True)
    parent = os.getpid()
    for _ in range(max(1, args.workers) - 1):
        if os.fork() == 0:
            # A worker serves until its parent is gone (Linux: the kernel signals it then).
            ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
            if os.getppid() != parent:
                os._exit(0)
            start_serving(http, https)
            while True:
                time.sleep(3600)
    start_serving(http, https)
    serve_until_stdin_closes(args.no_stdin_watch, workdir, keep_workdir=bool(args.workdir))


def start_serving(*servers):
    for server in servers:
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()


if __name__ == "__main__":
    main()
