"""Baselines: adopt the checker on an existing repository by accepting today's findings.

A finding is identified by its path, code, message and the text of its line, never by its
line number, so unrelated edits above it do not make it "new". Identical findings are
counted, so a second copy of a known problem is still reported.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

from integration_spec.model.diagnostics import Diagnostic, Severity
from integration_spec.source import InputError, read_text, write_text_atomic

BASELINE_VERSION = 1


def fingerprint(diagnostic: Diagnostic, line_text: str) -> str:
    """A stable identity for a finding that survives line shifts."""
    digest = hashlib.sha256(
        "\0".join(
            (
                diagnostic.path.replace("\\", "/"),
                diagnostic.code,
                diagnostic.message,
                line_text.strip(),
            )
        ).encode("utf-8")
    )
    return digest.hexdigest()[:20]


class Baseline:
    """The accepted findings, as a multiset of fingerprints."""

    def __init__(self, fingerprints: Iterable[str] = ()) -> None:
        self._remaining = Counter(fingerprints)

    def absorbs(self, print_: str) -> bool:
        """Whether a finding is accepted (each accepted entry absorbs one finding)."""
        if self._remaining[print_] > 0:
            self._remaining[print_] -= 1
            return True
        return False


def load_baseline(path: Path) -> Baseline:
    """Read a baseline file written by :func:`write_baseline`."""
    text = read_text(path)
    try:
        data = json.loads(text)
        entries = data["findings"]
        if data.get("version") != BASELINE_VERSION:
            raise ValueError(f"unsupported baseline version {data.get('version')!r}")
        return Baseline(str(entry["fingerprint"]) for entry in entries)
    except (ValueError, KeyError, TypeError) as error:
        raise InputError(
            Diagnostic(
                code="CF005",
                severity=Severity.ERROR,
                message=f"not a baseline file ({error}); write one with --write-baseline",
                path=str(path),
            )
        ) from None


def write_baseline(path: Path, findings: Sequence[tuple[Diagnostic, str]]) -> None:
    """Write the fingerprints of ``findings`` (with readable context) atomically."""
    entries = [
        {
            "fingerprint": fingerprint(diagnostic, line_text),
            "path": diagnostic.path.replace("\\", "/"),
            "code": diagnostic.code,
            "message": diagnostic.message,
        }
        for diagnostic, line_text in findings
    ]
    entries.sort(key=lambda entry: (entry["path"], entry["code"], entry["message"]))
    document = {"version": BASELINE_VERSION, "findings": entries}
    write_text_atomic(path, json.dumps(document, indent=2, ensure_ascii=False) + "\n")
