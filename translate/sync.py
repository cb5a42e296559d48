"""`translate sync`: discover → prepare → protect → translate (batched) → verify → assemble → write."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Sequence

from .config import HugoLanguage, SiteConfig
from .discover import Shard, discover
from .document import Document, copy_document, render_document
from .engines.base import Engine
from .enforce import Translated, translate_masked
from .errors import PostError, TranslateError
from .findings import ERROR, Finding
from .fsio import sha256, short_hash, write_text_atomic
from .glossary import Glossary, protect_terms, term_findings
from .lock import site_lock
from .markdown import assemble, extract_texts
from .freshness import inputs_hash, untouched
from .memory import MACHINE, BlockRecord, MemoryStore, TargetMemory
from .numbers import number_findings, protect_amounts
from .placeholders import Masked
from .plan import SUGGEST, TRANSLATE, Planned
from .prepare import PreparedPost, TargetWork, prepare_post
from .sentences import join_sentences, split_sentences

CHUNK_SEGMENTS = 4000  # posts are translated and written in chunks of about this many segments


@dataclass
class PostResult:
    path: str
    state: str  # "translated" | "unchanged" | "failed" | "skipped" | "diverged"
    written: list[str] = field(default_factory=list)
    segments: int = 0
    findings: list[tuple[str, Finding]] = field(default_factory=list)  # (target tag, finding)
    message: str | None = None
    diverged: list[str] = field(default_factory=list)


@dataclass
class SyncReport:
    posts: list[PostResult] = field(default_factory=list)
    dry_run: bool = False

    @property
    def segments(self) -> int:
        return sum(p.segments for p in self.posts)

    def count(self, state: str) -> int:
        return sum(p.state == state for p in self.posts)

    @property
    def return_code(self) -> int:
        return 1 if self.count("failed") else 0


def sync(
    config: SiteConfig,
    engine: Engine,
    *,
    paths: Sequence[Path] = (),
    languages: Sequence[HugoLanguage] = (),
    glossary: Glossary | None = None,
    dry_run: bool = False,
    shard: Shard | None = None,
    on_total: Callable[[int], None] | None = None,
    on_progress: Callable[[int], None] | None = None,
) -> SyncReport:
    """Bring every source post's siblings up to date; one bad post never stops the run."""
    report = SyncReport(dry_run=dry_run)
    store = MemoryStore(config.root, config.content_dir)
    with site_lock(config.root, shared=dry_run):
        if not dry_run:
            for source in store.pending_sources():
                store.recover(source)
        sources, _ = discover(config, paths, shard)
        prepared: list[PreparedPost] = []
        inputs = inputs_hash(config, glossary)
        for page in sources:
            rel = config.relative(page.path)
            if untouched(page, config, store, inputs, languages):
                report.posts.append(PostResult(rel, "unchanged"))
                continue
            try:
                post = prepare_post(page, config, store, glossary, languages)
            except TranslateError as error:
                report.posts.append(PostResult(rel, "failed", message=str(error)))
                continue
            if post is None:
                report.posts.append(PostResult(rel, "skipped", message="translate: false"))
                continue
            prepared.append(post)

        queued = sum(len(w.plan.queued) for p in prepared for w in p.targets)
        if dry_run:
            for post in prepared:
                n = sum(len(w.plan.queued) for w in post.targets)
                report.posts.append(PostResult(config.relative(post.path), "translated" if n else "unchanged", segments=n))
            return report
        pairs = {w.language.lang.tag for p in prepared for w in p.targets if w.plan.queued}
        models = {tag: engine.model_version(config.source.lang.tag, tag) for tag in sorted(pairs)}
        if on_total:
            on_total(queued)
        for chunk in _chunks(prepared):
            results = _translate_chunk(chunk, config, engine, glossary, on_progress)
            for post in chunk:
                report.posts.append(_finish_post(post, results, config, store, engine, models, glossary))
    return report


def _chunks(posts: list[PreparedPost]) -> list[list[PreparedPost]]:
    chunks: list[list[PreparedPost]] = [[]]
    size = 0
    for post in posts:
        chunks[-1].append(post)
        size += sum(len(w.plan.queued) for w in post.targets)
        if size >= CHUNK_SEGMENTS:
            chunks.append([])
            size = 0
    return [c for c in chunks if c]


def protect(masked: Masked, config: SiteConfig, glossary: Glossary | None, target: str) -> Masked:
    """Glossary terms first (they may contain digits), then amounts."""
    source = config.source.lang.tag
    if glossary is not None:
        masked = protect_terms(masked, glossary, source, target)
    return protect_amounts(masked, source, target, currency_style=config.currency_style)


