"""Inline suppression comments, found on the markdown block structure.

``<!-- integration-spec: ignore CODE[,CODE] -->`` at the end of a line silences those codes on
that line; on a line of its own it silences them for the next block; and
``<!-- integration-spec: ignore-file CODE[,CODE] -->`` anywhere silences them in the whole file.
``ispec:`` works as the prefix too; a bare ``ignore-file`` silences everything. Comments
inside code blocks are text, not directives. A code that exists nowhere is reported
(``CF007``), like ruff's invalid ``noqa`` codes, because it silences nothing.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field

from integration_spec.markdown.blocks import Fence, Html
from integration_spec.markdown.document import Document, parse_document
from integration_spec.model.diagnostics import Diagnostic, Severity

_PREFIXES = ("integration-spec:", "ispec:")
_ALL = "ALL"
UNKNOWN_CODE = "CF007"


@dataclass(frozen=True, slots=True)
class Directive:
    """One suppression comment: where it is, what it does, which codes it names."""

    line: int
    verb: str
    codes: frozenset[str]


@dataclass(frozen=True, slots=True)
class Suppressions:
    """Which codes are silenced where."""

    file_codes: frozenset[str]
    line_codes: dict[int, frozenset[str]]
    directives: tuple[Directive, ...] = field(default=())

    def silences(self, code: str, line: int | None) -> bool:
        """Whether a finding of ``code`` at ``line`` is suppressed."""
        if _covers(self.file_codes, code):
            return True
        return line is not None and _covers(self.line_codes.get(line, frozenset()), code)

    def unknown_codes(self, known: Collection[str], path: str) -> tuple[Diagnostic, ...]:
        """A ``CF007`` warning for each code a comment names that no rule or reader has."""
        found: list[Diagnostic] = []
        for directive in self.directives:
            for code in sorted(directive.codes):
                if code == _ALL or any(item.startswith(code) for item in known):
                    continue
                found.append(
                    Diagnostic(
                        code=UNKNOWN_CODE,
                        severity=Severity.WARNING,
                        message=f"suppression comment names unknown code {code!r}; "
                        "it silences nothing",
                        path=path,
                        line=directive.line,
                        hint="`integration-spec rules` lists the codes",
                    )
                )
        return tuple(found)


def _covers(codes: frozenset[str], code: str) -> bool:
    return any(item == _ALL or code.startswith(item) for item in codes)


def _directive(comment: str) -> tuple[str, frozenset[str]] | None:
    """Read ``integration-spec: ignore[-file] CODES`` out of one HTML comment's text."""
    body = comment.strip()
    if not (body.startswith("<!--") and body.endswith("-->")):
        return None
    body = body[4:-3].strip()
    prefix = next((p for p in _PREFIXES if body.lower().startswith(p)), None)
    if prefix is None:
        return None
    verb, _, rest = body[len(prefix) :].strip().partition(" ")
    verb = verb.lower()
    if verb not in ("ignore", "ignore-file"):
        return None
    codes = frozenset(
        part.strip().upper() for part in rest.replace(";", ",").split(",") if part.strip()
    )
    return verb, codes or frozenset({_ALL})


def _trailing_comment(line: str) -> str | None:
    end = line.rfind("-->")
    start = line.rfind("<!--", 0, end)
    if start <= 0 or end < 0 or not line[:start].strip():
        return None
    return line[start : end + 3]


def find_suppressions(source: Document | str) -> Suppressions:
    """Collect the suppression comments of a document (``check`` passes its shared one)."""
    document = source if isinstance(source, Document) else parse_document(source)
    lines = document.lines
    file_codes: set[str] = set()
    line_codes: dict[int, set[str]] = {}
    directives: list[Directive] = []
    blocks = document.flat_blocks
    code_lines: set[int] = set()
    for index, block in enumerate(blocks):
        if isinstance(block, Fence):
            code_lines.update(range(block.line, block.end_line + 1))
        if not isinstance(block, Html):
            continue
        for offset, comment in enumerate(block.content.split("\n")):
            directive = _directive(comment)
            if directive is None:
                continue
            verb, codes = directive
            directives.append(Directive(block.line + offset, verb, codes))
            if verb == "ignore-file":
                file_codes |= codes
            elif index + 1 < len(blocks):
                following = blocks[index + 1]
                for line in range(following.line, following.end_line + 1):
                    line_codes.setdefault(line, set()).update(codes)
    for number, text_line in enumerate(lines, start=1):
        if "<!--" not in text_line or number in code_lines:
            continue
        trailing = _trailing_comment(text_line)
        directive = _directive(trailing) if trailing else None
        if directive is not None:
            verb, codes = directive
            directives.append(Directive(number, verb, codes))
            if verb == "ignore-file":
                file_codes |= codes
            else:
                line_codes.setdefault(number, set()).update(codes)
    return Suppressions(
        frozenset(file_codes),
        {line: frozenset(codes) for line, codes in line_codes.items()},
        tuple(sorted(directives, key=lambda directive: directive.line)),
    )
