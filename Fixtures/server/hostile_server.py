#!/usr/bin/env python3
"""Hostile loopback server for huella's security tests.

Misbehaves on purpose, one behaviour per URL path, whatever the Host header. Everything
listens on loopback ports the OS picks and only ever answers the client that connected.
Every behaviour stops by itself (time and size caps) or when the client goes away.

    hostile_server.py [--log requests.jsonl] [--workdir DIR]

On start it prints one JSON line to stdout:
    {"http": PORT, "https": PORT, "https_expired": PORT, "https_selfsigned": PORT,
     "https_wronghost": PORT, "raw": PORT, "cafile": "/tmp/.../ca.pem",
     "listener_127_0_0_2": PORT, "brotli": false}

Listeners:
    http              plain HTTP/1.1, the paths below
    https             TLS, leaf from the throw-away CA for *.hostile.test, hostile.test, localhost, 127.0.0.1
    https_expired     TLS, same CA and names but the leaf is expired (x509 -req -days -1)
    https_selfsigned  TLS, self-signed leaf for hostile.test, 127.0.0.1 (not from the CA)
    https_wronghost   TLS, CA-issued leaf whose only SAN is DNS:wrong-host.example
    raw               plain TCP: any path answers a status line, a header, then the malformed
                      line "Bad Header Without Colon" and closes; /raw-close closes at once
    listener_127_0_0_2  TCP on 127.0.0.2 that logs {"listener": "127.0.0.2", "time": ...} for
                      each connection and closes it (null if 127.0.0.2 cannot be bound)

Paths (every HTTP/HTTPS listener):
    /ok                  small valid HTML page
    /slowloris           200, Content-Length 100000, then one byte a second (stops after 120 s)
    /endless             200 chunked HTML, fast, until 60 s or 200 MB
    /big                 200, Content-Length 5000000, a real 5 MB HTML body
    /big-chunked         200 chunked, 5 MB in total
    /gzip-bomb           Content-Encoding: gzip, 50 MB of zeros (~50 KB on the wire)
    /deflate-bomb        Content-Encoding: deflate (zlib stream), same payload
    /brotli-bomb         Content-Encoding: br if a brotli encoder exists, else 501
    /redirect-loop       302 to itself
    /redirect-file       302 to file:///etc/passwd
    /redirect-gopher     302 to gopher://hostile.test/1
    /redirect-dict       302 to dict://hostile.test:2628/d:x
    /redirect-metadata   302 to http://169.254.169.254/latest/meta-data/
    /redirect-private    302 to http://10.0.0.1/admin
    /redirect-loopback   302 to http://127.0.0.2:PORT/ (the 127.0.0.2 listener)
    /huge-headers        200 with ~100 KB of X-Filler-N headers, small body
    /no-content-type     HTML without a Content-Type header
    /wrong-content-type  HTML labelled image/png
    /binary-as-html      text/html, 64 KB of seeded random bytes
    /invalid-utf8        text/html; charset=utf-8, Spanish text with invalid UTF-8 sequences
    /close-mid-response  Content-Length 50000, 1000 bytes of body, then the socket is closed
    /status/NNN          that status with a tiny HTML body (503 adds Retry-After: 2)
    anything else        404
Every request is appended to --log as a JSON line (host, path, method, scheme, headers, time).
The server exits when its standard input closes (tests keep a pipe to it).
"""

import argparse
import json
import os
import random
import shutil
import socket
import socketserver
import ssl
import subprocess
import sys
import tempfile
import threading
import time
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fixture_server import serve_until_stdin_closes  # noqa: E402  (one lifetime rule for both servers)

ENDLESS_SECONDS, ENDLESS_BYTES = 60, 200 * 1024 * 1024
SLOWLORIS_SECONDS = 120
BOMB_BYTES = 50 * 1024 * 1024
GONE = (BrokenPipeError, ConnectionResetError, ConnectionAbortedError, TimeoutError, ssl.SSLError)

OK_PAGE = (b"<!doctype html><html lang=\"es\"><head><meta charset=\"utf-8\"><title>Hostile OK</title></head>"
           b"<body><h1>Todo bien</h1><p>Una p\xc3\xa1gina peque\xc3\xb1a y v\xc3\xa1lida.</p>"
           b"<a href=\"/ok\">ok</a></body></html>\n")
INVALID_UTF8 = (b"<!doctype html><html lang=\"es\"><head><meta charset=\"utf-8\"><title>Espa\xc3\xb1a \xff</title>"
                b"</head><body><p>El ni\xf1o comi\xf3 pi\xc3a en la monta\xc3\xb1a.</p>"
                b"<p>Secuencias rotas: \xc0\xaf \xed\xa0\x80 \xf8\x88\x80\x80\x80 \xfe\xff \xe2\x82 fin.</p>"
                b"<p>Coraz\xc3\xb3n, camino, \xbfqu\xe9 tal?</p></body></html>\n")


