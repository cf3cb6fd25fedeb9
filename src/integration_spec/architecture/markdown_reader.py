"""The tolerant reader of architecture documents written in markdown.

It reads modules from the document's structure, never from its phrasing: the sections
whose heading means a set of units (``Modules``, ``Services``, ``Bounded Contexts``,
``Core Components``, ``Módulos``, ``核心模組``), their tables (by what each column's
header means), their sub-headings, list items and source trees; ``Module: <name>``
headings and module tables anywhere; and, in a document with none of these, weaker
evidence (``Service`` tables, ``Orders Service`` headings). Dependencies come from any
column, label or sentence that means "depends on / uses / calls / upstream" and from
the arrows of Mermaid diagrams; build phases from ``Phase``/``Wave``/``Stage`` lists
and tables. Every fact keeps its evidence (line and construct), and what the reader
skips it reports (codes in :mod:`integration_spec.architecture.codes`). It never
invents a module: layers, UI pages and infrastructure are not modules unless the
document's module list says so.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from integration_spec.architecture import _vocabulary as vocab
from integration_spec.architecture._boxes import box_calls, looks_like_boxes
from integration_spec.architecture._build_order import BuildEntry, read_build_order
from integration_spec.architecture._candidates import EVIDENCE, INVENTORY, Candidate, assemble
from integration_spec.architecture._drafts import DraftBook, ModuleDraft
from integration_spec.architecture._hanging import hanging_arrows
from integration_spec.architecture._lists import (
    ListSource,
    labelled_lists,
    paragraph_candidates,
    read_list,
)
from integration_spec.architecture._meaning import (
    is_behaviour_layer,
    is_build_order,
    is_generic,
    is_inventory,
    is_strong_inventory,
    lists_layers,
    names_units,
)
from integration_spec.architecture._mermaid import (
    diagram_calls,
    diagram_events,
    grouped_nodes,
    is_mermaid,
)
from integration_spec.architecture._outline import Section, build_outline, document_title
from integration_spec.architecture._resolve import (
    LooseStatement,
    PlacedCall,
    check_graph,
    resolve_dependencies,
)
from integration_spec.architecture._sections import (
    HeadingScan,
    scan_headings,
    suffix_module_name,
)
from integration_spec.architecture._tables import (
    EndpointClaim,
    EventClaim,
    classify_table,
    endpoint_claims,
    event_claims,
    relation_rows,
    table_candidates,
)
from integration_spec.architecture._text import (
    is_infrastructure,
    looks_like_name,
    parse_endpoint,
    plain,
    read_label,
    read_name,
    words_of,
)
from integration_spec.architecture._trees import looks_like_tree, tree_modules
from integration_spec.architecture.codes import ArchitectureCode, report
from integration_spec.markdown.blocks import (
    Block,
    Fence,
    Heading,
    ListBlock,
    Paragraph,
    Table,
    parse_blocks,
)
from integration_spec.model.architecture import Architecture, Module, SkippedCandidate
from integration_spec.model.diagnostics import Diagnostic, Severity
from integration_spec.model.names import name_key, suggest

__all__ = ["INIT_HINT", "read_markdown_architecture"]

INIT_HINT = (
    "run 'integration-spec init architecture' to write architecture.yaml from what was "
    "found, then complete it; architecture.yaml is read instead of this document"
)


@dataclass(slots=True)
class _Found:
    """Everything the walk over the sections collects besides the heading candidates."""

    candidates: list[Candidate]
    diagnostics: list[Diagnostic]
    skipped: list[SkippedCandidate]
    claims: list[EventClaim]
    endpoints: list[EndpointClaim]
    relations: list[LooseStatement]
    calls: list[PlacedCall]
    statements: list[LooseStatement]
    tables: int = 0


def read_markdown_architecture(text: str, path: str) -> Architecture:
    """Read an architecture document; problems and skipped parts are in ``diagnostics``."""
    blocks = parse_blocks(text)
    root = build_outline(blocks)
    title = document_title(root)
    scan = scan_headings(root, path)
    found = _Found(
        list(scan.candidates), list(scan.diagnostics), list(scan.skipped), [], [], [], [], []
    )
    _walk_sections(root, scan, found, path, title)
    for source in labelled_lists(root, {id(section) for section in scan.module_sections}):
        _add_list(found, source, path)

    assembly = assemble(found.candidates, path)
    book = assembly.book
    diagnostics = found.diagnostics + assembly.diagnostics
    skipped = found.skipped + assembly.skipped
    entries, ragged = read_build_order(root, path)
    diagnostics += ragged + _apply_build_order(book, entries, path)
    diagnostics += resolve_dependencies(
        book, path, found.calls, [*found.relations, *found.statements]
    )
    _apply_claims(book, found)
    _apply_requests(book, found.calls)
    diagnostics += _skipped_labels(book, path)

    modules = _freeze(book)
    diagnostics += check_graph(modules, path)
    if not modules:
        diagnostics.append(_no_modules(path, blocks, found, skipped))
    diagnostics.sort(key=lambda diagnostic: diagnostic.line or 0)
    return Architecture(
        title=title,
        path=path,
        modules=modules,
        skipped=tuple(sorted(skipped, key=lambda item: item.line)),
        diagnostics=tuple(diagnostics),
    )


def _sections(root: Section, scan_module_ids: set[int]) -> Iterator[tuple[Section, bool]]:
    """Every section with whether it is (inside) a module's own section."""
    stack: list[tuple[Section, bool]] = [(root, False)]
    while stack:
        section, inside = stack.pop()
        inside = inside or id(section) in scan_module_ids
        yield section, inside
        stack.extend((child, inside) for child in reversed(section.children))


