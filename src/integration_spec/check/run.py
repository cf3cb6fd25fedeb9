"""The check use case from files on disk to a :class:`Report`, with fixes and baselines."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from integration_spec._version import __version__
from integration_spec.architecture.registry import read_architecture
from integration_spec.check.baseline import Baseline, load_baseline, write_baseline
from integration_spec.check.cache import Cache, content_key
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
    cache: bool = True
    """Reuse the parsed architecture and unchanged specs' results (``--no-cache``: off)."""


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
    cache = Cache(config.root) if request.cache else None
    architecture, architecture_key, run_diagnostics = _architecture(config, rules, cache)
    baseline = load_baseline(Path(request.baseline)) if request.baseline else None
    # Results of unchanged specs are reused only when nothing else shapes them: a baseline
    # absorbs findings in order across files, and fixing rewrites the files.
    results_cache = None if baseline or request.fix or request.diff else cache
    context = _Context(config, tuple(rules), architecture, architecture_key, results_cache)
    outcomes, diffs, fixed, applied = _check_files(files, request, context, baseline)
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


@dataclass(frozen=True, slots=True)
class _Context:
    """What every file of one run is checked against."""

    config: Config
    rules: tuple[type[Rule], ...]
    architecture: Architecture | None
    architecture_key: str | None
    cache: Cache | None

    def key(self, shown: str, text: str) -> str:
        """The hash of everything a spec's outcome depends on."""
        settings = {
            item.name: repr(getattr(self.config, item.name)) for item in _fields(self.config)
        }
        codes = [rule.code for rule in self.rules]
        return content_key("spec", shown, text, self.architecture_key, settings, codes)


def _fields(value: Any) -> tuple[dataclasses.Field[Any], ...]:
    return dataclasses.fields(value)


def _check_files(
    files: Sequence[Path],
    request: CheckRequest,
    context: _Context,
    baseline: Baseline | None,
) -> tuple[list[FileOutcome], list[tuple[str, str]], list[str], int]:
    texts = [(path, _shown(path), read_text(path)) for path in files]
    if baseline is not None or request.fix or request.diff:
        return _check_in_order(texts, request, context, baseline)
    outcomes: list[FileOutcome | None] = [None] * len(texts)
    keys: dict[int, str] = {}
    todo: list[int] = []
    for index, (_, shown, text) in enumerate(texts):
        if context.cache is not None:
            keys[index] = context.key(shown, text)
            outcomes[index] = _cached_outcome(context.cache, shown, keys[index])
        if outcomes[index] is None:
            todo.append(index)
    work = [(texts[index][2], texts[index][1]) for index in todo]
    if request.jobs > 1 and len(work) > 1:
        results = _parallel(work, request.jobs, context)
    else:
        results = [_check_one(context, text, shown) for text, shown in work]
    for index, outcome in zip(todo, results, strict=True):
        outcomes[index] = outcome
        if context.cache is not None:
            context.cache.store("specs", outcome.path, keys[index], _stored(outcome))
    return [outcome for outcome in outcomes if outcome is not None], [], [], 0


def _stored(outcome: FileOutcome) -> tuple[object, ...]:
    return (outcome.diagnostics, outcome.fixes, outcome.suppressed, outcome.kept_for_baseline)


def _cached_outcome(cache: Cache, shown: str, key: str) -> FileOutcome | None:
    value = cache.load("specs", shown, key)
    if value is None:
        return None
    try:
        diagnostics, fixes, suppressed, kept = value
        return FileOutcome(
            path=shown,
            diagnostics=tuple(diagnostics),
            fixes=tuple(fixes),
            suppressed=int(suppressed),
            kept_for_baseline=tuple((pair[0], pair[1]) for pair in kept),
        )
    except (TypeError, ValueError, IndexError):
        return None


def _check_one(context: _Context, text: str, shown: str) -> FileOutcome:
    return check_document(
        text,
        shown,
        architecture=context.architecture,
        config=context.config,
        rules=context.rules,
    )


def _check_in_order(
    texts: Sequence[tuple[Path, str, str]],
    request: CheckRequest,
    context: _Context,
    baseline: Baseline | None,
) -> tuple[list[FileOutcome], list[tuple[str, str]], list[str], int]:
    """One file after the other: a baseline absorbs in order, fixes rewrite files."""
    config, rules, architecture = context.config, context.rules, context.architecture
    outcomes: list[FileOutcome] = []
    diffs: list[tuple[str, str]] = []
    fixed: list[str] = []
    applied_total = 0
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


_WORKER: list[_Context] = []
"""The run's context in a worker process, set once by :func:`_start_worker`."""


def _parallel(work: Sequence[tuple[str, str]], jobs: int, context: _Context) -> list[FileOutcome]:
    """Check in ``jobs`` processes: the context goes to each worker once, files in chunks."""
    import gc
    from concurrent.futures import ProcessPoolExecutor

    # Forked workers share the parent's objects; frozen ones are never touched by the
    # collector, so their pages are not copied.
    gc.freeze()
    worker_context = dataclasses.replace(context, cache=None)
    chunk = max(1, len(work) // (jobs * 4))
    with ProcessPoolExecutor(
        max_workers=min(jobs, len(work)), initializer=_start_worker, initargs=(worker_context,)
    ) as pool:
        return list(pool.map(_check_in_worker, work, chunksize=chunk))


def _start_worker(context: _Context) -> None:
    _WORKER[:] = [context]


def _check_in_worker(item: tuple[str, str]) -> FileOutcome:
    text, shown = item
    return _check_one(_WORKER[0], text, shown)


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
    config: Config, rules: Sequence[type[Rule]], cache: Cache | None
) -> tuple[Architecture | None, str | None, list[Diagnostic]]:
    """The architecture to compare with, its content key, and what reading it reported."""
    path = config.architecture_path()
    if not path.exists() and not config.architecture_explicit:
        skipped = sum(1 for rule in rules if rule.needs_architecture)
        return (
            None,
            None,
            [
                Diagnostic(
                    code="CF006",
                    severity=Severity.WARNING,
                    message=f"no architecture document at {_shown(path)}; "
                    f"{skipped} rules that compare with it did not run",
                    path=_shown(path),
                    hint="set 'architecture' in [tool.integration-spec] or pass --architecture",
                )
            ],
        )
    text = read_text(path)
    shown = _shown(path)
    key = content_key("architecture", shown, text)
    architecture = cache.load("architecture", shown, key) if cache is not None else None
    if not isinstance(architecture, Architecture):
        architecture = read_architecture(text, shown)
        if cache is not None:
            cache.store("architecture", shown, key, architecture)
    loud = [d for d in architecture.diagnostics if d.severity is not Severity.INFO]
    if not architecture.modules:
        # Comparing with an architecture of no modules would flag every module as unknown.
        return None, key, loud
    return architecture, key, loud


def _shown(path: Path) -> str:
    """A path as the user wants to read it: relative to the working directory when inside it."""
    try:
        return Path(os.path.relpath(path)).as_posix() if path.is_absolute() else path.as_posix()
    except ValueError:
        return path.as_posix()
