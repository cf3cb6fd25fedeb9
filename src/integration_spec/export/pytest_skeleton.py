"""A pytest skeleton: one test per integration point and per E2E journey, each a TODO.

Integration points are each synchronous call, each delivery of an event to a subscriber
(the unit the Testing rules count) and each compensation (a step's Compensation line, and
each block of the Compensation section). A point takes its name and scenario from the
Integration Tests row that covers it: a row naming both modules and the call's method or
the event; a row that covers no point still gets its own test, so every row of the
spec's test tables is there. Tests carry one marker per module (``module_cart``), plus
``e2e`` or ``compensation``; ``conftest.py`` registers them, so ``--strict-markers``
passes and ``pytest -m module_cart`` runs what touches cart. Each body fails with
``TODO:`` (or skips, with :attr:`Pending.SKIP`), so the suite collects and shows what is
left to write.
"""

from __future__ import annotations

import json
import textwrap
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from integration_spec.export._text import first_seen, one_line, source, unique
from integration_spec.export.codes import export_error
from integration_spec.export.model import Export, ExportedFile, ExportOptions, Pending
from integration_spec.facts.modules import is_named, module_name
from integration_spec.model.architecture import Architecture
from integration_spec.model.names import ascii_words, name_key
from integration_spec.model.spec import IntegrationSpec, IntegrationTest

MAX_NAME_WORDS = 10
"""Test names stay readable in a terminal; longer titles are cut at a word."""
TEXT_WIDTH = 88
E2E, COMPENSATION = "e2e", "compensation"


@dataclass(slots=True)
class _Test:
    """One generated test function."""

    title: str
    todo: str
    modules: list[str]
    about: list[str]
    sources: list[str]
    kind: str | None = None
    name: str = ""


@dataclass(slots=True)
class _Rows:
    """The Integration Tests rows of one spec, each claimed by at most one point."""

    rows: Sequence[IntegrationTest]
    claimed: set[int] = field(default_factory=set)

    def claim(self, modules: Iterable[str], mentions: str) -> IntegrationTest | None:
        """The first unclaimed row naming all ``modules`` and mentioning ``mentions``."""
        wanted = {name_key(module) for module in modules}
        for index, row in enumerate(self.rows):
            named = {name_key(module_name(module)) for module in row.modules}
            text = f"{one_line(row.test)} {one_line(row.scenario)}"
            if index not in self.claimed and wanted <= named and _mentions(text, mentions):
                self.claimed.add(index)
                return row
        return None


def _mentions(text: str, name: str) -> bool:
    wanted = ascii_words(name)
    words = ascii_words(text)
    size = len(wanted)
    return bool(wanted) and any(words[i : i + size] == wanted for i in range(len(words)))


def export_pytest(
    specs: Sequence[IntegrationSpec],
    architecture: Architecture | None = None,
    options: ExportOptions | None = None,
) -> Export:
    """``__init__.py``, ``conftest.py`` and one ``test_<spec>.py`` per spec."""
    options = options or ExportOptions()
    files: list[ExportedFile] = []
    markers: dict[str, str] = {}
    taken_files: set[str] = {"__init__", "conftest"}
    for spec in specs:
        tests = spec_tests(spec)
        if options.module is not None:
            tests = [t for t in tests if any(_same(m, options.module) for m in t.modules)]
        if not tests:
            continue
        for test in tests:
            for module in test.modules:
                markers.setdefault(marker(module), f"touches the {module} module")
            if test.kind is not None:
                markers.setdefault(test.kind, _KIND_MARKERS[test.kind])
        stem = unique(f"test_{_snake(_stem(spec), 6) or 'spec'}", taken_files)
        files.append(ExportedFile(path=f"{stem}.py", content=_module(spec, tests, options.pending)))
    if not files:
        where = specs[0].path if len(specs) == 1 else "features/integrations"
        what = f" for module '{options.module}'" if options.module else ""
        raise export_error(
            "EX007" if not options.module else "EX004",
            where,
            f"no integration point or E2E journey to test{what}",
        )
    package = ExportedFile(path="__init__.py", content=_package_doc(specs))
    conftest = ExportedFile(path="conftest.py", content=_conftest(markers))
    return Export(kind="pytest", files=(package, conftest, *files))


_KIND_MARKERS = {
    E2E: "an end-to-end journey of an integration spec",
    COMPENSATION: "a compensation: undoing a step when a later one fails",
}


def _same(left: str, right: str) -> bool:
    return name_key(left) == name_key(right)


def _stem(spec: IntegrationSpec) -> str:
    return PurePosixPath(spec.path.replace("\\", "/")).stem if spec.path else one_line(spec.title)


