"""Serve the dashboard from several Streamlit processes behind nginx, for a link many people share.

    python serve.py [--workers 2] [--port 8501] [--address 0.0.0.0]

One Streamlit process runs every session's page in one Python interpreter, so under load the
sessions queue for one core. This starts ``--workers`` Streamlit servers on loopback ports and nginx
in front of them on ``--address:--port``. nginx pins each browser to one worker with a cookie (a
session's websocket, uploads and downloads live in that worker's memory) and spreads new browsers
evenly. The workers share the store file (reads are shared, writes are locked) and one cookie secret.
nginx starts once every worker answers its health check and has opened the landing page and the map
once (so no visitor waits for the store or the imports); a worker that exits is restarted.

Needs nginx (Debian: ``apt-get install nginx``). On one machine, ``streamlit run dashboard.py`` is
the same dashboard in one process.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import AsyncIterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent
COOKIE = "claimatlas_worker"
# nginx accepts a little more than Streamlit's own upload limit (server.maxUploadSize, in MB), which
# then refuses an oversized file with its own message.
BODY_LIMIT_MB = 4
START_TIMEOUT_S = 120
# Pages each worker opens once before nginx lets visitors in: the Overview, a shared link's landing
# page, and the Map (folium and geopandas are the heaviest imports; imported in the background instead,
# they slowed the first visitor's Overview).
WARM_PAGES = ("", "map")


def free_port() -> int:
    """A free TCP port on the loopback interface."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def nginx_config(ports: list[int], address: str, port: int, folder: Path) -> str:
    """The nginx configuration: sticky (cookie) proxying of HTTP and websockets to the workers' ports."""
    share = 100 / len(ports)
    split = "\n".join(f"        {share:.2f}% {p};" for p in ports[:-1]) + f"\n        * {ports[-1]};"
    known = "\n".join(f'        "{p}" {p};' for p in ports)
    return f"""worker_processes 1;
pid {folder}/nginx.pid;
error_log stderr warn;
events {{ worker_connections 4096; }}
http {{
    access_log off;
    client_body_temp_path {folder}/body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
    client_max_body_size {BODY_LIMIT_MB}m;
    map $http_upgrade $connection_upgrade {{
        default upgrade;
        '' close;
    }}
    split_clients "$request_id" $new_worker {{
{split}
    }}
    map $cookie_{COOKIE} $worker {{
{known}
        default $new_worker;
    }}
    server {{
        listen {address}:{port};
        location / {{
            add_header Set-Cookie "{COOKIE}=$worker; Path=/; HttpOnly; SameSite=Lax" always;
            proxy_pass http://127.0.0.1:$worker;
            proxy_http_version 1.1;
            proxy_set_header Upgrade $http_upgrade;
            proxy_set_header Connection $connection_upgrade;
            proxy_set_header Host $http_host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_buffering off;
            proxy_read_timeout 1d;
            proxy_send_timeout 1d;
        }}
    }}
}}
"""


def start_worker(port: int, cookie_secret: str) -> subprocess.Popen:
    """One Streamlit server of the dashboard on 127.0.0.1:port."""
    return subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "dashboard.py", "--server.headless=true",
         "--server.address=127.0.0.1", f"--server.port={port}", "--browser.gatherUsageStats=false"],
        cwd=ROOT, env=os.environ | {"STREAMLIT_SERVER_COOKIE_SECRET": cookie_secret},
        stdout=subprocess.DEVNULL)  # its "view your app" lines name a loopback port; its log stays on stderr


def healthy(port: int) -> bool:
    """Whether the server on the loopback port answers its health check."""
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


def wait_healthy(ports: list[int], workers: dict[int, subprocess.Popen]) -> None:
    """Wait until every worker answers, or fail when one exits or time runs out."""
    deadline = time.monotonic() + START_TIMEOUT_S
    waiting = set(ports)
    while waiting:
        for port in list(waiting):
            if workers[port].poll() is not None:
                raise RuntimeError(f"the worker on port {port} exited with code {workers[port].returncode}")
            if healthy(port):
                waiting.discard(port)
        if waiting and time.monotonic() > deadline:
            raise RuntimeError(f"workers on ports {sorted(waiting)} did not answer within {START_TIMEOUT_S} s")
        time.sleep(0.2)


