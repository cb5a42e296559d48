"""What a run needs before the first post: the site's config, languages, engine, glossary.

`set_up` turns command-line choices into a `Run`; the CLI renders what the run reports.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Sequence

from ..engines.base import Engine
from ..engines.registry import get_engine
from ..errors import UsageError
from ..glossary.matcher import Glossary, site_glossary
from ..memory.freshness import inputs_hash, made_with_lookup
from ..site.config import HugoLanguage, SiteConfig, load_config
from ..site.discover import Shard, parse_shard


@dataclass
class Run:
    """One sync's settings, computed once and handed to every stage."""

    config: SiteConfig
    engine: Engine | None
    glossary: Glossary | None
    languages: tuple[HugoLanguage, ...] = ()  # only these targets (all when empty)
    shard: Shard | None = None
    models: dict[str, str] = field(default_factory=dict)  # target tag → the engine's model version
    terms: dict[str, dict[str, str]] = field(default_factory=dict)  # target tag → taxonomy term table
    inputs: str = field(init=False)  # `memory.freshness.inputs_hash`: settings a translation depends on
    # `memory.freshness.made_with_lookup`: the `engine/model` machine text for a tag must have
    # been made with, else it is translated again (None: anything goes)
    refresh_from: Callable[[str], str | None] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.inputs = inputs_hash(self.config, self.glossary)
        self.refresh_from = made_with_lookup(self.config, self.engine)

    @property
    def source(self) -> str:
        return self.config.source.lang.tag

    def needs_engine(self) -> Engine:
        """The engine, for a run that has something to translate."""
        if self.engine is None:
            raise UsageError("translating needs an engine", hint="pass --engine argos or --engine pseudo")
        return self.engine


def set_up(
    site: Path, to: Sequence[str] = (), engine_name: str | None = None, device: str | None = None,
    shard: str | None = None,
) -> Run:
    """Load the site and resolve `--to`, `--engine`, `--device` and `--shard` into a `Run`."""
    part = parse_shard(shard) if shard is not None else None  # bad input fails before any loading
    config = load_config(site)
    languages = [config.named_target(tag) for tag in to]
    settings = config.engine_settings
    if device:
        settings = dataclasses.replace(settings, device=device)
    engine = get_engine(engine_name or config.engine, settings)
    return Run(config, engine, site_glossary(config), tuple(languages), part)
