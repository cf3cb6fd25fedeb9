"""The lexicon: what words mean in a spec, decided once for every reader of it.

Rules, analysis and drafting all ask the same questions of prose: does this step change
data, does this failure mean a refusal or a broken network, does this recovery undo, retry
or alert, is this the point of no return. The word lists that answer them live here and
nowhere else. Each list is short and is only used where its answer is unambiguous; a
keyword ending in ``*`` is a prefix, several words are a phrase, ``*`` alone is any word.
"""

from __future__ import annotations

from integration_spec.facts.text import Verbs, word_set

DETERMINERS = word_set(
    "a an the its their his her our your every each all any some this that these those "
    "new existing current"
)
"""Words before a noun; after one of them a verb form is a noun (``the update``)."""

STOP_WORDS = DETERMINERS | word_set(
    "and or of to for with is are be so by in on at as when then if after before again it "
    "they them no not can from into step steps via per was were been has have had will "
    "command commands event events integration handler request reply message"
)
"""Words that carry no content when two texts are compared."""

MODALS = word_set("may can could might must should would cannot shall")
"""A verb after a modal describes a permission or a possibility, not an action."""

NEGATIONS = word_set(
    "not no never without nothing none doesn don isn aren won cannot nor refuses refuse "
    "refused unable prevents forbids"
)
"""A verb right after a negation is something that does not happen."""

CHECKING_VERBS = word_set(
    "check checks checked verify verifies verified validate validates validated ensure "
    "ensures ensured determine determines decide decides confirm confirms"
)
"""Verbs whose clause is a condition: ``checks whether the consumer may place an order``."""

COMPLEMENTIZERS = word_set("whether if that")

CONDITIONALS = word_set("if when should once whenever unless")
"""A fragment that starts with one of these states a condition, not an action."""

_EFFECTS = (
    "create creates created",
    "reserve reserves reserved",
    "charge charges charged",
    "authorize authorizes authorized",
    "authorise authorises authorised",
    "capture captures captured",
    "debit debits debited",
    "credit credits credited",
    "write writes written",
    "update updates updated",
    "insert inserts inserted",
    "delete deletes deleted",
    "modify modifies modified",
    "overwrite overwrites overwritten",
    "upsert upserts upserted",
    "ship ships shipped",
    "book books booked",
    "allocate allocates allocated",
    "place places placed",
    "approve approves approved",
    "confirm confirms confirmed",
    "commit commits committed",
    "mark marks marked",
    "cancel cancels cancelled",
    "cancel cancels canceled",
    "release releases released",
    "record records recorded",
    "store stores stored",
    "save saves saved",
    "persist persists persisted",
    "register registers registered",
    "assign assigns assigned",
    "move moves moved",
    "convert converts converted",
    "issue issues issued",
    "refund refunds refunded",
    "void voids voided",
    "remove removes removed",
    "deduct deducts deducted",
    "decrement decrements decremented",
    "increment increments incremented",
    "grant grants granted",
    "revoke revokes revoked",
    "activate activates activated",
    "deactivate deactivates deactivated",
    "rent rents rented",
    "buy buys bought",
    "pay pays paid",
    "transfer transfers transferred",
    "hand hands handed",
    "dispatch dispatches dispatched",
    "deliver delivers delivered",
    "set sets set",
    "add adds added",
    "open opens opened",
    "close closes closed",
    "submit submits submitted",
    "accept accepts accepted",
    "reject rejects rejected",
    "lock locks locked",
    "hold holds held",
    "withdraw withdraws withdrawn",
    "deposit deposits deposited",
    "archive archives archived",
    "promote promotes promoted",
    "revert reverts reverted",
    "restore restores restored",
    "enrol enrols enrolled",
    "enroll enrolls enrolled",
    "admit admits admitted",
    "discharge discharges discharged",
    "provision provisions provisioned",
    "suspend suspends suspended",
    "expire expires expired",
    "change changes changed",
    "clear clears cleared",
    "empty empties emptied",
)
_MESSAGES = (
    "send sends sent",
    "publish publishes published",
    "emit emits emitted",
    "notify notifies notified",
    "email emails emailed",
    "broadcast broadcasts broadcast",
    "enqueue enqueues enqueued",
    "push pushes pushed",
    "alert alerts alerted",
    "text texts texted",
    "message messages messaged",
)

