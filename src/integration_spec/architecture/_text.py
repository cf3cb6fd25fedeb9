"""Reading one cell, heading or line: markup removal, labels, names, endpoints, mentions.

Every function here looks at a single short piece of text that the block parser already
isolated; none of them sees the document's structure.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from integration_spec.architecture import _vocabulary as vocab
from integration_spec.model.architecture import Endpoint
from integration_spec.model.names import normalize_name

_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_HTML_TAG = re.compile(r"<[^>]{0,200}>")
_EMPHASIS = re.compile(r"(\*\*|__|\*|~~)")
_NUMBERING = re.compile(r"^\s*(?:\d{1,4}(?:\.\d{1,4})*[.)]?|[ivx]{1,5}[.)])\s+", re.IGNORECASE)
_TRAILING_PARENTHETICAL = re.compile(r"\s*[(（][^()（）]*[)）]\s*$")
_REPLICAS = re.compile(r"\s*[×x]\s*(?:\d{1,4}|n)\s*$", re.IGNORECASE)
_METHOD = re.compile(r"^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|ANY|WS)\s+(\S+)", re.IGNORECASE)
_DIGITS = re.compile(r"\d{1,6}")
_WORDS = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|\d+|[^\W\d_A-Za-z]+")
_SENTENCE_END = re.compile(r"[.;。；!?]")
_DEPENDS = re.compile(
    r"depends\s+(?:on|upon)|depend\s+on|reli(?:es|ed)\s+on|rely\s+on"
    r"|communicates\s+(?:only\s+)?with|talks\s+(?:only\s+)?to|依赖于?",
    re.IGNORECASE,
)
_NEGATIONS = ("not ", "n't ", "never ", "不", "无", "没有")
_LIST_SEPARATORS = str.maketrans({"、": ",", "，": ",", "；": ";"})
_MAX_LABEL_WORDS = 4
_PLAIN_LABEL = re.compile(r"^([^:：]{1,40})[:：](.*)$")
_MAX_NAME_WORDS = 5
_MAX_NAME_CHARS = 60
_EMPTY_VALUES = frozenset({"", "none", "na", "nothing", "tbd", "todo", "无"})


@dataclass(frozen=True, slots=True)
class Label:
    """``**Label**: value`` read from one line; ``key`` is the squashed label."""

    label: str
    value: str

    @property
    def key(self) -> str:
        """The label folded for lookup: ``Domain Events`` -> ``domainevents``."""
        return normalize_name(self.label)


def plain(text: str) -> str:
    """Remove inline markdown: links keep their text, emphasis and code marks go."""
    text = _LINK.sub(r"\1", text)
    text = _HTML_TAG.sub(" ", text)
    text = _EMPHASIS.sub("", text).replace("`", "")
    return " ".join(text.split())


def strip_symbols(text: str) -> str:
    """Drop emoji and punctuation around ``text`` (``🎯 Application Services``)."""
    start, end = 0, len(text)
    while start < end and not _is_word_char(text[start]):
        start += 1
    while end > start and not _is_word_char(text[end - 1]) and text[end - 1] not in ")）":
        end -= 1
    return text[start:end]


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char in "([（{/_@"


def heading_text(text: str) -> str:
    """Reduce a heading to its words: markup, numbering and decoration removed."""
    return strip_symbols(_NUMBERING.sub("", strip_symbols(plain(text))))


def clean_name(text: str) -> str:
    """Read a module name as meant: ``**Request Service × 2**`` -> ``Request Service``.

    Drops markup, numbering, emoji, a trailing ``(port 3000)`` and a replica count.
    """
    name = heading_text(text)
    for _ in range(3):
        shorter = _TRAILING_PARENTHETICAL.sub("", name)
        shorter = _REPLICAS.sub("", shorter).strip()
        if not shorter or shorter == name:
            break
        name = shorter
    name = name.strip(" :：-–—\"'")
    return name


def words_of(text: str) -> list[str]:
    """Split ``text`` into lower-case words, camel case too: ``ExecutionAuthority`` -> 2."""
    return [word.lower() for word in _WORDS.findall(text)]


def looks_like_name(name: str) -> bool:
    """Tell whether ``name`` is short enough to be a module name rather than a sentence."""
    return (
        bool(normalize_name(name))
        and len(name) <= _MAX_NAME_CHARS
        and len(name.split()) <= _MAX_NAME_WORDS
    )


def is_infrastructure(name: str) -> bool:
    """Whether ``name`` names an infrastructure product (PostgreSQL, Redis, a load balancer)."""
    if normalize_name(name) in vocab.INFRASTRUCTURE_PHRASES:
        return True
    tokens = [normalize_name(token) for token in re.split(r"[\s/+&,()\-]+", name)]
    return any(token in vocab.INFRASTRUCTURE for token in tokens) or any(
        phrase in normalize_name(name) for phrase in vocab.INFRASTRUCTURE_PHRASES
    )


def read_label(line: str) -> Label | None:
    """Read ``**Label:** value``, ``**Label**: value`` or a short plain ``Label: value``."""
    text = line.strip().rstrip("\\").strip()
    for marker in ("**", "__"):
        if text.startswith(marker):
            end = text.find(marker, len(marker))
            if end < 0:
                return None
            label = text[len(marker) : end].strip()
            rest = text[end + len(marker) :].lstrip()
            if label[-1:] in (":", "："):
                label = label[:-1].rstrip()
            elif rest[:1] in (":", "："):
                rest = rest[1:]
            else:
                return None
            return Label(plain(label), rest.strip()) if normalize_name(label) else None
    match = _PLAIN_LABEL.match(text)
    if match is None or match.group(2)[:2] == "//":
        return None
    label = plain(match.group(1))
    words = label.split()
    if not words or len(words) > _MAX_LABEL_WORDS:
        return None
    if not all(word.replace("-", "").replace("/", "").isalpha() for word in words):
        return None
    return Label(label, match.group(2).strip())


def split_values(text: str) -> list[str]:
    """Split ``A, B; C`` (also with Chinese separators) into plain, non-empty values."""
    text = plain(text.translate(_LIST_SEPARATORS))
    values = [part.strip() for part in text.replace(";", ",").split(",")]
    return [value for value in values if not is_empty_value(value)]


def raw_entries(value: str) -> list[str]:
    """Comma-separated entries with only code and bold marks removed (paths, routes)."""
    entries = value.replace(";", ",").replace("`", "").replace("**", "").split(",")
    return [entry.strip() for entry in entries if entry.strip()]


def split_sentences(text: str) -> list[str]:
    """Split invariants on ``;`` only: a rule's own commas stay inside it."""
    text = plain(text.translate(_LIST_SEPARATORS))
    return [part.strip() for part in text.split(";") if not is_empty_value(part)]


