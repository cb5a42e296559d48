"""Is a post exactly as the last sync left it? Hashes and one memory line, no parsing."""

from __future__ import annotations

import hashlib
from typing import Sequence

from .config import HugoLanguage, SiteConfig
from .discover import SourcePage
from .fsio import short_hash
from .glossary import Glossary
from .memory import MemoryStore, header_matter, read_header
from .quickfm import read_front_matter
from .targets import as_list, full_translations, known_targets


def inputs_hash(config: SiteConfig, glossary: Glossary | None) -> str:
    """What, besides the files, a translation depends on: a change re-plans every post."""
    parts = [glossary.version if glossary else "", ",".join(config.fields), config.currency_style, config.source.lang.tag]
    return short_hash("|".join(parts), 12)


def untouched(
    page: SourcePage, config: SiteConfig, store: MemoryStore, inputs: str, languages: Sequence[HugoLanguage]
) -> bool:
    """True when source, siblings and settings are exactly as the last sync left them.

    Hashes and one memory line per post instead of parsing: what makes re-syncing a
    large, mostly unchanged site cost nothing.
    """
    header = read_header(store.path_for(page.path))
    if not header or store.pending_path(page.path).exists():
        return False
    data = page.path.read_bytes()  # hashed as bytes: the UTF-8 text hashes the same
    source_hash = hashlib.sha256(data).hexdigest()[:16]
    matter = header_matter(header, source_hash) or read_front_matter(data.decode("utf-8", errors="replace"))
    if matter.get("translate") is False:
        return False
    targets, unknown = known_targets(config, matter)
    if unknown:
        return False
    if languages:
        targets = [t for t in targets if t in languages]
    listed = as_list(matter.get("translations"))
    if full_translations(config, listed, targets) != listed:
        return False
    recorded = header.get("targets", {})
    for language in targets:
        info = recorded.get(language.lang.tag)
        if not info or info.get("diverged") or info.get("inputs") != inputs or info.get("source_hash") != source_hash:
            return False
        try:
            sibling = (config.root / info.get("sibling", "")).read_bytes()
        except (FileNotFoundError, IsADirectoryError):
            return False
        if hashlib.sha256(sibling).hexdigest() != info.get("sibling_hash"):
            return False
    return True