EFFECT_VERBS = Verbs.of(_EFFECTS, DETERMINERS | {"in", "of"})
"""Verbs by which a step changes stored business state that a later failure may leave behind."""

MESSAGE_VERBS = Verbs.of(_MESSAGES, DETERMINERS | {"in", "of"})
"""Verbs by which a step tells others something: an event, an email, a push message."""

WRITE_VERBS = Verbs.of(
    (
        "create creates created",
        "update updates updated",
        "delete deletes deleted",
        "insert inserts inserted",
        "write writes written",
        "set sets set",
        "modify modifies modified",
        "overwrite overwrites overwritten",
        "upsert upserts upserted",
    ),
    DETERMINERS | {"in", "of"},
)
"""The effect verbs that name a write of stored data (for boundary questions)."""

UNDO_VERBS = Verbs.of(
    (
        "cancel cancels cancelled",
        "cancel cancels canceled",
        "release releases released",
        "refund refunds refunded",
        "void voids voided",
        "revert reverts reverted",
        "undo undoes undone",
        "reverse reverses reversed",
        "reject rejects rejected",
        "delete deletes deleted",
        "remove removes removed",
        "restore restores restored",
        "restock restocks restocked",
        "unreserve unreserves unreserved",
        "unlock unlocks unlocked",
        "unbook unbooks unbooked",
        "deallocate deallocates deallocated",
        "revoke revokes revoked",
        "deactivate deactivates deactivated",
        "compensate compensates compensated",
        "discard discards discarded",
        "expire expires expired",
        "withdraw withdraws withdrawn",
        "rollback rollbacks rolledback",
        "abort aborts aborted",
        "drop drops dropped",
        "free frees freed",
        "abandon abandons abandoned",
    ),
    DETERMINERS | {"in", "of"},
)
"""Verbs of a compensating action: they undo what an earlier step did."""

ARMING_WORDS = ("compensat*", "undo*", "rollback*", "roll back", "defer*", "on failure")
"""Words of a clause that arms an undo rather than acting (``defer `WithdrawCompensation```)."""

REGISTERING_VERBS = frozenset({"register", "schedule", "enlist", "add"})
"""Verbs with which a step arranges its own undo before acting (``register cancelCar``)."""

STATUS_VERBS = word_set(
    "set sets setting put puts putting move moves moving mark marks marking change changes "
    "changing transition transitions transitioning switch switches"
)
"""Verbs that give an entity a status (``moves the order to Paid``, ``SetCancelledStatus``)."""

UNDO_NOUNS = {
    "cancellation": "cancel",
    "cancellations": "cancel",
    "refund": "refund",
    "refunds": "refund",
    "release": "release",
    "reversal": "reverse",
    "compensation": "compensate",
    "compensations": "compensate",
    "rollback": "undo",
}
"""Nouns that name an undo, with its verb: ``calls the flight cancellation`` cancels."""

INVOKING_VERBS = word_set(
    "call calls called calling run runs ran running invoke invokes invoked invoking "
    "trigger triggers triggered triggering execute executes executed executing "
    "perform performs performed issue issues issued route routes routed routing "
    "start starts started send sends sent"
)
"""Verbs that make a named undo happen (``runs the refund``, ``routes through the
cancellation``)."""

UNDO_NOUN_STEMS = ("compensat", "undo", "rollback")
"""Starts of a word that names an undo as a thing (``compensation``, ``rollbackOrder``)."""

