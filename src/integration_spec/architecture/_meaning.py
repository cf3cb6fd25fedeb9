"""What a heading or a table column means, decided from its words.

A document's structure says where its modules are: the section under ``Bounded
Contexts`` lists contexts, the column ``Upstream contexts`` lists what a context needs.
The reader asks what a heading or a header *means* (a set of units, a layer, the build
order, dependencies), never how it is phrased, so ``Services``, ``Core Components``,
``Módulos (bounded contexts)`` and ``核心模組`` are one kind of heading.
"""

from __future__ import annotations

import re
from functools import cache

from integration_spec.architecture import _vocabulary as vocab
from integration_spec.architecture._text import heading_text, plain
from integration_spec.model.names import normalize_name

_SPLIT = re.compile(r"[\s/&,+()（）:：\-–—]+")
_DEPENDENCY_HEADINGS = frozenset(
    {
        "dependencies",
        "dependency",
        "dependências",
        "dependencias",
        "dépendances",
        "abhängigkeiten",
        "relationships",
        "relations",
    }
)
_CJK_DEPENDENCY_HEADINGS = ("依赖", "依賴", "依存")
_MAX_HEADER_WORDS = 3
_NAME_COLUMNS = frozenset({"name", "nome", "nombre", "nom", "名称", "名稱", "名前", "الاسم"})
"""A ``Name`` column lists modules only under a heading that says so (``## Modules``)."""


def words(title: str) -> list[str]:
    """The heading's words, squashed: ``Módulos (bounded contexts)`` -> 3 words."""
    return list(_words(title))


@cache
def _words(title: str) -> tuple[str, ...]:
    return tuple(word for word in (normalize_name(part) for part in _SPLIT.split(title)) if word)


def _has_cjk(title: str, parts: tuple[str, ...]) -> bool:
    return any(part in title for part in parts)


def is_layer(title: str) -> bool:
    """Whether a heading names a layer (``Domain Layer``, ``AI代理层 (AI Agents)``).

    A layer is not a module; the units a layer section lists are.
    """
    return any(word in vocab.LAYER_MARKERS for word in words(title)) or _has_cjk(
        title, vocab.CJK_LAYER_MARKERS
    )


_CJK_NOT_INVENTORY = tuple(word for word in vocab.NOT_INVENTORY_WORDS if ord(word[0]) > 0x2E80)


_CJK_BEHAVIOUR_LAYER = tuple(word for word in vocab.BEHAVIOUR_LAYER_WORDS if ord(word[0]) > 0x2E80)


def _only_a_layer(title: str) -> bool:
    """Whether a layer heading is about nothing else (not ``Deployment layers``)."""
    other = [word for word in words(title) if word not in vocab.LAYER_MARKERS]
    return not any(word in vocab.NOT_INVENTORY_WORDS for word in other) and not _has_cjk(
        title, _CJK_NOT_INVENTORY
    )


def lists_layers(title: str) -> bool:
    """A heading over the system's layers: ``Runtime layers``, ``System tiers``.

    In a document with no inventory its items (``Tab manager: ownership, locks``) are the
    units the system is built of; a heading also about something else (``Deployment
    layers``) is not.
    """
    plural = any(word in ("layers", "tiers") for word in words(title))
    return plural and _only_a_layer(title)


def is_behaviour_layer(title: str) -> bool:
    """A layer that holds the system's behaviour: ``Backend Layer``, ``后端应用层``.

    Not one that is also about something else (``Infrastructure & Backend Layer``).
    """
    if not is_layer(title) or not _only_a_layer(title):
        return False
    return any(word in vocab.BEHAVIOUR_LAYER_WORDS for word in words(title)) or _has_cjk(
        title, _CJK_BEHAVIOUR_LAYER
    )


def is_about_something_else(title: str) -> bool:
    """A heading about technology, deployment, UI, flows or tests (``## Deployment``).

    The units listed below such a heading are containers, screens or steps, not modules.
    """
    return any(word in vocab.NOT_INVENTORY_WORDS for word in words(title)) or _has_cjk(
        title, _CJK_NOT_INVENTORY
    )


def is_inventory(title: str) -> bool:
    """Whether a heading introduces a set of units: ``Modules``, ``Service Details``, ``核心模組``.

    A plural unit noun (Modules, Services, Components, Bounded Contexts, Domains, Systems,
    Agents ...) says so, and so does a singular one with an inventory word (Module
    Inventory, App Responsibilities, Module Architecture). A heading that is about
    something else as well (layers, technology, deployment, external or shared parts,
    flows, diagrams, tests) does not list the system's own units.
    """
    found = words(title)
    if is_about_something_else(title) or is_layer(title):
        return False
    if any(word in vocab.UNIT_PLURALS for word in found):
        return True
    if any(word in vocab.UNIT_SINGULARS for word in found) and any(
        word in vocab.INVENTORY_QUALIFIERS for word in found
    ):
        return True
    return _has_cjk(title, vocab.CJK_UNIT_WORDS) and not _cjk_unit_name(title)


def _cjk_unit_name(title: str) -> bool:
    """``订单服务``: a name followed by its unit noun, not a set (``核心模組``, ``微服务``)."""
    squashed = normalize_name(title)
    for suffix in vocab.CJK_MODULE_SUFFIXES:
        if squashed.endswith(suffix):
            prefix = squashed[: -len(suffix)]
            return bool(prefix) and not prefix.endswith(vocab.CJK_SET_PREFIXES)
    return False


def is_strong_inventory(title: str) -> bool:
    """An inventory of modules or contexts (not services): infrastructure there still counts.

    A ``Modules`` section that lists ``Redis`` means a module of that name; a ``Services``
    section that lists it means the product.
    """
    return any(
        word.startswith(("module", "context", "módulo", "modulo")) for word in words(title)
    ) or (_has_cjk(title, ("模块", "模組", "上下文")))


