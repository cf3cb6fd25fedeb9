"""Text helpers of the Data flow, Coordination, Failures and Boundaries rules.

Specs are prose written by people and agents, so the rules read them by words, never by
exact phrases: ``CartSnapshot``, ``cart snapshot`` and ``Cart Snapshot`` are one artifact,
``session.created`` and ``SESSION_CREATED`` one event. Keyword lists stay short and the
rules that use them only speak when the text is unambiguous.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache

from integration_spec.model.names import name_key, normalize_name
from integration_spec.model.spec import Diagram, FlowStep, IntegrationSpec
from integration_spec.rules._architecture_support import is_named, module_name
from integration_spec.rules.common import plain


def word_set(text: str) -> frozenset[str]:
    """The words of ``text`` as a set (keyword lists stay readable in the source)."""
    return frozenset(text.split())


_WORD = re.compile(r"[a-z0-9]+")
_CAMEL = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+")
_IDENTIFIER = re.compile(r"^[A-Za-z][A-Za-z0-9]*(?:[._:-][A-Za-z0-9]+)*$")
_CLAUSE = re.compile(r"[,;:.()!?]|\s[-–—]\s|\band then\b")

DETERMINERS = word_set(
    "a an the its their his her our your every each all any some this that these those "
    "new existing current"
)


def words(text: str | None) -> list[str]:
    """Lower-case words of ``text``; identifiers stay whole (``PlaceOrder`` is one word)."""
    return _WORD.findall(plain(text or "").casefold())


def camel_words(text: str | None) -> list[str]:
    """Lower-case words with identifiers split (``priceVersion`` -> ``price``, ``version``)."""
    return [word.casefold() for word in _CAMEL.findall(plain(text or ""))]


def clauses(text: str | None) -> list[list[str]]:
    """The words of ``text`` split at punctuation, one list per clause."""
    return [found for part in _CLAUSE.split(plain(text or "")) if (found := words(part))]


@cache
def singular(word: str) -> str:
    """A crude singular so that ``lines`` and ``line`` compare equal."""
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def contains_phrase(haystack: Sequence[str], phrase: Sequence[str]) -> bool:
    """Whether ``phrase`` occurs in ``haystack`` as consecutive words (plurals tolerated)."""
    wanted = tuple(singular(word) for word in phrase)
    size = len(wanted)
    if size == 0:
        return False
    plain_words = _singular_words(tuple(haystack))
    if wanted[0] not in plain_words:
        return False
    return any(plain_words[i : i + size] == wanted for i in range(len(plain_words) - size + 1))


@cache
def _singular_words(haystack: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(singular(word) for word in haystack)


@cache
def _patterns(keyword: str) -> tuple[tuple[str, bool], ...]:
    """A keyword as (word, is_prefix) pairs, parsed once."""
    return tuple(
        (part[:-1], True) if part.endswith("*") else (part, False) for part in keyword.split()
    )


def find_keyword(found: Sequence[str], keywords: tuple[str, ...]) -> str | None:
    """The first words of ``found`` that match one of ``keywords``, or ``None``.

    A keyword is one or more words; a word ending in ``*`` matches as a prefix
    (``declin*`` matches ``declined``), any other word must match exactly.
    """
    match = _keyword_pattern(keywords).search(" ".join(found))
    return match.group(0) if match else None


@cache
def _keyword_pattern(keywords: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = [
        " ".join(
            re.escape(part[:-1]) + r"\w*" if part.endswith("*") else re.escape(part)
            for part in keyword.split()
        )
        for keyword in keywords
    ]
    return re.compile(r"(?<!\S)(?:" + "|".join(alternatives) + r")(?!\S)")


_AUXILIARIES = frozenset(("is", "are", "was", "were", "be", "been", "being", "get", "gets", "got"))
_NOUN_MARKERS = DETERMINERS | {"in", "of"}


@dataclass(frozen=True, slots=True)
class Verbs:
    """Forms of some verbs, found so that nouns and adjectives do not count.

    Base and third-person forms count unless an article or a following ``of`` makes them
    a noun (``the update``, ``stock update of``); participles count only in the passive
    (``is reserved``, not ``the reserved stock``), and ``-ing`` forms never (``shipping
    country``).
    """

    active: frozenset[str]
    participles: frozenset[str]

    @classmethod
    def of(cls, *entries: str) -> Verbs:
        """Verbs from ``"base third-person participle"`` entries."""
        active: set[str] = set()
        participles: set[str] = set()
        for entry in entries:
            base, third, participle = entry.split()
            active |= {base, third}
            participles.add(participle)
        return cls(frozenset(active), frozenset(participles))

    def find(self, found: Sequence[str], *, passive: bool = True) -> Iterator[tuple[int, str]]:
        """(position, word) of each verb in ``found``; ``passive=False`` skips participles."""
        for position, word in enumerate(found):
            before = found[position - 1] if position else ""
            after = found[position + 1] if position + 1 < len(found) else ""
            noun = before in _NOUN_MARKERS or after == "of"
            if (word in self.active and not noun) or (
                passive and word in self.participles and before in _AUXILIARIES
            ):
                yield position, word

    def first(self, text: str | None) -> str | None:
        """The first verb of ``text`` (clause by clause), or ``None``."""
        return next((word for clause in clauses(text) for _, word in self.find(clause)), None)


@cache
def artifact(text: str | None) -> str | None:
    """The named artifact a field starts with (``CartSnapshot (cartId, ...)`` -> ``CartSnapshot``).

    Prose (``Updated cart lines``) names no artifact; rules about artifacts then say nothing.
    """
    if text is None:
        return None
    head = plain(text).split("(", 1)[0].split(",", 1)[0].strip()
    for separator in (" - ", " – ", " — ", ": "):
        head = head.split(separator, 1)[0].strip()
    head = head.strip("`*_ ")
    if len(head) < 3 or not _IDENTIFIER.match(head) or not is_named(head):
        return None
    return head


@cache
def event_key(text: str) -> str:
    """An event name's key: ``session.created``, ``SessionCreated``, ``SESSION_CREATED`` agree."""
    return normalize_name(plain(text).split("(", 1)[0])


