"""Read: one source post, its siblings and its memory, segmented into units and planned.

Every file is read once (through `site.files.ReadOnce`), every document parsed once for
the round trip, every body segmented once. A unit (a block or field, and each of its
sentences) knows its source text and hash (stored, not recomputed) and finds its amounts
at most once, when protection or the number check first asks; the glossary is matched
once per sentence and target, and the matches travel with the plan.
"""

from __future__ import annotations

import errno
import os
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Callable, Sequence

from ..amounts.parse import Amount, amounts_in
from ..checks.numbers import Values, labelled_values
from ..document.hugo_rules import hugo_problems
from ..document.post import Document, decode, parse_document
from ..errors import PostError
from ..glossary.matcher import Glossary, GlossaryMatch, terms_version
from ..markup.inline import is_translatable, mask_inline
from ..markup.placeholders import Masked
from ..markup.segment import Skeleton, extract_texts, segment
from ..markup.sentences import split_sentences
from ..memory.records import PostMemory
from ..memory.store import MemoryStore
from ..problems import WARNING, Problem
from ..site.config import HugoLanguage, SiteConfig
from ..site.discover import SourcePage
from ..site.files import ReadOnce, bytes_sha256, ensure_writable, short_hash
from ..site.targets import as_list, full_translations, known_targets
from .plan import PlanRules, SiblingState, TargetPlan, plan_target


@dataclass(frozen=True)
class Unit:
    """One translatable piece of the source, a front matter field or a body block."""

    key: str  # "field:title" | "body"
    masked: Masked
    line: int
    lang: str  # the source language's tag
    source: str  # the source text, markup included (`masked.source_text()`)
    hash: str  # short hash of `source`: the unit's identity in memory

    @classmethod
    def of(cls, key: str, masked: Masked, line: int, lang: str) -> "Unit":
        source = masked.source_text()
        return cls(key, masked, line, lang, source, short_hash(source))

    @cached_property
    def spans(self) -> tuple[tuple[int, int], ...]:
        """Where each sentence of the unit lies in `masked.text` (the pipeline's one splitter)."""
        text, out, pos = self.masked.text, [], 0
        for part in split_sentences(text, self.lang):
            start = text.find(part, pos)
            out.append((start, start + len(part)))
            pos = start + len(part)
        return tuple(out) or ((0, len(text)),)

    @cached_property
    def sentences(self) -> tuple["Unit", ...]:
        """The unit's sentences, each a unit of its own that shares the block's tokens: the
        unit of memory, staleness and review (the block stays the unit of assembly)."""
        if len(self.spans) == 1 and self.spans[0] == (0, len(self.masked.text)):
            return (self,)
        return tuple(self.run(n, n) for n in range(len(self.spans)))

    def run(self, first: int, last: int) -> "Unit":
        """Sentences `first`..`last` as one unit (a person's edit across them), source spacing kept."""
        if (first, last) == (0, len(self.spans) - 1) and self.spans == ((0, len(self.masked.text)),):
            return self
        start, end = self.spans[first][0], self.spans[last][1]
        return Unit.of(self.key, Masked(self.masked.text[start:end], self.masked.tokens), self.line, self.lang)

    @cached_property
    def amounts(self) -> tuple[Amount, ...]:
        """The amounts in the prose (`masked.text`: markup is placeholders, never amounts)."""
        return tuple(amounts_in(self.masked.text, self.lang))

    @cached_property
    def values(self) -> Values:
        """The values of the source text, for the number check; the prose's amounts when
        the block has no markup (then the two texts are one)."""
        same = self.masked.text == self.source
        return labelled_values(self.source, self.lang, self.amounts if same else None)


@dataclass(frozen=True)
class Terms:
    """The glossary terms one unit holds for one target language, and their version."""

    matches: tuple[GlossaryMatch, ...] = ()
    version: str = ""  # `glossary.matcher.terms_version` of the matches ("" for none)


@dataclass
class TargetWork:
    language: HugoLanguage
    sibling_path: Path
    sibling: Document | None
    sibling_text: str | None  # the sibling file as read, None when there is none
    plan: TargetPlan


@dataclass
class PreparedPost:
    page: SourcePage
    document: Document
    skeleton: Skeleton
    translations: list[str]  # the full `translations` list, in the source's spelling
    memory: PostMemory
    memory_bytes: bytes | None  # the memory file as read, None when there was none
    text: str  # the source file as read
    units: list[Unit] = field(default_factory=list)  # the fields, then the body blocks: `Planned.block` indexes these
    targets: list[TargetWork] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)  # warnings about the source itself

    @property
    def path(self) -> Path:
        return self.page.path


def field_units(document: Document, fields: Sequence[str], lang: str) -> list[Unit]:
    units = []
    for name in fields:
        value = document.front_matter.get(name)
        if isinstance(value, str) and value.strip():
            masked = mask_inline(value)
            if is_translatable(masked):
                units.append(Unit.of(f"field:{name}", masked, document.front_matter.line_of(name), lang))
    return units


def body_units(document: Document, skeleton: Skeleton, lang: str) -> list[Unit]:
    offset = document.body_line - 1
    return [Unit.of("body", block.masked, block.line + offset, lang) for block in skeleton.blocks]


def post_units(document: Document, skeleton: Skeleton, config: SiteConfig) -> list[Unit]:
    """The translated fields, then the body blocks."""
    lang = config.source.lang.tag
    return field_units(document, config.fields, lang) + body_units(document, skeleton, lang)


