"""Which modules a flow diagram shows: boxes of ASCII art, Mermaid participants and nodes.

Diagrams are read line by line with small scanners instead of regular expressions, so a
pathological line (``A[`` twenty thousand times) costs linear time.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from integration_spec.facts.text import word_set
from integration_spec.model.spec import Diagram

_MERMAID_KEYWORDS = word_set(
    "graph flowchart subgraph end classdef class style linkstyle click direction"
)
_ASCII_LANGUAGES = frozenset({"", "text", "txt", "ascii", "plain", "plaintext", "none"})
_SHAPES = (
    ("[[", "]]"),
    ("[(", ")]"),
    ("((", "))"),
    ("([", "])"),
    ("{{", "}}"),
    ("[", "]"),
    ("(", ")"),
    ("{", "}"),
)
_ARROW_CHARS = frozenset("-=.<>ox&")


def diagram_names(diagram: Diagram) -> list[tuple[str, int]]:
    """The boxes of a flow diagram with their source lines, in order of appearance.

    ASCII diagrams name modules in ``[boxes]``; Mermaid sequence diagrams in participants
    and messages, flowcharts in node labels (or bare node ids). Other fences name nothing.
    """
    language = diagram.language.strip().casefold()
    first = (diagram.line or 0) + 1
    lines = diagram.content.split("\n")
    if language in _ASCII_LANGUAGES:
        return [(box, first + offset) for offset, line in enumerate(lines) for box in _boxes(line)]
    if language != "mermaid":
        return []
    kind = next((line.strip().casefold() for line in lines if line.strip()), "")
    if kind.startswith("sequencediagram"):
        return _sequence_names(lines, first)
    return _flowchart_names(lines, first)


def _boxes(line: str) -> list[str]:
    """Texts between ``[`` and the next ``]`` with no bracket inside (``[cart]``)."""
    found = []
    start = -1
    for position, char in enumerate(line):
        if char == "[":
            start = position
        elif char == "]" and start >= 0:
            text = line[start + 1 : position].strip()
            if text:
                found.append(text)
            start = -1
    return found


def _sequence_names(lines: list[str], first: int) -> list[tuple[str, int]]:
    aliases: dict[str, str] = {}
    names: list[tuple[str, int]] = []
    for offset, line in enumerate(lines):
        participant = _participant(line)
        if participant is not None:
            identifier, label = participant
            aliases[identifier] = label
            names.append((label, first + offset))
            continue
        message = _message(line)
        if message is not None:
            for side in message:
                names.append((aliases.get(side, side), first + offset))
    return names


def _participant(line: str) -> tuple[str, str] | None:
    """``participant C as Checkout`` -> (C, Checkout); ``actor Guest`` -> (Guest, Guest)."""
    parts = line.split()
    if len(parts) < 2 or parts[0].casefold() not in ("participant", "actor"):
        return None
    identifier = parts[1]
    if len(parts) >= 4 and parts[2].casefold() == "as":
        return identifier, " ".join(parts[3:]).strip('"')
    if len(parts) == 2:
        return identifier, identifier.strip('"')
    return None


def _message(line: str) -> tuple[str, str] | None:
    """``A->>B: text``, ``A-->>+B: text``, ``A-xB: text`` -> (A, B)."""
    head, colon, _ = line.partition(":")
    if not colon:
        return None
    dash = head.find("-")
    if dash <= 0:
        return None
    source = head[:dash].strip()
    end = dash
    while end < len(head) and head[end] in "-)x>+":
        end += 1
    target = head[end:].strip().lstrip("+-")
    arrow = head[dash:end]
    if not source or not target or not any(tip in arrow for tip in (">", "x", ")")):
        return None
    if any(char in source for char in ":>+") or source.startswith("-"):
        return None
    return source, target


@dataclass(slots=True)
class _Scanner:
    """Finds closing sequences on one line, remembering where a search already failed."""

    line: str
    failed_from: dict[str, int] = field(default_factory=dict)

    def find(self, closer: str, start: int) -> int:
        limit = self.failed_from.get(closer)
        if limit is not None and start >= limit:
            return -1
        found = self.line.find(closer, start)
        if found < 0:
            self.failed_from[closer] = min(start, limit if limit is not None else start)
        return found


def _nodes(text: str) -> tuple[list[tuple[str, str]], str]:
    """Mermaid ``id[label]`` nodes of a line, and the line with the nodes blanked out."""
    scanner = _Scanner(text)
    nodes: list[tuple[str, str]] = []
    rest: list[str] = []
    position = 0
    while position < len(text):
        char = text[position]
        if not (char.isalpha() or char == "_"):
            rest.append(char)
            position += 1
            continue
        end = position
        while end < len(text) and (text[end].isalnum() or text[end] == "_"):
            end += 1
        identifier = text[position:end]
        after = end
        while after < len(text) and text[after] == " ":
            after += 1
        shape = next((pair for pair in _SHAPES if text.startswith(pair[0], after)), None)
        if shape is not None:
            opener, closer = shape
            close = scanner.find(closer, after + len(opener))
            if close >= 0:
                label = text[after + len(opener) : close].strip().strip('"').strip()
                if label:
                    nodes.append((identifier, label))
                    rest.append(" ")
                    position = close + len(closer)
                    continue
        rest.append(identifier)
        position = end
    return nodes, "".join(rest)


def _flowchart_names(lines: list[str], first: int) -> list[tuple[str, int]]:
    labels: dict[str, str] = {}
    names: list[tuple[str, int]] = []
    for offset, line in enumerate(lines):
        text = line.split("%%", 1)[0].strip()
        if not text or text.split()[0].casefold() in _MERMAID_KEYWORDS:
            continue
        text = _without_edge_labels(text)
        nodes, rest = _nodes(text)
        for identifier, label in nodes:
            labels[identifier] = label
            names.append((label, first + offset))
        for token in _bare_tokens(rest):
            names.append((labels.get(token, token), first + offset))
    return names


def _without_edge_labels(text: str) -> str:
    """Drop ``|label|`` and ``-- label -->`` from an edge line."""
    out: list[str] = []
    inside = False
    for char in text:
        if char == "|":
            inside = not inside
            out.append(" ")
        elif not inside:
            out.append(char)
    result = "".join(out)
    pieces = result.split(" -- ")
    if len(pieces) > 1:
        kept = [pieces[0]]
        for piece in pieces[1:]:
            _, arrow, tail = piece.partition("-->")
            kept.append(tail if arrow else piece)
        result = " --> ".join(kept)
    return result


def _bare_tokens(rest: str) -> list[str]:
    """Node ids outside shapes: words between arrows (``A --> B``)."""
    tokens: list[str] = []
    current: list[str] = []
    for char in rest + " ":
        if char.isalnum() or char == "_":
            current.append(char)
            continue
        if current:
            word = "".join(current)
            if word[0].isalpha() or word[0] == "_":
                tokens.append(word)
            current = []
    return [token for token in tokens if token.casefold() not in _MERMAID_KEYWORDS]
