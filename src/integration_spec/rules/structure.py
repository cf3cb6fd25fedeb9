"""Structure rules: the document has the format's sections, header and name."""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Iterator
from pathlib import Path

from integration_spec.facts.sections import SPEC_CORE, has_section, reads_as_spec
from integration_spec.facts.text import excerpt, has_todo, is_blank, missing_value, plain, words
from integration_spec.model.architecture import DEFAULT_ARCHITECTURE
from integration_spec.model.diagnostics import Severity
from integration_spec.model.names import did_you_mean, normalize_name
from integration_spec.model.spec import ROLES, SPEC_TYPES, SectionKey
from integration_spec.project.architecture import features_root as project_root
from integration_spec.project.architecture import reference_target
from integration_spec.rules._structure_support import (
    SECTION_HEADINGS,
    SECTION_PLACEHOLDERS,
    fenced_lines,
    preamble_end,
    section_end,
    section_line,
    section_written,
    title_line,
)
from integration_spec.rules.base import Family, Finding, Fix, Rule, RuleContext, TextEdit
from integration_spec.spec.headings import split_atx_heading

REQUIRED_SECTIONS = (
    SectionKey.OVERVIEW,
    SectionKey.MODULES,
    SectionKey.DATA_FLOW,
    SectionKey.COORDINATION,
    SectionKey.FAILURE_MODES,
    SectionKey.PHASES,
    SectionKey.TESTING,
)
RECOMMENDED_SECTIONS = (SectionKey.SHARED_TYPES, SectionKey.API_CONTRACTS, SectionKey.ROLLOUT)


def _insert_section(context: RuleContext, key: SectionKey) -> Fix:
    """Insert ``## <Section>`` and a TODO line where the canonical order puts the section."""
    order = list(SECTION_HEADINGS)
    anchor = None
    for earlier in reversed(order[: order.index(key)]):
        if has_section(context.spec, earlier):
            anchor = section_end(context, earlier)
            if anchor is not None:
                break
    if anchor is None:
        anchor = preamble_end(context)
    heading = f"## {SECTION_HEADINGS[key]}\n{SECTION_PLACEHOLDERS[key]}\n"
    lines = context.lines
    if anchor == 0:
        text = heading + "\n---\n\n"
    else:
        text = "\n---\n\n" + heading
        following = lines[anchor] if anchor < len(lines) else ""
        if following.strip():
            text += "\n"
    return Fix(
        description=f"insert a '## {SECTION_HEADINGS[key]}' section with a TODO placeholder",
        edits=(TextEdit(anchor + 1, anchor, text),),
    )


def _missing_sections(
    context: RuleContext, keys: tuple[SectionKey, ...], kind: str
) -> Iterator[Finding]:
    for key in keys:
        if has_section(context.spec, key):
            continue
        name = SECTION_HEADINGS[key]
        yield Finding(
            message=f"{kind} section '{name}' is missing",
            line=title_line(context.spec),
            hint=f"add a '## {name}' section: {SECTION_PLACEHOLDERS[key].removeprefix('TODO: ')}",
            fix=_insert_section(context, key),
        )


class MissingRequiredSection(Rule):
    """Every section the format requires is present.

    Overview, Modules Involved, Data Flow, Coordination Points, Failure Modes,
    Implementation Phases and Testing Strategy are what reviewers read the spec for; a
    spec without one of them cannot be checked against the seed's Validation Checklist.
    Headings may vary in wording (``## Failures``, ``## 5. Testing``) and a section counts
    as present when only its subsections are written (``### Flow Steps``). The fix inserts
    the heading with a ``TODO:`` line where the canonical order puts it.

    Fails:

        # Integration: Guest Checkout
        ## Overview
        ## Modules Involved
        ## Coordination Points
        ## Failure Modes
        ## Implementation Phases
        ## Testing Strategy

    Passes:

        # Integration: Guest Checkout
        ## Overview
        ## Modules Involved
        ## Data Flow
        ## Coordination Points
        ## Failure Modes
        ## Implementation Phases
        ## Testing Strategy
    """

    code = "ST001"
    name = "missing-required-section"
    family = Family.STRUCTURE
    severity = Severity.ERROR

    def check(self, context: RuleContext) -> Iterator[Finding]:
        """Report each required section the document lacks."""
        yield from _missing_sections(context, REQUIRED_SECTIONS, "required")


