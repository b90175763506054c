"""The workshop store: a SQLite file, its tables and migrations, history and revisions."""