def openssl(*args):
    return subprocess.run(["openssl", *args], capture_output=True)


def make_certificates(workdir):
    """CA, good leaf, expired leaf, wrong-host leaf and a self-signed leaf. Returns a dict of paths."""
    p = lambda n: os.path.join(workdir, n)
    ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
    must = lambda *a: subprocess.run(["openssl", *a], check=True, capture_output=True)
    must("req", "-x509", *ec, "-keyout", p("ca.key"), "-out", p("ca.pem"), "-days", "2",
         "-subj", "/CN=huella hostile CA", "-addext", "basicConstraints=critical,CA:TRUE",
         "-addext", "keyUsage=critical,keyCertSign,cRLSign")
    must("req", *ec, "-keyout", p("leaf.key"), "-out", p("leaf.csr"), "-subj", "/CN=huella hostile server")
    sans = {"leaf": "DNS:*.hostile.test,DNS:hostile.test,DNS:localhost,IP:127.0.0.1",
            "wronghost": "DNS:wrong-host.example"}
    for name, san in sans.items():
        with open(p(name + ".ext"), "w") as f:
            f.write("basicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\nsubjectAltName=" + san + "\n")
    sign = ["x509", "-req", "-in", p("leaf.csr"), "-CA", p("ca.pem"), "-CAkey", p("ca.key")]
    must(*sign, "-set_serial", "1", "-out", p("leaf.pem"), "-days", "2", "-extfile", p("leaf.ext"))
    must(*sign, "-set_serial", "3", "-out", p("wronghost.pem"), "-days", "2", "-extfile", p("wronghost.ext"))
    # Expired leaf: OpenSSL 3.0 accepts a negative -days (notAfter = yesterday); newer ones also
    # have -not_before/-not_after. The first candidate that `-checkend 0` calls expired wins.
    expired = None
    for extra in (["-days", "-1"], ["-not_before", "20000101000000Z", "-not_after", "20000102000000Z"]):
        made = openssl(*sign, "-set_serial", "2", "-out", p("expired.pem"), "-extfile", p("leaf.ext"), *extra)
        if made.returncode == 0 and openssl("x509", "-in", p("expired.pem"), "-noout",
                                            "-checkend", "0").returncode == 1:
            expired = p("expired.pem")
            break
    if expired is None:
        print("hostile_server: could not make an expired certificate", file=sys.stderr)
    must("req", "-x509", *ec, "-keyout", p("self.key"), "-out", p("self.pem"), "-days", "2",
         "-subj", "/CN=hostile.test", "-addext", "subjectAltName=DNS:hostile.test,IP:127.0.0.1",
         "-addext", "basicConstraints=critical,CA:FALSE")
    return {"cafile": p("ca.pem"), "https": (p("leaf.pem"), p("leaf.key")),
            "https_expired": (expired, p("leaf.key")) if expired else None,
            "https_wronghost": (p("wronghost.pem"), p("leaf.key")),
            "https_selfsigned": (p("self.pem"), p("self.key"))}


