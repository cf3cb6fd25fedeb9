"""The check's view of the configuration: which codes a run selects, ignores or re-levels.

Reading and validating ``[tool.integration-spec]`` is the project's job
(:mod:`integration_spec.project.config`); the names are re-exported here for the check's
modules and for callers that knew them here.
"""

from __future__ import annotations

from collections.abc import Iterable

from integration_spec.project.config import (
    ALL,
    CONFIG_FILES,
    DEFAULT_EXCLUDE,
    DEFAULT_SPECS,
    OFF,
    Config,
    check_code,
    find_config,
    load_config,
)

__all__ = [
    "ALL",
    "CONFIG_FILES",
    "DEFAULT_EXCLUDE",
    "DEFAULT_SPECS",
    "OFF",
    "Config",
    "check_code",
    "find_config",
    "load_config",
    "matches",
]


def matches(code: str, patterns: Iterable[str]) -> bool:
    """Whether ``code`` is selected by any of ``patterns`` (codes, prefixes or ``ALL``)."""
    return any(pattern == ALL or code.startswith(pattern) for pattern in patterns)
