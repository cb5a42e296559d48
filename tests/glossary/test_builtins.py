"""Built-in glossaries: used when a site names none, combined with the site's own files,
listed and exported by `translate glossary list|export`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from translate.cli import app
from translate.errors import ConfigError
from translate.site.config import load_config

from support.paths import FINANCE

runner = CliRunner()


def names(site: Path) -> list[str]:
    return [p.name if p.parent.name != "data" else f"builtin:{p.stem}" for p in load_config(site).glossary_paths]


def own(site: Path, name: str, text: str = "zh-CN,en\n高盛,Goldman\n") -> None:
    (site / "glossary").mkdir(exist_ok=True)
    (site / "glossary" / name).write_text(text, encoding="utf-8")


@pytest.mark.parametrize(
    ("toml", "files", "expected"),
    [
        (None, [], ["builtin:finance"]),  # nothing configured, no glossary/: the finance glossary
        (None, ["a.csv"], ["a.csv"]),  # the site's own glossary/*.csv, as before
        ('glossary = []\n', ["a.csv"], []),  # explicitly none
        ('glossary = ["finance", "glossary/*.csv"]\n', ["b.csv", "a.csv"], ["a.csv", "b.csv", "builtin:finance"]),
        ('glossary = ["finance", "glossary/a.csv"]\n', ["a.csv"], ["a.csv", "builtin:finance"]),  # site files win: first
    ],
)
def test_the_glossary_in_effect(site: Path, toml: str | None, files: list[str], expected: list[str]) -> None:
    if toml is not None:
        (site / "translate.toml").write_text(toml, encoding="utf-8")
    for name in files:
        own(site, name)
    assert names(site) == expected


def test_an_unknown_glossary_name_says_what_exists(site: Path) -> None:
    (site / "translate.toml").write_text('glossary = ["financ"]\n', encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(site)
    assert str(caught.value) == (
        f"{site.resolve() / 'translate.toml'}:1: glossary 'financ' is neither a file of the site nor a built-in "
        "glossary — use a path like glossary/terms.csv, or a built-in: finance")


def test_list_shows_site_files_then_built_ins(site: Path) -> None:
    own(site, "house.csv")
    (site / "translate.toml").write_text('glossary = ["finance", "glossary/*.csv"]\n', encoding="utf-8")
    text = runner.invoke(app, ["glossary", "list", "--site", str(site)])
    assert text.exit_code == 0, text.output
    lines = text.output.splitlines()
    rows = len(FINANCE.read_text(encoding="utf-8").splitlines()) - 1
    assert lines[0] == "glossary/house.csv  1 rows  zh-CN,en"
    assert lines[1] == f"finance (built-in)  {rows} rows  zh-CN,en"
    assert "translate glossary export NAME > glossary/NAME.csv" in lines[2]
    data = json.loads(runner.invoke(app, ["glossary", "list", "--site", str(site), "--format", "json"]).output)
    assert [(e["name"], e["builtin"], e["rows"]) for e in data] == [("glossary/house.csv", False, 1),
                                                                   ("finance (built-in)", True, rows)]


def test_export_copies_a_built_in_byte_for_byte_and_the_copy_takes_over(site: Path) -> None:
    result = runner.invoke(app, ["glossary", "export", "finance"])
    assert result.exit_code == 0 and result.stdout_bytes == FINANCE.read_bytes()
    own(site, "finance.csv", result.stdout)
    assert names(site) == ["finance.csv"]
    bad = runner.invoke(app, ["glossary", "export", "legal"])
    assert bad.exit_code == 2 and bad.output == "error: no built-in glossary 'legal' — built-ins: finance\n"
