"""A synced site with a review queue to work on: post a all machine text, post b with a
stale human block."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from translate.document.peek import read_front_matter

from .fakes import CountingEngine
from .sites import memory_segments, run_sync, write_post

POST_A = """---
title: "高盛报告"
---

第一段。

第二段含`code`。

第一段。
"""

POST_B = """---
title: "市场观察"
---

开头。

第二段，原文。
"""


@dataclass
class ReviewSite:
    """A synced site: post a all machine text; post b with a stale human block."""

    root: Path
    a: Path
    b: Path

    def sibling(self, name: str) -> Path:
        return self.root / "content" / "posts" / f"{name}.en.md"

    def text(self, name: str) -> str:
        return self.sibling(name).read_text(encoding="utf-8")

    def status(self, name: str) -> str:
        return read_front_matter(self.text(name))["translation"]["status"]

    def records(self, name: str) -> list[dict]:
        """The post's segment records as stored, each with its block's key and target."""
        return memory_segments(self.root / ".translate" / "memory" / "posts" / f"{name}.md.jsonl")

    def record(self, name: str, text_part: str) -> dict:
        (found,) = [r for r in self.records(name) if text_part in r["text"]]
        return found


def make_review_site(root: Path) -> ReviewSite:
    """Sync two posts, edit one sibling block by hand, then change its source and sync again."""
    a = write_post(root, "posts/a.md", POST_A)
    b = write_post(root, "posts/b.md", POST_B)
    run_sync(root, CountingEngine())
    sibling_b = root / "content/posts/b.en.md"
    sibling_b.write_text(
        sibling_b.read_text(encoding="utf-8").replace("⟦en⟧第二段，原文。⟦/en⟧", "Second paragraph, by a person."),
        encoding="utf-8",
    )
    b.write_text(b.read_text(encoding="utf-8").replace("第二段，原文。", "第二段，新的原文。"), encoding="utf-8")
    run_sync(root, CountingEngine())
    return ReviewSite(root, a, b)
