"""The server starts the way the Dockerfile starts it: health check and a page answer."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
import urllib.request

import pytest

from .conftest import ROOT, free_port

DOCKERFILE = (ROOT / "Dockerfile").read_text(encoding="utf-8")


def _command(port: int) -> list[str]:
    command = json.loads(re.search(r"^CMD (\[.*\])$", DOCKERFILE, re.M).group(1))
    command[0] = sys.executable if command[0] == "python" else command[0]
    return [f"--server.port={port}" if arg.startswith("--server.port=") else
            "--server.address=127.0.0.1" if arg.startswith("--server.address=") else arg for arg in command]


def _environment(tmp_path) -> dict[str, str]:
    block = re.search(r"^ENV ((?:.*\\\n)*.*)$", DOCKERFILE, re.M).group(1)
    pairs = dict(re.findall(r"(\w+)=(\S+)", block.replace("\\\n", " ")))
    return {k: v.replace("/data", str(tmp_path)) for k, v in pairs.items()}


def test_the_dockerfile_runs_as_a_user_with_a_volume_and_a_healthcheck():
    assert re.search(r"^FROM python:3\.\d+-slim$", DOCKERFILE, re.M)
    assert re.search(r"^USER atlas$", DOCKERFILE, re.M) and "VOLUME /data" in DOCKERFILE
    assert "/_stcore/health" in re.search(r"^HEALTHCHECK(?:.*\\\n)*.*$", DOCKERFILE, re.M).group(0)
    assert "requirements.txt" in DOCKERFILE


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
    finally:
        process.terminate()
        process.wait(timeout=20)
