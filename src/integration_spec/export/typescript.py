"""TypeScript declarations of Shared Types as JSON Schemas, for message payloads.

The seed writes Shared Types as a ``typescript`` fence of ``interface`` and ``type``
declarations. This reads exactly those (with ``export``/``declare``, optional fields,
``readonly``, unions, intersections, literals, arrays, ``Array<T>``, ``Record<K, V>`` and
object literals) with a tokenizer and a recursive-descent parser: one pass over the text,
no backtracking, so any input costs linear time. Everything else in the fence (imports,
functions, classes) is skipped. A type that is referred to but not declared in the fence
(``Money`` from the shared kernel, say) becomes an *open* schema, marked
``x-integration-spec-open``, rather than a guess.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

OPEN = "x-integration-spec-open"
"""Marks a schema whose fields the spec does not give (any value passes)."""

SCHEMA_REF = "#/components/schemas/"

_PUNCTUATION = set("{}[]()<>|&;,:?=.")
_PRIMITIVES: dict[str, dict[str, Any]] = {
    "string": {"type": "string"},
    "number": {"type": "number"},
    "bigint": {"type": "integer"},
    "boolean": {"type": "boolean"},
    "null": {"type": "null"},
    "Date": {"type": "string", "format": "date-time"},
    "any": {},
    "unknown": {},
    "object": {"type": "object"},
}
_ARRAYS = {"Array", "ReadonlyArray", "Set", "ReadonlySet"}
_MAPS = {"Record", "Map", "ReadonlyMap"}
_WRAPPERS = {"Readonly", "Partial", "Required", "NonNullable", "Promise"}
_ABSENT = {"undefined", "void", "never"}


@dataclass(frozen=True, slots=True)
class Token:
    """A word, a string or number literal, a punctuation mark, or a comment."""

    kind: str  # "word", "string", "number", "punct", "comment"
    text: str
    line: int


def tokenize(source: str) -> list[Token]:
    """The tokens of ``source``; an unterminated string or comment runs to the end."""
    tokens: list[Token] = []
    index, line, length = 0, 1, len(source)
    while index < length:
        char = source[index]
        if char == "\n":
            line += 1
            index += 1
        elif char.isspace():
            index += 1
        elif source.startswith("//", index):
            end = source.find("\n", index)
            end = length if end < 0 else end
            tokens.append(Token("comment", source[index + 2 : end].strip(), line))
            index = end
        elif source.startswith("/*", index):
            end = source.find("*/", index + 2)
            end = length if end < 0 else end
            body = source[index + 2 : end]
            tokens.append(Token("comment", _block_comment(body), line))
            line += body.count("\n")
            index = end + 2
        elif char in "'\"`":
            end = index + 1
            while end < length and source[end] != char:
                end += 2 if source[end] == "\\" else 1
            text = source[index + 1 : min(end, length)]
            tokens.append(Token("string", text, line))
            line += text.count("\n")
            index = end + 1
        elif char.isalpha() or char in "_$":
            end = index + 1
            while end < length and (source[end].isalnum() or source[end] in "_$"):
                end += 1
            tokens.append(Token("word", source[index:end], line))
            index = end
        elif char.isdigit() or (char == "-" and source[index + 1 : index + 2].isdigit()):
            end = index + 1
            while end < length and (source[end].isalnum() or source[end] == "."):
                end += 1
            tokens.append(Token("number", source[index:end], line))
            index = end
        else:
            if char in _PUNCTUATION:
                tokens.append(Token("punct", char, line))
            index += 1
    return tokens


def _block_comment(body: str) -> str:
    lines = (part.strip().lstrip("*").strip() for part in body.splitlines())
    return " ".join(part for part in lines if part)


@dataclass(frozen=True, slots=True)
class Declaration:
    """A named type: its schema (refs point at other declarations) and its line in the fence."""

    name: str
    schema: dict[str, Any]
    line: int


class _Parser:
    """Recursive descent over the tokens; every method advances or returns, so it ends."""

    def __init__(self, tokens: list[Token]) -> None:
        self.comments: dict[int, str] = {}
        self.tokens: list[Token] = []
        for token in tokens:
            if token.kind == "comment":
                self.comments[token.line] = token.text
            else:
                self.tokens.append(token)
        self.position = 0
        self.references: set[str] = set()

    # -- cursor -------------------------------------------------------------------------

    def peek(self, offset: int = 0) -> Token | None:
        index = self.position + offset
        return self.tokens[index] if index < len(self.tokens) else None

    def at(self, text: str, offset: int = 0) -> bool:
        token = self.peek(offset)
        return token is not None and token.kind in ("punct", "word") and token.text == text

    def take(self) -> Token | None:
        token = self.peek()
        if token is not None:
            self.position += 1
        return token

    def accept(self, text: str) -> bool:
        if self.at(text):
            self.position += 1
            return True
        return False

    def skip_balanced(self, opening: str, closing: str) -> None:
        """Skip from an ``opening`` mark to its matching ``closing`` one."""
        depth = 0
        while (token := self.take()) is not None:
            if token.kind == "punct" and token.text == opening:
                depth += 1
            elif token.kind == "punct" and token.text == closing:
                depth -= 1
                if depth <= 0:
                    return

    # -- declarations ---------------------------------------------------------------------

    def declarations(self) -> Iterator[Declaration]:
        while (token := self.peek()) is not None:
            if token.kind == "word" and token.text in ("export", "declare", "default"):
                self.position += 1
            elif token.kind == "word" and token.text == "interface" and self._named(1):
                yield self.interface()
            elif token.kind == "word" and token.text == "type" and self._named(1):
                declaration = self.type_alias()
                if declaration is not None:
                    yield declaration
            elif token.kind == "word" and token.text == "enum" and self._named(1):
                yield self.enum()
            elif token.kind == "punct" and token.text == "{":
                self.skip_balanced("{", "}")
            else:
                self.position += 1

    def _named(self, offset: int) -> bool:
        token = self.peek(offset)
        return token is not None and token.kind == "word"

    def _head(self) -> tuple[int, str]:
        """The keyword's line and the declared name (both tokens exist: see ``_named``)."""
        keyword, name = self.take(), self.take()
        return (keyword.line if keyword else 0), (name.text if name else "")

    def interface(self) -> Declaration:
        line, name = self._head()
        if self.at("<"):
            self.skip_balanced("<", ">")
        bases: list[dict[str, Any]] = []
        if self.accept("extends"):
            while not self.at("{") and self.peek() is not None:
                base = self.primary()
                if base:
                    bases.append(base)
                if not self.accept(","):
                    break
        body = self.object_literal() if self.at("{") else {"type": "object"}
        schema = {"allOf": [*bases, body]} if bases else body
        return Declaration(name, schema, line)

    def type_alias(self) -> Declaration | None:
        line, name = self._head()
        if self.at("<"):
            self.skip_balanced("<", ">")
        if not self.accept("="):
            return None
        schema = self.union()
        self.accept(";")
        return Declaration(name, schema, line)

    def enum(self) -> Declaration:
        line, name = self._head()
        values: list[str] = []
        if self.accept("{"):
            while (token := self.take()) is not None and not (
                token.kind == "punct" and token.text == "}"
            ):
                if token.kind in ("word", "string"):
                    if self.accept("="):
                        value = self.take()
                        values.append(value.text if value is not None else token.text)
                    else:
                        values.append(token.text)
        return Declaration(name, {"enum": values} if values else {}, line)

    # -- types ----------------------------------------------------------------------------

    def union(self) -> dict[str, Any]:
        self.accept("|")
        members = [self.intersection()]
        while self.accept("|"):
            members.append(self.intersection())
        return _union(members)

    def intersection(self) -> dict[str, Any]:
        self.accept("&")
        members = [self.postfix()]
        while self.accept("&"):
            members.append(self.postfix())
        return members[0] if len(members) == 1 else {"allOf": members}

    def postfix(self) -> dict[str, Any]:
        schema = self.primary()
        while self.at("[") and self.at("]", 1):
            self.position += 2
            schema = {"type": "array", "items": schema}
        return schema

    def primary(self) -> dict[str, Any]:
        token = self.peek()
        if token is None:
            return {}
        if token.kind == "punct":
            return self._punctuated(token.text)
        self.position += 1
        if token.kind == "string":
            return {"const": token.text}
        if token.kind == "number":
            return {"const": _number(token.text)}
        if token.text in ("true", "false"):
            return {"const": token.text == "true"}
        if token.text in ("readonly", "keyof", "typeof", "unique"):
            return self.primary() if token.text == "readonly" else {}
        return self.named(token.text)

    def _punctuated(self, mark: str) -> dict[str, Any]:
        if mark == "{":
            return self.object_literal()
        if mark == "(":
            self.position += 1
            inner = self.union()
            self.accept(")")
            if self.accept("=") and self.accept(">"):  # a function type: not data
                self.union()
                return {}
            return inner
        if mark == "[":
            self.skip_balanced("[", "]")
            return {"type": "array"}
        self.position += 1
        return {}

    def named(self, name: str) -> dict[str, Any]:
        while self.at(".") and self._named(1):  # a qualified name: Foundation.Money
            self.position += 1
            taken = self.take()
            name = taken.text if taken is not None else name
        arguments: list[dict[str, Any]] = []
        if self.accept("<"):
            arguments.append(self.union())
            while self.accept(","):
                arguments.append(self.union())
            self.accept(">")
        if name in _ABSENT:
            return {"not": {}}
        if name in _PRIMITIVES:
            return dict(_PRIMITIVES[name])
        if name in _ARRAYS:
            return {"type": "array", "items": arguments[0] if arguments else {}}
        if name in _MAPS:
            value = arguments[-1] if len(arguments) == 2 else {}
            return {"type": "object", "additionalProperties": value}
        if name in _WRAPPERS:
            return arguments[0] if arguments else {}
        self.references.add(name)
        return {"$ref": SCHEMA_REF + name}

    def object_literal(self) -> dict[str, Any]:
        self.accept("{")
        properties: dict[str, dict[str, Any]] = {}
        required: list[str] = []
        extra: dict[str, Any] | None = None
        while (token := self.peek()) is not None and not self.at("}"):
            if token.kind == "punct" and token.text in ";,":
                self.position += 1
                continue
            if token.kind == "word" and token.text == "readonly" and not self.at(":", 1):
                self.position += 1
                continue
            if self.at("["):  # an index signature: [key: string]: Value
                self.skip_balanced("[", "]")
                extra = self.union() if self.accept(":") else {}
                continue
            if token.kind not in ("word", "string", "number"):
                self.position += 1
                continue
            self.position += 1
            optional = self.accept("?")
            if self.at("(") or self.at("<"):  # a method: not data
                self._skip_member()
                continue
            if not self.accept(":"):
                continue
            schema = self.union()
            comment = self.comments.get(token.line)
            if comment and "$ref" not in schema:
                schema = {**schema, "description": comment}
            properties[token.text] = schema
            if not optional and not _allows_absence(schema):
                required.append(token.text)
        self.accept("}")
        result: dict[str, Any] = {"type": "object", "properties": properties}
        if required:
            result["required"] = required
        if extra is not None:
            result["additionalProperties"] = extra
        return result

    def _skip_member(self) -> None:
        depth = 0
        while (token := self.peek()) is not None:
            if token.kind == "punct" and token.text in "({<[":
                depth += 1
            elif token.kind == "punct" and token.text in ")}>]":
                if depth == 0:
                    return
                depth -= 1
            elif token.kind == "punct" and token.text in ";," and depth == 0:
                return
            self.position += 1


