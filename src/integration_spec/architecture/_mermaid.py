"""Calls drawn in Mermaid diagrams: flowchart arrows, sequence-diagram requests, C4 ``Rel``.

A diagram is structure with a grammar, like a table: ``A[Orders] --> B[Payments]`` says
that Orders calls (depends on) Payments, ``O->>P: authorize`` that O sends P a request,
``Rel(orders, payments, "charges")`` the same in C4. The reader takes only what the
grammar makes certain:

- solid arrows (``-->``, ``==>``, ``->>``, ``->``); dotted flowchart arrows (``-.->``)
  and dashed sequence arrows (``-->>``, replies) are asynchronous or answers, not calls;
- both ends must name modules of the document (by label or id); arrows to databases,
  queues and people are dropped.

Lines are read one at a time and lines longer than ``_MAX_LINE`` are skipped, so every
pattern runs on a short input.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_MAX_LINE = 600
_COMMENT = re.compile(r"%%.*$")
_KIND = re.compile(r"^\s*(graph|flowchart|sequenceDiagram|C4\w*)\b")
_SKIP = re.compile(
    r"^\s*(?:classDef|class|style|linkStyle|click|direction|end|title|accTitle|accDescr)\b"
)
_SUBGRAPH = re.compile(r'^\s*subgraph\s+([^\s\["]+)?\s*(?:\[\s*"?([^"\]]*)"?\s*\]|"([^"]*)")?(.*)$')
_TEXT_EDGE = re.compile(r"(?<![-=.<])(--|==)\s+([^\-=|>\s][^|>\-=]{0,100})\s+(-->|==>|---)")
_EDGE = re.compile(r"\s*(<?)(-{2,}|={2,}|-\.+-)([>xo]?)\s*(?:\|[^|]{0,200}\|)?\s*")
_NODE = re.compile(
    r"^\s*([^\s\[\](){}<>|&\"]+)\s*"
    r"(?:(\[\[|\[\(|\[/|\[\\|\(\(|\(\[|\[|\(|\{\{|\{|>)(.*?)(\]\]|\)\]|/\]|\\\]|\)\)|\]\)|\]|\)|\}\}|\}))?"
    r"\s*(?::::\w+)?\s*$"
)
_PARTICIPANT = re.compile(r"^\s*(?:participant|actor)\s+(\S+)(?:\s+as\s+(.+?))?\s*$")
_MESSAGE = re.compile(
    r"^\s*([^\s:>+\-]+)\s*(-->>|->>|-->|->|--x|-x|--\)|-\))\s*[+\-]?\s*([^\s:]+)\s*:(.*)$"
)
_C4_ELEMENT = re.compile(r"^\s*[A-Z]\w*(?:_Ext)?\(\s*(\w+)\s*,\s*\"([^\"]*)\"")
_C4_REL = re.compile(r"^\s*(?:Rel|Rel_\w+)\(\s*(\w+)\s*,\s*(\w+)")
_BREAK = re.compile(r"<br\s*/?>|\\n", re.IGNORECASE)
"""A line break in a label: ``<br/>``, or a written ``\\n`` (``"Handlers\\n(/api/chat)"``)."""
_CALL_ARROWS = frozenset({"->>", "->", "-x"})


@dataclass(frozen=True, slots=True)
class DiagramCall:
    """An arrow from one node to another; each end as ``(label, id)`` to match modules by."""

    source: tuple[str, ...]
    target: tuple[str, ...]
    line: int
    kind: str
    """``flowchart``, ``sequence diagram`` or ``C4 diagram``: for the evidence."""
    text: str = ""
    """The message of a sequence-diagram request (``POST /orders``)."""


@dataclass(frozen=True, slots=True)
class GroupedNode:
    """A flowchart node drawn inside a subgraph: ``subgraph Services`` ... ``O[Orders]``."""

    label: str
    group: str
    line: int


def is_mermaid(info: str, content: str) -> bool:
    """A ``mermaid`` fence, or an unlabelled fence that starts like a Mermaid diagram."""
    if info.split()[:1] == ["mermaid"]:
        return True
    first = next((line for line in content.split("\n") if line.strip()), "")
    return not info and _KIND.match(first) is not None


def diagram_calls(content: str, first_line: int) -> list[DiagramCall]:
    """Every call a Mermaid diagram draws; ``first_line`` is the line of its first row."""
    lines = content.split("\n")
    kind = next((m.group(1) for line in lines if (m := _KIND.match(line))), "")
    if kind == "sequenceDiagram":
        return _sequence(lines, first_line)
    if kind.startswith("C4"):
        return _c4(lines, first_line)
    if kind in ("graph", "flowchart"):
        return _flowchart(lines, first_line)
    return []


def grouped_nodes(content: str, first_line: int, *, ungrouped: bool = False) -> list[GroupedNode]:
    """Nodes of a flowchart with the label of the subgraph they are drawn in.

    A subgraph groups what belongs together; under a label that means a set of units
    (``subgraph Services``) its nodes are those units. With ``ungrouped`` the nodes drawn
    outside every subgraph come too, with an empty group.
    """
    lines = content.split("\n")
    kind = next((m.group(1) for line in lines if (m := _KIND.match(line))), "")
    if kind not in ("graph", "flowchart"):
        return []
    groups: list[str] = []
    labels: dict[str, str] = {}
    placed: dict[str, GroupedNode] = {}
    for offset, raw in enumerate(lines):
        line = _COMMENT.sub("", raw)
        if len(line) > _MAX_LINE or not line.strip() or _KIND.match(line):
            continue
        if re.match(r"^\s*end\s*$", line):
            if groups:
                groups.pop()
            continue
        subgraph = _SUBGRAPH.match(line)
        if subgraph is not None:
            label = subgraph.group(2) or subgraph.group(3) or subgraph.group(1) or ""
            groups.append(_label(label or (subgraph.group(4) or "")))
            continue
        if _SKIP.match(line) or not (groups or ungrouped):
            continue
        line = _TEXT_EDGE.sub(lambda match: match.group(3), line)
        parts = _EDGE.split(line)
        for index in range(0, len(parts), 4):
            for identifier in _nodes(parts[index], labels):
                if identifier not in placed and identifier in labels:
                    placed[identifier] = GroupedNode(
                        labels[identifier], groups[-1] if groups else "", first_line + offset
                    )
    return list(placed.values())


_WRAPS = frozenset({"&", "and", "/", ",", "+", "-", "of", "for"})
"""Last words of a line that say the name goes on (``Client Pool &<br/>Spooler``)."""


def _label(text: str) -> str:
    """A node's name: its first line, joined with the next while a line ends mid-name."""
    lines = _BREAK.split(text)
    name = lines[0].strip()
    for following in lines[1:]:
        last = name.split()[-1].casefold() if name.split() else ""
        if last not in _WRAPS or following.strip().startswith("("):
            break
        name = f"{name} {following.strip()}"
    return name.strip().strip("\"'`").strip()


