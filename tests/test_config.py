"""Configuration errors stop the build with one message naming file, line and key."""

from pathlib import Path

import pytest

from generator.config import ConfigError, Settings, documented_fields, load_config

from .conftest import REPO, copy_project


@pytest.fixture
def project(tmp_path) -> Path:
    return copy_project(tmp_path)


def problems_for(project: Path) -> list[str]:
    with pytest.raises(ConfigError) as caught:
        load_config(project)
    return [p.replace(str(project) + "/", "") for p in caught.value.problems]


def test_shipped_configuration_is_valid():
    config = load_config(REPO)
    assert {"minurso", "peacekeeping", "de-mistura"} <= {t.id for t in config.topics}


def test_unknown_key_names_file_line_and_key(project):
    (project / "marsad.yml").write_text("site_url: ''\narticle_dir: x\n", encoding="utf-8")
    assert problems_for(project) == [
        "marsad.yml:2: article_dir: unknown key (known keys: articles_dir, dedupe, digest, docs_dir, "
        "entities_file, feeds, languages, max_file_bytes, outlets_file, pages_dir, pdf, search_archive, site_dir, site_name, "
        "site_url, stories, topics_file, translate_command, translate_url)"
    ]


def test_bad_yaml_names_the_line(project):
    (project / "content" / "topics.yml").write_text("topics:\n  - id: a\n    label: [unclosed\n", encoding="utf-8")
    (problem,) = problems_for(project)
    assert problem.startswith("content/topics.yml:") and "invalid YAML" in problem


def test_wrong_type_and_missing_key(project):
    (project / "content" / "topics.yml").write_text(
        "topics:\n  - id: minurso\n    label: {ar: أ, en: A}\n    terms: المينورسو\n  - id: x\n    terms: [a]\n",
        encoding="utf-8")
    assert problems_for(project) == [
        "content/topics.yml:4: topics[0].terms: expected a list, got text",
        "content/topics.yml:5: topics[1].label: required key is missing",
    ]  # no second problem at topics[0].terms: a key whose type is wrong is reported once


def test_all_problems_are_reported_together(project):
    (project / "marsad.yml").write_text("digest: {period: fortnight}\nmax_file_bytes: big\n", encoding="utf-8")
    found = problems_for(project)
    assert len(found) == 2
    assert any("max_file_bytes: expected int, got text" in p for p in found)
    assert any("digest.period: 'fortnight' is not day, week or month" in p for p in found)


def test_every_setting_is_documented_in_the_readme():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for key, text in documented_fields(Settings):
        assert text, f"{key} has no doc"
        assert f"`{key}`" in readme, f"setting {key} is not in the README"
