"""Names written in cells: artifacts, events and endpoints, compared the way people mean them.

``CartSnapshot (cartId, ...)`` names the artifact CartSnapshot; ``session.created``,
``SessionCreated`` and ``SESSION_CREATED`` are one event; ``POST /carts/{id}`` and ``post
/carts/:cartId/`` one endpoint.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from integration_spec.facts.modules import is_named
from integration_spec.facts.text import camel_words, has_todo, is_blank, plain, word_set
from integration_spec.model.architecture import Architecture
from integration_spec.model.names import normalize_name

_IDENTIFIER = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[._:-][A-Za-z0-9]+)*")
_PATH_PARAMETER = re.compile(r"\{[^}]*\}|<[^>]*>|:[A-Za-z_]\w*")
_SEPARATORS = (" - ", " – ", " — ", ": ")
_PAST_IRREGULAR = word_set(
    "sent paid built sold lost won done made set held shown begun put cut read split kept "
    "left met bought brought found given taken written known run"
)


@cache
def artifact(text: str | None) -> str | None:
    """The named artifact a field starts with (``CartSnapshot (cartId, ...)`` -> ``CartSnapshot``).

    Prose (``Updated cart lines``) names no artifact; rules about artifacts then say nothing.
    """
    if text is None:
        return None
    head = plain(text).split("(", 1)[0].split(",", 1)[0].strip()
    for separator in _SEPARATORS:
        head = head.split(separator, 1)[0].strip()
    head = head.strip("`*_ ")
    if len(head) < 3 or not _IDENTIFIER.fullmatch(head) or not is_named(head):
        return None
    return head


@cache
def event_key(text: str) -> str:
    """An event name's key: ``session.created``, ``SessionCreated``, ``SESSION_CREATED`` agree."""
    return normalize_name(plain(text).split("(", 1)[0])


_NAME_LIST = re.compile(r" / |,|;| or | and ")
"""What separates names listed in one cell: ``A / B``, ``A, B``, ``A or B`` (not ``a/b``).
Matched on text whose white space is single spaces, so it runs in linear time."""


def listed_names(text: str) -> list[str]:
    """The names one table cell lists: ``CompletedEvent / FailedEvent`` is two.

    So is ``ReserveStock, ReleaseReservation``. Parentheses stay with their name
    (``OrderCreated (log/metric)``, ``GetCart(id, version)``): a remark or an argument list
    is not another name. A slash without spaces is part of a name.
    """
    written = " ".join(plain(text).split())
    names: list[str] = []
    start = 0
    for match in _NAME_LIST.finditer(_outside_parentheses(written)):
        names.append(written[start : match.start()].strip())
        start = match.end()
    names.append(written[start:].strip())
    return [name for name in names if name]


def _outside_parentheses(text: str) -> str:
    """``text`` with what stands inside parentheses blanked, same length (one pass)."""
    depth = 0
    kept: list[str] = []
    for char in text:
        if char == "(":
            depth += 1
        kept.append(char if depth == 0 else " ")
        if char == ")" and depth:
            depth -= 1
    return "".join(kept)


def looks_like_event(name: str) -> bool:
    """Whether an identifier reads as an event: several words, the last one in past tense."""
    parts = [part.casefold() for part in re.split(r"[._:-]", name) if part]
    if len(parts) == 1:
        parts = camel_words(name)
    if len(parts) < 2:
        return False
    last = parts[-1]
    return last.endswith("ed") or last in _PAST_IRREGULAR


def endpoint_key(method: str, path: str) -> tuple[str, str] | None:
    """``(METHOD, /path/{})`` with parameters, case and a trailing slash ignored."""
    method_text, path_text = plain(method).upper(), plain(path)
    if not method_text or not path_text.startswith("/"):
        return None
    path_text = _PATH_PARAMETER.sub("{}", path_text.split("?", 1)[0]).rstrip("/") or "/"
    return method_text, path_text.casefold()


def endpoint_from_text(text: str) -> tuple[str, str] | None:
    """An endpoint written in one cell, such as ``POST /carts/{id}/items``."""
    parts = plain(text).split()
    if len(parts) == 2 and parts[0].isalpha() and parts[1].startswith("/"):
        return endpoint_key(parts[0], parts[1])
    return None


