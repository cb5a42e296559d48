"""The benchmark: `translate sync` against raw CTranslate2 and Argos's own way, plus the fast paths.

    .venv/bin/python bench/run.py [--n 200] [--quick] [--out bench.json] [--tune]

Everything happens in a temp dir: a generated Hugo site, a random-weight model of the real
zh→en package's shape (bench/model.py) installed as an Argos package. Prints a table,
writes JSON with --out. Asserts no timings: targets are reported, never enforced.
See bench/README.md for what each figure means.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(REPO))

from bench import corpus, model  # noqa: E402

SOURCE, TARGET = "zh-CN", "en"
# Argos's PackageTranslation defaults (argostranslate/settings.py, translate.py): one
# translate_batch per paragraph, ARGOS_BATCH_SIZE=32 tokens, ARGOS_BEAM_SIZE=4.
ARGOS_CALL = dict(replace_unknowns=True, max_batch_size=32, batch_type="tokens", beam_size=4,
                  num_hypotheses=1, length_penalty=0.2, return_scores=True)
# The fastest found on 2 cores (`--tune`) within (g)'s memory budget: two single-threaded
# workers beat one two-threaded one; 1,024-token batches are 3-5% faster than 512 but peak
# 150-170 MB higher: 544 MB in (a) at N = 200, over model + 400 MB. Equal to EngineSettings'
# defaults on 2 cores.
BEST = dict(compute_type="int8", inter_threads=2, intra_threads=1, max_batch_tokens=512, beam_size=2)


# ---------------------------------------------------------------- child processes

def child_sync(site: Path, record: Path) -> None:
    """Run `translate sync` in this process through the real argos engine, decoding pinned; write a record."""
    import translate.engines.argos as argos
    import translate.pipeline.translate as stage
    from translate.pipeline.setup import set_up
    from translate.pipeline.sync import sync

    opened: list[model.PinnedTranslator] = []
    segments: list[list[str]] = []
    blocks: list[str] = []  # protected blocks (paragraphs, cells, fields): what Argos would be called on
    real_open, real_translate, real_protect = argos.open_translator, argos.ArgosEngine.translate, stage.protect

    def protecting(*args: Any, **kwargs: Any) -> Any:
        protected = real_protect(*args, **kwargs)
        blocks.append(protected.text)
        return protected

    def open_pinned(model_dir: Path, settings: Any) -> model.PinnedTranslator:
        opened.append(model.PinnedTranslator(real_open(model_dir, settings)))
        return opened[-1]

    def recording(self: Any, batch: Any, source: str, target: str) -> list[str]:
        segments.append(list(batch))
        return real_translate(self, batch, source, target)

    argos.open_translator = open_pinned
    argos.ArgosEngine.translate = recording
    stage.protect = protecting
    start = time.perf_counter()
    report = sync(set_up(site, engine_name="argos"))
    data = {
        "seconds": time.perf_counter() - start, "return_code": report.return_code, "posts": len(report.posts),
        "units": report.segments, "segments": segments, "reused_site": report.total("reused_site"), "blocks": list(dict.fromkeys(blocks)),
        "sentences": sum(sum(t.calls) for t in opened), "batch_calls": sum(len(t.calls) for t in opened),
        "decoded_tokens": sum(t.decoded_tokens for t in opened), "model_seconds": sum(t.seconds for t in opened),
        "peak_rss_bytes": peak_rss(), "cpu_s": cpu_seconds(),
    }
    record.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def peak_rss() -> int:
    """This process's peak resident set (VmHWM), in bytes.

    Not the parent's `wait4` rusage: Linux folds the forked parent's size into a child's
    ru_maxrss, and the parent holds the float32 model it just built.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # kB on Linux


def cpu_seconds() -> float:
    """User + system CPU of this whole process so far, every thread: steadier than wall time on a busy machine."""
    import resource

    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def run_child(args: list[str], env: dict[str, str]) -> float:
    """Wall seconds of `python bench/run.py ARGS` in a fresh process."""
    start = time.perf_counter()
    result = subprocess.run([sys.executable, str(Path(__file__).resolve()), *args], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wall = time.perf_counter() - start
    if result.returncode:
        raise SystemExit(f"bench child {args[0]} failed ({result.returncode}): {result.stderr.decode()[-2000:]}")
    return wall


def timed_cli(args: list[str], env: dict[str, str], cwd: Path | None = None) -> tuple[float, int, str]:
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "translate", *args], env=env, cwd=cwd, capture_output=True, text=True)
    return time.perf_counter() - start, result.returncode, result.stdout + result.stderr