UNDO_PHRASES = (
    "roll back",
    "rolls back",
    "rolled back",
    "roll * back",
    "rolls * back",
    "put back",
    "put * back",
    "puts * back",
    "give back",
    "give * back",
    "give * * back",
    "gives * back",
    "gives * * back",
    "pay * back",
    "pays * back",
    "credit * back",
    "credit * * back",
    "credits * back",
    "return money",
    "return * money",
    "returns * money",
    "return funds",
    "return * funds",
    "returns * funds",
    "take * back",
    "take * * back",
    "takes * back",
    "back out",
    "mark * failed",
    "marks * failed",
    "mark * * failed",
    "marks * * failed",
    "mark * as failed",
    "marks * as failed",
    "mark * cancel*",
    "marks * cancel*",
    "mark * as cancel*",
    "marks * as cancel*",
    "mark * rejected",
    "marks * rejected",
    "moves * to cancel*",
    "move * to cancel*",
    "moves * to rejected",
    "move * to rejected",
    "moves * to failed",
    "set * to cancel*",
    "sets * to cancel*",
    "set * to failed",
    "sets * to failed",
)
"""Undo written as a verb and a particle, or as a status change to a failed state.

Moving an order to Cancelled is how a saga semantically undoes creating it
(Garcia-Molina & Salem: a compensation need not restore the exact prior state).
"""

UNDO_PAIRS: dict[str, frozenset[str]] = {
    "create": frozenset(
        {"cancel", "delete", "remove", "reject", "void", "archive", "close", "abandon"}
    ),
    "reserve": frozenset({"release", "cancel", "unreserve", "free"}),
    "book": frozenset({"cancel", "unbook", "release"}),
    "authorize": frozenset({"void", "cancel", "reverse", "release"}),
    "authorise": frozenset({"void", "cancel", "reverse", "release"}),
    "capture": frozenset({"refund", "reverse"}),
    "charge": frozenset({"refund", "reverse", "credit"}),
    "pay": frozenset({"refund"}),
    "debit": frozenset({"credit", "refund", "reverse", "return"}),
    "credit": frozenset({"debit", "reverse"}),
    "withdraw": frozenset({"deposit", "credit", "refund"}),
    "deposit": frozenset({"withdraw", "debit", "reverse"}),
    "transfer": frozenset({"reverse", "refund"}),
    "allocate": frozenset({"deallocate", "release", "free"}),
    "place": frozenset({"cancel", "reject"}),
    "submit": frozenset({"cancel", "reject", "withdraw"}),
    "grant": frozenset({"revoke"}),
    "activate": frozenset({"deactivate", "suspend"}),
    "lock": frozenset({"unlock", "release"}),
    "hold": frozenset({"release"}),
    "decrement": frozenset({"increment", "restore", "restock"}),
    "deduct": frozenset({"restore", "credit", "refund"}),
    "add": frozenset({"remove"}),
    "insert": frozenset({"delete", "remove"}),
    "register": frozenset({"cancel", "deregister", "remove"}),
    "assign": frozenset({"unassign", "release"}),
    "issue": frozenset({"revoke", "void", "cancel"}),
    "open": frozenset({"close", "cancel"}),
    "rent": frozenset({"cancel"}),
    "approve": frozenset({"revoke", "reject", "cancel"}),
    "confirm": frozenset({"cancel"}),
    "ship": frozenset({"recall"}),
    "enroll": frozenset({"withdraw", "cancel"}),
    "enrol": frozenset({"withdraw", "cancel"}),
}
"""A forward verb and the verbs that undo it (Create/Cancel, Reserve/Release, Capture/Refund).

Keys and values are base forms; :func:`base_form` reduces a found form to its base.
"""

_BASE_FORMS = {
    form: entry.split()[0]
    for group in (
        _EFFECTS,
        _MESSAGES,
        ("undo undoes undone", "deregister deregisters deregistered"),
    )
    for entry in group
    for form in entry.split()
}


def base_form(word: str) -> str:
    """The base form of a known verb form (``released`` -> ``release``); else ``word``."""
    return _BASE_FORMS.get(word, _UNDO_BASES.get(word, word))


_UNDO_BASES = {
    form: entry.split()[0]
    for entry in (
        "cancel cancels cancelled canceled cancelling canceling",
        "release releases released releasing",
        "refund refunds refunded refunding",
        "void voids voided voiding",
        "revert reverts reverted reverting",
        "reverse reverses reversed reversing",
        "reject rejects rejected rejecting",
        "delete deletes deleted deleting",
        "remove removes removed removing",
        "restore restores restored restoring",
        "restock restocks restocked restocking",
        "unreserve unreserves unreserved",
        "unlock unlocks unlocked",
        "unbook unbooks unbooked",
        "deallocate deallocates deallocated",
        "revoke revokes revoked revoking",
        "deactivate deactivates deactivated",
        "compensate compensates compensated compensating",
        "discard discards discarded",
        "withdraw withdraws withdrawn withdrew",
        "abort aborts aborted",
        "free frees freed",
        "unassign unassigns unassigned",
        "suspend suspends suspended",
        "close closes closed",
        "archive archives archived",
        "recall recalls recalled",
        "abandon abandons abandoned abandoning",
    )
    for form in entry.split()
}

