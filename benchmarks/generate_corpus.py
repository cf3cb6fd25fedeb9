"""Generate a deterministic corpus of integration specs plus the architecture they cite.

The benchmarks need many realistic documents of realistic size (8-20 KB) without shipping
them: this script builds them from a seed. Specs are built as ``IntegrationSpec`` models and
rendered with ``render_spec``, so every file is in canonical form; ``--verify`` parses each
one back and reports any diagnostic or round-trip difference (a parser or renderer bug).

Usage: python benchmarks/generate_corpus.py --out DIR --count 1000 --seed 7 [--verify]
"""

from __future__ import annotations

import argparse
import dataclasses
import itertools
import random
import statistics
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from integration_spec import parse_spec_text, render_spec
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

KB = 1024
MIN_SIZE = 8 * KB
MAX_SIZE = 20 * KB
ARCHITECTURE_PATH = "docs/architecture/SYSTEM-ARCHITECTURE.md"

# -- the architecture -----------------------------------------------------------------------

# (module name, aggregate, responsibility, external service or "")
_MODULE_POOL: tuple[tuple[str, str, str, str], ...] = (
    ("identity", "Account", "Customer accounts, sign-in sessions and guest sessions", ""),
    ("catalog", "Product", "Products, variants, categories and sellability", "Algolia"),
    ("pricing", "PriceList", "Price lists, price versions and order quotes", ""),
    ("inventory", "StockItem", "Stock on hand per warehouse and reservations", ""),
    ("payments", "Payment", "Authorization, capture, void and refund of payments", "Stripe"),
    ("notifications", "Notification", "Transactional e-mail, SMS and push messages", "Postmark"),
    ("cart", "Cart", "Shopping carts with priced lines and snapshots", ""),
    ("shipping", "Shipment", "Shipments, carrier labels, pickups and tracking", "ShipEngine"),
    ("checkout", "Order", "Checkout sessions, orders and the order lifecycle", ""),
    ("billing", "Invoice", "Invoices, credit notes and dunning", ""),
    ("subscriptions", "Subscription", "Recurring plans, renewals and plan changes", ""),
    ("loyalty", "LoyaltyAccount", "Points earned and redeemed, tiers and expiry", ""),
    ("reviews", "Review", "Product reviews, ratings and moderation", ""),
    ("search", "SearchDocument", "Search indexing, ranking and facets", "Elasticsearch"),
    ("recommendations", "Recommendation", "Personalised product recommendations", ""),
    ("returns", "ReturnRequest", "Return authorizations, inspections and restocking", ""),
    ("fraud", "RiskAssessment", "Risk scoring of orders, payments and accounts", "Sift"),
    ("tax", "TaxQuote", "Tax calculation per jurisdiction and tax filings", "Avalara"),
    ("ledger", "JournalEntry", "Double-entry bookkeeping of every money movement", ""),
    ("warehouse", "PickList", "Picking, packing and warehouse task assignment", ""),
    ("fulfillment", "FulfillmentOrder", "Routing orders to warehouses and partners", ""),
    ("support", "SupportTicket", "Customer support tickets and escalations", "Zendesk"),
    ("analytics", "Dashboard", "Business metrics, funnels and dashboards", "BigQuery"),
    ("promotions", "Promotion", "Coupons, campaigns and discount rules", ""),
    ("gift-cards", "GiftCard", "Gift card issuance, balances and redemption", ""),
    ("wishlist", "Wishlist", "Saved items and back-in-stock alerts", ""),
    ("media", "MediaAsset", "Images and videos, renditions and CDN purging", "Cloudinary"),
    ("content", "ContentPage", "Editorial pages, banners and localisation", ""),
    ("tenants", "Tenant", "Tenants, plans, limits and feature entitlements", ""),
    ("audit", "AuditRecord", "Tamper-evident audit trail of sensitive actions", ""),
    ("reporting", "Report", "Scheduled and on-demand business reports", ""),
    ("scheduling", "Appointment", "Appointments, slots and reminders", ""),
    ("partners", "Partner", "Marketplace partners, contracts and onboarding", ""),
    ("vendors", "Vendor", "Vendor catalogues, purchase orders and lead times", ""),
    ("payouts", "Payout", "Partner payouts, holds and remittance advice", "Adyen"),
    ("disputes", "Dispute", "Chargebacks, evidence and dispute outcomes", ""),
    ("compliance", "ConsentRecord", "Consent, data retention and subject requests", ""),
    ("messaging", "Conversation", "Buyer-seller conversations and attachments", ""),
    ("onboarding", "OnboardingCase", "Know-your-customer checks and onboarding cases", "Onfido"),
    ("documents", "Document", "Generated documents, signatures and archiving", "DocuSign"),
)

