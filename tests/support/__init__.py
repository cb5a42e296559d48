"""Helpers for the tests (on the path through pytest's `pythonpath`): import as `support.x`."""
