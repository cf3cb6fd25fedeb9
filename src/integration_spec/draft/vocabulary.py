"""Words: how the planner compares a description with what the architecture declares.

A description says "Purchase without account"; the architecture says ``PlaceOrder``,
``GuestSession`` and "Customer accounts". Identifiers are split into words, plurals and
endings are tolerated by prefix (``reserve`` ~ ``reservation``), words after "without" or
"no" count against a choice, and a short built-in thesaurus of everyday business words
(``purchase`` -> order, payment, checkout) lets plain English meet domain names. Every
match can be explained, so each pick of the planner comes with its reason.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

_CAMEL = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+")

STOPWORDS = frozenset(
    (
        "a", "an", "the", "and", "or", "of", "to", "for", "with", "in", "on", "by", "from", "into",
        "at", "as", "is", "are", "be", "been", "it", "its", "this", "that", "these", "those", "new",
        "when", "then", "after", "before", "via", "per", "all", "any", "some", "their", "our",
        "your", "his", "her", "we", "you", "they", "can", "should", "must", "will", "would", "may",
        "might", "let", "lets", "allow", "allows", "allowing", "so", "such", "than", "also", "each",
        "every", "only", "just", "more", "most", "less", "same", "other", "do", "does", "done",
        "want", "wants", "need", "needs", "using", "use", "uses", "used", "make", "makes", "made",
        "get", "gets", "set", "sets", "run", "runs", "handle", "handles", "handling", "process",
        "processes", "manage", "manages", "support", "supports", "enable", "enables", "show",
        "shows", "view", "check", "checks", "feature", "features", "flow", "flows", "way", "ways",
        "user's", "which", "who", "what", "where", "how", "over", "under", "through", "about",
        "up", "down", "out", "off", "back", "again", "once", "both", "either", "while", "until"
    )
)  # fmt: skip
"""Words that say nothing about which module is meant."""

NEGATIONS = frozenset({"without", "no", "not", "never", "except", "excluding", "minus"})
"""A description word after one of these counts against a choice, not for it."""

NEGATION_REACH = 2
"""How many words after a negation it covers ("without an account" -> account)."""

LEXICON: dict[str, tuple[str, ...]] = {
    "purchase": ("order", "payment", "checkout"),
    "purchases": ("order", "payment", "checkout"),
    "buy": ("order", "payment", "checkout"),
    "buying": ("order", "payment", "checkout"),
    "pay": ("payment",),
    "paying": ("payment",),
    "charge": ("payment", "capture"),
    "bill": ("payment", "invoice"),
    "billing": ("payment", "invoice"),
    "email": ("notification", "mail"),
    "mail": ("notification", "email"),
    "notify": ("notification",),
    "confirmation": ("notification", "confirm"),
    "ship": ("shipment", "shipping"),
    "deliver": ("shipment", "delivery"),
    "delivery": ("shipment", "shipping"),
    "parcel": ("shipment",),
    "stock": ("inventory", "reservation"),
    "login": ("session", "account", "sign"),
    "signin": ("session", "account", "sign"),
    "signup": ("account", "register"),
    "user": ("account", "customer"),
    "anonymous": ("guest",),
    "visitor": ("guest", "session"),
    "cost": ("price", "pricing"),
    "discount": ("promotion", "price"),
    "tax": ("price", "tax"),
    "refund": ("refund", "payment"),
    "product": ("product", "catalog"),
    "item": ("product", "item"),
    "basket": ("cart",),
}
"""Everyday words and the domain words they usually mean (a deliberately short list)."""

IRREGULAR_PAST = {
    "send": "sent",
    "pay": "paid",
    "buy": "bought",
    "build": "built",
    "sell": "sold",
    "hold": "held",
    "keep": "kept",
    "make": "made",
    "run": "run",
    "set": "set",
    "get": "got",
    "write": "written",
    "take": "taken",
    "give": "given",
    "find": "found",
}
"""Past forms that a shared prefix does not find (``SendNotification`` -> ``NotificationSent``)."""

# --- verbs of operations: what an operation does by its first word ----------------------

INITIATING_VERBS = frozenset(
    ("start", "create", "register", "open", "begin", "submit", "add", "request", "receive")
)
COMPLETING_VERBS = frozenset(
    ("place", "confirm", "complete", "commit", "finish", "finalize", "close", "capture", "convert")
)
UNDO_VERBS = frozenset(
    (
        "cancel",
        "void",
        "release",
        "refund",
        "revert",
        "expire",
        "abandon",
        "remove",
        "delete",
        "hide",
        "discontinue",
        "end",
        "undo",
        "reverse",
        "rollback",
        "restock",
        "retract",
        "withdraw",
    )
)
"""Verbs of commands that undo another command: compensations, never forward steps."""

ANTONYMS = {
    "open": "close",
    "start": "end",
    "begin": "end",
    "add": "remove",
    "create": "delete",
    "reserve": "release",
    "authorize": "void",
    "capture": "refund",
    "charge": "refund",
    "place": "cancel",
    "post": "reverse",
    "publish": "hide",
    "register": "deregister",
    "enable": "disable",
    "lock": "unlock",
    "subscribe": "unsubscribe",
    "book": "cancel",
    "schedule": "cancel",
    "commit": "release",
}
"""The verb that undoes each verb, where it is not one of :data:`UNDO_VERBS` (open/close)."""

READ_VERBS = frozenset(("get", "list", "find", "search", "read", "fetch", "load", "track", "show"))

MIN_PREFIX = 4


def split_words(text: str) -> list[str]:
    """Lower-case words of ``text``, identifiers split (``StartGuestSession`` -> 3 words)."""
    return [word.casefold() for word in _CAMEL.findall(text)]


@lru_cache(maxsize=8192)
def singular(word: str) -> str:
    """A crude singular: ``sessions`` -> ``session``, ``categories`` -> ``category``."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