_BUILD_PHASES: dict[int, tuple[str, ...]] = {
    # plausible layering; dependencies are drawn from lower phases only
    2: ("identity", "catalog", "tenants", "documents", "media", "audit", "compliance", "analytics"),
    3: ("pricing", "inventory", "payments", "notifications", "tax", "fraud", "content", "search",
        "vendors", "partners", "ledger"),
    4: ("cart", "shipping", "promotions", "gift-cards", "loyalty", "reviews", "wishlist",
        "recommendations", "subscriptions", "onboarding", "warehouse", "messaging", "scheduling"),
    5: ("checkout", "billing", "fulfillment", "payouts", "support", "reporting"),
    6: ("returns", "disputes"),
}  # fmt: skip
_VERBS: tuple[tuple[str, str, str], ...] = (
    # (command verb, past tense for the event, endpoint suffix)
    ("Create", "Created", ""),
    ("Update", "Updated", ""),
    ("Cancel", "Cancelled", "cancel"),  # the first three every module has
    ("Approve", "Approved", "approve"),
    ("Complete", "Completed", "complete"),
    ("Archive", "Archived", "archive"),
    ("Reopen", "Reopened", "reopen"),
    ("Submit", "Submitted", "submit"),
    ("Expire", "Expired", "expire"),
    ("Confirm", "Confirmed", "confirm"),
    ("Suspend", "Suspended", "suspend"),
    ("Reject", "Rejected", "reject"),
)
_QUERY_SHAPES = (
    "Get{a}",
    "List{p}",
    "Get{a}History",
    "Search{p}",
    "Get{a}Summary",
    "Get{a}Status",
)
_PHASES = max(_BUILD_PHASES)
_STATE_KINDS = ("status", "snapshot", "totals")
_KEY_ORDER = list(SectionKey)  # the enum lists sections in canonical order


@dataclass(frozen=True)
class ArchModule:
    """A module of the generated architecture: what specs may cite about it."""

    name: str
    aggregate: str
    responsibility: str
    external: str
    phase: int
    dependencies: tuple[str, ...]
    commands: tuple[str, ...]
    queries: tuple[str, ...]
    events: tuple[str, ...]
    endpoints: tuple[tuple[str, str], ...]
    tables: tuple[str, ...]
    value_objects: tuple[str, ...]
    invariants: tuple[str, ...]


@dataclass
class Architecture:
    """The generated architecture; ``modules`` exclude ``foundation``."""

    title: str
    modules: list[ArchModule] = field(default_factory=list)

    def by_name(self, name: str) -> ArchModule:
        return next(module for module in self.modules if module.name == name)


def _words(camel: str) -> str:
    """``StockItem`` -> ``stock item``."""
    out = []
    for index, char in enumerate(camel):
        if char.isupper() and index:
            out.append(" ")
        out.append(char.lower())
    return "".join(out)


def _camel(pascal: str) -> str:
    """``StockItem`` -> ``stockItem``."""
    return pascal[:1].lower() + pascal[1:]


def _kebab(camel: str) -> str:
    return _words(camel).replace(" ", "-")


def _snake(camel: str) -> str:
    return _words(camel).replace(" ", "_")


def _plural(word: str) -> str:
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        return word[:-1] + "ies"
    if word.endswith(("s", "x", "ch", "sh")):
        return word + "es"
    return word + "s"


def build_architecture(rng: random.Random) -> Architecture:
    """Assign phases and downward-only dependencies; derive the declared vocabulary."""
    architecture = Architecture(title=rng.choice(("Marketplace", "Shop", "Commerce Platform")))
    phases = {name: phase for phase, names in _BUILD_PHASES.items() for name in names}
    for name, aggregate, responsibility, external in _MODULE_POOL:
        phase = phases[name]
        lower = [other for other, other_phase in phases.items() if other_phase < phase]
        dependencies = sorted(rng.sample(lower, min(len(lower), rng.randint(1, 4))))
        verbs = [*_VERBS[:3], *rng.sample(_VERBS[3:], rng.randint(2, 5))]
        commands = tuple(f"{verb}{aggregate}" for verb, _, _ in verbs)
        events = (*(f"{aggregate}{past}" for _, past, _ in verbs), f"{aggregate}Failed")
        queries = tuple(
            shape.format(a=aggregate, p=_plural(aggregate))
            for shape in (_QUERY_SHAPES[0], *rng.sample(_QUERY_SHAPES[1:], 3))
        )
        base = "/" + _plural(_kebab(aggregate))
        endpoints: list[tuple[str, str]] = [("GET", f"{base}/{{id}}"), ("GET", base)]
        for verb, _, suffix in verbs:
            if verb == "Create":
                endpoints.append(("POST", base))
            elif verb == "Update":
                endpoints.append(("PATCH", f"{base}/{{id}}"))
            else:
                endpoints.append(("POST", f"{base}/{{id}}/{suffix}"))
        snake = _snake(aggregate)
        architecture.modules.append(
            ArchModule(
                name=name,
                aggregate=aggregate,
                responsibility=responsibility,
                external=external,
                phase=phase,
                dependencies=tuple(dependencies),
                commands=commands,
                queries=queries,
                events=events,
                endpoints=tuple(endpoints),
                tables=(_plural(snake), f"{snake}_events", f"{snake}_outbox"),
                value_objects=(f"{aggregate}Id", f"{aggregate}Status", f"{aggregate}Snapshot"),
                invariants=(
                    f"A {_words(aggregate)} changes status only through its commands",
                    f"every change of a {_words(aggregate)} is published through the outbox",
                ),
            )
        )
    architecture.modules.sort(key=lambda module: (module.phase, module.name))
    return architecture