NOTIFICATION_WORDS = (
    "notif*",
    "email*",
    "e mail*",
    "sms",
    "text message*",
    "push notification*",
    "push message*",
    "send * confirmation",
    "confirmation email*",
    "receipt*",
    "message the",
    "tell the",
    "inform*",
)
"""A step that only informs a person: nothing to undo, and nothing that can be taken back."""

TIMER_WORDS = (
    "timer*",
    "timeout fires",
    "grace period",
    "cron",
    "every hour",
    "every day",
    "wait*",
)
"""A step that is a clock: it lets time pass or wakes the process up."""

CATEGORY_SIGNS: dict[str, tuple[str, ...]] = {
    "Network": (
        "timeout*",
        "timed out",
        "time out",
        "times out",
        "connection refused",
        "refused connection",
        "connection reset",
        "connection error*",
        "connection lost",
        "connection drop*",
        "unreachable",
        "network*",
        "dns",
        "socket*",
        "no response",
        "gateway timeout",
        "502",
        "504",
        "disconnect*",
        "packet loss",
    ),
    "Business": (
        "insufficient",
        "declin*",
        "out of stock",
        "sold out",
        "invalid*",
        "reject*",
        "refus*",
        "denied",
        "not allowed",
        "not permitted",
        "ineligible",
        "not eligible",
        "limit exceeded",
        "over * limit",
        "exceeds * limit",
        "expired",
        "fraud*",
        "no room*",
        "no seat*",
        "no availability",
        "not available",
        "fully booked",
        "overbooked",
        "cannot accept",
        "can not accept",
        "blocked",
        "cancelled by",
        "canceled by",
        "not found",
        "does not exist",
        "missing",
    ),
    "System": (
        "down",
        "outage*",
        "crash*",
        "disk",
        "out of memory",
        "service unavailable",
        "unavailable",
        "503",
        "500",
        "overload*",
        "exhausted",
        "unhealthy",
        "failover",
        "deadlock*",
    ),
    "Data": (
        "stale",
        "concurren*",
        "conflict*",
        "duplicat*",
        "inconsisten*",
        "version mismatch",
        "version conflict",
        "out of order",
        "reorder*",
        "lost update*",
        "race*",
        "corrupt*",
        "schema mismatch",
        "deseriali*",
        "malformed",
    ),
}
"""Words in a failure's description that place it in one of the seed's failure categories.

A longer sign wins over a shorter one inside it: ``connection refused`` is Network, a
``refused`` booking is Business; ``service unavailable`` is System.
"""

SENT_AGAIN_WORDS = (
    "retr*",
    "try again",
    "tries again",
    "resend*",
    "re send*",
    "redeliver*",
    "requeue*",
    "re queue*",
)
"""The request is sent again: what both a retry and a blind repeat say."""

RETRY_WORDS = (
    *SENT_AGAIN_WORDS,
    "backoff",
    "back off",
    "reconnect*",
    "idempoten*",
    "at most once",
    "exactly once",
    "once per",
    "dedup*",
    "de dup*",
    "outbox",
    "inbox",
    "until * succeed*",
    "until it succeeds",
    "until success*",
    "eventually",
    "next run",
    "next hour",
    "next cycle",
    "re run*",
    "rerun*",
    "replay*",
    "redispatch*",
    "re dispatch*",
    "resubmit*",
    "re submit*",
    "goes through",
    "picked up on the next run",
)
"""The step may be repeated: it is retried, or repeating it changes nothing."""

