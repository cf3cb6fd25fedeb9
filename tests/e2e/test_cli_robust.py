"""Issue 10 end to end: crashes become coded errors, nothing is lost, ruff's manners.

Every reproducer of the issue runs through the installed command on a copy of the example
project; the data is in tests/fixtures/robust/.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE
from tests.e2e.conftest import Run
from tests.robust import ROBUST, reproducers, write_case

Invoke = Callable[..., Run]
SPECS = Path("features/integrations")
GUEST = SPECS / "guest-checkout.md"
ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


@pytest.fixture
def shop(tmp_path: Path) -> Path:
    target = tmp_path / "shop"
    shutil.copytree(EXAMPLE, target)
    return target


def _clean_failure(result: Run, code: str, *names: str) -> None:
    """Exit 2, the code and every name shown (the error, or the report's finding for a file
    that could not be written), and never a traceback or an internal error."""
    shown = result.stdout + result.stderr
    assert result.exit_code == 2, shown
    assert code in shown, shown
    for name in names:
        assert name in shown, shown
    assert "Traceback" not in shown
    assert "internal error" not in result.stderr


def _mutate(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# -- crashes that are now coded diagnostics naming the file --------------------------------


@pytest.mark.parametrize("case", reproducers()["configs"], ids=lambda case: case["name"])
def test_a_configuration_that_crashed_exits_2_naming_the_file(
    ispec: Invoke, shop: Path, case: dict[str, str]
) -> None:
    write_case(case, shop, "pyproject.toml")
    _clean_failure(ispec("check", cwd=shop), case["code"], "pyproject.toml", case["fragment"])


@pytest.mark.parametrize("case", reproducers()["baselines"], ids=lambda case: case["name"])
def test_a_baseline_that_crashed_exits_2_naming_the_file(
    ispec: Invoke, shop: Path, case: dict[str, str]
) -> None:
    write_case(case, shop, "baseline.json")
    result = ispec("check", "--baseline", "baseline.json", cwd=shop)
    _clean_failure(result, case["code"], "baseline.json", case["fragment"])


def test_an_over_long_architecture_reference_names_the_spec(ispec: Invoke, shop: Path) -> None:
    shutil.copy(ROBUST / "specs" / "long-architecture-reference.md", shop / SPECS)
    result = ispec("check", cwd=shop)
    assert result.exit_code == 2
    assert "features/integrations/long-architecture-reference.md: IO007" in result.stdout
    assert "Found 1 error" in result.stdout  # the other three specs were checked, clean
    analysed = ispec("analyze", str(SPECS / "long-architecture-reference.md"), cwd=shop)
    assert analysed.exit_code in (0, 1), analysed.stderr
    assert "architecture: docs/architecture/SYSTEM-ARCHITECTURE.md" in analysed.stdout


@pytest.mark.skipif(ROOT, reason="root reads folders without permission")
def test_an_architecture_reference_into_an_unreadable_folder_names_the_spec(
    ispec: Invoke, shop: Path
) -> None:
    locked = shop / "docs" / "locked"
    locked.mkdir()
    _mutate(
        shop / GUEST,
        "**Architecture:** docs/architecture/SYSTEM-ARCHITECTURE.md",
        "**Architecture:** docs/locked/SYSTEM-ARCHITECTURE.md",
    )
    locked.chmod(0)
    try:
        result = ispec("check", cwd=shop)
    finally:
        locked.chmod(0o755)
    assert "Traceback" not in result.stderr
    assert result.exit_code in (1, 2)
    assert "guest-checkout.md" in result.stdout


def test_a_write_to_a_full_disk_is_an_input_error_and_changes_nothing(
    ispec: Invoke, shop: Path
) -> None:
    """A file-size limit makes the operating system refuse the write, as a full disk does."""
    _mutate(shop / GUEST, "# Integration: Guest Checkout", "# Guest Checkout")
    before = (shop / GUEST).read_bytes()
    for args in (
        ("check", "--fix"),
        ("check", "--format", "json", "-o", "report.json"),
        ("check", "--write-baseline", "baseline.json"),
        ("new", "guest-returns", "--modules", "cart,payments,checkout"),
    ):
        result = ispec(*args, cwd=shop, file_size_limit=64)
        _clean_failure(result, "IO008", "file too large")
    assert (shop / GUEST).read_bytes() == before
    assert not (shop / "report.json").exists()
    assert not (shop / "baseline.json").exists()
    assert not (shop / SPECS / "guest-returns.md").exists()
    leftovers = [path.name for path in shop.rglob(".*.tmp")]
    assert leftovers == []


@pytest.mark.skipif(ROOT, reason="root writes into read-only folders")
def test_a_read_only_folder_is_an_input_error(ispec: Invoke, shop: Path) -> None:
    _mutate(shop / GUEST, "# Integration: Guest Checkout", "# Guest Checkout")
    (shop / SPECS).chmod(0o555)
    try:
        fixed = ispec("check", "--fix", cwd=shop)
        drafted = ispec("new", "guest-returns", "--modules", "cart,payments,checkout", cwd=shop)
    finally:
        (shop / SPECS).chmod(0o755)
    _clean_failure(fixed, "IO008", "guest-checkout.md")
    _clean_failure(drafted, "IO008")


def test_new_when_the_specs_folder_is_a_file(ispec: Invoke, shop: Path) -> None:
    shutil.rmtree(shop / "features")
    (shop / "features").write_text("not a folder\n", encoding="utf-8")
    result = ispec("new", "guest-returns", "--modules", "cart,payments,checkout", cwd=shop)
    _clean_failure(result, "IO008", "features")
    assert (shop / "features").read_text(encoding="utf-8") == "not a folder\n"


def test_output_under_a_file_is_an_input_error(ispec: Invoke, shop: Path) -> None:
    result = ispec("check", "-o", "pyproject.toml/report.txt", cwd=shop)
    _clean_failure(result, "IO008", "pyproject.toml/report.txt", "not a directory")


_INTERRUPT_DURING_IMPORTS = """
import sys

