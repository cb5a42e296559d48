"""`glossary check`: how well existing siblings, human-edited ones included, keep the glossary."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from ..checks.glossary import check_terms
from ..document.post import read_document
from ..markup.placeholders import Masked
from ..markup.segment import Skeleton, segment
from ..pipeline.read import Unit, body_units, field_units, post_targets, sibling_texts
from ..site.config import SiteConfig
from ..site.discover import discover
from .matcher import Glossary


@dataclass(frozen=True)
class MissingTerm:
    source: str
    expected: str
    line: int  # line of the block in the source post


@dataclass
class PostCompliance:
    source: str
    sibling: str
    language: str
    expected: int = 0
    found: int = 0
    missing: list[MissingTerm] = field(default_factory=list)
    forbidden: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.missing and not self.forbidden


def _pairs(fields: list[Unit], body: list[Unit], skeleton: Skeleton, sibling: Path) -> list[tuple[Masked, str, int]]:
    """(masked source block, its translation, source line), block by block when they line up."""
    sib = read_document(sibling)
    pairs = [(u.masked, str(sib.front_matter.get(u.key.removeprefix("field:")) or ""), u.line) for u in fields]
    translated = sibling_texts(skeleton, sib.body)  # as sync and status pair them
    if len(translated) == len(body):
        pairs += [(u.masked, text, u.line) for u, text in zip(body, translated)]
    elif body:  # diverged: compare the whole body at once
        whole = Masked("\n".join(u.masked.text for u in body))  # placeholders only mark markup here
        pairs.append((whole, sib.body, body[0].line))
    return pairs


def glossary_compliance(config: SiteConfig, glossary: Glossary, paths: Sequence[Path] = ()) -> list[PostCompliance]:
    results = []
    sources, _ = discover(config, paths)
    for page in sources:
        document = read_document(page.path)
        targets, _ = post_targets(config, document, ())
        skeleton = segment(document.body, config.shortcode_params)
        lang = config.source.lang.tag
        fields, body = field_units(document, config.fields, lang), body_units(document, skeleton, lang)
        for language in targets:
            existing = page.siblings.get(language.key)
            if existing is None:
                continue
            tag = language.lang.tag
            post = PostCompliance(config.relative(page.path), config.relative(existing.path), tag)
            for masked, text, line in _pairs(fields, body, skeleton, existing.path):
                matches = glossary.match(masked.text, config.source.lang.tag, tag)
                for check in check_terms(matches, masked.text, text):
                    post.expected += check.count
                    post.found += min(check.found, check.count)
                    if check.found < check.count:
                        post.missing.append(MissingTerm(check.term.source, check.expected, line))
                    post.forbidden += list(check.forbidden)
            results.append(post)
    return results
