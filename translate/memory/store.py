"""Where memory lives: `<site>/.translate/memory/`, one file per source post, mirroring
the content tree, written in three steps so a crash never leaves a post half-recorded."""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import ConfigError, TranslateError
from ..site.files import ReadOnce, bytes_sha256, ensure_writable, read_if_exists, write_text_atomic
from ..site.lock import state_dir
from .records import PostMemory, parse_header


class MemoryStore:
    """Memory files live under `<site>/.translate/`, mirroring the content tree."""

    def __init__(self, root: Path, content_dir: Path) -> None:
        self.root = root
        self.content_dir = content_dir
        self.dir = state_dir(root)
        memory = self.dir / "memory"
        if memory.is_symlink() or (memory.exists() and not memory.is_dir()):
            raise ConfigError("the memory folder is not a folder", path=memory,
                              hint="move that file or link away; the memory must be a real folder in the site")

    def path_for(self, source: Path) -> Path:
        text, content = str(source), str(self.content_dir) + os.sep
        if text.startswith(content) and f"{os.sep}..{os.sep}" not in text:  # discovered: already resolved
            rel = text[len(content) :].replace(os.sep, "/")
        else:
            rel = source.resolve().relative_to(self.content_dir).as_posix()
        return self.dir / "memory" / (rel + ".jsonl")

    def load(self, source: Path, files: ReadOnce | None = None) -> PostMemory | None:
        """The post's memory; through `files` when given, so the file is read once per run."""
        path = self.path_for(source)
        data = (files or ReadOnce()).bytes(path)
        return None if data is None else PostMemory.loads(data.decode("utf-8"), path)

    def header(self, source: Path, files: ReadOnce) -> dict | None:
        """The first line of the post's memory (all `check` and freshness need), through `files`."""
        path = self.path_for(source)
        line = files.first_line(path)
        return None if line is None else parse_header(line, path)

    def save(self, source: Path, memory: PostMemory) -> bool:
        return write_text_atomic(self.path_for(source), memory.dumps(), root=self.root)

    # A post's files change in three steps: the new memory goes to `*.pending`, then the
    # siblings are written, then the pending file replaces the memory. A run killed in
    # between leaves the pending file; `recover` keeps each target whose sibling on disk
    # is the one the pending memory describes, so no finished work is redone and no
    # machine text is mistaken for a human edit.

    def pending_path(self, source: Path) -> Path:
        return self.path_for(source).with_suffix(".pending")

    def begin(self, source: Path, text: str) -> None:
        """Step 1: the new memory (`PostMemory.dumps()`) goes to the pending file (once the
        memory file is known to be one step 3 may replace: nothing is written otherwise)."""
        ensure_writable(self.root, self.path_for(source))
        write_text_atomic(self.pending_path(source), text, root=self.root, unless_equal=False)

    def commit(self, source: Path, *, unchanged: bool) -> None:
        """Step 3: the pending memory becomes the memory. `unchanged`: the memory file already
        holds these bytes (the caller read it under the site lock), so it is left alone."""
        pending = self.pending_path(source)
        if unchanged:
            pending.unlink()
        else:
            os.replace(pending, ensure_writable(self.root, self.path_for(source)))

    def recover(self, source: Path) -> bool:
        """Finish an interrupted commit of `source`; True when there was one."""
        pending = self.pending_path(source)
        if not pending.exists():
            return False
        new = PostMemory.loads(read_if_exists(pending).decode("utf-8"), pending)
        old = self.load(source) or PostMemory(new.source)
        merged = old
        for tag, target in new.targets.items():
            try:
                data = read_if_exists(self.root / target.sibling)
            except OSError:  # not a regular file: certainly not the one recorded
                data = None
            if data is not None and bytes_sha256(data) == target.sibling_hash:
                merged = merged.with_target(tag, target)
        self.save(source, merged)
        pending.unlink()
        return True

    def settle(self, source: Path) -> None:
        """After a failed write: `recover` now, so no `.pending` outlives the run (when even
        that cannot be written, the pending file stays for the next run to recover)."""
        try:
            self.recover(source)
        except (OSError, TranslateError):
            pass

    def pending_sources(self) -> list[Path]:
        base = self.dir / "memory"
        if not base.is_dir():
            return []
        return [self.content_dir / p.relative_to(base).with_suffix("") for p in sorted(base.rglob("*.pending"))]
