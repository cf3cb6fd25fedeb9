"""The parsed spec as JSON, exactly what ``parse`` prints (shape: ``schema spec``).

Several specs become one JSON array of them, in the order given.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from integration_spec.export.model import Export, ExportedFile, ExportOptions
from integration_spec.model.architecture import Architecture
from integration_spec.model.spec import IntegrationSpec

FILE_NAME = "spec.json"


def export_json(
    specs: Sequence[IntegrationSpec],
    architecture: Architecture | None = None,
    options: ExportOptions | None = None,
) -> Export:
    """One spec as its JSON object; several as an array."""
    from integration_spec.schema import to_jsonable

    data = [to_jsonable("spec", spec) for spec in specs]
    document = data[0] if len(data) == 1 else data
    text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    name = FILE_NAME if len(data) == 1 else "specs.json"
    return Export(kind="json", files=(ExportedFile(path=name, content=text.encode("utf-8")),))
