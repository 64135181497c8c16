"""Fault injection at the configuration boundary (issue 19): every value a user can set is checked
where it enters, before anything is written, and reported as FILE:LINE: KEY: message (exit 2).

Every class here failed before the fix: `site_dir: content` replaced content/ with the site (exit 0),
`site_dir: .` replaced the project; `docs_dir` could point into content/; an empty topics.yml raised
TypeError, `languages: []` IndexError, an unknown language a missing catalog mid-build, a bad `dedupe`
value a library's ValueError; out-of-range numbers were used as given; mkdocs.yml was read only by
MkDocs, after the pages and PDFs were rewritten; several messages had no line.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator import cli
from generator.config import Config, ConfigError, DedupeSettings, Settings, documented_fields, load_config

from .conftest import REPO, copy_project


@pytest.fixture
def project(tmp_path) -> Path:
    root = copy_project(tmp_path / "project")
    (root / "marsad.yml").write_text("pdf: false\n", encoding="utf-8")
    return root


def problems_for(project: Path) -> list[str]:
    with pytest.raises(ConfigError) as caught:
        load_config(project)
    return [p.replace(f"{project}/", "") for p in caught.value.problems]


def settings_file(project: Path, text: str) -> None:
    (project / "marsad.yml").write_text(f"pdf: false\n{text}", encoding="utf-8")


def tree(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


RULE = "; output folders (docs_dir, site_dir) must be folders of their own inside the project"
WHERE_ON_LINE = re.compile(r"^[^\s:]+(?::\d+): [^\s:]+: ")  # FILE:LINE: KEY: ...


# ------------------------------------------------------------------ output folders

# (label, marsad.yml text, the problem; a comment says why the case matters)
FOLDER_CASES = [
    ("site replaces content", "site_dir: content\n",
     f"marsad.yml:2: site_dir: 'content' is content/, an input{RULE}"),  # the issue's data loss
    ("site replaces the project", "site_dir: .\n",
     f"marsad.yml:2: site_dir: '.' is the project folder itself{RULE}"),
    ("empty text is the project too", "site_dir: ''\n",
     f"marsad.yml:2: site_dir: '' is the project folder itself{RULE}"),
    ("docs above the project", "docs_dir: ..\n",
     f"marsad.yml:2: docs_dir: '..' is outside the project folder{RULE}"),
    ("docs inside the articles", "docs_dir: content/articles/x\n",
     f"marsad.yml:2: docs_dir: 'content/articles/x' lies inside content/, an input{RULE}"),
    ("a detour through .. still lands in content", "site_dir: build/../content/pages\n",
     f"marsad.yml:2: site_dir: 'build/../content/pages' lies inside content/, an input{RULE}"),
    ("absolute path outside", "site_dir: /tmp\n",
     f"marsad.yml:2: site_dir: '/tmp' is outside the project folder{RULE}"),
    ("the theme overrides", "docs_dir: overrides\n",
     f"marsad.yml:2: docs_dir: 'overrides' is overrides/, an input{RULE}"),
    ("inside the package", "site_dir: generator/templates\n",
     f"marsad.yml:2: site_dir: 'generator/templates' lies inside generator/, an input{RULE}"),
    ("the git folder", "docs_dir: .git\n",
     f"marsad.yml:2: docs_dir: '.git' is .git, an input{RULE}"),
    ("mkdocs.yml is a file the site would replace", "site_dir: mkdocs.yml\n",
     f"marsad.yml:2: site_dir: 'mkdocs.yml' is mkdocs.yml, an input{RULE}"),
    ("the settings file itself", "docs_dir: marsad.yml\n",
     f"marsad.yml:2: docs_dir: 'marsad.yml' is marsad.yml, an input{RULE}"),
    ("an input moved elsewhere is protected there", "articles_dir: news\nsite_dir: news\n",
     f"marsad.yml:3: site_dir: 'news' is articles_dir (news), an input{RULE}"),
    ("a folder holding an input", "pages_dir: public/pages\nsite_dir: public\n",
     f"marsad.yml:3: site_dir: 'public' contains pages_dir (public/pages), an input{RULE}"),
    ("the site swap would delete the docs", "site_dir: build\n",
     f"marsad.yml:2: site_dir: 'build' contains docs_dir (build/docs){RULE}"),
    ("both outputs in one folder", "site_dir: build/docs\n",
     f"marsad.yml:2: site_dir: 'build/docs' is docs_dir (build/docs){RULE}"),
]


@pytest.mark.parametrize("label", [c[0] for c in FOLDER_CASES])
def test_an_output_folder_never_overlaps_an_input_nor_leaves_the_project(project, label):
    _, text, expected = next(c for c in FOLDER_CASES if c[0] == label)
    for folder in ("news", "public/pages"):
        (project / folder).mkdir(parents=True)  # so the input settings themselves are valid
    settings_file(project, text)
    found = problems_for(project)
    assert found[0] == expected
    assert all(not p.startswith("marsad.yml") or p == expected for p in found), found  # said once


def test_a_symbolic_link_to_content_is_seen_through(project):
    (project / "public").symlink_to(project / "content", target_is_directory=True)
    settings_file(project, "site_dir: public\n")
    assert problems_for(project)[0] == f"marsad.yml:2: site_dir: 'public' is content/, an input{RULE}"


def test_an_existing_folder_that_is_no_built_site_is_not_replaced(project):
    (project / "notes").mkdir()
    (project / "notes" / "plan.md").write_text("mine\n", encoding="utf-8")
    settings_file(project, "site_dir: notes\n")
    assert problems_for(project)[0] == ("marsad.yml:2: site_dir: 'notes' is a folder that holds no built site "
                                        f"(no pagefind/), and a build replaces it whole{RULE}")


def test_outputs_of_their_own_are_accepted(project):
    """Negative case: other folders inside the project, agreed with mkdocs.yml, load."""
    (project / "public").mkdir()
    (project / "public" / "pagefind").mkdir()  # a site built before: every build indexes it
    settings_file(project, "site_dir: public\ndocs_dir: out/docs\n")
    mkdocs = project / "mkdocs.yml"
    mkdocs.write_text(mkdocs.read_text(encoding="utf-8").replace("docs_dir: build/docs", "docs_dir: out/docs")
                      .replace("site_dir: site", "site_dir: public"), encoding="utf-8")
    config = load_config(project)
    assert (config.site_dir, config.docs_dir) == (project / "public", project / "out" / "docs")


@pytest.mark.parametrize("text", ["site_dir: content\n", "site_dir: .\n", "docs_dir: ..\n",
                                  "docs_dir: content/articles/x\n"])
def test_the_issue_settings_stop_the_build_with_exit_2_and_content_untouched(project, text, capsys):
    settings_file(project, text)
    before, project_files = tree(project / "content"), sorted(p.name for p in project.iterdir())
    assert cli.main(["--root", str(project), "build"]) == cli.EXIT_CONFIG
    error = capsys.readouterr().err
    assert error.startswith("marsad: configuration error:\n  ") and f"marsad.yml:2: {text.split(':')[0]}: " in error
    assert tree(project / "content") == before
    assert sorted(p.name for p in project.iterdir()) == project_files  # nothing written: no build/, no site/


# ------------------------------------------------------------------ input paths

@pytest.mark.parametrize("text, expected", [
    ("topics_file: content/topic.yml\n", "marsad.yml:2: topics_file: 'content/topic.yml' does not exist"),
    ("articles_dir: content/article\n", "marsad.yml:2: articles_dir: 'content/article' does not exist"),
    ("pages_dir: content/topics.yml\n", "marsad.yml:2: pages_dir: 'content/topics.yml' is not a folder"),
    ("entities_file: content\n", "marsad.yml:2: entities_file: 'content' is not a file"),
    ("articles_dir: .\n", "marsad.yml:2: articles_dir: '.' is the project folder itself; name a folder inside it"),
    # texts no file system takes: each used to raise from pathlib (ValueError, UnicodeEncodeError)
    ('site_dir: "a\\0b"\n', "marsad.yml:2: site_dir: 'a\\x00b' holds a control character"),
    ('topics_file: "\\ud800.yml"\n', "marsad.yml:2: topics_file: '\\ud800.yml' is not valid text (a lone surrogate)"),
    (f"pages_dir: {'x' * 300}\n", f"marsad.yml:2: pages_dir: {'x' * 80!r}... is too long for a path"),
])
def test_input_paths_named_in_settings_exist(project, text, expected):
    settings_file(project, text)
    assert problems_for(project) == [expected]


# ------------------------------------------------------------------ numbers and choices

@pytest.mark.parametrize("text, expected", [
    ("dedupe: {threshold: 7}\n", "marsad.yml:2: dedupe.threshold: 7 is not between 0.05 and 0.9"),
    ("dedupe:\n  threshold: 1.0\n", "marsad.yml:3: dedupe.threshold: 1.0 is not between 0.05 and 0.9"),  # no bands
    ("dedupe: {threshold: .nan}\n", "marsad.yml:2: dedupe.threshold: nan is not between 0.05 and 0.9"),
    ("dedupe: {num_perm: 0}\n", "marsad.yml:2: dedupe.num_perm: 0 is not between 32 and 1024"),
    ("dedupe: {shingle_size: 0}\n", "marsad.yml:2: dedupe.shingle_size: 0 is not between 1 and 12"),
    ("stories: {similarity: -0.5}\n", "marsad.yml:2: stories.similarity: -0.5 is not between 0.01 and 1.0"),
    ("stories: {max_gap_days: -1}\n", "marsad.yml:2: stories.max_gap_days: -1 is not between 0 and 366"),
    ("stories: {entity_bonus: 3}\n", "marsad.yml:2: stories.entity_bonus: 3 is not between 0.0 and 0.5"),
    ("max_file_bytes: -5\n", "marsad.yml:2: max_file_bytes: -5 is not between 1000 and 1000000000"),
    ("max_file_bytes: yes\n", "marsad.yml:2: max_file_bytes: expected int, got bool"),  # YAML 1.1 boolean
    ("digest: {period: fortnight}\n", "marsad.yml:2: digest.period: 'fortnight' is not day, week or month"),
    ("digest: {period: Week}\n", "marsad.yml:2: digest.period: 'Week' is not day, week or month"),
    ("digest:\n  period: [week]\n", "marsad.yml:3: digest.period: expected str, got a list"),  # said once
    ("site_url: javascript:alert(1)\n", "marsad.yml:2: site_url: 'javascript:alert(1)' is not an absolute http(s) URL"),
])
def test_numbers_have_ranges_and_texts_their_choices(project, text, expected):
    settings_file(project, text)
    assert problems_for(project) == [expected]


def test_the_ends_of_the_ranges_are_accepted(project):
    settings_file(project, "dedupe: {threshold: 0.9, num_perm: 32, shingle_size: 12}\n"
                           "stories: {similarity: 1, max_gap_days: 0, entity_bonus: 0}\nmax_file_bytes: 1000\n")
    assert load_config(project).settings.dedupe == DedupeSettings(threshold=0.9, num_perm=32, shingle_size=12)


@pytest.mark.parametrize("threshold", [0.05, 0.5, 0.9])
@pytest.mark.parametrize("num_perm", [32, 1024])
def test_every_corner_of_the_dedupe_ranges_gives_minhash_bands(threshold, num_perm):
    """The declared ranges are the ones the library accepts: no value in them raises at build time."""
    from generator.dedupe import _bands

    assert len(_bands(threshold, num_perm)) >= 2


def test_marsad_settings_shows_each_range():
    shown = dict(documented_fields(Settings))
    assert shown["dedupe.threshold"].endswith("Range: 0.05 to 0.9.")
    assert shown["digest.period"].endswith("One of: day, week, month.")
    assert "strictly inside the project" in shown["site_dir"]


# ------------------------------------------------------------------ languages

@pytest.mark.parametrize("text, expected", [
    ("languages: []\n", ["marsad.yml:2: languages: the list is empty (at least one language is needed)"]),
    ("languages: [ar, de]\n", ["marsad.yml:2: languages[1]: 'de' has no message catalog (generator/locales/de/"
                               "LC_MESSAGES/messages.po is missing; see the README's 'Add a language')"]),
    ("languages:\n  - ar\n  - en\n  - ar\n", ["marsad.yml:5: languages[2]: 'ar' is listed twice"]),
    ("languages:\n  - arabic\n", ["marsad.yml:3: languages[0]: 'arabic' is not a two-letter language code"]),
    ("languages:\n  - ar\n  - 7\n", ["marsad.yml:4: languages[1]: expected str, got int"]),  # its own line
    ("languages: ar\n", ["marsad.yml:2: languages: expected a list, got text"]),
])
def test_languages_are_listed_once_each_with_a_catalog(project, text, expected):
    settings_file(project, text)
    assert problems_for(project) == expected


@pytest.mark.parametrize("languages", [("en",), ("en", "ar")])
def test_english_needs_no_catalog(project, languages):
    settings_file(project, f"languages: [{', '.join(languages)}]\n")
    assert load_config(project).settings.languages == languages


# ------------------------------------------------------------------ empty and misshapen files

@pytest.mark.parametrize("name, text, expected", [
    ("content/topics.yml", "", "content/topics.yml:1: (top): the file is empty (expected a mapping with topics)"),
    ("content/topics.yml", "# all commented out\n",
     "content/topics.yml:1: (top): the file is empty (expected a mapping with topics)"),
    ("content/topics.yml", "\n# taxonomy\n- minurso\n", "content/topics.yml:3: (top): expected a mapping, got a list"),
    ("content/topics.yml", "topics: []\n", "content/topics.yml:1: topics: the list is empty (at least one topic "
                                            "is needed)"),
    ("content/topics.yml", "topics:\n  - 5\n", "content/topics.yml:2: topics[0]: expected a mapping, got int"),
    ("content/entities.yml", "", "content/entities.yml:1: (top): the file is empty (expected a mapping with "
                                 "entities)"),
    ("content/outlets.yml", "42\n", "content/outlets.yml:1: (top): expected a mapping, got int"),
    ("marsad.yml", "- pdf\n", "marsad.yml:1: (top): expected a mapping, got a list"),
])
def test_an_empty_or_misshapen_file_is_a_reported_problem(project, name, text, expected):
    (project / name).write_text(text, encoding="utf-8")
    assert problems_for(project) == [expected]


def test_an_empty_settings_file_means_the_defaults(project):
    (project / "marsad.yml").write_text("# every setting at its default\n", encoding="utf-8")
    assert load_config(project).settings == Settings()


def test_a_topic_problem_found_after_the_schema_has_its_line(project):
    (project / "content" / "topics.yml").write_text(
        "topics:\n  - id: a\n    label: {ar: أ, en: A}\n    terms: [المينورسو]\n"
        "  - id: Bad_Id\n    label: {ar: ب, en: B}\n    terms: [البوليساريو]\n", encoding="utf-8")
    assert problems_for(project) == ["content/topics.yml:5: topics[1].id: 'Bad_Id' must be lowercase letters, "
                                     "digits and hyphens"]


# ------------------------------------------------------------------ mkdocs.yml

def edit_mkdocs(project: Path, old: str, new: str) -> None:
    path = project / "mkdocs.yml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.mark.parametrize("old, new, expected", [
    ("docs_dir: build/docs", "docs_dir: content", "mkdocs.yml:4: docs_dir: 'content' is content/, an input"),
    ("site_dir: site", "site_dir: content/..", "mkdocs.yml:5: site_dir: 'content/..' is the project folder itself"),
    ("docs_dir: build/docs", "docs_dir: build/other",
     "mkdocs.yml:4: docs_dir: 'build/other' is not marsad.yml's docs_dir 'build/docs'; both must name the same folder"),
    ("docs_dir: build/docs\n", "",  # MkDocs would read its default docs/, not the generated pages
     "mkdocs.yml:3: docs_dir: not set (MkDocs' default 'docs') is not marsad.yml's docs_dir 'build/docs'; "
     "both must name the same folder"),
    ("docs_dir: build/docs", "docs_dir: [build]", "mkdocs.yml:4: docs_dir: expected text, got a list"),
    ("strict: false\n", "strict: false\nnav: [unclosed\n", "mkdocs.yml:80: invalid YAML: expected ',' or ']', "
                                                            "but got '<stream end>'"),
])
def test_mkdocs_folders_are_checked_before_anything_is_written(project, old, new, expected, capsys):
    edit_mkdocs(project, old, new)
    if "unclosed" in new:  # the flow list runs to the end of the file
        (project / "mkdocs.yml").write_text((project / "mkdocs.yml").read_text(encoding="utf-8")
                                            .split("nav: [unclosed\n")[0] + "nav: [unclosed\n", encoding="utf-8")
        expected = expected.replace(":80:", f":{len((project / 'mkdocs.yml').read_text().splitlines()) + 1}:")
    assert problems_for(project) == [expected]
    assert cli.main(["--root", str(project), "build"]) == cli.EXIT_CONFIG
    assert expected in capsys.readouterr().err
    assert not (project / "build").exists() and not (project / "site").exists()


def test_mkdocs_yml_that_is_no_mapping(project):
    (project / "mkdocs.yml").write_text("# the site\n- material\n", encoding="utf-8")
    assert problems_for(project) == ["mkdocs.yml:2: (top): expected a mapping, got a list"]


def test_mkdocs_python_and_env_tags_are_tolerated(project):
    """Negative case: tags only MkDocs evaluates are read as unknown values, never an error."""
    edit_mkdocs(project, "site_dir: site", "site_dir: !ENV [SITE_DIR, site]")
    edit_mkdocs(project, "  - generator.rawblocks\n", "  - generator.rawblocks\n  - pymdownx.emoji:\n"
                "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n")
    assert isinstance(load_config(project), Config)


# ------------------------------------------------------------------ every message placed

def test_every_problem_names_file_line_and_key(project):
    settings_file(project, "site_dir: content\nlanguages: [ar, xx, ar]\ndedupe: {num_perm: 1}\nfoo: 1\n")
    (project / "content" / "topics.yml").write_text(
        "topics:\n  - id: A\n    label: {ar: أ}\n    terms: ['!!!']\n  - id: A\n    label: {ar: ب, en: B}\n"
        "    terms: [x]\n", encoding="utf-8")
    (project / "content" / "entities.yml").write_text(
        "entities:\n  - id: e\n    type: planet\n    name: {ar: أ, en: A}\n", encoding="utf-8")
    found = problems_for(project)
    assert len(found) >= 9
    for problem in found:
        assert WHERE_ON_LINE.match(problem), problem


# ------------------------------------------------------------------ any YAML: a Config or a ConfigError

SETTING_KEYS = [key for key, _ in documented_fields(Settings)]
CONTENT_KEYS = ["topics", "outlets", "entities", "id", "label", "name", "terms", "type", "variants", "ar", "en",
                "requires", "excludes", "cues", "url"]
PATHS_AND_CODES = [".", "..", "content", "/", "site", "ar", "en", "day", "", "x/..", "a\0b", "\ud800", "x" * 300,
                   "content/articles", "mkdocs.yml", "build/docs"]  # values the folder and language checks see
scalars = (st.none() | st.booleans() | st.integers(-10**12, 10**12) | st.floats(allow_nan=True)
           | st.text(max_size=12) | st.sampled_from(PATHS_AND_CODES))
keys = st.sampled_from(sorted({k.split(".")[-1] for k in SETTING_KEYS} | set(CONTENT_KEYS))) | st.text(max_size=8)
documents = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4)
                         | st.dictionaries(keys, inner, max_size=5), max_leaves=25)
FILES = ["marsad.yml", "content/topics.yml", "content/entities.yml", "content/outlets.yml"]


def dump(document) -> str:
    return yaml.safe_dump(document, allow_unicode=True)


@pytest.fixture(scope="module")
def fuzz_project(tmp_path_factory) -> Path:
    return copy_project(tmp_path_factory.mktemp("fuzz"))


def assert_config_or_error(root: Path) -> None:
    try:
        result = load_config(root)
    except ConfigError as error:
        assert error.problems and all(isinstance(p, str) and p for p in error.problems)
    else:
        assert isinstance(result, Config)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.sampled_from(FILES),
       text=documents.map(dump) | st.text(max_size=200)
       | st.lists(st.sampled_from(["a:", " - b", "[", "{x: 1}", "&a [*a]", "!!python/name:os.system",
                                   "? [1]\n: 2", "\t", "%YAML 1.1", "---", "...", "topics: [", "'\\0'"]),
                  max_size=6).map("\n".join))
def test_any_yaml_in_any_config_file_gives_a_config_or_a_configerror(fuzz_project, name, text):
    path = fuzz_project / name
    original = path.read_bytes() if path.exists() else None
    try:
        path.write_text(text, encoding="utf-8")
        assert_config_or_error(fuzz_project)
    finally:
        path.unlink(missing_ok=True)
        if original is not None:
            path.write_bytes(original)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(values=st.dictionaries(st.sampled_from(SETTING_KEYS), documents, max_size=5))
def test_any_values_under_the_real_settings_keys_give_a_config_or_a_configerror(fuzz_project, values):
    """Values placed where the schema looks (nested keys as their mapping), so every check runs."""
    settings_data: dict = {}
    for key, value in values.items():
        head, _, tail = key.partition(".")
        if tail:
            section = settings_data.setdefault(head, {})
            if isinstance(section, dict):
                section[tail] = value
        else:
            settings_data[key] = value
    path = fuzz_project / "marsad.yml"
    try:
        path.write_text(dump(settings_data), encoding="utf-8")
        assert_config_or_error(fuzz_project)
    finally:
        path.unlink(missing_ok=True)
