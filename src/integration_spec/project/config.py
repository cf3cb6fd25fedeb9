"""Configuration from ``[tool.integration-spec]`` or ``.integration-spec.toml``, validated.

An unknown key, a bad value or an unknown rule code is an error that names it (codes
``CF001``..``CF004``), so a typo never silently turns a rule off and no value, however
odd, reaches the file system or a glob unchecked.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from integration_spec.model.architecture import DEFAULT_ARCHITECTURE
from integration_spec.model.diagnostics import Severity
from integration_spec.model.names import suggest
from integration_spec.project.globs import GlobError, check_glob, matches_glob
from integration_spec.source import InputError, input_error, read_text

CONFIG_FILES = (".integration-spec.toml", "pyproject.toml")
DEFAULT_SPECS = ("features/integrations/**/*.md",)
DEFAULT_EXCLUDE = (
    "**/README.md",
    "**/CHANGELOG.md",
    "**/CONTRIBUTING.md",
    "**/LICENSE.md",
    "**/index.md",
    "**/_*",
    "**/.*",
)
"""Files beside the specs that are not specs: a folder's README and the other conventional
repository documents, index pages of documentation generators, and names starting with
``_`` (templates, partials) or ``.`` (hidden files and folders)."""

OFF = "off"
ALL = "ALL"
MAX_PATH_SETTING = 1024
"""Longer than any real relative path; a longer value is a mistake, not a path."""

_KEYS = (
    "architecture",
    "specs",
    "exclude",
    "extend-exclude",
    "select",
    "ignore",
    "severity",
    "per-path-ignores",
)
_LEVELS = (*(level.value for level in Severity), OFF)


def lexical_absolute(path: str | os.PathLike[str]) -> Path:
    """``path`` made absolute and ``..`` folded, without following symbolic links."""
    return Path(os.path.normpath(Path(path).absolute()))


def displayed(path: Path) -> str:
    """A path as a person reads it: relative to the working directory when below it."""
    try:
        return lexical_absolute(path).relative_to(Path.cwd()).as_posix()
    except (ValueError, OSError):
        return str(path)


KnownCodes = Callable[[], Collection[str]]
"""Every code a setting may name; a function, so the rules load only when codes are named."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Config:
    """Settings of one run; command-line options are merged in by :meth:`with_options`."""

    root: Path
    source: Path | None = None
    architecture: str = DEFAULT_ARCHITECTURE
    architecture_explicit: bool = False
    specs: tuple[str, ...] = DEFAULT_SPECS
    exclude: tuple[str, ...] = DEFAULT_EXCLUDE
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
        severity: Mapping[str, str] | None = None,
    ) -> Config:
        """Merge command-line options on top of this configuration (options win)."""
        return replace(
            self,
            architecture=str(Path(architecture).resolve()) if architecture else self.architecture,
            architecture_explicit=bool(architecture) or self.architecture_explicit,
            select=tuple(select) or self.select,
            ignore=(*self.ignore, *ignore),
            severity={**self.severity, **(severity or {})},
        )

    def relative(self, path: str | os.PathLike[str]) -> str | None:
        """``path`` (absolute, or relative to the working directory) from the root, or None."""
        absolute = lexical_absolute(path)
        try:
            return absolute.relative_to(self.root).as_posix()
        except ValueError:
            return None

    def per_path_codes(self, path: str) -> tuple[str, ...]:
        """The codes ``per-path-ignores`` silences in the file at ``path``."""
        relative = self.relative(path) or Path(path).as_posix()
        codes: list[str] = []
        for pattern, ignored in self.per_path_ignores.items():
            if matches_glob(pattern, relative):
                codes.extend(ignored)
        return tuple(codes)


