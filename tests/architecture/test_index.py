"""Module names are found in any spelling, through the document's own aliases, with a
did-you-mean for near misses."""

from __future__ import annotations

from integration_spec.architecture.markdown_reader import read_markdown_architecture
from integration_spec.model.architecture import Architecture, Module

DOCUMENT = """# Shop

## Modules

| Module | Responsibility |
|---|---|
| Identity & Access (IAM) | Accounts and sign-in |
| Order Service | Orders |
| payments | Charges |
"""


def _architecture() -> Architecture:
    return read_markdown_architecture(DOCUMENT, "shop.md")


def test_names_match_case_and_separator_insensitively() -> None:
    architecture = _architecture()
    for spelling in ("PAYMENTS", "order-service", "Order", "ORDER_SERVICE", "identity_access"):
        assert architecture.find(spelling) is not None, spelling


def test_the_documents_own_aliases_find_the_module() -> None:
    architecture = _architecture()
    module = architecture.find("iam")
    assert module is not None
    assert module.name == "Identity & Access"
    assert architecture.find("Identity & Access (IAM)") is module


def test_did_you_mean_names_the_module_behind_an_alias() -> None:
    architecture = _architecture()
    assert architecture.find("paymnts") is None
    assert architecture.suggest("paymnts") == ["payments"]
    assert architecture.suggest("IAN") == ["Identity & Access"]


def test_a_shared_key_goes_to_the_first_module() -> None:
    first = Module(name="billing", aliases=("ledger",))
    second = Module(name="ledger")
    architecture = Architecture(modules=(first, second))
    assert architecture.find("ledger") is second
    assert architecture.find("billing") is first
