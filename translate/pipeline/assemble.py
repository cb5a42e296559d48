"""Assemble: one target's memory records and sibling file from the plan and the translations.

Records: a translated segment takes the machine text, a stale one keeps its text and gets
the suggestion; what this run translated and every person's text are verified
(`pipeline.verify`), reused machine text keeps the findings memory has for it. A block's
text is its segments' texts joined the way the target language joins sentences. The
sibling is the existing sibling (or the source) with the translated fields, `lang`,
`translations` and the `translation:` block set, and the source skeleton with the block
texts put in; it is read back through the skeleton to prove the structure survived.
"""

from __future__ import annotations

import os
from dataclasses import replace
from typing import TYPE_CHECKING

from ..document.post import Document, copy_document, render_document
from ..errors import PostError
from ..markup.segment import assemble, extract_texts
from ..markup.sentences import join_sentences
from ..markup.text import is_cjk_language
from ..memory.records import MACHINE, BlockRecord, SegmentRecord, TargetMemory
from ..problems import Problem
from ..site.files import sha256, short_hash
from .plan import SUGGEST, TRANSLATE
from .rounds import Translated
from .taxonomy import translated_terms
from .verify import verify

if TYPE_CHECKING:
    from .read import PreparedPost, TargetWork
    from .setup import Run


def target_records(post: "PreparedPost", work: "TargetWork", results: dict[int, Translated],
                   run: "Run") -> tuple[list[BlockRecord], list[Problem]]:
    """Each block's record after this run, and the problems found in the texts this run
    translated, located in the post at their block's line."""
    tag = work.language.lang.tag
    rel = run.config.relative(post.path)
    segments: dict[int, list[SegmentRecord]] = {}
    findings: list[Problem] = []
    for planned in work.plan.planned:
        record = planned.record
        if planned.action in (TRANSLATE, SUGGEST):
            done = results[id(planned)]
            checks = tuple(verify(planned.unit, planned.terms, done.text, tag, done))
            findings += [f.at(rel, planned.unit.line, tag) for f in checks]
            if planned.action == TRANSLATE:
                engine = run.engine.name if run.engine else None
                record = replace(
                    record, text=done.text, machine=done.text, origin=MACHINE, engine=engine, model=run.models.get(tag),
                    glossary=planned.terms.version, stale=False, suggestion=done.offered, findings=checks,
                )
            else:
                record = replace(record, suggestion=done.text, findings=checks)
        elif record.origin != MACHINE and record.text:
            # A person's text is held to the same glossary and number checks, so
            # `check --fail-on glossary,numbers` and the review queue see its problems.
            record = replace(record, findings=tuple(verify(planned.unit, planned.terms, record.text, tag)))
        segments.setdefault(planned.block, []).append(record)
    records = []
    for n, unit in enumerate(post.units):
        mine = tuple(segments.get(n, ()))
        text = join_sentences([s.text for s in mine], tag)
        records.append(BlockRecord(unit.key, unit.source, unit.hash, text, mine))
    return records, findings


def sibling_document(post: "PreparedPost", work: "TargetWork", records: list[BlockRecord], run: "Run",
                     source_doc: Document, source_text: str) -> tuple[TargetMemory, str]:
    """The target's memory and the sibling file's text; PostError when the structure broke."""
    tag = work.language.lang.tag
    config = run.config
    sibling = copy_document(work.sibling if work.sibling is not None else source_doc, work.sibling_path)
    matter = sibling.front_matter
    target_memory = TargetMemory(
        sibling=config.relative(work.sibling_path),
        source_hash=short_hash(source_text),
        inputs=run.inputs,
        blocks=tuple(records),
        retired=work.plan.retired,
    )
    previous = matter.get("translation") if isinstance(matter.get("translation"), dict) else {}
    translated_now = any(p.action == TRANSLATE for p in work.plan.planned)

    def kept(key: str, now: str) -> str:
        """This run's value when it translated something, else what the sibling says."""
        return now if translated_now or key not in previous else str(previous[key])

    block = {
        "source": os.path.relpath(post.path, work.sibling_path.parent),
        "source_hash": target_memory.source_hash,
        "status": target_memory.status(),
        "engine": kept("engine", run.engine.name if run.engine else ""),
        "model": kept("model", run.models.get(tag) or ""),
        "glossary": kept("glossary", run.glossary.version if run.glossary else ""),
    }
    lang = post.document.front_matter.get("lang")
    cjk = {}  # Hugo counts words and cuts summaries by this flag: it follows the sibling's language
    if is_cjk_language(tag) or "isCJKLanguage" in matter:
        cjk["isCJKLanguage"] = is_cjk_language(tag)
    matter.update({
        **cjk,
        **translated_terms(post, config.taxonomies, run.terms.get(tag, {})),
        **{record.key.removeprefix("field:"): record.text for record in records if record.key != "body"},
        "lang": [tag] if isinstance(lang, list) or lang is None else tag,
        "translations": post.translations,
        "translation": block,
    })
    target_memory = replace(target_memory, glossary=block["glossary"])
    body = [record for record in records if record.key == "body"]
    sibling.body = assemble(post.skeleton, [r.text for r in body], [r.person for r in body])  # a person's text as written
    text = render_document(sibling)
    reread = extract_texts(post.skeleton, sibling.body)
    body_records = [r for r in records if r.key == "body"]
    if reread is None or len(reread) != len(body_records):
        raise PostError(
            f"the {tag} translation changes the page structure",
            path=post.path,
            hint="check the engine output with `translate sync --dry-run`, or translate this post by hand",
        )
    it = iter(reread)
    records = [replace(r, text=next(it)) if r.key == "body" else r for r in records]
    return replace(target_memory, blocks=tuple(records), sibling_hash=sha256(text)), text
