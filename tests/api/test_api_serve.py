"""`marsad serve` as a user runs it: a subprocess on a free port, real HTTP, then SIGTERM."""
from __future__ import annotations

import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time

import httpx
import pytest


def _serve(args: list[str], env: dict[str, str]):
    proc = subprocess.Popen([sys.executable, "-m", "marsad", "serve", "--port", "0", "--log-level", "warning", *args],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in proc.stdout], daemon=True).start()
    return proc, lines


def _wait_for_health(proc, lines, timeout: float = 60.0) -> tuple[str, dict, list[str]]:
    out, base = [], None
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            out.append(lines.get(timeout=0.2))
            m = re.search(r"API (http://127\.0\.0\.1:\d+)/api/", out[-1])
            base = base or (m and m.group(1))
        except queue.Empty:
            pass
        assert proc.poll() is None, "".join(out)
        if base:
            try:
                r = httpx.get(f"{base}/api/health", timeout=2)
                if r.status_code == 200:
                    return base, r.json(), out
            except httpx.TransportError:
                pass
    raise AssertionError("marsad serve did not answer:\n" + "".join(out))


@pytest.mark.parametrize("token", [None, "serve-test-token-0123456789"])
def test_api_serve_starts_on_a_missing_database_and_says_how_to_fill_it(tmp_path, token):
    db = tmp_path / "new" / "marsad.db"
    db.parent.mkdir()
    env = {k: v for k, v in os.environ.items() if k != "MARSAD_TOKEN"}
    if token:
        env["MARSAD_TOKEN"] = token
    proc, lines = _serve(["--db", str(db)], env)
    try:
        base, health, out = _wait_for_health(proc, lines)
        text = "".join(out)
        assert health["reports"] == health["events"] == health["incidents"] == 0
        assert health["review_enabled"] is (token is not None)
        assert f"marsad ingest reports.jsonl --db {db}" in text
        assert ("reviews are off" in text) is (token is None)
        assert db.exists()
        assert httpx.get(f"{base}/api/incidents.geojson").json()["features"] == []
        assert httpx.get(f"{base}/docs").status_code == 200
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            code = proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            raise
    assert code in (0, -signal.SIGTERM)  # uvicorn shuts down, then re-raises the signal it caught


def test_api_serve_refuses_a_port_in_use(tmp_path):
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run([sys.executable, "-m", "marsad", "serve", "--db", str(tmp_path / "m.db"),
                                 "--port", str(port)], check=False, capture_output=True, text=True, timeout=60)
    assert result.returncode == 1 and f"cannot listen on 127.0.0.1:{port}" in result.stderr
