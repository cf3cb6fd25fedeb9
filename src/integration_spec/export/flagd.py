"""OpenFeature flagd flag definitions of the Rollout Plan's feature flags.

Every flag is a boolean flag with the variants ``on`` (true) and ``off`` (false); its
``defaultVariant`` is the spec's Default. A default that is neither on nor off in any
usual spelling is exported as ``off`` (the seed's rule: new behaviour defaults off) with
a note, and the written default is kept in the metadata. The purpose and the row's
``path:line`` go into the flag's metadata, which flagd hands to every evaluation.
Several specs may share a flag; they must agree on its default.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from integration_spec.export._text import one_line, source
from integration_spec.export.codes import export_error, export_note
from integration_spec.export.documents import to_json
from integration_spec.export.model import Export, ExportedFile, ExportOptions
from integration_spec.facts.modules import is_named
from integration_spec.model.architecture import Architecture
from integration_spec.model.diagnostics import Diagnostic
from integration_spec.model.names import ascii_words
from integration_spec.model.spec import IntegrationSpec

FLAGD_SCHEMA = "https://flagd.dev/schema/v0/flags.json"
FILE_NAME = "flags.flagd.json"
_OFF = {"off", "false", "disabled", "disable", "no", "0", "inactive"}
_ON = {"on", "true", "enabled", "enable", "yes", "1", "active"}


def default_variant(written: str) -> str | None:
    """``on`` or ``off`` from a Default cell (``off``, ``false``, ``Off (staff: on)``...)."""
    words = ascii_words(one_line(written))
    first = words[0] if words else ""
    if first in _OFF:
        return "off"
    if first in _ON:
        return "on"
    return None


def export_flagd(
    specs: Sequence[IntegrationSpec],
    architecture: Architecture | None = None,
    options: ExportOptions | None = None,
) -> Export:
    """One flagd flag file with every flag of the given specs."""
    notes: list[Diagnostic] = []
    flags: dict[str, dict[str, Any]] = {}
    where = specs[0].path if len(specs) == 1 else "features/integrations"
    for spec in specs:
        for row in spec.feature_flags:
            flag_key = one_line(row.flag)
            if not is_named(row.flag):
                notes.append(
                    export_note(
                        "EX101", spec.path, f"flag '{flag_key}' has no name; left out", row.line
                    )
                )
                continue
            variant = default_variant(row.default)
            if variant is None:
                variant = "off"
                notes.append(
                    export_note(
                        "EX102",
                        spec.path,
                        f"flag '{flag_key}' has default '{one_line(row.default)}', neither on nor "
                        "off; exported as off",
                        row.line,
                    )
                )
            metadata: dict[str, Any] = {"purpose": one_line(row.purpose)}
            if one_line(row.default).casefold() != variant:
                metadata["specDefault"] = one_line(row.default)
            metadata["source"] = source(spec.path, row.line)
            existing = flags.get(flag_key)
            if existing is None:
                flags[flag_key] = {
                    "state": "ENABLED",
                    "variants": {"on": True, "off": False},
                    "defaultVariant": variant,
                    "metadata": metadata,
                }
                continue
            if existing["defaultVariant"] != variant:
                raise export_error(
                    "EX005",
                    spec.path,
                    f"flag '{flag_key}' defaults to {variant} here but to "
                    f"{existing['defaultVariant']} in {existing['metadata']['source']}",
                    row.line,
                )
            existing["metadata"]["source"] += "; " + metadata["source"]
    if not flags:
        raise export_error("EX007", where, "no feature flags to export: the Rollout Plan has none")
    document = {"$schema": FLAGD_SCHEMA, "flags": flags}
    return Export(
        kind="flagd",
        files=(ExportedFile(path=FILE_NAME, content=to_json(document)),),
        notes=tuple(notes),
    )