_PAST_IRREGULAR = word_set(
    "sent paid built sold lost won done made set held shown begun put cut read split kept "
    "left met bought brought found given taken written known run"
)


def looks_like_event(name: str) -> bool:
    """Whether an identifier reads as an event: several words, the last one in past tense."""
    parts = [part.casefold() for part in re.split(r"[._:-]", name) if part]
    if len(parts) == 1:
        parts = camel_words(name)
    if len(parts) < 2:
        return False
    last = parts[-1]
    return last.endswith("ed") or last in _PAST_IRREGULAR


def flow_modules(spec: IntegrationSpec) -> dict[str, list[int]]:
    """Each step module's key -> the indexes of its steps, in flow order."""
    positions: dict[str, list[int]] = {}
    for index, step in enumerate(spec.flow_steps):
        if is_named(step.module):
            positions.setdefault(name_key(module_name(step.module)), []).append(index)
    return positions


def step_label(index: int, step: FlowStep) -> str:
    """``step 3 ('Quote the order')`` for messages."""
    return f"step {index + 1} ('{plain(step.name)}')" if step.name else f"step {index + 1}"


def mentions_module(found: Sequence[str], name: str) -> bool:
    """Whether the words ``found`` name module ``name`` (``order-service`` as ``order service``).

    Unlike artifacts, module names match exactly: ``payment page`` does not name payments.
    """
    wanted = words(module_name(name))
    size = len(wanted)
    return size > 0 and any(
        list(found[i : i + size]) == wanted for i in range(len(found) - size + 1)
    )


def module_keys(cell: Iterable[str]) -> set[str]:
    """Keys of the named modules in a list of cells."""
    return {name_key(module_name(name)) for name in cell if is_named(name)}


def flow_and_coordination_modules(spec: IntegrationSpec) -> set[str]:
    """Keys of every module a step, call, event or shared state row names."""
    names = [step.module for step in spec.flow_steps]
    for call in spec.sync_calls:
        names += [call.caller, call.callee]
    for event in spec.async_events:
        names += [event.publisher, *event.subscribers]
    names += [contract.module for contract in spec.events_published]
    for entry in spec.shared_state:
        names += [entry.owner, *entry.readers]
    return module_keys(names)


def links(spec: IntegrationSpec) -> dict[str, set[frozenset[str]]]:
    """Module pairs each kind of coordination point connects, direction ignored.

    ``call`` pairs caller and callee, ``event`` publisher and subscriber, ``state`` owner
    and reader.
    """
    found: dict[str, set[frozenset[str]]] = {"call": set(), "event": set(), "state": set()}
    for call in spec.sync_calls:
        _pair(found["call"], [call.caller], [call.callee])
    for event in spec.async_events:
        _pair(found["event"], [event.publisher], event.subscribers)
    for entry in spec.shared_state:
        _pair(found["state"], [entry.owner], entry.readers)
    return found


