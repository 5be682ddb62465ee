"""The demo generator reproduces the committed demo data under data/demo byte for byte.

The generator runs as documented (`python data/demo/generate.py`), but into a temporary
directory, so the committed files are never touched.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

DEMO = Path(__file__).resolve().parents[1] / "data" / "demo"
START, END = "<!-- signals:start -->", "<!-- signals:end -->"


def generated_files(root: Path) -> dict[str, bytes]:
    paths = [*root.glob("feeds/*.xml"), *root.glob("exports/*.csv"), *root.glob("truth*.csv")]
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in paths if path.exists()}


def signals_block(readme: str) -> str:
    return readme[readme.index(START) : readme.index(END) + len(END)]


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh generation; its README has an empty block, so the generator must write the numbers itself."""
    folder = tmp_path_factory.mktemp("demo")
    committed = (DEMO / "README.md").read_text(encoding="utf-8")
    emptied = committed.replace(signals_block(committed), f"{START}\n{END}")
    (folder / "README.md").write_bytes(emptied.encode("utf-8"))
    completed = subprocess.run(
        [sys.executable, str(DEMO / "generate.py"), "--out", str(folder)],
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr.decode("utf-8", "replace")
    return folder


def test_generates_the_same_files(out: Path):
    committed = generated_files(DEMO)
    assert {"truth.csv", "truth_partners.csv", "truth_campaigns.csv"} <= set(committed)
    assert len(committed) > 10
    assert sorted(generated_files(out)) == sorted(committed)


def test_every_generated_file_is_byte_identical(out: Path):
    fresh = generated_files(out)
    differing = [name for name, data in generated_files(DEMO).items() if fresh.get(name) != data]
    assert not differing, f"regenerate with `python data/demo/generate.py`: {differing} differ"


def test_readme_numbers_block_is_identical(out: Path):
    fresh = (out / "README.md").read_bytes()
    assert fresh == (DEMO / "README.md").read_bytes()
    assert "Total posts:" in signals_block(fresh.decode("utf-8"))
