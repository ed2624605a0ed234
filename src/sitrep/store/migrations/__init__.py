"""Versioned migrations: numbered modules, applied in order, each recorded in ``schema_version``.

A migration is a module ``mNNNN_<what>.py`` here with ``NAME`` and ``upgrade(conn)``; add
it to :data:`MIGRATIONS`. :func:`migrate` applies those above the database's version, each
in its own transaction together with its version row, so a crash leaves the database
at the last finished version and the next run goes on from there.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from types import ModuleType

from sqlalchemy import Connection, Engine, func, inspect, insert, select

from sitrep.errors import UsageError
from sitrep.store.migrations import m0001_initial, m0002_signatures
from sitrep.store.schema import schema_version

# (version, module): versions strictly increasing, never renumbered once released.
MIGRATIONS: tuple[tuple[int, ModuleType], ...] = (
    (1, m0001_initial),
    (2, m0002_signatures),
)

LATEST = MIGRATIONS[-1][0]


def current_version(conn: Connection) -> int:
    """The database's schema version: 0 for an empty database."""
    if not inspect(conn).has_table(schema_version.name):
        return 0
    return conn.execute(select(func.max(schema_version.c.version))).scalar() or 0


def migrate(engine: Engine, *, target: int | None = None) -> list[int]:
    """Apply pending migrations up to ``target`` (default: the latest); return the versions applied."""
    target = LATEST if target is None else target
    applied: list[int] = []
    with engine.begin() as conn:
        schema_version.create(conn, checkfirst=True)
        found = current_version(conn)
    if found > LATEST:  # written by a newer sitrep: its tables may mean things this one does not know
        raise UsageError(f"the database is at schema version {found}; this sitrep knows up to {LATEST}: upgrade sitrep")
    for version, module in MIGRATIONS:
        if version > target:
            break
        with engine.begin() as conn:
            # Read inside the transaction: another process may have applied it meanwhile.
            if version <= current_version(conn):
                continue
            upgrade: Callable[[Connection], None] = module.upgrade
            upgrade(conn)
            conn.execute(insert(schema_version).values(
                version=version, name=module.NAME, applied_at=dt.datetime.now(dt.timezone.utc)))
        applied.append(version)
    return applied