@lru_cache(maxsize=65536)
def similar(left: str, right: str) -> bool:
    """Whether two lower-case words are forms of one word.

    Equal singulars, a known irregular past, or a long shared prefix that covers all but
    at most one letter of the shorter word (``price`` ~ ``pricing``, ``reserve`` ~
    ``reservation``, ``ship`` ~ ``shipment``; not ``cart`` ~ ``card``).
    """
    one, two = singular(left), singular(right)
    if one == two:
        return True
    if IRREGULAR_PAST.get(one) == two or IRREGULAR_PAST.get(two) == one:
        return True
    shorter = min(len(one), len(two))
    prefix = 0
    for a, b in zip(one, two, strict=False):
        if a != b:
            break
        prefix += 1
    return prefix >= MIN_PREFIX and prefix >= min(shorter - 1, 6)


def overlap(left: Iterable[str], right: Iterable[str]) -> list[str]:
    """The words of ``left`` that have a similar word in ``right`` (in ``left``'s order)."""
    others = list(right)
    return [word for word in left if any(similar(word, other) for other in others)]


@dataclass(frozen=True, slots=True)
class Term:
    """One word to look for, where it came from and how much it counts."""

    word: str
    weight: float
    origin: str
    """The word as the user wrote it (a thesaurus term keeps the word it stands for)."""
    negated: bool = False

    @property
    def via(self) -> str | None:
        """The user's word when this term is a thesaurus expansion of it."""
        return self.origin if self.origin != self.word else None


@dataclass(frozen=True, slots=True)
class Query:
    """What the user asked for, as weighted terms (name, description and thesaurus)."""

    terms: tuple[Term, ...] = ()
    text: str = ""

    @property
    def empty(self) -> bool:
        """Whether there is nothing to match (no description and no useful name words)."""
        return not self.terms

    def score(self, words: Sequence[str]) -> float:
        """How well ``words`` (an operation's, say) fit the query; negated terms subtract."""
        total = 0.0
        for term in self.terms:
            if any(similar(term.word, word) for word in words):
                total += -term.weight if term.negated else term.weight
        return total


EXPANSION_WEIGHT = 0.5
"""A thesaurus word counts half: the user did not write it."""


def parse_query(name: str, description: str | None) -> Query:
    """Terms from the spec's name and description, with negation and thesaurus expansion."""
    terms: dict[tuple[str, bool], Term] = {}
    sources = [name.replace("-", " "), description or ""]
    for source in sources:
        negation_left = 0
        for raw in re.findall(r"[A-Za-z][A-Za-z0-9]*|[.,;:!?]", source):
            if raw in ".,;:!?":
                negation_left = 0
                continue
            for word in split_words(raw):
                if word in NEGATIONS:
                    negation_left = NEGATION_REACH
                    continue
                negated = negation_left > 0
                negation_left = max(0, negation_left - 1)
                if word in STOPWORDS or len(word) < 3 or word.isdigit():
                    continue
                _add(terms, Term(word, 1.0, word, negated))
                for expansion in LEXICON.get(word, ()):
                    _add(terms, Term(expansion, EXPANSION_WEIGHT, word, negated))
    text = " ".join(part for part in sources if part).strip()
    return Query(terms=tuple(terms.values()), text=text)


def _add(terms: dict[tuple[str, bool], Term], term: Term) -> None:
    """Keep one term per word form ("refund" and "refunds"), at its highest weight."""
    key = next(
        (
            existing
            for existing in terms
            if existing[1] == term.negated and similar(existing[0], term.word)
        ),
        (term.word, term.negated),
    )
    present = terms.get(key)
    if present is None or present.weight < term.weight:
        terms[key] = term


def pascal(text: str) -> str:
    """``guest session`` or ``guest-session`` -> ``GuestSession``."""
    return "".join(word[:1].upper() + word[1:] for word in split_words(text))


def humanize(identifier: str) -> str:
    """``StartGuestSession`` -> ``Start guest session`` (a step name)."""
    words = split_words(identifier)
    if not words:
        return identifier
    return " ".join([words[0][:1].upper() + words[0][1:], *words[1:]])


def kebab(identifier: str) -> str:
    """``StartGuestSession`` -> ``start-guest-session`` (an endpoint path segment)."""
    return "-".join(split_words(identifier))


# --- order: phrases of an invariant that say what must happen first ---------------------

PRECONDITION_MARKERS: tuple[tuple[str, ...], ...] = (
    ("only", "with"),
    ("only", "after"),
    ("only", "for"),
    ("only", "once"),
    ("requires",),
    ("require",),
    ("needs",),
)
"""After one of these, an invariant names what must exist before its subject happens
("An order is placed only with an authorized payment": authorize before place)."""

POSTCONDITION_MARKERS: tuple[tuple[str, ...], ...] = (("only", "before"), ("never", "after"))
"""After one of these, an invariant names what must come later ("cancelled only before
Shipped": cancel before ship)."""

VERB_ENDINGS = ("", "s", "es", "d", "ed", "ing")
"""Inflections that keep a word the verb itself (refunds, placed, shipping); a derived
noun (confirmation, reservation) names a thing, not the act."""


def names_verb(word: str, action: str) -> bool:
    """Whether ``word`` is ``action`` or an inflection of it (``cancelled`` -> ``cancel``)."""
    if word == action or IRREGULAR_PAST.get(action) == word:
        return True
    for stem in (action, action + action[-1:], action[:-1] if action.endswith("e") else action):
        if word.startswith(stem) and word[len(stem) :] in VERB_ENDINGS:
            return True
    return False
