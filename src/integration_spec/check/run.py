"""The check use case from files on disk to a :class:`Report`, with fixes and baselines.

Like ruff, one file that cannot be used does not stop the run: it becomes a finding of its
own (an ``IO`` code) in the same report, the other files are checked, and the exit code
is the worst of both. What makes the whole run impossible (an invalid configuration or
option, an unreadable baseline or architecture, no spec at all) is an
:class:`~integration_spec.source.InputError`.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from integration_spec._version import __version__
from integration_spec.architecture.registry import read_architecture
from integration_spec.check.baseline import Baseline, baseline_document, load_baseline
from integration_spec.check.cache import Cache, content_key
from integration_spec.check.codes import (
    exit_code,
    is_input_error,
    known_codes,
    reserved_rule_info,
)
from integration_spec.check.config import Config, check_code
from integration_spec.check.engine import (
    FileOutcome,
    check_document,
    check_project,
    select_rules,
)
from integration_spec.check.fixes import RejectedFix, fix_until_stable, unified_diff
from integration_spec.model.architecture import Architecture
from integration_spec.model.diagnostics import Diagnostic, Severity
from integration_spec.model.report import FileReport, Report, RuleInfo
from integration_spec.project import STDIN, Project, load_project
from integration_spec.rules.base import Fix, Rule
from integration_spec.rules.registry import rule_info
from integration_spec.source import (
    InputError,
    SourceText,
    decode_source,
    input_error,
    read_source,
)

STDIN_NAME = "-"


@dataclass(frozen=True, slots=True, kw_only=True)
class CheckRequest:
    """What the user asked for; the CLI builds it from options."""

    paths: tuple[str, ...] = ()
    """Spec files and folders; none means the configured specs; ``-`` means ``stdin``."""
    all_specs: bool = False
    """The configured specs (the same as giving no path)."""
    start: Path = field(default_factory=Path.cwd)
    """The folder the command runs in; relative paths and what is shown start here."""
    architecture: str | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, str] = field(default_factory=dict)
    fix: bool = False
    diff: bool = False
    baseline: str | None = None
    write_baseline: str | None = None
    force: bool = False
    """Replace an existing ``write_baseline`` file."""
    force_exclude: bool = False
    """Apply ``exclude`` to files named explicitly too (for pre-commit)."""
    stdin: bytes | None = None
    """The document read from standard input when ``paths`` is ``("-",)``."""
    stdin_filename: str | None = None
    """The name the document on standard input is checked as (display, per-path-ignores)."""
    jobs: int = 1
    project: str | None = None
    """The project folder, when it is not where the paths (or ``start``) point."""
    cache: bool = True
    """Reuse the parsed architecture and unchanged specs' results (``--no-cache``: off)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class CheckResult:
    """The report, what fixing did or would do, and the exit code they make."""

    report: Report
    diffs: tuple[tuple[str, str], ...] = ()
    fixed_files: tuple[str, ...] = ()
    fixes_applied: int = 0
    fixes_rejected: tuple[tuple[str, RejectedFix], ...] = ()
    """Fixes not kept, by shown path: they would delete text, or their finding remained."""
    baseline_written: str | None = None
    fixed_stdin: bytes | None = None
    """With ``--fix`` on ``-``: the document to print (fixed, or as it was)."""
    skipped: tuple[str, ...] = ()
    """Files named explicitly that ``exclude`` left out (``--force-exclude``)."""
    previewed: bool = False
    """``--diff``: nothing was written; the exit code says whether something would be."""

    def has_input_errors(self) -> bool:
        """Whether some input could not be used (an ``IO`` finding)."""
        return any(is_input_error(d.code) for d in self.report.all_diagnostics())

    def exit_code(self, *, strict: bool = False) -> int:
        """The exit code: 2 when some input could not be used, else by what was asked.

        With ``--diff`` 1 when fixes would apply; after writing a baseline 0; otherwise 1
        for errors (warnings too when ``strict``), else 0.
        """
        if self.has_input_errors():
            return 2
        if self.previewed:
            return 1 if self.diffs else 0
        if self.baseline_written:
            return 0
        return exit_code(self.report.all_diagnostics(), strict=strict)


@dataclass(frozen=True, slots=True)
class _Input:
    """One spec to check: where it is, how it is shown, its text or why it has none."""

    path: Path | None
    shown: str
    source: SourceText | None
    error: Diagnostic | None = None


