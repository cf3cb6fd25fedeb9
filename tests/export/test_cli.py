"""`integration-spec export` as a user runs it, on a copy of the example project."""

from __future__ import annotations

import json
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import FIXTURES
from tests.e2e.conftest import Run
from tests.export.validators import collect, openapi_problems

pytestmark = pytest.mark.e2e
GUEST = "features/integrations/guest-checkout.md"
Ispec = Callable[..., Run]


def test_one_spec_to_stdout_is_the_golden_document(ispec: Ispec, project: Path) -> None:
    run = ispec("export", GUEST, "--to", "asyncapi", cwd=project)
    assert run.exit_code == 0, run.stderr
    golden = FIXTURES / "export" / "golden" / "guest-checkout" / "asyncapi" / "asyncapi.yaml.golden"
    assert run.stdout == golden.read_text(encoding="utf-8")
    assert run.stderr == ""


def test_all_specs_merge_into_one_file_and_json_follows_the_name(
    ispec: Ispec, project: Path
) -> None:
    run = ispec("export", "--all", "--to", "openapi", "-o", "api/openapi.json", cwd=project)
    assert run.exit_code == 0, run.stderr
    assert run.stderr == "wrote api/openapi.json\n"
    document = json.loads((project / "api" / "openapi.json").read_text(encoding="utf-8"))
    assert openapi_problems(document) == []
    assert len(document["info"]["x-integration-spec-sources"]) == 3


def test_nothing_is_overwritten_without_force(ispec: Ispec, project: Path) -> None:
    target = project / "flags.flagd.json"
    target.write_text("mine\n", encoding="utf-8")
    target.chmod(0o600)
    run = ispec("export", "--all", "--to", "flagd", "-o", "flags.flagd.json", cwd=project)
    assert run.exit_code == 2
    assert "EX001" in run.stderr
    assert "--force" in run.stderr
    assert target.read_text(encoding="utf-8") == "mine\n"
    forced = ispec(
        "export", "--all", "--to", "flagd", "-o", "flags.flagd.json", "--force", cwd=project
    )
    assert forced.exit_code == 0, forced.stderr
    assert json.loads(target.read_text(encoding="utf-8"))["flags"]
    assert stat.S_IMODE(target.stat().st_mode) == 0o600, "the file keeps its mode"


def test_a_package_is_refused_whole_when_one_file_exists(ispec: Ispec, project: Path) -> None:
    out = project / "tests" / "integration"
    out.mkdir(parents=True)
    (out / "conftest.py").write_text("# mine\n", encoding="utf-8")
    run = ispec("export", GUEST, "--to", "pytest", "-o", "tests/integration", cwd=project)
    assert run.exit_code == 2
    assert "EX001" in run.stderr
    assert sorted(path.name for path in out.iterdir()) == ["conftest.py"]


def test_nothing_is_written_outside_the_project_root(ispec: Ispec, project: Path) -> None:
    run = ispec("export", GUEST, "--to", "mermaid", "-o", "../diagrams.md", cwd=project)
    assert run.exit_code == 2
    assert "EX002" in run.stderr
    assert not (project.parent / "diagrams.md").exists()
    (project / "docs" / "out").symlink_to(project.parent, target_is_directory=True)
    run = ispec("export", GUEST, "--to", "mermaid", "-o", "docs/out/diagrams.md", cwd=project)
    assert run.exit_code == 2
    assert "EX002" in run.stderr
    assert not (project.parent / "diagrams.md").exists()


def test_error_level_findings_refuse_the_export_and_are_named(ispec: Ispec, project: Path) -> None:
    spec = project / GUEST
    spec.write_text(
        spec.read_text(encoding="utf-8").replace("| cart | Both |", "| Carts | Both |"),
        encoding="utf-8",
    )
    run = ispec("export", GUEST, "--to", "json", cwd=project)
    assert run.exit_code == 1
    assert run.stdout == ""
    assert f"{GUEST}:22: AR001 module 'Carts' is not in the architecture" in run.stderr
    assert "EX003 refusing to export" in run.stderr
    forced = ispec("export", GUEST, "--to", "json", "--force", cwd=project)
    assert forced.exit_code == 0
    assert json.loads(forced.stdout)["title"] == "Guest Checkout"
    assert "EX003 exporting despite" in forced.stderr


def test_a_pytest_package_needs_a_folder_and_collects(ispec: Ispec, project: Path) -> None:
    assert ispec("export", GUEST, "--to", "pytest", cwd=project).exit_code == 2
    run = ispec("export", "--all", "--to", "pytest", "-o", "tests/integration", cwd=project)
    assert run.exit_code == 0, run.stderr
    assert run.stderr == "wrote tests/integration (5 files)\n"
    collected = collect(project / "tests" / "integration")
    assert collected.returncode == 0, collected.stdout


@pytest.mark.parametrize(
    ("arguments", "code"),
    [
        (("--to", "flagd", "--module", "cart"), "EX006"),
        (("--to", "asyncapi", "--include-used"), "EX006"),
        (("--to", "asyncapi", "--module", "nobody"), "EX004"),
        (("--to", "openapi", "--module", "notifications"), "EX004"),
    ],
)
def test_options_that_do_not_fit_are_named(
    ispec: Ispec, project: Path, arguments: tuple[str, ...], code: str
) -> None:
    run = ispec("export", GUEST, *arguments, cwd=project)
    assert run.exit_code == 2
    assert code in run.stderr
    assert "Traceback" not in run.stderr


def test_help_shows_examples(ispec: Ispec) -> None:
    run = ispec("export", "--help")
    assert run.exit_code == 0
    assert "integration-spec export --all --to asyncapi --module checkout" in run.stdout


def test_the_command_line_starts_without_the_exporters_libraries() -> None:
    probe = (
        "import sys, integration_spec.cli.main; "
        "print(sorted(m for m in ('yaml', 'jsonschema', 'pydantic', 'openapi_spec_validator') "
        "if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_a_file_where_a_folder_goes_and_the_reverse_are_named(ispec: Ispec, project: Path) -> None:
    readme = (project / "README.md").read_bytes()
    run = ispec("export", GUEST, "--to", "pytest", "-o", "README.md", cwd=project)
    assert run.exit_code == 2
    assert "EX008" in run.stderr
    assert (project / "README.md").read_bytes() == readme
    run = ispec("export", GUEST, "--to", "flagd", "-o", "docs", "--force", cwd=project)
    assert run.exit_code == 2
    assert "EX008" in run.stderr
    assert (project / "docs").is_dir()
