"""A post on disk: front matter (YAML, TOML, JSON codecs) and body, read and written back byte for byte."""
