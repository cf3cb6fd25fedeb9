"""The shared language of the tool: architecture, spec and diagnostic models.

Models are frozen standard-library dataclasses (cheap to import); pydantic derives their
JSON Schema and validates external data on demand (docs/decisions/0002).
"""
