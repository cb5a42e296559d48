"""Translation quality on the example post: the fixture's sentences through the pipeline.

Every sentence of the example post (`scripts/fixture_corpus.tsv`, the pairs the fixtures are
trained from) is protected the pipeline's way (glossary terms, then amounts), sent through
`pipeline.rounds.translate_masked` with the engine as configured (its calibrated
protection mode included) and restored; the English is scored against the corpus's English
with sacrebleu's chrF (a test dependency). Also counted: how each sentence was translated
(whole — placeholders copied, markup aligned, terms written in or replaced by alignment — or split), how many sentences with placeholders
kept all of them in the first round, how many protected targets arrived, and the words
that lost or gained a doubled letter ("suden", "suddden" for "sudden").

    .venv/bin/python bench/quality.py [--package models/fixture/…argosmodel] [--corpus DIR]

With `--corpus`, the Chinese Hugo files of DIR are also synced with each package, and how
each distinct sentence was translated is counted (no reference there: no chrF).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

_WORD = re.compile(r"[A-Za-z]+")
_MARKDOWN = re.compile(r"\]\([^)]*\)|[*_`\[\]]")


@dataclass
class Quality:
    sentences: int
    chrf: float
    whole: float  # share translated whole, not split: direct, aligned or inline
    direct: float  # placeholders copied by the model
    aligned: float  # markup placed by alignment (`pipeline.modes`)
    replaced: float  # whole, the words its terms align to replaced by their targets
    inline: float  # terms and amounts written into the source
    split: float  # translated in pieces around the protected spans
    placeholders_kept: float  # share of sentences with placeholders that kept them all, first round
    targets_kept: float  # share of protected targets (terms, amounts) in the English
    doubled_slips: list[str]  # words with a lost or extra doubled letter
    mode: str
    seconds: float


def reference_pairs() -> list[tuple[str, str]]:
    from fixture_data import load_corpus

    return [("".join(zh).strip(), " ".join(e.strip() for e in en)) for zh, en in load_corpus()]


def doubled_slips(hypotheses: list[str], references: list[str]) -> list[str]:
    """Words of the hypotheses that are not in the references but are a reference word with
    one doubled letter undoubled, or one letter doubled ("suden", "suddden")."""
    known = {w.lower() for ref in references for w in _WORD.findall(ref)}
    slips = []
    for hyp in hypotheses:
        for word in _WORD.findall(hyp):
            low = word.lower()
            if low in known:
                continue
            undoubled = {low[:i] + low[i + 1 :] for i in range(1, len(low)) if low[i] == low[i - 1]}
            doubled = {low[: i + 1] + low[i:] for i in range(len(low))}
            if (undoubled | doubled) & known:
                slips.append(word)
    return slips


def measure(engine: Any, glossary_dir: Path = ROOT / "glossary") -> Quality:
    import sacrebleu

    from translate.checks.protected import missing_targets, protected_counts
    from translate.engines.calibration import protection_mode
    from translate.glossary.matcher import load_glossary
    from translate.markup.placeholders import Masked
    from translate.pipeline.modes import ALIGNED, REPLACED
    from translate.pipeline.protect import protect_text
    from translate.pipeline.rounds import DIRECT, INLINE, SPLIT, translate_masked

    pairs = reference_pairs()
    paths = sorted(glossary_dir.glob("*.csv"))
    glossary = load_glossary(paths) if paths else None
    items = [protect_text(Masked(zh), glossary, "zh-CN", "en") for zh, _ in pairs]
    mode = protection_mode(engine, "zh-CN", "en")
    start = time.perf_counter()
    results = translate_masked(engine, items, "zh-CN", "en")
    seconds = time.perf_counter() - start
    hyps = [_MARKDOWN.sub("", r.text) for r in results]
    refs = [en for _, en in pairs]
    methods = [r.method for r in results]
    share = lambda n, d: round(n / d, 4) if d else 1.0  # noqa: E731
    with_tokens = [r for r, item in zip(results, items) if item.tokens]
    wanted = [protected_counts(item) for item in items]
    total = sum(sum(w.values()) for w in wanted)
    lost = sum(len(missing_targets(r.text, w)) for r, w in zip(results, wanted))
    return Quality(
        sentences=len(pairs),
        chrf=round(sacrebleu.corpus_chrf(hyps, [refs]).score, 2),
        whole=share(len(methods) - methods.count(SPLIT), len(methods)),
        direct=share(methods.count(DIRECT), len(methods)),
        aligned=share(methods.count(ALIGNED), len(methods)),
        replaced=share(methods.count(REPLACED), len(methods)),
        inline=share(methods.count(INLINE), len(methods)),
        split=share(methods.count(SPLIT), len(methods)),
        placeholders_kept=share(sum(r.method == DIRECT for r in with_tokens), len(with_tokens)),
        targets_kept=share(total - lost, total),
        doubled_slips=doubled_slips(hyps, refs),
        mode=mode,
        seconds=round(seconds, 2),
    )


def corpus_methods(files: list[Path], engine: Any, workdir: Path) -> dict[str, Any]:
    """`translate sync` of the Chinese files among `files` (more CJK than Latin letters) with
    `engine`, in a site made in `workdir/site`: how each distinct sentence was translated,
    the failed posts' messages, and placeholder text left in a sibling."""
    import shutil

    import translate.pipeline.translate as stage
    from translate.pipeline.sync import sync
    from translate.pipeline.setup import Run
    from translate.site.config import load_config

    from translate.glossary.matcher import site_glossary

    root = workdir / "site"
    (root / "content" / "corpus").mkdir(parents=True)
    shutil.copy(ROOT / "hugo.toml", root / "hugo.toml")
    shutil.copytree(ROOT / "glossary", root / "glossary")
    chinese = [f for f in files if len(re.findall(r"[\u4e00-\u9fff]", t := f.read_text(encoding="utf-8")))
               > len(re.findall(r"[A-Za-z]", t))]
    for i, path in enumerate(chinese):
        shutil.copy(path, root / "content" / "corpus" / f"post-{i:02d}.md")
    methods: list[str] = []
    real = stage.translate_masked

    def recording(*args: Any, **kwargs: Any) -> Any:
        out = real(*args, **kwargs)
        methods.extend(r.method for r in out)
        return out

    stage.translate_masked = recording
    try:
        config = load_config(root)
        report = sync(Run(config, engine, site_glossary(config), ()))
    finally:
        stage.translate_masked = real
    leaks = [p.name for p in (root / "content" / "corpus").glob("*.en.md")
             if re.search(r"\{\d+\}", p.read_text(encoding="utf-8"))]
    split = methods.count("split")
    failures = [p.message or "" for p in report.posts if p.state == "failed"]
    return {"files": len(chinese), "failed": len(failures), "failures": failures, "sentences": len(methods),
            "whole": round(1 - split / len(methods), 4) if methods else 1.0,
            "methods": {m: methods.count(m) for m in sorted(set(methods))}, "placeholder_leaks": leaks}


def main() -> None:
    import os
    import tempfile

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--package", type=Path, action="append",
                        help="an .argosmodel (default: both fixtures in models/fixture)")
    parser.add_argument("--corpus", type=Path, help="also sync the Chinese .md files of this folder")
    args = parser.parse_args()
    packages = args.package or sorted((ROOT / "models" / "fixture").glob("*.argosmodel"))
    sys.path.insert(0, str(ROOT))
    for package in packages:
        with tempfile.TemporaryDirectory() as tmp:
            os.environ["ARGOS_PACKAGES_DIR"] = tmp
            from translate.engines.argos import ArgosEngine
            from translate.engines.packages import install_file

            install_file(package)
            print(package.name, json.dumps(asdict(measure(ArgosEngine())), ensure_ascii=False))
            if args.corpus:
                figures = corpus_methods(sorted(args.corpus.glob("*.md")), ArgosEngine(), Path(tmp))
                print(package.name, "corpus", json.dumps(figures, ensure_ascii=False))


if __name__ == "__main__":
    main()