def marker(module: str) -> str:
    """The marker of a module: ``module_`` and its name in snake case."""
    return "module_" + (_snake(module, MAX_NAME_WORDS) or "unnamed")


def _snake(text: str, limit: int) -> str:
    return "_".join(ascii_words(text)[:limit])


def spec_tests(spec: IntegrationSpec) -> list[_Test]:
    """Every test of one spec, in the order of the spec, with unique names."""
    rows = _Rows(spec.integration_tests)
    tests = [*_call_tests(spec, rows), *_event_tests(spec, rows)]
    tests += [_row_test(spec, row) for i, row in enumerate(rows.rows) if i not in rows.claimed]
    tests += _compensation_tests(spec)
    tests += _journey_tests(spec)
    taken: set[str] = set()
    for test in tests:
        test.name = unique("test_" + (_snake(test.title, MAX_NAME_WORDS) or "unnamed"), taken)
    return tests


def _call_tests(spec: IntegrationSpec, rows: _Rows) -> Iterable[_Test]:
    for call in spec.sync_calls:
        if not (is_named(call.caller) and is_named(call.callee)):
            continue
        caller, callee, method = (
            module_name(call.caller),
            module_name(call.callee),
            one_line(call.method),
        )
        point = f"{caller} calls {callee}: {method}" + (
            f" ({one_line(call.purpose)})" if one_line(call.purpose) else ""
        )
        row = rows.claim((caller, callee), method)
        yield _covered(
            spec,
            row,
            point,
            [caller, callee],
            source(spec.path, call.line),
            fallback=f"{caller} calls {method}",
        )


def _event_tests(spec: IntegrationSpec, rows: _Rows) -> Iterable[_Test]:
    for event in spec.async_events:
        if not (is_named(event.event) and is_named(event.publisher)):
            continue
        name, publisher = one_line(event.event), module_name(event.publisher)
        for written in event.subscribers:
            if not is_named(written):
                continue
            subscriber = module_name(written)
            point = f"{publisher} publishes {name}, {subscriber} handles it" + (
                f" ({one_line(event.purpose)})" if one_line(event.purpose) else ""
            )
            row = rows.claim((publisher, subscriber), name)
            yield _covered(
                spec,
                row,
                point,
                [publisher, subscriber],
                source(spec.path, event.line),
                fallback=f"{subscriber} handles {name}",
            )


def _covered(
    spec: IntegrationSpec,
    row: IntegrationTest | None,
    point: str,
    modules: list[str],
    where: str,
    fallback: str,
) -> _Test:
    if row is None:
        return _Test(
            title=fallback,
            todo=f"the spec names no integration test for this point; write one: {point}",
            modules=first_seen(modules),
            about=[f"Integration point: {point}."],
            sources=[where],
        )
    return _Test(
        title=one_line(row.test),
        todo=one_line(row.scenario) or one_line(row.test),
        modules=first_seen([*modules, *(module_name(m) for m in row.modules if is_named(m))]),
        about=[f"{one_line(row.test)}: {one_line(row.scenario)}", f"Integration point: {point}."],
        sources=[source(spec.path, row.line), where],
    )


def _row_test(spec: IntegrationSpec, row: IntegrationTest) -> _Test:
    modules = [module_name(m) for m in row.modules if is_named(m)]
    return _Test(
        title=one_line(row.test),
        todo=one_line(row.scenario) or one_line(row.test),
        modules=first_seen(modules),
        about=[f"{one_line(row.test)}: {one_line(row.scenario)}"],
        sources=[source(spec.path, row.line)],
    )


def _compensation_tests(spec: IntegrationSpec) -> Iterable[_Test]:
    for number, step in enumerate(spec.flow_steps, start=1):
        if not (step.compensation and one_line(step.compensation)):
            continue
        module = module_name(step.module) if is_named(step.module) else ""
        compensation = one_line(step.compensation)
        yield _Test(
            title=f"compensate {one_line(step.name)}",
            todo=f"make a later step fail after step {number} and verify: {compensation}",
            modules=[module] if module else [],
            about=[
                f"Step {number} ({one_line(step.name)}, {module or 'no module'}) is undone when a "
                f"later step fails: {compensation}"
            ],
            sources=[source(spec.path, step.field_lines.get("compensation", step.line))],
            kind=COMPENSATION,
        )
    involved = [module_name(row.module) for row in spec.modules if is_named(row.module)]
    for block in spec.compensation:
        steps = [one_line(entry.text) for entry in block.steps if one_line(entry.text)]
        named = [m for m in involved if _mentions(block.trigger, m)]
        trigger = one_line(block.trigger).rstrip(":")
        yield _Test(
            title=f"compensation {trigger}",
            todo=f"{trigger}: verify, in this order: " + "; ".join(steps),
            modules=named,
            about=[f"{trigger}:", *(f"{i}. {text}" for i, text in enumerate(steps, start=1))],
            sources=[source(spec.path, block.line)],
            kind=COMPENSATION,
        )