def find_config(start: Path) -> tuple[Path, dict[str, Any] | None]:
    """The project root and its ``integration-spec`` table, searching upward from ``start``.

    The first directory with ``.integration-spec.toml``, or a ``pyproject.toml`` holding
    ``[tool.integration-spec]``, is the root; the search stops at a repository's top
    (``.git``). Without one, ``start`` is returned with no table.
    """
    start = lexical_absolute(start)
    for directory in (start, *start.parents):
        for name in CONFIG_FILES:
            candidate = directory / name
            if not _is_file(candidate):
                continue
            table = _read_table(candidate)
            if table is not None:
                return directory, {"__source__": candidate, **table}
        if _exists(directory / ".git"):
            break
    return start, None


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except OSError:
        return False


def _exists(path: Path) -> bool:
    try:
        return path.exists()
    except OSError:
        return False


def _read_table(path: Path) -> dict[str, Any] | None:
    try:
        text = read_text(path)
    except InputError as error:
        if error.diagnostic.code == "IO003":
            # An empty .integration-spec.toml is valid: all defaults. An empty
            # pyproject.toml holds no table of ours.
            return None if path.name == "pyproject.toml" else {}
        raise
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        line = _toml_error_line(error, text)
        raise input_error("CF001", displayed(path), f"invalid TOML: {error}", line) from None
    except RecursionError:
        raise input_error(
            "CF001", displayed(path), "invalid TOML: arrays or tables nested too deeply"
        ) from None
    if path.name != "pyproject.toml":
        return data
    tool = data.get("tool")
    if tool is None:
        return None
    if not isinstance(tool, dict):
        raise input_error(
            "CF003",
            displayed(path),
            "'tool' must be a table ([tool.NAME] sections)",
            _line_of(path, "tool"),
        )
    table = tool.get("integration-spec")
    if table is None:
        return None
    if not isinstance(table, dict):
        raise input_error(
            "CF003",
            displayed(path),
            "'tool.integration-spec' must be a table",
            _line_of(path, "integration-spec"),
        )
    return table


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


def load_config(start: Path, known_codes: Iterable[str] | KnownCodes) -> Config:
    """Find and validate the configuration for a run started in ``start``."""
    root, table = find_config(start)
    return validate_table(root, table, known_codes)


def validate_table(
    root: Path, table: Mapping[str, object] | None, known_codes: Iterable[str] | KnownCodes
) -> Config:
    """The :class:`Config` of a table :func:`find_config` returned (defaults without one)."""
    if table is None:
        return Config(root=root)
    settings = dict(table)
    source = settings.pop("__source__")
    assert isinstance(source, Path)
    codes = known_codes if callable(known_codes) else _fixed(frozenset(known_codes))
    return _validate(root, source, settings, codes)


def _fixed(codes: frozenset[str]) -> KnownCodes:
    return lambda: codes


def _validate(root: Path, source: Path, table: dict[str, Any], codes: KnownCodes) -> Config:
    shown = displayed(source)
    for key in table:
        if key not in _KEYS:
            close = suggest(key, _KEYS)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            raise input_error(
                "CF002",
                shown,
                f"unknown setting {_quoted(key)}{hint} (known: {', '.join(_KEYS)})",
                _line_of(source, key),
            )
    architecture = _path_setting(source, table.get("architecture", DEFAULT_ARCHITECTURE))
    severity = _string_map(source, table.get("severity", {}), "severity")
    for code, level in severity.items():
        check_code(
            code, codes, where=f"'severity' in {shown}", path=shown, line=_line_of(source, code)
        )
        if level not in _LEVELS:
            raise input_error(
                "CF003",
                shown,
                f"severity of {code} must be error, warning, info or off, not {_quoted(level)}",
                _line_of(source, code),
            )
    per_path: dict[str, tuple[str, ...]] = {}
    raw_per_path = table.get("per-path-ignores", {})
    if not isinstance(raw_per_path, dict):
        raise input_error("CF003", shown, "'per-path-ignores' must be a table of glob = [codes]")
    for glob, values in raw_per_path.items():
        _glob(source, glob, "per-path-ignores")
        per_path[glob] = _codes(source, values, codes, f"per-path-ignores.{glob}")
    exclude = _globs(source, table.get("exclude", list(DEFAULT_EXCLUDE)), "exclude")
    extend = _globs(source, table.get("extend-exclude", []), "extend-exclude")
    specs = _globs(source, table.get("specs", list(DEFAULT_SPECS)), "specs")
    if not specs:
        raise input_error(
            "CF003", shown, "'specs' must name at least one glob", _line_of(source, "specs")
        )
    return Config(
        root=root,
        source=source,
        architecture=architecture,
        architecture_explicit="architecture" in table,
        specs=specs,
        exclude=(*exclude, *extend),
        select=_codes(source, table.get("select", []), codes, "select"),
        ignore=_codes(source, table.get("ignore", []), codes, "ignore"),
        severity=severity,
        per_path_ignores=per_path,
    )