class _Architectures:
    """Each architecture document read once, with what reading it reported."""

    def __init__(self, project: Project, rules: Sequence[type[Rule]], cache: Cache | None) -> None:
        self._project = project
        self._rules = rules
        self._cache = cache
        self._read: dict[Path, Architecture | None] = {}
        self.keys: dict[int, str] = {}
        """The content hash of each architecture read, by the model's ``id``."""
        self.diagnostics: list[Diagnostic] = []
        self.missing = 0
        self.used: list[str] = []

    def for_spec(self, spec: _Input) -> Architecture | None:
        text = spec.source.text if spec.source is not None else ""
        path = self._project.architecture_for_text(spec.path, text)
        if path is None:
            self.missing += 1
            return None
        key = Path(os.path.normpath(path))
        if key not in self._read:
            self._read[key] = self._load(key)
        architecture = self._read[key]
        if architecture is not None and self._project.shown(key) not in self.used:
            self.used.append(self._project.shown(key))
        return architecture

    def _load(self, path: Path) -> Architecture | None:
        shown = self._project.shown(path)
        try:
            text = read_source(path).text
        except InputError as error:  # an architecture that cannot be read stops the run
            raise InputError(_at(error.diagnostic, shown)) from None
        key = content_key("architecture", shown, text)
        cached = self._cache.load("architecture", shown, key) if self._cache else None
        model = cached if isinstance(cached, Architecture) else read_architecture(text, shown)
        if self._cache is not None and model is not cached:
            self._cache.store("architecture", shown, key, model)
        self.diagnostics.extend(d for d in model.diagnostics if d.severity is not Severity.INFO)
        # Comparing with an architecture of no modules would flag every module as unknown.
        if not model.modules:
            return None
        self.keys[id(model)] = key
        return model

    def no_architecture(self) -> list[Diagnostic]:
        if not self.missing:
            return []
        default = self._project.shown(self._project.config.architecture_path())
        skipped = sum(1 for rule in self._rules if rule.needs_architecture)
        return [
            Diagnostic(
                code="CF006",
                severity=Severity.WARNING,
                message=f"no architecture document at {default}; "
                f"{skipped} rules that compare with it did not run",
                path=default,
                hint="set 'architecture' in [tool.integration-spec] or pass --architecture",
            )
        ]


def run_check(request: CheckRequest) -> CheckResult:
    """Check the requested specs; raise :class:`InputError` when the run cannot happen (exit 2)."""
    project = _project(request)
    config = _with_options(project.config, request)
    project = replace(project, config=config)
    rules = select_rules(config)
    inputs, skipped = _inputs(request, project)
    cache = Cache(project.root) if request.cache else None
    architectures = _Architectures(project, rules, cache)
    baseline = (
        load_baseline(
            project.absolute(request.baseline),
            project.key,
            shown=project.shown(request.baseline),
        )
        if request.baseline
        else None
    )
    work = _Work(request, project, config, rules, baseline)
    chosen = [
        (spec, architectures.for_spec(spec) if spec.source is not None else None) for spec in inputs
    ]
    # Results of unchanged specs are reused only when nothing else shapes them: a baseline
    # absorbs findings in order across files, and fixing rewrites the files.
    if baseline is None and not (request.fix or request.diff):
        results = _Results(config, rules, architectures.keys, cache)
        work.check_all(chosen, results, request.jobs)
    else:
        for spec, architecture in chosen:
            work.check(spec, architecture)
    work.cross_check(chosen)
    baseline_written = None
    if request.write_baseline:
        text = baseline_document(
            [pair for outcome in work.outcomes for pair in outcome.kept_for_baseline],
            project.key,
            shown=project.shown(request.write_baseline),
        )
        project.write_output(project.absolute(request.write_baseline), text, force=request.force)
        baseline_written = project.shown(request.write_baseline)
    run_diagnostics = [*architectures.diagnostics, *architectures.no_architecture()]
    files = tuple(work.reports)
    report = Report(
        files=files,
        rules=_rules_of(rules, run_diagnostics, files),
        tool_version=__version__,
        architecture=architectures.used[0] if architectures.used else None,
        diagnostics=tuple(run_diagnostics),
    )
    return CheckResult(
        report=report,
        diffs=tuple(work.diffs),
        fixed_files=tuple(work.fixed),
        fixes_applied=work.applied,
        fixes_rejected=tuple(work.rejected),
        baseline_written=baseline_written,
        fixed_stdin=work.fixed_stdin,
        skipped=tuple(project.shown(path) for path in skipped),
        previewed=request.diff,
    )


