"""Read one source post and plan its targets: the pure-ish front half of a sync."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from .config import HugoLanguage, SiteConfig
from .discover import SourcePage
from .document import Document, hugo_problems, read_document, render_document
from .errors import PostError
from .fsio import ensure_inside, sha256
from .glossary import Glossary
from .markdown import Skeleton, extract_texts, segment
from .mask import is_translatable, mask_inline
from .memory import MemoryStore, PostMemory
from .targets import as_list, full_translations, known_targets
from .plan import SiblingState, TargetPlan, Unit, plan_target


@dataclass
class TargetWork:
    language: HugoLanguage
    sibling_path: Path
    sibling: Document | None
    plan: TargetPlan


@dataclass
class PreparedPost:
    page: SourcePage
    document: Document
    skeleton: Skeleton
    units: list[Unit]
    translations: list[str]  # the full `translations` list, in the source's spelling
    memory: PostMemory
    text: str  # the source file as read
    targets: list[TargetWork] = field(default_factory=list)

    @property
    def path(self) -> Path:
        return self.page.path


def field_units(document: Document, fields: Sequence[str]) -> list[Unit]:
    units = []
    for name in fields:
        value = document.front_matter.get(name)
        if isinstance(value, str) and value.strip():
            masked = mask_inline(value)
            if is_translatable(masked):
                units.append(Unit(f"field:{name}", masked, document.front_matter.line_of(name)))
    return units


def body_units(document: Document, skeleton: Skeleton) -> list[Unit]:
    offset = document.body_line - 1
    return [Unit("body", block.masked, block.line + offset) for block in skeleton.blocks]


def post_targets(config: SiteConfig, document: Document, wanted: Sequence[HugoLanguage]) -> tuple[list[HugoLanguage], list[str]]:
    """Configured targets ∪ the post's `translations`, minus its own language; and the full list."""
    listed = as_list(document.front_matter.get("translations"))
    targets, unknown = known_targets(config, {"translations": listed})
    if unknown:
        raise PostError(
            f"`translations` lists {unknown[0]!r}, which is not a language of the Hugo site",
            path=document.path,
            line=document.front_matter.line_of("translations"),
            hint=f"add it to [languages] in {config.hugo_config.name if config.hugo_config else 'hugo.toml'} or remove it from the list",
        )
    if wanted:
        targets = [t for t in targets if t in wanted]
    return targets, full_translations(config, listed, targets)


def sibling_texts(skeleton: Skeleton, body: str) -> list[str]:
    """A sibling's block texts: through the source skeleton while the structure matches
    (so a block whose translation has no letters keeps its place), else by segmenting."""
    texts = extract_texts(skeleton, body)
    if texts is not None and not any("\n\n" in t for t in texts):
        return texts
    return [block.masked.source_text() for block in segment(body).blocks]


def read_sibling_state(
    path: Path, fields: Sequence[str], skeleton: Skeleton
) -> tuple[Document | None, SiblingState | None]:
    if not path.exists():
        return None, None
    document = read_document(path)
    state_fields = {}
    for name in fields:
        value = document.front_matter.get(name)
        if isinstance(value, str):
            state_fields[f"field:{name}"] = value
    info = document.front_matter.get("translation")
    status = info.get("status") if isinstance(info, dict) else None
    return document, SiblingState(state_fields, sibling_texts(skeleton, document.body), status)


def prepare_post(
    page: SourcePage,
    config: SiteConfig,
    store: MemoryStore,
    glossary: Glossary | None,
    wanted: Sequence[HugoLanguage] = (),
) -> PreparedPost | None:
    """Read a source post and plan each target; None when the post opts out."""
    document = read_document(page.path)
    problems = hugo_problems(document)
    if problems:
        raise problems[0]
    if document.front_matter.get("translate") is False:
        return None
    targets, translations = post_targets(config, document, wanted)
    skeleton = segment(document.body)
    units = field_units(document, config.fields) + body_units(document, skeleton)
    memory = store.load(page.path) or PostMemory(config.relative(page.path))
    prepared = PreparedPost(page, document, skeleton, units, translations, memory, render_document(document))
    for language in targets:
        sibling_path = page.page.sibling(language)
        existing = page.siblings.get(language.key)
        if existing is not None:
            sibling_path = existing.path
        ensure_inside(config.root, sibling_path)
        sibling_doc, state = read_sibling_state(sibling_path, config.fields, skeleton)
        tag = language.lang.tag
        target_units = [
            Unit(u.key, u.masked, u.line, glossary.terms_version(u.masked.text, config.source.lang.tag, tag) if glossary else "")
            for u in units
        ]
        previous = memory.targets.get(tag)
        as_written = sibling_doc is not None and previous is not None and not previous.diverged and (
            previous.sibling_hash == sha256(render_document(sibling_doc))  # its bytes, read once, CRLF kept
        )
        if as_written:
            state = None  # the sibling is exactly as last written: no human edits to look for
        plan = plan_target(target_units, previous, state, policy=config.stale_policy)
        prepared.targets.append(TargetWork(language, sibling_path, sibling_doc, plan))
    return prepared
