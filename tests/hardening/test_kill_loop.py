"""`kill -9` at random moments of a sync of 200 posts with the fixture model: the next run
carries on, and the site ends byte-identical to an uninterrupted run, no temp file left."""

from __future__ import annotations

import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from support.fixture_model import install_fixture
from support.sites import write_post

POSTS = 200
KILLS = 20


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file() and p.name != "lock"}


def _sync(site: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "translate", "sync", "--no-progress", "--site", str(site)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _finished(site: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "translate", "sync", "--no-progress", "--site", str(site)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr


WORDS = ["市场", "公司", "银行", "利润", "收入", "股价", "债券", "基金", "投资者", "政府"]
VERBS = ["上涨", "下降", "增长", "稳定", "波动"]


def _post(n: int) -> str:
    """Small posts, each different (no digits: the fixture model's number retries only cost time)."""
    a, verb, b = WORDS[n % 10], VERBS[n // 10 % 5], WORDS[(n // 50 + 3) % 10]
    return f"---\ntitle: {a}{verb}\n---\n\n{a}{verb}了。\n\n{b}认为{a}会{verb}。\n"


def test_random_kills_during_a_sync_end_as_an_uninterrupted_run(site: Path, tmp_path: Path) -> None:
    install_fixture()
    for n in range(POSTS):
        write_post(site, f"posts/p{n:03}.md", _post(n))
    reference = tmp_path / "reference"
    shutil.copytree(site, reference)
    started = time.monotonic()
    _finished(reference)
    whole = time.monotonic() - started
    rng = random.Random(1809)
    for _ in range(KILLS):
        run = _sync(site)
        time.sleep(rng.uniform(0, whole))
        run.send_signal(signal.SIGKILL)
        run.wait(timeout=60)
    _finished(site)
    left = [p for p in site.rglob("*") if p.name.endswith((".tmp", ".pending"))]
    assert not left, left
    assert _files(site) == _files(reference)