COMPENSATION_WORDS = (
    "compensat*",
    "refund*",
    "cancel*",
    "releas*",
    "void*",
    "revert*",
    "undo*",
    "undone",
    "roll back",
    "rollback*",
    "rolled back",
    "revers*",
    "restock*",
    "saga*",
    "unreserv*",
    "deallocat*",
    "revok*",
)
"""A recovery that undoes what was done."""

BUSINESS_RESPONSE_WORDS = (
    "reject*",
    "refus*",
    "declin*",
    "show*",
    "inform*",
    "notif*",
    "tell*",
    "ask*",
    "block*",
    "hide*",
    "return*",
    "offer*",
    "suggest*",
    "stop*",
    "abort*",
    "end the",
    "ends the",
    "mark * failed",
    "fail the",
    "fails the",
    "error to",
    "prompt*",
    "waitlist*",
)
"""A recovery that answers a business refusal without undoing anything (tell, stop, offer)."""

BREAKER_WORDS = (
    "circuit breaker*",
    "breaker*",
    "fallback*",
    "fall back",
    "falls back",
    "degrad*",
    "queue*",
    "outbox",
    "inbox",
    "failover",
    "fail over",
    "buffer*",
    "park*",
    "pause*",
    "cache*",
    "read only",
    "replica*",
    "standby",
    "503",
    "maintenance",
    "shed*",
    "throttl*",
    "health check*",
)
"""A recovery that protects the system while a dependency is down."""

CONCURRENCY_WORDS = (
    "saga*",
    "optimistic*",
    "pessimistic*",
    "lock*",
    "version*",
    "idempoten*",
    "reconcil*",
    "concurren*",
    "dedup*",
    "ignor*",
    "discard*",
    "drop*",
    "reload*",
    "re read*",
    "reread*",
    "refresh*",
    "reject*",
    "merge*",
    "compare and swap",
    "etag*",
    "last write wins",
    "sequence number*",
    "retr*",
)
"""A recovery that resolves stale, concurrent or duplicate data."""

ESCALATION_WORDS = (
    "escalat*",
    "manual*",
    "alert*",
    "operator*",
    "support team",
    "support agent*",
    "on call",
    "page the",
    "paged",
    "dead letter*",
    "dlq",
    "human*",
    "review queue",
    "ops team",
    "investigat*",
    "by hand",
    "someone has to",
    "someone must",
)
"""A person takes over: half-done work is not silent."""

QUANTIFIERS = frozenset(
    {"each", "every", "all", "any", "both", "that", "this", "these", "those", "its", "their"}
)
"""Words that open a description of several modules where a name goes ("Each consuming module")."""

SELF_REFERENCES = frozenset(
    {"itself", "themselves", "self", "same", "unchanged", "existing", "various", "several"}
)
"""Cells that refer back instead of naming ("Itself", "Unchanged")."""

UNCHANGED_OPENINGS = ("none", "no change*", "unchanged", "no code change*", "nothing", "n a")
"""How a Changes cell that says the module is not changed begins ("None; existing ...")."""

REPEAT_WORDS = (*SENT_AGAIN_WORDS, "resubmit*", "re submit*")
"""The request is sent again as it was: the recovery that misfits a refusal or an outage."""

PERSON_WORDS = (
    "user*",
    "customer*",
    "owner*",
    "guest*",
    "buyer*",
    "shopper*",
    "client*",
    "patient*",
    "member*",
    "driver*",
    "passenger*",
    "traveller*",
    "traveler*",
    "student*",
    "employee*",
    "staff",
    "admin*",
    "they",
    "he",
    "she",
)
"""People a recovery can leave the next move to ("the owner updates the card and retries"):
a person trying again with something changed is the business answer, not a blind retry."""

SAFEGUARD_WORDS = (
    "circuit breaker*",
    "breaker*",
    "idempoten*",
    "outbox",
    "dedup*",
    "fallback*",
    "fall back",
    "falls back",
)
"""Protections that make a repeat safe wherever the row states them (a breaker in the
Detection column guards the retries of the Recovery column). Detection alone (a health
check, an alert) protects nothing."""

LOG_ONLY_WORDS = ("log*", "ignore*", "none needed", "nothing", "no action", "accept*")
"""A recovery that records the failure and moves on."""

