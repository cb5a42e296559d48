"""A person's edit during a sync always wins (optimistic concurrency on every write).

Editors take no lock: a person may save a sibling while a sync has read it and is
translating. The sync must then plan that post again from the new bytes; the appended
line must be in the file and recorded as human text in memory, in every one of 20 runs
with random timing.
"""

from __future__ import annotations

import random
import shutil
import threading
import time
from pathlib import Path
from typing import Sequence

from support.sites import run_sync, write_post
from translate.engines.pseudo import PseudoEngine
from translate.memory.records import HUMAN
from translate.memory.store import MemoryStore
from translate.site.config import load_config

POSTS = 20  # the slow engine holds the read→write window open; more posts only cost time
RUNS = 20


class SlowEngine(PseudoEngine):
    """The pseudo engine, taking `delay` seconds per batch; `started` is set on the first."""

    def __init__(self, delay: float) -> None:
        self.delay = delay
        self.started = threading.Event()

    def translate(self, segments: Sequence[str], source: str, target: str) -> list[str]:
        self.started.set()
        time.sleep(self.delay)
        return super().translate(segments, source, target)


def _post(n: int, version: int) -> str:
    return f"---\ntitle: 第{n}篇\n---\n\n第{n}篇第{version}版的第一段。\n\n第二段说市场上涨。\n"


def test_an_edit_made_while_a_sync_translates_is_never_lost(site: Path, tmp_path: Path) -> None:
    for n in range(POSTS):
        write_post(site, f"posts/p{n:03}.md", _post(n, 1))
    run_sync(site, PseudoEngine())
    for n in range(POSTS):  # every source changes: the next sync reads, translates, then writes all
        write_post(site, f"posts/p{n:03}.md", _post(n, 2))
    rng = random.Random(18)
    inside_window = 0
    for attempt in range(RUNS):
        work = tmp_path / f"run{attempt}"
        shutil.copytree(site, work)
        victim = work / "content" / "posts" / f"p{rng.randrange(POSTS):03}.en.md"
        line = f"A line a person added in run {attempt}.\n"
        engine = SlowEngine(delay=0.2)
        finished = threading.Event()
        edited_at: list[bool] = []

        def edit() -> None:
            # at a random moment from the start of the run to the end of translation
            if rng.random() < 0.5:
                engine.started.wait(5)
            time.sleep(rng.uniform(0, 0.25))
            with victim.open("a", encoding="utf-8") as handle:
                handle.write(line)  # a line of the last paragraph: an edit of its block
            edited_at.append(not finished.is_set())

        editor = threading.Thread(target=edit)
        editor.start()
        report = run_sync(work, engine)
        finished.set()
        editor.join()
        inside_window += edited_at[0]
        text = victim.read_text(encoding="utf-8")
        assert line in text, f"run {attempt}: the person's line is gone from {victim.name}"
        assert "第2版" in (work / "content/posts" / victim.name.replace(".en.md", ".md")).read_text(encoding="utf-8")
        if edited_at[0]:
            assert report.return_code == 0, [p.message for p in report.posts if p.message]
            run_sync(work, PseudoEngine())  # when the edit landed after the write, this records it
        config = load_config(work)
        memory = MemoryStore(config.root, config.content_dir).load(victim.with_name(victim.name.replace(".en.md", ".md")))
        human = [s.text for s in memory.targets["en"].segments if s.origin == HUMAN]
        assert any(line.strip() in t for t in human), f"run {attempt}: the person's line is not in memory"
        assert line in victim.read_text(encoding="utf-8")
    assert inside_window == RUNS  # every edit landed while the sync was running
