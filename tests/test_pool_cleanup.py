"""The worker pool does not outlive its parent (issue 13, item 7): SIGTERM cleans up as SIGINT does,
and workers whose parent was killed (-9) exit within seconds."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

# A parent that codes an endless stream of stories with 2 slow workers, and prints the workers' pids.
PARENT = f"""
import itertools, multiprocessing, sys
sys.path.insert(0, {str(ROOT / "tests" / "store")!r})
from store_fakes import slow_factory, story_line
from eventwire.engines.local import code_in_pool
from eventwire.records import CodingOptions, Story
if __name__ == "__main__":
    stories = (Story(id=f"s{{i}}", text=story_line("TURGOV", "040", "IRNGOV"), date="2024-03-01")
               for i in itertools.count())
    for n, _ in enumerate(code_in_pool(stories, workers=2, dictionaries_path=None, options=CodingOptions(),
                                        chunk_size=1, coder_factory=slow_factory)):
        if n == 0:
            print(" ".join(str(p.pid) for p in multiprocessing.active_children()), flush=True)
"""


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/status") as f:
            return "\nState:\tZ" not in f.read()  # a zombie has exited (its reaper may be slow)
    except FileNotFoundError:
        return False


def _start(tmp_path: Path) -> tuple[subprocess.Popen[str], list[int]]:
    script = tmp_path / "parent.py"
    script.write_text(PARENT)
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    parent = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True, env=env)
    line = parent.stdout.readline()  # type: ignore[union-attr]
    pids = [int(p) for p in line.split()]
    assert pids, "the parent printed no worker pids"
    return parent, pids


def _wait_gone(pids: list[int], seconds: float) -> list[int]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and any(_alive(p) for p in pids):
        time.sleep(0.2)
    return [p for p in pids if _alive(p)]


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads /proc")
def test_pool_workers_exit_when_the_parent_is_killed(tmp_path: Path) -> None:
    parent, pids = _start(tmp_path)
    try:
        parent.kill()  # kill -9: no cleanup runs in the parent
        parent.wait(10)
        left = _wait_gone(pids, 8.0)
    finally:
        for pid in pids:
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)
        parent.stdout.close()  # type: ignore[union-attr]
    assert left == [], f"workers {left} still running 8 s after their parent was killed"


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads /proc")
def test_pool_sigterm_cleans_up_like_sigint(tmp_path: Path) -> None:
    parent, pids = _start(tmp_path)
    try:
        parent.send_signal(signal.SIGTERM)
        code = parent.wait(15)
        left = _wait_gone(pids, 8.0)
    finally:
        if parent.poll() is None:
            parent.kill()
        for pid in pids:
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)
        parent.stdout.close()  # type: ignore[union-attr]
    assert code != 0 and left == [], f"exit {code}; workers {left} still running"
