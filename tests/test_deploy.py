"""The server starts the way the Dockerfile starts it (Streamlit workers behind nginx): health check, a
page and a session answer, and a browser stays with its worker."""
from __future__ import annotations

import asyncio
import json
import os
import re
import subprocess
import sys
import time
import urllib.request

import pytest

from .conftest import ROOT, free_port

sys.path.insert(0, str(ROOT / "bench"))
from load_test import load  # noqa: E402  (the load test's own websocket client)

from serve import COOKIE, healthy  # noqa: E402

DOCKERFILE = (ROOT / "Dockerfile").read_text(encoding="utf-8")


def _command(port: int) -> list[str]:
    command = json.loads(re.search(r"^CMD (\[.*\])$", DOCKERFILE, re.M).group(1))
    command[0] = sys.executable if command[0] == "python" else command[0]
    return [f"--port={port}" if arg.startswith("--port=") else
            "--address=127.0.0.1" if arg.startswith("--address=") else arg for arg in command]


def _environment(tmp_path) -> dict[str, str]:
    block = re.search(r"^ENV ((?:.*\\\n)*.*)$", DOCKERFILE, re.M).group(1)
    pairs = dict(re.findall(r"(\w+)=(\S+)", block.replace("\\\n", " ")))
    return {k: v.replace("/data", str(tmp_path)) for k, v in pairs.items()}


def _worker_cookie(response) -> str:
    return re.search(rf"{COOKIE}=(\d+)", response.headers.get("Set-Cookie", "") + ", ".join(
        response.headers.get_all("Set-Cookie") or [])).group(1)


def test_the_dockerfile_runs_as_a_user_with_a_volume_and_a_healthcheck():
    assert re.search(r"^FROM python:3\.\d+-slim$", DOCKERFILE, re.M)
    assert re.search(r"^USER atlas$", DOCKERFILE, re.M) and "VOLUME /data" in DOCKERFILE
    assert "/_stcore/health" in re.search(r"^HEALTHCHECK(?:.*\\\n)*.*$", DOCKERFILE, re.M).group(0)
    assert "requirements.txt" in DOCKERFILE and "nginx" in DOCKERFILE


def test_the_server_started_like_the_dockerfile_answers(tmp_path):
    port = free_port()
    environment = _environment(tmp_path)
    assert environment["CLAIMATLAS_STORE_PATH"].startswith(str(tmp_path))
    process = subprocess.Popen(_command(port), cwd=ROOT, env=os.environ | environment,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.time() + 90
        while True:
            try:
                health = urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2)
                break
            except OSError:
                if time.time() > deadline or process.poll() is not None:
                    pytest.fail("the server did not answer its health check")
                time.sleep(0.5)
        assert health.status == 200 and health.read() == b"ok"
        page = urllib.request.urlopen(f"http://127.0.0.1:{port}/map", timeout=10)
        assert page.status == 200 and b"<div id=\"root\">" in page.read()
        worker = _worker_cookie(page)
        again = urllib.request.Request(f"http://127.0.0.1:{port}/", headers={"Cookie": f"{COOKIE}={worker}"})
        assert _worker_cookie(urllib.request.urlopen(again, timeout=10)) == worker  # sticky
        assert len({_worker_cookie(urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10))
                    for _ in range(40)}) == 2  # new browsers reach both workers
        results = asyncio.run(load(f"ws://127.0.0.1:{port}/_stcore/stream", sessions=4, steps=1, timeout=120))
        assert [error for _, error in results if error] == [] and len(results) == 8
    finally:
        process.terminate()
        process.wait(timeout=20)


