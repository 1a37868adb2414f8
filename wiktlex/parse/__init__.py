"""wiktlex parse."""
