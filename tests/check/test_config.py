"""Configuration is found upward, validated, and names what is wrong."""

from __future__ import annotations

from pathlib import Path

import pytest

from integration_spec.check.config import DEFAULT_EXCLUDE, load_config, matches
from integration_spec.source import InputError
from tests.robust import reproducers, write_case

CODES = frozenset({"ST001", "ST002", "DF001", "PS001"})


def _write(root: Path, name: str, text: str) -> Path:
    path = root / name
    path.write_text(text, encoding="utf-8")
    return path


def test_pyproject_table_is_found_from_a_subdirectory(tmp_path: Path) -> None:
    _write(
        tmp_path,
        "pyproject.toml",
        '[tool.integration-spec]\narchitecture = "arch.md"\nignore = ["DF"]\n',
    )
    nested = tmp_path / "features" / "integrations"
    nested.mkdir(parents=True)
    config = load_config(nested, CODES)
    assert config.root == tmp_path.resolve()
    assert config.architecture_path() == tmp_path.resolve() / "arch.md"
    assert config.ignore == ("DF",)


def test_dedicated_file_wins_over_pyproject(tmp_path: Path) -> None:
    _write(tmp_path, "pyproject.toml", '[tool.integration-spec]\nselect = ["DF"]\n')
    _write(tmp_path, ".integration-spec.toml", 'select = ["ST"]\n')
    assert load_config(tmp_path, CODES).select == ("ST",)


def test_without_configuration_defaults_apply(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    config = load_config(tmp_path, CODES)
    assert config.source is None
    assert config.architecture == "docs/architecture/SYSTEM-ARCHITECTURE.md"


@pytest.mark.parametrize(
    ("text", "code", "fragment", "line"),
    [
        (
            'architecture = "a"\nignroe = ["DF"]\n',
            "CF002",
            "unknown setting 'ignroe'; did you mean 'ignore'?",
            2,
        ),
        (
            'ignore = ["ST009"]\n',
            "CF004",
            "unknown rule code 'ST009' in 'ignore'; did you mean ST00",
            1,
        ),
        (
            '[severity]\nST001 = "loud"\n',
            "CF003",
            "must be error, warning, info or off, not 'loud'",
            2,
        ),
        ('select = "ST"\n', "CF003", "'select' must be a list of strings", 1),
        ("select = [\n", "CF001", "invalid TOML", 1),
    ],
)
def test_invalid_configuration_names_the_problem(
    tmp_path: Path, text: str, code: str, fragment: str, line: int | None
) -> None:
    _write(tmp_path, ".integration-spec.toml", text)
    with pytest.raises(InputError) as raised:
        load_config(tmp_path, CODES)
    diagnostic = raised.value.diagnostic
    assert diagnostic.code == code
    assert fragment in diagnostic.message
    assert diagnostic.line == line
    assert diagnostic.path.endswith(".integration-spec.toml")


def test_prefixes_and_all_select_codes() -> None:
    assert matches("DF002", ("DF",))
    assert matches("DF002", ("ALL",))
    assert not matches("DF002", ("ST", "DF1"))


@pytest.mark.parametrize("case", reproducers()["configs"], ids=lambda case: case["name"])
def test_a_configuration_that_used_to_crash_is_one_coded_error_naming_it(
    tmp_path: Path, case: dict[str, str]
) -> None:
    (tmp_path / ".git").mkdir()
    path = write_case(case, tmp_path, "pyproject.toml")
    with pytest.raises(InputError) as raised:
        load_config(tmp_path, CODES)
    diagnostic = raised.value.diagnostic
    assert diagnostic.code == case["code"]
    assert case["fragment"] in diagnostic.message
    assert diagnostic.path.endswith(path.name)


def test_a_pyproject_without_our_table_is_no_configuration(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    _write(tmp_path, "pyproject.toml", "[tool.ruff]\nline-length = 100\n")
    assert load_config(tmp_path, CODES).source is None


def test_exclude_replaces_the_default_and_extend_exclude_adds_to_it(tmp_path: Path) -> None:
    _write(tmp_path, ".integration-spec.toml", 'extend-exclude = ["**/drafts/**"]\n')
    assert load_config(tmp_path, CODES).exclude == (*DEFAULT_EXCLUDE, "**/drafts/**")
    _write(tmp_path, ".integration-spec.toml", 'exclude = ["old/*.md"]\n')
    assert load_config(tmp_path, CODES).exclude == ("old/*.md",)


def test_codes_are_checked_only_when_a_setting_names_one(tmp_path: Path) -> None:
    """Reading the rules costs start-up time; a configuration without codes never does."""
    asked = []

    def codes() -> frozenset[str]:
        asked.append(True)
        return CODES

    _write(tmp_path, ".integration-spec.toml", 'architecture = "a.md"\n')
    load_config(tmp_path, codes)
    assert not asked
    _write(tmp_path, ".integration-spec.toml", 'select = ["ST"]\n')
    load_config(tmp_path, codes)
    assert asked


def test_per_path_ignores_match_from_the_root_wherever_the_run_starts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _write(
        tmp_path,
        ".integration-spec.toml",
        '[per-path-ignores]\n"features/integrations/legacy-*.md" = ["ST"]\n"notes.md" = ["DF"]\n',
    )
    config = load_config(tmp_path, CODES)
    inside = tmp_path / "features" / "integrations"
    inside.mkdir(parents=True)
    monkeypatch.chdir(inside)
    assert config.per_path_codes("legacy-x.md") == ("ST",)
    monkeypatch.chdir(tmp_path)
    assert config.per_path_codes("features/integrations/legacy-x.md") == ("ST",)
    assert config.per_path_codes("features/integrations/x.md") == ()
    assert config.per_path_codes("features/deep/notes.md") == ("DF",)
