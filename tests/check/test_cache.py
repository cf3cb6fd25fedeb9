"""The check cache: reused when nothing changed, never trusted when anything did."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from integration_spec.check.cache import CACHE_DIR, Cache, content_key, decode, encode
from integration_spec.check.run import CheckRequest, run_check
from integration_spec.model.diagnostics import Diagnostic, Severity
from tests.conftest import EXAMPLE

SPEC = "features/integrations/guest-checkout.md"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    copy = tmp_path / "shop"
    shutil.copytree(EXAMPLE, copy, ignore=shutil.ignore_patterns(CACHE_DIR))
    return copy


def _findings(project: Path, **options: object) -> list[tuple[str, int | None, str]]:
    result = run_check(CheckRequest(all_specs=True, start=project, **options))  # type: ignore[arg-type]
    return [(d.path, d.line, d.code) for report in result.report.files for d in report.diagnostics]


def _entries(project: Path) -> list[Path]:
    return sorted((project / CACHE_DIR).rglob("*.json"))


def test_a_warm_cache_gives_the_same_findings(project: Path) -> None:
    fresh = _findings(project, cache=False)
    assert not (project / CACHE_DIR).exists()
    first = _findings(project)
    assert _entries(project)
    assert (project / CACHE_DIR / ".gitignore").read_text().strip().endswith("*")
    assert _findings(project) == first == fresh


def test_a_changed_spec_is_checked_again(project: Path) -> None:
    before = _findings(project)
    spec = project / SPEC
    spec.write_text(spec.read_text().replace("| cart |", "| carts |", 1))
    after = _findings(project)
    assert after != before
    assert after == _findings(project, cache=False)


def test_a_changed_architecture_is_read_again(project: Path) -> None:
    before = _findings(project)
    architecture = project / "docs/architecture/SYSTEM-ARCHITECTURE.md"
    text = architecture.read_text()
    architecture.write_text(text.replace("## Module: payments", "## Module: billing", 1))
    assert _findings(project) == _findings(project, cache=False)
    assert _findings(project) != before


def test_corrupt_and_foreign_entries_are_misses(project: Path) -> None:
    expected = _findings(project)
    for number, entry in enumerate(_entries(project)):
        if number % 2:
            entry.write_text("{not json")
        else:
            data = json.loads(entry.read_text())
            data["value"] = {"c": "os:system", "f": {"command": "echo owned"}}
            entry.write_text(json.dumps(data))
    assert _findings(project) == expected


def test_a_deeply_nested_entry_is_a_miss(tmp_path: Path) -> None:
    cache = Cache(tmp_path)
    cache.store("specs", "a.md", "k", ("one",))
    (entry,) = (tmp_path / CACHE_DIR).rglob("*.json")
    entry.write_text('{"key": "k", "value": ' + '{"t": [' * 5000 + "]}" * 5000 + "}")
    assert cache.load("specs", "a.md", "k") is None


def test_only_model_classes_are_decoded() -> None:
    with pytest.raises(ValueError, match="model class"):
        decode({"c": "subprocess:Popen", "f": {"args": "true"}})
    with pytest.raises(ValueError, match="model class"):
        decode({"e": "integration_spec.check.config:Config", "v": 1})
    diagnostic = Diagnostic(code="DF001", severity=Severity.ERROR, message="m", path="p", line=3)
    assert decode(json.loads(json.dumps(encode((diagnostic, {"a": 1}))))) == (diagnostic, {"a": 1})


def test_an_unwritable_cache_does_not_fail_the_run(project: Path) -> None:
    (project / CACHE_DIR).write_text("a file where the directory should be")
    assert _findings(project) == _findings(project, cache=False)


def test_keys_change_with_every_input() -> None:
    assert content_key("spec", "a.md", "text") == content_key("spec", "a.md", "text")
    assert content_key("spec", "a.md", "text") != content_key("spec", "a.md", "text\n")
    assert content_key("spec", "a.md", "text") != content_key("spec", "b.md", "text")


def test_a_store_replaces_the_entry_of_its_path(tmp_path: Path) -> None:
    cache = Cache(tmp_path)
    cache.store("specs", "a.md", "k1", ("one",))
    cache.store("specs", "a.md", "k2", ("two",))
    assert cache.load("specs", "a.md", "k1") is None
    assert cache.load("specs", "a.md", "k2") == ("two",)
    assert len(list((tmp_path / CACHE_DIR).rglob("*.json"))) == 1
    assert not list((tmp_path / CACHE_DIR).rglob(".tmp-*"))


def test_jobs_give_the_findings_of_one_process(project: Path) -> None:
    assert _findings(project, jobs=2, cache=False) == _findings(project, cache=False)
