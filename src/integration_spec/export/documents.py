"""Serialising an exported document the same way every time (same input, same bytes).

Key order is the order the exporter built (the order of the spec), never sorted and never
dependent on hashing; YAML has no anchors or aliases, since a reader who pastes one
channel of the file elsewhere must get all of it.
"""

from __future__ import annotations

import json
from typing import Any

YAML_WIDTH = 100
"""Long strings fold at this column, like the rest of the project's text."""


def to_json(document: Any) -> bytes:
    """Pretty JSON, UTF-8 as written, ending in a newline."""
    return (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def to_yaml(document: Any) -> bytes:
    """Block-style YAML with keys in insertion order and no aliases."""
    import yaml

    class _Dumper(yaml.SafeDumper):
        def ignore_aliases(self, data: Any) -> bool:
            return True

    text = yaml.dump(
        document,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=YAML_WIDTH,
    )
    return text.encode("utf-8")


def serialise(document: Any, file_name: str) -> bytes:
    """JSON for a ``.json`` name, YAML otherwise."""
    return to_json(document) if file_name.endswith(".json") else to_yaml(document)
