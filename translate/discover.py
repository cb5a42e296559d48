"""Find the site's pages, their languages, and which files are translations of which."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from .config import HugoLanguage, SiteConfig
from .errors import UsageError

MARKDOWN_SUFFIXES = (".md", ".markdown")


@dataclass(frozen=True)
class PagePath:
    """A content file split the way Hugo reads it: `dir/base[.key].md`."""

    path: Path
    base: Path  # dir/base, without language key and suffix
    suffix: str  # ".md"
    language: HugoLanguage
    explicit: bool  # the filename carries the language key

    def sibling(self, language: HugoLanguage) -> Path:
        """`foo.md` → `foo.en.md`; `index.zh-cn.md` → `index.en.md`."""
        return self.base.with_name(f"{self.base.name}.{language.key}{self.suffix}")


@dataclass(frozen=True)
class SourcePage:
    """A page in the source language, with the sibling files that already exist."""

    page: PagePath
    siblings: dict[str, PagePath]  # hugo key → existing sibling

    @property
    def path(self) -> Path:
        return self.page.path


def parse_page_path(path: Path, config: SiteConfig) -> PagePath | None:
    """How Hugo sees a file: its language from the filename key, else the default."""
    suffix = next((s for s in MARKDOWN_SUFFIXES if path.name.endswith(s)), None)
    if suffix is None:
        return None
    stem = path.name[: -len(suffix)]
    head, dot, key = stem.rpartition(".")
    if dot and key.lower() in {language.key for language in config.languages}:
        language = next(lang for lang in config.languages if lang.key == key.lower())
        return PagePath(path, path.with_name(head), suffix, language, True)
    return PagePath(path, path.with_name(stem), suffix, config.default_language, False)


def iter_content_files(content_dir: Path) -> Iterable[Path]:
    """Markdown files under the content dir in a stable order; hidden dirs skipped."""
    for dirpath, dirnames, filenames in os.walk(content_dir):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.endswith(MARKDOWN_SUFFIXES) and not name.startswith("."):
                yield Path(dirpath) / name


def discover(config: SiteConfig, paths: Iterable[Path] = ()) -> tuple[list[SourcePage], list[PagePath]]:
    """Source pages (optionally only those under `paths`) and every other-language page."""
    groups: dict[Path, dict[str, PagePath]] = {}
    for file in iter_content_files(config.content_dir):
        page = parse_page_path(file, config)
        if page is not None:
            groups.setdefault(page.base, {})[page.language.key] = page
    wanted = [_inside_content(config, Path(p)) for p in paths]
    sources, others = [], []
    for base in sorted(groups):
        pages = groups[base]
        source = pages.get(config.source.key)
        for key, page in sorted(pages.items()):
            if page is not source:
                others.append(page)
        if source is None:
            continue
        if wanted and not any(source.path == w or w in source.path.parents for w in wanted):
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
