"""Helpers for end-to-end tests: write a post, run a sync, snapshot a site's bytes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Sequence

from translate.engines.base import Engine
from translate.glossary.matcher import site_glossary
from translate.pipeline.setup import Run
from translate.pipeline.sync import SyncReport, sync
from translate.site.config import HugoLanguage, load_config
from translate.site.discover import Shard


def write_post(site: Path, rel: str, text: str) -> Path:
    path = site / "content" / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def run_sync(site: Path, engine: Engine, *, languages: Sequence[HugoLanguage] = (), shard: Shard | None = None,
             **kwargs) -> SyncReport:
    """`translate sync` of `site` with `engine` and the site's own glossary."""
    config = load_config(site)
    return sync(Run(config, engine, site_glossary(config), tuple(languages), shard), **kwargs)


def snapshot(root: Path) -> dict[str, tuple[bytes, int]]:
    """Every file's bytes and mtime, lock file aside: equal snapshots mean no write."""
    return {
        p.relative_to(root).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.name != "lock"
    }


def memory_segments(memory_file: Path) -> list[dict]:
    """A memory file's segment records as stored, each with its block's key, target and
    position (retired ones with `retired: True`)."""
    lines = memory_file.read_text(encoding="utf-8").splitlines()[1:]
    blocks = [json.loads(line) for line in lines]
    return [
        {**segment, "key": b["key"], "target": b["target"], "pos": b["pos"], **({"retired": True} if b.get("retired") else {})}
        for b in blocks for segment in b["segments"]
    ]