class Interrupt:
    def find_spec(self, name, path=None, target=None):
        if name == "click":
            raise KeyboardInterrupt
        return None

sys.meta_path.insert(0, Interrupt())
sys.argv = ["integration-spec", "check"]
from integration_spec.cli import main
main()
"""


def test_ctrl_c_while_the_commands_load_ends_quietly_with_130() -> None:
    completed = subprocess.run(
        [sys.executable, "-c", _INTERRUPT_DURING_IMPORTS],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert completed.returncode == 130
    assert completed.stderr == "interrupted\n"


def test_ctrl_c_while_a_command_runs_ends_quietly_with_130(shop: Path) -> None:
    executable = Path(sys.executable).parent / "integration-spec"
    process = subprocess.Popen(
        [str(executable), "check", "-"],
        cwd=shop,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    time.sleep(1.5)  # the command is waiting for standard input
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=30)
    assert process.returncode == 130
    assert "Traceback" not in stderr
    assert stderr.endswith("interrupted\n")


# -- nothing the user wrote is lost --------------------------------------------------------


def test_fix_never_drops_the_hash_of_f_sharp(ispec: Invoke, shop: Path) -> None:
    shutil.copy(ROBUST / "specs" / "fsharp-title.md", shop / SPECS / "price-sync.md")
    result = ispec("check", "--fix", cwd=shop)
    text = (shop / SPECS / "price-sync.md").read_text(encoding="utf-8")
    assert text.split("\n", 1)[0] in ("# Price sync for F#", "# Integration: Price sync for F#")
    assert "Traceback" not in result.stderr


def test_fix_prefixes_a_title_that_ends_with_a_hash(ispec: Invoke, shop: Path) -> None:
    shutil.copy(ROBUST / "specs" / "fsharp-title.md", shop / SPECS / "price-sync.md")
    ispec("check", "--fix", cwd=shop)
    text = (shop / SPECS / "price-sync.md").read_text(encoding="utf-8")
    assert text.startswith("# Integration: Price sync for F#\n")


@pytest.mark.parametrize("fixture", ["unclosed-fence.md", "unclosed-comment.md"])
def test_fix_converges_when_its_insertion_would_be_swallowed(
    ispec: Invoke, shop: Path, fixture: str
) -> None:
    spec = shop / SPECS / fixture
    shutil.copy(ROBUST / "specs" / fixture, spec)
    before = spec.read_bytes()
    for _ in range(2):
        result = ispec("check", "--fix", cwd=shop)
        assert "Fixed" not in result.stderr
        assert "ST002 fix not applied: the finding remained after the fix" in result.stderr
        assert "(fixable with --fix)" not in result.stdout
    assert spec.read_bytes() == before


def _crlf_spec(shop: Path) -> bytes:
    """The guest checkout spec with a BOM, CRLF, lone CR and LF lines, and two fixable findings."""
    text = (shop / GUEST).read_text(encoding="utf-8")
    text = text.replace("| cart | Both |", "| cart |", 1).replace("# Integration: ", "# ", 1)
    breaks = ("\r\n", "\r\n", "\n", "\r")
    lines = text.split("\n")
    raw = "".join(line + breaks[index % 4] for index, line in enumerate(lines[:-1]))
    data = ("\ufeff" + raw).encode("utf-8")
    (shop / GUEST).write_bytes(data)
    return data


def test_fix_keeps_every_byte_it_does_not_fix(ispec: Invoke, shop: Path) -> None:
    before = _crlf_spec(shop)
    (shop / GUEST).chmod(0o640)
    result = ispec("check", "--fix", str(GUEST), cwd=shop)
    assert "Fixed 2 finding(s)" in result.stderr, result.stderr
    after = (shop / GUEST).read_bytes()
    assert after.startswith(b"\xef\xbb\xbf# Integration: Guest Checkout\r\n")
    old_lines = before.split(b"\n")
    new_lines = after.split(b"\n")
    assert len(old_lines) == len(new_lines)
    pairs = zip(old_lines, new_lines, strict=True)
    changed = [index for index, (old, new) in enumerate(pairs) if old != new]
    assert len(changed) == 2
    assert oct((shop / GUEST).stat().st_mode & 0o777) == oct(0o640)


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git to apply the patch")
def test_diff_is_exactly_what_fix_writes(ispec: Invoke, shop: Path, tmp_path: Path) -> None:
    _crlf_spec(shop)
    twin = tmp_path / "twin"
    shutil.copytree(shop, twin)
    executable = Path(sys.executable).parent / "integration-spec"
    diff = subprocess.run(  # bytes: text mode would turn the CRLF of the patch into LF
        [str(executable), "check", "--diff"], cwd=shop, capture_output=True, timeout=60
    )
    assert diff.returncode == 1
    patch = tmp_path / "fix.patch"
    patch.write_bytes(diff.stdout)
    ispec("check", "--fix", cwd=shop)
    subprocess.run(
        ["git", "apply", "--whitespace=nowarn", str(patch)], cwd=twin, check=True, timeout=60
    )
    assert (twin / GUEST).read_bytes() == (shop / GUEST).read_bytes()


def test_fix_keeps_symbolic_and_hard_links(ispec: Invoke, shop: Path, tmp_path: Path) -> None:
    notes = shop / "notes"
    notes.mkdir()
    real = notes / "price-sync.md"
    shutil.move(shop / SPECS / "price-sync.md", real)
    (shop / SPECS / "price-sync.md").symlink_to("../../notes/price-sync.md")
    _mutate(real, "# Integration: ", "# ")
    _mutate(shop / GUEST, "# Integration: ", "# ")
    twin = shop / "guest-copy.md"
    os.link(shop / GUEST, twin)
    result = ispec("check", "--fix", cwd=shop)
    assert "Fixed 2 finding(s) in 2 file(s)" in result.stderr, result.stderr
    assert (shop / SPECS / "price-sync.md").is_symlink()
    assert real.read_text(encoding="utf-8").startswith("# Integration: Price Sync")
    assert twin.read_text(encoding="utf-8").startswith("# Integration: Guest Checkout")


def test_fix_never_writes_outside_the_project_root(
    ispec: Invoke, shop: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    stray = outside / "stray.md"
    shutil.copy(shop / GUEST, stray)
    _mutate(stray, "# Integration: ", "# ")
    before = stray.read_bytes()
    (shop / SPECS / "linked").symlink_to(outside, target_is_directory=True)
    result = ispec("check", "--fix", str(SPECS / "linked"), cwd=shop)
    assert result.exit_code == 2
    assert "IO011 [error] not fixed: the file lies outside the project root" in result.stdout
    assert "ST004" in result.stdout  # its findings are still reported
    assert stray.read_bytes() == before


@pytest.mark.parametrize(
    "args",
    [
        ("check", "-o", "{target}"),
        ("check", "--write-baseline", "{target}"),
        ("analyze", str(GUEST), "-o", "{target}"),
    ],
    ids=["check-output", "write-baseline", "analyze-output"],
)
def test_outputs_never_replace_a_file_without_force(
    ispec: Invoke, shop: Path, args: tuple[str, ...]
) -> None:
    for target in (str(SPECS / "price-sync.md"), "docs/architecture/SYSTEM-ARCHITECTURE.md"):
        before = (shop / target).read_bytes()
        result = ispec(*(arg.format(target=target) for arg in args), cwd=shop)
        _clean_failure(result, "IO009", target, "--force")
        assert (shop / target).read_bytes() == before
    forced = ispec(*(arg.format(target="out.txt") for arg in args), "--force", cwd=shop)
    assert forced.exit_code in (0, 1), forced.stderr


@pytest.mark.parametrize(
    "args",
    [
        ("check", "-o", "{target}", "--force"),
        ("check", "--write-baseline", "{target}", "--force"),
        ("analyze", str(GUEST), "-o", "{target}", "--force"),
    ],
    ids=["check-output", "write-baseline", "analyze-output"],
)
def test_outputs_refuse_fifos_links_and_devices_even_with_force(
    ispec: Invoke, shop: Path, args: tuple[str, ...]
) -> None:
    os.mkfifo(shop / "fifo")
    (shop / "link").symlink_to(shop / GUEST)
    for target, kind in (("fifo", "FIFO"), ("link", "symbolic link"), ("/dev/null", "device")):
        result = ispec(*(arg.format(target=target) for arg in args), cwd=shop)
        _clean_failure(result, "IO010", target, kind)
    assert (shop / "link").is_symlink()
    assert (shop / "link").samefile(shop / GUEST)


@pytest.mark.parametrize("name", reproducers()["names"], ids=repr)
def test_new_refuses_a_name_with_white_space_or_a_line_break(
    ispec: Invoke, shop: Path, name: str
) -> None:
    result = ispec("new", name, "--modules", "cart,payments,checkout", cwd=shop)
    assert result.exit_code == 2
    assert "white space or a control character" in result.stderr
    assert sorted(path.name for path in (shop / SPECS).iterdir()) == [
        "guest-checkout.md",
        "order-fulfillment.md",
        "price-sync.md",
    ]


# -- what a ruff user expects --------------------------------------------------------------


def test_one_unreadable_spec_is_a_finding_in_the_same_report(ispec: Invoke, shop: Path) -> None:
    (shop / SPECS / "latin1.md").write_bytes(b"# Integration: Caf\xe9\n")
    _mutate(shop / GUEST, "| cart | Both |", "| cart |")
    result = ispec("check", "--format", "json", cwd=shop)
    assert result.exit_code == 2
    report = json.loads(result.stdout)
    found = {(item["path"], item["code"]) for item in report["diagnostics"]}
    assert ("features/integrations/latin1.md", "IO004") in found
    assert ("features/integrations/guest-checkout.md", "PS001") in found
    assert report["summary"]["files"] == 4


@pytest.mark.parametrize(
    ("option", "value", "code"),
    [
        ("--select", "ZZ999", "CF004"),
        ("--ignore", "QQ", "CF004"),
        ("--severity", "ZZ1=off", "CF004"),
    ],
)
def test_option_codes_are_validated(
    ispec: Invoke, shop: Path, option: str, value: str, code: str
) -> None:
    _clean_failure(ispec("check", option, value, cwd=shop), code, option)


def test_an_unknown_code_in_a_suppression_comment_is_reported(ispec: Invoke, shop: Path) -> None:
    shutil.copy(ROBUST / "specs" / "suppression-in-cell.md", shop / GUEST)
    result = ispec("check", "--format", "json", cwd=shop)
    found = [(d["code"], d["line"]) for d in json.loads(result.stdout)["diagnostics"]]
    assert ("CF007", 22) in found


def test_a_suppression_comment_never_leaks_into_the_text_rules_read(
    ispec: Invoke, shop: Path
) -> None:
    shutil.copy(ROBUST / "specs" / "suppression-in-cell.md", shop / GUEST)
    result = ispec("check", "--format", "json", cwd=shop)
    messages = [d["message"] for d in json.loads(result.stdout)["diagnostics"]]
    assert not any("<!--" in message for message in messages), messages
    assert any("'pharmcy'" in message for message in messages), messages


def test_readme_and_other_non_specs_beside_the_specs_are_not_specs(
    ispec: Invoke, shop: Path
) -> None:
    (shop / SPECS / "README.md").write_text("# About these specs\n", encoding="utf-8")
    (shop / SPECS / "_template.md").write_text("# Template\n", encoding="utf-8")
    (shop / SPECS / "drafts").mkdir()
    (shop / SPECS / "drafts" / "half.md").write_text("# Half\n", encoding="utf-8")
    (shop / "pyproject.toml").write_text(
        '[tool.integration-spec]\nextend-exclude = ["features/integrations/drafts"]\n',
        encoding="utf-8",
    )
    result = ispec("check", "--strict", cwd=shop)
    assert result.exit_code == 0, result.stdout
    assert "3 files" in result.stdout
    precommit = ispec("check", "--force-exclude", str(SPECS / "README.md"), cwd=shop)
    assert precommit.exit_code == 0


def test_check_without_paths_checks_the_configured_specs(ispec: Invoke, shop: Path) -> None:
    _mutate(shop / GUEST, "| cart | Both |", "| cart |")
    plain = ispec("check", "--format", "json", cwd=shop)
    everything = ispec("check", "--all", "--format", "json", cwd=shop)
    assert plain.exit_code == everything.exit_code == 1
    assert json.loads(plain.stdout) == json.loads(everything.stdout)


@pytest.mark.parametrize(
    ("env", "args", "colored"),
    [
        ({}, (), False),
        ({"FORCE_COLOR": "1", "NO_COLOR": ""}, (), True),
        ({"FORCE_COLOR": "1", "NO_COLOR": "1"}, (), False),
        ({"FORCE_COLOR": "", "NO_COLOR": "", "TERM": "dumb"}, ("--color", "always"), True),
        ({"FORCE_COLOR": "1", "NO_COLOR": ""}, ("--color", "never"), False),
        ({"NO_COLOR": "1"}, ("--color", "always"), True),
    ],
    ids=["pipe", "force-color", "no-color-wins", "always", "never", "always-over-no-color"],
)
def test_colour_follows_the_option_then_the_environment(
    ispec: Invoke, shop: Path, env: dict[str, str], args: tuple[str, ...], colored: bool
) -> None:
    _mutate(shop / GUEST, "# Integration: ", "# ")
    result = ispec("check", *args, cwd=shop, env=env)
    assert ("\x1b[" in result.stdout) is colored


def test_quiet_prints_only_the_findings(ispec: Invoke, shop: Path) -> None:
    clean = ispec("check", "--quiet", cwd=shop)
    assert (clean.exit_code, clean.stdout, clean.stderr) == (0, "", "")
    _mutate(shop / GUEST, "# Integration: ", "# ")
    noisy = ispec("check", "-q", "--fix", "--select", "PS", cwd=shop)
    assert noisy.stderr == ""
    found = ispec("check", "-q", cwd=shop)
    assert found.stdout.startswith("features/integrations/guest-checkout.md:1: ST004")
    assert "Found" not in found.stdout


def test_writing_a_baseline_exits_0(ispec: Invoke, shop: Path) -> None:
    _mutate(shop / GUEST, "| cart | Both |", "| cart |")
    result = ispec("check", "--write-baseline", "baseline.json", cwd=shop)
    assert result.exit_code == 0, result.stderr
    assert "Wrote baseline baseline.json (1 finding(s))" in result.stderr


def test_an_empty_folder_is_exit_2(ispec: Invoke, shop: Path) -> None:
    (shop / "empty").mkdir()
    _clean_failure(ispec("check", "empty", cwd=shop), "IO012", "empty")


def test_standard_input_for_check_and_parse(ispec: Invoke, shop: Path) -> None:
    text = (shop / GUEST).read_text(encoding="utf-8").replace("| cart | Both |", "| cart |")
    checked = ispec("check", "-", "--stdin-filename", str(GUEST), stdin=text, cwd=shop)
    assert checked.exit_code == 1
    assert "features/integrations/guest-checkout.md:22: PS001" in checked.stdout
    fixed = ispec("check", "-", "--fix", stdin=text, cwd=shop)
    assert "| cart | Carts owned by a guest session" in fixed.stdout
    assert fixed.stdout.startswith("# Integration: Guest Checkout")
    parsed = ispec("parse", "-", stdin=text, cwd=shop)
    assert json.loads(parsed.stdout)["title"] == "Guest Checkout"
    _clean_failure(ispec("parse", "-", stdin="", cwd=shop), "IO003", "-")


# -- one project ---------------------------------------------------------------------------


def test_every_command_works_from_inside_the_specs_folder(ispec: Invoke, shop: Path) -> None:
    _mutate(shop / GUEST, "| cart | Both |", "| Carts | Both |")
    inside = shop / SPECS
    from_root = json.loads(ispec("check", "--format", "json", cwd=shop).stdout)["diagnostics"]
    from_inside = json.loads(ispec("check", "--format", "json", cwd=inside).stdout)["diagnostics"]
    assert [(d["code"], d["line"]) for d in from_inside] == [
        (d["code"], d["line"]) for d in from_root
    ]
    assert ispec("modules", cwd=inside).exit_code == 0
    drafted = ispec("new", "guest-returns", "--modules", "cart,payments,checkout", cwd=inside)
    assert drafted.exit_code == 0, drafted.stderr
    assert (shop / SPECS / "guest-returns.md").is_file()
    assert ispec("analyze", "guest-checkout.md", cwd=inside).exit_code in (0, 1)


def test_analyze_and_check_read_the_same_architecture(ispec: Invoke, shop: Path) -> None:
    """Configuration first, then the spec's header, then the default: for both commands."""
    moved = shop / "docs" / "shop-architecture.md"
    shutil.move(shop / "docs" / "architecture" / "SYSTEM-ARCHITECTURE.md", moved)
    (shop / "pyproject.toml").write_text(
        '[tool.integration-spec]\narchitecture = "docs/shop-architecture.md"\n', encoding="utf-8"
    )
    analysed = ispec("analyze", str(GUEST), cwd=shop)
    assert "architecture: docs/shop-architecture.md" in analysed.stdout
    checked = json.loads(ispec("check", "--format", "json", cwd=shop).stdout)
    assert checked["architecture"] == "docs/shop-architecture.md"
    (shop / "pyproject.toml").unlink()
    (shop / ".git").mkdir()
    for spec in (shop / SPECS).glob("*.md"):
        _mutate(
            spec,
            "**Architecture:** docs/architecture/SYSTEM-ARCHITECTURE.md",
            "**Architecture:** docs/shop-architecture.md",
        )
    checked = json.loads(ispec("check", "--format", "json", cwd=shop).stdout)
    assert checked["architecture"] == "docs/shop-architecture.md"
    assert "CF006" not in {d["code"] for d in checked["diagnostics"]}
    analysed = ispec("analyze", str(GUEST), cwd=shop)
    assert "architecture: docs/shop-architecture.md" in analysed.stdout


# -- reproducers in code being rewritten (strict xfails for the lead to flip) --------------


def test_a_file_name_ending_in_a_line_break_is_not_kebab_case(ispec: Invoke, shop: Path) -> None:
    shutil.copy(shop / GUEST, shop / SPECS / "guest\n.md")
    result = ispec("check", "--format", "json", cwd=shop)
    assert "ST009" in {d["code"] for d in json.loads(result.stdout)["diagnostics"]}


@pytest.mark.xfail(strict=True, reason="draft rewrite: validate_name uses fullmatch")
def test_the_draft_api_refuses_a_name_ending_in_a_line_break(shop: Path) -> None:
    from integration_spec import DraftError, draft_spec

    with pytest.raises(DraftError):
        draft_spec("guest\n", modules=("cart", "payments", "checkout"), root=shop)
