"""Contact data: the schema, and loading the data files with file:line errors."""
