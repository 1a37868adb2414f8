"""wiktlex ingest."""