_FIELD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def payload_fields(text: str | None) -> frozenset[str] | None:
    """The field names a payload cell lists (``{ orderId, total: Money }`` -> orderId, total).

    ``None`` when the cell states no payload (blank, a TODO, prose): comparisons then say
    nothing. Field names compare case-insensitively.
    """
    if text is None or is_blank(text) or has_todo(text):
        return None
    names = _field_list(plain(text).strip().strip("{}()[]` "), nested=False)
    if names is None or (len(names) == 1 and _names_a_type(plain(text))):
        return None  # ``OrderPlacedPayload``: a type defined elsewhere, not one field
    return frozenset(name.casefold() for name in names)


def _names_a_type(text: str) -> bool:
    """Whether a cell is one PascalCase name: a type, since fields are camelCase or snake_case."""
    name = text.strip().strip("`*_ ")
    return bool(_FIELD.fullmatch(name)) and name[0].isupper() and not name.isupper()


def _field_list(body: str, *, nested: bool) -> tuple[str, ...] | None:
    """The field names of ``a, b: Type; c`` as written, or ``None`` when an item is prose.

    With ``nested``, ``customer.email`` reads as the field ``customer``: a reader of a
    nested value needs its top-level field in the payload.
    """
    names: dict[str, None] = {}
    for item in re.split(r"[,;]", body):
        head = item.split(":", 1)[0].strip().strip("`*_ ")
        if nested:
            head = head.split(".", 1)[0].removesuffix("[]")
        if not head:
            continue
        if not _FIELD.fullmatch(head):
            return None  # prose, not a list of fields
        names[head] = None
    return tuple(names) or None


def fields_read(text: str | None) -> list[tuple[str, tuple[str, ...]]]:
    """Events an input names with the fields it reads from them, in order.

    ``OrderPlaced (orderId, total), shipping address from OrderConfirmed`` reads orderId
    and total from OrderPlaced; OrderConfirmed is read without saying which fields, so it
    is left out. A parenthesis of prose (``OrderPlaced (from the outbox)``) says nothing.
    Field names are as written; compare them case-insensitively, like payload fields.
    """
    if text is None:
        return []
    body = plain(text)
    found: list[tuple[str, tuple[str, ...]]] = []
    start = 0
    while (open_at := body.find("(", start)) != -1:
        close_at = body.find(")", open_at)
        if close_at == -1:
            break
        before = body[:open_at].rstrip().rstrip("`*_")
        name = before.rsplit(None, 1)[-1].strip("`*_,;") if before.split() else ""
        fields = _field_list(body[open_at + 1 : close_at], nested=True)
        if fields is not None and _IDENTIFIER.fullmatch(name) and looks_like_event(name):
            found.append((name, fields))
        start = close_at + 1
    return found


@dataclass(frozen=True, slots=True)
class EventCatalogue:
    """The events an architecture declares, with the modules that declare them.

    A name with a star names a family (``OrderStatusChangedTo*IntegrationEvent`` declares
    ``OrderStatusChangedToPaidIntegrationEvent``): architectures list event families so.
    """

    exact: dict[str, tuple[str, ...]]
    """Event key -> names of the declaring modules."""
    families: tuple[tuple[str, str, str], ...] = ()
    """(key before the star, key after it, declaring module) per family."""
    written: tuple[str, ...] = ()
    """Every declared name as written, in document order."""

    def owners(self, name: str) -> tuple[str, ...]:
        """The modules that declare ``name`` (exactly, else by a family)."""
        key = event_key(name)
        if key in self.exact:
            return self.exact[key]
        return tuple(
            dict.fromkeys(
                module
                for prefix, suffix, module in self.families
                if len(key) > len(prefix) + len(suffix)
                and key.startswith(prefix)
                and key.endswith(suffix)
            )
        )

    def knows(self, name: str) -> bool:
        """Whether the architecture declares ``name``."""
        return bool(self.owners(name))

    @property
    def declares_any(self) -> bool:
        """Whether the architecture declares any event at all."""
        return bool(self.exact or self.families)


def event_catalogue(architecture: Architecture | None) -> EventCatalogue:
    """Every domain event of ``architecture``'s modules (none without an architecture)."""
    if architecture is None:
        return EventCatalogue(exact={})
    exact: dict[str, tuple[str, ...]] = {}
    families: list[tuple[str, str, str]] = []
    written: list[str] = []
    for module in architecture.modules:
        for event in module.domain_events:
            written.append(event)
            head, star, tail = event.replace("`", "").partition("*")
            if star and (normalize_name(head) or normalize_name(tail)):
                families.append((normalize_name(head), event_key(tail), module.name))
                continue
            key = event_key(event)
            if key and module.name not in exact.get(key, ()):
                exact[key] = (*exact.get(key, ()), module.name)
    return EventCatalogue(exact=exact, families=tuple(families), written=tuple(written))