class MissingRecommendedSection(Rule):
    """The recommended sections Shared Types, API Contracts and Rollout Plan are present.

    They are where a reader finds the new interfaces, the endpoints and events other teams
    will call, and the feature flags that make the launch reversible. A spec can be
    reviewed without them, so this is a warning; the fix inserts the heading with a
    ``TODO:`` line.

    Fails:

        ## Shared Types
        ## API Contracts
        ## Testing Strategy

    Passes:

        ## Shared Types
        ## API Contracts
        ## Testing Strategy
        ## Rollout Plan

        ### Feature Flags
        | Flag | Purpose | Default |
        |------|---------|---------|
        | guest-checkout | Enable guest checkout | off |
    """

    code = "ST002"
    name = "missing-recommended-section"
    family = Family.STRUCTURE
    severity = Severity.WARNING

    def check(self, context: RuleContext) -> Iterator[Finding]:
        """Report each recommended section the document lacks."""
        yield from _missing_sections(context, RECOMMENDED_SECTIONS, "recommended")


class MissingTitle(Rule):
    """The document starts with a ``# Integration: <Title>`` heading that names the feature.

    The title is how the spec is listed, linked and found; a document without one reads
    as a fragment.

    Fails:

        # Integration: [Title]

        **Type:** User Journey

    Passes:

        # Integration: Guest Checkout

        **Type:** User Journey
    """

    code = "ST003"
    name = "missing-title"
    family = Family.STRUCTURE
    severity = Severity.ERROR

    def check(self, context: RuleContext) -> Iterator[Finding]:
        """Report a missing or empty title."""
        spec = context.spec
        if spec.title_line is None:
            yield Finding(
                message="the document has no '# Integration: <Title>' heading",
                line=1,
                hint="start the document with '# Integration: <Title>'",
            )
        elif missing_value(spec.title):
            yield Finding(
                message=f"the title '{spec.title}' is a placeholder"
                if spec.title.strip()
                else "the title is empty",
                line=spec.title_line,
                hint="name the feature: '# Integration: <Title>'",
            )


_TITLE_PREFIX = re.compile(r"^\s*(?:#+\s*)?integration\s*:", re.IGNORECASE)


class TitleWithoutPrefix(Rule):
    """The title heading reads ``# Integration: <Title>``.

    The prefix tells a reader (and a search) that the document is an integration spec
    rather than a feature brief or an ADR. The fix adds the prefix to the heading.

    Fails:

        # Guest Checkout

    Passes:

        # Integration: Guest Checkout
    """

    code = "ST004"
    name = "title-without-prefix"
    family = Family.STRUCTURE
    severity = Severity.WARNING

    def check(self, context: RuleContext) -> Iterator[Finding]:
        """Report a title heading without ``Integration:``."""
        spec = context.spec
        line = spec.title_line
        if line is None or missing_value(spec.title) or not 0 < line <= len(context.lines):
            return
        written = context.lines[line - 1]
        if _TITLE_PREFIX.match(written):
            return
        fix = None
        heading = split_atx_heading(written)
        if heading is not None and heading.level == 1 and heading.text:
            rewritten = f"{heading.opening}Integration: {heading.text}{heading.closing}"
            fix = Fix(
                description="prefix the title with 'Integration:'",
                edits=(TextEdit(line, line, rewritten.rstrip() + "\n"),),
            )
        yield Finding(
            message=f"title '{spec.title}' does not start with 'Integration:'",
            line=line,
            hint=f"write it as '# Integration: {spec.title}'",
            fix=fix,
        )


class MissingType(Rule):
    """The header says which kind of integration this is: ``**Type:** <kind>``.

    User Journey, System Process and Data Flow integrations are reviewed differently (a
    person waiting, a background process, data propagating), so the reader needs to know
    which one this is before reading on.

    Fails:

        # Integration: Guest Checkout

        **Architecture:** docs/architecture/SYSTEM-ARCHITECTURE.md
        **Priority:** P1

    Passes:

        # Integration: Guest Checkout

        **Architecture:** docs/architecture/SYSTEM-ARCHITECTURE.md
        **Type:** User Journey
        **Priority:** P1
    """

    code = "ST005"
    name = "missing-type"
    family = Family.STRUCTURE
    severity = Severity.ERROR

    def check(self, context: RuleContext) -> Iterator[Finding]:
        """Report a missing or placeholder Type."""
        spec = context.spec
        if spec.type is None:
            yield Finding(
                message="the header has no '**Type:**' line",
                line=title_line(spec),
                hint="add '**Type:** User Journey', 'System Process' or 'Data Flow'",
            )
        elif missing_value(spec.type):
            yield Finding(
                message=f"Type '{spec.type}' is a placeholder",
                line=spec.metadata_lines.get("type", title_line(spec)),
                hint="write one of User Journey, System Process or Data Flow",
            )


