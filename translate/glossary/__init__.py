"""The glossary: CSV sheets, the term matcher, lint, and compliance of existing siblings."""
