"""The check use case from files on disk to a :class:`Report`, with fixes and baselines."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from integration_spec._version import __version__
from integration_spec.architecture.registry import read_architecture
from integration_spec.check.baseline import Baseline, load_baseline, write_baseline
from integration_spec.check.codes import known_codes
from integration_spec.check.config import Config, load_config
from integration_spec.check.engine import FileOutcome, check_document, select_rules
from integration_spec.check.fixes import apply_fixes, unified_diff
from integration_spec.model.architecture import Architecture
from integration_spec.model.diagnostics import Diagnostic, Severity
from integration_spec.model.report import FileReport, Report
from integration_spec.rules.base import Rule
from integration_spec.rules.registry import rule_info
from integration_spec.source import InputError, read_text, write_text_atomic

MAX_FIX_PASSES = 10


@dataclass(frozen=True, slots=True, kw_only=True)
class CheckRequest:
    """What the user asked for; the CLI builds it from options."""

    paths: tuple[str, ...] = ()
    all_specs: bool = False
    start: Path = field(default_factory=Path.cwd)
    architecture: str | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    fix: bool = False
    diff: bool = False
    baseline: str | None = None
    write_baseline: str | None = None
    jobs: int = 1


@dataclass(frozen=True, slots=True, kw_only=True)
class CheckResult:
    """The report, and what fixing did or would do."""

    report: Report
    diffs: tuple[tuple[str, str], ...] = ()
    fixed_files: tuple[str, ...] = ()
    fixes_applied: int = 0
    baseline_written: str | None = None


def run_check(request: CheckRequest) -> CheckResult:
    """Check the requested specs; raise :class:`InputError` for unusable input (exit 2)."""
    config = load_config(request.start, known_codes()).with_options(
        architecture=request.architecture, select=request.select, ignore=request.ignore
    )
    rules = select_rules(config)
    files = _spec_files(request, config)
    architecture, run_diagnostics = _architecture(config, rules)
    baseline = load_baseline(Path(request.baseline)) if request.baseline else None
    outcomes, diffs, fixed, applied = _check_files(
        files, request, config, rules, architecture, baseline
    )
    baseline_written = None
    if request.write_baseline:
        write_baseline(
            Path(request.write_baseline),
            [pair for outcome in outcomes for pair in outcome.kept_for_baseline],
        )
        baseline_written = request.write_baseline
    report = Report(
        files=tuple(
            FileReport(path=o.path, diagnostics=o.diagnostics, suppressed=o.suppressed)
            for o in outcomes
        ),
        rules=tuple(rule_info(rule) for rule in rules),
        tool_version=__version__,
        architecture=_shown(config.architecture_path()) if architecture else None,
        diagnostics=tuple(run_diagnostics),
    )
    return CheckResult(
        report=report,
        diffs=tuple(diffs),
        fixed_files=tuple(fixed),
        fixes_applied=applied,
        baseline_written=baseline_written,
    )


def _check_files(
    files: Sequence[Path],
    request: CheckRequest,
    config: Config,
    rules: Sequence[type[Rule]],
    architecture: Architecture | None,
    baseline: Baseline | None,
) -> tuple[list[FileOutcome], list[tuple[str, str]], list[str], int]:
    texts = [(path, _shown(path), read_text(path)) for path in files]
    outcomes: list[FileOutcome] = []
    diffs: list[tuple[str, str]] = []
    fixed: list[str] = []
    applied_total = 0
    # A baseline absorbs findings in order across files, so it runs in this process.
    parallel = request.jobs > 1 and len(texts) > 1 and baseline is None
    if parallel and not (request.fix or request.diff):
        outcomes = _parallel(texts, request.jobs, config, rules, architecture)
        return outcomes, diffs, fixed, applied_total
    for path, shown, text in texts:
        outcome = check_document(
            text, shown, architecture=architecture, config=config, rules=rules, baseline=baseline
        )
        if (request.fix or request.diff) and outcome.fixes:
            new_text, applied = _fix_until_stable(text, shown, config, rules, architecture)
            if new_text != text:
                applied_total += applied
                if request.diff:
                    diffs.append((shown, unified_diff(shown, text, new_text)))
                else:
                    write_text_atomic(path, new_text)
                    fixed.append(shown)
                    outcome = check_document(
                        new_text,
                        shown,
                        architecture=architecture,
                        config=config,
                        rules=rules,
                        baseline=baseline,
                    )
        outcomes.append(outcome)
    return outcomes, diffs, fixed, applied_total


def _fix_until_stable(
    text: str,
    shown: str,
    config: Config,
    rules: Sequence[type[Rule]],
    architecture: Architecture | None,
) -> tuple[str, int]:
    """Apply fixes pass after pass (a fix may uncover another) until nothing changes."""
    applied_total = 0
    for _ in range(MAX_FIX_PASSES):
        outcome = check_document(text, shown, architecture=architecture, config=config, rules=rules)
        if not outcome.fixes:
            break
        new_text, applied = apply_fixes(text, outcome.fixes)
        if new_text == text:
            break
        text, applied_total = new_text, applied_total + len(applied)
    return text, applied_total


def _parallel(
    texts: Sequence[tuple[Path, str, str]],
    jobs: int,
    config: Config,
    rules: Sequence[type[Rule]],
    architecture: Architecture | None,
) -> list[FileOutcome]:
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=jobs) as pool:
        futures = [
            pool.submit(_check_one, text, shown, architecture, config, tuple(rules))
            for _, shown, text in texts
        ]
        return [future.result() for future in futures]


def _check_one(
    text: str,
    shown: str,
    architecture: Architecture | None,
    config: Config,
    rules: tuple[type[Rule], ...],
) -> FileOutcome:
    return check_document(text, shown, architecture=architecture, config=config, rules=rules)


def _spec_files(request: CheckRequest, config: Config) -> list[Path]:
    if request.all_specs:
        found = sorted(
            {
                path
                for pattern in config.specs
                for path in config.root.glob(pattern)
                if path.is_file()
            }
        )
        if not found:
            raise InputError(
                Diagnostic(
                    code="IO001",
                    severity=Severity.ERROR,
                    message="no specs found (looked for "
                    + ", ".join(config.specs)
                    + f" under {_shown(config.root)})",
                    path=_shown(config.root),
                )
            )
        return found
    if not request.paths:
        raise InputError(
            Diagnostic(
                code="IO001",
                severity=Severity.ERROR,
                message="no spec given: name spec files or directories, or use --all",
                path=str(request.start),
            )
        )
    files: list[Path] = []
    for given in request.paths:
        path = Path(given)
        if path.is_dir():
            files.extend(sorted(item for item in path.rglob("*.md") if item.is_file()))
        else:
            files.append(path)
    return files


def _architecture(
    config: Config, rules: Sequence[type[Rule]]
) -> tuple[Architecture | None, list[Diagnostic]]:
    path = config.architecture_path()
    if not path.exists() and not config.architecture_explicit:
        skipped = sum(1 for rule in rules if rule.needs_architecture)
        return None, [
            Diagnostic(
                code="CF006",
                severity=Severity.WARNING,
                message=f"no architecture document at {_shown(path)}; "
                f"{skipped} rules that compare with it did not run",
                path=_shown(path),
                hint="set 'architecture' in [tool.integration-spec] or pass --architecture",
            )
        ]
    architecture = read_architecture(read_text(path), _shown(path))
    loud = [d for d in architecture.diagnostics if d.severity is not Severity.INFO]
    if not architecture.modules:
        # Comparing with an architecture of no modules would flag every module as unknown.
        return None, loud
    return architecture, loud


def _shown(path: Path) -> str:
    """A path as the user wants to read it: relative to the working directory when inside it."""
    try:
        return Path(os.path.relpath(path)).as_posix() if path.is_absolute() else path.as_posix()
    except ValueError:
        return path.as_posix()
