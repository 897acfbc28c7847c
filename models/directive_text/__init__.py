"""Reading a directive from its text: header, references and draft tasks (pure, no Qt, no database)."""
