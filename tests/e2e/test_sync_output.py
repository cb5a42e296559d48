"""What `translate sync` prints: a short summary by default, every finding behind `-v`,
`--format json` and `translate review list` (ten real Chinese posts, the fixture model)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from translate.cli import app
from translate.cli.sync import print_report
from translate.engines.registry import get_engine
from translate.pipeline.sync import SyncReport
from translate.site.config import load_config

from support.fixture_model import install_fixture
from support.paths import CORPUS, REPO, require
from support.sites import run_sync

SAMPLE = 10
MAX_LINES = 15


def chinese_sample() -> list[Path]:
    manifest = CORPUS / "MANIFEST.tsv"
    if not manifest.is_file():
        return []
    rows = [line.split("\t") for line in manifest.read_text(encoding="utf-8").splitlines()[1:]]
    return [CORPUS / row[0] for row in sorted(rows) if "lang_zh" in row[-1].split(",")][:SAMPLE]


@pytest.fixture(scope="module")
def synced(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, SyncReport]:
    files = chinese_sample()
    require(len(files) == SAMPLE, f"the shared corpus at {CORPUS}")
    root = tmp_path_factory.mktemp("sample-site")
    shutil.copy(REPO / "hugo.toml", root / "hugo.toml")
    (root / "content" / "corpus").mkdir(parents=True)
    for i, path in enumerate(files):  # one folder each: bundles' index.zh.md keep their names apart
        (root / "content" / "corpus" / str(i)).mkdir()
        shutil.copy(path, root / "content" / "corpus" / str(i) / "index.md")
    with pytest.MonkeyPatch.context() as patch:
        home = tmp_path_factory.mktemp("home")
        patch.setenv("HOME", str(home))
        patch.setenv("ARGOS_PACKAGES_DIR", str(home / "packages"))
        install_fixture()
        config = load_config(root)
        report = run_sync(root, get_engine("argos", config.engine_settings))
    return root, report


def key(finding: dict) -> tuple:
    return finding["path"], finding.get("line"), finding.get("language"), finding["kind"], finding["message"]


def test_the_default_output_is_a_short_summary(synced: tuple[Path, SyncReport],
                                               capsys: pytest.CaptureFixture[str]) -> None:
    _, report = synced
    findings = [f for p in report.posts for f in p.findings]
    assert report.count("translated") == SAMPLE and len(findings) > MAX_LINES  # there is a lot to say
    print_report(report, load_config(synced[0]))
    out, err = capsys.readouterr()
    lines = (out + err).splitlines()
    assert len(lines) <= MAX_LINES, "\n".join(lines)
    assert lines[0].startswith(f"posts: {SAMPLE} translated, 0 unchanged, 0 failed")
    assert not any(line.startswith("error") or ": error: " in line for line in lines)  # nothing failed
    assert "worst:" in lines


def test_every_finding_is_behind_verbose_json_and_the_review_queue(synced: tuple[Path, SyncReport],
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    root, report = synced
    findings = {key(f.to_dict()) for p in report.posts for f in p.findings}
    print_report(report, load_config(root), verbose=True)
    verbose = capsys.readouterr().out
    for path, line, language, kind, message in findings:
        assert f"{path}:{line or 1}: " in verbose and f"[{language}] {kind}: {message}" in verbose
    data = json.loads(json.dumps(report.to_dict()))
    assert {key(f) for p in data["posts"] for f in p["findings"]} == findings
    assert data["counts"]["posts"]["translated"] == SAMPLE
    queue = CliRunner().invoke(app, ["review", "list", "--format", "json", "--site", str(root)])
    assert queue.exit_code == 0, queue.output
    # Lines left out: the queue places a finding on its block's line, sync on the unit's.
    queued = {key(f)[::2] + key(f)[3:] for item in json.loads(queue.output) for f in item["findings"]}
    kept = {f[::2] + f[3:] for f in findings if f[3] in ("glossary", "numbers", "placeholder")}  # what memory keeps
    assert kept and kept <= queued