def _pair(into: set[frozenset[str]], left: Iterable[str], right: Iterable[str]) -> None:
    for one in module_keys(left):
        for other in module_keys(right):
            if one != other:
                into.add(frozenset((one, other)))


def calls_from(spec: IntegrationSpec) -> dict[str, set[str]]:
    """Caller key -> callee keys of the synchronous calls."""
    found: dict[str, set[str]] = {}
    for call in spec.sync_calls:
        if is_named(call.caller) and is_named(call.callee):
            caller = name_key(module_name(call.caller))
            found.setdefault(caller, set()).add(name_key(module_name(call.callee)))
    return found


# --- diagrams ---------------------------------------------------------------------------

_BOX = re.compile(r"\[([^\[\]\n]+)\]")
_MERMAID_NODE = re.compile(
    r"([A-Za-z_]\w*)\s*(?:\[\[|\[\(|\(\(|\(\[|\{\{|\[|\(|\{)\s*\"?([^\]\)\}\"]+?)\"?\s*"
    r"(?:\]\]|\)\]|\)\)|\]\)|\}\}|\]|\)|\})"
)
_MERMAID_ARROW = re.compile(r"<?[-=.]{2,}[->ox]?|&")
_EDGE_LABEL = re.compile(r"\|[^|]*\||--\s[^->|]+?\s-->")
_PARTICIPANT = re.compile(r"^\s*(?:participant|actor)\s+(\S+)(?:\s+as\s+(.+))?\s*$", re.I)
_MESSAGE = re.compile(r"^\s*([^\s:>+-][^:>+-]*?)\s*-[-)x>]+[+-]?\s*([^:]+?)\s*:")
_MERMAID_KEYWORDS = word_set(
    "graph flowchart subgraph end classdef class style linkstyle click direction"
)
_ASCII_LANGUAGES = frozenset({"", "text", "txt", "ascii", "plain", "plaintext", "none"})


def diagram_names(diagram: Diagram) -> list[tuple[str, int]]:
    """The boxes of a flow diagram with their source lines, in order of appearance.

    ASCII diagrams name modules in ``[boxes]``; Mermaid sequence diagrams in participants
    and messages, flowcharts in node labels (or bare node ids). Other fences name nothing.
    """
    language = diagram.language.strip().casefold()
    first = (diagram.line or 0) + 1
    lines = diagram.content.split("\n")
    if language in _ASCII_LANGUAGES:
        return [
            (match.group(1).strip(), first + offset)
            for offset, line in enumerate(lines)
            for match in _BOX.finditer(line)
        ]
    if language != "mermaid":
        return []
    kind = next((line.strip().casefold() for line in lines if line.strip()), "")
    if kind.startswith("sequencediagram"):
        return _sequence_names(lines, first)
    return _flowchart_names(lines, first)


def _sequence_names(lines: list[str], first: int) -> list[tuple[str, int]]:
    aliases: dict[str, str] = {}
    names: list[tuple[str, int]] = []
    for offset, line in enumerate(lines):
        participant = _PARTICIPANT.match(line)
        if participant:
            label = (participant.group(2) or participant.group(1)).strip().strip('"')
            aliases[participant.group(1)] = label
            names.append((label, first + offset))
            continue
        message = _MESSAGE.match(line)
        if message:
            for side in (message.group(1).strip(), message.group(2).strip()):
                names.append((aliases.get(side, side), first + offset))
    return names


def _flowchart_names(lines: list[str], first: int) -> list[tuple[str, int]]:
    labels: dict[str, str] = {}
    names: list[tuple[str, int]] = []
    for offset, line in enumerate(lines):
        text = line.split("%%", 1)[0].strip()
        if not text or text.split()[0].casefold() in _MERMAID_KEYWORDS:
            continue
        text = _EDGE_LABEL.sub(" --> ", text)
        for node in _MERMAID_NODE.finditer(text):
            labels[node.group(1)] = node.group(2).strip()
            names.append((labels[node.group(1)], first + offset))
        rest = _MERMAID_NODE.sub(" ", text)
        for token in _MERMAID_ARROW.split(rest):
            token = token.strip().rstrip(";")
            if re.fullmatch(r"[A-Za-z_]\w*", token):
                names.append((labels.get(token, token), first + offset))
    return names
