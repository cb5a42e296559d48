"""The review page in headless Chromium against the real server on 127.0.0.1."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import threading
from pathlib import Path
from typing import Iterator, Sequence

import pytest

from translate.document.peek import read_front_matter
from translate.engines.pseudo import PseudoEngine
from translate.review.web import make_review_server
from translate.site.config import load_config

from support.paths import require
from support.sites import memory_segments, run_sync, write_post

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
]

POST = """---
title: "宁德时代一季度净利润大增"
---

宁德时代周二公布，一季度营收达到847亿元，同比增长6.2%。

公司表示，海外订单持续增长，欧洲工厂产能利用率提升至85%。

分析师认为，电池价格下降将继续压缩行业利润。
"""

HUMAN = "Overseas orders kept growing, the company said, and capacity use at its European plants rose to 85%."

# Canned English for the sample post (masked segments as the pipeline sends them), so the
# screenshot shows plausible text; anything else falls back to pseudo-translation.
CANNED = {
    "宁德时代{0}净利润大增": "CATL's net profit jumps in {0}",
    "宁德时代周二公布，{0}营收达到{1}，同比增长{2}。": "CATL said on Tuesday that {0} revenue reached {1}, up {2} year on year.",
    "公司表示，海外订单持续增长，欧洲工厂产能利用率提升至{0}。":
        "The company said overseas orders continued to grow and utilisation at its European plants rose to {0}.",
    "分析师认为，电池价格下降将继续压缩行业利润。": "Analysts expect falling battery prices to keep squeezing industry margins.",
}


class CannedEngine(PseudoEngine):
    name = "canned"

    def translate(self, segments: Sequence[str], source: str, target: str) -> list[str]:
        pseudo = super().translate(segments, source, target)
        return [CANNED.get(segment, fallback) for segment, fallback in zip(segments, pseudo)]


@pytest.fixture
def news_site(site: Path) -> Path:
    """A post whose second paragraph an editor translated, then its source number changed."""
    post = write_post(site, "posts/catl.md", POST)
    run_sync(site, CannedEngine())
    sibling = site / "content/posts/catl.en.md"
    text = sibling.read_text(encoding="utf-8")
    machine = "The company said overseas orders continued to grow and utilisation at its European plants rose to 85%."
    assert machine in text
    sibling.write_text(text.replace(machine, HUMAN), encoding="utf-8")
    run_sync(site, CannedEngine())
    post.write_text(post.read_text(encoding="utf-8").replace("提升至85%", "提升至88%"), encoding="utf-8")
    run_sync(site, CannedEngine())
    return site


@pytest.fixture
def server(news_site: Path) -> Iterator[str]:
    srv = make_review_server(load_config(news_site), port=0, engine_factory=PseudoEngine)
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{srv.server_port}"
    finally:
        srv.shutdown()
        srv.server_close()
        thread.join(5)


@pytest.fixture
def browser_page(tmp_path: Path):
    require(Path(CHROMIUM).exists(), "Debian's chromium: apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 860})
            yield page
        finally:
            browser.close()


def records(site: Path) -> list[dict]:
    return memory_segments(site / ".translate/memory/posts/catl.md.jsonl")


def sibling_text(site: Path) -> str:
    return (site / "content/posts/catl.en.md").read_text(encoding="utf-8")


def test_queue_item_diff_edit_save_and_approve(news_site: Path, server: str, browser_page, tmp_path: Path) -> None:
    page = browser_page
    page.goto(server + "/")
    assert page.locator("h1").inner_text() == "4 of 4 items to review"
    page.select_option("select[name=reason]", "stale")
    page.click("form.filters button")
    assert page.locator("h1").inner_text() == "1 of 4 items to review"
    page.click("table.queue a.id")

    assert page.locator(".diff del").inner_text() == "5"
    assert page.locator(".diff ins").inner_text() == "8"
    assert page.locator("#translation").inner_text() == HUMAN
    assert page.locator(".suggestion").inner_text().endswith("European plants rose to 88%.")
    shot = tmp_path / "review-item.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000
    if os.environ.get("TRANSLATE_SCREENSHOT_DIR"):
        target = Path(os.environ["TRANSLATE_SCREENSHOT_DIR"])
        target.mkdir(parents=True, exist_ok=True)
        shutil.copy(shot, target / "review-item.png")

    edited = HUMAN.replace("85%", "88%")
    page.fill("#text", edited)
    page.click("#save")
    page.wait_for_url(server + "/?reason=stale")
    assert "saved your text for content/posts/catl.md" in page.locator(".flash").inner_text()
    assert edited in sibling_text(news_site)
    (record,) = [r for r in records(news_site) if r["text"] == edited]
    assert record["origin"] == "human" and "stale" not in record
    assert read_front_matter(sibling_text(news_site))["translation"]["status"] == "edited"

    page.goto(server + "/")
    assert page.locator("h1").inner_text() == "3 of 3 items to review"
    page.click("table.queue a.id >> nth=0")
    title_url = page.url
    page.click("#approve")
    page.wait_for_url(lambda url: url != title_url)
    assert records(news_site)[0]["origin"] == "reviewed"
    page.keyboard.press("a")  # the shortcut approves the item now shown
    page.wait_for_function("document.querySelector('.flash') && document.querySelector('.flash').innerText.includes('line')")
    origins = [r["origin"] for r in records(news_site)]
    assert origins == ["reviewed", "reviewed", "human", "machine"]


def test_keyboard_moves_through_the_queue(news_site: Path, server: str, browser_page) -> None:
    page = browser_page
    page.goto(server + "/")
    page.keyboard.press("j")
    page.keyboard.press("j")
    page.keyboard.press("Enter")
    page.wait_for_url("**/item/*")
    first = page.url
    page.keyboard.press("n")
    page.wait_for_url(lambda url: url != first)
    page.keyboard.press("k")
    page.wait_for_url(first)
    before = sibling_text(news_site)
    page.keyboard.press("e")
    page.keyboard.type("typed, not saved")
    page.keyboard.press("Escape")
    assert sibling_text(news_site) == before  # typing in the text area triggers no shortcut


def non_loopback_addresses() -> list[str]:
    """This machine's own addresses that are not loopback, found without sending anything out."""
    found: set[str] = set()
    try:
        out = subprocess.run(["hostname", "-I"], capture_output=True, text=True, timeout=5).stdout
        found.update(out.split())
    except (OSError, subprocess.SubprocessError):
        pass
    try:
        for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET):
            found.add(str(info[4][0]))
    except OSError:
        pass
    return sorted(a for a in found if ":" not in a and not a.startswith("127."))


