"""wiktlex compare."""