def _walk_sections(
    root: Section, scan_result: HeadingScan, found: _Found, path: str, title: str
) -> None:
    modules = {id(section) for section in scan_result.module_sections}
    inventories = {id(section) for section in scan_result.inventories}
    dependencies = {id(section) for section in scan_result.dependency_sections}
    for section, inside_module in _sections(root, modules):
        if section.heading is not None and is_build_order(section.title):
            continue  # its tables and lists name modules to order, read by _build_order
        in_inventory = id(section) in inventories
        in_dependencies = id(section) in dependencies
        heading = section.title or title or "the document"
        if in_inventory and not inside_module:
            strong = is_strong_inventory(heading)
            found.candidates += paragraph_candidates(
                list(section.blocks), heading, INVENTORY, strong
            )
        previous: Block | None = None
        for block in section.blocks:
            before, previous = previous, block
            if isinstance(block, Table):
                found.tables += 1
            if isinstance(block, Fence):
                _read_fence(found, block, heading, in_inventory, inside_module, in_dependencies)
                continue
            if inside_module:
                continue
            if isinstance(block, Table):
                _read_table(found, block, path, heading, in_inventory)
            elif isinstance(block, ListBlock) and in_inventory and _lists_units(before):
                strong = is_strong_inventory(heading)
                _add_list(found, ListSource(block, INVENTORY, strong, heading), path)
            elif isinstance(block, ListBlock) and lists_layers(heading):
                _add_list(found, ListSource(block, EVIDENCE, False, heading), path)

            if isinstance(block, Paragraph | ListBlock):
                _statements(found, block, heading, arrows=in_dependencies)
                _inline_units(found, block, heading)


