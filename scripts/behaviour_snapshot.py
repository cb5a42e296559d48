#!/usr/bin/env python3
"""Record what the CLI does, byte for byte, so a refactor can show it changed nothing.

usage: behaviour_snapshot.py OUT.json [--work DIR] [--corpus DIR] [--translate CMD]

Builds sites in DIR (default /tmp/translate-snapshot, emptied first, so paths in messages
are the same from run to run): every file of the shared corpus with and without the
repository's glossary, and the repository's example site. Runs a scripted session of
commands on each (sync with the pseudo engine and, on the example site, with the fixture
model; a second sync; status, check, review list and diff in every format; a source edit
and a human edit, then sync again) and writes every command's exit code, stdout and
stderr, and the sha256 of every file under content/ and .translate/ after each step, to
OUT.json. Two snapshots taken before and after a change compare with `diff`.

It drives the installed `translate` command only, so it runs against any version.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
FIXTURE = REPO / "models" / "fixture" / "translate-zh_en-fixture-1_0.argosmodel"


def corpus_name(path: Path) -> str:
    stem = path.name[: -len(".md")]
    stem = re.sub(r"\.(zh-cn|zh|en)$", "", stem)
    return re.sub(r"[^A-Za-z0-9_-]+", "-", stem)[-60:]


def digests(root: Path) -> dict[str, str]:
    out = {}
    for top in ("content", ".translate"):
        for path in sorted((root / top).rglob("*")):
            if path.is_file() and path.name != "lock":
                out[path.relative_to(root).as_posix()] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out


class Session:
    def __init__(self, translate: list[str], env: dict[str, str]) -> None:
        self.translate = translate
        self.env = env
        self.steps: list[dict] = []

    def run(self, site: Path, *args: str, files: bool = False) -> None:
        done = subprocess.run([*self.translate, *args], cwd=site, env=self.env, capture_output=True, text=True,
                              timeout=900)
        step = {"args": list(args), "rc": done.returncode, "stdout": done.stdout, "stderr": done.stderr}
        if files:
            step["files"] = digests(site)
        self.steps.append(step)


def corpus_site(root: Path, corpus: Path, glossary: bool) -> Path:
    (root / "content" / "corpus").mkdir(parents=True)
    shutil.copy(REPO / "hugo.toml", root / "hugo.toml")
    if glossary and (REPO / "glossary").is_dir():
        shutil.copytree(REPO / "glossary", root / "glossary")
    elif not glossary:
        (root / "translate.toml").write_text("glossary = []\n", encoding="utf-8")
    for path in sorted(corpus.glob("*.md")):
        shutil.copy(path, root / "content" / "corpus" / f"{corpus_name(path)}.md")
    return root


def example_site(root: Path) -> Path:
    root.mkdir(parents=True)
    shutil.copy(REPO / "hugo.toml", root / "hugo.toml")
    for name in ("content", "glossary", "layouts"):
        if (REPO / name).is_dir():  # no glossary/: the built-in finance glossary
            shutil.copytree(REPO / name, root / name)
    return root


def reports(session: Session, site: Path, post: str) -> None:
    for args in (
        ("status",), ("status", "--format", "json"), ("check",), ("check", "--format", "json"),
        ("check", "--format", "github", "--fail-on", "missing,stale,orphaned,diverged,unreviewed,glossary,numbers"),
        ("review", "list"), ("review", "list", "--format", "json"), ("diff", post),
        ("glossary", "check"), ("glossary", "check", "--format", "json"),
    ):
        session.run(site, *args)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--work", type=Path, default=Path("/tmp/translate-snapshot"))
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus")
    parser.add_argument("--translate", default=str(Path(sys.executable).parent / "translate"))
    options = parser.parse_args()
    work = options.work
    shutil.rmtree(work, ignore_errors=True)
    home = work / "home"
    home.mkdir(parents=True)
    env = {**os.environ, "HOME": str(home), "ARGOS_PACKAGES_DIR": str(home / "packages"),
           "XDG_CACHE_HOME": str(home / "cache"), "XDG_CONFIG_HOME": str(home / "config"),
           "XDG_DATA_HOME": str(home / "data"), "NO_COLOR": "1", "COLUMNS": "200"}
    snapshot: dict[str, list[dict]] = {}

    for name, glossary in (("corpus", False), ("corpus-glossary", True)):
        session = Session([options.translate], env)
        site = corpus_site(work / name, options.corpus, glossary)
        session.run(site, "sync", "--engine", "pseudo", "--no-progress", files=True)
        session.run(site, "sync", "--engine", "pseudo", "--no-progress", files=True)
        post = "content/corpus/coderzh__gohugo-org__content__doc__overview__usage.md"
        reports(session, site, post)
        with (site / post).open("a", encoding="utf-8") as handle:
            handle.write("\n新增的一段，其中有高盛和5000亿美元。\n")
        session.run(site, "diff", post)
        session.run(site, "sync", "--engine", "pseudo", "--no-progress", files=True)
        reports(session, site, post)
        snapshot[name] = session.steps

    session = Session([options.translate], env)
    site = example_site(work / "example")
    post = "content/posts/deepseek-hedge-funds.md"
    sibling = site / "content" / "posts" / "deepseek-hedge-funds.en.md"
    session.run(site, "sync", "--engine", "pseudo", "--no-progress", files=True)
    reports(session, site, post)
    session.run(site, "models", "install", "--file", str(FIXTURE))
    session.run(site, "sync", "--no-progress", files=True)  # the pseudo text stays (today's behaviour)
    shutil.rmtree(site / ".translate")
    sibling.unlink()
    session.run(site, "sync", "--no-progress", files=True)
    session.run(site, "sync", "--no-progress", files=True)
    reports(session, site, post)
    edit(site / post, "5000亿美元", "6000亿美元")
    session.run(site, "status")
    session.run(site, "diff", post)
    session.run(site, "sync", "--dry-run", "--no-progress")
    session.run(site, "sync", "--no-progress", files=True)
    edit(sibling, "Goldman Sachs", "Goldman Sachs Group")
    session.run(site, "sync", "--no-progress", files=True)
    reports(session, site, post)
    edit(site / post, "高盛", "摩根士丹利")
    session.run(site, "sync", "--no-progress", files=True)
    reports(session, site, post)
    session.run(site, "review", "approve", "--all-clean")
    session.run(site, "check", "--format", "json", files=True)
    snapshot["example"] = session.steps

    options.out.write_text(json.dumps(snapshot, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    steps = sum(len(s) for s in snapshot.values())
    print(f"{steps} steps, {sum(len(st.get('files', {})) for s in snapshot.values() for st in s)} file digests → {options.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