def render_architecture(architecture: Architecture) -> str:
    """The hexagonal layout of DESIGN.md section 2, the shape the markdown reader expects."""
    lines = [
        f"# {architecture.title} Architecture",
        "",
        f"{architecture.title} is a modular monolith of {len(architecture.modules) + 1} bounded "
        "contexts built in the hexagonal style. Modules call each other synchronously only "
        "downward in the build order; everything that flows upward is a domain event.",
        "",
        "## Module Inventory",
        "",
        "| Module | Responsibility | Dependencies |",
        "|--------|----------------|--------------|",
        "| foundation | Shared kernel: money, identifiers, event bus, outbox and clock | — |",
    ]
    for module in architecture.modules:
        dependencies = ", ".join(("foundation", *module.dependencies))
        lines.append(f"| {module.name} | {module.responsibility} | {dependencies} |")
    lines += ["", "## Build Order", "", "1. foundation (Phase 1)"]
    for phase in range(2, _PHASES + 1):
        names = [module.name for module in architecture.modules if module.phase == phase]
        if names:
            lines.append(f"{phase}. {', '.join(names)} (Phase {phase})")
    lines += [
        "",
        "## Module: foundation",
        "",
        "### Domain Layer",
        "- **Value Objects**: Money, Currency, Quantity, EmailAddress, CorrelationId",
        "- **Invariants**: Money never mixes currencies; amounts are integer minor units",
        "",
        "### Application Layer",
        "Foundation is a library linked into every module; it has no commands of its own.",
        "",
        "### Adapters",
        "- **Database**: outbox_messages, inbox_messages",
        "- **External**: RabbitMQ",
    ]
    for module in architecture.modules:
        lines += [
            "",
            f"## Module: {module.name}",
            "",
            "### Domain Layer",
            f"- **Aggregate**: {module.aggregate}",
            f"- **Value Objects**: {', '.join(module.value_objects)}",
            f"- **Domain Events**: {', '.join(module.events)}",
            f"- **Invariants**: {'; '.join(module.invariants)}",
            "",
            "### Ports",
            f"- **Inbound**: {module.aggregate}Api",
            f"- **Outbound**: {module.aggregate}Repository",
            "",
            "### Application Layer",
            f"- **Commands**: {', '.join(module.commands)}",
            f"- **Queries**: {', '.join(module.queries)}",
            "",
            "### Adapters",
            f"- **HTTP**: {', '.join(f'{verb} {path}' for verb, path in module.endpoints)}",
            f"- **Database**: {', '.join(module.tables)}",
        ]
        if module.external:
            lines.append(f"- **External**: {module.external}")
    return "\n".join(lines) + "\n"


# -- prose ----------------------------------------------------------------------------------

