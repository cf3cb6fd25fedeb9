"""JSON Schema and validation of the models through pydantic, imported only when needed."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any, Literal

from integration_spec.model.architecture import Architecture
from integration_spec.model.spec import IntegrationSpec

if TYPE_CHECKING:
    from pydantic import TypeAdapter

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


@cache
def adapter(kind: Literal["spec", "architecture"]) -> TypeAdapter[Any]:
    """A pydantic adapter over the dataclass model (built once per process)."""
    from pydantic import TypeAdapter

    model: type = IntegrationSpec if kind == "spec" else Architecture
    return TypeAdapter(model)


def model_schema(kind: Literal["spec", "architecture"]) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a model, in serialisation mode."""
    schema = adapter(kind).json_schema(mode="serialization")
    return {"$schema": SCHEMA_DIALECT, **schema}


def to_jsonable(kind: Literal["spec", "architecture"], value: object) -> Any:
    """A model as plain JSON data (lists, dicts, strings)."""
    return adapter(kind).dump_python(value, mode="json")