def _read_fence(
    found: _Found,
    fence: Fence,
    heading: str,
    in_inventory: bool,
    inside_module: bool,
    in_dependencies: bool,
) -> None:
    if is_mermaid(fence.info, fence.content):
        for call in diagram_calls(fence.content, fence.line + 1):
            where = f"mermaid {call.kind} under {heading!r}, line {call.line}"
            found.calls.append(PlacedCall(call, where))
        for event in diagram_events(fence.content, fence.line + 1):
            where = f"mermaid sequence diagram under {heading!r}, line {event.line}"
            for sender in dict.fromkeys(event.sender):
                found.claims.append(EventClaim(sender, event.name, event.line, where))
        if not inside_module:
            _diagram_units(found, fence, heading, in_inventory)
        return
    if in_dependencies:
        for offset, line in enumerate(fence.content.split("\n")):
            found.statements.append(
                LooseStatement(
                    line, fence.line + 1 + offset, f"dependencies under {heading!r}", True
                )
            )
        return
    if in_inventory and not inside_module and _read_name_lines(found, fence, heading):
        return
    if in_inventory and not inside_module:
        _read_bar_rows(found, fence, heading)
    if looks_like_boxes(fence.content):
        for call in box_calls(fence.content, fence.line + 1):
            found.calls.append(PlacedCall(call, f"box drawing under {heading!r}, line {call.line}"))
    for arrow in hanging_arrows(fence.content, fence.line + 1):
        found.statements.append(
            LooseStatement(
                arrow.text, arrow.line, f"tree drawing under {heading!r}", True, verbs=False
            )
        )
    if not looks_like_tree(fence.content):
        for offset, line in enumerate(fence.content.split("\n")):
            if _has_arrow(line):
                found.statements.append(
                    LooseStatement(
                        line,
                        fence.line + 1 + offset,
                        f"diagram under {heading!r}",
                        True,
                        verbs=False,
                    )
                )
        return
    for entry in tree_modules(fence.content, fence.line + 1):
        # The code's own modules/ folder is the inventory, wherever the tree is drawn (in
        # a deployable's section too: 'Backend' holds the modules); a services/ or
        # domains/ folder may hold helpers, so it counts only in an inventory section.
        own = entry.in_module_folder and not entry.in_infrastructure_code
        if inside_module and not own:
            continue
        tier = INVENTORY if in_inventory or own else EVIDENCE
        parts = read_name(entry.name)
        where = f"source tree under {heading!r}, folder {entry.folder}{entry.name}/"
        found.candidates.append(
            Candidate(
                name=parts.name,
                aliases=parts.aliases,
                line=entry.line,
                tier=tier,
                group=f"tree:{fence.line}",
                source=f"the source tree under {heading!r} (line {fence.line})",
                where=where,
                fill=_TreeFiller(entry.description, entry.line, where),
            )
        )


_MIN_NAME_LINES = 2


def _read_name_lines(found: _Found, fence: Fence, heading: str) -> bool:
    """A plain code block of one name per line, in an inventory section: its units.

    Writers put a list in a code block to keep it verbatim (``Backend modules:`` then
    ``Identity``, ``Profile``, ... one per line). Every line must be a bare name (no
    arrow, no punctuation of code, no sentence), and there must be several; otherwise
    the block is code or a drawing, read as before.
    """
    if fence.info.strip() not in ("", "text", "txt", "plain", "plaintext"):
        return False
    lines = [
        (offset, line.strip())
        for offset, line in enumerate(fence.content.split("\n"))
        if line.strip()
    ]
    if len(lines) < _MIN_NAME_LINES or not all(_bare_name(line) for _, line in lines):
        return False
    for offset, line in lines:
        line_number = fence.line + 1 + offset
        found.candidates.append(
            _drawn_name(
                line,
                line_number,
                group=f"names:{fence.line}",
                source=f"the code block of names under {heading!r} (line {fence.line})",
                where=f"code block line under {heading!r}, line {line_number}",
            )
        )
    return True


def _drawn_name(text: str, line: int, *, group: str, source: str, where: str) -> Candidate:
    """An inventory candidate named by a bare name in a code block, with nothing to fill."""
    parts = read_name(text)
    return Candidate(
        name=parts.name,
        aliases=parts.aliases,
        line=line,
        tier=INVENTORY,
        group=group,
        source=source,
        where=where,
        fill=_no_fill,
    )


_MIN_ROW_NAMES = 3
"""Two names either side of a bar may be a choice (``sync | async``); three are a row."""


def _read_bar_rows(found: _Found, fence: Fence, heading: str) -> None:
    """A drawing's row of names set side by side with bars, in an inventory section.

    A block diagram draws the units of one tier as one row: ``Identity | Tenant | Patient
    | Queue``. The row must stand on its own (no bar at either end: that is a box's side
    or a table) and hold several bare names.
    """
    for offset, raw in enumerate(fence.content.split("\n")):
        line = raw.strip()
        if not line or line[0] in "|│" or line[-1] in "|│":
            continue
        cells = [cell.strip() for cell in line.replace("│", "|").split(" | ")]
        if len(cells) < _MIN_ROW_NAMES or not all(_bare_name(cell) for cell in cells):
            continue
        line_number = fence.line + 1 + offset
        found.candidates += [
            _drawn_name(
                cell,
                line_number,
                group=f"row:{line_number}",
                source=f"the row of names under {heading!r} (line {line_number})",
                where=f"drawing row under {heading!r}, line {line_number}",
            )
            for cell in cells
        ]


