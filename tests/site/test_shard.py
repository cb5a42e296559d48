"""`sync --shard I/N`: a deterministic partition of the source posts, so N CI jobs never share a file."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from translate.cli import app
from translate.errors import UsageError
from translate.site.config import load_config
from translate.site.discover import Shard, discover, parse_shard

from support.sites import write_post

POST = "---\ntitle: 标题{n}\n---\n\n第{n}段。\n"
runner = CliRunner()


def make_posts(site: Path, n: int) -> list[str]:
    rels = []
    for i in range(n):
        rel = f"posts/{i % 3}/p{i}.md" if i % 5 else f"posts/b{i}/index.md"
        write_post(site, rel, POST.format(n=i))
        rels.append(rel)
    return rels


def selected(site: Path, shard: Shard | None, paths: tuple[Path, ...] = ()) -> set[str]:
    config = load_config(site)
    sources, _ = discover(config, paths, shard)
    return {config.relative(s.path) for s in sources}


@pytest.mark.parametrize("text, expected", [("1/1", Shard(1, 1)), ("2/4", Shard(2, 4)), (" 3 / 3 ", Shard(3, 3))])
def test_parse_shard(text: str, expected: Shard) -> None:
    assert parse_shard(text) == expected


@pytest.mark.parametrize("text", ["0/4", "5/4", "1/0", "0/0", "-1/2", "1", "a/b", "1/2/3", "", "1.5/2", "١/٢"])
def test_parse_shard_rejects_bad_input(text: str) -> None:
    with pytest.raises(UsageError) as error:
        parse_shard(text)
    assert "--shard" in str(error.value)
    assert error.value.exit_code == 2


@pytest.mark.parametrize("count", [1, 2, 3, 7])
def test_shards_partition_the_posts(site: Path, count: int) -> None:
    make_posts(site, 40)
    everything = selected(site, None)
    parts = [selected(site, Shard(i, count)) for i in range(1, count + 1)]
    assert set().union(*parts) == everything
    assert sum(len(p) for p in parts) == len(everything)  # disjoint
    if count <= 3:
        assert all(parts), "40 posts should leave no shard of 3 empty"


def test_shard_depends_only_on_the_content_relative_path(site: Path, tmp_path: Path) -> None:
    make_posts(site, 30)
    moved = tmp_path / "elsewhere" / "site2"
    shutil.copytree(site, moved)
    for i in (1, 2, 3):
        assert selected(site, Shard(i, 3)) == selected(moved, Shard(i, 3))


def test_shard_combines_with_paths(site: Path) -> None:
    make_posts(site, 30)
    folder = site / "content" / "posts" / "1"
    inside = selected(site, None, (folder,))
    for i in (1, 2):
        assert selected(site, Shard(i, 2), (folder,)) == selected(site, Shard(i, 2)) & inside


def test_sync_shards_write_disjoint_files_that_cover_the_site(site: Path) -> None:
    rels = make_posts(site, 12)
    before = {p for p in site.rglob("*") if p.is_file()}
    written: list[set[Path]] = []
    for i in (1, 2, 3):
        snapshot = {p: p.stat().st_mtime_ns for p in site.rglob("*") if p.is_file() and p.name != "lock"}
        result = runner.invoke(app, ["sync", "--site", str(site), "--engine", "pseudo", "--shard", f"{i}/3"])
        assert result.exit_code == 0, result.output
        now = {p: p.stat().st_mtime_ns for p in site.rglob("*") if p.is_file() and p.name != "lock"}
        written.append({p for p in now if snapshot.get(p) != now[p]})
    for a in range(3):
        for b in range(a + 1, 3):
            assert not written[a] & written[b]
    siblings = {p for p in site.rglob("*.en.md")}
    assert len(siblings) == len(rels)
    assert all(p not in before for p in siblings)
    again = runner.invoke(app, ["sync", "--site", str(site), "--engine", "pseudo"])
    assert again.output.startswith("posts: 0 translated")


def test_sync_shard_translates_only_its_posts(site: Path) -> None:
    make_posts(site, 12)
    mine = selected(site, Shard(2, 2))
    result = runner.invoke(app, ["sync", "--site", str(site), "--engine", "pseudo", "--shard", "2/2"])
    assert result.exit_code == 0, result.output
    done = {p.relative_to(site).as_posix().replace(".en.md", ".md") for p in site.rglob("*.en.md")}
    assert done == mine


@pytest.mark.parametrize("bad", ["3/2", "x"])
def test_sync_rejects_bad_shard_with_usage_error(site: Path, bad: str) -> None:
    make_posts(site, 2)
    result = runner.invoke(app, ["sync", "--site", str(site), "--engine", "pseudo", "--shard", bad])
    assert result.exit_code == 2
    assert f"--shard {bad}" in result.output
    assert not list(site.rglob("*.en.md"))


def test_sync_of_an_empty_shard_does_nothing(site: Path) -> None:
    make_posts(site, 1)
    empty = next(i for i in (1, 2) if not selected(site, Shard(i, 2)))
    result = runner.invoke(app, ["sync", "--site", str(site), "--engine", "pseudo", "--shard", f"{empty}/2"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("posts: 0 translated")
    assert not list(site.rglob("*.en.md"))
