"""Reading one cell, heading or line: markup removal, labels, names, aliases, endpoints.

Every function here looks at a single short piece of text that the block parser already
isolated; none of them sees the document's structure. Every regular expression is linear
in the length of its input (no nested quantifiers over the same characters).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from integration_spec.architecture import _vocabulary as vocab
from integration_spec.model.architecture import Endpoint
from integration_spec.model.names import normalize_name

_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_HTML_TAG = re.compile(r"<[^>]{0,200}>")
_EMPHASIS = re.compile(r"(\*\*|__|\*|~~)")
_NUMBERING = re.compile(
    r"^\s*(?:\d{1,4}(?:\.\d{1,4}){0,5}[.)]?|[ivx]{1,5}[.)]|[a-z][.)])\s+", re.IGNORECASE
)
_HEADING_NUMBER = re.compile(r"^\s*(\d{1,4}(?:\.\d{1,4}){0,5})[.)]?\s")
_TRAILING_PARENTHETICAL = re.compile(r"\s*[(（]([^()（）]{0,80})[)）]\s*$")
_REPLICAS = re.compile(r"\s*[×x]\s*(?:\d{1,4}|n)\s*$", re.IGNORECASE)
_PORT = re.compile(r"\s+:\d{2,5}$")
_METHOD = re.compile(r"^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|ANY|WS)\s+(\S+)", re.IGNORECASE)
_DIGITS = re.compile(r"\d{1,6}")
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
_MAX_ALIAS_WORDS = 4
_EMPTY_VALUES = frozenset({"", "none", "na", "nothing", "tbd", "todo", "无", "nenhum", "ninguno"})
_CJK_START = 0x2E80


@dataclass(frozen=True, slots=True)
class Label:
    """``**Label**: value`` read from one line; ``key`` is the squashed label."""

    label: str
    value: str

    @property
    def key(self) -> str:
        """The label folded for lookup: ``Domain Events`` -> ``domainevents``."""
        return normalize_name(self.label)


@dataclass(frozen=True, slots=True)
class NameParts:
    """A unit's name as meant, and the other spellings the same text gives it."""

    name: str
    aliases: tuple[str, ...] = ()


@lru_cache(maxsize=8192)
def plain(text: str) -> str:
    """Remove inline markdown: links keep their text, emphasis and code marks go.

    What a code span holds is kept as written: ```OrderStatusChangedTo*IntegrationEvent```
    names a family of events, its star is no emphasis.
    """
    text = _LINK.sub(r"\1", text)
    text = _HTML_TAG.sub(" ", text)
    parts = text.split("`")
    text = "".join(
        part if index % 2 else _EMPHASIS.sub("", part) for index, part in enumerate(parts)
    )
    return " ".join(text.split())


def strip_symbols(text: str) -> str:
    """Drop emoji and punctuation around ``text`` (``🎯 Application Services``)."""
    start, end = 0, len(text)
    while start < end and not _is_word_char(text[start]):
        start += 1
    while end > start and not _is_word_char(text[end - 1]) and text[end - 1] not in ")）/":
        end -= 1
    return text[start:end]


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char in "([（{/_@."


@lru_cache(maxsize=8192)
def heading_text(text: str) -> str:
    """Reduce a heading to its words: markup, numbering and decoration removed."""
    return strip_symbols(_NUMBERING.sub("", strip_symbols(plain(text))))


def heading_number(text: str) -> str | None:
    """The section number a heading starts with (``3.2`` of ``3.2 Orders``), if any."""
    match = _HEADING_NUMBER.match(strip_symbols(plain(text)) + " ")
    return match.group(1) if match else None


