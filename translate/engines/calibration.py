"""Calibration per package: which protection mode a model keeps, measured once and recorded.

Our `{n}` placeholders survive only in a model trained to copy them; the real zh→en package
(a converted OPUS-MT model) never saw one. So a fixed probe set of short financial-news
sentences, each with terms or amounts whose target is known, goes through the model in each
mode, and the share of probes whose protected spans come back whole is recorded beside the
package (`calibration.json`):

- `placeholders`: every term/amount is `{n}`; survives when each comes back exactly once;
- `inline`: the target text is written into the source; survives when each target comes back;
- `alignment`: as inline, with each term also wrapped in markup that is taken out and put
  back by alignment (`markup.alignment`); survives when the target comes back inside it.

The best mode wins; a tie goes to the earlier of placeholders, alignment, inline (the
exact copy first). When nothing survived in any mode the model is unknown ground, and
alignment wins: it never asks the model to copy markup, and tries the model's own words
for terms before writing them in. Sync asks `protection_mode`, which calibrates a package on first use when
`translate models install` has not. A record made with another probe set is made again.
"""

from __future__ import annotations

import json
import re
import time
from collections import Counter
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any, Sequence

from ..checks.protected import missing_targets
from ..glossary.matcher import find_target
from ..markup.alignment import CLOSE, OPEN, Marker, place_markers
from ..markup.placeholders import PLACEHOLDER_RE, placeholder
from ..errors import PostError
from ..site.files import write_text_atomic
from .aligned import align_package
from .argos import normalize_placeholders
from .base import CalibratedEngine

if TYPE_CHECKING:
    from .argos import ArgosEngine
    from .packages import PackageInfo

PLACEHOLDERS, INLINE, ALIGNMENT = "placeholders", "inline", "alignment"
MODES = (PLACEHOLDERS, ALIGNMENT, INLINE)  # tie order
RECORD = "calibration.json"
PROBES_VERSION = 1
_PROBE_RE = re.compile(r"\[([^|\]]+)\|([^\]]+)\]")

# zh→en probes: `[source|target]` is a protected term or amount. Common financial-news
# words any zh→en model knows, so what is measured is the protection, not the vocabulary.
PROBES = {
    ("zh", "en"): (
        "[高盛|Goldman Sachs]预计中国股票今年将上涨。",
        "[摩根士丹利|Morgan Stanley]表示，投资者正在买入中国科技股。",
        "该公司去年的收入达到[50亿美元|$5 billion]。",
        "[阿里巴巴|Alibaba]和[腾讯|Tencent]的股价都上涨了。",
        "美国科技股周一下跌了[3%|3%]。",
        "[英伟达|Nvidia]的芯片需求依然强劲。",
        "对冲基金在第四季度增持了[京东|JD.com]的股票。",
        "[恒生指数|Hang Seng Index]周一收涨[2%|2%]。",
        "分析师认为[人工智能|artificial intelligence]将推动市场增长。",
        "[华尔街|Wall Street]的投资者对中国市场越来越乐观。",
        "这只基金管理着超过[100亿美元|$10 billion]的资产。",
        "[苹果|Apple]和[微软|Microsoft]是美国最大的科技公司。",
    ),
}


@dataclass(frozen=True)
class Calibration:
    """How often each mode's protected spans survived the probes, and the mode chosen."""

    survival: dict[str, float]  # mode → share of probes, 0..1
    best: str
    probes: int
    seconds: float
    version: int = PROBES_VERSION

    def summary(self) -> str:
        figures = ", ".join(f"{mode} {self.survival.get(mode, 0.0):.0%}" for mode in MODES)
        return f"protection: {self.best} ({figures}; {self.probes} probes, {self.seconds:.1f} s)"


def probes_for(from_code: str, to_code: str) -> tuple[str, ...]:
    return PROBES.get((from_code, to_code), ())


def read_record(info: "PackageInfo") -> Calibration | None:
    """The package's recorded calibration, None when it has none (or one of an old probe set)."""
    try:
        data = json.loads((info.path / RECORD).read_text(encoding="utf-8"))
        record = Calibration(**data)
    except (OSError, ValueError, TypeError):
        return None
    return record if record.version == PROBES_VERSION and record.best in MODES else None


