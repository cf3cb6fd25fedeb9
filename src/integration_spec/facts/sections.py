"""Which of the format's sections a document has, whatever its headings' wording."""

from __future__ import annotations

from integration_spec.facts.lexicon import TYPE_HEADING_WORDS
from integration_spec.facts.text import words
from integration_spec.model.spec import SECTION_LAYOUT, IntegrationSpec, SectionKey

__all__ = ["SPEC_CORE", "SUBSECTIONS", "has_section", "reads_as_spec"]

SUBSECTIONS: dict[SectionKey, tuple[SectionKey, ...]] = {
    key: subsections
    for key, subsections in SECTION_LAYOUT
    if subsections and key is not SectionKey.FAILURE_MODES
}
"""Subsections that show their section is there even when its own heading is not.

Compensation alone does not: the failure-mode table is the section's substance.
"""


def has_section(spec: IntegrationSpec, key: SectionKey) -> bool:
    """Whether the document has section ``key``: its heading, a subsection, or (phases) a phase.

    Shared Types are also there under a heading that says what they are: teams write their
    new interfaces as ``## Port Definition``, ``## Domain Types``, ``## Message Protocol``.
    """
    wanted = (key, *SUBSECTIONS.get(key, ()))
    if any(location.key in wanted for location in spec.sections):
        return True
    if key is SectionKey.SHARED_TYPES:
        return any(_names_types(extra.heading) for extra in spec.extra_sections)
    return key is SectionKey.PHASES and bool(spec.phases)


def _names_types(heading: str) -> bool:
    return any(word in TYPE_HEADING_WORDS for word in words(heading))


SPEC_CORE = (SectionKey.MODULES, SectionKey.DATA_FLOW, SectionKey.FAILURE_MODES)
"""The sections that make a document an integration spec: who takes part, what flows
between them, what goes wrong. A document with none of them is another kind of document."""


def reads_as_spec(spec: IntegrationSpec) -> bool:
    """Whether the document is an integration spec: titled as one, or with a core section.

    Teams keep design notes, guides and runbooks beside their specs. Checking such a
    document against the format yields a finding for every section it never meant to
    have; one finding that says what it is serves the reader better. A document titled
    ``# Integration: <Title>`` was written as a spec, though: what it lacks is what the
    team needs to hear.
    """
    return spec.title_prefixed or any(has_section(spec, key) for key in SPEC_CORE)
