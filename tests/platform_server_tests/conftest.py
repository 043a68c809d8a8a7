"""The PostgreSQL fixtures of tests/store, for the platform-on-PostgreSQL test."""

from tests.store.pg_server import postgres_server, postgres_url  # noqa: F401  (fixtures)
