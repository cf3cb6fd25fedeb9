"""Every diagnostic code is defined once, with a severity and a meaning."""

from __future__ import annotations

from integration_spec.architecture.codes import CODE_TABLE, ArchitectureCode


def test_every_code_has_a_meaning_and_codes_are_unique() -> None:
    assert set(CODE_TABLE) == set(ArchitectureCode)
    values = [code.value for code in ArchitectureCode]
    assert len(values) == len(set(values))
    assert all(value.startswith("AX") and len(value) == 5 for value in values)
    assert all(meaning for _, meaning in CODE_TABLE.values())
