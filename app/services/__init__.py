"""Use cases: the only way in and out of the database. One transaction per user action."""
