"""Helpers for end-to-end tests: run a sync, snapshot a site's bytes."""

from __future__ import annotations

from pathlib import Path

from translate.config import load_config
from translate.engines.base import Engine
from translate.glossary import load_glossary
from translate.sync import SyncReport, sync


def run_sync(site: Path, engine: Engine, **kwargs) -> SyncReport:
    config = load_config(site)
    glossary = load_glossary(config.glossary_paths) if config.glossary_paths else None
    return sync(config, engine, glossary=glossary, **kwargs)


def snapshot(root: Path) -> dict[str, tuple[bytes, int]]:
    """Every file's bytes and mtime, lock file aside: equal snapshots mean no write."""
    return {
        p.relative_to(root).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.name != "lock"
    }
