"""Where every post × language stands, from content files and memory headers only.

Used by `status` and `check`; never imports the ML stack or the round-trip parsers, so
it stays fast on thousands of posts.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Sequence

from ..document.peek import read_front_matter
from ..memory.records import header_matter
from ..memory.store import MemoryStore
from ..problems import Problem
from ..site.config import HugoLanguage, SiteConfig
from ..site.discover import SourcePage, discover
from ..errors import PostError, as_post_error
from ..site.files import ReadOnce, bytes_sha256, ensure_writable, read_regular
from ..site.targets import known_targets

if TYPE_CHECKING:
    from ..glossary.matcher import Glossary
    from ..memory.records import PostMemory

KINDS = ("missing", "stale", "orphaned", "diverged", "unreviewed", "glossary", "numbers")
UNREADABLE = "unreadable"  # always reported, whatever --fail-on says: `check` exits 2


def _problem(kind: str, path: str, message: str, language: str | None = None) -> Problem:
    """A post-level problem: the file to look at, site-relative, from its first line;
    what to do follows the message's " — "."""
    message, _, hint = message.partition(" — ")
    return Problem(kind, message, path=path, line=1, hint=hint or None, language=language)


@dataclass
class PostState:
    """One source post in one target language."""

    source: str
    language: HugoLanguage
    sibling: str
    state: str = "up to date"
    counts: dict[str, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    glossary: str = ""  # glossary version the sibling says it was made with


@dataclass
class SiteState:
    posts: list[PostState] = field(default_factory=list)
    orphans: list[Problem] = field(default_factory=list)
    unreadable: list[Problem] = field(default_factory=list)  # posts whose files or memory cannot be read

    def problems(self) -> list[Problem]:
        return [p for post in self.posts for p in post.problems] + self.orphans + self.unreadable


MadeWith = Callable[[str], "str | None"]  # target tag → the `engine/model` a sync would make machine text with


def site_made_with(config: SiteConfig) -> MadeWith:
    """What the site's engine would make machine text with now, per target (None when no
    model is installed for it, or `machine_refresh = "never"`): reads package metadata only."""
    from ..engines.registry import get_engine
    from ..memory.freshness import made_with_lookup

    return made_with_lookup(config, get_engine(config.engine, config.engine_settings))


def collect_state(config: SiteConfig, paths: Sequence[Path] = (), glossary: "Glossary | None" = None,
                  made_with: MadeWith | None = None) -> SiteState:
    """Every post × language; with `glossary`, also the machine segments a glossary edit will
    re-translate; with `made_with` (`site_made_with`), those another engine or model made."""
    store = MemoryStore(config.root, config.content_dir)
    sources, others = discover(config, paths)
    site = SiteState()
    for page in sources:
        known = len(site.posts)
        try:
            with ReadOnce() as files:  # the memory file: its first line, the rest only if asked for
                _post_state(config, store, page, glossary, files, site, made_with)
        except Exception as error:  # noqa: BLE001 - the per-post boundary: one unreadable post is reported, not fatal
            del site.posts[known:]
            site.unreadable.append(_unreadable(config, page.path, error))
    with_source = {page.page.group for page in sources}
    for page in others:
        if page.group not in with_source:  # a sibling beside its source cannot be an orphan
            try:
                _orphan(config, page.path, site)
            except Exception as error:  # noqa: BLE001 - the per-post boundary
                site.unreadable.append(_unreadable(config, page.path, error))
    return site


def _unreadable(config: SiteConfig, path: Path, error: Exception) -> Problem:
    """A post whose files or memory cannot be read: what sync would fail it with."""
    rel = config.relative(path)
    error = as_post_error(error, rel)
    where = rel
    if error.path is not None:
        try:
            where = config.relative(error.path if error.path.is_absolute() else config.root / error.path)
        except ValueError:  # a path outside the site: named by the post
            pass
    return Problem("unreadable", error.message, path=where, line=error.line or 1, hint=error.hint)


def _post_state(config: SiteConfig, store: MemoryStore, page: SourcePage, glossary: "Glossary | None",
                files: ReadOnce, site: SiteState, made_with: MadeWith | None = None) -> None:
    """One source post in each of its target languages, added to `site`."""
    data = files.post_bytes(page.path)
    if data is None:
        if os.path.lexists(page.path):
            raise PostError("cannot read the file: it is a symlink to nothing", path=page.path, line=1,
                            hint="remove the symlink or restore what it points to")
        return  # gone since the content tree was listed
    current_hash = bytes_sha256(data)[:16]  # hashed as bytes: the UTF-8 text hashes the same
    header = store.header(page.path, files) or {}
    matter = header_matter(header, current_hash) or read_front_matter(data.decode("utf-8", errors="replace"))
    if matter.get("translate") is False:
        return
    source_rel = config.relative(page.path)
    recorded = header.get("targets", {})
    diverged: list[HugoLanguage] | None = None  # planned once per post, on the first edited target
    for language in known_targets(config, matter)[0]:
        existing = page.siblings.get(language.key)
        sibling_path = existing.path if existing else page.page.sibling(language)
        ensure_writable(config.root, sibling_path)  # a link, FIFO or folder: sync refuses it, so the post is unreadable
        post = PostState(source_rel, language, config.relative(sibling_path))
        site.posts.append(post)
        sibling, memory = files.bytes(sibling_path), recorded.get(language.lang.tag, {})
        _judge(post, sibling, current_hash, memory)
        edited = sibling is not None and memory and (
            bytes_sha256(sibling) != memory.get("sibling_hash") or memory.get("source_hash") != current_hash)
        if edited and post.state != "diverged" and diverged is None:
            diverged = _diverged_as_sync_sees(config, store, page, files)
        if edited and post.state != "diverged" and language in (diverged or ()):
            post.state = "diverged"
            post.problems.append(_problem(
                "diverged", post.sibling, "blocks no longer line up with the source (edited by hand since the last"
                " sync) — realign the sibling by hand", language.lang.tag))
        if made_with is not None and post.state == "up to date" and memory.get("made_with"):
            _other_model(post, memory["made_with"], made_with(language.lang.tag))
        if glossary is not None and post.state == "up to date" and post.glossary != glossary.version:
            _glossary_affected(config, store.load(page.path, files), post, glossary)


def _diverged_as_sync_sees(config: SiteConfig, store: MemoryStore, page: SourcePage, files: ReadOnce) -> list[HugoLanguage]:
    """The targets the next sync will find diverged, planned as it plans them; its PostError
    (a corrupt memory block, say) is this post's. Only for a file changed since the last
    sync: an untouched post is skipped by sync on hashes alone, and here too."""
    from ..pipeline.read import prepare_post  # the round-trip parsers: only for edited posts

    prepared = prepare_post(page, config, store, None, files=files)
    return [work.language for work in prepared.targets if work.plan.diverged] if prepared else []


def _translation_block(data: bytes | None, memory: dict) -> dict | None:
    """The sibling's `translation:` block (`data`: the file, None when missing); from the
    memory header when the file is exactly the one the tool wrote, so an unchanged sibling
    is hashed, not parsed."""
    if data is None:
        return None
    if memory.get("sibling_hash") and bytes_sha256(data) == memory["sibling_hash"] and "glossary" in memory:
        return {key: memory.get(key) for key in ("source_hash", "status", "glossary")}
    info = read_front_matter(data.decode("utf-8", errors="replace")).get("translation")
    return info if isinstance(info, dict) else {}


def _judge(post: PostState, sibling: bytes | None, current_hash: str, memory: dict) -> None:
    tag = post.language.lang.tag
    post.counts = {k: v for k, v in memory.items() if isinstance(v, int) and not isinstance(v, bool)}
    info = _translation_block(sibling, memory)
    if info is None:
        post.state = "missing"
        post.problems.append(_problem("missing", post.source, f"no {tag} translation ({post.sibling}) — run `translate sync`", tag))
        return
    post.glossary = str(info.get("glossary") or "")
    if memory.get("diverged"):
        post.state = "diverged"
        post.problems.append(
            _problem("diverged", post.sibling, "blocks no longer line up with the source — realign the sibling by hand", tag)
        )
        return
    if info.get("source_hash") and info.get("source_hash") != current_hash:
        post.state = "stale (source changed)"  # check reports it as kind "stale" too
        post.problems.append(
            _problem("stale", post.sibling, f"the source {post.source} changed since this translation — run `translate sync`", tag)
        )
    elif info.get("status") == "stale" or memory.get("stale"):
        stale = memory.get("stale", 0)
        post.state = f"stale ({stale} segments)" if stale else "stale"
        post.problems.append(
            _problem("stale", post.sibling, f"{stale or 'some'} segments of human text have a changed source — `translate review list`", tag)
        )
    machine = memory.get("machine", 0) if memory else (1 if info.get("status") == "machine" else 0)
    if machine:
        post.problems.append(_problem("unreviewed", post.sibling, f"{machine} machine-translated segments not yet reviewed", tag))
    for check in ("glossary", "numbers"):
        if memory.get(f"findings_{check}"):
            post.problems.append(
                _problem(check, post.sibling, f"{memory[f'findings_{check}']} segments with {check} findings — `translate review list`", tag)
            )


def _glossary_affected(config: SiteConfig, memory: "PostMemory | None", post: PostState, glossary: "Glossary") -> None:
    """Machine segments whose glossary terms changed since they were translated."""
    from ..glossary.matcher import terms_version
    from ..markup.inline import mask_inline
    from ..memory.records import MACHINE

    target = memory.targets.get(post.language.lang.tag) if memory else None
    if target is None:
        return
    tag, src = post.language.lang.tag, config.source.lang.tag
    affected = sum(
        1
        for record in target.segments
        if record.origin == MACHINE
        and terms_version(glossary.match(mask_inline(record.source).text, src, tag)) != record.glossary
    )
    if affected:
        post.state = f"glossary changed ({affected} segments)"
        post.counts["glossary_affected"] = affected


def _other_model(post: PostState, recorded: dict, wanted: str | None) -> None:
    """Machine segments another engine or model made: the next sync translates them again."""
    other = sum(n for made, n in recorded.items() if wanted is not None and made != wanted)
    if other:
        post.state = f"made with another model ({other} segments)"
        post.counts["other_model"] = other


def _orphan(config: SiteConfig, path: Path, site: SiteState) -> None:
    info = read_front_matter(read_regular(path).decode("utf-8", errors="replace")).get("translation")
    if not isinstance(info, dict) or not info.get("source"):
        return  # not made by this tool
    source = (path.parent / str(info["source"])).resolve()
    if not source.exists():
        site.orphans.append(
            _problem("orphaned", config.relative(path), f"its source {info['source']} is gone — delete it or restore the source")
        )
