"""Triage: the decision tree, from a spec, a module list and a real git repository."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from integration_spec import load_architecture, parse_spec
from integration_spec.analysis import api
from integration_spec.analysis.changes import looks_like_interface, module_of
from integration_spec.facts.triage import (
    COMPLEX_ROLLBACK,
    DATA_FLOWS,
    MULTIPLE_AGGREGATES,
    SHARED_INTERFACES,
    Flags,
    decide,
)
from integration_spec.model.analysis import Decision
from integration_spec.model.architecture import Architecture, Module
from integration_spec.source import InputError
from tests.conftest import EXAMPLE, FIXTURES

YES = (True, "flag")
NO = (False, "flag")


@pytest.mark.parametrize(
    ("modules", "values", "decision"),
    [
        (["a", "b", "c"], {}, Decision.INTEGRATION_SPEC),
        (["a"], {DATA_FLOWS: YES, COMPLEX_ROLLBACK: YES}, Decision.FEATURE_BRIEF),
        ([], {}, Decision.FEATURE_BRIEF),
        (["a", "b"], {DATA_FLOWS: YES, COMPLEX_ROLLBACK: YES}, Decision.INTEGRATION_SPEC),
        (["a", "b"], {DATA_FLOWS: YES, SHARED_INTERFACES: YES}, Decision.INTEGRATION_SPEC),
        (["a", "b"], {DATA_FLOWS: YES, MULTIPLE_AGGREGATES: YES}, Decision.INTEGRATION_SPEC),
        (["a", "b"], {DATA_FLOWS: YES}, Decision.FEATURE_BRIEF),
        (["a", "b"], {DATA_FLOWS: NO, COMPLEX_ROLLBACK: YES}, Decision.FEATURE_BRIEF),
        (["a", "b"], {COMPLEX_ROLLBACK: YES}, Decision.FEATURE_BRIEF),
    ],
)
def test_decision_tree(
    modules: list[str], values: dict[str, tuple[bool, str]], decision: Decision
) -> None:
    result = decide("modules", modules, values)
    assert result.decision is decision
    assert [item.name for item in result.indicators] == [
        "Modules modified",
        DATA_FLOWS,
        COMPLEX_ROLLBACK,
        SHARED_INTERFACES,
        MULTIPLE_AGGREGATES,
    ]


def test_unknown_indicators_are_shown_as_unknown() -> None:
    result = decide("modules", ["a", "b"], {})
    assert [item.value for item in result.indicators[1:]] == ["unknown"] * 4
    assert {item.source for item in result.indicators[1:]} == {"not given"}


def test_from_the_example_spec() -> None:
    spec = parse_spec(EXAMPLE / "features/integrations/guest-checkout.md")
    shop = load_architecture(EXAMPLE / "docs/architecture/SYSTEM-ARCHITECTURE.md")
    result = api.triage_spec(spec, shop)
    assert result.decision is Decision.INTEGRATION_SPEC
    assert [item.value for item in result.indicators] == ["7", "yes", "yes", "yes", "yes"]
    assert result.indicators[4].source == "architecture"


def test_from_the_trip_spec_without_architecture() -> None:
    result = api.triage_spec(parse_spec(FIXTURES / "analysis" / "trip-booking.md"))
    assert result.decision is Decision.INTEGRATION_SPEC
    assert result.indicators[2].value == "yes"  # the flight's failure undoes hotel and car


def test_module_list_is_checked_against_the_architecture() -> None:
    shop = load_architecture(EXAMPLE / "docs/architecture/SYSTEM-ARCHITECTURE.md")
    with pytest.raises(InputError) as raised:
        api.triage_modules(["cart", "chekout"], Flags(), shop)
    assert raised.value.diagnostic.code == "AN005"
    assert "did you mean 'checkout'" in raised.value.diagnostic.message


def test_module_list_with_architecture_infers_flows_and_aggregates() -> None:
    shop = load_architecture(EXAMPLE / "docs/architecture/SYSTEM-ARCHITECTURE.md")
    result = api.triage_modules(["Cart", "checkout"], Flags(complex_rollback=True), shop)
    assert result.modules == ("cart", "checkout")
    values = {item.name: (item.value, item.source) for item in result.indicators}
    assert values[DATA_FLOWS] == ("yes", "architecture")
    assert values[COMPLEX_ROLLBACK] == ("yes", "flag")
    assert result.decision is Decision.INTEGRATION_SPEC


ARCHITECTURE = Architecture(
    modules=(
        Module(name="orders", source_paths=("services/order-service/",)),
        Module(name="payments"),
        Module(name="inventory"),
    )
)


@pytest.mark.parametrize(
    ("path", "module"),
    [
        ("services/order-service/handler.go", "orders"),
        ("internal/domain/payments/charge.go", "payments"),
        ("src/modules/inventory/reserve.ts", "inventory"),
        ("adapters/http/payments/routes.py", "payments"),
        ("lib/inventory/stock.rb", "inventory"),
        ("README.md", None),
        ("docs/architecture/SYSTEM-ARCHITECTURE.md", None),
    ],
)
def test_files_map_to_modules(path: str, module: str | None) -> None:
    assert module_of(path, ARCHITECTURE) == module


def test_layouts_work_without_an_architecture(tmp_path: Path) -> None:
    (tmp_path / "billing").mkdir()
    (tmp_path / "billing" / "__init__.py").write_text("")
    assert module_of("src/modules/orders/x.py", None, tmp_path) == "orders"
    assert module_of("billing/invoice.py", None, tmp_path) == "billing"
    assert module_of("tests/test_x.py", None, tmp_path) is None


def test_shared_contracts_are_recognised() -> None:
    assert looks_like_interface("api/openapi.yaml")
    assert looks_like_interface("proto/orders.proto")
    assert looks_like_interface("src/contracts/order.ts")
    assert not looks_like_interface("src/modules/orders/service.py")


def _git(repo: Path, *arguments: str) -> None:
    subprocess.run(
        ["git", "-C", str(repo), *arguments],
        check=True,
        capture_output=True,
        env={
            "GIT_AUTHOR_NAME": "t",
            "GIT_AUTHOR_EMAIL": "t@example.com",
            "GIT_COMMITTER_NAME": "t",
            "GIT_COMMITTER_EMAIL": "t@example.com",
            "HOME": str(repo),
            "PATH": "/usr/bin:/bin:/usr/local/bin",
        },
    )


def _write(repo: Path, path: str, text: str = "x\n") -> None:
    target = repo / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text)


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    """A repository with a base commit, then a commit touching three modules."""
    repo = tmp_path / "repo"
    repo.mkdir()
    _git(repo, "init", "-q", "-b", "main")
    _write(repo, "README.md")
    _write(repo, "src/modules/orders/service.py")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "base")
    _git(repo, "tag", "base")
    _write(repo, "src/modules/orders/service.py", "changed\n")
    _write(repo, "src/modules/payments/charge.py")
    _write(repo, "src/modules/inventory/reserve.py")
    _write(repo, "docs/notes.md")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "feature")
    return repo


def test_diff_across_three_modules_needs_an_integration_spec(repository: Path) -> None:
    result = api.triage_diff("base", repository)
    assert result.decision is Decision.INTEGRATION_SPEC
    assert set(result.modules) == {"orders", "payments", "inventory"}
    assert result.unmapped_files == ("docs/notes.md",)
    assert result.files_by_module["payments"] == ("src/modules/payments/charge.py",)


def test_diff_of_one_module_needs_a_feature_brief(repository: Path) -> None:
    _write(repository, "src/modules/orders/service.py", "again\n")
    result = api.triage_diff("HEAD", repository)
    assert result.decision is Decision.FEATURE_BRIEF
    assert result.modules == ("orders",)


def test_untracked_files_count_as_changes(repository: Path) -> None:
    _write(repository, "src/modules/shipping/label.py")
    _write(repository, "src/modules/orders/service.py", "again\n")
    result = api.triage_diff("HEAD", repository)
    assert set(result.modules) == {"orders", "shipping"}


def test_commit_range(repository: Path) -> None:
    result = api.triage_diff("base..HEAD", repository)
    assert len(result.modules) == 3


def test_not_a_repository_is_a_clear_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError) as raised:
        api.triage_diff("HEAD", tmp_path)
    assert raised.value.diagnostic.code == "AN002"
    assert "not a git repository" in raised.value.diagnostic.message


def test_unknown_revision_is_a_clear_input_error(repository: Path) -> None:
    with pytest.raises(InputError) as raised:
        api.triage_diff("no-such-revision", repository)
    assert raised.value.diagnostic.code == "AN003"


def test_option_like_revision_is_refused(repository: Path) -> None:
    with pytest.raises(InputError) as raised:
        api.triage_diff("--output=/tmp/x", repository)
    assert raised.value.diagnostic.code == "AN003"
