"""Shared by the browser tests and bench/bench_dashboard.py: Debian's Chromium under Playwright, a
store ingested from the fixtures, and the real `eventwire serve` in a subprocess on 127.0.0.1."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
EXAMPLE = REPO / "src" / "eventwire" / "examples" / "rferl_nato_iraq_2008.txt"

# Debian's package; Playwright drives it through executable_path (never `playwright install`).
CHROMIUM = os.environ.get("EVENTWIRE_CHROMIUM", "/usr/bin/chromium")
# --no-sandbox: Chromium's sandbox cannot start as root (CI runs as root). The rest keeps a
# headless run quiet and offline: no background requests, component updates, sync or first-run UI.
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
HOW_TO_GET_CHROMIUM = "install Debian's Chromium: `sudo apt-get install -y chromium` (make test does it when run as root)"


def chromium_missing() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed (pip install -r requirements.lock)"
    path = shutil.which(CHROMIUM) if not os.path.isabs(CHROMIUM) else (CHROMIUM if os.access(CHROMIUM, os.X_OK) else None)
    if path is None:
        return f"{CHROMIUM} not found: {HOW_TO_GET_CHROMIUM}"
    return None


def launch(playwright, user_data_dir: Path, *, width: int = 1400, height: int = 1000):
    """A fresh headless Chromium context (its own user-data-dir) on Debian's binary."""
    return playwright.chromium.launch_persistent_context(
        str(user_data_dir),
        executable_path=CHROMIUM,
        headless=True,
        args=LAUNCH_ARGS,
        viewport={"width": width, "height": height},
    )


def python_env() -> dict[str, str]:
    """The environment for `python -m eventwire` from this checkout (src on PYTHONPATH)."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO / "src"), env.get("PYTHONPATH")]))
    return env


def fixture_stories(dest: Path) -> Path:
    """The fixture stories plus the bundled RFE/RL article (dated 2008-04-17), as one JSON lines file."""
    lines = (FIXTURES / "stories.jsonl").read_text(encoding="utf-8").splitlines()
    lines.append(
        json.dumps(
            {
                "id": "rferl-nato-iraq",
                "date": "2008-04-17",
                "source": "RFE/RL",
                "url": "https://www.rferl.org/a/1079796.html",
                "title": "Iraqi Premier Urges NATO To Expand Training Mission",
                "text": EXAMPLE.read_text(encoding="utf-8"),
            }
        )
    )
    dest.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return dest


def ingest_fixtures(db: Path) -> None:
    """`eventwire ingest` the fixture stories into `db` (the real command, one coding process)."""
    stories = fixture_stories(db.with_suffix(".stories.jsonl"))
    done = subprocess.run(
        [sys.executable, "-m", "eventwire", "ingest", str(stories), "--db", str(db), "--workers", "1"],
        env=python_env(),
        capture_output=True,
        text=True,
        timeout=600,
    )
    if done.returncode != 0:
        raise RuntimeError(f"eventwire ingest failed ({done.returncode}): {done.stderr[-2000:]}")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def serve(db: Path, log: Path, *, token: str | None = None, timeout: float = 60.0) -> Iterator[str]:
    """`eventwire serve --db DB` on 127.0.0.1 and a free port (with `--token` if given); yields its
    base URL, stops it after."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "eventwire", "serve", "--db", str(db), "--host", "127.0.0.1", "--port", str(port)]
            + (["--token", token] if token else []),
            env=python_env(),
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        try:
            deadline = time.monotonic() + timeout
            while True:
                if proc.poll() is not None:
                    raise RuntimeError(f"eventwire serve exited with {proc.returncode}: {log.read_text()[-2000:]}")
                request = urllib.request.Request(f"{base}/api/v1/meta", headers={"Authorization": f"Bearer {token}"} if token else {})
                try:
                    with urllib.request.urlopen(request, timeout=2) as response:
                        if response.status == 200:
                            break
                except (urllib.error.URLError, ConnectionError, TimeoutError):
                    pass
                if time.monotonic() > deadline:
                    raise RuntimeError(f"eventwire serve did not answer within {timeout:.0f} s: {log.read_text()[-2000:]}")
                time.sleep(0.2)
            yield base
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
