"""Copy every table of one store into another, empty one: how a team moves its SQLite file
to a PostgreSQL server (`python -m monitor db copy --to URL`), keeping feeds, posts, topic
runs, names and flags as they are.

Rows go in the schema's foreign-key order, in batches, in one transaction on the target:
a copy that fails part-way leaves the target as empty as it was."""

from __future__ import annotations

from collections.abc import Callable

import sqlalchemy as sa

from monitor.errors import StoreError
from monitor.store.database import Store
from monitor.store.schema import metadata, schema_info

BATCH = 5_000


def copy_store(
    source: Store, target: Store, say: Callable[[str], None] = lambda _text: None
) -> dict[str, int]:
    """Rows copied per table. StoreError when the target already holds posts or feeds, or
    when the two are at different schema versions (open both with this program first)."""
    if source.engine.url == target.engine.url:
        raise StoreError("the source and the target are the same database")
    tables = [table for table in metadata.sorted_tables if table is not schema_info]
    with source.engine.connect() as reading, target.engine.begin() as writing:
        versions = [c.execute(sa.select(schema_info.c.version)).scalar() for c in (reading, writing)]
        if versions[0] != versions[1]:
            raise StoreError(f"schema versions differ ({versions[0]} and {versions[1]})")
        filled = [
            t.name for t in tables if writing.execute(sa.select(sa.func.count()).select_from(t)).scalar()
        ]
        if filled:
            raise StoreError(
                f"{target.display_url} is not empty (it has rows in {', '.join(filled)}): copy into a new database"
            )
        copied = {}
        for table in tables:
            copied[table.name] = _copy_table(table, reading, writing)
            say(f"{table.name}: {copied[table.name]:,} rows")
        if writing.dialect.name == "postgresql":
            _advance_sequences(writing, tables)
    return copied


def _copy_table(table: sa.Table, reading: sa.Connection, writing: sa.Connection) -> int:
    n_rows = 0
    result = reading.execution_options(stream_results=True).execute(sa.select(table))
    for rows in result.mappings().partitions(BATCH):
        writing.execute(table.insert(), [dict(row) for row in rows])
        n_rows += len(rows)
    return n_rows


def _advance_sequences(writing: sa.Connection, tables: list[sa.Table]) -> None:
    """Serial ids inserted as given leave their sequence at 1: the next fetch log row or
    topic run would collide with a copied one."""
    for table in tables:
        for column in table.primary_key.columns:
            if column.autoincrement is True:
                writing.execute(
                    sa.text(
                        f"SELECT setval(pg_get_serial_sequence('{table.name}', '{column.name}'), "
                        f"COALESCE((SELECT MAX({column.name}) FROM {table.name}), 0) + 1, false)"
                    )
                )