_CLAUSES = (
    "within the {t} latency budget",
    "using the {x} id as the idempotency key",
    "inside a single database transaction together with the outbox row",
    "and records the correlation id for tracing",
    "after validating the request against the current {x} status",
    "so that a retry with the same key returns the first result",
    "while holding an optimistic lock on the {x}",
    "and emits a structured log line with the outcome",
    "only when the `{f}` flag is on for the tenant",
    "without blocking the caller on downstream work",
    "reading the {x} snapshot taken at the start of the flow",
    "with the amounts kept in integer minor units",
)
_OVERVIEW = (
    "Today {a} and {b} exchange this information by hand, through nightly exports that are "
    "often a day late, and support tickets about stale {x} data are the most common "
    "complaint in the {b} queue.",
    "The integration crosses {n} modules: {mods}. Each keeps ownership of its own data; they "
    "coordinate through the synchronous calls and domain events listed below.",
    "Until the **point of no return** every step can be undone through compensation; after "
    "it, failures are handled by retries and by the reconciliation job.",
    "The flow must stay correct under retries, duplicate deliveries and partial outages of "
    "any single module, and it must never leave a {x} half-updated.",
    "Product expects this to cut the time from request to completion from days to minutes "
    "and to remove the manual spreadsheet the {b} team keeps today.",
    "`{a}` remains the source of truth for the {x}; other modules keep read models that may "
    "lag by a few seconds, which the UI makes visible.",
)
_FAILURES = (
    ("{b} times out on `{m}`", "Network", "Timeout after {s} s", "Retry {r} times with backoff"),
    ("{b} rejects the {x} as invalid", "Business", "Validation error from `{m}`", "Compensate"),
    ("{b} database unavailable", "System", "Health check and error rate alert", "Circuit breaker"),
    ("Stale {x} read by {b}", "Data", "Version mismatch on write", "Saga, reload and retry"),
    ("Duplicate `{e}` delivered", "Data", "Inbox dedup key seen before", "Ignore the duplicate"),
    ("{b} is slow under load", "System", "p99 latency above {s} s", "Shed load, queue requests"),
    ("Concurrent update of the {x}", "Data", "Optimistic lock conflict", "Reload and reapply"),
    ("Insufficient balance in {b}", "Business", "Domain error from `{m}`", "Compensate"),
)
_IMPACTS = (
    "The {x} stays pending and the user sees a spinner",
    "The flow stops before the point of no return; nothing is lost",
    "Downstream read models lag until the event is redelivered",
    "The user must retry; the request is idempotent",
    "Money is held but not moved until recovery completes",
)
_PHASE_TITLES = (
    "Foundation",
    "Happy path",
    "Compensation",
    "Hardening",
    "Rollout",
    "Backfill",
    "Observability",
)
_EXTRA_SECTIONS: tuple[tuple[str, int, SectionKey, str], ...] = (
    (
        "Open Questions",
        2,
        SectionKey.MIGRATION_STEPS,
        "- Who owns the {x} after the hand-over: {a} or {b}?\n"
        "- Do we need a manual override for support agents?\n"
        "- What is the retention period for the {x} history?",
    ),
    (
        "Observability",
        2,
        SectionKey.COMPENSATION,
        "Every step logs the correlation id; dashboards show the rate of each failure mode.\n\n"
        "| Metric | Alert |\n|--------|-------|\n| {x} flow p99 latency | above 2 s for 5 min |\n"
        "| compensation rate | above 1% for 15 min |",
    ),
    (
        "Security Considerations",
        2,
        SectionKey.SHARED_TYPES,
        "Only {a} sees personal data; other modules receive opaque ids. Tokens are signed and "
        "expire after 15 minutes, and every admin action is written to the audit trail.",
    ),
    (
        "Idempotency Keys",
        3,
        SectionKey.SHARED_STATE,
        "Each command carries a key derived from the `{x}` id and the step name; handlers store "
        "the key with the result and return the stored result on a repeat.",
    ),
    (
        "Performance Budget",
        3,
        SectionKey.E2E_TESTS,
        "The whole journey must complete in under 3 s at p95 with 200 concurrent users; the "
        "load test runs nightly against staging.",
    ),
    (
        "Glossary",
        2,
        SectionKey.OVERVIEW,
        "- **{x}**: the aggregate owned by {a}\n- **Point of no return**: the step after which "
        "the flow only moves forward",
    ),
)


@dataclass
class _Prose:
    """Text generator bound to one spec's vocabulary; ``detail`` scales text length."""

    rng: random.Random
    detail: float
    names: dict[str, str]

    def fill(self, template: str, **extra: str) -> str:
        return template.format(**{**self.names, **extra})

    def clauses(self, base: str, scale: float = 1.0) -> str:
        count = round(self.detail * scale * self.rng.uniform(0.0, 2.0))
        picked = [self.fill(clause) for clause in self.rng.sample(_CLAUSES, min(count, 6))]
        return " ".join([base, *picked]).rstrip()

    def paragraph(self, sentences: int) -> str:
        chosen = [self.rng.choice(_OVERVIEW) for _ in range(max(1, sentences))]
        return " ".join(self.fill(sentence) for sentence in chosen)


# -- specs ----------------------------------------------------------------------------------


def _choose_modules(rng: random.Random, arch: Architecture, count: int) -> list[ArchModule]:
    """A top module and its dependency closure first, so synchronous calls exist."""
    top_candidates = [module for module in arch.modules if module.phase >= 4]
    chosen = [rng.choice(top_candidates)]
    frontier = list(chosen[0].dependencies)
    while frontier and len(chosen) < count:
        name = frontier.pop(rng.randrange(len(frontier)))
        if all(module.name != name for module in chosen):
            module = arch.by_name(name)
            chosen.append(module)
            frontier.extend(module.dependencies)
    others = [module for module in arch.modules if module not in chosen]
    while len(chosen) < count:
        chosen.append(others.pop(rng.randrange(len(others))))
    return chosen


def _title(rng: random.Random, top: ArchModule) -> str:
    process = rng.choice(
        (
            "Renewal",
            "Onboarding",
            "Reconciliation",
            "Cancellation",
            "Migration",
            "Settlement",
            "Approval",
            "Sync",
            "Escalation",
            "Refund",
            "Fulfillment",
            "Import",
            "Backfill",
        )
    )
    return f"{_words(top.aggregate).title()} {process}"


def _step_name(command: str) -> str:
    words = _words(command)
    return words[0].upper() + words[1:]


