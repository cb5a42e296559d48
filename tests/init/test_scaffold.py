"""`translate init`: what it writes on a bare Hugo site, and that it never overwrites."""

from __future__ import annotations

from pathlib import Path

import yaml
from typer.testing import CliRunner

from translate.cli import app
from translate.init.scaffold import ATTRIBUTES_LINE, BANNER, WORKFLOW, init_site
from translate.site.config import load_config

from support.paths import REPO
from support.sites import snapshot, write_post

runner = CliRunner()
HUGO_EN_DEFAULT = """title = "站点"
[languages.en]
languageCode = "en"
[languages.zh]
languageCode = "zh-CN"
"""


def test_init_writes_what_is_missing_and_says_what_next(site: Path) -> None:
    result = runner.invoke(app, ["init", "--site", str(site)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    for rel in ("translate.toml", BANNER.as_posix(), WORKFLOW.as_posix(), ".gitattributes"):
        assert (site / rel).is_file()
        assert any(line.startswith(f"wrote {rel} — ") for line in lines), rel
    assert 'add {{ partial "translation-banner.html" . }} to' in result.output
    assert "- id: translate-check" in result.output  # the pre-commit entry to paste
    assert lines[-1].startswith("next: translate models install zh en && translate sync")
    assert (site / ".gitattributes").read_text(encoding="utf-8") == ATTRIBUTES_LINE + "\n"


def test_the_written_settings_are_the_defaults_spelled_out(site: Path) -> None:
    before = load_config(site)
    init_site(site)
    text = (site / "translate.toml").read_text(encoding="utf-8")
    assert 'source = "zh-CN"' in text and 'targets = ["en"]' in text
    assert "# stale_policy" in text and "# [engine]" in text and "# beam_size = 2" in text
    after = load_config(site)
    assert after == before  # commented settings change nothing; the source and targets are the detected ones
    uncommented = "\n".join(l[2:] for l in text.splitlines() if l.startswith("# ") and " = " in l)
    (site / "translate.toml").write_text(uncommented, encoding="utf-8")  # every commented default is valid
    assert load_config(site).engine_settings.beam_size == before.engine_settings.beam_size


def test_the_workflow_is_valid_yaml_that_checks_pull_requests_and_commits_syncs(site: Path) -> None:
    init_site(site)
    workflow = yaml.safe_load((site / WORKFLOW).read_text(encoding="utf-8"))
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    assert set(triggers) == {"pull_request", "schedule", "workflow_dispatch"}
    check = [s.get("run", "") for s in workflow["jobs"]["check"]["steps"]]
    sync = [s.get("run", "") for s in workflow["jobs"]["sync"]["steps"]]
    assert "translate check --format github" in check
    assert "translate models install zh en" in sync and "translate sync" in sync
    commit = sync[-1]
    assert "git add -A content .translate" in commit and "git push" in commit
    assert workflow["jobs"]["sync"]["permissions"] == {"contents": "write"}
    assert "--shard ${{ matrix.shard }}/4" in (site / WORKFLOW).read_text(encoding="utf-8")


def test_a_second_init_changes_nothing_and_nothing_is_overwritten(site: Path) -> None:
    (site / "translate.toml").write_text('targets = ["en"]\n', encoding="utf-8")
    (site / ".gitattributes").write_text("*.png binary", encoding="utf-8")
    first = init_site(site)
    assert "translate.toml" in first.kept
    assert (site / "translate.toml").read_text(encoding="utf-8") == 'targets = ["en"]\n'
    assert (site / ".gitattributes").read_text(encoding="utf-8") == f"*.png binary\n{ATTRIBUTES_LINE}\n"
    before = snapshot(site)
    result = runner.invoke(app, ["init", "--site", str(site)])
    assert result.exit_code == 0 and result.output.startswith("already set up: ")
    assert "wrote" not in result.output
    assert snapshot(site) == before


def test_chinese_posts_under_an_english_default_make_chinese_the_source(tmp_path: Path) -> None:
    (tmp_path / "hugo.toml").write_text(HUGO_EN_DEFAULT, encoding="utf-8")
    write_post(tmp_path, "posts/a.md", "---\ntitle: 市场\n---\n\n高盛认为市场会上涨，投资者应当谨慎。\n")
    report = init_site(tmp_path)
    assert (report.source, report.targets) == ("zh-CN", ("en",))
    assert load_config(tmp_path).source.lang.tag == "zh-CN"


def test_a_one_language_site_is_told_to_add_a_target(tmp_path: Path) -> None:
    (tmp_path / "hugo.toml").write_text('defaultContentLanguage = "zh"\n[languages.zh]\nlanguageCode = "zh-CN"\n',
                                        encoding="utf-8")
    report = init_site(tmp_path)
    assert any("has only one language: add the target under [languages]" in n for n in report.notes)


def test_the_shipped_banner_is_the_example_sites() -> None:
    shipped = REPO / "translate" / "init" / "templates" / BANNER.name
    assert shipped.read_bytes() == (REPO / BANNER).read_bytes()
