"""Is a post exactly as the last sync left it? Hashes and one memory line, no parsing."""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable, Sequence

from ..document.peek import read_front_matter
from ..site.config import HugoLanguage, SiteConfig
from ..site.discover import SourcePage
from ..site.files import ReadOnce, bytes_sha256, short_hash
from ..site.targets import as_list, full_translations, known_targets
from .records import FORMAT, header_matter, made_with_key
from .store import MemoryStore

if TYPE_CHECKING:
    from ..engines.base import Engine
    from ..glossary.matcher import Glossary


def inputs_hash(config: SiteConfig, glossary: "Glossary | None") -> str:
    """What, besides the files, a translation depends on: a change re-plans every post."""
    parts = [glossary.version if glossary else "", ",".join(config.fields), config.currency_style, config.source.lang.tag]
    # which shortcode parameters are blocks, and which keys go through the term table
    parts += [repr(sorted(config.shortcode_params.items())), ",".join(config.taxonomies)]
    return short_hash("|".join(parts), 12)


def engine_made_with(engine: "Engine", source: str, target: str) -> str | None:
    """The `engine/model` machine text made now would carry; None without a model for the pair."""
    from ..errors import ModelMissingError

    try:
        return made_with_key(engine.name, engine.model_version(source, target))
    except ModelMissingError:
        return None


def made_with_lookup(config: SiteConfig, engine: "Engine | None") -> Callable[[str], str | None]:
    """Per target tag, the `engine/model` machine text made now would carry (the engine is
    asked once per tag); None when anything goes: `machine_refresh = "never"`, no engine,
    or no model for the pair."""
    found: dict[str, str | None] = {}

    def made_with(tag: str) -> str | None:
        if engine is None or config.machine_refresh == "never":
            return None
        if tag not in found:
            found[tag] = engine_made_with(engine, config.source.lang.tag, tag)
        return found[tag]

    return made_with


def untouched(
    page: SourcePage, config: SiteConfig, store: MemoryStore, inputs: str, languages: Sequence[HugoLanguage],
    files: ReadOnce, refresh_from: Callable[[str], str | None] = lambda tag: None,
) -> bool:
    """True when source, siblings and settings are exactly as the last sync left them.

    Hashes and one memory line per post instead of parsing: what makes re-syncing a
    large, mostly unchanged site cost nothing. Files are read through `files`, so a post
    that needs work is then parsed from the same bytes. `refresh_from(tag)`: the
    `engine/model` machine text must have been made with (None: any).
    """
    header = store.header(page.path, files)
    if not header or header.get("memory") != FORMAT or store.pending_path(page.path).exists():
        return False  # (an older format is upgraded by planning the post again)
    data = files.bytes(page.path)
    if data is None:
        return False
    source_hash = bytes_sha256(data)[:16]  # as bytes: the UTF-8 text hashes the same
    recorded = header.get("targets", {})
    configured = [t for t in config.targets if t != config.source and (not languages or t in languages)]
    if configured and not any(info.get("source_hash") == source_hash for info in recorded.values()):
        return False  # the source changed: every target it has needs work, no need to read its front matter
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
    for language in targets:
        info = recorded.get(language.lang.tag)
        if not info or info.get("diverged") or info.get("inputs") != inputs or info.get("source_hash") != source_hash:
            return False
        try:
            sibling = files.bytes(config.root / info.get("sibling", ""))
        except IsADirectoryError:
            return False
        if sibling is None or bytes_sha256(sibling) != info.get("sibling_hash"):
            return False
        wanted = refresh_from(language.lang.tag) if info.get("made_with") else None
        if wanted is not None and any(made != wanted for made in info["made_with"]):
            return False  # machine text from another engine or model: translate it again
    return True
