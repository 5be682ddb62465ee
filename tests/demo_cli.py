"""Runs `python -m monitor` on the bundled demo's feeds.yaml as a user would (no MONITOR_*
variables of the test run), and reads its CSV exports back."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pandas as pd

from tests.paths import ROOT


def monitor(*argv: str, timeout: int = 300) -> str:
    """The command's standard output; the test fails with its stderr if it does."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("MONITOR_")}
    done = subprocess.run(
        [sys.executable, "-m", "monitor", *argv, "--config", str(ROOT / "feeds.yaml")],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return done.stdout


def read_export(folder: Path) -> dict[str, pd.DataFrame]:
    """Each CSV of an export folder by name (without .csv), every cell as its text."""
    return {
        path.stem: pd.read_csv(path, encoding="utf-8-sig", keep_default_na=False, dtype=str)
        for path in sorted(folder.glob("*.csv"))
    }
