"""What an action replaced, kept so `translate review undo ID` can put it back.

`accept-suggestion` and `retranslate` replace a segment's text (often a person's). Before
they do, the segment's whole memory record is kept in `.translate/undo/<post>.json`, one
entry per item id (the last replacement), so no click loses a person's words for good.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..memory.records import SegmentRecord
from ..site.config import SiteConfig
from ..site.files import read_if_exists, write_text_atomic
from ..site.lock import state_dir


def _path(config: SiteConfig, post: str) -> Path:
    return state_dir(config.root) / "undo" / (post + ".json")


def _load(config: SiteConfig, post: str) -> dict[str, dict]:
    data = read_if_exists(_path(config, post))
    return json.loads(data) if data else {}


def _save(config: SiteConfig, post: str, entries: dict[str, dict]) -> None:
    path = _path(config, post)
    if entries:
        write_text_atomic(path, json.dumps(entries, ensure_ascii=False, indent=1, sort_keys=True) + "\n", root=config.root)
    else:
        path.unlink(missing_ok=True)


def keep(config: SiteConfig, post: str, ident: str, record: SegmentRecord) -> None:
    """Remember `record` (the segment as it was) under `ident`; call it under the site lock."""
    entries = _load(config, post)
    entries[ident] = record.to_dict()
    _save(config, post, entries)


def kept(config: SiteConfig, post: str, ident: str) -> SegmentRecord | None:
    """The record an action replaced, if one is kept."""
    entry = _load(config, post).get(ident)
    return None if entry is None else SegmentRecord.from_dict(entry)


def forget(config: SiteConfig, post: str, ident: str) -> None:
    entries = _load(config, post)
    if entries.pop(ident, None) is not None:
        _save(config, post, entries)
