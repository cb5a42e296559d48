from pathlib import Path

import pytest

from translate.errors import ConfigError, UsageError
from translate.site.config import load_config
from translate.site.discover import discover

from support.sites import write_post


def test_defaults_from_hugo_config(site: Path) -> None:
    config = load_config(site)
    assert config.source.key == "zh-cn"
    assert config.source.lang.tag == "zh-CN"
    assert [t.key for t in config.targets] == ["en"]
    assert config.source.label() == "zh-CN (简体中文)"
    assert config.content_dir == site.resolve() / "content"
    assert config.fields == ("title", "linkTitle", "summary", "description", "lead", "subtitle")


def test_translate_toml_overrides(site: Path) -> None:
    (site / "translate.toml").write_text('targets = ["en"]\nfields = ["title"]\nstale_policy = "retranslate"\n')
    config = load_config(site)
    assert config.fields == ("title",)
    assert config.stale_policy == "retranslate"


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("hugo.yaml", "defaultContentLanguage: zh-cn\nlanguages:\n  zh-cn: {languageCode: zh-CN}\n  en: {}\n"),
        ("config.json", '{"defaultContentLanguage": "zh-cn", "languages": {"zh-cn": {}, "en": {}}}'),
    ],
)
def test_other_config_formats(tmp_path: Path, name: str, text: str) -> None:
    (tmp_path / name).write_text(text)
    config = load_config(tmp_path)
    assert config.source.lang.tag == "zh-CN"
    assert [t.lang.tag for t in config.targets] == ["en"]


def test_broken_config_names_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "hugo.toml").write_text('title = "x"\n[languages\n')
    with pytest.raises(ConfigError) as info:
        load_config(tmp_path)
    assert "hugo.toml:2:" in str(info.value)


def test_missing_config_says_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="--site"):
        load_config(tmp_path)


def test_unknown_target_is_a_config_error(site: Path) -> None:
    (site / "translate.toml").write_text('targets = ["fr"]\n')
    with pytest.raises(ConfigError, match="not a language of the Hugo site"):
        load_config(site)


def test_discovery_groups_siblings_and_bundles(site: Path) -> None:
    write_post(site, "posts/a.md", "---\ntitle: 甲\n---\n正文。\n")
    write_post(site, "posts/a.en.md", "---\ntitle: A\n---\nBody.\n")
    write_post(site, "posts/b/index.zh-cn.md", "---\ntitle: 乙\n---\n正文。\n")
    write_post(site, "posts/_index.md", "---\ntitle: 文章\n---\n")
    write_post(site, "posts/c.fr.md", "---\ntitle: C\n---\n")  # fr is unknown to Hugo: default language
    config = load_config(site)
    sources, others = discover(config)
    names = [s.path.relative_to(site / "content").as_posix() for s in sources]
    assert names == ["posts/_index.md", "posts/a.md", "posts/b/index.zh-cn.md", "posts/c.fr.md"]
    a = sources[1]
    assert list(a.siblings) == ["en"]
    assert a.page.sibling(config.language("en")).name == "a.en.md"
    assert sources[2].page.sibling(config.language("en")).name == "index.en.md"
    assert [o.path.name for o in others] == ["a.en.md"]


def test_discovery_paths_must_be_inside_content(site: Path, tmp_path: Path) -> None:
    config = load_config(site)
    with pytest.raises(UsageError):
        discover(config, [tmp_path])


def test_unknown_engine_setting_is_a_config_error(site: Path) -> None:
    (site / "translate.toml").write_text('[engine]\nname = "argos"\nbeam = 4\n')
    with pytest.raises(ConfigError, match="unknown setting 'beam'"):
        load_config(site)


def test_broken_yaml_config_names_the_line(tmp_path: Path) -> None:
    (tmp_path / "hugo.yaml").write_text("title: x\nlanguages: [\n")
    with pytest.raises(ConfigError, match=r"hugo.yaml:\d+:"):
        load_config(tmp_path)


