"""What the analysis reads from prose: retries, escalation, identifiers, content words.

The checker's text helpers (``rules._dataflow_support``) already read words the way the
rules do; the analysis reuses them so that ``check`` and ``analyze`` agree on what a spec
says. Keyword lists here answer the saga's questions only: may this be repeated, does a
person take over, which step does this sentence undo.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from integration_spec.model.spec import FailureMode, FlowStep
from integration_spec.rules._architecture_support import module_name
from integration_spec.rules._dataflow_support import (
    DETERMINERS,
    camel_words,
    find_keyword,
    mentions_module,
    words,
)

RETRY_WORDS = (
    "retr*",
    "backoff",
    "back off",
    "try again",
    "resend*",
    "redeliver*",
    "idempoten*",
    "at most once",
    "exactly once",
    "once per",
    "dedup*",
    "outbox",
    "inbox",
)
"""The step may be repeated: it is retried, or repeating it changes nothing."""

FORWARD_FIXES: dict[str, tuple[str, ...]] = {
    "Network": RETRY_WORDS,
    "System": (
        *RETRY_WORDS,
        "queue*",
        "buffer*",
        "park*",
        "failover",
        "fail over",
        "until * recover*",
        "recover*",
    ),
    "Data": (
        *RETRY_WORDS,
        "optimistic*",
        "pessimistic*",
        "version*",
        "lock*",
        "reload*",
        "re read*",
        "reread*",
        "refresh*",
        "concurren*",
        "reconcil*",
        "merge*",
        "compare and swap",
        "etag*",
        "ignor*",
    ),
}
"""Words saying a failure of a category is overcome and the step then completes.

A circuit breaker alone is not among them: it stops calls failing slowly, but the work
is dropped unless a queue, an outbox or a retry picks it up again.
"""

ESCALATION_WORDS = (
    "escalat*",
    "manual*",
    "alert*",
    "operator*",
    "support team",
    "support agent*",
    "on call",
    "page the",
    "paged",
    "dead letter*",
    "human*",
    "review queue",
    "manual review",
)
"""A person takes over: half-done work is not silent."""

COMPENSATION_RETRY_WORDS = (*RETRY_WORDS, "until", "queue*")
"""The compensation is repeated until it succeeds."""

SELF_UNDOING_WORDS = ("expir*", "ttl", "automatic*", "times out", "time out")
"""The effect undoes itself (a reservation that expires): nothing can refuse that."""

_IDENTIFIER = re.compile(r"\b[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*)+\b")
_STOP_WORDS = DETERMINERS | {
    "and",
    "or",
    "of",
    "to",
    "for",
    "with",
    "is",
    "are",
    "be",
    "so",
    "by",
    "in",
    "on",
    "at",
    "as",
    "when",
    "then",
    "if",
    "after",
    "before",
    "again",
    "it",
    "they",
    "them",
    "no",
    "not",
    "can",
    "from",
    "into",
    "step",
    "steps",
}


def says(text: str | None, keywords: Iterable[str]) -> bool:
    """Whether ``text`` uses one of ``keywords`` (``*`` a prefix, several words a phrase).

    A ``*`` standing alone as a word matches any one word (``until * recovers``).
    """
    found = camel_words(text)
    for keyword in keywords:
        parts = keyword.split()
        if "*" in parts:
            if _gapped(found, parts):
                return True
        elif find_keyword(found, (keyword,)):
            return True
    return False


def _gapped(found: list[str], parts: list[str]) -> bool:
    size = len(parts)
    return any(
        all(_matches(found[start + offset], part) for offset, part in enumerate(parts))
        for start in range(len(found) - size + 1)
    )


def _matches(word: str, part: str) -> bool:
    if part == "*":
        return True
    if part.endswith("*"):
        return word.startswith(part[:-1])
    return word == part


def identifiers(text: str | None) -> set[str]:
    """CamelCase identifiers (``ReleaseReservation``): the strongest link between texts."""
    return set(_IDENTIFIER.findall(text or ""))


def stem(word: str) -> str:
    """A crude stem so ``releases``, ``released`` and ``release`` compare equal."""
    for suffix in ("ing", "ed", "es", "s", "e"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def content_stems(text: str | None) -> set[str]:
    """Stems of the words that carry meaning (no articles, prepositions, or ``step``)."""
    return {stem(word) for word in words(text) if word not in _STOP_WORDS and len(word) > 2}


def step_text(step: FlowStep) -> str:
    """Everything a step says about itself and its failure, for keyword searches."""
    parts = [step.name, step.action, step.failure, *(extra.value for extra in step.extra)]
    return " ".join(part for part in parts if part)


def failure_rows_for(step: FlowStep, rows: Iterable[FailureMode]) -> list[FailureMode]:
    """Failure Modes rows about ``step``: sharing an identifier with it or naming its module."""
    own = identifiers(" ".join(filter(None, (step.name, step.action, step.input, step.output))))
    found = []
    for row in rows:
        text = f"{row.failure} {row.impact} {row.detection} {row.recovery}"
        if own & identifiers(text) or mentions_module(words(text), module_name(step.module)):
            found.append(row)
    return found
