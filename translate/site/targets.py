"""Which languages a post is translated into, from plain front matter values (no parsing)."""

from __future__ import annotations

from .config import HugoLanguage, SiteConfig


def as_list(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value] if isinstance(value, (list, tuple)) else []


def known_targets(config: SiteConfig, matter: dict) -> tuple[list[HugoLanguage], list[str]]:
    """(targets, unknown tags): configured targets ∪ the post's `translations`, minus the source."""
    targets = list(config.targets)
    unknown = []
    for tag in as_list(matter.get("translations")):
        language = config.language(tag)
        if language is None:
            unknown.append(tag)
        elif language not in targets:
            targets.append(language)
    return [t for t in targets if t != config.source], unknown


def full_translations(config: SiteConfig, listed: list[str], targets: list[HugoLanguage]) -> list[str]:
    """The `translations` list after a sync: the post's own spelling first, then what is missing."""
    full = list(listed)
    have = {config.language(tag) for tag in listed}
    for language in [config.source, *targets]:
        if language not in have:
            full.append(language.lang.tag)
            have.add(language)
    return full
