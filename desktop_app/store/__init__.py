"""Persistence: SQLAlchemy models, engine set-up, migrations at start-up, field encryption."""
