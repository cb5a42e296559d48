"""Review actions never lose a person's words: exact text, conflicts keep the draft, undo."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from support.fakes import CountingEngine
from support.review_site import ReviewSite, make_review_site
from support.sites import run_sync
from translate.cli import app
from translate.engines.pseudo import PseudoEngine
from translate.review import actions
from translate.review.actions import EditConflict
from translate.review.items import get_item, list_items
from translate.review.web import create_app
from translate.site.config import load_config

runner = CliRunner()


@pytest.fixture
def rs(site: Path) -> ReviewSite:
    return make_review_site(site)


def _stale(rs: ReviewSite) -> str:
    return list_items(load_config(rs.root), reason="stale")[0].id


def test_a_saved_edit_keeps_blank_lines_headings_and_fences_as_typed(rs: ReviewSite) -> None:
    config = load_config(rs.root)
    item = list_items(config, post="content/posts/a.md")[1]
    typed = "para one\n\npara two\n# Heading\n```"
    actions.save_edit(config, item.id, typed + "\n", expected=item.translation)
    assert typed in rs.text("a")
    before = rs.sibling("a").read_bytes()
    run_sync(rs.root, CountingEngine())  # the engine the review site was made with: nothing to refresh
    assert rs.sibling("a").read_bytes() == before  # and the next sync leaves it so


def test_a_hard_break_a_person_wrote_in_the_sibling_survives_syncs(rs: ReviewSite) -> None:
    text = rs.text("a").replace("⟦en⟧第二段含`code`。⟦/en⟧", "Second line  \nwith a hard break")
    rs.sibling("a").write_text(text, encoding="utf-8")
    run_sync(rs.root, CountingEngine())  # the engine the review site was made with: nothing to refresh
    run_sync(rs.root, CountingEngine())  # the engine the review site was made with: nothing to refresh
    assert "Second line  \nwith a hard break" in rs.text("a")


def test_review_edit_conflict_prints_the_typed_text_and_keeps_it_in_a_file(rs: ReviewSite, monkeypatch) -> None:
    ident = _stale(rs)
    typed = "My careful translation.\n\nWith a second paragraph."

    def editor(text: str, **_: object) -> str:  # meanwhile another editor saves the block
        config = load_config(rs.root)
        actions.save_edit(config, ident, "Someone else's text.", expected=get_item(config, ident).translation)
        return typed

    monkeypatch.setattr("click.edit", editor)
    result = runner.invoke(app, ["review", "edit", ident, "--site", str(rs.root)])
    assert result.exit_code == 1
    assert typed.splitlines()[0] in result.output
    (draft,) = re.findall(r"kept in (\S+\.md)", result.output)[:1]
    assert Path(draft).read_text(encoding="utf-8") == typed
    assert "Someone else's text." in rs.text("b")


def test_retranslate_refuses_a_block_saved_since_the_page_was_opened(rs: ReviewSite) -> None:
    config = load_config(rs.root)
    ident = _stale(rs)
    opened = get_item(config, ident).translation
    actions.save_edit(config, ident, "Saved a moment earlier.", expected=opened)
    with pytest.raises(EditConflict):
        actions.retranslate(config, ident, PseudoEngine(), expected=opened)
    assert "Saved a moment earlier." in rs.text("b")


@pytest.mark.parametrize("action", ["accept", "retranslate"])
def test_undo_restores_the_human_text_an_action_replaced(rs: ReviewSite, action: str) -> None:
    config = load_config(rs.root)
    ident = _stale(rs)
    if action == "accept":
        actions.accept_suggestion(config, ident)
    else:
        actions.retranslate(config, ident, PseudoEngine())
    assert "Second paragraph, by a person." not in rs.text("b")
    result = runner.invoke(app, ["review", "undo", ident, "--site", str(rs.root)])
    assert result.exit_code == 0, result.output
    assert "Second paragraph, by a person." in rs.text("b")
    assert get_item(load_config(rs.root), ident).origin == "human"
    again = runner.invoke(app, ["review", "undo", ident, "--site", str(rs.root)])
    assert again.exit_code == 2 and "nothing to undo" in again.output


def test_undo_takes_an_id_prefix_like_the_other_review_commands(rs: ReviewSite) -> None:
    config = load_config(rs.root)
    ident = _stale(rs)
    actions.accept_suggestion(config, ident)
    result = runner.invoke(app, ["review", "undo", ident[:6], "--site", str(rs.root)])
    assert result.exit_code == 0, result.output
    assert "Second paragraph, by a person." in rs.text("b")


def test_the_web_retranslate_sends_what_it_started_from_and_a_conflict_is_409(rs: ReviewSite) -> None:
    client = create_app(load_config(rs.root), engine_factory=PseudoEngine).test_client()
    ident = _stale(rs)
    page = client.get(f"/item/{ident}").get_data(as_text=True)
    csrf = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
    actions.save_edit(load_config(rs.root), ident, "Saved by another editor.", expected=get_item(load_config(rs.root), ident).translation)
    response = client.post(f"/item/{ident}/retranslate", data={"csrf": csrf, "expected": "Second paragraph, by a person."})
    assert response.status_code == 409
    assert "Saved by another editor." in rs.text("b")


@pytest.mark.parametrize("query", ["post=%00", "post=" + "a" * 5000])
def test_the_review_server_answers_400_for_a_bad_post_parameter(rs: ReviewSite, query: str) -> None:
    client = create_app(load_config(rs.root), engine_factory=PseudoEngine).test_client()
    response = client.get(f"/?{query}")
    assert response.status_code == 400
    assert response.headers["X-Frame-Options"] == "DENY"


def test_the_server_names_no_versions_and_drops_an_idle_connection(rs: ReviewSite, monkeypatch) -> None:
    import socket
    import threading
    import time
    import urllib.request

    from translate.review import web

    monkeypatch.setattr(web._Handler, "timeout", 1)
    server = web.make_review_server(load_config(rs.root), engine_factory=PseudoEngine)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_port}/"
        with urllib.request.urlopen(url, timeout=10) as response:
            assert response.headers["Server"] == "translate-review"
            assert response.headers["X-Frame-Options"] == "DENY"
        idle = socket.create_connection(("127.0.0.1", server.server_port), timeout=10)
        started = time.monotonic()
        assert idle.recv(1) == b""  # the server closed it: nothing was ever sent
        assert time.monotonic() - started < 8
        idle.close()
    finally:
        server.shutdown()
        server.server_close()


def test_the_page_offers_undo_after_an_accept_and_undo_restores_the_human_text(rs: ReviewSite) -> None:
    client = create_app(load_config(rs.root), engine_factory=PseudoEngine).test_client()
    ident = _stale(rs)
    page = client.get(f"/item/{ident}").get_data(as_text=True)
    assert 'id="undo"' not in page
    csrf = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
    response = client.post(f"/item/{ident}/accept", data={"csrf": csrf, "expected": "Second paragraph, by a person."})
    assert response.status_code == 303
    page = client.get(f"/item/{ident}").get_data(as_text=True)
    assert 'id="undo"' in page
    current = get_item(load_config(rs.root), ident).translation
    response = client.post(f"/item/{ident}/undo", data={"csrf": csrf, "expected": current})
    assert response.status_code == 303
    assert "Second paragraph, by a person." in rs.text("b")