@pytest.mark.parametrize(
    ("toml", "words"),
    [
        ('targets = "en"\n', "targets must be a list of strings"),
        ("fields = [1]\n", "fields must be a list of strings"),
        ('glossary = "glossary/finance.csv"\n', "glossary must be a list of strings"),
        ("stale_policy = 3\n", "stale_policy must be a string"),
        ('[engine]\nbeam_size = "2"\n', "beam_size must be a whole number"),
        ("[engine]\ninter_threads = true\n", "inter_threads must be a whole number"),
        ("[engine]\ncompute_type = 8\n", "compute_type must be a string"),
        ('shortcodes = "figure"\n', "shortcodes must be a table"),
        ('[shortcodes]\nfigure = "caption"\n', "shortcodes.figure must be a list"),
    ],
)
def test_wrongly_typed_settings_name_the_file(site: Path, toml: str, words: str) -> None:
    (site / "translate.toml").write_text(toml)
    with pytest.raises(ConfigError, match=words) as caught:
        load_config(site)
    assert caught.value.path == site.resolve() / "translate.toml"


def test_a_config_that_is_not_utf8_names_its_line(tmp_path: Path) -> None:
    (tmp_path / "hugo.toml").write_bytes(b'title = "ok"\ndefaultContentLanguage = "\xff"\n')
    with pytest.raises(ConfigError, match="not UTF-8: byte 0xff") as caught:
        load_config(tmp_path)
    assert caught.value.line == 2


@pytest.mark.parametrize(
    ("languages", "words"),
    [("languages: [en, zh]\n", "not a table of languages"), ("languages:\n  en: english\n", "not a table of languages")],
)
def test_languages_that_are_no_table_are_a_config_error(tmp_path: Path, languages: str, words: str) -> None:
    (tmp_path / "hugo.yaml").write_text("defaultContentLanguage: en\n" + languages)
    with pytest.raises(ConfigError, match=words):
        load_config(tmp_path)


def test_a_bad_language_in_languages_toml_blames_that_file(tmp_path: Path) -> None:
    default = tmp_path / "config" / "_default"
    default.mkdir(parents=True)
    (default / "hugo.toml").write_text('defaultContentLanguage = "en"\n')
    (default / "languages.toml").write_text('[en]\nlanguageCode = "not a language!"\n')
    with pytest.raises(ConfigError) as caught:
        load_config(tmp_path)
    assert caught.value.path == default / "languages.toml"


def test_shortcode_prose_parameters_extend_and_override_the_defaults(site: Path) -> None:
    (site / "translate.toml").write_text('[shortcodes]\ntab = ["name"]\nfigure = []\nlink = [1, "title"]\n')
    params = load_config(site).shortcode_params
    assert params["tab"] == ("name",) and params["figure"] == () and params["link"] == (1, "title")
    assert params["admonition"] == ("title", 1)  # a default left alone


def test_languages_with_their_own_content_dir(tmp_path: Path) -> None:
    (tmp_path / "hugo.toml").write_text(
        'defaultContentLanguage = "zh-cn"\n[languages.zh-cn]\ncontentDir = "content/zh-cn"\n'
        '[languages.en]\ncontentDir = "content/en"\n', encoding="utf-8")
    config = load_config(tmp_path)
    root = tmp_path.resolve()
    assert config.language("en").content_dir == root / "content/en"
    assert config.content_dir == root / "content"  # holds both: memory mirrors it
    assert config.content_dirs() == {root / "content/zh-cn": config.language("zh-cn"),
                                     root / "content/en": config.language("en")}


def test_a_language_content_dir_outside_the_site_is_a_config_error(tmp_path: Path) -> None:
    (tmp_path / "hugo.toml").write_text('[languages.en]\ncontentDir = "../elsewhere"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="languages.en.contentDir"):
        load_config(tmp_path)
