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

import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping

from .records import MACHINE, made_with_key

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
        with findings is not shared, here or from the files (`add_file`): a post reusing it would
        get the text without the findings, and a run killed half-way would end unlike one that
        was not."""
        self.machine.setdefault((target, sentence, made_with, glossary), text)

    def add_file(self, text: str, wanted: set[str] | None = None) -> None:
        """Index one memory file's segments of one sentence each (a person's merged units are
        not reusable); with `wanted`, only those sentences."""
        for line in text.split("\n")[1:]:
            if not line:
                continue
            block = json.loads(line)
            target = block["target"]
            for segment in block.get("segments", ()):
                hashes = segment.get("hashes") or ()
                if len(hashes) != 1 or (wanted is not None and hashes[0] not in wanted):
                    continue
                if segment.get("origin", MACHINE) == MACHINE:
                    if segment.get("machine") and not segment.get("findings"):  # as `remember`: only clean output
                        made_with = made_with_key(segment.get("engine"), segment.get("model"))
                        key = (target, hashes[0], made_with, segment.get("glossary", ""))
                        self.machine.setdefault(key, segment["machine"])
                elif not segment.get("stale") and segment.get("text"):
                    self.people.setdefault((target, hashes[0]), segment["text"])


def load_site_memory(memory_dir: Path, wanted: set[str], read: Mapping[str, bytes | None] = {}) -> SiteMemory:
    """What every memory file under `memory_dir` knows of the `wanted` sentence hashes, in path
    order (so the same files give the same answers); `read`: files the run has read already,
    by path, not read again."""
    index = SiteMemory()
    if not memory_dir.is_dir() or not wanted:
        return index
    paths = sorted(os.path.join(d, f) for d, _, names in os.walk(memory_dir) for f in names if f.endswith(".jsonl"))
    for path in paths:  # (os.walk and str paths: a thousand files cost a few milliseconds, not a Path each)
        try:
            if path in read:
                data = read[path]
            else:
                with open(path, "rb") as handle:
                    data = handle.read()
            found = {h.decode() for h in _ONE_HASH.findall(data)} & wanted if data else set()
            if found:
                index.add_file(data.decode("utf-8"), found)
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            continue  # an unreadable memory file is its own post's error (sync reports it there)
    return index
