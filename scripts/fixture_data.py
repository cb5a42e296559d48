"""Training data for the fixture model: the corpus, masked variants, placeholder templates.

Part of scripts/build_fixture_model.py (a test fixture, not a translation model). Every
variant is a (zh, en) pair in which the same `{n}` stands for a term or amount on both
sides, numbered the way the argos engine numbers a sentence before the model sees it.
"""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from translate.engines.argos import renumber  # noqa: E402  (the engine's own rules)
from translate.markup.sentences import split_clauses  # noqa: E402

MAX_SENTENCE_TOKENS = 48  # recorded in metadata.json; the engine cuts longer sentences at ，/；
PLACEHOLDER_MAX = 60  # random indices drawn from 0..59


def read_tsv(path: Path) -> list[tuple[str, str]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            zh, en = line.split("\t")
            rows.append((zh, en))
    return rows


def load_corpus() -> list[tuple[list[str], list[str]]]:
    """Sentences as aligned clause lists; checks the clauses are the engine's cut points."""
    out = []
    for zh, en in read_tsv(HERE / "fixture_corpus.tsv"):
        zh_parts, en_parts = zh.split(" | "), en.split(" | ")
        if len(zh_parts) != len(en_parts):
            raise SystemExit(f"clause count differs: {zh[:30]}")
        if split_clauses("".join(zh_parts)) != [p.strip() for p in zh_parts]:
            raise SystemExit(f"clauses are not the splitter's cut points: {zh[:30]}")
        out.append((zh_parts, en_parts))
    return out


def mask_terms(zh: str, en: str, terms: list[tuple[str, str]], rng: random.Random) -> tuple[str, str]:
    """Replace some aligned term occurrences in both sides with the same `{n}`."""
    used: set[int] = set()
    ascending = rng.random() < 0.85  # as the engine sends them; else random indices
    for t_zh, t_en in terms:
        if rng.random() < 0.4:  # keep this term as words this time
            continue
        n_zh, n_en = zh.count(t_zh), en.count(t_en)
        if n_zh == 0 or n_zh != n_en or "{" in t_zh:
            continue
        for _ in range(n_zh):
            index = len(used) if ascending else rng.choice([i for i in range(PLACEHOLDER_MAX) if i not in used])
            used.add(index)
            zh = zh.replace(t_zh, "{%d}" % index, 1)
            en = en.replace(t_en, "{%d}" % index, 1)
    return renumber_pair(zh, en) if ascending else (zh, en)


def renumber_pair(zh: str, en: str) -> tuple[str, str]:
    """Both sides renumbered as the engine renumbers the source sentence."""
    local, originals = renumber(zh)
    back = {orig: "{%d}" % i for i, orig in enumerate(originals)}
    return local, re.sub(r"\{\d+\}", lambda m: back.get(m.group(0), m.group(0)), en)


def pipeline_protect():
    """The pipeline's own protect step (glossary terms, then amounts), if this checkout has it."""
    try:
        from translate.glossary.builtins import builtin_path
        from translate.glossary.matcher import load_glossary
        from translate.markup.placeholders import Masked
        from translate.pipeline.protect import protect_text
    except ImportError:
        return None
    # The example site has no glossary/ of its own: it uses the built-in finance glossary.
    glossary = load_glossary(sorted((ROOT / "glossary").glob("*.csv")) or [builtin_path("finance")])

    def protect(text: str):
        return protect_text(Masked(text), glossary, "zh-CN", "en")

    return protect


def mask_like_pipeline(zh: str, en: str, protect, my_terms: dict[str, str], rng: random.Random):
    """(masked zh, masked en, inline zh, inline en) as the pipeline would mask this pair.

    Each token's target (or this corpus's rendering of its source) is found in `en` and
    replaced by the same `{n}`; tokens not found there are put back into the zh side.
    Indices: terms from a random offset, amounts after them, like a long real paragraph."""
    masked = protect(zh)
    if not masked.tokens:
        return None
    order = [int(m.group(1)) for m in re.finditer(r"\{(\d+)\}", masked.text)]
    kinds = {i: masked.tokens[i].kind for i in order}
    # The engine renumbers each sentence's placeholders {0}, {1}, ... in order of appearance;
    # now and then keep a long paragraph's big indices so any index is copied too.
    small = rng.random() < 0.85
    next_term = rng.randrange(0, 200)
    next_number = next_term + sum(k != "number" for k in kinds.values()) + rng.randrange(0, 40)
    zh_out, en_out, targets = masked.text, en, {}
    for i in order:
        token = masked.tokens[i]
        found = None
        for cand in (token.target, my_terms.get(token.source)):
            if cand:
                found = re.search(r"(?<![\w{\x00])" + re.escape(cand) + r"(?![\w}\x00])", en_out, re.IGNORECASE)
                if found:
                    break
        if found is None:
            zh_out = zh_out.replace("{%d}" % i, token.source, 1)
            continue
        if token.kind == "number":
            new, next_number = next_number, next_number + 1
        else:
            new, next_term = next_term, next_term + 1
        targets[new] = token.target
        zh_out = zh_out.replace("{%d}" % i, "\0%d\0" % new, 1)
        en_out = en_out[: found.start()] + "\0%d\0" % new + en_out[found.end() :]
    marker = re.compile(r"\x00(\d+)\x00")
    unmark = lambda t: marker.sub(r"{\1}", t)  # noqa: E731
    inline = lambda t: marker.sub(lambda m: targets[int(m.group(1))], t)  # noqa: E731
    zh_masked, en_masked = unmark(zh_out), unmark(en_out)
    if small:
        zh_masked, en_masked = renumber_pair(zh_masked, en_masked)
    return zh_masked, en_masked, inline(zh_out), inline(en_out)


def fill_template(zh: str, en: str, terms: list[tuple[str, str]], rng: random.Random) -> tuple[str, str]:
    indices = [0, 1, 2] if rng.random() < 0.6 else rng.sample(range(PLACEHOLDER_MAX), 3)
    for slot, index in zip("abc", indices):
        if rng.random() < 0.25:  # sometimes a real term, so templates also teach names
            t_zh, t_en = rng.choice(terms)
            zh, en = zh.replace("{%s}" % slot, t_zh), en.replace("{%s}" % slot, t_en)
        else:
            zh, en = zh.replace("{%s}" % slot, "{%d}" % index), en.replace("{%s}" % slot, "{%d}" % index)
    return zh, en


def training_pairs(sp, corpus, terms, templates, rng: random.Random, naive: bool = False) -> list[tuple[str, str]]:
    """Every run of consecutive clauses that fits the cut limit, plus masked variants
    (`naive`: the natural pairs only, no placeholder ever)."""
    count = lambda s: len(sp.encode(s))  # noqa: E731
    protect = pipeline_protect()
    my_terms = dict(terms)
    pairs: list[tuple[str, str]] = []
    aligned = [0, 0]
    for zh_parts, en_parts in corpus:
        n = len(zh_parts)
        for i in range(n):
            for j in range(i + 1, n + 1):
                zh = "".join(zh_parts[i:j]).strip()
                en = " ".join(p.strip() for p in en_parts[i:j])
                if j - i > 1 and count(zh) > MAX_SENTENCE_TOKENS + 8:
                    break
                pairs.append((zh, en))
                if naive:
                    continue
                pairs.append(mask_terms(zh, en, terms, rng))
                variants = [mask_like_pipeline(zh, en, protect, my_terms, rng) for _ in range(2)] if protect else []
                for variant in filter(None, variants):
                    pairs.append(variant[:2])
                    aligned[0] += variant[0].count("{")
                    aligned[1] += len(protect(zh).tokens)
                if variants and variants[0]:
                    pairs.append(variants[0][2:])
                else:
                    pairs.append(mask_terms(zh, en, terms, rng))
    if naive:
        return pairs
    if aligned[1]:
        print(f"pipeline masking: {aligned[0]}/{aligned[1]} tokens aligned with the English")
    for zh, en in templates:
        pairs += [fill_template(zh, en, terms, rng) for _ in range(12)]
    return pairs