def unit_terms(glossary: Glossary | None, target: str) -> Callable[[Unit], Terms]:
    """A unit's glossary matches for `target`, found once per unit: the plan, protection
    and the glossary check all use these."""
    found: dict[int, Terms] = {}

    def terms(unit: Unit) -> Terms:
        if glossary is None:
            return Terms()
        if id(unit) not in found:
            matches = tuple(glossary.match(unit.masked.text, unit.lang, target))
            found[id(unit)] = Terms(matches, terms_version(matches))
        return found[id(unit)]

    return terms


def post_targets(config: SiteConfig, document: Document, wanted: Sequence[HugoLanguage]) -> tuple[list[HugoLanguage], list[str]]:
    """Configured targets ∪ the post's `translations`, minus its own language; and the full list."""
    value = document.front_matter.get("translations")
    if value is not None and not (isinstance(value, str) or isinstance(value, list) and all(isinstance(v, str) for v in value)):
        raise PostError(  # rewriting it would lose what a person meant by it
            f"`translations` is {type(value).__name__} {value!r}, not a list of language tags",
            path=document.path, line=document.front_matter.line_of("translations"),
            hint="write it as a list, e.g. `translations: [zh-CN, en]`",
        )
    listed = as_list(value)
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


def sibling_state(document: Document, fields: Sequence[str], skeleton: Skeleton) -> SiblingState:
    """What the sibling on disk says: its translated fields, block texts and status."""
    state_fields = {}
    for name in fields:
        value = document.front_matter.get(name)
        if isinstance(value, str):
            state_fields[f"field:{name}"] = value
    info = document.front_matter.get("translation")
    status = info.get("status") if isinstance(info, dict) else None
    return SiblingState(state_fields, sibling_texts(skeleton, document.body), status)


def read_source(path: Path, files: ReadOnce) -> tuple[str, Document]:
    """A source post's text as read and its parse; PostError when it cannot be read."""
    data = files.post_bytes(path)
    if data is None:
        raise PostError(f"cannot read the file: {os.strerror(errno.ENOENT)}", path=path, line=1,
                        hint="check that it exists and is readable")
    text = decode(data, path)
    return text, parse_document(text, path)


def prepare_post(
    page: SourcePage,
    config: SiteConfig,
    store: MemoryStore,
    glossary: Glossary | None,
    wanted: Sequence[HugoLanguage] = (),
    files: ReadOnce | None = None,
    refresh_from: Callable[[str], str | None] | None = None,
) -> PreparedPost | None:
    """Read a source post and plan each target; None when the post opts out.
    `refresh_from(tag)`: the `engine/model` machine text must come from (`Run.refresh_from`)."""
    files = files or ReadOnce()
    text, document = read_source(page.path, files)
    problems = hugo_problems(document)
    if problems:
        raise problems[0]
    if document.front_matter.get("translate") is False:
        return None
    targets, translations = post_targets(config, document, wanted)
    skeleton = segment(document.body, config.shortcode_params)
    units = post_units(document, skeleton, config)
    memory = store.load(page.path, files) or PostMemory(config.relative(page.path))
    prepared = PreparedPost(page, document, skeleton, translations, memory, files.bytes(store.path_for(page.path)), text,
                            units)
    prepared.notes = [
        Problem("front matter", f"{key!r} is given twice (lines {first} and {last}): Hugo uses the last one, and so "
                f"does translate", WARNING, config.relative(page.path), first, f"remove the {key!r} on line {first}")
        for key, first, last in document.front_matter.repeated_keys()
    ]
    for language in targets:
        prepared.targets.append(_target_work(prepared, language, config, files, unit_terms(glossary, language.lang.tag),
                                             refresh_from))
    if wanted and translations != as_list(document.front_matter.get("translations")):
        # The source's `translations` list changes for the wanted targets: every other
        # target still current gets the new list and source hash too (nothing translated),
        # so syncing one language never makes another look stale.
        for language in post_targets(config, document, ())[0]:
            if language not in targets and language.lang.tag in memory.targets:
                try:
                    work = _target_work(prepared, language, config, files, unit_terms(glossary, language.lang.tag), None)
                except PostError:
                    continue  # its own sync reports it; this one was not asked for
                plan = work.plan
                if work.sibling is not None and not plan.diverged and not plan.queued and not plan.human_edits:
                    prepared.targets.append(work)
    return prepared


def _target_work(post: PreparedPost, language: HugoLanguage, config: SiteConfig, files: ReadOnce,
                 terms: Callable[[Unit], Terms], refresh_from: Callable[[str], str | None] | None) -> TargetWork:
    """One target of `post`: its sibling, read once, and its plan."""
    existing = post.page.siblings.get(language.key)
    sibling_path = existing.path if existing is not None else post.page.page.sibling(language)
    ensure_writable(config.root, sibling_path)  # refused before any work: a link, FIFO or folder
    data = files.post_bytes(sibling_path)
    sibling_text = decode(data, sibling_path) if data is not None else None
    sibling_doc = parse_document(sibling_text, sibling_path) if sibling_text is not None else None
    tag = language.lang.tag
    previous = post.memory.targets.get(tag)
    as_written = data is not None and previous is not None and not previous.diverged and (
        previous.sibling_hash == bytes_sha256(data)  # its bytes, CRLF kept
    )
    # A sibling exactly as last written has no human edits to look for.
    state = sibling_state(sibling_doc, config.fields, post.skeleton) if sibling_doc is not None and not as_written else None
    plan = plan_target(post.units, terms, previous, state,
                       PlanRules(tag, config.stale_policy, refresh_from(tag) if refresh_from else None,
                                 source=config.source.lang.tag))
    return TargetWork(language, sibling_path, sibling_doc, sibling_text, plan)
