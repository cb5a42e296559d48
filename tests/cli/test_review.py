"""`translate review …` commands: each action asserted on the sibling, the memory and the status."""

from __future__ import annotations

import http.client
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from translate.cli import app
from translate.document.peek import read_front_matter

from support.review_site import ReviewSite, make_review_site

runner = CliRunner()


@pytest.fixture
def rs(site: Path) -> ReviewSite:
    return make_review_site(site)


def invoke(rs: ReviewSite, *args: str):
    return runner.invoke(app, ["review", *args, "--site", str(rs.root)])


def queue(rs: ReviewSite, *args: str) -> list[dict]:
    result = invoke(rs, "list", "--format", "json", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_list_text_shows_ids_places_and_reasons(rs: ReviewSite) -> None:
    result = invoke(rs, "list")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[-1] == "7 items to review"
    stale = queue(rs, "--reason", "stale")[0]
    assert f"{stale['id']}  content/posts/b.md:{stale['line']} [en] body  stale" in lines


@pytest.mark.parametrize(("args", "count"), [(["--to", "en"], 7), (["content/posts/a.md"], 4), (["content/posts"], 7),
                                           (["content/posts/a.md", "content/posts/b.md"], 7), (["--reason", "stale"], 1)])
def test_list_filters(rs: ReviewSite, args: list[str], count: int) -> None:
    assert len(queue(rs, *args)) == count


@pytest.mark.parametrize("args", [["--format", "xml"], ["--reason", "nope"], ["--to", "fr"], ["nope.md"]])
def test_list_usage_errors_exit_2(rs: ReviewSite, args: list[str]) -> None:
    result = invoke(rs, "list", *args)
    assert result.exit_code == 2 and "error:" in result.output


def test_show_prints_source_diff_translation_and_suggestion(rs: ReviewSite) -> None:
    stale = queue(rs, "--reason", "stale")[0]
    result = invoke(rs, "show", stale["id"])
    assert result.exit_code == 0
    assert "第二段，新的原文。" in result.output
    assert "第二段，{+新的+}原文。" in result.output  # plain diff markers off a terminal
    assert "Second paragraph, by a person." in result.output
    assert "⟦en⟧第二段，新的原文。⟦/en⟧" in result.output


@pytest.mark.parametrize("ident", ["0123456789ab", "../../hugo.toml"])
def test_show_unknown_id_exits_2(rs: ReviewSite, ident: str) -> None:
    result = invoke(rs, "show", ident)
    assert result.exit_code == 2 and "review list" in result.output


def test_approve_ids(rs: ReviewSite) -> None:
    ids = [i["id"] for i in queue(rs, "content/posts/a.md")]
    result = invoke(rs, "approve", *ids)
    assert result.exit_code == 0 and "approved 4 items" in result.output
    assert rs.status("a") == "reviewed"
    assert {r["origin"] for r in rs.records("a")} == {"reviewed"}
    assert "wrote content/posts/a.en.md" in result.output


def test_unique_id_prefixes_are_accepted(rs: ReviewSite) -> None:
    stale = queue(rs, "--reason", "stale")[0]
    shown = invoke(rs, "show", stale["id"][:6])
    assert shown.exit_code == 0 and "第二段，新的原文。" in shown.output
    ids = [i["id"] for i in queue(rs)]
    result = invoke(rs, "approve", *(i[:8] for i in ids[:2]))
    assert result.exit_code == 0 and "approved 2 items" in result.output


def test_an_ambiguous_prefix_is_a_usage_error(rs: ReviewSite, monkeypatch: pytest.MonkeyPatch) -> None:
    import translate.review.items as items

    class Item:
        def __init__(self, ident: str) -> None:
            self.id = ident

    monkeypatch.setattr(items, "list_items", lambda config, **kw: [Item("abcd00000001"), Item("abcd00000002")])
    result = invoke(rs, "show", "abcd")
    assert result.exit_code == 2
    assert result.output == "error: abcd is the start of 2 item ids (abcd00000001, abcd00000002…) — give more of the id\n"


def test_approve_post(rs: ReviewSite) -> None:
    result = invoke(rs, "approve", "content/posts/b.md")
    assert result.exit_code == 0 and "approved 3 items" in result.output
    assert rs.status("b") == "reviewed" and rs.status("a") == "machine"
    assert "Second paragraph, by a person." in rs.text("b")


def test_approve_all_clean_leaves_the_stale_block(rs: ReviewSite) -> None:
    result = invoke(rs, "approve", "--all-clean")
    assert result.exit_code == 0 and "approved 6 items" in result.output
    assert [i["reasons"] for i in queue(rs)] == [["stale"]]
    assert rs.status("a") == "reviewed" and rs.status("b") == "stale"
    assert invoke(rs, "approve", "--all-clean").output.strip() == "nothing to approve"


@pytest.mark.parametrize("args", [[], ["--all-clean", "content/posts/a.md"]])
def test_approve_needs_exactly_one_selection(rs: ReviewSite, args: list[str]) -> None:
    assert invoke(rs, "approve", *args).exit_code == 2


def test_accept_suggestion(rs: ReviewSite) -> None:
    stale = queue(rs, "--reason", "stale")[0]
    result = invoke(rs, "accept-suggestion", stale["id"])
    assert result.exit_code == 0
    assert "⟦en⟧第二段，新的原文。⟦/en⟧" in rs.text("b") and "by a person" not in rs.text("b")
    assert rs.record("b", "新的原文")["origin"] == "reviewed"
    assert rs.status("b") == "machine"


def write_editor(tmp_path: Path, new_text: str) -> str:
    """An $EDITOR that replaces the file's text, as a person would."""
    script = tmp_path / "fake_editor.py"
    script.write_text(
        f"import sys, pathlib\npathlib.Path(sys.argv[1]).write_text({new_text!r}, encoding='utf-8')\n", encoding="utf-8"
    )
    return f"{sys.executable} {script}"


def test_edit_opens_the_editor_outside_the_site_and_saves_human_text(
    rs: ReviewSite, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = tmp_path / "seen.txt"
    script = tmp_path / "fake_editor.py"
    script.write_text(
        "import sys, pathlib\n"
        "p = pathlib.Path(sys.argv[1])\n"
        f"pathlib.Path({str(seen)!r}).write_text(str(p.resolve()) + '\\n' + p.read_text(encoding='utf-8'), encoding='utf-8')\n"
        "p.write_text('A title an editor wrote\\n', encoding='utf-8')\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("EDITOR", f"{sys.executable} {script}")
    item = queue(rs, "content/posts/a.md")[0]
    result = invoke(rs, "edit", item["id"])
    assert result.exit_code == 0, result.output
    where, text = seen.read_text(encoding="utf-8").split("\n", 1)
    assert not Path(where).is_relative_to(rs.root)
    assert text.startswith("# source:\n# 高盛报告\n# edit the en text below") and text.endswith("\n⟦en⟧Goldman Sachs报告⟦/en⟧\n")
    assert read_front_matter(rs.text("a"))["title"] == "A title an editor wrote"
    record = rs.record("a", "A title an editor wrote")
    assert record["origin"] == "human" and record["key"] == "field:title"
    assert rs.status("a") == "edited"


def test_edit_shows_the_changed_source_and_drops_the_comment_lines(
    rs: ReviewSite, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    script = tmp_path / "keep_comments.py"
    script.write_text(
        "import sys, pathlib\n"
        "p = pathlib.Path(sys.argv[1])\n"
        "lines = p.read_text(encoding='utf-8').splitlines(keepends=True)\n"
        "p.write_text(''.join(lines[:-1]) + 'Second paragraph, fixed by the editor.\\n', encoding='utf-8')\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("EDITOR", f"{sys.executable} {script}")
    (item,) = queue(rs, "--reason", "stale")
    result = invoke(rs, "edit", item["id"])
    assert result.exit_code == 0, result.output
    assert "Second paragraph, fixed by the editor.\n" in rs.text("b")
    assert "# " not in rs.text("b").split("\n---\n", 1)[1]
    record = rs.record("b", "fixed by the editor")
    assert record["text"] == "Second paragraph, fixed by the editor." and record["origin"] == "human"


@pytest.mark.parametrize(("editor", "message"), [("true", "unchanged"), (None, "empty")])
def test_edit_unchanged_or_empty_is_a_no_op(
    rs: ReviewSite, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, editor: str | None, message: str
) -> None:
    monkeypatch.setenv("EDITOR", editor or write_editor(tmp_path, "  \n"))
    before = rs.text("a"), rs.records("a")
    result = invoke(rs, "edit", queue(rs)[1]["id"])
    assert result.exit_code == 0 and message in result.output
    assert (rs.text("a"), rs.records("a")) == before


def test_retranslate_with_the_pseudo_engine(rs: ReviewSite) -> None:
    stale = queue(rs, "--reason", "stale")[0]
    result = invoke(rs, "retranslate", stale["id"], "--engine", "pseudo")
    assert result.exit_code == 0, result.output
    assert "⟦en⟧第二段，新的原文。⟦/en⟧" in rs.text("b")
    record = rs.record("b", "新的原文")
    assert record["origin"] == "machine" and record["engine"] == "pseudo" and "stale" not in record
    assert rs.status("b") == "machine"


def test_every_review_command_is_documented() -> None:
    result = runner.invoke(app, ["review", "--help"])
    for command in ("list", "show", "approve", "accept-suggestion", "edit", "retranslate", "serve"):
        assert command in result.output
        assert runner.invoke(app, ["review", command, "--help"]).exit_code == 0


def test_serve_prints_the_loopback_url_and_serves_the_queue(rs: ReviewSite) -> None:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    command = [sys.executable, "-m", "translate", "review", "serve", "--port", "0", "--engine", "pseudo", "--site", str(rs.root)]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env) as proc:
        try:
            line = proc.stdout.readline()
            match = re.fullmatch(r"review page: http://127\.0\.0\.1:(\d+)/ \(Ctrl-C to stop\)\n", line)
            assert match, line
            connection = http.client.HTTPConnection("127.0.0.1", int(match.group(1)), timeout=10)
            connection.request("GET", "/")
            response = connection.getresponse()
            assert response.status == 200 and "7 of 7 items to review" in response.read().decode()
            connection.close()
        finally:
            proc.terminate()
            proc.wait(10)
