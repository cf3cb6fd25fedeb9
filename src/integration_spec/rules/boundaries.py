"""Boundaries rules: each module changes only its own data, and data crosses declared paths only.

The findings are read once by :mod:`integration_spec.facts.boundaries`, which ``analyze``
reports too.
"""

from __future__ import annotations

from collections.abc import Iterator

from integration_spec.model.diagnostics import Severity
from integration_spec.rules.base import Family, Finding, Rule, RuleContext


def boundary_findings(context: RuleContext, code: str) -> Iterator[Finding]:
    """The boundary facts that belong to rule ``code``."""
    for finding in context.facts.boundaries:
        if finding.related_rule == code:
            yield Finding(message=finding.message, line=finding.line, hint=finding.hint)


class WritesForeignSharedState(Rule):
    """A module does not write shared state another module owns.

    Shared State names one owner per piece of data; a step in which another module
    creates, updates or deletes that data bypasses the owner's invariants and makes the
    boundary meaningless. The owner should be asked through a command or an event.

    Fails:

        ## Modules Involved
        | Module | Role | Changes |
        |--------|------|---------|
        | checkout | Both | Pending orders |
        | inventory | Producer | Reservations for pending orders |

        ## Data Flow

        ### Flow Steps
        1. **Create pending order** (checkout)
           - Action: Create the stock reservation for every line

        ## Coordination Points

        ### Shared State
        | Data | Owner | Readers | Consistency |
        |------|-------|---------|-------------|
        | Stock reservation | inventory | checkout | Strong |

    Passes:

        ## Modules Involved
        | Module | Role | Changes |
        |--------|------|---------|
        | checkout | Both | Pending orders |
        | inventory | Producer | Reservations for pending orders |

        ## Data Flow

        ### Flow Steps
        1. **Create pending order** (checkout)
           - Action: Ask inventory to reserve every line with ReserveStock

        ## Coordination Points

        ### Shared State
        | Data | Owner | Readers | Consistency |
        |------|-------|---------|-------------|
        | Stock reservation | inventory | checkout | Strong |
    """

    code = "BC001"
    name = "writes-foreign-shared-state"
    family = Family.BOUNDARIES
    severity = Severity.ERROR

    def check(self, context: RuleContext) -> Iterator[Finding]:
        """Report steps whose Action writes data a Shared State row gives another owner."""
        yield from boundary_findings(context, self.code)


class UndeclaredBoundaryCrossing(Rule):
    """Data crosses a module boundary only through a declared coordination point.

    When one step hands its output to a step of another module, the spec must say how:
    a synchronous call, an event or a shared state entry between the two modules (or an
    orchestrating module that calls the second and is linked to the first). A step
    triggered by a declared event gets its data from that event, wherever it stands in
    the list. Otherwise the implementation will invent a path, typically a shared table.
    Reported once per pair.

    Fails:

        ## Modules Involved
        | Module | Role | Changes |
        |--------|------|---------|
        | cart | Producer | Snapshot with price versions |
        | pricing | Producer | Quote for a snapshot |

        ## Data Flow

        ### Flow Steps
        1. **Snapshot cart** (cart)
           - Output: CartSnapshot
        2. **Quote the order** (pricing)
           - Input: CartSnapshot

        ## Coordination Points

        ### Synchronous Calls
        | From | To | Method | Purpose |
        |------|----|--------|---------|

    Passes:

        ## Modules Involved
        | Module | Role | Changes |
        |--------|------|---------|
        | cart | Producer | Snapshot with price versions |
        | pricing | Producer | Quote for a snapshot |

        ## Data Flow

        ### Flow Steps
        1. **Snapshot cart** (cart)
           - Output: CartSnapshot
        2. **Quote the order** (pricing)
           - Input: CartSnapshot

        ## Coordination Points

        ### Synchronous Calls
        | From | To | Method | Purpose |
        |------|----|--------|---------|
        | cart | pricing | QuoteOrder | Price the snapshot |
    """

    code = "BC002"
    name = "undeclared-boundary-crossing"
    family = Family.BOUNDARIES
    severity = Severity.WARNING

    def check(self, context: RuleContext) -> Iterator[Finding]:
        """Report consecutive steps of two modules that no coordination point links."""
        yield from boundary_findings(context, self.code)


class ConsumerWrites(Rule):
    """A module whose role is Consumer writes nothing.

    The seed defines a Consumer as a module that reads from other modules. A Consumer that
    publishes events or whose steps create, update or delete data is really a Producer or
    Both, and reviewers reading the roles will miss its changes. Shared state owned by a
    Consumer is reported by CO007.

    Fails:

        ## Modules Involved
        | Module | Role | Changes |
        |--------|------|---------|
        | notifications | Consumer | Confirmation e-mails |

        ## Data Flow

        ### Flow Steps
        1. **Send order confirmation** (notifications)
           - Action: Send the e-mail through Postmark and create a delivery record

    Passes:

        ## Modules Involved
        | Module | Role | Changes |
        |--------|------|---------|
        | notifications | Both | Confirmation e-mails and delivery records |

        ## Data Flow

        ### Flow Steps
        1. **Send order confirmation** (notifications)
           - Action: Send the e-mail through Postmark and create a delivery record
    """

    code = "BC003"
    name = "consumer-writes"
    family = Family.BOUNDARIES
    severity = Severity.WARNING

    def check(self, context: RuleContext) -> Iterator[Finding]:
        """Report the first write of each Consumer module."""
        yield from boundary_findings(context, self.code)


class WritesForeignTable(Rule):
    """A step writes only tables its own module owns in the architecture.

    The architecture gives every table to one module (its Database adapter). A step of
    another module that writes that table is a shared database in disguise: the owner's
    invariants no longer hold. Only names written as tables are read (a code span,
    ``snake_case``, ``table.column``, "the carts table", "into carts").

    Fails:

        ## Modules Involved
        | Module | Role | Changes |
        |--------|------|---------|
        | checkout | Both | Pending orders |

        ## Data Flow

        ### Flow Steps
        1. **Create pending order** (checkout)
           - Action: Insert the order into `orders` and update `reservations` with the order id

    Passes:

        ## Modules Involved
        | Module | Role | Changes |
        |--------|------|---------|
        | checkout | Both | Pending orders |

        ## Data Flow

        ### Flow Steps
        1. **Create pending order** (checkout)
           - Action: Insert the order into `orders` and its lines into `order_lines`
    """

    code = "BC004"
    name = "writes-foreign-table"
    family = Family.BOUNDARIES
    severity = Severity.ERROR
    needs_architecture = True

    def check(self, context: RuleContext) -> Iterator[Finding]:
        """Report tables of other modules written in a step's Action, once per step and table."""
        yield from boundary_findings(context, self.code)


RULES: tuple[type[Rule], ...] = (
    WritesForeignSharedState,
    UndeclaredBoundaryCrossing,
    ConsumerWrites,
    WritesForeignTable,
)
