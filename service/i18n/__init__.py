"""Languages and their translation catalogs."""