def _number(text: str) -> int | float | str:
    try:
        return int(text)
    except ValueError:
        try:
            return float(text)
        except ValueError:
            return text


def _allows_absence(schema: dict[str, Any]) -> bool:
    """``field: T | undefined`` may be left out, like ``field?: T``."""
    return any(member == {"not": {}} for member in schema.get("anyOf", ()))


def _union(members: list[dict[str, Any]]) -> dict[str, Any]:
    present = [member for member in members if member != {"not": {}}]
    if len(present) < len(members):
        present.append({"not": {}})  # remembered for required; dropped below
    if len(present) == 1:
        return present[0]
    constants = [member["const"] for member in present if set(member) == {"const"}]
    if len(constants) == len(present):
        return {"enum": constants}
    return {"anyOf": present}


def parse_declarations(source: str) -> tuple[list[Declaration], set[str]]:
    """The declarations in ``source`` and every type name they refer to."""
    parser = _Parser(tokenize(source))
    declarations = list(parser.declarations())
    for declaration in declarations:
        _drop_absent(declaration.schema)
    return declarations, parser.references


def _drop_absent(schema: Any) -> None:
    """Remove the ``undefined`` markers once ``required`` has been decided."""
    if isinstance(schema, dict):
        members = schema.get("anyOf")
        if isinstance(members, list):
            kept = [member for member in members if member != {"not": {}}]
            if len(kept) == 1:
                del schema["anyOf"]
                schema.update(kept[0])
            else:
                schema["anyOf"] = kept
        for value in schema.values():
            _drop_absent(value)
    elif isinstance(schema, list):
        for value in schema:
            _drop_absent(value)


def open_schema(description: str) -> dict[str, Any]:
    """A schema that accepts anything, saying why it is open."""
    return {"description": description, OPEN: True}
