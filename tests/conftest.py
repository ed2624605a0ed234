"""Fixtures shared by the test modules."""
from __future__ import annotations

import os

import pytest
from sqlalchemy import create_engine, text


@pytest.fixture
def pg_url() -> str:
    """The URL of an emptied PostgreSQL database (``$SITREP_TEST_PG_URL``) for the tests that run the same code
    on PostgreSQL as on SQLite.

    A service the suite needs: where none is named, the test fails, never passes silently.
    """
    url = os.environ.get("SITREP_TEST_PG_URL")
    if not url:
        pytest.fail("no PostgreSQL for this test: run `make test` (scripts/test_postgres.sh starts one) "
                    "or set SITREP_TEST_PG_URL to a database the test may wipe")
    engine = create_engine(url)
    with engine.begin() as conn:  # start from an empty database
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    return url
