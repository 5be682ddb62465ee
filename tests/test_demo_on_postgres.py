"""The bundled demo market fetched and exported on PostgreSQL gives the same tables, post for
post and topic for topic, as on SQLite: `python -m monitor fetch` then `export`, as a team
would run them on its server."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from tests.demo_cli import monitor

TIMING = ["fetched_at", "exported_at"]  # when it ran, not what was read


def exported(database: str, folder: Path) -> dict[str, pd.DataFrame]:
    """Each CSV of a demo export into folder, without its timing columns."""
    monitor("fetch", "--quiet", "--db", database)
    monitor("export", "--db", database, "--output", str(folder))
    tables = {
        path.name: pd.read_csv(path, encoding="utf-8-sig", keep_default_na=False, dtype=str)
        for path in sorted(folder.glob("*.csv"))
    }
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    tables["manifest.json"] = pd.DataFrame(manifest["tables"]).astype(str)
    return {name: table.drop(columns=TIMING, errors="ignore") for name, table in tables.items()}


@pytest.mark.slow
@pytest.mark.postgres
def test_the_demo_exports_the_same_tables_on_postgresql_as_on_sqlite(postgres_database, tmp_path):
    on_sqlite = exported(str(tmp_path / "demo.db"), tmp_path / "sqlite")
    on_postgres = exported(postgres_database, tmp_path / "postgres")

    assert on_postgres.keys() == on_sqlite.keys()
    assert len(on_sqlite["posts.csv"]) > 3000 and len(on_sqlite["topics.csv"]) > 5
    for name, table in on_sqlite.items():
        pd.testing.assert_frame_equal(on_postgres[name], table, obj=name)
