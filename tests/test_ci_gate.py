"""The quality gates fail, rather than skip, when ../shared is missing and CI is set."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

GATES = Path(__file__).parent / "test_quality_gate.py"


def _run_gates(tmp_path: Path, ci: bool) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    env["EVENTWIRE_SHARED"] = str(tmp_path / "no-shared-here")
    if ci:
        env["CI"] = "true"
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:xdist", str(GATES), "-k", "gsr"],
        env=env, capture_output=True, text=True, timeout=300, cwd=GATES.parent,
    )  # fmt: skip


@pytest.mark.slow
def test_gates_fail_without_shared_under_ci(tmp_path: Path) -> None:
    run = _run_gates(tmp_path, ci=True)
    assert run.returncode == 1, run.stdout + run.stderr
    assert "1 error" in run.stdout and "quality gates need the shared gold files" in run.stdout


@pytest.mark.slow
def test_gates_skip_without_shared_off_ci(tmp_path: Path) -> None:
    run = _run_gates(tmp_path, ci=False)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "1 skipped" in run.stdout
