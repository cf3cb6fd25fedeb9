"""Configuration is found upward, validated, and names what is wrong."""

from __future__ import annotations

from pathlib import Path

import pytest

from integration_spec.check.config import load_config, matches
from integration_spec.source import InputError

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
        ('select = "ST"\n', "CF003", "'select' must be a list of strings", None),
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
