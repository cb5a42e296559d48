"""The editor review queue: a library first (`items` lists, `actions` resolve); the CLI and
the local web page (`web`) call it."""
