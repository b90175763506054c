"""The workshop store: a SQLite file or a workshop in a PostgreSQL database; tables, migrations, history, revisions."""
