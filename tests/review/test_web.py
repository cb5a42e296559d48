"""The review web app through Flask's test client: pages, actions, and its defences."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from flask.testing import FlaskClient

from translate.engines.pseudo import PseudoEngine
from translate.errors import UsageError
from translate.review.items import list_items
from translate.review.web import create_app, make_review_server
from translate.site.config import load_config

from support.fakes import CountingEngine
from support.review_site import ReviewSite, make_review_site


@pytest.fixture
def rs(site: Path) -> ReviewSite:
    return make_review_site(site)


@pytest.fixture
def client(rs: ReviewSite) -> FlaskClient:
    return create_app(load_config(rs.root), engine_factory=PseudoEngine).test_client()


def token(page: str) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', page).group(1)


def item_ids(rs: ReviewSite, **filters: str) -> list[str]:
    return [i.id for i in list_items(load_config(rs.root), **filters)]


def stale_id(rs: ReviewSite) -> str:
    return item_ids(rs, reason="stale")[0]


def test_queue_page_lists_items_with_counts(client: FlaskClient, rs: ReviewSite) -> None:
    page = client.get("/").text
    assert "7 of 7 items to review" in page
    assert all(f'href="/item/{i}"' in page for i in item_ids(rs))
    assert "unreviewed 6" in page and "stale 1" in page


@pytest.mark.parametrize(
    ("query", "shown"), [("reason=stale", 1), ("lang=en", 7), ("post=content/posts/a.md", 4), ("reason=stale&post=content/posts/a.md", 0)]
)
def test_queue_page_filters(client: FlaskClient, query: str, shown: int) -> None:
    page = client.get(f"/?{query}").text
    assert f"{shown} of 7 item" in page


def test_queue_page_bad_filter_is_400(client: FlaskClient) -> None:
    response = client.get("/?reason=nonsense")
    assert response.status_code == 400 and "unknown" in response.text


@pytest.mark.parametrize("query", ["reason=nonsense", "post=nope.md", "lang=xx-nope"])
def test_a_bad_filter_is_400_on_item_pages_and_actions_too(client: FlaskClient, rs: ReviewSite, query: str) -> None:
    ident = stale_id(rs)
    shown = client.get(f"/item/{ident}?{query}")
    assert shown.status_code == 400 and "Bad filter" in shown.text
    csrf = token(client.get(f"/item/{ident}").text)
    acted = client.post(f"/item/{ident}/approve?{query}", data={"csrf": csrf})
    assert acted.status_code == 400 and "Bad filter" in acted.text
    assert ident in item_ids(rs)  # nothing was approved


def test_item_page_shows_source_diff_translation_suggestion_and_forms(client: FlaskClient, rs: ReviewSite) -> None:
    response = client.get(f"/item/{stale_id(rs)}")
    assert response.status_code == 200
    page = response.text
    assert "第二段，<ins>新的</ins>原文。" in page
    assert "Second paragraph, by a person." in page and "⟦en⟧第二段，新的原文。⟦/en⟧" in page
    for action in ("approve", "accept", "retranslate", "edit"):
        assert f'action="/item/{stale_id(rs)}/{action}"' in page
    assert page.count(f'name="csrf" value="{token(page)}"') == 4
    assert "<textarea" in page and 'id="prev"' in page


def test_pages_load_nothing_from_the_network(client: FlaskClient, rs: ReviewSite) -> None:
    for url in ("/", f"/item/{stale_id(rs)}"):
        response = client.get(url)
        assert not re.search(r'(src|href)="(https?:)?//', response.text)
        csp = response.headers["Content-Security-Policy"]
        assert "default-src 'none'" in csp and "script-src 'nonce-" in csp
        nonce = re.search(r"'nonce-([^']+)'", csp).group(1)
        assert f'<script nonce="{nonce}">' in response.text
    with client.get("/static/review.css") as css:
        assert css.status_code == 200 and css.mimetype == "text/css"


@pytest.mark.parametrize(
    "path",
    [
        "/item/..%2F..%2Fhugo.toml",
        "/item/../../hugo.toml",
        "/item/%2e%2e%2fhugo.toml",
        "/item/ABCDEF012345",
        "/item/0123456789ab",
        "/item/0123456789abc",
        "/item/%00",
        "/static/..%2f..%2fqueue.py",
    ],
)
def test_traversal_and_unknown_ids_are_404(client: FlaskClient, path: str) -> None:
    with client.get(path) as response:
        assert response.status_code == 404


def test_post_with_traversal_id_is_404_and_writes_nothing(client: FlaskClient, rs: ReviewSite) -> None:
    csrf = token(client.get(f"/item/{stale_id(rs)}").text)
    before = rs.text("a"), rs.text("b")
    response = client.post("/item/..%2F..%2Fhugo.toml/approve", data={"csrf": csrf})
    assert response.status_code == 404
    assert (rs.text("a"), rs.text("b")) == before


@pytest.mark.parametrize("form", [{}, {"csrf": ""}, {"csrf": "forged"}])
@pytest.mark.parametrize("action", ["approve", "accept", "retranslate", "edit"])
def test_post_without_the_token_is_403(client: FlaskClient, rs: ReviewSite, form: dict, action: str) -> None:
    before = rs.text("b"), rs.records("b")
    response = client.post(f"/item/{stale_id(rs)}/{action}", data={**form, "text": "x", "expected": "y"})
    assert response.status_code == 403
    assert (rs.text("b"), rs.records("b")) == before


@pytest.mark.parametrize("host", ["evil.example", "rebind.attacker.test:8787", "10.0.0.5"])
def test_foreign_host_header_is_refused(client: FlaskClient, host: str) -> None:
    assert client.get("/", headers={"Host": host}).status_code == 400


@pytest.mark.parametrize("host", ["127.0.0.1:8787", "localhost:8787", "localhost"])
def test_loopback_host_header_is_served(client: FlaskClient, host: str) -> None:
    assert client.get("/", headers={"Host": host}).status_code == 200


def test_approve_flow_moves_to_the_next_item(client: FlaskClient, rs: ReviewSite) -> None:
    first, second, *_ = item_ids(rs, post="content/posts/a.md")
    page = client.get(f"/item/{first}?post=content/posts/a.md").text
    expected = html.unescape(re.search(r'name="expected" value="([^"]*)"', page).group(1))
    response = client.post(
        f"/item/{first}/approve?post=content/posts/a.md", data={"csrf": token(page), "expected": expected}
    )
    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"/item/{second}?post=content/posts/a.md")
    assert rs.record("a", "Goldman Sachs报告")["origin"] == "reviewed"
    assert "approved content/posts/a.md [en] title" in client.get(response.headers["Location"]).text
    assert first not in item_ids(rs)


def test_approve_the_last_item_goes_back_to_the_queue(client: FlaskClient, rs: ReviewSite) -> None:
    ident = stale_id(rs)
    csrf = token(client.get(f"/item/{ident}?reason=stale").text)
    response = client.post(f"/item/{ident}/approve?reason=stale", data={"csrf": csrf})
    assert response.status_code == 303 and response.headers["Location"].endswith("/?reason=stale")
    assert rs.status("b") == "machine" and "Second paragraph, by a person." in rs.text("b")


def test_save_edit_and_concurrent_edit_is_refused_with_the_text_kept(client: FlaskClient, rs: ReviewSite) -> None:
    ident = item_ids(rs, post="content/posts/a.md")[1]
    page = client.get(f"/item/{ident}").text
    started_from = html.unescape(re.search(r'<textarea name="expected" hidden>([^<]*)</textarea>', page).group(1))
    form = {"csrf": token(page), "expected": started_from.replace("\n", "\r\n")}
    first = client.post(f"/item/{ident}/edit", data={**form, "text": "First editor's words.\r\n"})
    assert first.status_code == 303
    assert "\n\nFirst editor's words.\n" in rs.text("a")
    before = rs.text("a"), rs.records("a")
    second = client.post(f"/item/{ident}/edit", data={**form, "text": "Second editor's words."})
    assert second.status_code == 409
    assert "changed since you opened it" in second.text
    assert "Second editor&#39;s words.</textarea>" in second.text  # nothing lost: the draft is shown again
    assert "First editor&#39;s words." in second.text  # beside the text that won
    assert (rs.text("a"), rs.records("a")) == before


def test_accept_suggestion_and_retranslate(client: FlaskClient, rs: ReviewSite) -> None:
    ident = stale_id(rs)
    csrf = token(client.get(f"/item/{ident}").text)
    response = client.post(f"/item/{ident}/retranslate", data={"csrf": csrf})
    assert response.status_code == 303 and response.headers["Location"].endswith(f"/item/{ident}")
    assert "⟦en⟧第二段，新的原文。⟦/en⟧" in rs.text("b") and rs.record("b", "新的原文")["engine"] == "pseudo"
    other = client.post(f"/item/{ident}/accept", data={"csrf": csrf})
    assert other.status_code == 400 and "no suggestion" in other.text


def test_retranslate_uses_the_injected_engine_once(rs: ReviewSite) -> None:
    engines: list[CountingEngine] = []

    def factory() -> CountingEngine:
        engines.append(CountingEngine())
        return engines[-1]

    client = create_app(load_config(rs.root), engine_factory=factory).test_client()
    for ident in item_ids(rs, post="content/posts/a.md")[:2]:
        csrf = token(client.get(f"/item/{ident}").text)
        assert client.post(f"/item/{ident}/retranslate", data={"csrf": csrf}).status_code == 303
    assert len(engines) == 1 and engines[0].calls == 2


def test_unknown_action_is_404(client: FlaskClient, rs: ReviewSite) -> None:
    csrf = token(client.get(f"/item/{stale_id(rs)}").text)
    assert client.post(f"/item/{stale_id(rs)}/delete", data={"csrf": csrf}).status_code == 404


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.10", "localhost"])
def test_server_refuses_non_loopback_binds(rs: ReviewSite, host: str) -> None:
    with pytest.raises(UsageError, match="127.0.0.1 only"):
        make_review_server(load_config(rs.root), host=host)
