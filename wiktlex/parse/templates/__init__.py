"""wiktlex parse/templates."""
