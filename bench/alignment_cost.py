"""What alignment and calibration cost on a model of the real package's shape (bench/model.py).

The bench model has random weights, so decoding is pinned (`PinnedTranslator`: each sentence
decodes `decode_length(n)` tokens, as a real model roughly does). Measured, one process,
engine settings as sync uses them:

- alignment: the same sentences of the bench corpus through `translate_batch` with and
  without `return_attention=True` (best of 3 each, wall and CPU seconds): the extra cost
  of markup transfer;
- calibration: the probe set as `engines.calibration` sends it — the placeholder probes and
  the written-in ones (which the inline and the alignment check both read) in one call with
  attention (best of 3).

    .venv/bin/python bench/alignment_cost.py [--sentences 200]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import corpus  # noqa: E402
import model  # noqa: E402


def timed(translator, batch: list[list[str]], options: dict, repeats: int) -> tuple[float, float]:
    """Best wall seconds and best CPU seconds (every thread) of `repeats` runs: on a shared
    machine CPU time is the steadier of the two."""
    wall, cpu = float("inf"), float("inf")
    for _ in range(repeats):
        start, cpu_start = time.perf_counter(), time.process_time()
        translator.translate_batch(batch, **options)
        wall, cpu = min(wall, time.perf_counter() - start), min(cpu, time.process_time() - cpu_start)
    return wall, cpu


def main() -> None:
    import ctranslate2
    import sentencepiece

    from translate.engines.calibration import PROBES, probe_inputs
    from translate.site.config import EngineSettings

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=200)
    args = parser.parse_args()
    rng = random.Random(0)
    texts = [corpus.paragraph(rng) for _ in range(args.sentences)]
    sentences = [s for t in texts for s in re.split(r"(?<=。)", t) if s.strip()][: args.sentences]
    settings = EngineSettings()
    with tempfile.TemporaryDirectory() as tmp:
        package = model.build_package(texts, Path(tmp) / "packages", Path(tmp))
        sp = sentencepiece.SentencePieceProcessor(model_file=str(package / "sentencepiece.model"))
        translator = model.PinnedTranslator(ctranslate2.Translator(
            str(package / "model"), compute_type=settings.compute_type,
            inter_threads=settings.inter_threads, intra_threads=settings.intra_threads))
        options = dict(beam_size=settings.beam_size, max_batch_size=settings.max_batch_tokens, batch_type="tokens")
        batch = sorted((sp.encode(s, out_type=str) for s in sentences), key=len)
        plain = timed(translator, batch, options, 3)
        attention = timed(translator, batch, {**options, "return_attention": True}, 3)
        probes = PROBES[("zh", "en")]
        masked, parsed = probe_inputs(probes)
        first = [sp.encode(text, out_type=str) for text in masked]
        second = [sp.encode(text, out_type=str) for text, _ in parsed]
        # As calibration sends them: one call. Pinned to the longest sentence's
        # decode length (an upper bound: a real model stops each sentence at its own end),
        # not split by length as PinnedTranslator does, which would make a dozen tiny batches.
        raw = translator.translator
        calibration = [float("inf"), float("inf")]
        for _ in range(3):
            start, cpu_start = time.perf_counter(), time.process_time()
            length = model.decode_length(max(map(len, first + second)))
            raw.translate_batch(sorted(first + second, key=len), **options, return_attention=True,
                                min_decoding_length=length, max_decoding_length=length)
            calibration = [min(calibration[0], time.perf_counter() - start),
                           min(calibration[1], time.process_time() - cpu_start)]
    print(json.dumps({
        "sentences": len(batch), "wall_s": [round(plain[0], 3), round(attention[0], 3)],
        "cpu_s": [round(plain[1], 3), round(attention[1], 3)],
        "attention_overhead_cpu": round(attention[1] / plain[1] - 1, 3),
        "calibration_wall_s": round(calibration[0], 3), "calibration_cpu_s": round(calibration[1], 3),
        "calibration_sentences": len(first) + len(second),
        "calibration_pieces": sum(map(len, first)) + sum(map(len, second)), "load_avg": os.getloadavg()[0],
    }))


if __name__ == "__main__":
    main()
