"""The site: Hugo's config and translate.toml, languages, which files are pages and siblings, the lock, file I/O."""
