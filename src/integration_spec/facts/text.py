"""The one tokenizer and the small text helpers every reading of a spec goes through.

Specs are prose written by people and agents, so the tool reads them by words, never by
exact phrases: ``CartSnapshot``, ``cart snapshot`` and ``Cart Snapshot`` are one artifact,
``session.created`` and ``SESSION_CREATED`` one event. Every function here is linear in its
input: the patterns have no nested quantifiers over the same characters.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache

_MARKUP = "*`"
_EDGE_UNDERSCORES = re.compile(r"(?<![A-Za-z0-9])_+|_+(?![A-Za-z0-9])")
_PLACEHOLDERS = frozenset({"", "-", "–", "—", "n/a", "na", "none", "tbd", "todo", "?", "..."})
_WORD = re.compile(r"[a-z0-9]+")
_CAMEL = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+")
_IDENTIFIER = re.compile(
    r"\b[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*)+\b|\b[a-z][a-z0-9]*(?:[A-Z][a-z0-9]*)+\b"
)
_CLAUSE = re.compile(r"[,;:.()!?→⇒]|->|=>|\s[-–—]\s|\band then\b|\bthen\b")
_SENTENCE_PART = re.compile(r"[;:()!?→⇒]|\.(?!\S)|->|=>|\s[-–—]\s|,?\s*\band then\b|,?\s*\bthen\b")
_TODO = re.compile(r"\bTODO\b")
_SPACE = re.compile(r"\s+")


@cache
def plain(text: str) -> str:
    """Inline markdown reduced to its words: emphasis, code ticks and link brackets dropped.

    An underscore inside a word is part of it (``legacy_direct_publish``), as CommonMark
    reads it; only underscores at a word's edge are emphasis.
    """
    text = text.strip()
    for mark in _MARKUP:
        text = text.replace(mark, "")
    if "_" in text:
        text = _EDGE_UNDERSCORES.sub("", text)
    if text.startswith("[") and "](" in text and text.endswith(")"):
        text = text[1 : text.index("](")]
    return text.strip()


def is_blank(text: str | None) -> bool:
    """Whether a value says nothing: missing, empty, a dash, ``TBD`` or a ``[placeholder]``."""
    if text is None:
        return True
    value = plain(text)
    if value.casefold() in _PLACEHOLDERS:
        return True
    return value.startswith("[") and value.endswith("]") and "](" not in value


def has_todo(text: str | None) -> bool:
    """Whether the text carries a ``TODO`` marker (the word, in capitals)."""
    return text is not None and _TODO.search(text) is not None


def missing_value(text: str | None) -> bool:
    """Whether a value is absent or a placeholder; a ``TODO`` is the TODO rule's to report."""
    return is_blank(text) and not has_todo(text)


def words(text: str | None) -> list[str]:
    """Lower-case words of ``text``; identifiers stay whole (``PlaceOrder`` is one word)."""
    return _WORD.findall(plain(text or "").casefold())


def camel_words(text: str | None) -> list[str]:
    """Lower-case words with identifiers split (``priceVersion`` -> ``price``, ``version``)."""
    return [word.casefold() for word in _CAMEL.findall(plain(text or ""))]


def clauses(text: str | None) -> list[list[str]]:
    """The words of ``text`` split at punctuation and ``then``, one list per clause."""
    return [found for part in clause_texts(text) if (found := words(part))]


def clause_texts(text: str | None) -> list[str]:
    """``text`` split at punctuation, dashes between words and ``then``, kept as text."""
    return [part for part in _CLAUSE.split(plain(text or "")) if part.strip()]


_QUOTES = {'"': '"', "\u201c": "\u201d"}


def without_quotations(text: str) -> str:
    """``text`` with what is in double quotes left out (one pass, linear).

    ``publish "reservation confirmed" to the topic`` publishes a message; the quoted words
    are what the message says, not something the step does.
    """
    out: list[str] = []
    closing: str | None = None
    for character in text:
        if closing is not None:
            if character == closing:
                closing = None
                out.append(" ")
            continue
        if character in _QUOTES:
            closing = _QUOTES[character]
            continue
        out.append(character)
    return "".join(out) if closing is None else text


def without_status_names(text: str) -> str:
    """``text`` without upper-case status names (``REJECTED``, ``CANCEL_PENDING``).

    A state written as an enum value says where something ends up, not what is done to it:
    ``retried until the order is CANCELLED`` retries, it does not cancel.
    """
    return " ".join(token for token in text.split() if not _is_status_name(token))


def _is_status_name(token: str) -> bool:
    core = token.strip("`*_.,;:()[]{}'\"")
    return len(core) >= 4 and core.replace("_", "").isalpha() and core.isupper()