def _path_setting(source: Path, value: object) -> str:
    shown = displayed(source)
    line = _line_of(source, "architecture")
    if not isinstance(value, str) or not value.strip():
        raise input_error("CF003", shown, "'architecture' must be a path (a string)", line)
    if any(ord(char) < 32 or ord(char) == 127 for char in value):
        raise input_error(
            "CF003", shown, "'architecture' contains a control character (NUL, newline, ...)", line
        )
    if len(value) > MAX_PATH_SETTING:
        raise input_error(
            "CF003",
            shown,
            f"'architecture' is {len(value):,} characters long, over the limit of "
            f"{MAX_PATH_SETTING:,}",
            line,
        )
    return value


def _strings(source: Path, value: object, key: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise input_error(
            "CF003", displayed(source), f"'{key}' must be a list of strings", _line_of(source, key)
        )
    return tuple(value)


def _globs(source: Path, value: object, key: str) -> tuple[str, ...]:
    patterns = _strings(source, value, key)
    for pattern in patterns:
        _glob(source, pattern, key)
    return patterns


def _glob(source: Path, pattern: str, key: str) -> None:
    try:
        check_glob(pattern)
    except GlobError as error:
        raise input_error(
            "CF003",
            displayed(source),
            f"{_quoted(pattern)} in '{key}' is not a usable glob: {error}",
            (_line_of(source, pattern) if pattern.strip() else None) or _line_of(source, key),
            hint="globs are relative to the project root, e.g. 'features/integrations/**/*.md'",
        ) from None


def _string_map(source: Path, value: object, key: str) -> dict[str, str]:
    if not isinstance(value, dict) or not all(isinstance(item, str) for item in value.values()):
        raise input_error(
            "CF003", displayed(source), f"'{key}' must be a table of CODE = \"level\""
        )
    return {code.upper(): level.lower() for code, level in value.items()}


def _codes(source: Path, value: object, codes: KnownCodes, key: str) -> tuple[str, ...]:
    items = tuple(item.upper() for item in _strings(source, value, key))
    for item in items:
        check_code(
            item, codes, where=f"'{key}'", path=displayed(source), line=_line_of(source, item)
        )
    return items


def check_code(
    code: str, codes: KnownCodes, *, where: str, path: str, line: int | None = None
) -> None:
    """Accept a full code, a prefix of some code (``DF``, ``DF00``) or ``ALL``; else CF004."""
    if code == ALL:
        return
    known = codes()
    if code and any(item.startswith(code) for item in known):
        return
    close = suggest(code, known)
    hint = f"; did you mean {close[0]}?" if close else ""
    raise input_error("CF004", path, f"unknown rule code {_quoted(code)} in {where}{hint}", line)


def _quoted(text: str) -> str:
    """``text`` in quotes, control characters escaped so a message stays one clean line."""
    if text.isprintable():
        return f"'{text}'"
    return repr(text)


def _line_of(source: Path, needle: str) -> int | None:
    """The first line of the configuration file that mentions ``needle`` (for the message)."""
    try:
        lines = read_text(source).split("\n")
    except InputError:
        return None
    folded = needle.casefold()
    return next((n for n, text in enumerate(lines, start=1) if folded in text.casefold()), None)
