"""Serve bodymap for a class: N app processes behind nginx, each student's session kept on one of them.

One Streamlit process runs every session's script in one interpreter, so on a 2-core machine a class of thirty
tapping at once queues on one core. Replicas use the others. A Streamlit session lives in the process that holds its
websocket (and its downloads, in that process's memory), so every request of a browser must reach the same replica:
nginx gives each new browser a cookie (``bodymap_replica``, a random key) and hashes it to a replica, so the page,
its websocket and its downloads all go to the same place. ``X-Bodymap-Replica`` on each answer says which.

Run with: ``scripts/serve [--replicas N] [--port P] [--address A]`` (scripts/serve installs what is missing first).
Ctrl-C or SIGTERM stops nginx and every replica; if any of them dies, the rest are stopped too.
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Sequence
from pathlib import Path
from types import FrameType

ROOT = Path(__file__).resolve().parents[1]
NGINX = Path("/usr/sbin/nginx")
COOKIE = "bodymap_replica"
HEALTHY_WITHIN_S = 60

NGINX_CONF = """\
worker_processes auto;
daemon off;
pid {folder}/nginx.pid;
error_log {folder}/error.log warn;
events {{ worker_connections 4096; }}
http {{
  access_log off;
  client_body_temp_path {folder}/body;
  proxy_temp_path {folder}/proxy;
  fastcgi_temp_path {folder}/fastcgi;
  uwsgi_temp_path {folder}/uwsgi;
  scgi_temp_path {folder}/scgi;
  # A browser without the cookie gets a new random key; with it, its own key: the same key, the same replica.
  map $cookie_{cookie} $replica_key {{
    "" $request_id;
    default $cookie_{cookie};
  }}
  map $http_upgrade $connection_upgrade {{
    default upgrade;
    "" close;
  }}
  upstream bodymap {{
    hash $replica_key consistent;
{servers}
  }}
  server {{
    listen {address}:{port};
    location / {{
      proxy_pass http://bodymap;
      proxy_http_version 1.1;
      proxy_set_header Upgrade $http_upgrade;
      proxy_set_header Connection $connection_upgrade;
      proxy_set_header Host $http_host;  # Streamlit checks a websocket's Origin against the Host it was asked for
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_read_timeout 1d;  # a class keeps its websockets open for the whole lesson
      proxy_send_timeout 1d;
      add_header Set-Cookie "{cookie}=$replica_key; Path=/; HttpOnly; SameSite=Lax" always;
      add_header X-Bodymap-Replica $upstream_addr always;
    }}
  }}
}}
"""


def free_port(address: str = "127.0.0.1") -> int:
    with socket.socket() as probe:
        probe.bind((address, 0))
        return int(probe.getsockname()[1])


def nginx_conf(folder: Path, address: str, port: int, replica_ports: Sequence[int]) -> str:
    """The proxy's whole configuration: every path inside ``folder``, so it runs without root and leaves nothing."""
    servers = "\n".join(f"    server 127.0.0.1:{replica};" for replica in replica_ports)
    return NGINX_CONF.format(folder=folder, address=address, port=port, servers=servers, cookie=COOKIE)


def start_replica(port: int) -> subprocess.Popen[bytes]:
    command = [
        sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"),
        "--server.port", str(port), "--server.address", "127.0.0.1", "--server.headless", "true",
        "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none",
    ]  # fmt: skip
    return subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=sys.stderr)


def wait_healthy(ports: Sequence[int], processes: Sequence[subprocess.Popen[bytes]]) -> None:
    deadline = time.monotonic() + HEALTHY_WITHIN_S
    for port in ports:
        while True:
            if any(process.poll() is not None for process in processes):
                raise RuntimeError("a replica stopped while starting")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as answer:
                    if answer.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"the replica on port {port} was not healthy within {HEALTHY_WITHIN_S} s")
            time.sleep(0.2)


def stop(processes: Sequence[subprocess.Popen[bytes]]) -> None:
    for process in processes:
        if process.poll() is None:
            process.terminate()
    for process in processes:
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    cores = max(1, os.cpu_count() or 1)
    parser.add_argument("--replicas", type=int, default=cores, help="app processes (default: one per core)")
    parser.add_argument("--port", type=int, default=8501, help="the port the class connects to")
    parser.add_argument("--address", default="0.0.0.0", help="the address to listen on (default: every interface)")
    args = parser.parse_args(argv)
    if args.replicas < 1:
        parser.error("--replicas must be at least 1")
    if not NGINX.is_file():
        print(f"scripts/serve needs nginx ({NGINX}): install Debian's nginx package with apt-get.", file=sys.stderr)
        return 1

    stopping = False

    def on_signal(signum: int, frame: FrameType | None) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)
    processes: list[subprocess.Popen[bytes]] = []
    with tempfile.TemporaryDirectory(prefix="bodymap-serve-") as folder:
        try:
            ports = [free_port() for _ in range(args.replicas)]
            processes += [start_replica(port) for port in ports]
            wait_healthy(ports, processes)
            conf = Path(folder) / "nginx.conf"
            conf.write_text(nginx_conf(Path(folder), args.address, args.port, ports), encoding="utf-8")
            processes.append(subprocess.Popen([str(NGINX), "-p", folder, "-c", str(conf)]))
            shown = "localhost" if args.address == "0.0.0.0" else args.address
            print(f"bodymap: http://{shown}:{args.port} ({args.replicas} replicas behind nginx)", flush=True)
            while not stopping:
                if any(process.poll() is not None for process in processes):
                    print("bodymap: a replica or nginx stopped; stopping the rest", file=sys.stderr)
                    return 1
                time.sleep(0.2)
            return 0
        except RuntimeError as error:
            print(f"bodymap: {error}", file=sys.stderr)
            return 1
        finally:
            stop(processes)


if __name__ == "__main__":
    sys.exit(main())