def compress_zeros(compressor, total):
    out, chunk = [], b"\0" * (1024 * 1024)
    for _ in range(total // len(chunk)):
        out.append(compressor.compress(chunk))
    out.append(compressor.flush())
    return b"".join(out)


def make_payloads():
    gz = compress_zeros(zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS), BOMB_BYTES)
    deflate = compress_zeros(zlib.compressobj(9, zlib.DEFLATED, zlib.MAX_WBITS), BOMB_BYTES)
    br = None
    try:
        import brotli  # type: ignore
        br = brotli.compress(b"\0" * BOMB_BYTES, quality=11)
    except ImportError:
        if shutil.which("brotli"):
            done = subprocess.run(["brotli", "-c", "-q", "11"], input=b"\0" * BOMB_BYTES, capture_output=True)
            br = done.stdout if done.returncode == 0 and done.stdout else None
    head = b"<!doctype html><html><head><meta charset=\"utf-8\"><title>Big</title></head><body>\n"
    tail = b"</body></html>\n"
    line = b"<p>Relleno de prueba para una p\xc3\xa1gina muy grande, l\xc3\xadnea tras l\xc3\xadnea.</p>\n"
    room = 5_000_000 - len(head) - len(tail)
    filler = (line * (room // len(line) + 1))[:room]
    filler = filler[:room - 1].rsplit(b"\n", 1)[0] + b"\n"
    filler += b" " * (room - len(filler))
    big = head + filler + tail
    rows, size = [], 0
    for n in range(10_000):
        if size >= 100 * 1024:
            break
        value = "x" * 88
        rows.append(("X-Filler-%d" % n, value))
        size += len("X-Filler-%d: %s\r\n" % (n, value))
    # One tag of 50,000 attributes (~640 KB): libxml2 compares each with all before it.
    attributes = (b"<!doctype html><html><body><p>I have 10 years of experience.</p><div "
                  + b" ".join(b"data-a%d" % n for n in range(50_000)) + b">x</div></body></html>")
    return {"gzip": gz, "deflate": deflate, "br": br, "big": big, "headers": rows,
            "binary": random.Random(20240601).randbytes(64 * 1024), "attributes": attributes}


class Log:
    def __init__(self, path):
        self.path, self.lock = path, threading.Lock()

    def write(self, entry):
        if self.path:
            with self.lock, open(self.path, "a", encoding="utf-8") as f:
                f.write(json.dumps(entry) + "\n")


def handler_for(log, payloads, listener_port):
    redirects = {"/redirect-file": "file:///etc/passwd", "/redirect-gopher": "gopher://hostile.test/1",
                 "/redirect-dict": "dict://hostile.test:2628/d:x",
                 "/redirect-metadata": "http://169.254.169.254/latest/meta-data/",
                 "/redirect-private": "http://10.0.0.1/admin", "/redirect-loop": "/redirect-loop",
                 "/redirect-loopback": "http://127.0.0.2:%s/" % listener_port}
    html = "text/html; charset=utf-8"

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        server_version = "huella-hostile/1"
        timeout = 30  # socket timeout: a client that stops reading ends the behaviour

        def log_message(self, *args):
            pass

        def record(self):
            raw = (self.headers.get("Host") or "").strip().lower()
            host = raw.split("]")[0] + "]" if raw.startswith("[") else raw.rsplit(":", 1)[0]
            log.write({"host": host, "path": self.path, "method": self.command,
                       "scheme": "https" if isinstance(self.connection, ssl.SSLSocket) else "http",
                       "headers": {k.lower(): v for k, v in self.headers.items()}, "time": time.time()})

        def start(self, status, headers):
            """Status line and headers; True when a body should follow."""
            self.send_response(status)
            for k, v in headers:
                self.send_header(k, v)
            self.end_headers()
            return self.command != "HEAD"

        def send(self, status, body, content_type=html, extra=()):
            headers = ([("Content-Type", content_type)] if content_type else []) + list(extra)
            if self.start(status, headers + [("Content-Length", str(len(body)))]):
                self.wfile.write(body)

        def chunked(self, pieces):
            self.close_connection = True
            if self.start(200, [("Content-Type", html), ("Transfer-Encoding", "chunked")]):
                for piece in pieces:
                    self.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece))
                self.wfile.write(b"0\r\n\r\n")

        def do_HEAD(self):
            self.do_GET()

        def do_POST(self):
            self.do_GET()

        def do_GET(self):
            self.record()
            try:
                self.behave(self.path.split("?", 1)[0].split("#", 1)[0])
            except GONE:
                self.close_connection = True

        def behave(self, path):
            if path == "/ok":
                return self.send(200, OK_PAGE)
            if path in redirects:
                return self.send(302, b"<html><body>moved</body></html>", extra=[("Location", redirects[path])])
            if path == "/slowloris":
                self.close_connection = True
                if self.start(200, [("Content-Type", html), ("Content-Length", "100000")]):
                    self.wfile.write(b"<")
                    for _ in range(SLOWLORIS_SECONDS - 1):
                        time.sleep(1)
                        self.wfile.write(b"p")
                return
            if path == "/endless":
                return self.chunked(self.endless())
            if path == "/big":
                return self.send(200, payloads["big"])
            if path == "/big-chunked":
                big = payloads["big"]
                return self.chunked(big[i:i + 65536] for i in range(0, len(big), 65536))
            if path in ("/gzip-bomb", "/deflate-bomb", "/brotli-bomb"):
                kind = path[1:].split("-")[0].replace("brotli", "br")
                body = payloads[kind]
                if body is None:
                    return self.send(501, b"<html><body>no brotli encoder here</body></html>")
                return self.send(200, body, extra=[("Content-Encoding", kind)])
            if path == "/huge-headers":
                return self.send(200, OK_PAGE, extra=payloads["headers"])
            if path == "/no-content-type":
                return self.send(200, OK_PAGE, content_type=None)
            if path == "/wrong-content-type":
                return self.send(200, OK_PAGE, content_type="image/png")
            if path == "/binary-as-html":
                return self.send(200, payloads["binary"])
            if path == "/invalid-utf8":
                return self.send(200, INVALID_UTF8)
            if path == "/many-attributes":
                return self.send(200, payloads["attributes"])
            if path == "/close-mid-response":
                self.close_connection = True
                if self.start(200, [("Content-Type", html), ("Content-Length", "50000")]):
                    self.wfile.write((b"<html><body>" + b"a" * 1000)[:1000])
                self.connection.shutdown(socket.SHUT_RDWR)  # no TLS close_notify either
                return
            if path.startswith("/status/") and path[8:].isdigit() and 100 <= int(path[8:]) <= 999:
                code = int(path[8:])
                extra = [("Retry-After", "2")] if code == 503 else []
                if code < 200 or code in (204, 304):
                    self.close_connection = code < 200
                    self.start(code, extra)
                    return
                return self.send(code, b"<html><body><h1>%d</h1></body></html>" % code, extra=extra)
            return self.send(404, b"<html><body><h1>404 Not Found</h1></body></html>")

        def endless(self):
            piece = b"<p>sin fin, sin fin, sin fin, sin fin, sin fin, sin fin, sin fin.</p>\n" * 200
            yield b"<!doctype html><html><body>\n"
            started, sent = time.monotonic(), 0
            while time.monotonic() - started < ENDLESS_SECONDS and sent < ENDLESS_BYTES:
                yield piece
                sent += len(piece)

    return Handler


class QuietHTTPServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass  # failed TLS handshakes and vanished clients are the point here


def raw_handler_for(log):
    class RawHandler(socketserver.BaseRequestHandler):
        def handle(self):
            sock = self.request
            sock.settimeout(10)
            head = b""
            try:
                while b"\r\n\r\n" not in head and len(head) < 65536:
                    data = sock.recv(4096)
                    if not data:
                        break
                    head += data
            except OSError:
                pass
            lines = head.split(b"\r\n\r\n", 1)[0].decode("latin-1").split("\r\n")
            parts = lines[0].split(" ")
            headers = {k.strip().lower(): v.strip() for k, _, v in (l.partition(":") for l in lines[1:] if l)}
            log.write({"host": headers.get("host", "").rsplit(":", 1)[0], "path": parts[1] if len(parts) > 1 else "",
                       "method": parts[0], "scheme": "raw", "headers": headers, "time": time.time()})
            try:
                if len(parts) > 1 and parts[1].split("?")[0] == "/raw-close":
                    sock.shutdown(socket.SHUT_RDWR)
                    return
                sock.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
                             b"Content-Length: 30\r\nBad Header Without Colon\r\n")
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    return RawHandler


def start_listener_127_0_0_2(log):
    """Counts connections to 127.0.0.2; returns its port or None when the address is not usable."""
    try:
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.bind(("127.0.0.2", 0))
        s.listen(64)
    except OSError:
        return None

    def loop():
        while True:
            conn, _ = s.accept()
            log.write({"listener": "127.0.0.2", "time": time.time()})
            conn.close()

    threading.Thread(target=loop, daemon=True).start()
    return s.getsockname()[1]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--log", help="append each request as a JSON line to this file")
    parser.add_argument("--workdir", help="where to write the certificates (default: a new temp dir)")
    parser.add_argument("--no-stdin-watch", action="store_true", help="do not exit when stdin closes")
    args = parser.parse_args()

    workdir = args.workdir or tempfile.mkdtemp(prefix="huella-hostile-")
    os.makedirs(workdir, exist_ok=True)
    certs = make_certificates(workdir)
    payloads = make_payloads()
    log = Log(args.log)
    listener_port = start_listener_127_0_0_2(log)
    Handler = handler_for(log, payloads, listener_port)

    card = {}
    servers = {"http": QuietHTTPServer(("127.0.0.1", 0), Handler)}
    for name in ("https", "https_expired", "https_selfsigned", "https_wronghost"):
        if certs[name] is None:
            card[name] = None
            continue
        server = QuietHTTPServer(("127.0.0.1", 0), Handler)
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(*certs[name])
        context.set_alpn_protocols(["http/1.1"])
        # Handshake in the handler thread, so a stalled client cannot block accept().
        server.socket = context.wrap_socket(server.socket, server_side=True, do_handshake_on_connect=False)
        servers[name] = server
    socketserver.ThreadingTCPServer.allow_reuse_address = True
    raw = socketserver.ThreadingTCPServer(("127.0.0.1", 0), raw_handler_for(log))
    raw.daemon_threads = True
    servers["raw"] = raw
    for name, server in servers.items():
        threading.Thread(target=server.serve_forever, daemon=True).start()
        card[name] = server.server_address[1]

    card.update({"cafile": certs["cafile"], "listener_127_0_0_2": listener_port, "brotli": payloads["br"] is not None})
    print(json.dumps(card), flush=True)
    serve_until_stdin_closes(args.no_stdin_watch, workdir, keep_workdir=bool(args.workdir))


if __name__ == "__main__":
    main()
