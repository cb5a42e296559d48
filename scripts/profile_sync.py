#!/usr/bin/env python3
"""Count the repeated work of one `translate sync`: file reads, parses, renders, matches.

usage: profile_sync.py [--work DIR]

Copies the repository's example site to DIR and runs `translate sync --engine pseudo` in
this process three times: the first sync, a re-sync after one amount changed in the
source (5000亿美元 → 6000亿美元), and a re-sync after a person edited the sibling. For each
it prints how often each file was opened for reading (an audit hook on `open`) and how
often these ran (a profile hook, by function name, so it measures any version of the
code): document and front matter parsing (the round-trip parser counts real parses, not
cache hits), Markdown parsing, document rendering, glossary matching, amount finding,
sentence splitting, each with the number of distinct inputs it saw. Last, the first sync
again with the fixture model and the argos engine.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

# (label, function name, a file name fragment it lives in): found by name in any layout
WATCHED = [
    ("document parse", "parse_document", ("document",)),
    ("front matter parse (round trip)", "load_raw", ("yaml", "toml")),
    ("front matter parse (fast reader)", "read_front_matter", ("quickfm", "peek")),
    ("Markdown parse", "parse", ("markdown_it/main.py",)),
    ("document render", "render_document", ("document",)),
    ("glossary match", "match", ("glossary",)),
    ("amount finding", "find_amounts", ("numbers", "amounts")),
    ("sentence split", "split_sentences", ("sentences",)),
    ("sentence cut to fit the model", "fit", ("sentences",)),
    ("settings hash", "inputs_hash", ("freshness",)),
]


class Counts:
    def __init__(self, site: Path) -> None:
        self.site = site
        self.reads: Counter[str] = Counter()
        self.calls: Counter[str] = Counter()
        self.inputs: dict[str, set[int]] = {label: set() for label, *_ in WATCHED}
        self.active = False

    def audit(self, event: str, args: tuple) -> None:
        if not self.active or event != "open":
            return
        path, mode, flags = args
        if not isinstance(path, (str, bytes, os.PathLike)) or (isinstance(mode, str) and any(c in mode for c in "wax+")):
            return
        if isinstance(flags, int) and flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT):
            return  # a write, or the lock
        text = os.fsdecode(path)
        if text.startswith(str(self.site)) and not os.path.isdir(text):
            self.reads[os.path.relpath(text, self.site)] += 1

    def profile(self, frame, event: str, arg) -> None:
        if event != "call":
            return
        name = frame.f_code.co_name
        for label, wanted, places in WATCHED:
            if name == wanted and any(p in frame.f_code.co_filename for p in places):
                self.calls[label] += 1
                code = frame.f_code
                for arg in code.co_varnames[: code.co_argcount]:  # the first text or document argument
                    value = frame.f_locals.get(arg)
                    value = getattr(value, "path", value)
                    if isinstance(value, (str, Path)):
                        self.inputs[label].add(hash(str(value)))
                        break

    def report(self, title: str) -> None:
        print(f"\n## {title}")
        print("files opened for reading:")
        for path, n in sorted(self.reads.items()):
            print(f"  {n:3d}  {path}")
        print("calls (distinct inputs):")
        for label, *_ in WATCHED:
            print(f"  {self.calls[label]:5d} ({len(self.inputs[label]):4d})  {label}")


def run(site: Path, title: str, engine: str = "pseudo") -> None:
    from translate.cli import app

    counts = Counts(site)
    sys.addaudithook(counts.audit)
    counts.active = True
    sys.setprofile(counts.profile)
    try:
        app(["sync", "--engine", engine, "--no-progress", "--site", str(site)], standalone_mode=False)
    finally:
        sys.setprofile(None)
        counts.active = False
    counts.report(title)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", type=Path, default=Path("/tmp/translate-profile"))
    work = parser.parse_args().work
    shutil.rmtree(work, ignore_errors=True)
    site = work / "site"
    site.mkdir(parents=True)
    shutil.copy(REPO / "hugo.toml", site / "hugo.toml")
    for name in ("content", "glossary"):
        if (REPO / name).is_dir():  # no glossary/: the built-in finance glossary
            shutil.copytree(REPO / name, site / name)
    os.environ.update(HOME=str(work), ARGOS_PACKAGES_DIR=str(work / "packages"), XDG_CACHE_HOME=str(work / "cache"))
    post = site / "content" / "posts" / "deepseek-hedge-funds.md"
    sibling = post.with_name("deepseek-hedge-funds.en.md")
    run(site, "first sync of the example post (pseudo engine)")
    post.write_text(post.read_text(encoding="utf-8").replace("5000亿美元", "6000亿美元", 1), encoding="utf-8")
    run(site, "re-sync after one amount changed in the source")
    sibling.write_text(sibling.read_text(encoding="utf-8").replace("Goldman Sachs", "Goldman Sachs Group", 1), encoding="utf-8")
    run(site, "re-sync after a human edit in the sibling")
    from translate.cli import app

    app(["models", "install", "--file", str(REPO / "models" / "fixture" / "translate-zh_en-fixture-1_0.argosmodel")],
        standalone_mode=False)
    shutil.rmtree(site / ".translate")
    sibling.unlink()
    run(site, "first sync with the fixture model (argos engine)", engine="argos")
    return 0


if __name__ == "__main__":
    sys.exit(main())
