"""Which modules take part: named by the user, or ranked from the description.

Ranking reads what the architecture declares of each module (name, responsibility,
aggregates, commands, events, queries), gives each kind of evidence a weight, and keeps
every module whose score is a real match. A module that two picked modules both depend on
is added too, because their data flows through it. Each pick carries its reason, so the
user sees why a module is in the draft; when nothing matches, the error lists the modules
that came closest.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass

from integration_spec.draft.errors import DraftError
from integration_spec.draft.vocabulary import Query, Term, similar, split_words
from integration_spec.facts.modules import is_foundation
from integration_spec.model.architecture import Architecture, Module

FIELD_WEIGHTS: tuple[tuple[str, float], ...] = (
    ("name", 4.0),
    ("aggregate", 3.0),
    ("responsibility", 2.0),
    ("command", 2.0),
    ("event", 1.0),
    ("query", 1.0),
)
"""How much a match in each part of a module counts: its name most, a query least."""

MIN_SCORE = 2.0
"""Below this a match is incidental (one thesaurus word in one query name)."""

RELATIVE_SCORE = 0.2
"""A pick must reach this share of the best score, so one strong match does not drag in
every module that shares a common word."""

COMMON_MATCHES = 2
"""A word that matches more modules than this counts proportionally less ("order" is
everywhere in a shop; "reserve" is inventory's)."""

MAX_PICKS = 8
NEGATED_SHARE = 0.5
"""A word after "without" still shows which module is concerned, at half weight."""

MAX_FLOW_STEPS = 40


@dataclass(frozen=True, slots=True)
class Pick:
    """A chosen module with its score and the reason it was chosen."""

    module: str
    score: float
    reason: str


@dataclass(frozen=True, slots=True)
class Selection:
    """The modules of the draft; ``flow`` is the user's step order when one was given."""

    modules: tuple[str, ...]
    picks: tuple[Pick, ...]
    flow: tuple[str, ...] | None = None
    source: str = "description"


def select_modules(
    architecture: Architecture,
    query: Query,
    *,
    flow: Sequence[str] | None = None,
    modules: Sequence[str] | None = None,
) -> Selection:
    """Modules from ``flow`` or ``modules`` when given, otherwise ranked from ``query``."""
    if flow:
        if len(flow) > MAX_FLOW_STEPS:
            raise DraftError(
                f"the flow has {len(flow)} steps, over the limit of {MAX_FLOW_STEPS}",
                "split the integration into several specs",
            )
        ordered = tuple(resolve_module(architecture, name).name for name in flow)
        unique = _in_architecture_order(architecture, ordered)
        picks = tuple(Pick(name, 0.0, "named in --flow") for name in unique)
        return Selection(modules=unique, picks=picks, flow=ordered, source="flow")
    if modules:
        named = tuple(resolve_module(architecture, name).name for name in modules)
        unique = _in_architecture_order(architecture, named)
        picks = tuple(Pick(name, 0.0, "named in --modules") for name in unique)
        return Selection(modules=unique, picks=picks, source="modules")
    picks = rank_modules(architecture, query)
    if not picks:
        raise nothing_matches(architecture, query)
    chosen = [pick.module for pick in picks]
    bridges = bridge_modules(architecture, chosen)
    all_picks = (*picks, *bridges)
    names = _in_architecture_order(architecture, [pick.module for pick in all_picks])
    return Selection(modules=names, picks=all_picks, source="description")


def resolve_module(architecture: Architecture, name: str) -> Module:
    """The architecture's module called ``name``, or a :class:`DraftError` with did-you-mean."""
    module = architecture.find(name.strip())
    if module is not None:
        return module
    close = architecture.suggest(name)
    hint = (
        "did you mean " + " or ".join(f"'{item}'" for item in close) + "?"
        if close
        else "the architecture's modules are " + ", ".join(architecture.module_names)
    )
    raise DraftError(f"module '{name.strip()}' is not in the architecture", hint)


def _in_architecture_order(architecture: Architecture, names: Sequence[str]) -> tuple[str, ...]:
    wanted = set(names)
    return tuple(name for name in architecture.module_names if name in wanted)


def module_fields(module: Module) -> list[tuple[str, float, str, list[str]]]:
    """(field, weight, item, words) for everything a module declares that can be matched."""
    # Declared names come before the responsibility's prose, so that a word matching both
    # at the same weight is explained by the command or event it names.
    items: list[tuple[str, str]] = [("name", module.name)]
    items += [("aggregate", item) for item in module.aggregates]
    items += [("command", item) for item in module.commands]
    items.append(("responsibility", module.responsibility))
    items += [("event", item) for item in module.domain_events]
    items += [("query", item) for item in module.queries]
    weights = dict(FIELD_WEIGHTS)
    return [(kind, weights[kind], item, split_words(item)) for kind, item in items if item]


@dataclass(frozen=True, slots=True)
class _Match:
    term: Term
    kind: str
    item: str
    points: float


def term_spread(modules: Sequence[Module], query: Query) -> dict[str, int]:
    """How many of ``modules`` each query word matches somewhere."""
    spread: dict[str, int] = {}
    fields = [module_fields(module) for module in modules]
    for term in query.terms:
        spread[term.word] = sum(
            1
            for found in fields
            if any(similar(term.word, word) for _, _, _, words in found for word in words)
        )
    return spread


def score_module(
    module: Module, query: Query, spread: dict[str, int] | None = None
) -> tuple[float, list[_Match]]:
    """The module's score for ``query`` and the best match of each term."""
    fields = module_fields(module)
    matches: list[_Match] = []
    for term in query.terms:
        best: _Match | None = None
        common = (spread or {}).get(term.word, 1)
        rarity = min(1.0, COMMON_MATCHES / common) if common else 1.0
        for kind, weight, item, words in fields:
            if any(similar(term.word, word) for word in words):
                points = weight * term.weight * rarity
                points *= NEGATED_SHARE if term.negated else 1.0
                if best is None or points > best.points:
                    best = _Match(term, kind, item, points)
        if best is not None:
            matches.append(best)
    # A user's word counts once, by its best form (itself or a thesaurus word).
    by_origin: dict[str, _Match] = {}
    for match in matches:
        present = by_origin.get(match.term.origin)
        if present is None or match.points > present.points:
            by_origin[match.term.origin] = match
    chosen = sorted(by_origin.values(), key=lambda match: -match.points)
    return sum(match.points for match in chosen), chosen


def _reason(matches: list[_Match]) -> str:
    parts = []
    for match in matches[:3]:
        word = f"'{match.term.origin}'"
        if match.term.via is not None:
            word += f" (as '{match.term.word}')"
        if match.term.negated:
            word += " (after 'without')"
        if match.kind == "name":
            parts.append(f"{word} matches the module name")
        elif match.kind == "responsibility":
            parts.append(f'{word} matches its responsibility "{match.item}"')
        else:
            parts.append(f"{word} matches {match.kind} {match.item}")
    return "; ".join(parts)


def rank_modules(architecture: Architecture, query: Query) -> tuple[Pick, ...]:
    """Modules that match ``query`` well enough, best first (the foundation never)."""
    scored: list[tuple[float, int, Module, list[_Match]]] = []
    candidates = [m for m in architecture.modules if not is_foundation(architecture, m)]
    spread = term_spread(candidates, query)
    for index, module in enumerate(architecture.modules):
        if is_foundation(architecture, module):
            continue
        score, matches = score_module(module, query, spread)
        if score > 0:
            scored.append((score, index, module, matches))
    if not scored:
        return ()
    top = max(score for score, *_ in scored)
    floor = max(MIN_SCORE, RELATIVE_SCORE * top)
    kept = sorted(
        (item for item in scored if item[0] >= floor), key=lambda item: (-item[0], item[1])
    )
    return tuple(
        Pick(module.name, round(score, 2), _reason(matches))
        for score, _, module, matches in kept[:MAX_PICKS]
    )


def bridge_modules(architecture: Architecture, chosen: Sequence[str]) -> tuple[Pick, ...]:
    """Modules outside ``chosen`` that two chosen modules depend on, one of them the hub.

    The hub is the chosen module that depends on most of the others: data it reads
    through two paths belongs in the flow; a module only the periphery shares does not.
    """
    picked = [architecture.find(name) for name in chosen]
    modules = [module for module in picked if module is not None]
    if not modules:
        return ()
    hub = max(
        modules,
        key=lambda module: (
            sum(module.depends_on(other.name) for other in modules),
            module.phase or 0,
        ),
    )
    bridges: list[Pick] = []
    room = MAX_PICKS - len(modules)
    for candidate in architecture.modules:
        if room <= 0:
            break
        if candidate.name in chosen or is_foundation(architecture, candidate):
            continue
        dependents = [module.name for module in modules if module.depends_on(candidate.name)]
        if len(dependents) >= 2 and hub.name in dependents:
            names = ", ".join(dependents[:-1]) + f" and {dependents[-1]}"
            bridges.append(Pick(candidate.name, 0.0, f"added: {names} depend on it"))
            room -= 1
    return tuple(bridges)


def nothing_matches(architecture: Architecture, query: Query) -> DraftError:
    """The error for a description no module fits, naming the closest modules."""
    closest = closest_modules(architecture, query)
    shown = ", ".join(
        f"{module.name} ({module.responsibility})" if module.responsibility else module.name
        for module in closest
    )
    text = query.text or "the description"
    return DraftError(
        f"no module of the architecture matches '{text}'",
        f"closest: {shown}; describe the feature with words of the architecture, "
        'or name the modules with --modules A,B,C or --flow "A>B>C"',
    )


def closest_modules(architecture: Architecture, query: Query, limit: int = 3) -> list[Module]:
    """Modules with words most like the query's (spelling), else the first few modules."""
    candidates = [m for m in architecture.modules if not is_foundation(architecture, m)]
    ranked: list[tuple[float, int, Module]] = []
    for index, module in enumerate(candidates):
        words = {word for _, _, _, found in module_fields(module) for word in found}
        best = 0.0
        for term in query.terms:
            for word in words:
                ratio = difflib.SequenceMatcher(None, term.word, word).ratio()
                best = max(best, ratio)
        ranked.append((best, index, module))
    ranked.sort(key=lambda item: (-item[0], item[1]))
    close = [module for ratio, _, module in ranked if ratio >= 0.6]
    return (close or [module for _, _, module in sorted(ranked, key=lambda i: i[1])])[:limit]
