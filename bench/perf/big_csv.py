"""A big CSV export: time and peak memory of ingesting it with `python -m monitor fetch`.

Run from the project root: `.venv/bin/python -m bench.perf.big_csv [--mb 200]`.
Writes a Meta-style export of about --mb megabytes (Slovenian and English posts, quoted
newlines, thousands separators, a duplicate every 1,000 rows, an unreadable date every 5,000)
into a temporary folder, then runs the fetch in a child process and reports its wall time and
peak RSS (getrusage of the child), the rows per second, the posts stored and the summary line.
The CSV is read CHUNK_ROWS rows at a time, so the peak should not grow with the file.
"""

from __future__ import annotations

import argparse
import csv
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.common import ROOT, maxrss_mb, write_config

WORDS = [
    "nova",
    "ponudba",
    "paket",
    "mobilni",
    "internet",
    "5G",
    "omrežje",
    "brezplačno",
    "poletje",
    "družina",
    "naročnina",
    "telefon",
    "gostovanje",
    "roaming",
    "unlimited",
    "data",
    "plan",
    "offer",
    "summer",
    "family",
    "network",
    "coverage",
    "signal",
    "storitev",
    "stranke",
    "trgovina",
    "akcija",
    "popust",
    "gigabajt",
    "optika",
    "televizija",
]


def write_export(path: Path, megabytes: float, seed: int = 0) -> int:
    """Write the CSV; return its number of data rows."""
    rng = random.Random(seed)
    target = megabytes * 1_000_000
    n_rows = 0
    with open(path, "w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(["Post ID", "Publish time", "Description", "Permalink", "Likes", "Comments"])
        while file.tell() < target:
            n_rows += 1
            post = n_rows - 1 if n_rows % 1000 == 0 else n_rows  # a duplicate now and then
            day, minute = 1 + n_rows % 28, n_rows % 60
            date = "soon" if n_rows % 5000 == 0 else f"{1 + n_rows % 12:02d}/{day:02d}/2024 10:{minute:02d}"
            text = " ".join(rng.choices(WORDS, k=rng.randint(12, 40)))
            if n_rows % 10 == 0:
                text += "\nDruga vrstica, z vejico."
            writer.writerow(
                [
                    post,
                    date,
                    text,
                    f"https://example.com/p/{post}",
                    f"{rng.randint(0, 5000):,}",
                    rng.randint(0, 99),
                ]
            )
    return n_rows


def export_config(folder: Path, export: Path) -> Path:
    """feeds.yaml with the export as the own brand's Facebook feed, storing into big.db."""
    columns = {
        "post_id": "Post ID", "published": "Publish time", "text": "Description",
        "url": "Permalink", "likes": "Likes", "comments": "Comments",
    }  # fmt: skip
    feed = {
        "name": "Big export", "kind": "csv", "path": str(export), "channel": "facebook",
        "date_format": "%m/%d/%Y %H:%M", "columns": columns,
    }  # fmt: skip
    return write_config(folder, [{"name": "Lipa Mobil", "own": True, "feeds": [feed]}], database="big.db")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        export = folder / "big_export.csv"
        started = time.monotonic()
        n_rows = write_export(export, args.mb)
        print(
            f"wrote {export.stat().st_size / 1e6:,.0f} MB, {n_rows:,} rows in {time.monotonic() - started:.0f} s"
        )
        config = export_config(folder, export)
        command = [
            sys.executable,
            "-m",
            "monitor",
            "fetch",
            "--no-topics",
            "--quiet",
            "--config",
            str(config),
        ]
        started = time.monotonic()
        done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
        seconds = time.monotonic() - started
        peak_mb = maxrss_mb(children=True)
        with sqlite3.connect(folder / "big.db") as db:
            n_posts = db.execute("select count(*) from posts").fetchone()[0]
            warning = db.execute("select last_warning from feeds").fetchone()[0]
        print(f"fetch exit {done.returncode} in {seconds:,.0f} s ({n_rows / seconds:,.0f} rows/s)")
        print(f"peak RSS of the fetch: {peak_mb:,.0f} MB")
        print(f"posts stored: {n_posts:,}")
        print(f"warnings: {warning}")
        if done.returncode:  # --quiet prints errors only
            print(done.stderr[-2000:])
    return done.returncode


if __name__ == "__main__":
    sys.exit(main())
