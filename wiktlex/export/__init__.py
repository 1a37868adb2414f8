"""wiktlex export."""