def is_empty_value(text: str) -> bool:
    """``—``, ``-``, ``none``, ``n/a``: a cell that says "nothing"."""
    return normalize_name(text) in _EMPTY_VALUES


def head(text: str) -> str:
    """Return the name part of ``OrderPlaced — emitted when ...`` or ``auth: login``."""
    text = plain(text)
    for separator in (" — ", " – ", " - ", ": ", "： "):
        if separator in text:
            text = text.split(separator, 1)[0]
    return text.strip().rstrip(":：")


def parse_endpoint(text: str, *, require_method: bool = False) -> Endpoint | None:
    """``POST /orders`` -> ``Endpoint('POST', '/orders')``; a bare ``/path`` without method.

    Only code and bold marks are removed: a ``*`` in ``/api/users/*`` is part of the path.
    """
    text = text.replace("`", "").replace("**", "").strip()
    match = _METHOD.match(text)
    if match:
        return Endpoint(method=match.group(1).upper(), path=match.group(2))
    if not require_method and text.startswith("/") and " " not in text:
        return Endpoint(method="", path=text)
    return None


def small_int(text: str) -> int | None:
    """Return the first number of ``Phase 2`` or ``P3``; ``None`` when there is none."""
    match = _DIGITS.search(text)
    return int(match.group()) if match else None


def dependency_phrases(line: str) -> list[str]:
    """Return what follows "depends on" (or ``依赖``) in a line of prose, unless negated."""
    line = plain(line)
    found: list[str] = []
    for match in _DEPENDS.finditer(line):
        before = line[: match.start()].lower()
        if any(before.endswith(word) for word in _NEGATIONS):
            continue
        rest = line[match.end() :]
        stop = _SENTENCE_END.search(rest)
        found.append(rest[: stop.start()] if stop else rest)
    return found


def _name_pattern(name: str) -> re.Pattern[str] | None:
    words = [re.escape(word) for word in words_of(name)]
    if not words:
        return None
    body = r"[\s_\-]*".join(words)
    return re.compile(rf"(?<![A-Za-z0-9]){body}(?![A-Za-z0-9])", re.IGNORECASE)


def name_patterns(name: str) -> list[re.Pattern[str]]:
    """Patterns that find ``name`` in prose, also without its ``Service``/``Module`` word."""
    forms = [name]
    words = name.split()
    if len(words) > 1 and normalize_name(words[-1]) in vocab.MODULE_NOUNS:
        forms.append(" ".join(words[:-1]))
    patterns = [_name_pattern(form) for form in forms]
    return [pattern for pattern in patterns if pattern is not None]


def mentioned(text: str, names: Iterable[tuple[str, list[re.Pattern[str]]]]) -> list[str]:
    """Names (with their patterns from :func:`name_patterns`) that ``text`` mentions."""
    return [name for name, patterns in names if any(p.search(text) for p in patterns)]
