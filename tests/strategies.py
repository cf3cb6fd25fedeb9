"""Hypothesis strategies for integration specs in the space the canonical form can express.

The limits are the format's, stated once here: one-line values do not start with block
markup, cell text has no backslash or ``<`` (``<br>`` is the line-break escape), names hold
no list separators, and free-text bodies are plain paragraphs.
"""

from __future__ import annotations

from hypothesis import strategies as st

from integration_spec.model.spec import (
    AsyncEvent,
    CompensationBlock,
    Deliverable,
    Diagram,
    E2ETest,
    EndpointContract,
    EventContract,
    ExtraSection,
    FailureMode,
    FeatureFlag,
    FlowStep,
    IntegrationSpec,
    IntegrationTest,
    Labelled,
    ListEntry,
    ModuleInvolvement,
    Phase,
    SectionKey,
    SectionNote,
    SharedStateEntry,
    SyncCall,
    UnitTest,
)
from integration_spec.spec.headings import classify_heading, phase_heading

_VOCABULARY = (
    "order",
    "cart",
    "Payment",
    "reserve",
    "stock",
    "e-mail",
    "retry",
    "the",
    "a",
    "of",
    "to",
    "for",
    "with",
    "after",
    "Saga",
    "compensate",
    "refund",
    "ship",
    "label",
    "guest",
    "Checkout",
    "price",
    "snapshot",
    "(v2)",
    "x86",
    "id,",
    "fast;",
    "done.",
    "ok!",
    "why?",
    "it's",
    "3xx",
    "42",
    "null",
    "café",
    "naïve",
    "東京",
    "under_score",
    "a*b",
    "[link]",
    "`code`",
    "#tag",
    "~x",
    ">y",
)
_NAMES = (
    "Cart",
    "Checkout",
    "Payments",
    "Order Service",
    "inventory",
    "e-mail",
    "Identity",
    "Bounded Context",
    "shipping-labels",
    "Pricing2",
    "Notifications",
)
word = st.sampled_from(_VOCABULARY)
first_word = st.sampled_from([item for item in _VOCABULARY if item[0].isalpha()])
name = st.sampled_from(_NAMES)


def words(min_size: int = 1, max_size: int = 8) -> st.SearchStrategy[str]:
    """A line of words; never empty, never starts with markup."""
    rest = st.lists(word, min_size=min_size - 1, max_size=max_size - 1)
    return st.tuples(first_word, rest).map(lambda parts: " ".join([parts[0], *parts[1]]))


line = words()
optional_line = st.none() | st.just("") | line
paragraph = st.lists(line, min_size=1, max_size=3).map("\n".join)
body = st.lists(paragraph, min_size=1, max_size=3).map("\n\n".join)

cell_piece = st.sampled_from(
    (
        "POST /orders",
        "a",
        "x:y",
        "`Money`",
        "**bold**",
        "#1",
        "(note)",
        "a/b",
        "=>",
        "- dash",
        "1. one",
        "> q",
        "+1",
        "*",
        "_",
        "Eventual",
        "off",
    )
)
cell = st.one_of(
    st.just(""),
    st.lists(
        st.tuples(cell_piece, st.sampled_from([" ", " | ", "\n", "|"])), min_size=1, max_size=4
    ).map(lambda parts: "".join(a + b for a, b in parts).strip()),
)
names = st.lists(name, max_size=4).map(tuple)

_step_extra_label = st.sampled_from(["Owner", "Latency budget", "Idempotency", "Notes"])
_phase_extra_label = st.sampled_from(["Owner", "Risk", "Estimate", "Depends On"])
_meta_extra_label = st.sampled_from(["Status", "Author", "Last Updated", "Owners"])

flow_step = st.builds(
    FlowStep,
    name=line,
    module=name,
    input=optional_line,
    action=optional_line,
    output=optional_line,
    failure=optional_line,
    trigger=optional_line,
    compensation=optional_line,
    extra=st.lists(
        st.builds(Labelled, label=_step_extra_label, value=line)
        | st.builds(Labelled, label=st.just(""), value=words(2)),
        max_size=2,
    ).map(tuple),
)