def build_spec(
    spec_seed: int, arch: Architecture, detail: float, max_steps: int = 25
) -> IntegrationSpec:
    """One spec; the structure depends on ``spec_seed`` (and ``max_steps``), prose on ``detail``."""
    rng = random.Random(spec_seed)  # structure
    text_rng = random.Random(spec_seed ^ 0x5EED)  # prose, so detail does not move structure
    modules = _choose_modules(rng, arch, rng.randint(3, 9))
    top = modules[0]
    names = {module.name for module in modules}
    flag = f"{_kebab(top.aggregate)}-{rng.choice(('flow', 'v2', 'sync', 'saga'))}"
    prose = _Prose(
        text_rng,
        detail,
        {
            "a": top.name,
            "b": modules[1].name,
            "x": _words(top.aggregate),
            "n": str(len(modules)),
            "mods": ", ".join(module.name for module in modules),
            "t": f"{rng.choice((150, 200, 300, 500))} ms",
            "f": flag,
        },
    )

    # Modules Involved
    involvement = tuple(
        ModuleInvolvement(
            module=module.name,
            role=rng.choice(("Producer", "Consumer", "Both")),
            changes=prose.clauses(
                f"New `{rng.choice(module.commands)}` handling for the {prose.names['x']} flow",
                0.5,
            ),
        )
        for module in modules
    )

    # Flow steps: every module at least once, the rest at random
    step_count = max(len(modules), min(rng.randint(5, 25), max(5, max_steps)))
    order = [*modules, *(rng.choice(modules) for _ in range(step_count - len(modules)))]
    order = [order[0], *rng.sample(order[1:], len(order) - 1)]
    for i in range(1, len(order)):  # a module does not hand over to itself
        if order[i] is order[i - 1]:
            swap = next((j for j in range(i + 1, len(order)) if order[j] is not order[i]), None)
            if swap is not None:
                order[i], order[swap] = order[swap], order[i]
    steps: list[FlowStep] = []
    outputs: list[str] = []
    for index, module in enumerate(order):
        command = rng.choice(module.commands)
        output = rng.choice((*module.events, *module.value_objects))
        trigger = outputs[-1] if outputs and rng.random() < 0.3 else None
        extra: tuple[Labelled, ...] = ()
        if rng.random() < 0.2:
            extra = (Labelled(label="Owner", value=f"team-{module.name}"),)
        steps.append(
            FlowStep(
                name=_step_name(command),
                module=module.name,
                trigger=trigger,
                input=outputs[-1] if outputs else f"{module.aggregate}Request from the client",
                action=prose.clauses(
                    f"`{command}` updates the {_words(module.aggregate)} and publishes the result",
                    1.5,
                ),
                output=f"{output} ({_camel(module.aggregate)}Id, status, version)",
                failure=prose.clauses(
                    rng.choice(
                        (
                            f"Timeout: retry {rng.randint(2, 5)} times with backoff",
                            f"Business rule violated: compensate steps {max(1, index)} to 1",
                            "Database unavailable: circuit breaker opens and the step is queued",
                            "Stale data: reload the snapshot and retry once",
                        )
                    ),
                    0.5,
                ),
                compensation=(
                    f"Undo with `Cancel{module.aggregate}`" if rng.random() < 0.4 else None
                ),
                extra=extra,
            )
        )
        outputs.append(output)

    # Coordination
    pairs = [(a, b) for a in modules for b in modules if b.name in a.dependencies]
    sync_calls = tuple(
        SyncCall(
            caller=a.name,
            callee=b.name,
            method=rng.choice((*b.queries, *b.commands)),
            purpose=prose.clauses(f"{a.name} needs the current {_words(b.aggregate)}", 0.5),
        )
        for a, b in rng.sample(pairs, min(len(pairs), rng.randint(2, 6)))
    )
    async_events = []
    for publisher in rng.sample(modules, min(len(modules), rng.randint(2, 5))):
        subscribers = [module.name for module in modules if module is not publisher]
        async_events.append(
            AsyncEvent(
                event=rng.choice(publisher.events),
                publisher=publisher.name,
                subscribers=tuple(
                    rng.sample(subscribers, rng.randint(1, min(3, len(subscribers))))
                ),
                purpose=prose.clauses(
                    f"Tell subscribers the {_words(publisher.aggregate)} moved on", 0.5
                ),
            )
        )
    shared_state = tuple(
        SharedStateEntry(
            data=f"{_words(owner.aggregate).capitalize()} {rng.choice(_STATE_KINDS)}",
            owner=owner.name,
            readers=tuple(
                rng.sample(sorted(names - {owner.name}), rng.randint(1, min(3, len(names) - 1)))
            ),
            consistency=rng.choice(
                ("Strong", "Eventual", "Eventual (seconds)", "Read-your-writes")
            ),
        )
        for owner in rng.sample(modules, min(len(modules), rng.randint(2, 4)))
    )

    # Failure modes and compensation
    failure_modes = []
    for _ in range(rng.randint(3, 8)):
        other = rng.choice(modules)
        failure, category, detection, recovery = rng.choice(_FAILURES)
        values = {
            "b": other.name,
            "m": rng.choice(other.commands),
            "e": rng.choice(other.events),
            "s": str(rng.randint(2, 30)),
            "r": str(rng.randint(2, 5)),
        }
        failure_modes.append(
            FailureMode(
                failure=prose.fill(failure, **values),
                impact=prose.clauses(prose.fill(rng.choice(_IMPACTS)), 0.4),
                detection=prose.fill(detection, **values),
                recovery=prose.clauses(f"{category}: {prose.fill(recovery, **values)}", 0.4),
            )
        )
    compensation = []
    for _ in range(rng.randint(1, 3)):
        first, later = rng.sample(modules, 2)
        others = [module for module in modules if module not in (first, later)]
        compensation.append(
            CompensationBlock(
                trigger=f"If {later.name} fails after {first.name} succeeds:",
                steps=(
                    *(
                        ListEntry(
                            text=prose.clauses(f"`Cancel{module.aggregate}` in {module.name}", 0.3)
                        )
                        for module in (
                            first,
                            *rng.sample(others, rng.randint(0, min(2, len(others)))),
                        )
                    ),
                    ListEntry(text=f"The {_words(first.aggregate)} is back in its previous status"),
                ),
            )
        )

    # Shared types (a typescript fence)
    interfaces = []
    for module in rng.sample(modules, min(len(modules), rng.randint(2, 5))):
        fields = [f"  {_camel(module.aggregate)}Id: {module.aggregate}Id;"]
        fields += [
            f"  {name}: {kind};"
            for name, kind in rng.sample(
                (
                    ("status", f"{module.aggregate}Status"),
                    ("version", "number"),
                    ("occurredAt", "string"),
                    ("amount", "Money"),
                    ("lines", f"ReadonlyArray<{module.aggregate}Line>"),
                    ("correlationId", "CorrelationId"),
                    ("reason", "string | null"),
                ),
                rng.randint(2, 6),
            )
        ]
        interfaces.append(
            f"export interface {module.aggregate}Snapshot {{\n" + "\n".join(fields) + "\n}"
        )
    shared_types = "```typescript\n" + "\n\n".join(interfaces) + "\n```"

    # API contracts
    endpoint_rows = []
    for module in rng.sample(modules, min(len(modules), rng.randint(2, 4))):
        method, path = rng.choice(module.endpoints)
        endpoint_rows.append(
            EndpointContract(
                method=method,
                path=path,
                module=module.name,
                purpose=prose.clauses(f"Expose the {_words(module.aggregate)} step", 0.3),
            )
        )
    events_published = tuple(
        EventContract(
            event=event.event,
            module=event.publisher,
            payload=f"{_camel(arch.by_name(event.publisher).aggregate)}Id, status, version",
            when=prose.clauses("After the state change is committed", 0.3),
        )
        for event in async_events
    )

    # Phases
    phase_count = rng.randint(2, 5)
    work = [(module, command) for module in modules for command in module.commands]
    phases = tuple(
        Phase(
            number=number,
            title=_PHASE_TITLES[number - 1] if number == 1 else rng.choice(_PHASE_TITLES[1:]),
            goal=prose.clauses(
                f"The {_words(top.aggregate)} flow works end to end in phase {number}", 0.3
            ),
            modules=tuple(
                module.name for module in rng.sample(modules, rng.randint(1, len(modules)))
            ),
            deliverables=tuple(
                Deliverable(
                    text=prose.clauses(f"`{command}` in {module.name}", 0.3),
                    done=rng.random() < 0.25,
                )
                for module, command in rng.sample(work, rng.randint(2, 6))
            ),
            exit_criteria=prose.clauses("The integration tests of this phase pass in CI", 0.3),
            extra=(Labelled(label="Risk", value="Medium"),) if rng.random() < 0.2 else (),
        )
        for number in range(1, phase_count + 1)
    )

    # Testing
    unit_tests = tuple(
        UnitTest(
            module=module.name, focus=prose.clauses(f"`{rng.choice(module.commands)}` rules", 0.3)
        )
        for module in modules
    )
    integration_tests = tuple(
        IntegrationTest(
            test=f"{call.method} from {call.caller}",
            modules=(call.caller, call.callee),
            scenario=prose.clauses(f"{call.caller} calls {call.method} and handles a timeout", 0.3),
        )
        for call in sync_calls
    ) + tuple(
        IntegrationTest(
            test=f"{event.event} delivery",
            modules=(event.publisher, *event.subscribers),
            scenario=f"Subscribers process {event.event} exactly once",
        )
        for event in async_events[:2]
    )
    e2e_tests = tuple(
        E2ETest(
            journey=f"{_words(top.aggregate).capitalize()} {kind}",
            steps=", ".join(_step_name(step.name).lower() for step in rng.sample(steps, 3)),
            verification=prose.clauses(f"The {_words(top.aggregate)} ends {kind}", 0.3),
        )
        for kind in rng.sample(
            ("completed", "cancelled", "retried", "compensated"), rng.randint(1, 3)
        )
    )

    # Rollout
    feature_flags = (
        FeatureFlag(flag=flag, purpose=f"Enable the {_words(top.aggregate)} flow", default="off"),
        *(
            FeatureFlag(
                flag=f"{module.name}-{rng.choice(('shadow-mode', 'new-handler', 'kill-switch'))}",
                purpose=prose.clauses(f"Guard the new code in {module.name}", 0.3),
                default=rng.choice(("off", "on", "10%")),
            )
            for module in rng.sample(modules, rng.randint(0, 3))
        ),
    )
    migration_steps = (
        *(
            ListEntry(
                text=prose.clauses(
                    f"Create table `{rng.choice(module.tables)}` in {module.name}; verify: the "
                    "migration runs on a copy of production",
                    0.3,
                )
            )
            for module in rng.sample(modules, rng.randint(1, min(4, len(modules))))
        ),
        ListEntry(text=f"Turn on `{flag}` for internal users; verify: dashboards stay green"),
    )

    # Diagrams
    chain = [step.module for step in steps]
    ascii_lines = []
    for start in range(0, len(chain) - 1, 3):  # three arrows a line, each line a chain
        line = f"[{chain[start]}]"
        for i in range(start, min(start + 3, len(chain) - 1)):
            line += f" ──({outputs[i]})──> [{chain[i + 1]}]"
        ascii_lines.append(line)
    diagrams = [Diagram(language="", content="\n".join(ascii_lines))]
    if rng.random() < 0.35:
        mermaid = ["flowchart LR"] + [
            f"    {a.replace('-', '_')} -->|{outputs[i]}| {b.replace('-', '_')}"
            for i, (a, b) in enumerate(itertools.pairwise(chain))
        ]
        diagrams.append(Diagram(language="mermaid", content="\n".join(mermaid)))

    # Extras
    picked = rng.sample(_EXTRA_SECTIONS, rng.choice((0, 0, 1, 2)))
    picked.sort(key=lambda extra: _KEY_ORDER.index(extra[2]))  # document order
    extra_sections = tuple(
        ExtraSection(heading=heading, level=level, body=prose.fill(body), after=after)
        for heading, level, after, body in picked
    )
    notes: tuple[SectionNote, ...] = ()
    if rng.random() < 0.3:
        notes = (
            SectionNote(
                section=SectionKey.COORDINATION,
                markdown="All calls go through in-process ports; events use the outbox.",
            ),
        )
    overview = "\n\n".join(
        prose.paragraph(1 + round(detail * text_rng.uniform(0.5, 2.5)))
        for _ in range(rng.randint(1, 3))
    )
    extra_metadata: tuple[Labelled, ...] = ()
    if rng.random() < 0.3:
        extra_metadata = (Labelled(label="Status", value=rng.choice(("Draft", "Approved"))),)
    return IntegrationSpec(
        title=_title(rng, top),
        architecture=ARCHITECTURE_PATH,
        type=rng.choice(("User Journey", "System Process", "Data Flow")),
        priority=rng.choice(("P0", "P1", "P2", "P3")),
        extra_metadata=extra_metadata,
        summary=f"Coordinate {', '.join(sorted(names))} for the {_words(top.aggregate)} flow.",
        overview=overview,
        modules=involvement,
        diagrams=tuple(diagrams),
        flow_steps=tuple(steps),
        sync_calls=sync_calls,
        async_events=tuple(async_events),
        shared_state=shared_state,
        failure_modes=tuple(failure_modes),
        compensation=tuple(compensation),
        shared_types=shared_types,
        endpoints=tuple(endpoint_rows),
        events_published=events_published,
        phases=phases,
        unit_tests=unit_tests,
        integration_tests=integration_tests,
        e2e_tests=e2e_tests,
        feature_flags=feature_flags,
        migration_steps=migration_steps,
        related_documents=(ARCHITECTURE_PATH,) if rng.random() < 0.3 else (),
        extra_sections=extra_sections,
        notes=notes,
    )


