"""The memory file format: one JSON Lines file per source post (`memory.store` keeps them).

Line 1 is a header (per target: sibling path, source hash, counts, diverged flag) so
`check` and `status` read one line per post; every further line is one block of one
target, in source order. Keys are sorted and nothing volatile is stored, so the files
diff and merge well in git and a second sync leaves them byte-identical.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path

from ..errors import PostError
from ..problems import Problem

FORMAT = 1
MACHINE, HUMAN, REVIEWED = "machine", "human", "reviewed"
FINDING_CHECKS = ("glossary", "numbers", "placeholder")


@dataclass(frozen=True)
class BlockRecord:
    """What the tool knows about one block of one target language."""

    key: str  # "field:title" or "body"
    source: str  # source text (markup included) when last translated
    source_hash: str
    text: str  # the text in the sibling as last written or read back
    origin: str = MACHINE  # MACHINE | HUMAN | REVIEWED
    machine: str | None = None  # the last machine output
    engine: str | None = None
    model: str | None = None
    glossary: str = ""  # versions of the glossary terms this block contains
    stale: bool = False  # the source changed under a human or reviewed text
    previous_source: str | None = None  # the source before its last change, for the diff
    suggestion: str | None = None  # machine output for the changed source, not applied
    findings: tuple[Problem, ...] = ()  # what the checks found in `text` (or the suggestion)

    def to_json(self, target: str, pos: int) -> str:
        data = {k: v for k, v in asdict(self).items() if k != "findings" and v not in (None, (), [], False, "")}
        data.update(key=self.key, source=self.source, text=self.text, target=target, pos=pos)
        if self.findings:
            data["findings"] = [f.to_memory() for f in self.findings]
        return json.dumps(data, ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, data: dict) -> "BlockRecord":
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in known}
        values["findings"] = tuple(Problem.from_memory(f) for f in values.get("findings") or ())
        return cls(**values)


@dataclass(frozen=True)
class TargetMemory:
    """One target language of one post."""

    sibling: str  # site-relative path
    source_hash: str = ""  # hash of the source file when the sibling was made
    sibling_hash: str = ""  # hash of the sibling file as the tool last wrote or read it
    inputs: str = ""  # hash of the settings it was made under (glossary version, fields, currency style)
    glossary: str = ""  # the glossary version its `translation:` block names
    diverged: bool = False
    blocks: tuple[BlockRecord, ...] = ()

    def counts(self) -> dict[str, int]:
        body = self.blocks
        return {
            "blocks": len(body),
            "machine": sum(b.origin == MACHINE for b in body),
            "human": sum(b.origin == HUMAN for b in body),
            "reviewed": sum(b.origin == REVIEWED for b in body),
            "stale": sum(b.stale for b in body),
            "findings": sum(bool(b.findings) for b in body),
            **{
                f"findings_{check}": sum(any(f.kind == check for f in b.findings) for b in body)
                for check in FINDING_CHECKS
            },
        }

    def status(self) -> str:
        """The sibling's `translation.status`: stale > edited > machine > reviewed."""
        counts = self.counts()
        if counts["stale"]:
            return "stale"
        if counts["human"]:
            return "edited"
        if counts["machine"]:
            return "machine"
        return "reviewed"


@dataclass(frozen=True)
class PostMemory:
    source: str  # site-relative path of the source post
    targets: dict[str, TargetMemory] = field(default_factory=dict)
    translations: tuple[str, ...] = ()  # the source's `translations` list as last written

    def with_target(self, tag: str, target: TargetMemory) -> "PostMemory":
        return replace(self, targets={**self.targets, tag: target})

    def dumps(self) -> str:
        header = {
            "memory": FORMAT,
            "source": self.source,
            "translations": list(self.translations),
            "targets": {
                tag: {
                    "sibling": t.sibling,
                    "source_hash": t.source_hash,
                    "sibling_hash": t.sibling_hash,
                    "inputs": t.inputs,
                    "glossary": t.glossary,
                    "diverged": t.diverged,
                    "status": t.status(),
                    **t.counts(),
                }
                for tag, t in sorted(self.targets.items())
            },
        }
        lines = [json.dumps(header, ensure_ascii=False, sort_keys=True)]
        for tag, target in sorted(self.targets.items()):
            lines += [b.to_json(tag, pos) for pos, b in enumerate(target.blocks)]
        return "\n".join(lines) + "\n"

    @classmethod
    def loads(cls, text: str, path: Path | None = None) -> "PostMemory":
        number = 1
        try:
            # Split on "\n" only: a block's text may hold U+2028 and friends, which JSON writes raw.
            lines = text.removesuffix("\n").split("\n")
            header = json.loads(lines[0])
            blocks: dict[str, list[BlockRecord]] = {}
            for number, line in enumerate(lines[1:], start=2):
                data = json.loads(line)
                blocks.setdefault(data["target"], []).append(BlockRecord.from_json(data))
            number = 1
            targets = {
                tag: TargetMemory(
                    sibling=info["sibling"],
                    source_hash=info.get("source_hash", ""),
                    sibling_hash=info.get("sibling_hash", ""),
                    inputs=info.get("inputs", ""),
                    glossary=info.get("glossary", ""),
                    diverged=info.get("diverged", False),
                    blocks=tuple(blocks.get(tag, ())),
                )
                for tag, info in header.get("targets", {}).items()
            }
            return cls(source=header["source"], targets=targets, translations=tuple(header.get("translations", ())))
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise PostError(
                f"translation memory is unreadable ({type(exc).__name__}: {exc})",
                path=path,
                line=number,
                hint="restore it from git, or delete it to rebuild from the siblings",
            ) from None


def parse_header(line: bytes, path: Path) -> dict:
    """A memory file's first line: all `check`, `status` and freshness need
    (`MemoryStore.header` reads it)."""
    try:
        header = json.loads(line)
        targets = header.get("targets", {})  # AttributeError: not an object
        if not isinstance(targets, dict) or not all(isinstance(t, dict) for t in targets.values()):
            raise ValueError("targets is not a map of targets")
        return header
    except (ValueError, AttributeError):
        raise PostError(
            "translation memory header is unreadable",
            path=path,
            line=1,
            hint="restore it from git, or delete it to rebuild from the siblings",
        ) from None


def header_matter(header: dict, source_hash: str) -> dict | None:
    """The source's `translations` as the header recorded them, when the source is the
    file every target was made from: saves parsing its front matter."""
    targets = header.get("targets") or {}
    if "translations" not in header or not targets:
        return None
    if any(t.get("source_hash") != source_hash for t in targets.values()):
        return None
    return {"translations": header["translations"]}