async def page_run(connection, page: str, query: str = "") -> AsyncIterator:
    """Ask the app on a Streamlit websocket ``connection`` to run ``page`` with the URL ``query``, and yield
    its messages (``ForwardMsg``) until the run finishes (a run cut short by a newer one does not count)."""
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    message = BackMsg()
    message.rerun_script.page_name = page
    message.rerun_script.query_string = query
    await connection.send(message.SerializeToString())
    while True:
        forward = ForwardMsg()
        forward.ParseFromString(await connection.recv())
        yield forward
        if forward.WhichOneof("type") == "script_finished" and forward.script_finished != forward.FINISHED_EARLY_FOR_RERUN:
            return


async def _run_pages(port: int, pages: tuple[str, ...]) -> None:
    import websockets

    async with websockets.connect(f"ws://127.0.0.1:{port}/_stcore/stream", subprotocols=["streamlit"],
                                  max_size=2**26, open_timeout=START_TIMEOUT_S) as connection:
        for page in pages:
            async with asyncio.timeout(START_TIMEOUT_S):
                async for _ in page_run(connection, page):
                    pass


async def _warm_all(ports: list[int], pages: tuple[str, ...]) -> list[BaseException | None]:
    return await asyncio.gather(*(_run_pages(port, pages) for port in ports), return_exceptions=True)


def warm(ports: list[int], pages: tuple[str, ...] = WARM_PAGES) -> None:
    """Open the pages once in every worker at once, as a first visitor would (the store from the snapshot,
    the imports), so that visitors, let in only afterwards, do not wait for that. A worker that cannot be
    warmed is reported and served cold."""
    for port, outcome in zip(ports, asyncio.run(_warm_all(ports, pages))):
        if isinstance(outcome, BaseException):
            print(f"serve.py: warming the worker on port {port} failed ({outcome!r}); serving it cold",
                  file=sys.stderr)


def stop(processes: list[subprocess.Popen]) -> None:
    """Terminate the processes and wait for them (killing any that hang)."""
    for process in processes:
        if process.poll() is None:
            process.terminate()
    for process in processes:
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


def find_nginx() -> str | None:
    """The nginx binary: on the PATH, or Debian's /usr/sbin/nginx (not on a user's PATH); None if absent."""
    return shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)


def serve(workers_count: int, address: str, port: int) -> int:
    """Run the workers and nginx until stopped (SIGTERM or Ctrl-C); return the exit code."""
    nginx = find_nginx()
    if nginx is None:
        print("serve.py needs nginx (Debian: apt-get install nginx); or run: streamlit run dashboard.py",
              file=sys.stderr)
        return 2
    folder = Path(tempfile.mkdtemp(prefix="claimatlas-serve-"))
    ports = [free_port() for _ in range(workers_count)]
    cookie_secret = secrets.token_hex(32)
    workers = {p: start_worker(p, cookie_secret) for p in ports}
    proxy: subprocess.Popen | None = None
    stopping = False

    def on_signal(signum, frame):
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    try:
        wait_healthy(ports, workers)
        warm(ports)
        if stopping:
            return 0
        config = folder / "nginx.conf"
        config.write_text(nginx_config(ports, address, port, folder), encoding="utf-8")
        proxy = subprocess.Popen([nginx, "-e", "stderr", "-p", str(folder), "-c", str(config), "-g", "daemon off;"])
        print(f"Claim Atlas: http://{address}:{port} ({workers_count} workers)", flush=True)
        while not stopping:
            if proxy.poll() is not None:
                print(f"nginx exited with code {proxy.returncode}", file=sys.stderr)
                return 1
            for worker_port, worker in list(workers.items()):
                if worker.poll() is not None:
                    print(f"worker on port {worker_port} exited with code {worker.returncode}; restarting",
                          file=sys.stderr)
                    workers[worker_port] = start_worker(worker_port, cookie_secret)
            time.sleep(0.5)
        return 0
    except RuntimeError as error:
        print(f"serve.py: {error}", file=sys.stderr)
        return 1
    finally:
        stop([p for p in (proxy, *workers.values()) if p is not None])
        shutil.rmtree(folder, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2, help="Streamlit processes (default 2)")
    parser.add_argument("--port", type=int, default=8501)
    parser.add_argument("--address", default="0.0.0.0")  # noqa: S104 (a server for others to reach)
    args = parser.parse_args(argv)
    if args.workers < 1:
        parser.error("--workers must be at least 1")
    return serve(args.workers, args.address, args.port)


if __name__ == "__main__":
    sys.exit(main())