def fit_spec(spec_seed: int, arch: Architecture, target: int) -> tuple[IntegrationSpec, str]:
    """Search the text ``detail`` so the rendered spec lands near ``target`` bytes.

    Structure comes from the seed alone, so only prose length moves; bisection on ``detail``
    converges in a few renders. When even the terse form is too long, the flow is capped
    shorter. Raises when no detail gives a size within the bounds.
    """
    max_steps = 25
    while max_steps > 5:  # the terse form must fit, or the flow gets shorter
        terse = render_spec(build_spec(spec_seed, arch, 0.0, max_steps))
        if len(terse.encode("utf-8")) <= MAX_SIZE:
            break
        max_steps -= 2
    low, high = 0.0, 8.0
    detail = 1.0
    best: tuple[int, IntegrationSpec, str] | None = None
    for _ in range(16):
        spec = build_spec(spec_seed, arch, detail, max_steps)
        text = render_spec(spec)
        size = len(text.encode("utf-8"))
        if MIN_SIZE <= size <= MAX_SIZE and (best is None or abs(size - target) < best[0]):
            best = (abs(size - target), spec, text)
        if best is not None and best[0] <= 0.04 * target:
            break
        if size < target:
            low = detail
        else:
            high = detail
        detail = (low + high) / 2
    if best is None:
        raise RuntimeError(f"spec seed {spec_seed}: no detail level fits {MIN_SIZE}-{MAX_SIZE} B")
    return best[1], best[2]