def sentence_parts(text: str | None) -> list[str]:
    """``text`` split where one statement ends and the next begins (not at commas)."""
    return [part for part in _SENTENCE_PART.split(plain(text or "")) if part.strip()]


def list_items(part: str) -> list[str]:
    """Split at commas and at ``and``/``&`` as words, except inside ``steps 5 and 4``."""
    pieces: list[str] = []
    current: list[str] = []
    for token in part.replace(",", " , ").split():
        folded = token.casefold()
        joins_numbers = bool(current) and current[-1].isdigit()
        if folded == "," or (folded in ("and", "&", "plus") and not joins_numbers):
            pieces.append(" ".join(current))
            current = []
        else:
            current.append(token)
    pieces.append(" ".join(current))
    return [piece for piece in pieces if piece.strip()]


_CONTENT_STOP = frozenset(
    [
        "the",
        "and",
        "for",
        "with",
        "from",
        "that",
        "this",
        "into",
        "when",
        "after",
        "before",
        "not",
        "are",
        "was",
        "its",
        "has",
        "have",
        "but",
        "all",
        "any",
        "per",
        "via",
        "out",
    ]
)


def content_words(text: str | None) -> frozenset[str]:
    """The words of ``text`` that carry meaning, unstemmed (for "most of the words" tests)."""
    return frozenset(word for word in words(text) if len(word) > 2) - _CONTENT_STOP


@cache
def singular(word: str) -> str:
    """A crude singular so that ``lines`` and ``line`` compare equal."""
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