def _translate_chunk(
    chunk: list[PreparedPost],
    config: SiteConfig,
    engine: Engine,
    glossary: Glossary | None,
    on_progress: Callable[[int], None] | None,
) -> dict[int, Translated]:
    """Every queued unit of the chunk, one `translate_masked` call per language pair.

    Units go to the engine sentence by sentence, so a placeholder an engine loses costs
    one sentence its fluency (the fallbacks), not a whole paragraph; identical protected
    sentences (boilerplate) are translated once.
    """
    source = config.source.lang.tag
    by_target: dict[str, list[Planned]] = {}
    for post in chunk:
        for work in post.targets:
            if not work.plan.diverged:
                by_target.setdefault(work.language.lang.tag, []).extend(work.plan.queued)
    results: dict[int, Translated] = {}
    for tag, planned in by_target.items():
        sentences = [sentence_items(protect(p.unit.masked, config, glossary, tag), source) for p in planned]
        unique = list(dict.fromkeys(item for items in sentences for item in items))
        done = dict(zip(unique, translate_masked(engine, unique, source, tag)))
        for p, items in zip(planned, sentences):
            results[id(p)] = combine([done[item] for item in items], tag)
        if on_progress:
            on_progress(len(planned))
    return results


def sentence_items(masked: Masked, source: str) -> list[Masked]:
    """One masked segment as masked sentences; they share its tokens, so `{n}` keeps its meaning."""
    parts = split_sentences(masked.text, source)
    return [Masked(part, masked.tokens) for part in parts] if len(parts) > 1 else [masked]


def combine(parts: list[Translated], target: str) -> Translated:
    """A segment's translation from its sentences': text joined, findings kept, worst method."""
    findings = tuple(f for part in parts for f in part.findings)
    if any(not part.text for part in parts) and any(f.check == "engine" for f in findings):
        return Translated("", findings, parts[0].method)
    methods = {part.method for part in parts}
    method = next((m for m in ("split", "inline") if m in methods), parts[0].method)
    return Translated(join_sentences([part.text for part in parts], target), findings, method)


def _verify(masked: Masked, text: str, config: SiteConfig, glossary: Glossary | None, target: str) -> list[Finding]:
    """Glossary and number checks of one translated block against its (masked) source."""
    source = config.source.lang.tag
    findings: list[Finding] = []
    if glossary is not None:
        findings += term_findings(masked, text, glossary, source, target)
    findings += number_findings(masked.source_text(), text, source, target)
    return findings


def _finish_post(
    post: PreparedPost,
    results: dict[int, Translated],
    config: SiteConfig,
    store: MemoryStore,
    engine: Engine | None,
    models: dict[str, str],
    glossary: Glossary | None,
) -> PostResult:
    rel = config.relative(post.path)
    result = PostResult(rel, "unchanged")
    for work in post.targets:
        for planned in work.plan.queued:
            done = results.get(id(planned))
            broken = [f for f in done.findings if f.check == "engine" and f.severity == ERROR] if done else []
            if broken:
                return PostResult(
                    rel, "failed", findings=[(work.language.lang.tag, f) for f in broken],
                    message=f"{rel}:{planned.unit.line}: {broken[0].message} — nothing written for this post;"
                    " check the engine or model",
                )
    try:
        source_doc = copy_document(post.document)
        source_doc.front_matter.set("translations", post.translations)
        source_text = render_document(source_doc)
        memory = replace(post.memory, translations=tuple(post.translations))
        writes: list[tuple[Path, str]] = []
        if source_text != post.text:
            writes.append((post.path, source_text))
        for work in post.targets:
            tag = work.language.lang.tag
            if work.plan.diverged:
                result.diverged.append(tag)
                old = memory.targets.get(tag) or TargetMemory(config.relative(work.sibling_path))
                memory = memory.with_target(tag, replace(old, diverged=True))
                continue
            target_memory, sibling_text, findings = _build_target(
                post, work, results, config, engine, models.get(tag), glossary, source_doc
            )
            result.segments += len(work.plan.queued)
            result.findings += [(tag, f) for f in findings]
            memory = memory.with_target(tag, target_memory)
            if work.sibling is None or sibling_text != render_document(work.sibling):  # as read, under the lock
                writes.append((work.sibling_path, sibling_text))
    except TranslateError as error:
        return PostResult(rel, "failed", message=str(error))
    if writes or memory != post.memory or store.pending_path(post.path).exists():
        store.begin(post.path, memory)
        for path, text in writes:
            write_text_atomic(path, text, root=config.root)
            result.written.append(config.relative(path))
        store.commit(post.path)
    if result.diverged and not result.segments:
        result.state = "diverged"
    elif result.written:
        result.state = "translated"
    return result