def _slug(title: str) -> str:
    return "-".join("".join(ch for ch in word if ch.isalnum()) for word in title.lower().split())


def _field_differences(expected: IntegrationSpec, actual: IntegrationSpec) -> list[str]:
    return [
        item.name
        for item in dataclasses.fields(IntegrationSpec)
        if item.compare and getattr(expected, item.name) != getattr(actual, item.name)
    ]


@dataclass
class Verification:
    """What ``--verify`` found: diagnostics and round-trip failures per file."""

    diagnostics: list[str] = field(default_factory=list)
    model_mismatches: list[str] = field(default_factory=list)
    text_mismatches: list[str] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return bool(self.diagnostics or self.model_mismatches or self.text_mismatches)

    def check(self, path: str, spec: IntegrationSpec, text: str) -> None:
        parsed = parse_spec_text(text, path)
        self.diagnostics += [diagnostic.format_text() for diagnostic in parsed.diagnostics]
        if parsed != spec:
            self.model_mismatches.append(f"{path}: {', '.join(_field_differences(spec, parsed))}")
        if render_spec(parsed) != text:
            self.text_mismatches.append(path)


def _verify_architecture(path: Path, arch: Architecture) -> str:
    """Read the architecture back with the project's reader, when it exists yet."""
    try:
        from integration_spec import load_architecture

        loaded = load_architecture(path)
    except Exception as error:  # the reader may not be written yet
        return f"skipped ({type(error).__name__}: {error})"
    expected = {module.name: {"foundation", *module.dependencies} for module in arch.modules}
    expected["foundation"] = set()
    found = {module.name: set(module.dependencies) for module in loaded.modules}
    problems = [f"{len(loaded.diagnostics)} diagnostics"] if loaded.diagnostics else []
    if set(found) != set(expected):
        problems.append(
            f"modules differ: missing {sorted(set(expected) - set(found))}, "
            f"extra {sorted(set(found) - set(expected))}"
        )
    wrong = sorted(name for name in expected if name in found and found[name] != expected[name])
    if wrong:
        problems.append(f"dependencies differ for {', '.join(wrong[:5])}")
    return "; ".join(problems) if problems else f"ok ({len(found)} modules)"