_CODE_MARKS = frozenset("{}[]<>=;|→─│┌┐└┘├┤")


def _bare_name(line: str) -> bool:
    """One token (``TrustSafety``, ``billing``) or capitalised words (``Order Service``).

    Several lower-case words are a command (``docker compose up``), not a name.
    """
    words = line.split()
    return (
        looks_like_name(line)
        and not any(mark in line for mark in _CODE_MARKS)
        and not _has_arrow(line)
        and not line.endswith((":", "."))
        and (len(words) == 1 or all(word[:1].isupper() or not word[:1].isalpha() for word in words))
    )


def _labelled_name(label: str) -> str:
    """``luma-core: Domain & IDs`` names ``luma-core``: a box's name, then what it does."""
    head, colon, rest = label.partition(":")
    if colon and rest.strip() and looks_like_name(head.strip()) and " " not in head.strip():
        return head.strip()
    return label


def _diagram_units(found: _Found, fence: Fence, heading: str, in_inventory: bool) -> None:
    """Nodes a diagram draws as units.

    A node counts when the diagram says it is a unit: it is drawn inside a subgraph that
    means units (``subgraph Services``), or the diagram stands in a section whose heading
    means units (``## Components`` with a flowchart: the boxes are the components), or its
    own label carries a unit noun (``Order Service``, ``Billing Worker``), the way an
    ``Orders Service`` heading does, or it is drawn in the layer that holds the services
    (``subgraph 后端应用层``, ``Backend Layer``; not the UI's or the infrastructure's).
    Databases, queues and people are never units. Only a unit subgraph in an inventory
    section is inventory; other nodes are evidence, which creates modules only in a
    document that has no inventory.
    """
    for node in grouped_nodes(fence.content, fence.line + 1, ungrouped=True):
        parts = read_name(_labelled_name(node.label))
        grouped = bool(node.group) and is_inventory(node.group)
        layered = bool(node.group) and is_behaviour_layer(node.group)
        named = suffix_module_name(node.label) is not None
        if not (grouped or layered or in_inventory or named):
            continue
        strong = grouped and is_strong_inventory(node.group)
        if (
            is_generic(parts.name)
            or not looks_like_name(parts.name)
            or (is_infrastructure(parts.name) and not strong)
        ):
            continue
        construct = f"mermaid subgraph {node.group!r}" if grouped else "mermaid node"
        found.candidates.append(
            Candidate(
                name=parts.name,
                aliases=parts.aliases,
                line=node.line,
                tier=INVENTORY if in_inventory and grouped else EVIDENCE,
                group=f"diagram:{fence.line}",
                source=f"the diagram under {heading!r} (line {fence.line})",
                where=f"{construct} under {heading!r}, line {node.line}",
                fill=_no_fill,
            )
        )


def _no_fill(draft: ModuleDraft) -> None:
    """A diagram node says nothing about its module beyond its name."""


@dataclass(frozen=True, slots=True)
class _TreeFiller:
    description: str
    line: int
    where: str

    def __call__(self, draft: ModuleDraft) -> None:
        draft.set_responsibility(self.description, self.line, self.where)


def _read_table(found: _Found, table: Table, path: str, heading: str, in_inventory: bool) -> None:
    module_table, skipped = classify_table(table, path, title=heading, in_inventory=in_inventory)
    found.diagnostics += skipped
    if module_table is None:
        found.claims += event_claims(table, heading)
        found.endpoints += endpoint_claims(table, heading)
        found.relations += relation_rows(table, heading)
        return
    candidates, row_diagnostics, skipped_rows = table_candidates(module_table, path)
    found.candidates += candidates
    found.diagnostics += row_diagnostics
    found.skipped += skipped_rows


def _add_list(found: _Found, source: ListSource, path: str) -> None:
    candidates, diagnostics, skipped = read_list(source, path)
    found.candidates += candidates
    found.diagnostics += diagnostics
    found.skipped += skipped


_ARROWS = ("->", "→", "⟶", "=>", "⇒")


def _has_arrow(line: str) -> bool:
    return any(arrow in line for arrow in _ARROWS)