def _journey_tests(spec: IntegrationSpec) -> Iterable[_Test]:
    involved = [module_name(row.module) for row in spec.modules if is_named(row.module)]
    for row in spec.e2e_tests:
        if not one_line(row.journey):
            continue
        yield _Test(
            title=f"e2e {one_line(row.journey)}",
            todo=f"{one_line(row.steps)}; verify: {one_line(row.verification)}",
            modules=first_seen(involved),
            about=[
                f"Journey: {one_line(row.journey)}.",
                f"Steps: {one_line(row.steps)}.",
                f"Verification: {one_line(row.verification)}.",
            ],
            sources=[source(spec.path, row.line)],
            kind=E2E,
        )


# --- rendering -------------------------------------------------------------------------


def _module(spec: IntegrationSpec, tests: Sequence[_Test], pending: Pending) -> bytes:
    title = one_line(spec.title) or "an integration spec"
    header = (
        f"Integration tests of {title}, from {spec.path or 'the spec'}.\n\n"
        "Generated by `integration-spec export --to pytest`: one test per integration point "
        "(synchronous call, event delivery, compensation) and per E2E journey. Each "
        + ("fails" if pending is Pending.FAIL else "is skipped")
        + " with TODO until it is written."
    )
    lines = [
        _docstring(header, indent=""),
        "",
        "from __future__ import annotations",
        "",
        "import pytest",
    ]
    for test in tests:
        lines += ["", ""]
        markers = ([test.kind] if test.kind else []) + [marker(m) for m in test.modules]
        lines += [f"@pytest.mark.{name}" for name in markers]
        lines.append(f"def {test.name}() -> None:")
        about = "\n\n".join([*test.about, "Spec: " + ", ".join(test.sources) + "."])
        lines.append(_docstring(about, indent="    "))
        call = "pytest.fail" if pending is Pending.FAIL else "pytest.skip"
        lines += _call(call, f"TODO: {test.todo}")
    return ("\n".join(lines) + "\n").encode("utf-8")


def _docstring(text: str, indent: str) -> str:
    """A triple-quoted docstring of ``text``, wrapped, with quotes and backslashes escaped."""
    paragraphs = []
    for paragraph in text.split("\n\n"):
        lines = textwrap.wrap(
            paragraph,
            width=TEXT_WIDTH - len(indent),
            break_long_words=False,
            break_on_hyphens=False,
        ) or [""]
        paragraphs.append("\n".join(f"{indent}{line}" if line else "" for line in lines))
    body = "\n\n".join(paragraphs).lstrip()
    body = body.replace("\\", "\\\\").replace('"""', '\\"\\"\\"')
    if body.endswith('"'):
        body = body[:-1] + '\\"'
    closing = f"\n{indent}" if "\n" in body else ""
    return f'{indent}"""{body}{closing}"""'


def _call(function: str, message: str) -> list[str]:
    """``pytest.fail("...")`` with the message split into literals that fit the width."""
    chunks = textwrap.wrap(
        message,
        width=TEXT_WIDTH - 12,
        break_long_words=False,
        break_on_hyphens=False,
        drop_whitespace=False,
    ) or [""]
    if len(chunks) == 1:
        return [f"    {function}({_literal(chunks[0])})"]
    return [f"    {function}(", *(f"        {_literal(chunk)}" for chunk in chunks), "    )"]


def _literal(text: str) -> str:
    """A double-quoted Python string literal (a JSON string is one, escapes included)."""
    return json.dumps(text, ensure_ascii=False)


def _package_doc(specs: Sequence[IntegrationSpec]) -> bytes:
    paths = ", ".join(spec.path for spec in specs if spec.path) or "integration specs"
    text = f"Integration tests generated by integration-spec from {paths}."
    return (_docstring(text, indent="") + "\n").encode("utf-8")


def _conftest(markers: dict[str, str]) -> bytes:
    entries = [f"    ({_literal(name)}, {_literal(markers[name])})," for name in sorted(markers)]
    lines = [
        '"""Markers of the generated integration-spec tests, registered for --strict-markers."""',
        "",
        "from __future__ import annotations",
        "",
        "import pytest",
        "",
        "MARKERS = (",
        *entries,
        ")",
        "",
        "",
        "def pytest_configure(config: pytest.Config) -> None:",
        '    """Register each marker with its meaning (shown by `pytest --markers`)."""',
        "    for name, description in MARKERS:",
        '        config.addinivalue_line("markers", f"{name}: {description}")',
    ]
    return ("\n".join(lines) + "\n").encode("utf-8")