# ---------------------------------------------------------------- the sentences, as the engine sends them

class RecordingTranslator:
    """Stands in for the model to capture the engine's tokenised sentences, per call."""

    def __init__(self) -> None:
        self.calls: list[list[list[str]]] = []

    def translate_batch(self, source: list[list[str]], target_prefix: Any = None, **options: Any) -> list[Any]:
        self.calls.append([list(tokens) for tokens in source])
        return [model.PinnedResult([list(tokens)]) for tokens in source]


def engine_sentences(packages: Path, segments: list[str], per_segment: bool) -> list[list[list[str]]]:
    """The token lists the argos engine sends for `segments`, per `translate_batch` call: one call
    for all of them, or one per segment that has words to translate (its sentences, split as
    the pipeline splits a block)."""
    import translate.engines.argos as argos
    from translate.markup.sentences import split_sentences
    from translate.site.config import EngineSettings

    recorder = RecordingTranslator()
    real_open = argos.open_translator
    argos.open_translator = lambda model_dir, settings: recorder
    try:
        engine = argos.ArgosEngine(EngineSettings(), packages_dir=packages)
        for batch in (split_sentences(s, SOURCE) or [s] for s in segments) if per_segment else [segments]:
            engine.translate(batch, SOURCE, TARGET)
    finally:
        argos.open_translator = real_open
    return recorder.calls


def calibrate_bench_model(packages: Path) -> Any:
    """Calibrate the bench package as `translate models install` does, so that no timed sync
    calibrates it on first use (decoding pinned: the echo keeps every placeholder)."""
    import translate.engines.argos as argos
    from translate.engines.calibration import calibrate
    from translate.site.config import EngineSettings

    real_open = argos.open_translator
    argos.open_translator = lambda model_dir, settings: model.PinnedTranslator(real_open(model_dir, settings))
    try:
        engine = argos.ArgosEngine(EngineSettings(), packages_dir=packages)
        (info,) = engine.route(SOURCE, TARGET)
        return calibrate(engine, info)
    finally:
        argos.open_translator = real_open


def raw_limit(package: Path, sentences: list[list[str]], settings: dict[str, Any]) -> dict[str, Any]:
    """(b): every sentence in one sorted `translate_batch`, nothing else timed."""
    import ctranslate2

    translator = model.PinnedTranslator(ctranslate2.Translator(
        str(package / "model"), device="cpu", compute_type=settings["compute_type"],
        inter_threads=settings["inter_threads"], intra_threads=settings["intra_threads"]))
    ordered = sorted(sentences, key=len)
    start, cpu = time.perf_counter(), cpu_seconds()
    translator.translate_batch(ordered, max_batch_size=settings["max_batch_tokens"], batch_type="tokens",
                               beam_size=settings["beam_size"])
    seconds, cpu = time.perf_counter() - start, cpu_seconds() - cpu
    return {"seconds": seconds, "cpu_s": cpu, "sentences": len(sentences), "decoded_tokens": translator.decoded_tokens,
            "tokens_per_s": translator.decoded_tokens / seconds, "tokens_per_cpu_s": translator.decoded_tokens / cpu,
            "settings": settings}


def argos_way(package: Path, per_segment: list[list[list[str]]]) -> dict[str, Any]:
    """(c): Argos's `apply_packaged_translation` per paragraph (block): encode, one translate_batch, decode."""
    import ctranslate2
    import sentencepiece

    tokenizer = sentencepiece.SentencePieceProcessor(model_file=str(package / "sentencepiece.model"))
    translator = model.PinnedTranslator(ctranslate2.Translator(str(package / "model"), device="cpu",
                                                               inter_threads=1, intra_threads=0))
    texts = [[tokenizer.decode_pieces(tokens) for tokens in sentences] for sentences in per_segment]
    start, cpu = time.perf_counter(), cpu_seconds()
    for sentences in texts:
        tokenized = [tokenizer.encode(s, out_type=str) for s in sentences]
        results = translator.translate_batch(tokenized, None, **ARGOS_CALL)
        tokenizer.decode([t for r in results for t in r.hypotheses[0]])
    seconds, cpu = time.perf_counter() - start, cpu_seconds() - cpu
    return {"seconds": seconds, "cpu_s": cpu, "segments": len(per_segment), "sentences": sum(map(len, per_segment)),
            "decoded_tokens": translator.decoded_tokens, "tokens_per_s": translator.decoded_tokens / seconds,
            "tokens_per_cpu_s": translator.decoded_tokens / cpu,
            "settings": {"beam_size": 4, "max_batch_size": 32, "batch_type": "tokens", "inter_threads": 1,
                         "intra_threads": 0, "compute_type": "model default (int8)"}}