_TYPE_KEYS = {normalize_name(kind): kind for kind in SPEC_TYPES}


def _known_type(value: str) -> bool:
    """A type of the format, possibly followed by words (``System Process (nightly)``)."""
    words = plain(value)
    squashed = normalize_name(words)
    if squashed in _TYPE_KEYS:
        return True
    for kind in SPEC_TYPES:
        if words.casefold().startswith(kind.casefold()):
            rest = words[len(kind) :]
            if not rest or not rest[0].isalnum():
                return True
    return False


class UnknownRole(Rule):
    """Each module's role in Modules Involved is Producer, Consumer or Both.

    The seed defines three roles, and the coordination checks reason with them: a Producer
    publishes or answers, a Consumer subscribes or calls, Both does each. Teams also write
    Owner, Observer or Orchestrator; those say something true, but which way the data flows
    is then left to the reader. A role cell that contains one of the three words (``Both
    (orchestrator)``) is accepted.

    Fails:

        ## Modules Involved
        | Module | Role | Changes |
        |--------|------|---------|
        | cart | Owner | Carts owned by a guest session |

    Passes:

        ## Modules Involved
        | Module | Role | Changes |
        |--------|------|---------|
        | cart | Both (owner of the cart) | Carts owned by a guest session |
    """

    code = "ST015"
    name = "unknown-role"
    family = Family.STRUCTURE
    severity = Severity.WARNING

    def check(self, context: RuleContext) -> Iterator[Finding]:
        """Report each Modules Involved row whose role is none of the seed's three."""
        known = {role.casefold() for role in ROLES}
        ragged = {d.line for d in context.spec.diagnostics if d.code == "PS001"}
        for row in context.spec.modules:
            if is_blank(row.role) or has_todo(row.role) or is_blank(row.module):
                continue
            if row.line in ragged:  # its cells may have shifted: PS001 reports the row
                continue
            if known & {word.removesuffix("s") for word in words(row.role)}:
                continue
            yield Finding(
                message=f"role '{plain(row.role)}' of '{plain(row.module)}' is not one of "
                + ", ".join(ROLES),
                line=row.line,
                hint="write Producer (it publishes or answers), Consumer (it subscribes or "
                "calls) or Both; keep the rest in brackets: 'Both (owner)'",
            )


class UnknownType(Rule):
    """The Type is one of User Journey, System Process or Data Flow.

    The seed defines exactly three kinds of integration; other words (``External Service
    Integration``, ``Feature``) leave the reader guessing which review applies. Trailing
    words are fine (``System Process (nightly)``). A warning: the spec can still be checked.

    Fails:

        # Integration: Reservation Expiry

        **Type:** External Service Integration

    Passes:

        # Integration: Reservation Expiry

        **Type:** System Process
    """

    code = "ST006"
    name = "unknown-type"
    family = Family.STRUCTURE
    severity = Severity.WARNING

    def check(self, context: RuleContext) -> Iterator[Finding]:
        """Report a Type the format does not define."""
        spec = context.spec
        value = spec.type
        if value is None or is_blank(value) or has_todo(value) or _known_type(value):
            return
        hint = did_you_mean(value, SPEC_TYPES) or (
            "use User Journey (a person's path), System Process (a background process) "
            "or Data Flow (data propagated between modules)"
        )
        yield Finding(
            message=f"Type '{plain(value)}' is not one of User Journey, System Process, Data Flow",
            line=spec.metadata_lines.get("type", title_line(spec)),
            hint=hint,
        )


_PRIORITY_WORDS = {
    "critical": "P0",
    "blocker": "P0",
    "urgent": "P0",
    "highest": "P0",
    "high": "P1",
    "medium": "P2",
    "normal": "P2",
    "moderate": "P2",
    "low": "P3",
    "lowest": "P3",
}


def _priority_hint(value: str) -> str:
    words = plain(value).casefold().split()
    head = words[0].strip(".,:;()") if words else ""
    if head in {"0", "1", "2", "3"}:
        return f"write it as 'P{head}'"
    if head in _PRIORITY_WORDS:
        return f"did you mean '{_PRIORITY_WORDS[head]}'?"
    return "use P0 (most urgent) to P3"


