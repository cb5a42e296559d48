"""Glossary lint: each problem found with file:line, and the `translate glossary lint` command."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from translate.cli import app
from translate.glossary.lint import has_errors, lint_glossary
from translate.problems import ERROR, WARNING

from support.paths import FINANCE

HEADER = "zh-CN,en,note,case_sensitive,do_not_translate,forbidden_en\n"


def lint_rows(tmp_path: Path, rows: str, header: str = HEADER) -> list[tuple[int, str, str]]:
    path = tmp_path / "g.csv"
    path.write_text(header + rows, encoding="utf-8")
    return [(p.line, p.severity, p.message) for p in lint_glossary([path])]


def test_clean_glossary_has_no_problems(tmp_path: Path) -> None:
    assert lint_rows(tmp_path, "高盛,Goldman Sachs,,,,\nDeepSeek,DeepSeek,,,true,\n") == []


@pytest.mark.parametrize(
    ("rows", "line", "severity", "words"),
    [
        ("高盛,Goldman Sachs,,,,\n高盛,Goldman Sachs,,,,\n", 3, ERROR, "duplicate of '高盛'"),
        ("高盛,Goldman Sachs,,,,\n高盛,Goldman,,,,\n", 3, ERROR, "other targets"),
        (",Goldman Sachs,,,,\n", 2, ERROR, "empty zh-CN cell"),
        ("高盛,,,,,\n", 2, WARNING, "empty en cell"),
        ("高盛,Goldman Sachs,,maybe,,\n", 2, ERROR, "case_sensitive is 'maybe'"),
        ("高盛,Goldman Sachs,,,sometimes,\n", 2, ERROR, "do_not_translate is 'sometimes'"),
        ("高*盛,Goldman Sachs,,,,\n", 2, ERROR, "markup characters *"),
        ("高盛,`Goldman`,,,,\n", 2, ERROR, "markup characters `"),
        ("高盛,Goldman Sachs,,,,Goldman Sachs\n", 2, ERROR, "forbids 'Goldman Sachs'"),
        ("DeepSeek,Deep Seek,,,true,\n", 2, ERROR, "do_not_translate keeps"),
        ("股,stock,,,,\n", 2, WARNING, "one-character term"),
        ("高盛,Goldman Sachs,,,,\n高盛集团,Goldman Sachs Group,,,,\n", 2, WARNING, "inside '高盛集团' (line 3)"),
        ("etf,ETF,,false,,\nETF,ETF,,true,,\n", 3, ERROR, "'ETF' is never matched: 'etf' at"),
    ],
)
def test_each_problem_is_reported_at_its_line(
    tmp_path: Path, rows: str, line: int, severity: str, words: str
) -> None:
    problems = lint_rows(tmp_path, rows)
    assert any(p == (line, severity, p[2]) and words in p[2] for p in problems), problems


def test_case_variants_both_case_sensitive_are_fine(tmp_path: Path) -> None:
    assert lint_rows(tmp_path, "Fed,Federal Reserve,,true,,\nFED,FED,,true,,\n") == []


@pytest.mark.parametrize(
    ("header", "words"),
    [
        ("zh-CN,klingon-XX-ZZ-1\n", "neither a language tag"),
        ("zh-CN,en,en\n", "language en has two columns"),
        ("zh-CN,note\n", "at least two language columns"),
        ("zh-CN,en,forbidden_fr\n", "forbidden_fr has no fr column"),
    ],
)
def test_header_problems(tmp_path: Path, header: str, words: str) -> None:
    problems = lint_rows(tmp_path, "高盛,x,y\n", header=header)
    assert any(line == 1 and sev == ERROR and words in msg for line, sev, msg in problems), problems


def test_duplicates_across_files(tmp_path: Path) -> None:
    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    a.write_text("zh-CN,en\n高盛,Goldman Sachs\n", encoding="utf-8")
    b.write_text("zh-CN,en\n高盛,Goldman\n", encoding="utf-8")
    problems = lint_glossary([a, b])
    assert [str(p) for p in problems] == [
        f"{b}:2: error: lint: '高盛' already has a row at {a}:2 with other targets: one source term, one translation"
    ]


def test_unreadable_file_is_an_error_problem(tmp_path: Path) -> None:
    problems = lint_glossary([tmp_path / "missing.csv"])
    assert has_errors(problems) and str(problems[0]).startswith(f"{tmp_path / 'missing.csv'}:1: ")


def test_shipped_glossary_passes() -> None:
    problems = lint_glossary([FINANCE])
    assert not has_errors(problems), [str(p) for p in problems if p.severity == ERROR]


def test_cli_passes_on_the_site_glossary(tmp_path: Path) -> None:
    (tmp_path / "glossary").mkdir()
    (tmp_path / "glossary" / "finance.csv").write_text(
        (FINANCE).read_text(encoding="utf-8"), encoding="utf-8")
    result = CliRunner().invoke(app, ["glossary", "lint", "--site", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "1 file: 0 errors" in result.output and "warning: " in result.output
    quiet = CliRunner().invoke(app, ["glossary", "lint", "--errors-only", "--site", str(tmp_path)])
    assert quiet.exit_code == 0 and quiet.output.splitlines() == result.output.splitlines()[-1:]


def test_cli_fails_with_file_and_line_on_a_broken_glossary(tmp_path: Path) -> None:
    broken = tmp_path / "broken.csv"
    broken.write_text("zh-CN,en,bogus-col-umn-x\n高盛,Goldman Sachs,\n高盛,Goldman,\n,empty,\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["glossary", "lint", str(broken)])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert f"{broken}:1: error: lint: column 'bogus-col-umn-x' is neither a language tag" in result.output
    assert any(line.startswith(f"{broken}:3: error: lint: '高盛' already has a row") for line in lines)
    assert any(line.startswith(f"{broken}:4: error: lint: empty zh-CN cell") for line in lines)


def test_a_site_that_turns_the_glossary_off_is_told_how_to_turn_it_on(site: Path) -> None:
    (site / "translate.toml").write_text("glossary = []\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["glossary", "lint", "--site", str(site)])
    assert result.exit_code == 2
    assert "the site uses no glossary" in result.output and 'glossary = ["finance"' in result.output


def test_lint_of_a_site_without_files_checks_the_built_in_and_keeps_its_own_notes_to_itself(site: Path) -> None:
    result = CliRunner().invoke(app, ["glossary", "lint", "--site", str(site)])
    assert result.exit_code == 0, result.output
    assert result.output == "1 file: 0 errors, 0 warnings\n"


def test_a_site_row_overriding_a_built_in_row_is_a_warning_and_the_site_row_wins(site: Path) -> None:
    from translate.glossary.matcher import site_glossary
    from translate.site.config import load_config

    (site / "glossary").mkdir()
    (site / "glossary" / "house.csv").write_text("zh-CN,en\n高盛,Goldman\n", encoding="utf-8")
    (site / "translate.toml").write_text('glossary = ["finance", "glossary/*.csv"]\n', encoding="utf-8")
    result = CliRunner().invoke(app, ["glossary", "lint", "--site", str(site)])
    assert result.exit_code == 0, result.output
    (line,) = [l for l in result.output.splitlines() if "overrides" in l]
    assert line.startswith(f"{site / 'glossary' / 'house.csv'}:2: warning: lint: '高盛' overrides the finance (built-in)")
    assert "'Goldman Sachs'" in line and line.endswith("the site's row wins")
    (match,) = site_glossary(load_config(site)).match("高盛报告", "zh-CN", "en")
    assert match.term.target == "Goldman"
