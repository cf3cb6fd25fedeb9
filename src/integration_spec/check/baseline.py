"""Baselines: adopt the checker on an existing repository by accepting today's findings.

A finding is identified by its file (relative to the project root, so a baseline works from
any folder), code, message and the text of its line, never by its line number, so
unrelated edits above it do not make it "new". Identical findings are counted, so a
second copy of a known problem is still reported.

Reading and writing share one size limit, so a baseline the tool writes it can read back.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from integration_spec.model.diagnostics import Diagnostic
from integration_spec.source import InputError, input_error, read_text

BASELINE_VERSION = 1
MAX_BASELINE_BYTES = 64 * 1024 * 1024
"""Room for a few hundred thousand findings; both reading and writing hold to it."""

PathKey = Callable[[str], str]
"""How a finding's shown path becomes the root-relative path the baseline identifies it by."""


def _as_is(path: str) -> str:
    return path.replace("\\", "/")


def fingerprint(diagnostic: Diagnostic, line_text: str, key: PathKey = _as_is) -> str:
    """A stable identity for a finding that survives line shifts."""
    digest = hashlib.sha256(
        "\0".join(
            (
                key(diagnostic.path),
                diagnostic.code,
                diagnostic.message,
                line_text.strip(),
            )
        ).encode("utf-8", errors="surrogateescape")
    )
    return digest.hexdigest()[:20]


class Baseline:
    """The accepted findings, as a multiset of fingerprints."""

    def __init__(self, fingerprints: Iterable[str] = (), key: PathKey = _as_is) -> None:
        self._remaining = Counter(fingerprints)
        self._key = key

    def absorbs(self, finding: Diagnostic | str, line_text: str = "") -> bool:
        """Whether a finding is accepted (each accepted entry absorbs one finding).

        Give the finding and its line's text; a precomputed fingerprint is accepted too.
        """
        print_ = finding if isinstance(finding, str) else fingerprint(finding, line_text, self._key)
        if self._remaining[print_] > 0:
            self._remaining[print_] -= 1
            return True
        return False


def load_baseline(path: Path, key: PathKey = _as_is, *, shown: str | None = None) -> Baseline:
    """Read a baseline file written by :func:`write_baseline` (``CF005`` when it is not one)."""
    where = shown or str(path)
    text = read_text(path, max_bytes=MAX_BASELINE_BYTES)
    try:
        data = json.loads(text)
    except RecursionError:
        raise _invalid(where, "nested too deeply") from None
    except ValueError as error:
        raise _invalid(where, f"not JSON: {error}") from None
    if not isinstance(data, dict):
        raise _invalid(where, "the top level is not an object")
    if data.get("version") != BASELINE_VERSION:
        raise _invalid(where, f"unsupported baseline version {data.get('version')!r}")
    entries = data.get("findings")
    if not isinstance(entries, list):
        raise _invalid(where, "'findings' is not a list")
    prints: list[str] = []
    for number, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict) or not isinstance(entry.get("fingerprint"), str):
            raise _invalid(where, f"finding {number} has no fingerprint")
        prints.append(entry["fingerprint"])
    return Baseline(prints, key)


def _invalid(path: str, reason: str) -> InputError:
    return input_error(
        "CF005",
        path,
        f"not a baseline file ({reason})",
        hint="write one with --write-baseline",
    )


def baseline_document(
    findings: Sequence[tuple[Diagnostic, str]],
    key: PathKey = _as_is,
    *,
    max_bytes: int = MAX_BASELINE_BYTES,
    shown: str = "baseline",
) -> str:
    """The baseline file's text for ``findings``; refuses (``IO006``) what could not be read."""
    entries = [
        {
            "fingerprint": fingerprint(diagnostic, line_text, key),
            "path": key(diagnostic.path),
            "code": diagnostic.code,
            "message": diagnostic.message,
        }
        for diagnostic, line_text in findings
    ]
    entries.sort(key=lambda entry: (entry["path"], entry["code"], entry["message"]))
    document = {"version": BASELINE_VERSION, "findings": entries}
    text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    size = len(text.encode("utf-8", errors="surrogateescape"))
    if size > max_bytes:
        raise input_error(
            "IO006",
            shown,
            f"the baseline would be {size:,} bytes, over the limit of {max_bytes:,} bytes "
            "that --baseline reads; nothing was written",
            hint="fix or ignore whole families of findings first (--ignore, per-path-ignores)",
        )
    return text
