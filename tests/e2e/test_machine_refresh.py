"""Machine text made by another engine or model is translated again (`machine_refresh`),
and syncing one language never changes what `check` and `status` say about another."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from translate.cli import app
from translate.site.config import load_config
from translate.status.state import collect_state, site_made_with

from support.fakes import CountingEngine
from support.fixture_model import count_translate_batch, install_fixture
from support.sites import run_sync, write_post

SIBLING = "content/posts/deepseek-hedge-funds.en.md"


def cli(*args: str) -> str:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code in (0, 1), result.output
    return result.output


def test_pseudo_text_is_replaced_once_a_model_is_installed(example_site: Path, monkeypatch) -> None:
    cli("sync", "--site", str(example_site), "--engine", "pseudo")
    assert "⟦en⟧" in (example_site / SIBLING).read_text(encoding="utf-8")
    install_fixture()
    (state,) = collect_state(load_config(example_site), made_with=site_made_with(load_config(example_site))).posts
    assert state.state == "made with another model (43 segments)"
    assert "made with another model (43 segments)" in cli("status", "--site", str(example_site))
    translators = count_translate_batch(monkeypatch)
    output = cli("sync", "--site", str(example_site))
    assert "posts: 1 translated" in output
    text = (example_site / SIBLING).read_text(encoding="utf-8")
    assert "⟦" not in text and 'engine: "argos"' in text
    assert sum(len(call[0]) for t in translators for call in t.calls) >= 43
    (state,) = collect_state(load_config(example_site), made_with=site_made_with(load_config(example_site))).posts
    assert state.state == "up to date"
    translators.clear()
    assert "posts: 0 translated" in cli("sync", "--site", str(example_site))
    assert not translators  # nothing left to refresh: no model even loaded


def test_machine_refresh_never_keeps_the_pseudo_text(example_site: Path) -> None:
    (example_site / "translate.toml").write_text('machine_refresh = "never"\n', encoding="utf-8")
    cli("sync", "--site", str(example_site), "--engine", "pseudo")
    before = (example_site / SIBLING).read_bytes()
    install_fixture()
    assert "posts: 0 translated" in cli("sync", "--site", str(example_site))
    assert (example_site / SIBLING).read_bytes() == before
    assert "made with another model" not in cli("status", "--site", str(example_site))


def test_adding_a_language_and_syncing_only_it_leaves_the_others_alone(site: Path) -> None:
    write_post(site, "posts/a.md", "---\ntitle: 标题\n---\n\n第一段。第二句。\n\n第二段。\n")
    write_post(site, "posts/b.md", "---\ntitle: 另一篇\n---\n\n正文。\n")
    run_sync(site, CountingEngine())
    config = load_config(site)
    before = [(p.source, p.language.lang.tag, p.state, p.problems) for p in collect_state(config).posts]
    hugo = site / "hugo.toml"
    hugo.write_text(hugo.read_text(encoding="utf-8") + '\n[languages.fr]\nlanguageCode = "fr"\nweight = 3\n',
                    encoding="utf-8")
    config = load_config(site)
    engine = CountingEngine()
    report = run_sync(site, engine, languages=[config.named_language("fr")])
    assert report.return_code == 0 and engine.segments  # fr was translated
    assert "⟦fr⟧第二句。⟦/fr⟧" in (site / "content/posts/a.fr.md").read_text(encoding="utf-8")
    after = collect_state(config).posts
    assert [(p.source, p.language.lang.tag, p.state, p.problems) for p in after if p.language.lang.tag == "en"] == before
    assert all(p.state == "up to date" for p in after)
    en = (site / "content/posts/a.en.md").read_text(encoding="utf-8")
    assert "  - fr\n" in en  # its `translations` list names the new edition too
    engine = CountingEngine()
    run_sync(site, engine)
    assert engine.calls == 0