UNCHANGED_WORDS = (
    "leaves no",
    "leaves nothing",
    "unchanged",
    "untouched",
    "keeps the",
    "keep the",
    "as it was",
    "as they were",
    "nothing is written",
    "nothing was written",
    "nothing is stored",
    "nothing was stored",
    "nothing changes",
    "nothing changed",
)
"""A failure that leaves everything as it was ("invalid data leaves no order and the buyer
keeps the basket"): there is nothing to recover, and saying so is the recovery."""

MISFITS: dict[str, tuple[str, ...]] = {
    "Business": REPEAT_WORDS,
    "Network": COMPENSATION_WORDS,
    "System": REPEAT_WORDS,
    "Data": LOG_ONLY_WORDS,
}
"""Recoveries that contradict a category: a refused request repeated, a timeout undone at
once, a service that is down hammered, a conflicting change only logged (whichever write
lost is then lost silently)."""

RECOVERY_FITS: dict[str, tuple[str, ...]] = {
    "Network": (*RETRY_WORDS, *BREAKER_WORDS),
    "Business": (*COMPENSATION_WORDS, *BUSINESS_RESPONSE_WORDS, *ESCALATION_WORDS),
    "System": (*BREAKER_WORDS, *ESCALATION_WORDS),
    "Data": CONCURRENCY_WORDS,
}
"""Recoveries that fit each category (the seed's table, read generously: the rule must not nag).

A System failure is not answered by retrying alone: hammering a database that is down is
what a circuit breaker, a queue or an outbox prevents.
"""

CATEGORY_ADVICE = {
    "Network": "retry with backoff (and an idempotency key)",
    "Business": "compensate: cancel, refund or release what was done",
    "System": "open a circuit breaker, fall back or queue the work",
    "Data": "use a saga or concurrency control (version check, optimistic lock, idempotency)",
}
"""The seed's Failure Categories table, as advice."""

FORWARD_FIXES: dict[str, tuple[str, ...]] = {
    "Network": RETRY_WORDS,
    "System": (
        *RETRY_WORDS,
        "queue*",
        "buffer*",
        "park*",
        "failover",
        "fail over",
        "until * recover*",
        "recover*",
    ),
    "Data": (
        *RETRY_WORDS,
        "optimistic*",
        "pessimistic*",
        "version*",
        "lock*",
        "reload*",
        "re read*",
        "reread*",
        "refresh*",
        "concurren*",
        "reconcil*",
        "merge*",
        "compare and swap",
        "etag*",
        "ignor*",
    ),
}
"""Words saying a failure of a category is overcome and the step then completes.

A circuit breaker alone is not among them: it stops calls failing slowly, but the work is
dropped unless a queue, an outbox or a retry picks it up again.
"""

COMPENSATION_RETRY_WORDS = (*RETRY_WORDS, "until", "queue*")
"""The compensation is repeated until it succeeds."""

SELF_UNDOING_WORDS = ("expir*", "ttl", "automatic*", "times out", "time out", "lapses")
"""The effect undoes itself (a reservation that expires): nothing can refuse that."""

PIVOT_PHRASES = (
    "point of no return",
    "pivot*",
    "no going back",
    "cannot go back",
    "can not go back",
    "cannot be undone",
    "can not be undone",
    "can t be undone",
    "cannot be reversed",
    "can not be reversed",
    "irreversibl*",
    "not reversible",
    "never rolled back",
    "never roll back",
    "never rolls back",
    "no longer roll back",
    "no longer be undone",
    "never undone",
    "never compensated",
    "go no go",
    "commit point",
    "commits the saga",
    "not roll back",
    "not rolled back",
    "does not roll back",
    "no rollback",
    "only moves forward",
    "only move forward",
    "moves forward only",
    "never unwind*",
    "never try to unwind",
)
"""A step said to be the go/no-go step: once it succeeds the flow is not undone."""

PAST_PIVOT_WORDS = word_set("past after beyond already since once")
"""Before a pivot phrase these make it a reference to an earlier step (``past the pivot``).

``once`` is special: ``once this succeeds there is no going back`` marks the step itself;
the reader treats ``once`` as a reference only when another step is named.
"""