@cache
def stem(word: str) -> str:
    """A crude stem so ``releases``, ``released`` and ``release`` compare equal."""
    for suffix in ("ations", "ation", "ments", "ment", "ing", "ed", "es", "s", "e"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def identifiers(text: str | None) -> set[str]:
    """CamelCase identifiers (``ReleaseReservation``, ``cancelOrder``): the strongest link."""
    return set(_IDENTIFIER.findall(text or ""))


def identifier_words(identifier: str) -> list[str]:
    """The lower-case words of one identifier (``CancelCreateTicket`` -> cancel, create, ticket)."""
    return camel_words(identifier)


def contains_phrase(haystack: Sequence[str], phrase: Sequence[str]) -> bool:
    """Whether ``phrase`` occurs in ``haystack`` as consecutive words (plurals tolerated)."""
    wanted = tuple(singular(word) for word in phrase)
    size = len(wanted)
    if size == 0:
        return False
    found = _singular_words(tuple(haystack))
    if wanted[0] not in found:
        return False
    return any(found[i : i + size] == wanted for i in range(len(found) - size + 1))


@cache
def _singular_words(haystack: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(singular(word) for word in haystack)


def find_keyword(found: Sequence[str], keywords: tuple[str, ...]) -> str | None:
    """The first words of ``found`` that match one of ``keywords``, or ``None``.

    A keyword is one or more words; a word ending in ``*`` matches as a prefix
    (``declin*`` matches ``declined``), a ``*`` alone matches any one word (``until *
    recover*``), any other word must match exactly.
    """
    if not found:
        return None
    return _keyword_matcher(keywords)(tuple(found))


def says(text: str | None, keywords: tuple[str, ...]) -> bool:
    """Whether ``text`` uses one of ``keywords`` (identifiers split into their words)."""
    return find_keyword(camel_words(text), keywords) is not None


@cache
def _keyword_matcher(keywords: tuple[str, ...]) -> _Matcher:
    return _Matcher.of(tuple(tuple(keyword.split()) for keyword in keywords))


@dataclass(frozen=True, slots=True)
class _Matcher:
    """Keyword phrases indexed by their first word, matched word by word (linear in the text).

    At each word only the phrases that can start there are tried: those whose first word is
    that word, whose first prefix (``declin*``) it starts with, or that start with ``*``;
    among them the one listed first wins, as if every phrase were tried in order.
    """

    phrases: tuple[tuple[str, ...], ...]
    by_word: dict[str, tuple[int, ...]]
    by_prefix: dict[int, dict[str, tuple[int, ...]]]
    """Phrases whose first word is a prefix, by the prefix's length, then by the prefix."""
    any_word: tuple[int, ...]

    @classmethod
    def of(cls, phrases: tuple[tuple[str, ...], ...]) -> _Matcher:
        by_word: dict[str, list[int]] = {}
        by_prefix: dict[int, dict[str, list[int]]] = {}
        any_word: list[int] = []
        for index, phrase in enumerate(phrases):
            first = phrase[0]
            if first == "*":
                any_word.append(index)
            elif first.endswith("*"):
                stem = first[:-1]
                by_prefix.setdefault(len(stem), {}).setdefault(stem, []).append(index)
            else:
                by_word.setdefault(first, []).append(index)
        return cls(
            phrases=phrases,
            by_word={word: tuple(found) for word, found in by_word.items()},
            by_prefix={
                size: {stem: tuple(found) for stem, found in stems.items()}
                for size, stems in by_prefix.items()
            },
            any_word=tuple(any_word),
        )

    def _starting_with(self, word: str) -> list[int]:
        candidates = [*self.by_word.get(word, ()), *self.any_word]
        for size, stems in self.by_prefix.items():
            if len(word) >= size:
                candidates.extend(stems.get(word[:size], ()))
        return sorted(candidates)

    def __call__(self, found: tuple[str, ...]) -> str | None:
        for start, word in enumerate(found):
            for index in self._starting_with(word):
                phrase = self.phrases[index]
                end = start + len(phrase)
                if end <= len(found) and all(
                    _word_matches(found[start + offset], part)
                    for offset, part in enumerate(phrase[1:], 1)
                ):
                    return " ".join(found[start:end])
        return None


def _word_matches(word: str, part: str) -> bool:
    if part == "*":
        return True
    if part.endswith("*"):
        return word.startswith(part[:-1])
    return word == part


def excerpt(text: str, limit: int = 60) -> str:
    """``text`` on one line, cut to ``limit`` characters."""
    flat = _SPACE.sub(" ", text).strip()
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def word_set(text: str) -> frozenset[str]:
    """The words of ``text`` as a set (keyword lists stay readable in the source)."""
    return frozenset(text.split())


_AUXILIARIES = word_set("is are was were be been being get gets got")
_PROGRESSIVE_LEADS = _AUXILIARIES | {"by", "am"}
_HEADLINE_BLOCKERS = word_set(
    "a an the its their his her our your every each all any some this that these those new "
    "existing current in on at to for from with by of into may can could might must should "
    "would cannot shall"
)


@dataclass(frozen=True, slots=True)
class Verbs:
    """Forms of some verbs, found so that nouns and adjectives do not count.

    Base and third-person forms count unless an article or a following ``of`` makes them a
    noun (``the update``, ``stock update of``). Participles count in the passive (``is
    reserved``) and, with ``headlines``, as the second or third word of a clause that starts
    with a noun (``Order saved in APPROVAL_PENDING``), never after an article (``the
    reserved stock``). ``-ing`` forms count only after an auxiliary or ``by`` (``is
    cancelling the order``), never alone (``shipping country``).
    """

    active: frozenset[str]
    participles: frozenset[str]
    progressives: frozenset[str]
    noun_markers: frozenset[str]

    @classmethod
    def of(cls, entries: Iterable[str], noun_markers: frozenset[str]) -> Verbs:
        """Verbs from ``"base third-person participle"`` entries."""
        active: set[str] = set()
        participles: set[str] = set()
        progressives: set[str] = set()
        for entry in entries:
            base, third, participle = entry.split()
            active |= {base, third}
            participles.add(participle)
            progressives |= _progressive_forms(base)
        return cls(frozenset(active), frozenset(participles), frozenset(progressives), noun_markers)

    def find(
        self, found: Sequence[str], *, passive: bool = True, headlines: bool = False
    ) -> Iterator[tuple[int, str]]:
        """(position, word) of each verb in ``found``; ``passive=False`` skips participles."""
        for position, word in enumerate(found):
            before = found[position - 1] if position else ""
            after = found[position + 1] if position + 1 < len(found) else ""
            noun = before in self.noun_markers or after == "of"
            # "is not restored", "are never refunded": the auxiliary stands before the negation
            auxiliary = before in _AUXILIARIES or (
                before in _PARTICIPLE_NEGATIONS
                and position > 1
                and found[position - 2] in _AUXILIARIES
            )
            if (
                (word in self.active and not noun)
                or (passive and word in self.participles and auxiliary)
                or (word in self.progressives and before in _PROGRESSIVE_LEADS)
                or (
                    headlines
                    and passive
                    and position in (1, 2)
                    and word in self.participles
                    and before not in _HEADLINE_BLOCKERS
                )
            ):
                yield position, word


_PARTICIPLE_NEGATIONS = frozenset({"not", "never"})


def _progressive_forms(base: str) -> set[str]:
    """``cancel`` -> cancelling, canceling; ``release`` -> releasing."""
    if base.endswith("e") and not base.endswith("ee"):
        return {base[:-1] + "ing"}
    forms = {base + "ing"}
    if len(base) >= 3 and base[-1] not in "aeiouwxy" and base[-2] in "aeiou":
        forms.add(base + base[-1] + "ing")
    return forms