def test_server_listens_on_loopback_only(news_site: Path) -> None:
    """The socket is bound to 127.0.0.1, so the kernel refuses every other destination; where the
    machine has other addresses, connecting through them is refused too."""
    srv = make_review_server(load_config(news_site), port=0, engine_factory=PseudoEngine)
    try:
        host, port = srv.socket.getsockname()[:2]
        assert host == "127.0.0.1"
        with socket.create_connection(("127.0.0.1", port), timeout=2):
            pass  # listening on loopback
        for address in non_loopback_addresses():
            with pytest.raises(OSError):
                socket.create_connection((address, port), timeout=2).close()
    finally:
        srv.server_close()


def test_one_sentence_of_a_long_block_is_edited_and_another_approved(example_site: Path, browser_page) -> None:
    """The example post's 40-sentence paragraph: the page shows the block as sentence pairs,
    and one sentence is saved and another approved without touching the rest."""
    run_sync(example_site, PseudoEngine())
    memory = example_site / ".translate/memory/posts/deepseek-hedge-funds.md.jsonl"
    sibling = example_site / "content/posts/deepseek-hedge-funds.en.md"
    before = [s for s in memory_segments(memory) if s["pos"] == 2]
    srv = make_review_server(load_config(example_site), port=0, engine_factory=PseudoEngine)
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    try:
        page = browser_page
        page.goto(f"http://127.0.0.1:{srv.server_port}/")
        page.click("table.queue a.id >> nth=11")  # title, summary, then sentence 10 of the paragraph
        assert page.locator("table.sentences tr").count() == 40
        assert page.locator("table.sentences tr.current").inner_text().strip().startswith("10")
        assert page.locator("#translation").inner_text() == before[9]["text"]
        assert page.locator("#text").bounding_box()["y"] < 860  # the sentence to edit is on the first screen
        page.fill("#text", "This wiped more than $500 billion off Nvidia's market value in a single day.")
        page.click("#save")
        page.wait_for_selector(".flash")
        page.click("table.sentences tr >> nth=2 >> a")  # sentence 3, from the block table
        page.click("#approve")
        page.wait_for_selector(".flash")
    finally:
        srv.shutdown()
        srv.server_close()
        thread.join(5)
    after = [s for s in memory_segments(memory) if s["pos"] == 2]
    assert after[9]["origin"] == "human"
    assert after[9]["text"] == "This wiped more than $500 billion off Nvidia's market value in a single day."
    assert after[2]["origin"] == "reviewed" and after[2]["text"] == before[2]["text"]
    assert [s for n, s in enumerate(after) if n not in (2, 9)] == [s for n, s in enumerate(before) if n not in (2, 9)]
    text = sibling.read_text(encoding="utf-8")
    assert " ".join(s["text"] for s in after) in text
