"""How single cells, headings and lines are read: names, labels, endpoints, dependencies."""

from __future__ import annotations

import pytest

from integration_spec.architecture._sections import (
    explicit_module_name,
    is_collection,
    suffix_module_name,
)
from integration_spec.architecture._text import (
    clean_name,
    dependency_phrases,
    is_infrastructure,
    parse_endpoint,
    read_label,
)


@pytest.mark.parametrize(
    ("written", "name"),
    [
        ("**Request Service × 2**", "Request Service"),
        ("`IdentityAndMembership`", "IdentityAndMembership"),
        ("2.1 Workspace Service", "Workspace Service"),
        ("dashboard-frontend (port 3001)", "dashboard-frontend"),
        ("🎯 Application Services", "Application Services"),
        ("[Catalog](catalog/README.md)", "Catalog"),
        ("FileProcessor (5008)", "FileProcessor"),
        ("(public)", "(public)"),
    ],
)
def test_clean_name(written: str, name: str) -> None:
    assert clean_name(written) == name


@pytest.mark.parametrize(
    ("line", "label", "value"),
    [
        ("- **Aggregate**: Order", None, None),
        ("**Aggregate**: Order", "Aggregate", "Order"),
        ("**Domain Events:** A, B", "Domain Events", "A, B"),
        ("**职责**：租户管理", "职责", "租户管理"),
        ("Depends on: Payments", "Depends on", "Payments"),
        ("See https://example.com for more", None, None),
        ("This sentence has a colon: but many words before it", None, None),
        ("**FreshBonds Platform**", None, None),
    ],
)
def test_read_label(line: str, label: str | None, value: str | None) -> None:
    read = read_label(line)
    assert (read.label, read.value) == (label, value) if read else label is None


@pytest.mark.parametrize(
    ("text", "endpoint"),
    [
        ("POST /orders", "POST /orders"),
        ("`get /orders/{id}`", "GET /orders/{id}"),
        ("DELETE /users/:id         # soft delete", "DELETE /users/:id"),
        ("/health", "/health"),
        ("REST over HTTPS", None),
    ],
)
def test_parse_endpoint(text: str, endpoint: str | None) -> None:
    parsed = parse_endpoint(text.split("#")[0])
    assert (str(parsed) if parsed else None) == endpoint


@pytest.mark.parametrize(
    ("line", "phrases"),
    [
        ("Depends on the Catalogue Service for titles.", [" the Catalogue Service for titles"]),
        ("It does not depend on Billing.", []),
        ("依赖 App Service 获取配置", [" App Service 获取配置"]),
        ("不依赖 库存服务", []),
        ("Communicates **only** with `primary-backend`.", [" primary-backend"]),
    ],
)
def test_dependency_phrases(line: str, phrases: list[str]) -> None:
    assert dependency_phrases(line) == phrases


@pytest.mark.parametrize(
    ("name", "infrastructure"),
    [
        ("PostgreSQL", True),
        ("Prometheus + Grafana", True),
        ("API Gateway LB", True),
        ("NGINX Ingress Controller", True),
        ("API Gateway", False),
        ("Search", False),
        ("Orders", False),
    ],
)
def test_is_infrastructure(name: str, infrastructure: bool) -> None:
    assert is_infrastructure(name) is infrastructure


@pytest.mark.parametrize(
    ("title", "explicit", "suffix", "collection"),
    [
        ("Module: orders", "orders", None, False),
        ("Bounded Context: Billing", "Billing", None, False),
        ("Service-Oriented Design", None, None, False),
        ("Orders Service", None, "Orders Service", False),
        ("Domain Service", None, "Domain Service", False),
        ("Application Service", None, None, False),
        ("Application Services", None, None, True),
        ("Service Details", None, None, True),
        ("App Responsibilities", None, None, True),
        ("Application Layer", None, None, False),
        ("System Context", None, None, False),
        ("Billing Bounded Context", None, "Billing Bounded Context", False),
        ("Bounded Contexts", None, None, True),
        ("订单服务", None, "订单服务", False),
    ],
)
def test_heading_kinds(
    title: str, explicit: str | None, suffix: str | None, collection: bool
) -> None:
    explicit_name = explicit_module_name(title)
    suffix_name = suffix_module_name(title)
    assert (explicit_name.name if explicit_name else None) == explicit
    assert (suffix_name.name if suffix_name else None) == suffix
    assert is_collection(title) is collection
