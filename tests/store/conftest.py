"""The store's tests run on both backends: ``register_target`` is a SQLite file or a fresh
PostgreSQL database (tests/support/postgresql.py says where the server comes from)."""

from support.postgresql import fresh_register, postgresql_server, postgresql_url, register_target

__all__ = ["fresh_register", "postgresql_server", "postgresql_url", "register_target"]