def _project(request: CheckRequest) -> Project:
    """The project of the first path given (``--stdin-filename`` for ``-``), else ``start``'s."""
    given = [path for path in request.paths if path != STDIN]
    if request.stdin_filename:
        given.insert(0, request.stdin_filename)
    if request.project:
        given.insert(0, request.project)
    return load_project(given[0] if given else None, known_codes, cwd=request.start)


def _with_options(config: Config, request: CheckRequest) -> Config:
    """The configuration with the command line on top, its codes validated like the file's."""
    for option, codes in (("--select", request.select), ("--ignore", request.ignore)):
        for code in codes:
            check_code(code, known_codes, where=option, path=option)
    severity: dict[str, str] = {}
    for code, level in request.severity.items():
        wanted = code.strip().upper()
        check_code(wanted, known_codes, where="--severity", path="--severity")
        if level.lower() not in ("error", "warning", "info", "off"):
            raise input_error(
                "CF003",
                "--severity",
                f"severity of {wanted} must be error, warning, info or off, not {level!r}",
            )
        severity[wanted] = level.lower()
    return config.with_options(
        architecture=str(Path(request.start) / request.architecture)
        if request.architecture
        else None,
        select=request.select,
        ignore=request.ignore,
        severity=severity,
    )


def _inputs(request: CheckRequest, project: Project) -> tuple[list[_Input], tuple[Path, ...]]:
    if request.paths == (STDIN,):
        return [_stdin_input(request, project)], ()
    if STDIN in request.paths:
        raise input_error(
            "IO001", STDIN, "'-' (standard input) cannot be combined with other paths"
        )
    given = () if request.all_specs and not request.paths else request.paths
    selection = project.spec_files(given, force_exclude=request.force_exclude)
    inputs = [_file_input(project.absolute(path), project) for path in selection.files]
    for folder in selection.empty:
        shown = project.shown(folder)
        inputs.append(
            _Input(
                path=None,
                shown=shown,
                source=None,
                error=Diagnostic(
                    code="IO012",
                    severity=Severity.ERROR,
                    message="no specs found in this folder (no .md file that 'exclude' keeps)",
                    path=shown,
                ),
            )
        )
    return inputs, selection.skipped


def _file_input(path: Path, project: Project) -> _Input:
    shown = project.shown(path)
    try:
        return _Input(path=path, shown=shown, source=read_source(path))
    except InputError as error:
        return _Input(path=path, shown=shown, source=None, error=_at(error.diagnostic, shown))


def _stdin_input(request: CheckRequest, project: Project) -> _Input:
    name = request.stdin_filename
    shown = project.shown(name) if name else STDIN_NAME
    path = project.absolute(name) if name else None
    try:
        return _Input(path=path, shown=shown, source=decode_source(request.stdin or b"", shown))
    except InputError as error:
        return _Input(path=path, shown=shown, source=None, error=_at(error.diagnostic, shown))


def _at(diagnostic: Diagnostic, shown: str) -> Diagnostic:
    return replace(diagnostic, path=shown)