class InvalidPriority(Rule):
    """The header states a Priority from P0 to P3.

    Priority decides the order in which integrations are reviewed and built; the seed
    allows exactly P0-P3. Trailing words are fine (``P2 (required for launch)``).

    Fails:

        # Integration: Guest Checkout

        **Priority:** High

    Passes:

        # Integration: Guest Checkout

        **Priority:** P1
    """

    code = "ST007"
    name = "invalid-priority"
    family = Family.STRUCTURE
    severity = Severity.ERROR

    def check(self, context: RuleContext) -> Iterator[Finding]:
        """Report a missing, placeholder or out-of-range Priority."""
        spec = context.spec
        value = spec.priority
        if value is not None and has_todo(value):
            return
        if value is None:
            yield Finding(
                message="the header has no '**Priority:**' line",
                line=title_line(spec),
                hint="add '**Priority:** P0' to 'P3'",
            )
        elif is_blank(value):
            yield Finding(
                message=f"Priority '{value}' is a placeholder",
                line=spec.metadata_lines.get("priority", title_line(spec)),
                hint="use P0 (most urgent) to P3",
            )
        elif spec.priority_level is None:
            yield Finding(
                message=f"Priority '{plain(value)}' is not one of P0, P1, P2, P3",
                line=spec.metadata_lines.get("priority", title_line(spec)),
                hint=_priority_hint(value),
            )


class MissingSummary(Rule):
    """A one-line summary (``> ...``) follows the header.

    The summary is what a reader sees in a list of specs and in review requests; without
    it they must read the Overview to learn what the integration is for.

    Fails:

        **Priority:** P1

        ## Overview

    Passes:

        **Priority:** P1

        > Let a visitor buy without creating an account.
    """

    code = "ST008"
    name = "missing-summary"
    family = Family.STRUCTURE
    severity = Severity.WARNING

    def check(self, context: RuleContext) -> Iterator[Finding]:
        """Report a missing or placeholder summary."""
        spec = context.spec
        if spec.summary is None:
            header = [
                line
                for field, line in spec.metadata_lines.items()
                if field in {"architecture", "type", "priority"}
            ]
            yield Finding(
                message="the one-line summary ('> ...') is missing",
                line=max(header, default=title_line(spec)),
                hint="add '> <what the integration does, in one line>' under the header",
            )
        elif missing_value(spec.summary):
            yield Finding(
                message=f"the summary '{excerpt(spec.summary)}' is a placeholder",
                line=spec.metadata_lines.get("summary", title_line(spec)),
                hint="say in one line what the integration does",
            )


_KEBAB = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")


def kebab_case(stem: str) -> str:
    """``GuestCheckout`` or ``guest_checkout`` as ``guest-checkout``."""
    words = re.split(r"[^A-Za-z0-9]+", _CAMEL.sub("-", stem))
    return "-".join(word.lower() for word in words if word)


class FileNameNotKebabCase(Rule):
    """The spec's file name is kebab-case: ``features/integrations/<name>.md``.

    The seed stores each spec at ``features/integrations/<name>.md`` with a kebab-case
    name (``guest-checkout``); ``ispec new`` only creates such names, links between specs
    rely on them, and case-insensitive file systems break on ``GuestCheckout.md`` versus
    ``guestcheckout.md``.

    Fails:

        <!-- file: Guest_Checkout.md -->
        # Integration: Guest Checkout

    Passes:

        <!-- file: guest-checkout.md -->
        # Integration: Guest Checkout
    """

    code = "ST009"
    name = "file-name-not-kebab-case"
    family = Family.STRUCTURE
    severity = Severity.ERROR

    def check(self, context: RuleContext) -> Iterator[Finding]:
        """Report a file name that is not kebab-case."""
        name = context.file_name
        if not name or name in {"-", "<stdin>"}:
            return
        stem = name[:-3] if name.casefold().endswith(".md") else name.rsplit(".", 1)[0]
        if _KEBAB.fullmatch(stem):
            return
        suggestion = kebab_case(stem)
        yield Finding(
            message=f"file name '{name}' is not kebab-case",
            line=1,
            hint=f"rename it to '{suggestion}.md'"
            if suggestion
            else "use lower-case words and '-'",
        )