CANNOT_FAIL_PHRASES = (
    "cannot fail",
    "can not fail",
    "never fails",
    "never fail",
    "always succeed*",
)
"""A step stated never to fail."""

FAILURE_WORDS = (
    "fail*",
    "error*",
    "declin*",
    "reject*",
    "refus*",
    "timeout*",
    "time out",
    "timed out",
    "times out",
    "unavailable",
    "down",
    "insufficient",
    "invalid*",
    "expired",
    "conflict*",
    "compensat*",
    "rollback*",
    "roll back",
    "rolled back",
    "refund*",
    "cancel*",
    "releas*",
    "retr*",
    "offline",
    "disconnect*",
    "reconnect*",
    "outage*",
    "lost",
    "crash*",
    "unreachable",
    "denied",
    "sold out",
    "out of stock",
    "stale",
    "duplicat*",
)
"""Words of a test or journey that exercise a failure or recovery path."""

TRIGGER_FAILURE_WORDS = (
    "fail*",
    "is down",
    "are down",
    "goes down",
    "error*",
    "times out",
    "timed out",
    "is rejected",
    "are rejected",
    "is declined",
    "is refused",
    "declines",
    "rejects",
    "refuses",
    "cannot",
    "can not",
    "expires",
    "expired",
    "times out",
    "timed out",
    "is cancelled",
    "is canceled",
    "cancels",
    "not found",
    "is missing",
)
"""How a sentence says that something failed (``If payments fails``, ``the card is declined``)."""

TRIGGER_SUCCESS_WORDS = (
    "succeed*",
    "completes",
    "completed",
    "complete",
    "has succeeded",
    "is done",
)
"""How a sentence says that something succeeded (``after inventory succeeds``)."""

FINAL_STATE_WORDS = (
    "final state",
    "end state",
    "resulting state",
    "result",
    "outcome",
    "state",
    "status",
    "remains",
    "no * remains",
    "nothing remains",
    "left",
)
"""The last item of a compensation list that says how things end, not what to undo."""

INFRASTRUCTURE_NAMES = word_set(
    "frontend front end ui web webapp client clients browser mobile app apps spa "
    "database db postgres postgresql mysql redis kafka rabbitmq sqs sns nats broker bus "
    "eventbus gateway apigateway cdn cache queue scheduler cron worker workers infra "
    "infrastructure adapters adapter ports port http grpc websocket websockets middleware "
    "backend server storage s3 blob logging metrics telemetry observability"
)
"""Technical parts of a system, not bounded contexts (the corpus labels' ``excluded``).

A Modules Involved row that names one of these (``frontend``, ``adapters/stripe``) is a
layer or an adapter, not a module of the architecture: a lower-severity finding of its own.
"""

LAYER_WORDS = word_set(
    "adapter adapters port ports domain application infrastructure infra handler handlers "
    "controller controllers repository repositories api http web ui frontend backend worker "
    "workers job jobs cron consumer consumers listener listeners subscriber subscribers "
    "projection projections service services module modules layer library libraries lib "
    "package sdk client relay"
)
"""Words that name a layer or a part of a module (``Events - Event Handler``, ``session/api``)."""

ROLE_NAMES = ("Producer", "Consumer", "Both")
"""The seed's module roles."""

ROLE_SYNONYMS: dict[str, str] = {
    "producer": "Producer",
    "publisher": "Producer",
    "owner": "Producer",
    "source": "Producer",
    "writer": "Producer",
    "consumer": "Consumer",
    "subscriber": "Consumer",
    "reader": "Consumer",
    "observer": "Consumer",
    "listener": "Consumer",
    "both": "Both",
    "producerconsumer": "Both",
    "orchestrator": "Both",
    "coordinator": "Both",
}
"""Roles people write instead of the seed's three, and the seed role they mean."""

CONSISTENCY_KINDS = ("strong", "eventual")
"""The consistency a Shared State row promises, as one word of its Consistency cell."""


TYPE_HEADING_WORDS = word_set(
    "types type interfaces interface port ports protocol protocols trait traits envelope "
    "schema schemas dto dtos structs struct"
)
"""Words of a heading under which a spec writes its shared types (``Port Definition``,
``Domain Types``, ``Message Protocol``, ``Event Envelope``)."""