class _Work:
    """Checks, fixes and records the files of one run, in order."""

    def __init__(
        self,
        request: CheckRequest,
        project: Project,
        config: Config,
        rules: Sequence[type[Rule]],
        baseline: Baseline | None,
    ) -> None:
        self.request = request
        self.project = project
        self.config = config
        self.rules = rules
        self.baseline = baseline
        self.outcomes: list[FileOutcome] = []
        self.reports: list[FileReport] = []
        self.diffs: list[tuple[str, str]] = []
        self.fixed: list[str] = []
        self.rejected: list[tuple[str, RejectedFix]] = []
        self.applied = 0
        self.fixed_stdin: bytes | None = None

    def check(self, spec: _Input, architecture: Architecture | None) -> None:
        """Check one spec (and fix it when asked); every failure is a finding on it."""
        if spec.source is None:
            self._failed(spec, spec.error)
            return
        try:
            outcome = self._outcome(spec.source.text, spec.shown, architecture, self.baseline)
            if self.request.fix or self.request.diff:
                outcome = self._fix(spec, spec.source, architecture, outcome)
        except InputError as error:
            self._failed(spec, error.diagnostic)
            return
        except OSError as error:
            # A rule that looks at the file system (the architecture reference) met an
            # operating-system error: the spec's problem, reported on the spec.
            self._failed(spec, _os_error(spec.shown, error))
            return
        self._record(outcome)

    def check_all(
        self,
        chosen: Sequence[tuple[_Input, Architecture | None]],
        results: _Results,
        jobs: int,
    ) -> None:
        """Check specs without fixing: unchanged ones from the cache, the rest in ``jobs``."""
        outcomes: list[FileOutcome | Diagnostic | None] = []
        todo: list[tuple[int, str, str, Architecture | None]] = []
        for index, (spec, architecture) in enumerate(chosen):
            if spec.source is None:
                outcomes.append(spec.error)
                continue
            outcomes.append(results.cached(spec.shown, spec.source.text, architecture))
            if outcomes[-1] is None:
                todo.append((index, spec.source.text, spec.shown, architecture))
        checked = (
            _parallel([item[1:] for item in todo], jobs, self.config, self.rules)
            if jobs > 1 and len(todo) > 1
            else [_checked(self.config, self.rules, *item[1:]) for item in todo]
        )
        for (index, text, shown, architecture), outcome in zip(todo, checked, strict=True):
            outcomes[index] = outcome
            if isinstance(outcome, FileOutcome):
                results.store(shown, text, architecture, outcome)
        for (spec, _), result in zip(chosen, outcomes, strict=True):
            if isinstance(result, FileOutcome):
                self._record(result)
            else:
                self._failed(spec, result)

    def cross_check(self, chosen: Sequence[tuple[_Input, Architecture | None]]) -> None:
        """Add the cross-spec findings (computed fresh: they depend on every spec checked)."""
        # A spec that could not be checked (an IO finding) takes no part in the comparison.
        failed = {
            report.path
            for report in self.reports
            if any(is_input_error(d.code) for d in report.diagnostics)
        }
        texts = [
            (spec.source.text, spec.shown, architecture)
            for spec, architecture in chosen
            if spec.source is not None and spec.shown not in failed
        ]
        found = check_project(texts, config=self.config, rules=self.rules)
        if not found:
            return
        for index, report in enumerate(self.reports):
            extra = found.get(report.path)
            if extra:
                merged = sorted(
                    (*report.diagnostics, *extra), key=lambda d: (d.line or 0, d.code, d.message)
                )
                self.reports[index] = replace(report, diagnostics=tuple(merged))

    def _failed(self, spec: _Input, diagnostic: Diagnostic | None) -> None:
        assert diagnostic is not None
        self.reports.append(FileReport(path=spec.shown, diagnostics=(_at(diagnostic, spec.shown),)))

    def _record(self, outcome: FileOutcome) -> None:
        self.outcomes.append(outcome)
        self.reports.append(
            FileReport(
                path=outcome.path, diagnostics=outcome.diagnostics, suppressed=outcome.suppressed
            )
        )

    def _outcome(
        self,
        text: str,
        shown: str,
        architecture: Architecture | None,
        baseline: Baseline | None,
    ) -> FileOutcome:
        return check_document(
            text,
            shown,
            architecture=architecture,
            config=self.config,
            rules=self.rules,
            baseline=baseline,
        )

    def _fix(
        self,
        spec: _Input,
        source: SourceText,
        architecture: Architecture | None,
        outcome: FileOutcome,
    ) -> FileOutcome:
        stdin = spec.path is None or self.request.paths == (STDIN,)
        if not outcome.fixes:
            if stdin and self.request.fix and not self.request.diff:
                self.fixed_stdin = source.encode()
            return outcome

        def check(text: str) -> list[tuple[Diagnostic, Fix | None]]:
            return _pairs(self._outcome(text, spec.shown, architecture, None))

        result = fix_until_stable(source, check)
        self.rejected.extend((spec.shown, rejected) for rejected in result.rejected)
        changed = result.source.encode() != source.encode()
        if stdin and self.request.fix and not self.request.diff:
            self.fixed_stdin = result.source.encode()
        if not changed:
            return _unfixable(outcome, result.rejected)
        self.applied += result.applied
        if self.request.diff:
            self.diffs.append((spec.shown, unified_diff(spec.shown, source, result.source)))
            return _unfixable(outcome, result.rejected)
        if not stdin:
            assert spec.path is not None
            try:
                self.project.rewrite(spec.path, result.source)
            except InputError as error:  # not written: the findings stay, with the reason
                self.applied -= result.applied
                failed = _at(error.diagnostic, spec.shown)
                return replace(
                    _unfixable(outcome, result.rejected),
                    diagnostics=(failed, *outcome.diagnostics),
                )
            self.fixed.append(spec.shown)
        fixed = self._outcome(result.source.text, spec.shown, architecture, self.baseline)
        return _unfixable(fixed, result.rejected)


def _pairs(outcome: FileOutcome) -> list[tuple[Diagnostic, Fix | None]]:
    """Each finding with its fix: the engine lists the fixes of fixable findings in order."""
    fixes = iter(outcome.fixes)
    return [(d, next(fixes, None) if d.fixable else None) for d in outcome.diagnostics]