@pytest.mark.parametrize("ports", [[9001], [9001, 9002], [9001, 9002, 9003]])
def test_nginx_spreads_new_browsers_over_every_worker_and_keeps_known_ones(ports, tmp_path):
    from serve import nginx_config

    config = nginx_config(ports, "127.0.0.1", 8501, tmp_path)
    split = re.search(r'split_clients "\$request_id" \$new_worker \{(.*?)\}', config, re.S).group(1)
    shares = re.findall(r"([\d.]+)% (\d+);", split)
    assert [int(p) for _, p in shares] + [int(re.search(r"\* (\d+);", split).group(1))] == ports
    assert sum(float(s) for s, _ in shares) < 100
    sticky = re.search(rf"map \$cookie_{COOKIE} \$worker \{{(.*?)\}}", config, re.S).group(1)
    assert sorted(int(p) for p in re.findall(r'"(\d+)" \1;', sticky)) == ports  # only known workers
    assert "default $new_worker;" in sticky
    assert "listen 127.0.0.1:8501;" in config and "proxy_set_header Upgrade $http_upgrade;" in config
    assert f"pid {tmp_path}/nginx.pid;" in config  # writable without root


def test_serve_without_nginx_says_what_to_install(monkeypatch, capsys):
    import serve

    monkeypatch.setattr(serve, "find_nginx", lambda: None)
    assert serve.serve(2, "127.0.0.1", free_port()) == 2
    assert "apt-get install nginx" in capsys.readouterr().err


def _wait_for(condition, seconds: float) -> bool:
    deadline = time.time() + seconds
    while time.time() < deadline:
        if condition():
            return True
        time.sleep(0.3)
    return False


def test_a_worker_that_exits_is_restarted_and_served_again(tmp_path):
    import psutil

    port = free_port()
    process = subprocess.Popen(_command(port), cwd=ROOT, env=os.environ | _environment(tmp_path),
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        assert _wait_for(lambda: healthy(port), 120), "serve.py did not answer"

        def workers() -> dict[int, str]:
            found = {}
            for child in psutil.Process(process.pid).children():
                try:
                    command = child.cmdline()
                except psutil.Error:  # exited, not yet reaped by serve.py
                    continue
                if "streamlit" in command:
                    found[child.pid] = next(a.split("=")[1] for a in command if a.startswith("--server.port="))
            return found

        before = workers()
        assert len(before) == 2
        killed, worker_port = next(iter(before.items()))
        psutil.Process(killed).kill()
        assert _wait_for(lambda: len(workers()) == 2 and killed not in workers(), 30)
        assert worker_port in workers().values()  # restarted on its own port
        # A browser pinned to that worker is served again once it is up.
        pinned = urllib.request.Request(f"http://127.0.0.1:{port}/_stcore/health",
                                        headers={"Cookie": f"{COOKIE}={worker_port}"})

        def pinned_answers() -> bool:
            try:
                return urllib.request.urlopen(pinned, timeout=2).status == 200
            except OSError:
                return False

        assert _wait_for(pinned_answers, 90)
        assert process.poll() is None
        running = workers()
    finally:
        process.terminate()
        process.wait(timeout=30)
    assert process.returncode == 0
    assert not any(psutil.pid_exists(pid) and psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
                   for pid in running)  # the workers stop with it


def test_streamlit_run_builds_the_store_before_it_answers(tmp_path):
    """`streamlit run dashboard.py` serves the app with a lifespan that builds the store and imports the
    pages' libraries first: the store file is there when the health check first answers, before any
    visitor has opened a page."""
    port, store = free_port(), tmp_path / "store.duckdb"
    process = subprocess.Popen([sys.executable, "-m", "streamlit", "run", "dashboard.py", "--server.headless", "true",
                                "--server.port", str(port), "--server.address", "127.0.0.1",
                                "--browser.gatherUsageStats", "false"],
                               cwd=ROOT, env=os.environ | {"CLAIMATLAS_STORE_PATH": str(store)},
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.time() + 90
        while not healthy(port):
            if time.time() > deadline or process.poll() is not None:
                pytest.fail("the server did not answer its health check")
            time.sleep(0.05)
        assert store.exists()
    finally:
        process.terminate()
        process.wait(timeout=20)