def is_build_order(title: str) -> bool:
    """Whether a heading introduces the build order (``Build Order``, ``Delivery Waves``)."""
    squashed = normalize_name(title)
    return squashed in vocab.BUILD_ORDER_HEADINGS or "buildorder" in squashed


_ARCHITECTURE_WORDS = frozenset(
    {
        "architecture",
        "overview",
        "design",
        "system",
        "structure",
        "topology",
        "logical",
        "highlevel",
        "solution",
        "arquitetura",
        "arquitectura",
        "architektur",
    }
)
_CJK_ARCHITECTURE = ("架构", "架構", "アーキテクチャ", "아키텍처")


def is_architecture_heading(title: str) -> bool:
    """A heading about the system's shape (``Architecture Overview``, ``High-Level Design``).

    The parts it enumerates are the system's units when nothing lists them explicitly.
    """
    if is_about_something_else(title):
        return False
    return any(word in _ARCHITECTURE_WORDS for word in words(title)) or _has_cjk(
        title, _CJK_ARCHITECTURE
    )


def is_dependency_section(title: str) -> bool:
    """Whether a heading introduces how modules depend on each other (``Module Dependencies``)."""
    found = words(title)
    if any(word in _DEPENDENCY_HEADINGS for word in found):
        return True
    if "map" in found and any(word.startswith("context") for word in found):
        return True
    return _has_cjk(title, _CJK_DEPENDENCY_HEADINGS)


def is_generic(name: str) -> bool:
    """A heading that describes (``How it works``, ``Domain Layer``), never a unit's name.

    A heading that ends with a colon (``#### Technology Stack:``) is a label for what
    follows it, not a name either. An identifier (``model-gateway``, ``order_service``) is
    a name whatever words it is made of.
    """
    text = plain(name).strip()
    if text.endswith((":", "：")):
        return True
    if " " not in text and any(mark in text for mark in "-_.") and text[:1].isalnum():
        return False
    found = words(name)
    if not found or any(word in vocab.GENERIC_WORDS for word in found):
        return True
    return all(word in vocab.LAYER_WORDS for word in found)


def is_label_heading(text: str) -> bool:
    """``#### **Endpoints**:``: a heading that ends with a colon labels what follows it."""
    return plain(text).strip().endswith((":", "："))


def is_attribute_word(text: str) -> bool:
    """``Technology``, ``Location``, ``Purpose``: a word that labels a fact, not a unit."""
    key = normalize_name(plain(text))
    return (
        label_field(text) is not None
        or key in vocab.COLUMN_WORDS
        or key in vocab.TECHNOLOGY_COLUMNS
        or key in vocab.KNOWN_UNUSED_LABELS
    )


def names_units(label: str) -> bool:
    """Whether a label such as ``Planned backend modules:`` or ``**组件**:`` announces units."""
    found = words(label)
    return any(
        word in vocab.UNIT_PLURALS or word in vocab.UNIT_SINGULARS for word in found
    ) or _has_cjk(label, vocab.CJK_UNIT_WORDS)


def header_key(cell: str) -> str:
    """A table header cell, squashed: ``**Depends on**`` -> ``dependson``."""
    return normalize_name(plain(cell))


def module_column_strength(header: str, *, in_inventory: bool) -> int:
    """2 for a Module/Context column, 1 for Service/Component/Domain, 0 for neither.

    Under a heading that lists modules a plain ``Name`` column names them too. A header is
    read by its first word (``Module / Package``, ``Service name``, ``Context (code)``).
    """
    key = normalize_name(plain(header))
    found = words(plain(header))
    head = found[0] if 0 < len(found) <= _MAX_HEADER_WORDS else key
    if key in vocab.STRONG_MODULE_COLUMNS or head in vocab.STRONG_MODULE_COLUMNS:
        return 2
    if key in vocab.WEAK_MODULE_COLUMNS or head in vocab.WEAK_MODULE_COLUMNS:
        return 1
    if in_inventory and (key in _NAME_COLUMNS or head in _NAME_COLUMNS):
        return 1
    return 0


def column_field(header: str) -> str | None:
    """The Module field a column fills, by the meaning of its header's words.

    ``Upstream contexts`` -> dependencies, ``Endpoints principaux`` -> endpoints,
    ``Owning team`` -> none. A whole-header phrase wins over its words (``Must Not Own``
    is no responsibility, ``Used by`` reverses a dependency).
    """
    key = normalize_name(plain(header))
    if key in vocab.COLUMN_PHRASES:
        return vocab.COLUMN_PHRASES[key] or None
    found = words(plain(header))
    if "external" in found and any(word.startswith("depend") for word in found):
        return "external_services"
    for word in found:
        field = vocab.COLUMN_WORDS.get(word)
        if field is not None:
            return field
        if word.startswith(("responsib", "responsab")):
            return "responsibility"
        if word.startswith(("depend", "dépend")):
            return "dependencies"
    return vocab.COLUMN_WORDS.get(key)


def heading_title(text: str) -> str:
    """The heading's words without markup, numbering or emoji."""
    return heading_text(text)


@cache
def label_field(label: str) -> str | None:
    """The Module field a label in a module's section fills (``Publishes Events`` -> events).

    The whole label is looked up first, then its words in order, so qualifiers around the
    meaning (``Domain Events Published``, ``HTTP endpoints``) do not hide it.
    """
    key = normalize_name(plain(label))
    field = vocab.LABEL_FIELDS.get(key)
    if field is not None or key in vocab.KNOWN_UNUSED_LABELS:
        return field
    for word in words(plain(label)):
        field = vocab.LABEL_FIELDS.get(word)
        if field is not None:
            return field
    return None
