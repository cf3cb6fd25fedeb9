"""Configuration from ``[tool.integration-spec]`` or ``.integration-spec.toml``, validated.

An unknown key, a bad value or an unknown rule code is an error that names it (code
``CF001``..), so a typo never silently turns a rule off.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from integration_spec.model.architecture import DEFAULT_ARCHITECTURE
from integration_spec.model.diagnostics import Diagnostic, Severity
from integration_spec.model.names import suggest
from integration_spec.source import InputError, read_text

CONFIG_FILES = (".integration-spec.toml", "pyproject.toml")
DEFAULT_SPECS = ("features/integrations/**/*.md",)
OFF = "off"
CONFIG_CODES: dict[str, str] = {
    "CF001": "The configuration file is not valid TOML.",
    "CF002": "The configuration has a setting integration-spec does not know.",
    "CF003": "A setting has a value of the wrong type or an unknown severity level.",
    "CF004": "A rule code in select, ignore, severity or per-path-ignores names no rule.",
    "CF005": "The baseline file cannot be read as a baseline.",
    "CF006": "No architecture document was found, so the rules that compare with it did not run.",
}
_KEYS = ("architecture", "specs", "select", "ignore", "severity", "per-path-ignores")


@dataclass(frozen=True, slots=True, kw_only=True)
class Config:
    """Settings of one run; command-line options are merged in by :meth:`with_options`."""

    root: Path
    source: Path | None = None
    architecture: str = DEFAULT_ARCHITECTURE
    architecture_explicit: bool = False
    specs: tuple[str, ...] = DEFAULT_SPECS
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, str] = field(default_factory=dict)
    per_path_ignores: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def architecture_path(self) -> Path:
        """The architecture document, relative paths taken from the project root."""
        return self.root / self.architecture

    def with_options(
        self,
        *,
        architecture: str | None = None,
        select: Iterable[str] = (),
        ignore: Iterable[str] = (),
    ) -> Config:
        """Merge command-line options on top of this configuration (options win)."""
        return Config(
            root=self.root,
            source=self.source,
            architecture=str(Path(architecture).resolve()) if architecture else self.architecture,
            architecture_explicit=bool(architecture) or self.architecture_explicit,
            specs=self.specs,
            select=tuple(select) or self.select,
            ignore=(*self.ignore, *ignore),
            severity=self.severity,
            per_path_ignores=self.per_path_ignores,
        )


def find_config(start: Path) -> tuple[Path, dict[str, Any] | None]:
    """The project root and its ``integration-spec`` table, searching upward from ``start``.

    The first directory with ``.integration-spec.toml``, or a ``pyproject.toml`` holding
    ``[tool.integration-spec]``, is the root; without one, ``start`` is.
    """
    start = start.resolve()
    for directory in (start, *start.parents):
        for name in CONFIG_FILES:
            candidate = directory / name
            if not candidate.is_file():
                continue
            table = _read_table(candidate)
            if table is not None:
                return directory, {"__source__": candidate, **table}
        if (directory / ".git").exists():
            break
    return start, None


def _read_table(path: Path) -> dict[str, Any] | None:
    try:
        text = read_text(path)
    except InputError as error:
        if path.name == "pyproject.toml":
            return None
        if error.diagnostic.code == "IO003":
            return {}  # an empty .integration-spec.toml is valid: all defaults
        raise
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        line = _toml_error_line(error, text)
        raise _error("CF001", path, f"invalid TOML: {error}", line) from None
    if path.name == "pyproject.toml":
        table = data.get("tool", {}).get("integration-spec")
        return table if isinstance(table, dict) else None
    return data


def _toml_error_line(error: tomllib.TOMLDecodeError, text: str) -> int | None:
    """The line of a TOML error (Python 3.14 has ``lineno``; older versions only say it)."""
    line = getattr(error, "lineno", None)
    if isinstance(line, int):
        return line
    if "(at end of document)" in str(error):
        return max(1, text.rstrip("\n").count("\n") + 1)
    _, found, rest = str(error).partition("(at line ")
    number = rest.split(",", 1)[0]
    return int(number) if found and number.isdigit() else None


def load_config(start: Path, known_codes: Iterable[str]) -> Config:
    """Find and validate the configuration for a run started in ``start``."""
    root, table = find_config(start)
    if table is None:
        return Config(root=root)
    source: Path = table.pop("__source__")
    return _validate(root, source, table, frozenset(known_codes))


def _validate(root: Path, source: Path, table: dict[str, Any], codes: frozenset[str]) -> Config:
    for key in table:
        if key not in _KEYS:
            close = suggest(key, _KEYS)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            raise _error(
                "CF002",
                source,
                f"unknown setting '{key}'{hint} (known: {', '.join(_KEYS)})",
                _line_of(source, key),
            )
    architecture = table.get("architecture", DEFAULT_ARCHITECTURE)
    if not isinstance(architecture, str) or not architecture:
        raise _error("CF003", source, "'architecture' must be a path (a string)")
    severity = _string_map(source, table.get("severity", {}), "severity")
    for code, level in severity.items():
        _check_code(source, code, codes, "severity")
        if level not in (*(item.value for item in Severity), OFF):
            raise _error(
                "CF003",
                source,
                f"severity of {code} must be error, warning, info or off, not '{level}'",
                _line_of(source, code),
            )
    per_path: dict[str, tuple[str, ...]] = {}
    raw_per_path = table.get("per-path-ignores", {})
    if not isinstance(raw_per_path, dict):
        raise _error("CF003", source, "'per-path-ignores' must be a table of glob = [codes]")
    for glob, values in raw_per_path.items():
        per_path[glob] = _codes(source, values, codes, f"per-path-ignores.{glob}")
    return Config(
        root=root,
        source=source,
        architecture=architecture,
        architecture_explicit="architecture" in table,
        specs=_strings(source, table.get("specs", list(DEFAULT_SPECS)), "specs"),
        select=_codes(source, table.get("select", []), codes, "select"),
        ignore=_codes(source, table.get("ignore", []), codes, "ignore"),
        severity=severity,
        per_path_ignores=per_path,
    )


def _strings(source: Path, value: object, key: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise _error("CF003", source, f"'{key}' must be a list of strings")
    return tuple(value)


def _string_map(source: Path, value: object, key: str) -> dict[str, str]:
    if not isinstance(value, dict) or not all(isinstance(item, str) for item in value.values()):
        raise _error("CF003", source, f"'{key}' must be a table of CODE = \"level\"")
    return {code.upper(): level.lower() for code, level in value.items()}


def _codes(source: Path, value: object, codes: frozenset[str], key: str) -> tuple[str, ...]:
    items = tuple(item.upper() for item in _strings(source, value, key))
    for item in items:
        _check_code(source, item, codes, key)
    return items


def _check_code(source: Path, code: str, codes: frozenset[str], key: str) -> None:
    """Accept a full code or a prefix of some code (``DF``, ``DF00``), or ``ALL``."""
    if code == "ALL" or any(known.startswith(code) for known in codes):
        return
    close = suggest(code, codes)
    hint = f"; did you mean {close[0]}?" if close else ""
    raise _error(
        "CF004", source, f"unknown rule code '{code}' in '{key}'{hint}", _line_of(source, code)
    )


def _line_of(source: Path, needle: str) -> int | None:
    """The first line of the configuration file that mentions ``needle`` (for the message)."""
    try:
        lines = source.read_text(encoding="utf-8").split("\n")
    except OSError:
        return None
    folded = needle.casefold()
    return next((n for n, text in enumerate(lines, start=1) if folded in text.casefold()), None)


def _error(code: str, source: Path, message: str, line: int | None = None) -> InputError:
    return InputError(
        Diagnostic(code=code, severity=Severity.ERROR, message=message, path=str(source), line=line)
    )


def matches(code: str, patterns: Iterable[str]) -> bool:
    """Whether ``code`` is selected by any of ``patterns`` (codes, prefixes or ``ALL``)."""
    return any(pattern == "ALL" or code.startswith(pattern) for pattern in patterns)
