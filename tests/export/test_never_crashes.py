"""Whatever a spec says, every kind exports a valid document or says why it cannot."""

from __future__ import annotations

import ast
from pathlib import Path

from hypothesis import HealthCheck, given, settings

from integration_spec import ExportOptions, InputError, IntegrationSpec, export_specs
from tests.export.validators import (
    asyncapi_problems,
    errors,
    flagd_validator,
    load_document,
    openapi_problems,
    spec_validator,
)
from tests.strategies import specs

VALIDATE = {
    "asyncapi": asyncapi_problems,
    "openapi": openapi_problems,
    "flagd": lambda document: errors(flagd_validator(), document),
    "json": lambda document: errors(spec_validator(), document),
}
REASONS = {"EX004", "EX005", "EX007"}


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(specs)
def test_every_document_kind_is_valid_or_refused_with_a_code(spec: IntegrationSpec) -> None:
    for kind, validate in VALIDATE.items():
        for options in (ExportOptions(), ExportOptions(include_used=kind == "openapi")):
            try:
                (file,) = export_specs(spec, kind, None, options).files
            except InputError as error:
                refused = error.diagnostic.code
            else:
                assert validate(load_document(file.content, file.path)) == [], kind
                continue
            assert refused in REASONS


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(specs)
def test_skeletons_and_diagrams_always_render(spec: IntegrationSpec) -> None:
    try:
        files = export_specs(spec, "pytest").files
    except InputError as error:
        refused = error.diagnostic.code
    else:
        refused = None
        for file in files:
            tree = ast.parse(file.content, str(Path("generated") / file.path))
            names = [node.name for node in tree.body if isinstance(node, ast.FunctionDef)]
            assert len(names) == len(set(names)), "no test shadows another"
    assert refused in (None, "EX007")
    (diagrams,) = export_specs(spec, "mermaid").files
    assert diagrams.content.count(b"```mermaid") == 2
