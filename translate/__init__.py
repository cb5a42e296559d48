"""translate: bilingual translation workflow for Hugo sites."""

__version__ = "0.1.0"
