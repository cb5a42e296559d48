"""Where every post × language stands, the source diff, and how reports are rendered (text, JSON, GitHub, HTML)."""
