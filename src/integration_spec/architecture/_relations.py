"""Dependencies stated in a line of prose: "depends on", "uses", "calls", "called by" ...

A dependency sentence has a verb that means *needs* (depends on, uses, calls, invokes,
delegates to, and the same verbs in the other languages architecture documents are
written in) with the needed module after it. The passive (``called by``, ``appelé
par``) turns the direction round. The module before the verb, when the line names one,
is the subject; otherwise the subject is the module whose section the line is in. A
negated verb (``does not call``, ``不依赖``) states no dependency.

Only names of modules count: ``uses PostgreSQL`` is not a module dependency. Every pattern
is linear in the line's length.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from integration_spec.architecture._mentions import MentionIndex
from integration_spec.architecture._text import plain

_ACTIVE = re.compile(
    r"\b(?:depends?\s+(?:up)?on|relies\s+on|rely\s+on|relying\s+on|uses|using|calls|calling"
    r"|invokes|invoking|delegates\s+to|talks\s+(?:only\s+)?to|communicates\s+(?:only\s+)?with"
    r"|sends\s+(?:requests|commands|calls)\s+to|queries|requests\s+from"
    r"|reads\s+from|fetches\s+from|forwards\s+to|routes\s+to|proxies\s+to"
    r"|integrates\s+with|connects\s+to|consumes|consuming|subscribes\s+to|listens\s+to"
    r"|dépend\s+de|dépendent\s+de|utilise|utilisent|appelle|appellent|appeler|invoque"
    r"|délègue\s+à|délèguent\s+à|depende\s+de|dependem\s+de|usa|usam|utiliza|utilizam|chama"
    r"|chamam|llama\s+a|invoca|delega\s+(?:a|para|en)|hängt\s+von|nutzt|verwendet|ruft)\b"
    r"|依赖于?|依賴於?|调用|調用|呼叫|依存|呼び出",
    re.IGNORECASE,
)
_PASSIVE = re.compile(
    r"\b(?:called|used|invoked|consumed|required|depended\s+on|relied\s+on)\s+(?:\w+\s+)?by\b"
    r"|\b(?:appel|utilis|invoqu)(?:é|ée|és|ées)\s+(?:\w+\s+)?par\b"
    r"|\b(?:chamad|usad|utilizad|llamad|invocad)[oa]s?\s+(?:\w+\s+)?por\b"
    r"|被\S{0,12}?(?:调用|調用|依赖|依賴|使用)",
    re.IGNORECASE,
)
_NEGATION = re.compile(
    r"(?:\bnot|n't|\bnever|\bno|\bnão|\bnunca|\bne|\bpas|\bnicht|\bkein|不|无|沒有|没有|禁止)\s*\S*\s*$",
    re.IGNORECASE,
)
_CLAUSE_END = re.compile(r"[.;。；!?]\s")
_NEGATION_WINDOW = 24


@dataclass(frozen=True, slots=True)
class Relation:
    """``source`` needs ``target``; ``None`` stands for the module whose section it is."""

    source: str | None
    target: str | None


def relations_in(line: str, index: MentionIndex) -> list[Relation]:
    """Every dependency the line states between modules of ``index``."""
    text = plain(line)
    relations: list[Relation] = []
    for clause in _clauses(text):
        relations += _clause_relations(clause, index)
    return relations


def _clauses(text: str) -> list[str]:
    parts: list[str] = []
    start = 0
    for match in _CLAUSE_END.finditer(text):
        parts.append(text[start : match.start() + 1])
        start = match.end()
    parts.append(text[start:])
    return [part for part in parts if part.strip()]


def _clause_relations(clause: str, index: MentionIndex) -> list[Relation]:
    passive = _PASSIVE.search(clause)
    active = _ACTIVE.search(clause)
    verb = passive or active
    if verb is None or _negated(clause[: verb.start()]):
        return []
    before = index.find(clause[: verb.start()])
    after = index.find(clause[verb.end() :])
    subject = before[0] if before else None
    if passive is not None:
        return [Relation(source=name, target=subject) for name in after]
    return [Relation(source=subject, target=name) for name in after]


def _negated(before: str) -> bool:
    return _NEGATION.search(before[-_NEGATION_WINDOW:]) is not None


_ARROW = re.compile(r"\s*(?:-{1,2}>|={1,2}>|→|⟶|⇒|➜|➔)\s*")


def arrow_relations(line: str, index: MentionIndex) -> list[Relation]:
    """``orders -> payments, inventory``: each module on the left needs each on the right.

    ``saga → accounts, → transfers`` continues from ``saga``: an arrow after a comma.

    Read only where the heading says the lines are dependencies (``## Module
    Dependencies``): elsewhere an arrow is as often a data flow as a call.
    """
    parts = _ARROW.split(plain(line))
    relations: list[Relation] = []
    stem: list[str] = []
    for left, right in pairwise(parts):
        # "saga → accounts (commands), → transfers": an arrow after a comma starts from
        # the chain's source again, not from the target before the comma.
        continued = left.rstrip().endswith(",") and bool(stem)
        sources = stem if continued else index.find(left)
        targets = index.find(right)
        if not continued:
            stem = sources
        relations += [
            Relation(source=source, target=target)
            for source in sources[-1:]
            for target in targets
            if source != target
        ]
    return relations
