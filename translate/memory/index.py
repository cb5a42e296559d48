"""The site-wide translation memory: an exact-match index over every post's memory file.

Built once per run, and only when the run has something to translate, from the files
`memory.store` keeps (no second copy to go stale): each file's one-sentence segment hashes
are found by a pattern over its bytes, and only a file holding a sentence the run needs is
parsed, so a run that translates one sentence costs a read of each file, not a parse. Machine output is reused only for the
same source sentence (its hash), target, engine and model and glossary terms; a
person's translation of the same sentence is only offered as a suggestion. Boilerplate
(智通财经APP获悉, source lines, disclaimers) thus reaches the engine once per site.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping

from ..errors import PostError
from .records import PostMemory

_ONE_HASH = re.compile(rb'"hashes": \["([0-9a-f]+)"\]')  # a one-sentence segment, as `PostMemory.dumps` writes it


@dataclass
class SiteMemory:
    machine: dict[tuple[str, str, str, str], str] = field(default_factory=dict)  # (target, hash, engine/model, glossary) → text
    people: dict[tuple[str, str], str] = field(default_factory=dict)  # (target, hash) → a person's text

    def reuse(self, target: str, sentence: str, made_with: str, glossary: str) -> str | None:
        """Machine output for this sentence made the way this run would make it, if any post has it."""
        return self.machine.get((target, sentence, made_with, glossary))

    def suggestion(self, target: str, sentence: str) -> str | None:
        """A person's translation of this sentence somewhere on the site, if any."""
        return self.people.get((target, sentence))

    def remember(self, target: str, sentence: str, made_with: str, glossary: str, text: str) -> None:
        """What this run just translated with no finding, for the rest of the run's chunks. Output
        with findings is not shared, here or from the files (`add_memory`): a post reusing it would
        get the text without the findings, and a run killed half-way would end unlike one that
        was not."""
        self.machine.setdefault((target, sentence, made_with, glossary), text)

    def add_memory(self, memory: PostMemory, wanted: set[str] | None = None) -> None:
        """Index one post's segments of one sentence each (a person's merged units are not
        reusable); with `wanted`, only those sentences."""
        for tag, target in memory.targets.items():
            for block in (*target.blocks, *target.retired):
                for segment in block.segments:
                    if len(segment.hashes) != 1 or (wanted is not None and segment.hashes[0] not in wanted):
                        continue
                    sentence = segment.hashes[0]
                    if not segment.person:
                        if segment.machine and not segment.findings:  # as `remember`: only clean output
                            self.machine.setdefault((tag, sentence, segment.made_with, segment.glossary), segment.machine)
                    elif not segment.stale and segment.text:
                        self.people.setdefault((tag, sentence), segment.text)


def load_site_memory(memory_dir: Path, wanted: set[str], parsed: Mapping[str, PostMemory] = {}) -> SiteMemory:
    """What every memory file under `memory_dir` knows of the `wanted` sentence hashes, in path
    order (so the same files give the same answers); `parsed`: memory the run has loaded
    already, by file path, not read again."""
    index = SiteMemory()
    if not memory_dir.is_dir() or not wanted:
        return index
    paths = sorted(os.path.join(d, f) for d, _, names in os.walk(memory_dir) for f in names if f.endswith(".jsonl"))
    for path in paths:  # (os.walk and str paths: a thousand files cost a few milliseconds, not a Path each)
        if path in parsed:
            index.add_memory(parsed[path], wanted)
            continue
        try:
            with open(path, "rb") as handle:
                data = handle.read()
            found = {h.decode() for h in _ONE_HASH.findall(data)} & wanted
            if found:  # only a file holding a sentence the run needs is parsed
                index.add_memory(PostMemory.loads(data.decode("utf-8"), Path(path)), found)
        except (OSError, ValueError, PostError):
            continue  # an unreadable memory file is its own post's error (sync reports it there)
    return index
