"""What a failure line says: what fails, in which category, and how it is recovered.

The seed writes a step's failure as ``- Failure: [recovery]`` and a Failure Modes row as
Failure / Impact / Detection / Recovery. People write both ways in a step: the recovery
alone (``Retry next hour``), or what fails and then the recovery (``card declined — cancel
the ticket``). The category comes from meaning: signs are phrases, and a longer sign wins
over a shorter one inside it (``connection refused`` is Network, a refused booking Business).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from enum import StrEnum

from integration_spec.facts.lexicon import (
    BREAKER_WORDS,
    BUSINESS_RESPONSE_WORDS,
    CANNOT_FAIL_PHRASES,
    CATEGORY_SIGNS,
    COMPENSATION_WORDS,
    CONCURRENCY_WORDS,
    CONDITIONALS,
    ESCALATION_WORDS,
    LOG_ONLY_WORDS,
    MISFITS,
    MODALS,
    NEGATIONS,
    PERSON_WORDS,
    RECOVERY_FITS,
    RETRY_WORDS,
    SAFEGUARD_WORDS,
    UNCHANGED_WORDS,
)
from integration_spec.facts.text import (
    camel_words,
    find_keyword,
    has_todo,
    is_blank,
    list_items,
    plain,
    sentence_parts,
    without_status_names,
)

CATEGORIES = ("Network", "Business", "System", "Data")
"""The seed's failure categories, in its order."""

_SEPARATOR = re.compile(r"\s+[-–—]+>?\s+|\s*→\s*|\s*->\s*|:\s+")


class RecoveryKind(StrEnum):
    """The kinds of recovery a text names (several may apply)."""

    RETRY = "retry"
    COMPENSATE = "compensate"
    BREAKER = "breaker"
    CONCURRENCY = "concurrency"
    RESPOND = "respond"
    """Tell, stop, reject or offer: the business answer to a refusal."""
    ESCALATE = "escalate"
    LOG = "log"
    UNCHANGED = "unchanged"
    """The failure leaves everything as it was: nothing to recover."""


_KIND_WORDS: dict[RecoveryKind, tuple[str, ...]] = {
    RecoveryKind.RETRY: RETRY_WORDS,
    RecoveryKind.COMPENSATE: COMPENSATION_WORDS,
    RecoveryKind.BREAKER: BREAKER_WORDS,
    RecoveryKind.CONCURRENCY: CONCURRENCY_WORDS,
    RecoveryKind.RESPOND: BUSINESS_RESPONSE_WORDS,
    RecoveryKind.ESCALATE: ESCALATION_WORDS,
    RecoveryKind.LOG: LOG_ONLY_WORDS,
    RecoveryKind.UNCHANGED: UNCHANGED_WORDS,
}


@dataclass(frozen=True, slots=True)
class FailureCase:
    """One failure and its recovery (a Failure line may state several, separated by ``;``)."""

    what: str
    """What fails ("" when the text is a recovery only)."""
    recovery: str
    """How it is recovered ("" when none is given)."""
    categories: frozenset[str]
    kinds: frozenset[RecoveryKind]
    safeguards: str = ""
    """The row's other cells (detection, impact): a circuit breaker or an idempotency key
    stated there protects the recovery as much as one written beside it."""

    @property
    def category(self) -> str | None:
        """The one category the failure points to, or ``None`` when unclear."""
        return next(iter(self.categories)) if len(self.categories) == 1 else None

    def fits(self, category: str) -> bool:
        """Whether the recovery uses a word the category's recovery needs."""
        return find_keyword(camel_words(self.recovery), RECOVERY_FITS[category]) is not None

    def misfits(self, category: str) -> bool:
        """Whether the recovery contradicts the category and nothing in the row makes up for it.

        A declined card retried, a timeout answered with a refund, a database that is down
        hammered with retries. A person trying again ("the owner updates the card and
        retries") is the business answer, not a contradiction.
        """
        words = camel_words(self.recovery)
        wrong = MISFITS.get(category, ())
        if not wrong or find_keyword(words, wrong) is None or self.fits(category):
            return False
        if find_keyword(camel_words(self.safeguards), SAFEGUARD_WORDS) is not None:
            return False
        return not (category == "Business" and find_keyword(words, PERSON_WORDS) is not None)


@dataclass(frozen=True, slots=True)
class FailureReading:
    """One failure statement, read into its cases."""

    text: str
    cases: tuple[FailureCase, ...]
    line: int | None = None

    @property
    def what(self) -> str:
        """What fails, all cases joined."""
        return "; ".join(case.what for case in self.cases if case.what)

    @property
    def recovery(self) -> str:
        """The recoveries, all cases joined."""
        return "; ".join(case.recovery for case in self.cases if case.recovery)

    @property
    def kinds(self) -> frozenset[RecoveryKind]:
        """Every kind of recovery the statement names."""
        return frozenset(kind for case in self.cases for kind in case.kinds)

    @property
    def has_recovery(self) -> bool:
        """Whether every stated failure has a recovery."""
        return bool(self.cases) and all(case.recovery.strip() for case in self.cases)


def categories_of(text: str) -> frozenset[str]:
    """The categories whose signs ``text`` shows; longer signs hide shorter ones inside them."""
    found = camel_words(text)
    spans: list[tuple[int, int, str]] = []
    for category, signs in CATEGORY_SIGNS.items():
        for sign in signs:
            parts = sign.split()
            for start in range(len(found) - len(parts) + 1):
                if all(_matches(found[start + i], part) for i, part in enumerate(parts)):
                    spans.append((start, start + len(parts), category))
    kept = {
        category
        for start, end, category in spans
        if not any(
            other != category and s <= start and end <= e and (e - s) > (end - start)
            for s, e, other in spans
        )
    }
    return frozenset(kept)


