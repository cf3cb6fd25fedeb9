"""Events a line says a module publishes: "publishes `OrderPlaced`", "emits ORDER_PAID".

An event is named by an identifier, not by words: a code span, a PascalCase name of two or
more parts (``OrderPlaced``), UPPER_SNAKE_CASE (``ORDER_PAID``) or a dotted lower-case name
(``order.placed``). It belongs to the publisher when the identifier follows a verb that
means *publishes* (publishes, emits, raises, fires, and the same verbs in the other
languages documents are written in); a negated verb names none.
"""

from __future__ import annotations

import re

_PUBLISH = re.compile(
    r"\b(?:publish(?:es|ed)?|emit(?:s|ted)?|rais(?:es|ed)|fir(?:es|ed)|broadcasts?"
    r"|publica|publicam|emite|emiten|publie|publient|émet|veröffentlicht|sendet)\b"
    r"|发布|發布|发出|触发|觸發|発行|ينشر|تنشر",
    re.IGNORECASE,
)
_IDENTIFIER = re.compile(
    r"`([^`\s]{2,80})`"
    r"|\b([A-Z][a-z0-9]+(?:[A-Z][a-z0-9]+)+)\b"
    r"|\b([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)\b"
    r"|\b([a-z][a-z0-9]*(?:\.[a-z][a-z0-9_]*)+)\b"
)
_NEGATION = re.compile(r"(?:\bnot|n't|\bnever|\bno|不|没有)\s*\S*\s*$", re.IGNORECASE)
_CLAUSE_END = re.compile(r"[.;。；!?](?:\s|$)")
_WINDOW = 24


def published_events(line: str) -> list[str]:
    """The event identifiers the line says are published, in order."""
    events: list[str] = []
    for _, found in publications(line):
        events += [name for name in found if name not in events]
    return events


def publications(line: str) -> list[tuple[str, list[str]]]:
    """Per publishing verb: the text before it and the event identifiers after it.

    The text before the verb is where a sentence names the publisher.
    """
    found: list[tuple[str, list[str]]] = []
    start = 0
    for verb in _PUBLISH.finditer(line):
        if _NEGATION.search(line[max(0, verb.start() - _WINDOW) : verb.start()]):
            continue
        rest = line[verb.end() :]
        end = _CLAUSE_END.search(rest)
        names: list[str] = []
        for match in _IDENTIFIER.finditer(rest[: end.start()] if end else rest):
            name = next(group for group in match.groups() if group)
            if name not in names and not name.startswith(("/", "http")):
                names.append(name)
        if names:
            found.append((line[start : verb.start()], names))
        start = verb.end()
    return found
