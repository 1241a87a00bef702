"""Context of a coded event: when it happened, where, and who said it (quotes)."""
