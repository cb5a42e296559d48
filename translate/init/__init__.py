"""Setting a site up: `translate init` (scaffold) and the files it writes (templates/)."""