def calibrate(engine: "ArgosEngine", info: "PackageInfo") -> Calibration | None:
    """Run the probe set through `info`'s model in every mode and record the result.

    None when there is no probe set for its languages (the pipeline then uses placeholders)."""
    probes = probes_for(info.from_code, info.to_code)
    if not probes:
        return None
    engine.load(info)  # (not timed: the sync that calibrates on first use needs the model loaded anyway)
    start = time.perf_counter()
    masked, parsed = probe_inputs(probes)
    # One call (CTranslate2 spreads its batches over the workers): the placeholder probes,
    # and the written-in ones, which both the inline and the alignment check read.
    both = align_package(engine, info, masked + [text for text, _ in parsed])
    outs, aligned = [normalize_placeholders(a.text()) if a else "" for a in both[: len(masked)]], both[len(masked):]
    survival = {
        PLACEHOLDERS: _share(_placeholders_kept(out, len(terms)) for out, (_, terms) in zip(outs, parsed)),
        INLINE: _share(a is not None and _targets_kept(a.text(), terms) for a, (_, terms) in zip(aligned, parsed)),
        ALIGNMENT: _share(_aligned_kept(a, text, terms) for a, (text, terms) in zip(aligned, parsed)),
    }
    best = max(MODES, key=lambda mode: (survival[mode], -MODES.index(mode))) if any(survival.values()) else ALIGNMENT
    record = Calibration(survival, best, len(probes), round(time.perf_counter() - start, 3))
    try:  # whole or not at all: two syncs may calibrate a new package at once
        write_text_atomic(info.path / RECORD, json.dumps(asdict(record), indent=2, sort_keys=True) + "\n",
                          root=info.path)
    except (OSError, PostError):
        pass  # a read-only (or odd) package directory: calibrated again next time
    return record


def protection_mode(engine: Any, source: str, target: str) -> str:
    """The mode sync uses for this language pair: the calibrated one where the engine has
    calibration (argos), placeholders elsewhere (and for a pivot route)."""
    return engine.protection_mode(source, target) if isinstance(engine, CalibratedEngine) else PLACEHOLDERS


def probe_inputs(probes: Sequence[str]) -> tuple[list[str], list[tuple[str, list[tuple[int, int, str]]]]]:
    """What the probes send: each with `{n}` for its spans, and with the targets written in
    (the text, and each target's character span in it)."""
    return [_PROBE_RE.sub(_numbered(), p) for p in probes], [_parse(p) for p in probes]


def _parse(probe: str) -> tuple[str, list[tuple[int, int, str]]]:
    """The probe with targets written in, and each target's character span in it."""
    text, spans, pos = "", [], 0
    for m in _PROBE_RE.finditer(probe):
        text += probe[pos : m.start()]
        spans.append((len(text), len(text) + len(m.group(2)), m.group(2)))
        text += m.group(2)
        pos = m.end()
    return text + probe[pos:], spans


def _numbered():
    counter = iter(range(1000))
    return lambda m: placeholder(next(counter))


def _placeholders_kept(out: str, count: int) -> bool:
    return sorted(PLACEHOLDER_RE.findall(out)) == sorted(str(i) for i in range(count))


def _targets_kept(out: str, terms: Sequence[tuple[int, int, str]]) -> bool:
    """As the inline round judges it (`checks.protected`): every target, as often as the probe has it."""
    return not missing_targets(out, Counter(t for _, _, t in terms))


def _aligned_kept(alignment: Any, text: str, terms: Sequence[tuple[int, int, str]]) -> bool:
    if alignment is None:
        return False
    markers = []
    for i, (start, end, _) in enumerate(terms):
        markers += [Marker("<%d>" % i, start, OPEN), Marker("</%d>" % i, end, CLOSE)]
    out, notes = place_markers(alignment, markers)
    inside = [re.search(r"<%d>(.*?)</%d>" % (i, i), out) for i in range(len(terms))]
    return not notes and all(m and find_target(m.group(1), t) for m, (_, _, t) in zip(inside, terms))


def _share(kept: Any) -> float:
    values = list(kept)
    return round(sum(values) / len(values), 3) if values else 0.0