def generate(out: Path, count: int, seed: int, verify: bool = False) -> Verification:
    """Write the corpus under ``out``; return what ``verify`` found (empty when not asked)."""
    master = random.Random(seed)
    arch = build_architecture(master)
    arch_path = out / ARCHITECTURE_PATH
    arch_path.parent.mkdir(parents=True, exist_ok=True)
    arch_path.write_bytes(render_architecture(arch).encode("utf-8"))
    spec_dir = out / "features" / "integrations"
    spec_dir.mkdir(parents=True, exist_ok=True)
    stale = {path.name for path in spec_dir.glob("*.md")}

    used: set[str] = set()
    paths: list[Path] = []
    sizes: list[int] = []
    verification = Verification()
    for _ in range(count):
        spec_seed = master.getrandbits(64)
        target = round(master.uniform(8.5, 19.5) * KB)
        spec, text = fit_spec(spec_seed, arch, target)
        name = base = _slug(spec.title)
        suffix = 2
        while name in used:
            name, suffix = f"{base}-{suffix}", suffix + 1
        used.add(name)
        path = spec_dir / f"{name}.md"
        data = text.encode("utf-8")
        path.write_bytes(data)
        paths.append(path)
        sizes.append(len(data))
        if verify:
            verification.check(str(path.relative_to(out)), spec, text)

    stale -= {f"{name}.md" for name in used}
    total = sum(sizes)
    print(f"corpus: {out}")
    print(f"  architecture: {arch_path.relative_to(out)} ({len(arch.modules) + 1} modules)")
    print(f"  specs: {len(paths)} files, {total / KB / KB:.2f} MB total")
    if sizes:
        print(
            f"  spec size: min {min(sizes) / KB:.1f} KB, "
            f"median {statistics.median(sizes) / KB:.1f} KB, max {max(sizes) / KB:.1f} KB"
        )
    if stale:
        print(f"  warning: {len(stale)} other .md files already in {spec_dir}", file=sys.stderr)
    if verify:
        _report(verification, len(paths), _verify_architecture(arch_path, arch))
    return verification


def _report(verification: Verification, count: int, architecture: str) -> None:
    def show(label: str, items: Sequence[str]) -> None:
        print(f"  {label}: {len(items)}")
        for item in items[:10]:
            print(f"    {item}")
        if len(items) > 10:
            print(f"    ... and {len(items) - 10} more")

    print(f"verify ({count} specs):")
    show("parse diagnostics", verification.diagnostics)
    show("parse(render(spec)) != spec", verification.model_mismatches)
    show("render(parse(text)) != text", verification.text_mismatches)
    print(f"  architecture read back: {architecture}")


def main(argv: Sequence[str] | None = None) -> int:
    """Parse arguments and generate; exit 1 when ``--verify`` found a problem."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, required=True, help="corpus directory to write")
    parser.add_argument("--count", type=int, default=1000, help="number of specs (default 1000)")
    parser.add_argument("--seed", type=int, default=7, help="random seed (default 7)")
    parser.add_argument(
        "--verify", action="store_true", help="parse every spec back and report differences"
    )
    args = parser.parse_args(argv)
    verification = generate(args.out, args.count, args.seed, verify=args.verify)
    return 1 if verification.failed else 0


if __name__ == "__main__":
    sys.exit(main())
