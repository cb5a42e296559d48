"""`check`, `status` and `diff` through the CLI: exit codes, formats, and what they read."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from translate.cli import app

from support.fakes import CountingEngine
from support.sites import run_sync, write_post

POST = "---\ntitle: 标题\n---\n\n第一段。\n\n第二段。\n"
runner = CliRunner()


def invoke(*args: str):
    return runner.invoke(app, list(args))


def test_check_fails_on_missing_then_passes_once_synced(site: Path) -> None:
    write_post(site, "posts/a.md", POST)
    result = invoke("check", "--site", str(site))
    assert result.exit_code == 1
    assert "content/posts/a.md:1: error: [en] missing: no en translation" in result.output
    run_sync(site, CountingEngine())
    result = invoke("check", "--site", str(site))
    assert result.exit_code == 0, result.output
    assert "up to date" in result.output


def test_check_github_annotation_names_the_stale_file(site: Path) -> None:
    source = write_post(site, "posts/a.md", POST)
    run_sync(site, CountingEngine())
    source.write_text(source.read_text(encoding="utf-8").replace("第二段", "第二段改"), encoding="utf-8")
    result = invoke("check", "--site", str(site), "--format", "github")
    assert result.exit_code == 1
    assert result.output.startswith("::error file=content/posts/a.en.md,line=1,title=translate stale::")
    data = json.loads(invoke("check", "--site", str(site), "--format", "json").output)
    assert data["ok"] is False and data["problems"][0]["kind"] == "stale"


def test_check_unreviewed_is_opt_in(site: Path) -> None:
    write_post(site, "posts/a.md", POST)
    run_sync(site, CountingEngine())
    assert invoke("check", "--site", str(site)).exit_code == 0
    result = invoke("check", "--site", str(site), "--fail-on", "unreviewed")
    assert result.exit_code == 1 and "unreviewed" in result.output


def test_check_usage_errors_exit_2(site: Path, tmp_path: Path) -> None:
    assert invoke("check", "--site", str(site), "--fail-on", "bogus").exit_code == 2
    assert invoke("check", "--site", str(site), "--format", "xml").exit_code == 2
    assert invoke("check", "--site", str(tmp_path / "nowhere")).exit_code == 2


def test_orphaned_sibling_is_reported_never_deleted(site: Path) -> None:
    source = write_post(site, "posts/a.md", POST)
    run_sync(site, CountingEngine())
    source.unlink()
    result = invoke("check", "--site", str(site))
    assert result.exit_code == 1 and "orphaned" in result.output
    assert (site / "content/posts/a.en.md").exists()


def test_diverged_sibling_left_byte_identical(site: Path) -> None:
    write_post(site, "posts/a.md", POST)
    run_sync(site, CountingEngine())
    sibling = site / "content/posts/a.en.md"
    merged = sibling.read_text(encoding="utf-8").replace("\n\n⟦en⟧第二段", " ⟦en⟧第二段")
    sibling.write_text(merged, encoding="utf-8")
    report = run_sync(site, CountingEngine())
    assert report.posts[0].diverged == ["en"]
    assert sibling.read_text(encoding="utf-8") == merged
    result = invoke("check", "--site", str(site))
    assert result.exit_code == 1 and "diverged" in result.output


def test_status_table_and_json(site: Path) -> None:
    write_post(site, "posts/a.md", POST)
    write_post(site, "posts/b.md", POST)
    run_sync(site, CountingEngine(), paths=[site / "content/posts/a.md"])
    result = invoke("status", "--site", str(site))
    assert result.exit_code == 0
    assert "en (English)" in result.output and "missing" in result.output and "up to date" in result.output
    rows = json.loads(invoke("status", "--site", str(site), "--format", "json").output)["posts"]
    assert {(r["source"], r["state"]) for r in rows} == {("content/posts/a.md", "up to date"), ("content/posts/b.md", "missing")}
    assert rows[0]["machine"] == 3


def test_human_edit_survives_resync_and_stale_shows_in_status(site: Path) -> None:
    source = write_post(site, "posts/a.md", POST)
    run_sync(site, CountingEngine())
    sibling = site / "content/posts/a.en.md"
    sibling.write_text(sibling.read_text(encoding="utf-8").replace("⟦en⟧第二段。⟦/en⟧", "Paragraph two, by a person."), encoding="utf-8")
    run_sync(site, CountingEngine())
    assert "Paragraph two, by a person." in sibling.read_text(encoding="utf-8")
    source.write_text(POST.replace("第二段。", "第二段，改了。"), encoding="utf-8")
    engine = CountingEngine()
    run_sync(site, engine)
    text = sibling.read_text(encoding="utf-8")
    assert "Paragraph two, by a person." in text and "status: stale" in text
    assert engine.segments == ["第二段，改了。"]  # the suggestion
    rows = json.loads(invoke("status", "--site", str(site), "--format", "json").output)["posts"]
    assert rows[0]["stale"] == 1 and rows[0]["human"] == 1
    result = invoke("--color", "never", "diff", str(source), "--site", str(site))
    assert "第二段{+，改了+}。" in result.output


def test_read_only_commands_never_import_the_ml_stack(site: Path) -> None:
    write_post(site, "posts/a.md", POST)
    code = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "from translate.cli import app\n"
        "r = CliRunner()\n"
        f"for args in (['--help'], ['status', '--site', {str(site)!r}], ['check', '--site', {str(site)!r}]):\n"
        "    r.invoke(app, args)\n"
        "heavy = [m for m in ('ctranslate2', 'sentencepiece', 'argostranslate', 'torch') if m in sys.modules]\n"
        "print(heavy)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_human_edit_that_breaks_a_number_fails_check_numbers(site: Path) -> None:
    write_post(site, "posts/a.md", "---\ntitle: 标题\n---\n\n英伟达市值蒸发超5000亿美元。\n")
    run_sync(site, CountingEngine())
    assert invoke("check", "--site", str(site), "--fail-on", "numbers").exit_code == 0
    sibling = site / "content/posts/a.en.md"
    text = sibling.read_text(encoding="utf-8")
    assert "$500 billion" in text
    sibling.write_text(text.replace("$500 billion", "$50 billion"), encoding="utf-8")
    run_sync(site, CountingEngine())
    result = invoke("check", "--site", str(site), "--fail-on", "numbers")
    assert result.exit_code == 1 and "numbers" in result.output
