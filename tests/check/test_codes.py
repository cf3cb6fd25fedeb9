"""The one catalogue of codes: every code defined once, documented, and its exit policy."""

from __future__ import annotations

import enum
import re

import pytest

from integration_spec.architecture.codes import ArchitectureCode
from integration_spec.check.codes import (
    CONFIG_CODES,
    IO_CODES,
    exit_code,
    explain_code,
    is_input_error,
    known_codes,
    reserved,
    reserved_rule_info,
    rule_catalogue,
)
from integration_spec.model.diagnostics import Diagnostic, Severity

_CODE = re.compile(r"[A-Z]{2}\d{3}")


def test_every_reserved_code_is_well_formed_named_and_documented() -> None:
    for code, info in reserved().items():
        assert _CODE.fullmatch(code), code
        assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", info.name), code
        assert info.meaning.strip(), code
        text = explain_code(code.lower())
        assert text is not None
        assert info.meaning in text


def test_no_code_is_both_a_rule_and_reserved() -> None:
    rules = [entry.info.code for entry in rule_catalogue()]
    assert len(rules) == len(set(rules))
    assert not set(rules) & set(reserved())
    assert known_codes() == frozenset(rules) | frozenset(reserved())


def test_codes_the_project_defines_are_listed_once_each() -> None:
    mine = [info.code for info in (*IO_CODES, *CONFIG_CODES)]
    assert len(mine) == len(set(mine))


def test_a_code_enum_cannot_hide_an_alias() -> None:
    """Iterating an Enum skips aliases, so a duplicate value would pass a loop over it."""

    class Codes(enum.StrEnum):
        FIRST = "AX001"
        SECOND = "AX001"

    assert len(list(Codes)) == 1  # what the old test iterated, and missed
    with pytest.raises(ValueError, match="duplicate values"):
        enum.unique(Codes)
    assert enum.unique(ArchitectureCode) is ArchitectureCode
    assert len(ArchitectureCode.__members__) == len(ArchitectureCode)


@pytest.mark.parametrize("code", ["IO001", "IO008", "IO012"])
def test_unusable_input_makes_the_run_exit_2(code: str) -> None:
    finding = Diagnostic(code=code, severity=Severity.ERROR, message="m")
    warning = Diagnostic(code="ST012", severity=Severity.WARNING, message="m")
    assert is_input_error(code)
    assert exit_code([warning, finding], strict=False) == 2


def test_the_exit_code_is_the_worst_of_the_findings() -> None:
    error = Diagnostic(code="ST001", severity=Severity.ERROR, message="m")
    warning = Diagnostic(code="CF006", severity=Severity.WARNING, message="m")
    assert exit_code([], strict=True) == 0
    assert exit_code([warning], strict=False) == 0
    assert exit_code([warning], strict=True) == 1
    assert exit_code([warning, error], strict=False) == 1


def test_reserved_codes_carry_what_sarif_and_json_show() -> None:
    info = reserved_rule_info("IO009")
    assert info is not None
    assert (info.name, info.family, info.default_severity) == (
        "would-overwrite",
        "reading",
        Severity.ERROR,
    )
    assert reserved_rule_info("ST001") is None


def test_an_unknown_code_has_no_explanation() -> None:
    assert explain_code("ZZ999") is None