def _build_target(
    post: PreparedPost,
    work: TargetWork,
    results: dict[int, Translated],
    config: SiteConfig,
    engine: Engine | None,
    model: str | None,
    glossary: Glossary | None,
    source_doc: Document,
) -> tuple[TargetMemory, str, list[Finding]]:
    tag = work.language.lang.tag
    source_text = render_document(source_doc)
    records: list[BlockRecord] = []
    findings: list[Finding] = []
    for planned in work.plan.planned:
        record = planned.record
        if planned.action in (TRANSLATE, SUGGEST):
            done = results[id(planned)]
            checks = list(done.findings) + _verify(planned.unit.masked, done.text, config, glossary, tag)
            findings += checks
            stored = tuple(f.to_dict() for f in checks)
            if planned.action == TRANSLATE:
                record = replace(
                    record, text=done.text, machine=done.text, origin=MACHINE, engine=engine.name if engine else None, model=model,
                    glossary=planned.unit.glossary, stale=False, suggestion=None, findings=stored,
                )
            else:
                record = replace(record, suggestion=done.text, findings=stored)
        elif record.origin != MACHINE and record.text:
            # A person's text is held to the same glossary and number checks, so
            # `check --fail-on glossary,numbers` and the review queue see its problems.
            checks = _verify(planned.unit.masked, record.text, config, glossary, tag)
            record = replace(record, findings=tuple(f.to_dict() for f in checks))
        records.append(record)

    sibling = copy_document(work.sibling if work.sibling is not None else source_doc, work.sibling_path)
    matter = sibling.front_matter
    target_memory = TargetMemory(
        sibling=config.relative(work.sibling_path),
        source_hash=short_hash(source_text),
        inputs=inputs_hash(config, glossary),
        blocks=tuple(records),
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
        "engine": kept("engine", engine.name if engine else ""),
        "model": kept("model", model or ""),
        "glossary": kept("glossary", glossary.version if glossary else ""),
    }
    lang = post.document.front_matter.get("lang")
    matter.update({
        **{record.key.removeprefix("field:"): record.text for record in records if record.key != "body"},
        "lang": [tag] if isinstance(lang, list) or lang is None else tag,
        "translations": post.translations,
        "translation": block,
    })
    target_memory = replace(target_memory, glossary=block["glossary"])
    sibling.body = assemble(post.skeleton, [record.text for record in records if record.key == "body"])
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
    return replace(target_memory, blocks=tuple(records), sibling_hash=sha256(text)), text, findings


def apply_records(
    config: SiteConfig,
    source: Path,
    language: HugoLanguage,
    change: Callable[[tuple[Planned, ...]], list[tuple[BlockRecord, str]]],
    *,
    engine: Engine | None = None,
    glossary: Glossary | None = None,
) -> PostResult:
    """Rewrite one sibling from edited memory records, through the same writes as sync.

    `change` gets the post's current plan and returns, per unit, the record to keep and
    an action: REUSE, or TRANSLATE to run the engine on it again (needs `engine`). The
    review queue's actions are all made of this.
    """
    store = MemoryStore(config.root, config.content_dir)
    with site_lock(config.root):
        store.recover(source.resolve())
        pages, _ = discover(config, [source])
        page = next((p for p in pages if p.path == source.resolve()), None)
        if page is None:
            raise PostError(f"{source} is not a source post of this site", path=source, hint="pass the source post")
        post = prepare_post(page, config, store, glossary, [language])
        if post is None or not post.targets:
            raise PostError(f"{source} is not translated into {language.lang.tag}", path=source, hint="check its front matter")
        work = post.targets[0]
        if work.plan.diverged:
            raise PostError(
                "the sibling's blocks no longer line up with the source", path=work.sibling_path,
                hint="realign it by hand, then run `translate sync`",
            )
        if any(p.action == TRANSLATE for p in work.plan.planned):
            raise PostError(
                "the source changed since the last sync", path=source, hint="run `translate sync` first, then review"
            )
        decided = change(work.plan.planned)
        planned = tuple(Planned(p.unit, action, record) for p, (record, action) in zip(work.plan.planned, decided))
        work.plan = replace(work.plan, planned=planned)
        models: dict[str, str] = {}
        results: dict[int, Translated] = {}
        if any(action == TRANSLATE for _, action in decided):
            if engine is None:
                raise PostError("retranslating needs an engine", path=source, hint="pass --engine")
            models[language.lang.tag] = engine.model_version(config.source.lang.tag, language.lang.tag)
            results = _translate_chunk([post], config, engine, glossary, None)
        result = _finish_post(post, results, config, store, engine, models, glossary)
    if result.state == "failed":
        raise PostError(result.message or "could not write the sibling", path=source)
    return result
