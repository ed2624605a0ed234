#!/usr/bin/env bash
# Start (installing it first where it is missing) a local PostgreSQL for the tests, with a role and an
# empty database of their own, and print the database's URL on stdout. Everything else goes to stderr.
# Needs root, as on CI; elsewhere, set SITREP_TEST_PG_URL to a database the tests may wipe.
set -euo pipefail
# The URL goes out on fd 3; the server must not inherit it, or a caller's $(...) would wait on the
# running server forever.
exec 3>&1 1>&2
if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
    apt-get update -qq 3>&-
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql 3>&-
fi
ver=$(ls /usr/lib/postgresql | sort -n | tail -n 1)
pg_lsclusters -h | awk -v v="$ver" '$1 == v && $2 == "main"' | grep -q . || pg_createcluster "$ver" main 3>&-
port=$(pg_lsclusters -h | awk -v v="$ver" '$1 == v && $2 == "main" {print $3}')
pg_ctlcluster "$ver" main start 3>&- 2>/dev/null || true  # already running is fine
for _ in $(seq 40); do pg_isready -q -h 127.0.0.1 -p "$port" && break; sleep 0.25; done
pg_isready -h 127.0.0.1 -p "$port"
as_postgres() { su postgres -c "psql -p $port -qtAc \"$1\""; }
[ "$(as_postgres "SELECT 1 FROM pg_roles WHERE rolname = 'sitrep'")" = 1 ] \
    || as_postgres "CREATE ROLE sitrep LOGIN PASSWORD 'sitrep'"
[ "$(as_postgres "SELECT 1 FROM pg_database WHERE datname = 'sitrep_test'")" = 1 ] \
    || as_postgres "CREATE DATABASE sitrep_test OWNER sitrep"
echo "postgresql+psycopg://sitrep:sitrep@127.0.0.1:$port/sitrep_test" >&3