phase = st.builds(
    Phase,
    number=st.integers(0, 99),
    title=st.just("") | line,
    goal=optional_line,
    modules=names,
    deliverables=st.lists(st.builds(Deliverable, text=line, done=st.booleans()), max_size=4).map(
        tuple
    ),
    exit_criteria=optional_line,
    extra=st.lists(st.builds(Labelled, label=_phase_extra_label, value=line), max_size=2).map(
        tuple
    ),
    notes=st.just("") | body,
)

diagram = st.builds(
    Diagram,
    language=st.sampled_from(["", "text", "mermaid"]),
    content=st.lists(
        st.sampled_from(
            (
                "[Cart] ──(CartId)──> [Checkout]",
                "",
                "    indented",
                "# not a heading",
                "sequenceDiagram",
                "  A->>B: call",
                "```",
                "| a | b |",
                "---",
            )
        ),
        max_size=5,
    ).map("\n".join),
)

_note_sections = [
    key
    for key in SectionKey
    if key not in (SectionKey.OVERVIEW, SectionKey.SHARED_TYPES, SectionKey.COMPENSATION)
]
note = st.builds(SectionNote, section=st.sampled_from(_note_sections), markdown=paragraph)

extra_heading = words(1, 4).filter(
    lambda text: (
        classify_heading(text) is None
        and phase_heading(text) is None
        and not text.endswith(("#", "."))
    )
)
extra_section = st.builds(
    ExtraSection,
    heading=extra_heading,
    level=st.integers(2, 4),
    body=st.just("") | body,
    after=st.sampled_from(list(SectionKey)),
)


_ORDER = {key: index for index, key in enumerate(SectionKey)}
"""Notes and extra sections are listed in document order, which is section order."""


def _rows(
    builder: type, **fields: st.SearchStrategy[object]
) -> st.SearchStrategy[tuple[object, ...]]:
    return st.lists(st.builds(builder, **fields), max_size=3).map(tuple)


specs = st.builds(
    IntegrationSpec,
    title=line,
    architecture=st.none() | line,
    type=st.none() | st.sampled_from(["User Journey", "System Process", "Data Flow"]) | line,
    priority=st.none() | st.sampled_from(["P0", "P1", "P2 (required for launch)"]),
    extra_metadata=st.lists(
        st.builds(Labelled, label=_meta_extra_label, value=line), max_size=2
    ).map(tuple),
    summary=st.none() | paragraph,
    overview=st.just("") | body,
    modules=_rows(ModuleInvolvement, module=cell, role=cell, changes=cell),
    diagrams=st.lists(diagram, max_size=2).map(tuple),
    flow_steps=st.lists(flow_step, max_size=4).map(tuple),
    sync_calls=_rows(SyncCall, caller=cell, callee=cell, method=cell, purpose=cell),
    async_events=_rows(AsyncEvent, event=cell, publisher=cell, subscribers=names, purpose=cell),
    shared_state=_rows(SharedStateEntry, data=cell, owner=cell, readers=names, consistency=cell),
    failure_modes=_rows(FailureMode, failure=cell, impact=cell, detection=cell, recovery=cell),
    compensation=st.lists(
        st.builds(
            CompensationBlock,
            trigger=line,
            steps=st.lists(st.builds(ListEntry, text=line), max_size=3).map(tuple),
        ),
        max_size=2,
    ).map(tuple),
    shared_types=st.just("") | body,
    endpoints=_rows(EndpointContract, method=cell, path=cell, module=cell, purpose=cell),
    events_published=_rows(EventContract, event=cell, module=cell, payload=cell, when=cell),
    phases=st.lists(phase, max_size=3).map(tuple),
    unit_tests=_rows(UnitTest, module=cell, focus=cell),
    integration_tests=_rows(IntegrationTest, test=cell, modules=names, scenario=cell),
    e2e_tests=_rows(E2ETest, journey=cell, steps=cell, verification=cell),
    feature_flags=_rows(FeatureFlag, flag=cell, purpose=cell, default=cell),
    migration_steps=st.lists(st.builds(ListEntry, text=line), max_size=3).map(tuple),
    related_documents=st.lists(line, max_size=2).map(tuple),
    extra_sections=st.lists(extra_section, max_size=3).map(
        lambda items: tuple(sorted(items, key=lambda item: _ORDER[item.after]))
    ),
    notes=st.lists(note, max_size=3).map(
        lambda items: tuple(sorted(items, key=lambda item: _ORDER[item.section]))
    ),
)
"""Specs whose canonical rendering parses back to the same model."""