@lru_cache(maxsize=8192)
def read_name(text: str) -> NameParts:
    """Read a unit's name as meant, with the other spellings the text gives it.

    ``**Request Service × 2**`` is ``Request Service``; ``Identity & Access (IAM)`` is
    ``Identity & Access`` also called ``IAM``; ``API Backend (chat.api)`` is also
    ``chat.api``; ``THE RULE ENGINE`` is ``RULE ENGINE``; ``Heuristics Engine
    Architecture`` is ``Heuristics Engine``. Markup, numbering, emoji, ports
    (``(port 3000)``, ``:3001``) and replica counts are dropped.
    """
    written = heading_text(text)
    name = written
    aliases: list[str] = []
    for _ in range(3):
        shorter = _REPLICAS.sub("", _PORT.sub("", name)).strip()
        match = _TRAILING_PARENTHETICAL.search(shorter)
        if match is not None and match.start() > 0:
            inner = match.group(1).strip()
            if _is_alias(inner):
                aliases.append(inner)
            shorter = shorter[: match.start()].strip()
        if not shorter or shorter == name:
            break
        name = shorter
    name = name.strip(" :：-–—\"'")
    words = name.split()
    if len(words) > 1 and normalize_name(words[0]) in vocab.ARTICLES:
        name = " ".join(words[1:])
        words = words[1:]
    if len(words) > 1 and normalize_name(words[-1]) in vocab.NAME_DECORATIONS:
        name = " ".join(words[:-1])
    for decoration in vocab.CJK_NAME_DECORATIONS:
        if name.endswith(decoration) and len(name) > len(decoration):
            name = name[: -len(decoration)].strip()
    if written != name and looks_like_name(written):
        aliases.append(written)
    return NameParts(name, _unique_aliases(name, aliases))


def _is_alias(inner: str) -> bool:
    """A parenthetical that is another name (``IAM``, ``chat.api``), not a remark.

    Remarks have commas (``IDE, VS Code...``), numbers (``port 3000``, ``5008``) or many
    words; a name has none of these.
    """
    words = inner.split()
    if not words or len(words) > _MAX_ALIAS_WORDS or "," in inner or "，" in inner:
        return False
    if any(any(char.isdigit() for char in word) for word in words):
        return False
    return looks_like_name(inner) and normalize_name(words[0]) not in ("port", "eg", "ex", "ie")


def _unique_aliases(name: str, aliases: list[str]) -> tuple[str, ...]:
    seen = {normalize_name(name)}
    kept: list[str] = []
    for alias in aliases:
        key = normalize_name(alias)
        if key and key not in seen:
            seen.add(key)
            kept.append(alias)
    return tuple(kept)


def clean_name(text: str) -> str:
    """Read a module name as meant: ``**Request Service × 2**`` -> ``Request Service``."""
    return read_name(text).name


def words_of(text: str) -> list[str]:
    """Split ``text`` into lower-case words, camel case too: ``ExecutionAuthority`` -> 2.

    Letters of any script count; a change between a CJK script and another starts a new
    word (``API网关`` -> ``api``, ``网关``), as does a lower-to-upper change in case.
    """
    words: list[str] = []
    current: list[str] = []
    previous = ""
    for index, char in enumerate(text):
        if not char.isalnum():
            if current:
                words.append("".join(current).lower())
                current = []
            previous = ""
            continue
        if current and _starts_word(previous, char, text[index + 1 : index + 2]):
            words.append("".join(current).lower())
            current = []
        current.append(char)
        previous = char
    if current:
        words.append("".join(current).lower())
    return words


def _starts_word(previous: str, char: str, following: str) -> bool:
    if (ord(previous) >= _CJK_START) != (ord(char) >= _CJK_START):
        return True
    if previous.isdigit() != char.isdigit():
        return True
    if previous.islower() and char.isupper():
        return True
    return previous.isupper() and char.isupper() and following.islower()


def looks_like_name(name: str) -> bool:
    """Tell whether ``name`` is short enough to be a module name rather than a sentence."""
    return (
        bool(normalize_name(name))
        and len(name) <= _MAX_NAME_CHARS
        and len(name.split()) <= _MAX_NAME_WORDS
    )


def is_infrastructure(name: str) -> bool:
    """Whether ``name`` names an infrastructure product (PostgreSQL, Redis, a load balancer)."""
    squashed = normalize_name(name)
    if squashed in vocab.INFRASTRUCTURE_PHRASES:
        return True
    tokens = [normalize_name(token) for token in re.split(r"[\s/+&,()\-]+", name)]
    return any(token in vocab.INFRASTRUCTURE for token in tokens) or any(
        phrase in squashed for phrase in vocab.INFRASTRUCTURE_PHRASES
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