def _flowchart(lines: list[str], first_line: int) -> list[DiagramCall]:
    labels: dict[str, str] = {}
    edges: list[tuple[str, str, int]] = []
    for offset, raw in enumerate(lines):
        line = _COMMENT.sub("", raw)
        if len(line) > _MAX_LINE or not line.strip() or _KIND.match(line) or _SKIP.match(line):
            continue
        subgraph = _SUBGRAPH.match(line)
        if subgraph is not None:
            identifier = subgraph.group(1) or ""
            label = subgraph.group(2) or subgraph.group(3) or ""
            if identifier:
                labels.setdefault(identifier, _label(label or identifier))
            continue
        line = _TEXT_EDGE.sub(lambda match: match.group(3), line)
        parts = _EDGE.split(line)
        # parts: node, "<", shaft, head, node, "<", shaft, head, node ...
        groups = [_nodes(parts[index], labels) for index in range(0, len(parts), 4)]
        for index in range(1, len(parts) - 3, 4):
            left, shaft, head = parts[index], parts[index + 1], parts[index + 2]
            sources, targets = groups[(index - 1) // 4], groups[(index + 3) // 4]
            if "." in shaft or head != ">" or left == "<":
                continue
            edges += [(s, t, first_line + offset) for s in sources for t in targets]
    return [
        DiagramCall(
            source=(labels.get(s, s), s), target=(labels.get(t, t), t), line=line, kind="flowchart"
        )
        for s, t, line in edges
    ]


def _nodes(segment: str, labels: dict[str, str]) -> list[str]:
    """Node ids of ``A & B[Label]``, recording labels on the way."""
    identifiers: list[str] = []
    for part in _split_outside_brackets(segment):
        match = _NODE.match(part)
        if match is None or not match.group(1):
            continue
        identifier = match.group(1)
        if match.group(3) is not None:
            labels.setdefault(identifier, _label(match.group(3)))
        identifiers.append(identifier)
    return identifiers


def _split_outside_brackets(segment: str) -> list[str]:
    """``A & B[Search & Browse]`` -> ``A``, ``B[Search & Browse]``: ``&`` in a label stays."""
    parts: list[str] = []
    depth = 0
    start = 0
    for index, char in enumerate(segment):
        if char in "[({":
            depth += 1
        elif char in "])}":
            depth = max(0, depth - 1)
        elif char == "&" and depth == 0:
            parts.append(segment[start:index])
            start = index + 1
    parts.append(segment[start:])
    return parts


def _sequence(lines: list[str], first_line: int) -> list[DiagramCall]:
    labels: dict[str, str] = {}
    calls: list[DiagramCall] = []
    for offset, raw in enumerate(lines):
        line = _COMMENT.sub("", raw)
        if len(line) > _MAX_LINE:
            continue
        participant = _PARTICIPANT.match(line)
        if participant is not None:
            identifier = participant.group(1)
            labels[identifier] = _label(participant.group(2) or identifier)
            continue
        message = _MESSAGE.match(line)
        if message is None or message.group(2) not in _CALL_ARROWS:
            continue
        source, target = message.group(1), message.group(3)
        if source == target:
            continue
        calls.append(
            DiagramCall(
                source=(labels.get(source, source), source),
                target=(labels.get(target, target), target),
                line=first_line + offset,
                kind="sequence diagram",
                text=message.group(4).strip(),
            )
        )
    return calls


_PAST_IRREGULAR = frozenset({"sent", "paid", "held", "made", "done", "built", "sold", "won"})
_CAMEL_PART = re.compile(r"[A-Z]+[a-z0-9]*|[a-z0-9]+")


def is_event_name(text: str) -> bool:
    """One event name in the past tense: ``BookingRequested``, ``ORDER_PAID``, ``order.placed``.

    Read word by word (no backtracking pattern): the name is a single token, PascalCase,
    UPPER_SNAKE or dotted lower case, and its last word (before an ``Event`` suffix) is a
    past participle.
    """
    token = text.strip().strip("`")
    if not token or " " in token or not token.replace("_", "").replace(".", "").isalnum():
        return False
    if token[0].isupper() and "_" not in token and "." not in token:
        words = _CAMEL_PART.findall(token)
    elif token.isupper() or (token.islower() and "." in token):
        words = [part for part in token.replace(".", "_").split("_") if part]
    else:
        return False
    words = [word.casefold() for word in words]
    if len(words) >= 2 and words[-1] == "event":
        words = words[:-1]
    if len(words) < 2:
        return False
    last = words[-1]
    return (last.endswith("ed") and len(last) > 3) or last in _PAST_IRREGULAR


@dataclass(frozen=True, slots=True)
class DiagramEvent:
    """An event a sequence diagram shows a participant send."""

    sender: tuple[str, ...]
    """``(label, id)`` of the participant, to match modules by."""
    name: str
    line: int


def diagram_events(content: str, first_line: int) -> list[DiagramEvent]:
    """Events a sequence diagram's messages name (``BK-->>RT: BookingRequested``).

    A message whose whole text is an event name in the past tense tells that the sender
    announced something; the arrow's style does not matter (events are often drawn as
    dashed or async arrows). Lines longer than ``_MAX_LINE`` are skipped.
    """
    lines = content.split("\n")
    kind = next((m.group(1) for line in lines if (m := _KIND.match(line))), "")
    if kind != "sequenceDiagram":
        return []
    labels: dict[str, str] = {}
    events: list[DiagramEvent] = []
    for offset, raw in enumerate(lines):
        line = _COMMENT.sub("", raw)
        if len(line) > _MAX_LINE:
            continue
        participant = _PARTICIPANT.match(line)
        if participant is not None:
            labels[participant.group(1)] = _label(participant.group(2) or participant.group(1))
            continue
        message = _MESSAGE.match(line)
        if message is None:
            continue
        text = message.group(4).strip()
        if is_event_name(text):
            sender = message.group(1)
            events.append(
                DiagramEvent(
                    (labels.get(sender, sender), sender), text.strip("`"), first_line + offset
                )
            )
    return events


def _c4(lines: list[str], first_line: int) -> list[DiagramCall]:
    labels: dict[str, str] = {}
    relations: list[tuple[str, str, int]] = []
    for offset, raw in enumerate(lines):
        if len(raw) > _MAX_LINE:
            continue
        relation = _C4_REL.match(raw)
        if relation is not None:
            relations.append((relation.group(1), relation.group(2), first_line + offset))
            continue
        element = _C4_ELEMENT.match(raw)
        if element is not None:
            labels.setdefault(element.group(1), _label(element.group(2)))
    return [
        DiagramCall(
            source=(labels.get(s, s), s), target=(labels.get(t, t), t), line=line, kind="C4 diagram"
        )
        for s, t, line in relations
        if s != t
    ]