def _lists_units(before: Block | None) -> bool:
    """Whether a list may name modules, judging by the bare label above it.

    A list under ``**Responsibilities:**`` or ``Key Files:`` lists what the label says;
    only a label that announces units (``Planned modules:``) makes it a module list.
    """
    if not isinstance(before, Paragraph):
        return True
    label = read_label(before.text.rsplit("\n", 1)[-1])
    if label is None or label.value:
        return True
    return names_units(label.label)


_INLINE_SPLIT = re.compile(r",\s*(?:and\s+)?|\s+and\s+")
_MAX_INLINE_WORDS = 3


def _inline_units(found: _Found, block: Paragraph | ListBlock, heading: str) -> None:
    """``**Specialist agents:** ORACLE, GECKO and HERALD.``: a label naming units, then names.

    The label is a plural unit noun (agents, services, workers), the value a list of short
    names up to the first full stop. It is evidence: it makes modules only in a document
    that has no inventory, where it is often the one place the units are named.
    """
    lines: list[tuple[str, int]] = []
    if isinstance(block, Paragraph):
        lines = [(block.text.split("\n", 1)[0], block.line)]
    else:
        for item in block.items:
            first = item.blocks[0] if item.blocks else None
            if isinstance(first, Paragraph):
                lines.append((first.text.split("\n", 1)[0], item.line))
    for text, line in lines:
        label = read_label(text)
        if label is None or not label.value or not is_inventory(label.label):
            continue
        if not any(word in vocab.UNIT_PLURALS for word in words_of(label.label.casefold())):
            continue
        value = plain(label.value).split(". ", 1)[0].rstrip(".")
        names = [name.strip() for name in _INLINE_SPLIT.split(value) if name.strip()]
        if len(names) < 2 or any(
            len(name.split()) > _MAX_INLINE_WORDS or not looks_like_name(name) for name in names
        ):
            continue
        for name in names:
            parts = read_name(name)
            if is_generic(parts.name) or is_infrastructure(parts.name):
                continue
            found.candidates.append(
                Candidate(
                    name=parts.name,
                    aliases=parts.aliases,
                    line=line,
                    tier=EVIDENCE,
                    group=f"inline:{line}",
                    source=f"the label {label.label!r} (line {line})",
                    where=f"label {label.label!r} under {heading!r}, line {line}",
                    fill=_no_fill,
                )
            )


def _statements(found: _Found, block: Block, heading: str, *, arrows: bool) -> None:
    """Lines outside module sections that may state dependencies between two modules.

    Sentences count anywhere (both modules must be named: "Orders calls Payments");
    ``A -> B`` arrows only in a dependency section, where they mean dependencies.
    """
    where = f"{'dependencies' if arrows else 'sentence'} under {heading!r}"
    if isinstance(block, Paragraph):
        for offset, line in enumerate(block.text.split("\n")):
            found.statements.append(LooseStatement(line, block.line + offset, where, arrows))
    elif isinstance(block, ListBlock):
        for item in block.items:
            for inner in item.blocks:
                if isinstance(inner, Paragraph | ListBlock):
                    _statements(found, inner, heading, arrows=arrows)


def _apply_build_order(book: DraftBook, entries: list[BuildEntry], path: str) -> list[Diagnostic]:
    """Give modules their build phase; report unknown entries and conflicting phases."""
    diagnostics: list[Diagnostic] = []
    known = [draft.name for draft in book.in_order()]
    placed: set[str] = set()
    stated = [entry for entry in entries if entry.stated]
    implicit_known = {
        entry.construct.rsplit(",", 1)[0]
        for entry in entries
        if not entry.stated and book.get(entry.name) is not None
    }
    for entry in entries:
        if not entry.stated and entry.construct.rsplit(",", 1)[0] not in implicit_known:
            continue
        draft = book.get(entry.name)
        if draft is None:
            close = suggest(entry.name, known)
            diagnostics.append(
                report(
                    ArchitectureCode.UNKNOWN_BUILD_ORDER_ENTRY,
                    f"build order names {entry.name!r}, which is not a module of this architecture",
                    path=path,
                    line=entry.line,
                    hint=f"did you mean {' or '.join(map(repr, close))}?" if close else None,
                    severity=None if entry.stated else Severity.INFO,
                )
            )
            continue
        placed.add(draft.name)
        earlier = draft.phase
        if not draft.set_phase(entry.phase, entry.line, entry.construct):
            diagnostics.append(
                report(
                    ArchitectureCode.CONFLICT,
                    f"build order puts {draft.name!r} in phase {entry.phase}, but line "
                    f"{draft.lines.get('phase', draft.line)} says phase {earlier}",
                    path=path,
                    line=entry.line,
                )
            )
    if stated:
        first = min(entry.line for entry in stated)
        for draft in book.in_order():
            if draft.name not in placed and draft.phase is None:
                diagnostics.append(
                    report(
                        ArchitectureCode.NOT_IN_BUILD_ORDER,
                        f"module {draft.name!r} is not in the build order (line {first})",
                        path=path,
                        line=draft.line,
                    )
                )
    return diagnostics


