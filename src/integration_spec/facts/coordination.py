"""The integration points of a spec: which modules each call, event and shared state joins."""

from __future__ import annotations

from collections.abc import Iterable

from integration_spec.facts.modules import ModuleIndex
from integration_spec.model.spec import IntegrationSpec


def links(spec: IntegrationSpec, modules: ModuleIndex) -> dict[str, set[frozenset[str]]]:
    """Module pairs each kind of coordination point connects, direction ignored.

    ``call`` pairs caller and callee, ``event`` publisher and subscriber, ``state`` owner
    and reader.
    """
    found: dict[str, set[frozenset[str]]] = {"call": set(), "event": set(), "state": set()}
    for call in spec.sync_calls:
        _pair(found["call"], modules, [call.caller], [call.callee])
    for event in spec.async_events:
        _pair(found["event"], modules, [event.publisher], event.subscribers)
    for entry in spec.shared_state:
        _pair(found["state"], modules, [entry.owner], entry.readers)
    return found


def _pair(
    into: set[frozenset[str]], modules: ModuleIndex, left: Iterable[str], right: Iterable[str]
) -> None:
    for one in modules.keys(left):
        for other in modules.keys(right):
            if one != other:
                into.add(frozenset((one, other)))


def calls_from(spec: IntegrationSpec, modules: ModuleIndex) -> dict[str, set[str]]:
    """Caller key -> callee keys of the synchronous calls."""
    found: dict[str, set[str]] = {}
    for call in spec.sync_calls:
        caller, callee = modules.resolve(call.caller), modules.resolve(call.callee)
        if caller.is_named and callee.is_named:
            found.setdefault(caller.key, set()).add(callee.key)
    return found


def flow_and_coordination_names(spec: IntegrationSpec) -> list[str]:
    """Every module name a step, call, event or shared state row writes."""
    names = [step.module for step in spec.flow_steps]
    for call in spec.sync_calls:
        names += [call.caller, call.callee]
    for event in spec.async_events:
        names += [event.publisher, *event.subscribers]
    names += [contract.module for contract in spec.events_published]
    for entry in spec.shared_state:
        names += [entry.owner, *entry.readers]
    return names