def tune(package: Path, sentences: list[list[str]], tmp: Path, env: dict[str, str]) -> list[dict[str, Any]]:
    """(b) on a sample of sentences under each setting worth trying on this machine, each in a
    fresh process so its peak RSS is its own. Batches never outgrow one decode length's
    sentences (PinnedTranslator), so with ~800 sentences sizes above ~1,000 tokens look alike."""
    sample = tmp / "tune-sample.json"
    sample.write_text(json.dumps(sentences[:: max(1, -(-len(sentences) // 800))]), encoding="utf-8")
    candidates = [dict(BEST, max_batch_tokens=tokens) for tokens in (256, 512, 1024, 4096)]
    candidates += [dict(BEST, beam_size=1), dict(BEST, inter_threads=1, intra_threads=0)]  # intra 0: all cores
    candidates += [dict(BEST, compute_type=kind) for kind in ("int16", "float32")]
    rows = []
    for settings in candidates:
        record = tmp / "tune-record.json"
        run_child(["--child-raw", str(package), str(sample), json.dumps(settings), str(record)], env)
        result = json.loads(record.read_text(encoding="utf-8"))
        rows.append({**settings, "tokens_per_s": round(result["tokens_per_s"], 1),
                     "peak_rss_mb": round(result["peak_rss_bytes"] / 2**20)})
        print(f"  tune {rows[-1]}", file=sys.stderr, flush=True)
    return rows


def child_raw(package: Path, sample: Path, settings: str, record: Path) -> None:
    """(b) on the sentences in `sample` under `settings` (JSON), as the engine opens a model; write a record."""
    from translate.engines.argos import limit_malloc_arenas

    limit_malloc_arenas()
    result = raw_limit(package, json.loads(sample.read_text(encoding="utf-8")), json.loads(settings))
    record.write_text(json.dumps({**result, "peak_rss_bytes": peak_rss()}), encoding="utf-8")


# ---------------------------------------------------------------- the figures

def synced_bundles(root: Path, n: int, env: dict[str, str], shape: str = "mixed") -> Path:
    """A site of `n` posts already synced (pseudo engine): 40 synced for real, copied to `n`."""
    site = root / "site"
    corpus.write_site(site, min(n, 40), seed=7, bundles=True, shape=shape)
    _, code, output = timed_cli(["sync", "--site", str(site), "--engine", "pseudo", "--no-progress"], env)
    if code:
        raise SystemExit(f"pseudo sync of the template site failed: {output[-2000:]}")
    corpus.replicate_bundles(site, n)
    return site


def resync_one_edit(root: Path, n: int, env: dict[str, str], packages: Path) -> dict[str, Any]:
    """(d): edit one number in one of `n` posts of the example post's shape (one paragraph of
    30-40 sentences), then `translate sync` with the bench model."""
    site = synced_bundles(root, n, env, shape="long")
    # The site was synced with the pseudo engine: keep that text, so what is left is the edit.
    (site / "translate.toml").write_text('machine_refresh = "never"\n', encoding="utf-8")
    post = site / "content" / "posts" / f"p{n // 2:05d}" / "index.md"
    text = post.read_text(encoding="utf-8")
    body = text.index("\n---\n") + len("\n---\n")
    number = re.compile(r"(\d+)(亿元|万元|亿美元)").search(text, body)
    assert number, "every long post has amounts"
    post.write_text(text[: number.start(1)] + str(int(number.group(1)) + 1) + text[number.end(1) :], encoding="utf-8")
    record = root / "resync.json"
    wall = run_child(["--child-sync", str(site), str(record)], env)
    data = json.loads(record.read_text(encoding="utf-8"))
    return {"posts": n, "wall_s": wall, "cpu_s": data["cpu_s"], "segments": data["units"],
            "engine_sentences": sum(len(s) for s in data["segments"]), "return_code": data["return_code"]}


def second_run(site: Path, n: int, record: Path, env: dict[str, str]) -> dict[str, Any]:
    """(h): `n` new posts added to the (a) site, repeating its boilerplate, synced again."""
    corpus.write_site(site, n, seed=11, first=10_000)
    wall = run_child(["--child-sync", str(site), str(record)], env)
    data = json.loads(record.read_text(encoding="utf-8"))
    sent = sum(len(s) for s in data["segments"])
    return {"posts": n, "wall_s": wall, "engine_sentences": sent, "saved_by_site_memory": data["reused_site"],
            "return_code": data["return_code"]}


def check_and_status(root: Path, n: int, env: dict[str, str]) -> dict[str, Any]:
    """(e): `translate check` and `translate status` on `n` synced posts, best of 3 each."""
    site = synced_bundles(root, n, env)
    figures: dict[str, Any] = {"posts": n, "how": "40 posts synced with the pseudo engine, copied with their memory"}
    for command in ("check", "status"):
        runs = [timed_cli([command, "--site", str(site)], env) for _ in range(3)]
        figures[f"{command}_s"] = min(r[0] for r in runs)
        figures[f"{command}_exit"] = runs[0][1]
    return figures


def startup(env: dict[str, str]) -> float:
    """(f): `translate --help`, best of 5."""
    return min(timed_cli(["--help"], env)[0] for _ in range(5))


def engine_table(settings: dict[str, Any]) -> str:
    """A translate.toml `[engine]` table for the (a) site."""
    import tomlkit

    return tomlkit.dumps({"engine": settings}) if settings else ""


def bench(n: int, quick: bool, d_posts: int, e_posts: int, c_fraction: float, do_tune: bool, tmp: Path,
          settings: dict[str, Any] | None = None, h_posts: int | None = None) -> dict[str, Any]:
    env = dict(os.environ, HOME=str(tmp / "home"), ARGOS_PACKAGES_DIR=str(tmp / "packages"),
               XDG_DATA_HOME=str(tmp / "home" / "data"), XDG_CONFIG_HOME=str(tmp / "home" / "config"),
               PYTHONPATH=str(REPO), PYTHONHASHSEED="0")
    os.environ.update({k: env[k] for k in ("HOME", "ARGOS_PACKAGES_DIR", "XDG_DATA_HOME", "XDG_CONFIG_HOME")})
    site = tmp / "a" / "site"
    posts = corpus.write_site(site, n)
    if settings:
        (site / "translate.toml").write_text(engine_table(settings), encoding="utf-8")
    h_posts = h_posts or n
    step = _progress()
    package = model.build_package([p.read_text(encoding="utf-8") for p in posts], tmp / "packages", tmp / "model-work")
    step(f"built the bench model ({model.model_bytes(package) / 1e6:.0f} MB)")
    calibrated = calibrate_bench_model(tmp / "packages")
    step(f"calibrated it as models install does: {calibrated.best}")  # (timed by bench/alignment_cost.py)

    record = tmp / "a" / "record.json"
    wall = run_child(["--child-sync", str(site), str(record)], env)
    a = json.loads(record.read_text(encoding="utf-8"))
    segments = [s for batch in a.pop("segments") for s in batch]
    blocks = a.pop("blocks")
    a.update(wall_s=wall, tokens_per_s=a["decoded_tokens"] / wall, tokens_per_cpu_s=a["decoded_tokens"] / a["cpu_s"],
             unique_segments=len(segments),
             overhead_s=wall - a["model_seconds"], settings=settings or "EngineSettings defaults")
    step(f"(a) sync of {n} posts: {wall:.1f} s")

    sentences = [t for call in engine_sentences(package.parent, segments, per_segment=False) for t in call]
    b = raw_limit(package, sentences, BEST)
    b["same_sentences_as_a"] = len(sentences) == a["sentences"]
    step(f"(b) raw limit: {b['seconds']:.1f} s")

    every = max(1, round(1 / c_fraction))
    per_block = [s for s in engine_sentences(package.parent, blocks[::every], per_segment=True) if s]
    c = argos_way(package, per_block)
    c["sampled"] = f"1 block in {every}" if every > 1 else "all blocks"
    step(f"(c) Argos's way on {c['segments']} blocks: {c['seconds']:.1f} s")

    h = second_run(site, h_posts, tmp / "a" / "second.json", env)
    step(f"(h) second run of {h_posts} new posts: {h['saved_by_site_memory']} sentences from the site-wide memory")
    d = resync_one_edit(tmp / "d", d_posts, env, tmp / "packages")
    step(f"(d) re-sync after one edit in {d_posts} posts: {d['wall_s']:.2f} s")
    e = check_and_status(tmp / "e", e_posts, env)
    step(f"(e) check {e['check_s']:.2f} s, status {e['status_s']:.2f} s on {e_posts} posts")
    f = {"help_s": startup(env)}
    model_mb = model.model_bytes(package) / 2**20
    g = {"peak_rss_mb": a["peak_rss_bytes"] / 2**20, "model_mb": model_mb, "limit_mb": model_mb + 400}
    result: dict[str, Any] = {
        "machine": {"cpus": os.cpu_count(), "load_avg": os.getloadavg(), "python": sys.version.split()[0]},
        "model": {"layers": f"{model.LAYERS}+{model.LAYERS}", "d_model": model.D_MODEL, "heads": model.HEADS,
                  "ffn": model.FFN, "vocab": model.VOCAB_SIZE, "mb": model_mb, "decode_ratio": model.OUTPUT_RATIO},
        "n": n, "quick": quick, "a": a, "b": b, "c": c, "d": d, "e": e, "f": f, "g": g, "h": h,
        "ratios": {"a_over_b": a["tokens_per_s"] / b["tokens_per_s"], "a_over_c": a["tokens_per_s"] / c["tokens_per_s"],
                   "a_over_b_cpu": a["tokens_per_cpu_s"] / b["tokens_per_cpu_s"],
                   "a_over_c_cpu": a["tokens_per_cpu_s"] / c["tokens_per_cpu_s"]},
    }
    result["targets"] = targets(result)
    if do_tune:
        result["tune"] = tune(package, sentences, tmp, env)
    return result


def targets(r: dict[str, Any]) -> dict[str, bool]:
    return {
        "(a) >= 0.90 x (b)": r["ratios"]["a_over_b"] >= 0.90,
        "(a) >= 6 x (c)": r["ratios"]["a_over_c"] >= 6,
        "(d) 1 sentence": r["d"]["engine_sentences"] == 1,
        "(d) < 2 s": r["d"]["wall_s"] < 2,
        "(e) check < 1.5 s": r["e"]["check_s"] < 1.5,
        "(e) status < 3 s": r["e"]["status_s"] < 3,
        "(f) --help < 0.3 s": r["f"]["help_s"] < 0.3,
        "(g) RSS < model + 400 MB": r["g"]["peak_rss_mb"] < r["g"]["limit_mb"],
    }


def table(r: dict[str, Any]) -> str:
    a, b, c, d, e = r["a"], r["b"], r["c"], r["d"], r["e"]
    rows = [
        ("(a) translate sync", f"{r['n']} posts, {a['unique_segments']} engine items, {a['sentences']} sentences",
         f"{a['wall_s']:.1f} s", f"{a['tokens_per_s']:.0f} tok/s, {a['tokens_per_cpu_s']:.0f}/CPU-s (model {a['model_seconds']:.1f} s, "
         f"rest {a['overhead_s']:.1f} s)"),
        ("(b) raw translate_batch", f"{b['sentences']} sentences, same as (a): {b['same_sentences_as_a']}",
         f"{b['seconds']:.1f} s", f"{b['tokens_per_s']:.0f} tok/s, {b['tokens_per_cpu_s']:.0f}/CPU-s"),
        ("(c) Argos's way", f"{c['segments']} blocks, {c['sentences']} sentences ({c['sampled']})",
         f"{c['seconds']:.1f} s", f"{c['tokens_per_s']:.0f} tok/s, {c['tokens_per_cpu_s']:.0f}/CPU-s"),
        ("(d) re-sync, 1 number", f"{d['posts']} long-paragraph posts, {d['engine_sentences']} sentence to the engine",
         f"{d['wall_s']:.2f} s", f"{d['cpu_s']:.2f} CPU-s"),
        ("(e) check", f"{e['posts']} posts (exit {e['check_exit']})", f"{e['check_s']:.2f} s", ""),
        ("(e) status", f"{e['posts']} posts", f"{e['status_s']:.2f} s", ""),
        ("(f) translate --help", "best of 5", f"{r['f']['help_s']:.3f} s", ""),
        ("(h) second run", f"{r['h']['posts']} new posts: {r['h']['engine_sentences']} sentences to the engine, "
         f"{r['h']['saved_by_site_memory']} from the site-wide memory", f"{r['h']['wall_s']:.1f} s", ""),
        ("(g) peak RSS of (a)", f"model {r['g']['model_mb']:.0f} MB", f"{r['g']['peak_rss_mb']:.0f} MB", ""),
        ("(a)/(b)", "throughput, wall (CPU time)", f"{r['ratios']['a_over_b']:.2f} ({r['ratios']['a_over_b_cpu']:.2f})",
         "target >= 0.90"),
        ("(a)/(c)", "throughput, wall (CPU time)", f"{r['ratios']['a_over_c']:.1f}x ({r['ratios']['a_over_c_cpu']:.1f}x)",
         "target >= 6"),
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip() for row in rows]
    lines.append("targets: " + ", ".join(f"{k} {'ok' if v else 'MISSED'}" for k, v in r["targets"].items()))
    for row in r.get("tune", []):
        lines.append(f"tune: {row}")
    return "\n".join(lines)


def parse_settings(items: list[str]) -> dict[str, Any]:
    settings: dict[str, Any] = {}
    for item in items:
        key, _, value = item.partition("=")
        settings[key.strip()] = int(value) if value.strip().lstrip("-").isdigit() else value.strip()
    return settings


def _progress() -> Any:
    start = time.perf_counter()
    return lambda what: print(f"[{time.perf_counter() - start:6.1f} s] {what}", file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=None, help="posts for (a)-(c) (default 200; --quick: 3)")
    parser.add_argument("--quick", action="store_true", help="small sizes for CI: checks the bench runs, asserts no timings")
    parser.add_argument("--out", type=Path, help="write the figures as JSON here")
    parser.add_argument("--d-posts", type=int, default=None, help="posts in the (d) site (default 1000; --quick: 200)")
    parser.add_argument("--e-posts", type=int, default=None, help="posts in the (e) site (default 10000; --quick: 200)")
    parser.add_argument("--h-posts", type=int, default=None, help="new posts in (h)'s second run (default: --n)")
    parser.add_argument("--c-fraction", type=float, default=None, help="share of segments run Argos's way (default 0.1)")
    parser.add_argument("--tune", action="store_true", help="also sweep compute type, threads and batch size for (b)")
    parser.add_argument("--setting", action="append", default=[], metavar="KEY=VALUE",
                        help="an [engine] setting for (a)'s translate.toml, e.g. max_batch_tokens=1024 (repeatable; "
                        "default: the settings (b) uses, so (a)/(b) is the tool's overhead alone)")
    parser.add_argument("--defaults", action="store_true", help="run (a) with EngineSettings defaults instead")
    parser.add_argument("--child-sync", nargs=2, metavar=("SITE", "RECORD"), help=argparse.SUPPRESS)
    parser.add_argument("--child-raw", nargs=4, metavar=("PACKAGE", "SAMPLE", "SETTINGS", "RECORD"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child_sync:
        child_sync(Path(args.child_sync[0]), Path(args.child_sync[1]))
        return 0
    if args.child_raw:
        package, sample, settings, record = args.child_raw
        child_raw(Path(package), Path(sample), settings, Path(record))
        return 0
    n = args.n or (3 if args.quick else 200)
    d_posts = args.d_posts or (200 if args.quick else 1000)
    e_posts = args.e_posts or (200 if args.quick else 10_000)
    c_fraction = args.c_fraction or (0.5 if args.quick else 0.1)
    with tempfile.TemporaryDirectory(prefix="translate-bench-") as tmp:
        settings = {} if args.defaults else parse_settings(args.setting) or {k: v for k, v in BEST.items() if k != "compute_type"}
        result = bench(n, args.quick, d_posts, e_posts, c_fraction, args.tune, Path(tmp), settings, args.h_posts)
    print(table(result))
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(result, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