def _apply_claims(book: DraftBook, found: _Found) -> None:
    """Events of event tables go to their publisher, endpoints of API tables to their module."""
    for claim in found.claims:
        draft = book.get(claim.publisher) or book.get(read_name(claim.publisher).name)
        if draft is not None:
            draft.add_values("domain_events", [claim.event], claim.line, claim.construct)
    for endpoint in found.endpoints:
        draft = book.get(endpoint.owner) or book.get(read_name(endpoint.owner).name)
        if draft is not None:
            draft.add_endpoint(endpoint.endpoint, endpoint.line, endpoint.construct)


def _apply_requests(book: DraftBook, calls: list[PlacedCall]) -> None:
    """A sequence diagram's ``C->>T: POST /v1/bookings`` is an endpoint that T serves.

    The request arrow says who answers the call, and its message is the call itself; only
    a message that starts with an HTTP method counts, so ``T: reserve the slot`` does not.
    """
    for placed in calls:
        call = placed.call
        if call.kind != "sequence diagram" or not call.text:
            continue
        endpoint = parse_endpoint(call.text, require_method=True)
        if endpoint is None:
            continue
        draft = next((found for name in call.target if (found := book.get(name))), None)
        if draft is not None:
            draft.add_endpoint(endpoint, call.line, placed.where)


def _skipped_labels(book: DraftBook, path: str) -> list[Diagnostic]:
    diagnostics: list[Diagnostic] = []
    for draft in book.in_order():
        if draft.skipped_labels:
            labels = ", ".join(draft.skipped_labels)
            diagnostics.append(
                report(
                    ArchitectureCode.LABELS_SKIPPED,
                    f"module {draft.name!r}: skipped labels the model has no field for: {labels}",
                    path=path,
                    line=min(draft.skipped_labels.values()),
                )
            )
    return diagnostics


def _freeze(book: DraftBook) -> tuple[Module, ...]:
    """Freeze the drafts; an alias two modules share (or another module's name) is dropped."""
    drafts = book.in_order()
    names = {name_key(draft.name) for draft in drafts}
    owners: dict[str, int] = {}
    for draft in drafts:
        for key in {name_key(alias) for alias in draft.aliases}:
            owners[key] = owners.get(key, 0) + 1
    modules: list[Module] = []
    for draft in drafts:
        aliases = tuple(
            alias
            for alias in draft.aliases
            if name_key(alias) and owners.get(name_key(alias)) == 1 and name_key(alias) not in names
        )
        modules.append(draft.freeze(aliases))
    return tuple(modules)


def _no_modules(
    path: str, blocks: tuple[Block, ...], found: _Found, skipped: list[SkippedCandidate]
) -> Diagnostic:
    """AX001 saying what the document has, what was skipped, and how to go on."""
    headings = sum(1 for block in blocks if isinstance(block, Heading))
    parts = [
        f"{headings} heading{'s' if headings != 1 else ''}",
        f"{found.tables} table{'s' if found.tables != 1 else ''}",
    ]
    message = (
        f"no modules found: the document has {' and '.join(parts)}, but no section, table or "
        "heading that lists modules (a heading such as 'Modules', 'Services' or 'Bounded "
        "Contexts', a table with a 'Module', 'Service' or 'Context' column, or 'Module: "
        "<name>' headings)"
    )
    if skipped:
        names = ", ".join(repr(item.name) for item in skipped[:5])
        more = f" and {len(skipped) - 5} more" if len(skipped) > 5 else ""
        message += f"; skipped {len(skipped)} module-like names ({names}{more}), listed above"
    return report(ArchitectureCode.NO_MODULES, message, path=path, line=None, hint=INIT_HINT)