def _matches(word: str, part: str) -> bool:
    if part == "*":
        return True
    if part.endswith("*"):
        return word.startswith(part[:-1])
    return word == part


def recovery_kinds(text: str) -> frozenset[RecoveryKind]:
    """The kinds of recovery ``text`` names; a negated one (``nothing is rolled back``) not."""
    kinds: set[RecoveryKind] = set()
    for part in sentence_parts(without_status_names(text)):
        for fragment in list_items(part):
            found = camel_words(fragment)
            if CONDITIONALS & set(found[:3]) or found[:1] == ["see"]:
                continue  # a condition ("even if it is cancelled"), or a reference ("see below")
            for kind, keywords in _KIND_WORDS.items():
                match = find_keyword(found, keywords)
                if match is not None and not _negated(found, match):
                    kinds.add(kind)
    return frozenset(kinds)


_NEGATION_REACH = 3


def _negated(found: list[str], match: str) -> bool:
    """Whether a negation stands just before the match (``nothing to undo``)."""
    first = match.split()[0]
    position = found.index(first) if first in found else 0
    before = found[max(0, position - _NEGATION_REACH) : position]
    return any(word in NEGATIONS or word in _POSSIBILITY for word in before)


_POSSIBILITY = MODALS - {"must", "should", "shall"}
"""``the buyer can still cancel`` is a possibility, not a recovery."""


def read_step_failure(text: str | None, line: int | None = None) -> FailureReading | None:
    """A step's ``- Failure:`` bullet: for each case (split at ``;``), what fails and how."""
    if text is None or is_blank(text) or has_todo(text):
        return None
    value = plain(text)
    parts = [part.strip() for part in _CASES.split(value) if part.strip()]
    # "retried until it succeeds; the order is never rejected once ...": the second part
    # says a failure does not happen, a remark on the first, not a failure of its own.
    stated = [part for part in parts if not _negated_failure(part)] or parts
    return FailureReading(text=value, cases=_paired(_case(part) for part in stated), line=line)


def _paired(cases: Iterable[FailureCase]) -> tuple[FailureCase, ...]:
    """``No room; offer another hotel first``: a failure, then its recovery after ``;``.

    A part that only names a failure followed by one that only recovers is one case: the
    writer put the semicolon where the format has its colon.
    """
    paired: list[FailureCase] = []
    for case in cases:
        previous = paired[-1] if paired else None
        recovers = not case.what and bool(case.kinds)  # "see Failure Modes" only points
        if previous is not None and previous.what and not previous.recovery and recovers:
            paired[-1] = replace(
                previous, recovery=case.recovery, kinds=previous.kinds | case.kinds
            )
        else:
            paired.append(case)
    return tuple(paired)


_FAILURE_NEGATION = 2
"""``is never rejected``: a negation this close to a failure sign says it does not happen."""


def _negated_failure(text: str) -> bool:
    """Whether every failure ``text`` names is negated (``is never rejected``)."""
    found = camel_words(text)
    starts = [
        start
        for signs in CATEGORY_SIGNS.values()
        for sign in signs
        for start in range(len(found) - len(sign.split()) + 1)
        if all(_matches(found[start + i], part) for i, part in enumerate(sign.split()))
    ]
    return bool(starts) and all(
        any(word in NEGATIONS for word in found[max(0, start - _FAILURE_NEGATION) : start])
        for start in starts
    )


_CASES = re.compile(r";\s+|\.\s+(?=[A-Z])")


def _case(text: str) -> FailureCase:
    separator = _SEPARATOR.search(text)
    parts = _SEPARATOR.split(text, maxsplit=1)
    # "address rejected: compensate ..." -- the head says what fails even when its words
    # ("rejected") could also name a response, as long as the tail is the recovery; a dash
    # or an arrow ("debit rejected — mark the transfer failed") always parts the two.
    dashed = separator is not None and ":" not in separator.group(0)
    if (
        len(parts) == 2
        and categories_of(parts[0])
        and (dashed or recovery_kinds(parts[1]) or not recovery_kinds(parts[0]))
    ):
        what, recovery = parts[0].strip(), parts[1].strip()
    elif categories_of(text) and not recovery_kinds(text):
        what, recovery = text, ""
    else:
        what, recovery = "", text
    return FailureCase(
        what=what,
        recovery=recovery,
        categories=categories_of(what or text),
        kinds=recovery_kinds(recovery),
    )


def read_failure_row(
    failure: str, impact: str, detection: str, recovery: str, line: int | None = None
) -> FailureReading:
    """A Failure Modes row: the category from failure, impact and detection."""
    what = plain(failure)
    described = " ".join(plain(part) for part in (failure, impact, detection))
    rest = "" if is_blank(recovery) or has_todo(recovery) else plain(recovery)
    case = FailureCase(
        what=what,
        recovery=rest,
        categories=categories_of(described),
        kinds=recovery_kinds(rest),
        safeguards=" ".join(plain(part) for part in (impact, detection)),
    )
    return FailureReading(text=what, cases=(case,), line=line)


def cannot_fail(text: str | None) -> bool:
    """Whether a failure line says the step cannot fail (or says nothing at all)."""
    if text is not None and is_blank(text):
        return True
    return find_keyword(camel_words(text), CANNOT_FAIL_PHRASES) is not None
