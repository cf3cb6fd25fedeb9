"""The one project: the same root, paths and architecture from wherever a command runs."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from integration_spec.project import find_root, load_project
from integration_spec.project.architecture import header_reference, reference_target
from integration_spec.project.globs import GlobError, check_glob, excluded_by, matches_glob
from integration_spec.source import InputError
from tests.conftest import EXAMPLE

ARCHITECTURE = "docs/architecture/SYSTEM-ARCHITECTURE.md"


@pytest.fixture
def shop(tmp_path: Path) -> Path:
    target = tmp_path / "shop"
    shutil.copytree(EXAMPLE, target)
    return target


def test_the_root_is_found_from_any_folder_of_the_project(shop: Path) -> None:
    for start in (shop, shop / "features", shop / "features" / "integrations", shop / "docs"):
        assert find_root(start) == shop
    assert find_root(shop / "features" / "integrations" / "guest-checkout.md") == shop


def test_without_configuration_the_folder_holding_the_specs_is_the_root(shop: Path) -> None:
    (shop / "pyproject.toml").unlink()
    (shop.parent / ".git").mkdir()
    assert find_root(shop / "features" / "integrations") == shop


def test_without_any_sign_the_repository_top_is_the_root(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    nested = tmp_path / "a" / "b"
    nested.mkdir(parents=True)
    assert find_root(nested) == tmp_path


def test_paths_are_shown_from_the_working_directory_and_keyed_from_the_root(shop: Path) -> None:
    inside = shop / "features" / "integrations"
    project = load_project(inside, cwd=inside)
    spec = inside / "guest-checkout.md"
    assert project.shown(spec) == "guest-checkout.md"
    assert project.shown(shop / ARCHITECTURE) == f"../../{ARCHITECTURE}"
    assert project.key(spec) == "features/integrations/guest-checkout.md"
    from_root = load_project(shop, cwd=shop)
    assert from_root.key("features/integrations/guest-checkout.md") == project.key(spec)
    assert project.shown("/elsewhere/x.md") == "/elsewhere/x.md"


def test_the_configured_specs_are_the_same_from_any_folder(shop: Path) -> None:
    (shop / "features" / "integrations" / "README.md").write_text("# About\n", encoding="utf-8")
    (shop / "features" / "integrations" / "_template.md").write_text("# T\n", encoding="utf-8")
    found = {
        tuple(path.name for path in load_project(start, cwd=start).spec_files().files)
        for start in (shop, shop / "features" / "integrations", shop / "docs")
    }
    assert found == {("guest-checkout.md", "order-fulfillment.md", "price-sync.md")}


def test_a_file_named_explicitly_is_read_even_when_excluded_unless_forced(shop: Path) -> None:
    readme = shop / "features" / "integrations" / "README.md"
    readme.write_text("# About\n", encoding="utf-8")
    project = load_project(shop, cwd=shop)
    assert project.spec_files([str(readme)]).files == (readme,)
    forced = project.spec_files([str(readme)], force_exclude=True)
    assert (forced.files, forced.skipped) == ((), (readme,))


def test_a_folder_without_specs_is_an_input_error(shop: Path) -> None:
    empty = shop / "empty"
    empty.mkdir()
    project = load_project(shop, cwd=shop)
    with pytest.raises(InputError) as raised:
        project.spec_files([str(empty)])
    assert raised.value.diagnostic.code == "IO012"
    selection = project.spec_files([str(empty), "features/integrations"])
    assert selection.empty == (empty,)
    assert len(selection.files) == 3


def test_no_specs_at_all_is_an_input_error(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    with pytest.raises(InputError) as raised:
        load_project(tmp_path, cwd=tmp_path).spec_files()
    assert raised.value.diagnostic.code == "IO012"


def test_architecture_lookup_is_configuration_then_header_then_default(shop: Path) -> None:
    other = shop / "docs" / "other.md"
    shutil.copy(shop / ARCHITECTURE, other)
    spec = shop / "features" / "integrations" / "guest-checkout.md"
    configured = load_project(shop, cwd=shop)
    assert configured.architecture_for(spec, "docs/other.md") == shop / ARCHITECTURE
    (shop / "pyproject.toml").unlink()
    (shop / ".git").mkdir()
    plain = load_project(shop, cwd=shop)
    assert plain.architecture_for(spec, "docs/other.md") == other
    assert plain.architecture_for(spec, "../../docs/other.md") == other
    assert plain.architecture_for(spec, "docs/missing.md") == shop / ARCHITECTURE
    assert plain.architecture_for(spec, None) == shop / ARCHITECTURE
    (shop / ARCHITECTURE).unlink()
    assert plain.architecture_for(spec, None) is None


@pytest.mark.parametrize(
    "reference",
    [
        "docs/" + "a" * 300 + ".md",
        "/".join(["deep"] * 2000),
        "docs/\x00.md",
        "x" * 100_000,
    ],
    ids=["name-too-long", "path-too-long", "nul", "huge"],
)
def test_an_unusable_header_reference_never_raises(shop: Path, reference: str) -> None:
    project = load_project(shop / "features", cwd=shop)
    (shop / "pyproject.toml").unlink()
    spec = shop / "features" / "integrations" / "guest-checkout.md"
    assert project.architecture_for(spec, reference) == shop / ARCHITECTURE


def test_the_header_reference_is_read_from_the_header_alone() -> None:
    text = "# Integration: T\n\n**Architecture:** docs/a.md\n\n## Overview\n\n**Architecture:** b\n"
    assert header_reference(text) == "docs/a.md"
    assert header_reference("## Overview\n\n**Architecture:** docs/a.md\n") is None


@pytest.mark.parametrize(
    ("value", "target"),
    [
        ("docs/a.md", "docs/a.md"),
        ("`docs/a.md`", "docs/a.md"),
        ("[the architecture](docs/a.md)", "docs/a.md"),
        ('[a](docs/a.md "title")', "docs/a.md"),
        ("<docs/a.md>", "docs/a.md"),
        ("docs/a.md#modules", "docs/a.md"),
        ("https://example.com/a.md", None),
        ("", None),
    ],
)
def test_reference_targets(value: str, target: str | None) -> None:
    assert reference_target(value) == target


@pytest.mark.parametrize(
    ("pattern", "path", "matched"),
    [
        ("features/integrations/**/*.md", "features/integrations/a.md", True),
        ("features/integrations/**/*.md", "features/integrations/x/y/a.md", True),
        ("features/*.md", "features/x/a.md", False),
        ("legacy-*.md", "features/integrations/legacy-x.md", True),
        ("**", "anything/at/all.md", True),
        ("features/?.md", "features/ab.md", False),
    ],
)
def test_globs_have_pathlibs_meaning(pattern: str, path: str, matched: bool) -> None:
    assert matches_glob(pattern, path) is matched


def test_excluding_a_folder_excludes_what_is_below_it() -> None:
    assert excluded_by(("features/old",), "features/old/a.md") == "features/old"
    assert excluded_by(("features/old/**",), "features/old/a/b.md") == "features/old/**"
    assert excluded_by(("_*",), "features/_drafts/a.md") == "_*"
    assert excluded_by(("**/README.md",), "features/integrations/README.md") == "**/README.md"
    assert excluded_by(("**/README.md",), "features/integrations/readme-flow.md") is None


@pytest.mark.parametrize("pattern", ["", " ", "/x/*.md", "C:/x.md", "a/**x", "../x", "a\x00b"])
def test_unusable_globs_are_refused(pattern: str) -> None:
    with pytest.raises(GlobError):
        check_glob(pattern)
