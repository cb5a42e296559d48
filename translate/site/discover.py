"""Find the site's pages, their languages, and which files are translations of which."""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from ..errors import UsageError
from .config import HugoLanguage, SiteConfig

MARKDOWN_SUFFIXES = (".md", ".markdown")


@dataclass(frozen=True)
class PagePath:
    """A content file split the way Hugo reads it: `dir/base[.key].md` in one content dir."""

    path: Path
    base: str  # "dir/base": the path without language key and suffix (a string: there are many)
    suffix: str  # ".md"
    language: HugoLanguage
    root: Path | None = None  # the content dir it lies in
    rel: str = ""  # "posts/base": `base` relative to `root`, the key Hugo pairs translations by
    shared: Path | None = None  # Hugo's top-level content dir (languages without their own)

    def sibling(self, language: HugoLanguage) -> Path:
        """`foo.md` → `foo.en.md`; `index.zh-cn.md` → `index.en.md`; in a content-directory
        site, `content/zh-cn/posts/foo.md` → `content/en/posts/foo.md` (the same relative path)."""
        target_dir = language.content_dir or self.shared
        if self.root is not None and target_dir is not None and target_dir != self.root:
            if language.content_dir is not None:
                return target_dir / f"{self.rel}{self.suffix}"
            return target_dir / f"{self.rel}.{language.key}{self.suffix}"
        return Path(f"{self.base}.{language.key}{self.suffix}")

    @property
    def group(self) -> str:
        """What the page's translations share: its path in its content dir, no language key."""
        return self.rel or self.base


@dataclass(frozen=True)
class SourcePage:
    """A page in the source language, with the sibling files that already exist."""

    page: PagePath
    siblings: dict[str, PagePath]  # hugo key → existing sibling

    @property
    def path(self) -> Path:
        return self.page.path


@dataclass(frozen=True)
class Shard:
    """Part `index` (1-based) of `count`: a fixed 1/count of the source posts."""

    index: int
    count: int

    def contains(self, rel: str) -> bool:
        """Whether the post at content-relative POSIX path `rel` is in this shard (stable across runs and machines)."""
        digest = hashlib.sha256(rel.encode("utf-8")).digest()
        return int.from_bytes(digest[:8], "big") % self.count == self.index - 1


_SHARD_RE = re.compile(r"\s*([0-9]+)\s*/\s*([0-9]+)\s*")


def parse_shard(text: str) -> Shard:
    """"2/4" → Shard(2, 4); `UsageError` unless 1 ≤ I ≤ N."""
    match = _SHARD_RE.fullmatch(text)
    if match is None:
        raise UsageError(f"--shard {text}: not of the form I/N", hint="pass e.g. --shard 1/4 (the first of four parts)")
    index, count = int(match.group(1)), int(match.group(2))
    if count < 1:
        raise UsageError(f"--shard {text}: N must be at least 1", hint="pass e.g. --shard 1/4 (the first of four parts)")
    if not 1 <= index <= count:
        raise UsageError(f"--shard {text}: I must be between 1 and {count}", hint=f"pass --shard I/{count} with I in 1..{count}")
    return Shard(index, count)


def _parse(directory: str, name: str, config: SiteConfig, keys: dict[str, HugoLanguage],
           root: Path | None = None, owner: HugoLanguage | None = None) -> PagePath | None:
    """The file's page; in a language's own content dir (`owner`) a name without a key is in
    that language, elsewhere in the default language."""
    suffix = next((s for s in MARKDOWN_SUFFIXES if name.endswith(s)), None)
    if suffix is None:
        return None
    stem = name[: -len(suffix)]
    head, dot, key = stem.rpartition(".")
    language = keys.get(key.lower()) if dot else None
    base = head if language is not None else stem
    rel = os.path.relpath(os.path.join(directory, base), root).replace(os.sep, "/") if root is not None else ""
    return PagePath(
        Path(directory, name), os.path.join(directory, base), suffix, language or owner or config.default_language,
        root, rel, config.shared_content_dir,
    )


def iter_content_files(content_dir: Path, skip: Iterable[Path] = ()) -> Iterable[tuple[str, str]]:
    """(folder, name) of Markdown files under the content dir, in a stable order; hidden dirs
    and the folders in `skip` (other languages' content dirs inside this one) left out."""
    skipped = {str(p) for p in skip}
    for dirpath, dirnames, filenames in os.walk(content_dir):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and os.path.join(dirpath, d) not in skipped)
        for name in sorted(filenames):
            if name.endswith(MARKDOWN_SUFFIXES) and not name.startswith("."):
                yield dirpath, name


def discover(
    config: SiteConfig, paths: Iterable[Path] = (), shard: Shard | None = None
) -> tuple[list[SourcePage], list[PagePath]]:
    """Source pages (optionally only those under `paths`, and in `shard`) and every other-language page."""
    keys = {language.key: language for language in config.languages}
    groups: dict[str, dict[str, PagePath]] = {}
    dirs = config.content_dirs()
    for root, owner in dirs.items():
        for directory, name in iter_content_files(root, [d for d in dirs if d != root]):
            page = _parse(directory, name, config, keys, root, owner)
            if page is not None:
                groups.setdefault(page.group, {})[page.language.key] = page
    wanted = {_inside_content(config, Path(p)) for p in paths}
    prefix = str(config.content_dir) + os.sep
    sources, others = [], []
    for base in sorted(groups):
        pages = groups[base]
        source = pages.get(config.source.key)
        for key, page in sorted(pages.items()):
            if page is not source:
                others.append(page)
        if source is None:
            continue
        # A set, so a long list of posts (a shard's, from a script) stays linear.
        if wanted and source.path not in wanted and wanted.isdisjoint(source.path.parents):
            continue
        if shard is not None and not shard.contains(str(source.path)[len(prefix) :].replace(os.sep, "/")):
            continue
        siblings = {key: page for key, page in pages.items() if page is not source}
        sources.append(SourcePage(source, siblings))
    return sources, others


def _inside_content(config: SiteConfig, path: Path) -> Path:
    resolved = (path if path.is_absolute() else Path.cwd() / path).resolve()
    if not resolved.exists():
        raise UsageError(f"{path} does not exist", hint="pass a post or a folder under the content dir")
    if not (resolved == config.content_dir or resolved.is_relative_to(config.content_dir)):
        raise UsageError(
            f"{path} is not under the content dir {config.content_dir}", hint="pass a path inside it"
        )
    return resolved
