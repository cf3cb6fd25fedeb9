"""Exports: a parsed spec's contracts in the formats other tools read.

One small module per kind (``asyncapi``, ``openapi``, ``flagd``, ``pytest_skeleton``,
``mermaid``, ``spec_json``), each a pure function from specs (and the architecture) to
files; :mod:`integration_spec.export.api` chooses among them and
:mod:`integration_spec.export.files` writes what they return. Importing this package is
free: PyYAML, markdown-it and pydantic are loaded only by the kinds that use them.
"""