def _unfixable(outcome: FileOutcome, rejected: Sequence[RejectedFix]) -> FileOutcome:
    """Findings whose fix was refused are no longer offered as fixable."""
    if not rejected:
        return outcome
    refused = {(r.diagnostic.code, r.diagnostic.message) for r in rejected}
    diagnostics = tuple(
        replace(d, fixable=False) if (d.code, d.message) in refused else d
        for d in outcome.diagnostics
    )
    return replace(outcome, diagnostics=diagnostics)


def _os_error(shown: str, error: OSError) -> Diagnostic:
    where = f" ({error.filename})" if error.filename else ""
    if len(where) > 120:
        where = f" ({str(error.filename)[:100]}...)"
    return Diagnostic(
        code="IO007",
        severity=Severity.ERROR,
        message=f"cannot check: {error.strerror or error}{where}",
        path=shown,
    )


class _Results:
    """The cache of spec outcomes, keyed by everything an outcome depends on."""

    def __init__(
        self,
        config: Config,
        rules: Sequence[type[Rule]],
        architecture_keys: Mapping[int, str],
        cache: Cache | None,
    ) -> None:
        self._cache = cache
        self._architecture_keys = architecture_keys
        self._settings = {
            item.name: repr(getattr(config, item.name)) for item in dataclasses.fields(config)
        }
        self._codes = [rule.code for rule in rules]

    def _key(self, shown: str, text: str, architecture: Architecture | None) -> str:
        used = self._architecture_keys.get(id(architecture)) if architecture else None
        return content_key("spec", shown, text, used, self._settings, self._codes)

    def cached(
        self, shown: str, text: str, architecture: Architecture | None
    ) -> FileOutcome | None:
        if self._cache is None:
            return None
        value = self._cache.load("specs", shown, self._key(shown, text, architecture))
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

    def store(
        self, shown: str, text: str, architecture: Architecture | None, outcome: FileOutcome
    ) -> None:
        if self._cache is None:
            return
        value = (outcome.diagnostics, outcome.fixes, outcome.suppressed, outcome.kept_for_baseline)
        self._cache.store("specs", shown, self._key(shown, text, architecture), value)


def _checked(
    config: Config,
    rules: Sequence[type[Rule]],
    text: str,
    shown: str,
    architecture: Architecture | None,
) -> FileOutcome | Diagnostic:
    """One spec's outcome, or the operating-system error a rule met reading the disk."""
    try:
        return check_document(text, shown, architecture=architecture, config=config, rules=rules)
    except OSError as error:
        # A rule that looks at the file system (the architecture reference) met an
        # operating-system error: the spec's problem, reported on the spec.
        return _os_error(shown, error)


_WORKER: list[tuple[Config, tuple[type[Rule], ...]]] = []
"""The run's configuration and rules in a worker process, set once by :func:`_start_worker`."""


def _parallel(
    work: Sequence[tuple[str, str, Architecture | None]],
    jobs: int,
    config: Config,
    rules: Sequence[type[Rule]],
) -> list[FileOutcome | Diagnostic]:
    """Check in ``jobs`` processes: configuration and rules go to each worker once."""
    import gc
    from concurrent.futures import ProcessPoolExecutor

    # Forked workers share the parent's objects; frozen ones are never touched by the
    # collector, so their pages are not copied.
    gc.freeze()
    chunk = max(1, len(work) // (jobs * 4))
    with ProcessPoolExecutor(
        max_workers=min(jobs, len(work)),
        initializer=_start_worker,
        initargs=((config, tuple(rules)),),
    ) as pool:
        return list(pool.map(_check_in_worker, work, chunksize=chunk))


def _start_worker(context: tuple[Config, tuple[type[Rule], ...]]) -> None:
    _WORKER[:] = [context]


def _check_in_worker(item: tuple[str, str, Architecture | None]) -> FileOutcome | Diagnostic:
    config, rules = _WORKER[0]
    return _checked(config, rules, *item)


def _rules_of(
    rules: Sequence[type[Rule]], run: Sequence[Diagnostic], files: Sequence[FileReport]
) -> tuple[RuleInfo, ...]:
    """The rules that ran, then the catalogue's entry for each reserved code reported."""
    infos = [rule_info(rule) for rule in rules]
    known = {info.code for info in infos}
    for diagnostic in (*run, *(d for report in files for d in report.diagnostics)):
        if diagnostic.code in known:
            continue
        info = reserved_rule_info(diagnostic.code)
        if info is not None:
            infos.append(info)
            known.add(diagnostic.code)
    return tuple(infos)
