#!/usr/bin/env python3
"""Time from saving a guide to the reloaded page, with `lantern serve` on a generated site.

Usage: python3 Benchmarks/serve_latency.py LANTERN_BIN SITE_DIR [--runs 10]

Starts `lantern serve` on 127.0.0.1, waits for the first load, then repeatedly edits one guide
(as an editor would: write the whole file), first its text only (`body`: the plan is kept), then
its title (`title`: the guide and every list showing it are planned again), and measures
  notice  – save → the live-reload message arrives on the WebSocket (what a browser waits for), and
  page    – save → the edited page has been fetched again with the change in it (the reload).
Prints each run and the median and worst; stops the server and restores the file at the end.
"""
import argparse, base64, os, socket, statistics, subprocess, sys, time, urllib.request


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url, timeout=10):
    with urllib.request.urlopen(url, timeout=timeout) as r:
        return r.status, r.read().decode("utf-8", "replace")


class ReloadSocket:
    """The smallest WebSocket client that can hear a text frame."""

    def __init__(self, port):
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=10)
        key = base64.b64encode(os.urandom(16)).decode()
        self.sock.sendall((f"GET /__lantern/reload HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUpgrade: websocket\r\n"
                           f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n").encode())
        head = b""
        while b"\r\n\r\n" not in head:
            head += self.sock.recv(1)
        if b" 101 " not in head.split(b"\r\n")[0]:
            raise SystemExit(f"no WebSocket upgrade: {head!r}")

    def wait_text(self, timeout=10):
        self.sock.settimeout(timeout)
        first = self.sock.recv(2)
        length = first[1] & 0x7F
        if length == 126:
            length = int.from_bytes(self.sock.recv(2), "big")
        payload = b""
        while len(payload) < length:
            payload += self.sock.recv(length - len(payload))
        return payload.decode()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("lantern")
    ap.add_argument("site")
    ap.add_argument("--runs", type=int, default=10)
    ap.add_argument("--edit", nargs="+", choices=["body", "title"], default=["body", "title"],
                    help="which edits to time (default: both, body first)")
    args = ap.parse_args()

    guides = os.path.join(args.site, "content", "guides")
    name = sorted(f for f in os.listdir(guides) if f.endswith(".md"))[len(os.listdir(guides)) // 2]
    path = os.path.join(guides, name)
    slug = name[:-3]
    original = open(path, encoding="utf-8").read()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    started = time.perf_counter()
    server = subprocess.Popen([args.lantern, "serve", "--source", args.site, "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        while True:
            try:
                if get(base + "/")[0] == 200:
                    break
            except OSError:
                if server.poll() is not None:
                    raise SystemExit("lantern serve stopped:\n" + server.stderr.read())
                time.sleep(0.05)
        print(f"first page served {time.perf_counter() - started:.2f} s after start")
        page_url = f"{base}/huong-dan/{slug}/"
        status, _ = get(page_url)
        if status != 200:
            raise SystemExit(f"{page_url} answered {status}")
        for kind in args.edit:
            measure(kind, args.runs, port, path, original, page_url)
    finally:
        with open(path, "w", encoding="utf-8") as f:
            f.write(original)
        server.terminate()
        server.wait(timeout=10)


def measure(kind, runs, port, path, original, page_url):
        notices, pages = [], []
        for run in range(runs):
            sock = ReloadSocket(port)
            marker = f"SỬA-{run}-{time.time_ns()}"
            if kind == "title":
                edited = original.replace('title: "', f'title: "{marker} ', 1)
            else:
                edited = original.rstrip("\n") + f"\n\nĐoạn thêm {marker}.\n"
            if edited == original:
                raise SystemExit(f"{path} has no `title: \"` line to edit")
            t0 = time.perf_counter()
            with open(path, "w", encoding="utf-8") as f:
                f.write(edited)
            message = sock.wait_text()
            t1 = time.perf_counter()
            status, body = get(page_url)
            t2 = time.perf_counter()
            sock.sock.close()
            if message != "reload" or marker not in body:
                raise SystemExit(f"run {run}: message {message!r}, marker in page: {marker in body}")
            notices.append((t1 - t0) * 1000)
            pages.append((t2 - t0) * 1000)
            print(f"{kind} edit {run + 1:2}: reload message {notices[-1]:6.1f} ms, edited page fetched {pages[-1]:6.1f} ms")
            time.sleep(0.3)
        print(f"{kind} edits, median: reload message {statistics.median(notices):.1f} ms, edited page {statistics.median(pages):.1f} ms; "
              f"worst page {max(pages):.1f} ms (goal: edit -> reload <= 100 ms)")


if __name__ == "__main__":
    main()
