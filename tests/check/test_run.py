"""The check use case through the public API: per-file errors, validated options, exit codes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from integration_spec import CheckRequest, InputError, run_check
from tests.conftest import EXAMPLE
from tests.robust import ROBUST

SPECS = Path("features/integrations")


@pytest.fixture
def shop(tmp_path: Path) -> Path:
    target = tmp_path / "shop"
    shutil.copytree(EXAMPLE, target)
    return target


def _codes(shop: Path, **options: object) -> list[tuple[str, str, int | None]]:
    result = run_check(CheckRequest(start=shop, **options))  # type: ignore[arg-type]
    return [(d.path, d.code, d.line) for d in result.report.all_diagnostics()]


def test_an_unreadable_spec_is_a_finding_and_the_others_are_checked(shop: Path) -> None:
    (shop / SPECS / "latin1.md").write_bytes(b"# Integration: Caf\xe9\n")
    guest = shop / SPECS / "guest-checkout.md"
    guest.write_text(guest.read_text("utf-8").replace("| cart | Both |", "| cart |"), "utf-8")
    result = run_check(CheckRequest(start=shop))
    found = [(d.path, d.code) for d in result.report.all_diagnostics()]
    assert ("features/integrations/latin1.md", "IO004") in found
    assert ("features/integrations/guest-checkout.md", "PS001") in found
    assert len(result.report.files) == 4
    assert result.exit_code() == 2


def test_the_results_carry_their_exit_code(shop: Path) -> None:
    assert run_check(CheckRequest(start=shop)).exit_code(strict=True) == 0
    title = shop / SPECS / "price-sync.md"
    title.write_text(title.read_text("utf-8").replace("# Integration: ", "# ", 1), "utf-8")
    result = run_check(CheckRequest(start=shop))
    assert (result.exit_code(), result.exit_code(strict=True)) == (0, 1)
    written = run_check(CheckRequest(start=shop, write_baseline="baseline.json", select=("ST",)))
    assert written.exit_code(strict=True) == 0
    assert (shop / "baseline.json").is_file()


@pytest.mark.parametrize(
    ("options", "code", "where"),
    [
        ({"select": ("ZZ999",)}, "CF004", "--select"),
        ({"ignore": ("XX",)}, "CF004", "--ignore"),
        ({"severity": {"ZZ001": "error"}}, "CF004", "--severity"),
        ({"severity": {"ST001": "loud"}}, "CF003", "--severity"),
    ],
)
def test_command_line_codes_are_validated_like_the_configurations(
    shop: Path, options: dict[str, object], code: str, where: str
) -> None:
    with pytest.raises(InputError) as raised:
        run_check(CheckRequest(start=shop, **options))  # type: ignore[arg-type]
    assert (raised.value.diagnostic.code, raised.value.diagnostic.path) == (code, where)


def test_the_severity_option_relevels_a_code(shop: Path) -> None:
    title = shop / SPECS / "price-sync.md"
    title.write_text(title.read_text("utf-8").replace("# Integration: ", "# ", 1), "utf-8")
    result = run_check(CheckRequest(start=shop, severity={"st004": "ERROR"}))
    assert [d.severity.value for d in result.report.all_diagnostics()] == ["error"]
    assert result.exit_code() == 1


def test_results_do_not_depend_on_the_working_directory(shop: Path) -> None:
    guest = shop / SPECS / "guest-checkout.md"
    guest.write_text(
        guest.read_text("utf-8").replace("| cart | Both |", "| Carts | Both |"), "utf-8"
    )
    from_root = _codes(shop)
    inside = _codes(shop / SPECS)
    assert from_root
    assert [(code, line) for _, code, line in inside] == [(c, n) for _, c, n in from_root]
    assert [path for path, _, _ in inside] == ["guest-checkout.md"] * len(inside)


def test_a_header_reference_the_file_system_cannot_look_up_names_the_spec(
    shop: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # ST011 resolves the spec's path from the process's working directory, as the CLI runs.
    monkeypatch.chdir(shop)
    shutil.copy(ROBUST / "specs" / "long-architecture-reference.md", shop / SPECS)
    result = run_check(CheckRequest(start=shop))
    (finding,) = result.report.all_diagnostics()
    assert (finding.path, finding.code) == (
        "features/integrations/long-architecture-reference.md",
        "IO007",
    )
    assert "too long" in finding.message
    assert result.exit_code() == 2


def test_a_report_names_every_reserved_code_it_holds(shop: Path) -> None:
    (shop / SPECS / "empty.md").write_text("\n", encoding="utf-8")
    report = run_check(CheckRequest(start=shop)).report
    entry = next(rule for rule in report.rules if rule.code == "IO003")
    assert (entry.name, entry.family) == ("empty-file", "reading")


def test_standard_input_is_checked_as_the_file_it_says_it_is(shop: Path) -> None:
    text = (
        (shop / SPECS / "guest-checkout.md").read_bytes().replace(b"| cart | Both |", b"| cart |")
    )
    result = run_check(
        CheckRequest(start=shop, paths=("-",), stdin=text, stdin_filename=str(SPECS / "x.md"))
    )
    assert [(d.path, d.code) for d in result.report.all_diagnostics()] == [
        ("features/integrations/x.md", "PS001")
    ]
    fixed = run_check(CheckRequest(start=shop, paths=("-",), stdin=text, fix=True))
    assert fixed.fixed_stdin is not None
    assert b"| cart | Carts owned by a guest session" in fixed.fixed_stdin
    assert not (shop / SPECS / "x.md").exists()


def test_a_fix_that_was_refused_is_no_longer_offered(shop: Path) -> None:
    spec = shop / SPECS / "unclosed-fence.md"
    shutil.copy(ROBUST / "specs" / "unclosed-fence.md", spec)
    before = spec.read_bytes()
    result = run_check(CheckRequest(start=shop, fix=True))
    refused = [(path, r.diagnostic.code) for path, r in result.fixes_rejected]
    assert ("features/integrations/unclosed-fence.md", "ST002") in refused
    offered = [d for d in result.report.all_diagnostics() if d.code == "ST002"]
    assert offered
    assert not any(d.fixable for d in offered)
    assert spec.read_bytes() == before


def test_the_fix_of_a_title_ending_in_a_hash_keeps_the_hash(shop: Path) -> None:
    shutil.copy(ROBUST / "specs" / "fsharp-title.md", shop / SPECS / "price-sync.md")
    run_check(CheckRequest(start=shop, fix=True))
    text = (shop / SPECS / "price-sync.md").read_text("utf-8")
    assert text.startswith("# Integration: Price sync for F#\n")


def test_a_document_that_is_not_a_spec_gets_one_finding_and_no_fix(shop: Path) -> None:
    note = shop / SPECS / "event-versioning.md"
    text = "# Event Versioning Guide\n\n## Overview\nHow events are versioned.\n"
    note.write_text(text, "utf-8")
    found = [entry for entry in _codes(shop) if entry[0].endswith("event-versioning.md")]
    assert found == [("features/integrations/event-versioning.md", "ST014", 1)]
    run_check(CheckRequest(start=shop, fix=True))
    assert note.read_text("utf-8") == text
