"""Engines translate batches of masked sentences; the pipeline injects one (`registry.get_engine`)."""