class MissingArchitectureReference(Rule):
    """The header names the architecture document: ``**Architecture:** <path>``.

    The spec is checked against that document (modules, events, build phases); a reader
    needs to know which one, and which version of the system it assumes.

    Fails:

        # Integration: Guest Checkout

        **Type:** User Journey

    Passes:

        # Integration: Guest Checkout

        **Architecture:** docs/architecture/SYSTEM-ARCHITECTURE.md
        **Type:** User Journey
    """

    code = "ST010"
    name = "missing-architecture-reference"
    family = Family.STRUCTURE
    severity = Severity.ERROR

    def check(self, context: RuleContext) -> Iterator[Finding]:
        """Report a missing or placeholder Architecture line."""
        spec = context.spec
        if spec.architecture is None:
            yield Finding(
                message="the header has no '**Architecture:**' line",
                line=title_line(spec),
                hint=f"add '**Architecture:** {DEFAULT_ARCHITECTURE}'",
            )
        elif missing_value(spec.architecture):
            yield Finding(
                message=f"Architecture '{spec.architecture}' is a placeholder",
                line=spec.metadata_lines.get("architecture", title_line(spec)),
                hint=f"write the path of the architecture document, e.g. {DEFAULT_ARCHITECTURE}",
            )


def _shown(path: Path) -> str:
    try:
        return Path(os.path.relpath(path)).as_posix()
    except ValueError:
        return path.as_posix()


def _similar_documents(root: Path, target: str) -> str | None:
    """A did-you-mean for a near miss among the files next to where the target should be."""
    wanted = root / target
    folder = wanted.parent if wanted.parent.is_dir() else root / "docs" / "architecture"
    if not folder.is_dir():
        return None
    names = sorted(
        entry.name
        for entry in folder.iterdir()
        if entry.is_file() and entry.suffix.casefold() in {".md", ".yaml", ".yml"}
    )
    close = difflib.get_close_matches(wanted.name, names, n=1, cutoff=0.6)
    if not close:
        return None
    found = folder / close[0]
    try:
        written = found.relative_to(root).as_posix()
    except ValueError:
        written = found.as_posix()
    return f"did you mean '{written}'?"


class ArchitectureReferenceNotFound(Rule):
    """The ``**Architecture:**`` path names a document that exists.

    A stale or mistyped path means the spec was written against a document nobody can
    find. The path is read relative to the project root (the directory that holds
    ``features/``), and also relative to the spec itself (``../../docs/...``); markdown
    links and a leading ``/`` are accepted. URLs are not fetched, and nothing is checked
    when the spec does not live under a ``features/`` directory.

    Fails:

        # Integration: Guest Checkout

        **Architecture:** docs/architecture/SYSTEM-ARCHITECURE.md

    Passes:

        # Integration: Guest Checkout

        **Architecture:** docs/architecture/SYSTEM-ARCHITECTURE.md
    """

    code = "ST011"
    name = "architecture-reference-not-found"
    family = Family.STRUCTURE
    severity = Severity.ERROR

    def check(self, context: RuleContext) -> Iterator[Finding]:
        """Report an Architecture path that resolves to no file."""
        spec = context.spec
        if spec.architecture is None or missing_value(spec.architecture):
            return
        if has_todo(spec.architecture) or not context.path:
            return
        target = reference_target(spec.architecture)
        spec_path = Path(context.path).resolve()
        if target is None or not spec_path.is_file():
            return
        root = project_root(spec_path)
        if root is None:
            return
        candidates = [root / target.lstrip("/")]
        if target.startswith("/"):
            candidates.append(Path(target))
        else:
            candidates.append(spec_path.parent / target)
        tried: list[Path] = []
        for candidate in candidates:
            if candidate.exists():
                return
            resolved = candidate.resolve()
            if resolved not in tried:
                tried.append(resolved)
        shown = " and ".join(f"'{_shown(path)}'" for path in tried)
        yield Finding(
            message=f"architecture document '{target}' not found (tried {shown})",
            line=spec.metadata_lines.get("architecture", title_line(spec)),
            hint=_similar_documents(root, target.lstrip("/"))
            or "write the path relative to the project root (the folder that holds features/)",
        )


_TODO = re.compile(r"\bTODO\b")


class TodoMarker(Rule):
    """No ``TODO`` marker is left in the spec.

    ``ispec new`` writes ``TODO:`` wherever the architecture could not supply the answer,
    and authors do the same; each one is a decision still open. Markers inside code blocks
    (Shared Types, diagrams) are not reported.

    Fails:

        | Payment provider timeout | Order stuck | TODO | Retry 3 times |

    Passes:

        | Payment provider timeout | Order stuck | Timeout after 5 s | Retry 3 times |
    """

    code = "ST012"
    name = "todo-marker"
    family = Family.STRUCTURE
    severity = Severity.WARNING

    def check(self, context: RuleContext) -> Iterator[Finding]:
        """Report every line outside code blocks that carries ``TODO``."""
        if "TODO" not in context.text:
            return
        marked = [number for number, text in enumerate(context.lines, 1) if _TODO.search(text)]
        if not marked:
            return
        fenced = fenced_lines(context.text)
        for number in marked:
            if number in fenced:
                continue
            yield Finding(
                message=f"TODO marker left: '{excerpt(context.lines[number - 1].strip())}'",
                line=number,
                hint="resolve the open decision and remove the marker",
            )


