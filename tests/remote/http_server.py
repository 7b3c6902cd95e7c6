#!/usr/bin/python3
"""A small HTTP server in front of `git http-backend` (git's smart HTTP
CGI), for tests/remote/remote.sh: real git on the server side, nothing
mocked.  Usage: http_server.py ROOT PORTFILE [USER:PASSWORD] [--tls CERT KEY]

Serves the repositories under ROOT at http://127.0.0.1:PORT/NAME; the port
(chosen by the system) is written to PORTFILE once the server listens.
With USER:PASSWORD every request needs that HTTP Basic authorization;
with --tls it speaks https with that certificate and key.
Request bodies may be chunked (libgit2 sends pushes so)."""
import base64
import http.server
import os
import ssl
import subprocess
import sys

args = sys.argv[1:]
TLS = None
if "--tls" in args:
    at = args.index("--tls")
    TLS = args[at + 1:at + 3]
    del args[at:at + 3]
ROOT, PORTFILE = args[0], args[1]
AUTH = args[2] if len(args) > 2 else None


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def body(self):
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            out = b""
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip(), 16)
                if size == 0:
                    self.rfile.readline()
                    return out
                out += self.rfile.read(size)
                self.rfile.readline()
        return self.rfile.read(int(self.headers.get("Content-Length", "0")))

    def refuse(self):
        self.send_response(401)
        self.send_header("WWW-Authenticate", 'Basic realm="yoy test"')
        self.send_header("Content-Length", "0")
        self.end_headers()

    def serve(self):
        data = self.body()
        user = ""
        if AUTH:
            given = self.headers.get("Authorization", "")
            want = "Basic " + base64.b64encode(AUTH.encode()).decode()
            if given != want:
                return self.refuse()
            user = AUTH.split(":")[0]
        path, _, query = self.path.partition("?")
        env = {
            "PATH": os.environ["PATH"],
            "GIT_PROJECT_ROOT": ROOT,
            "GIT_HTTP_EXPORT_ALL": "1",
            "REQUEST_METHOD": self.command,
            "PATH_INFO": path,
            "QUERY_STRING": query,
            "CONTENT_TYPE": self.headers.get("Content-Type", ""),
            "CONTENT_LENGTH": str(len(data)),
            "REMOTE_ADDR": "127.0.0.1",
            "REMOTE_USER": user or "anonymous",
        }
        if self.headers.get("Content-Encoding"):
            env["HTTP_CONTENT_ENCODING"] = self.headers["Content-Encoding"]
        if self.headers.get("Git-Protocol"):
            env["GIT_PROTOCOL"] = self.headers["Git-Protocol"]
        run = subprocess.run(["git", "http-backend"], input=data, env=env,
                             capture_output=True)
        head, _, payload = run.stdout.partition(b"\r\n\r\n")
        status = 200
        headers = []
        for line in head.decode("latin-1").split("\r\n"):
            if not line:
                continue
            name, _, value = line.partition(":")
            if name.lower() == "status":
                status = int(value.split()[0])
            else:
                headers.append((name, value.strip()))
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    do_GET = serve
    do_POST = serve


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
if TLS:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(TLS[0], TLS[1])
    server.socket = context.wrap_socket(server.socket, server_side=True)
with open(PORTFILE + ".tmp", "w") as f:
    f.write(str(server.server_address[1]))
os.rename(PORTFILE + ".tmp", PORTFILE)
server.serve_forever()