class TooFewModules(Rule):
    """An integration spec involves at least three modules.

    The seed's *When to Use* table reserves integration specs for features that modify
    three or more modules; with fewer, a single-module feature brief (``/feature-brief``)
    is lighter and easier to review.

    Fails:

        ## Modules Involved
        | Module | Role | Changes |
        |--------|------|---------|
        | cart | Both | Guest carts |
        | checkout | Both | Guest checkout |

    Passes:

        ## Modules Involved
        | Module | Role | Changes |
        |--------|------|---------|
        | cart | Both | Guest carts |
        | checkout | Both | Guest checkout |
        | payments | Producer | Manual capture |
    """

    code = "ST013"
    name = "too-few-modules"
    family = Family.STRUCTURE
    severity = Severity.WARNING

    def check(self, context: RuleContext) -> Iterator[Finding]:
        """Report a Modules Involved table with fewer than three modules."""
        if not section_written(context, SectionKey.MODULES):
            return
        spec = context.spec
        if any(has_todo(row.module) for row in spec.modules):
            return
        names = _module_names(context)
        if len(names) >= 3:
            return
        line = section_line(spec, SectionKey.MODULES)
        if not names:
            yield Finding(
                message="Modules Involved lists no module",
                line=line,
                hint="list every module the feature changes, with its role",
            )
            return
        listed = ", ".join(f"'{name}'" for name in names)
        count = "only one module is" if len(names) == 1 else f"only {len(names)} modules are"
        yield Finding(
            message=f"{count} involved ({listed}); integration specs are for 3 or more",
            line=line,
            hint="a single-module feature brief (/feature-brief) may fit better",
        )


def _module_names(context: RuleContext) -> list[str]:
    """Named Modules Involved rows, once per module, known to the architecture or not."""
    seen: set[str] = set()
    names: list[str] = []
    for row in context.spec.modules:
        key = normalize_name(plain(row.module))
        if key and not is_blank(row.module) and key not in seen:
            seen.add(key)
            names.append(plain(row.module))
    return names


class NotAnIntegrationSpec(Rule):
    """A file checked as a spec is titled ``# Integration:`` or has a core section.

    Teams keep design notes, guides and runbooks in the same folder as their specs. A
    document that is not titled as a spec and has none of the three sections that make one
    (Modules Involved, Data Flow, Failure Modes) is another kind of document: it gets this
    one finding and no other rule runs on it, instead of a finding for every section it
    never meant to have. Exclude it in the configuration (``exclude = [...]``) or write it
    as a spec. A document titled ``# Integration: <Title>`` was written as a spec: every
    other rule runs on it and says what it lacks.

    Fails:

        # Event Versioning Guide
        ## Overview
        ## Upcasting

    Passes:

        # Integration: Event Versioning
        ## Overview
        ## Implementation Phases
    """

    code = "ST014"
    name = "not-an-integration-spec"
    family = Family.STRUCTURE
    severity = Severity.ERROR
    reads_other_documents = True

    def check(self, context: RuleContext) -> Iterator[Finding]:
        """Report a document with none of the sections that make an integration spec."""
        if reads_as_spec(context.spec):
            return
        names = ", ".join(SECTION_HEADINGS[key] for key in SPEC_CORE)
        yield Finding(
            message="this does not read as an integration spec: its title is not "
            f"'# Integration: <Title>' and it has none of {names}; no other rule was run on it",
            line=title_line(context.spec),
            hint='exclude it in the configuration (exclude = ["..."]) if it is another kind '
            "of document, or add the spec's sections",
        )


RULES: tuple[type[Rule], ...] = (
    NotAnIntegrationSpec,
    MissingRequiredSection,
    MissingRecommendedSection,
    MissingTitle,
    TitleWithoutPrefix,
    MissingType,
    UnknownType,
    UnknownRole,
    InvalidPriority,
    MissingSummary,
    FileNameNotKebabCase,
    MissingArchitectureReference,
    ArchitectureReferenceNotFound,
    TodoMarker,
    TooFewModules,
)
"""Structure rules, in code order."""
