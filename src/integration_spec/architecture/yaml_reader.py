"""The exact reader of ``architecture.yaml``: the Module fields, validated, with line numbers.

Values are validated by pydantic against the dataclass models (imported only here, when a
YAML architecture is read). Every problem points at the line of the offending key, which
PyYAML's node marks give; a file that is not YAML at all, or whose top level is not a
mapping, raises :class:`~integration_spec.source.InputError`.
"""

from __future__ import annotations

import dataclasses
import difflib
from functools import cache
from pathlib import PurePath
from typing import TYPE_CHECKING, Any

import yaml

from integration_spec.architecture._resolve import check_graph, unknown_dependency
from integration_spec.architecture._text import parse_endpoint
from integration_spec.architecture.codes import ArchitectureCode, report
from integration_spec.model.architecture import Architecture, Evidence, Module
from integration_spec.model.diagnostics import Diagnostic
from integration_spec.model.names import name_key, split_names
from integration_spec.source import input_error

if TYPE_CHECKING:
    from pydantic import TypeAdapter

__all__ = ["read_yaml_architecture"]

Path = tuple[str | int, ...]
"""Where a value sits: ``("modules", 2, "phase")``."""

_TOP_KEYS = frozenset({"title", "modules"})
_IGNORED_TOP_KEYS = frozenset({"path", "diagnostics", "skipped", "$schema"})
"""Keys of the serialised model (``ispec modules --format json``) the reader computes itself."""
COMPUTED_MODULE_KEYS = frozenset({"line", "lines", "evidence"})
"""Module keys of ``modules --format json`` that the reader computes; accepted and ignored."""
MODULE_KEYS = frozenset(
    field.name for field in dataclasses.fields(Module) if field.name not in COMPUTED_MODULE_KEYS
)
"""The keys a module of architecture.yaml may have (the input schema lists the same)."""
_ENDPOINT_KEYS = frozenset({"method", "path"})
LIST_KEYS = frozenset(MODULE_KEYS - {"name", "responsibility", "phase"})
"""Module keys whose value is a list (a comma-separated string is accepted too)."""
_TODO = "todo"
_LOAD_ERRORS = (yaml.YAMLError, ValueError, TypeError, OverflowError, RecursionError)
"""What PyYAML raises on bad input: its own errors, and bad dates or numbers or nesting."""


def read_yaml_architecture(text: str, path: str) -> Architecture:
    """Read ``architecture.yaml``; problems inside the file are in ``diagnostics``."""
    data, lines = _load(text, path)
    reader = _YamlReader(path, lines)
    title = reader.title(data)
    modules = reader.modules(data)
    diagnostics = reader.diagnostics + check_graph(modules, path)
    if not modules:
        diagnostics.append(
            report(
                ArchitectureCode.NO_MODULES,
                "no modules found: the file lists no modules under 'modules:'",
                path=path,
                line=lines.get(("modules",)),
            )
        )
    diagnostics.sort(key=lambda diagnostic: diagnostic.line or 0)
    return Architecture(
        title=title, path=path, modules=tuple(modules), diagnostics=tuple(diagnostics)
    )


def _load(text: str, path: str) -> tuple[dict[Any, Any], dict[Path, int]]:
    """Parse the YAML and map every key and item to its line; refuse what is not usable."""
    try:
        node, data = _compose(text)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        problem = error.problem or error.context or "syntax error"
        if error.problem and error.context and error.context_mark:
            problem += f" ({error.context} from line {error.context_mark.line + 1})"
        raise input_error(
            ArchitectureCode.YAML_SYNTAX.value,
            path,
            f"not valid YAML: {problem}",
            line=mark.line + 1 if mark else None,
        ) from None
    except _LOAD_ERRORS as error:
        raise input_error(
            ArchitectureCode.YAML_SYNTAX.value, path, f"not valid YAML: {error}"
        ) from None
    if not isinstance(data, dict) or node is None:
        kind = "empty" if data is None else f"a {type(data).__name__}"
        raise input_error(
            ArchitectureCode.YAML_NOT_MAPPING.value,
            path,
            f"the top level is {kind}, expected a mapping with 'title' and 'modules'",
            line=node.start_mark.line + 1 if node is not None else None,
        )
    return data, _line_map(node)


def _compose(text: str) -> tuple[yaml.Node | None, object]:
    """Compose the node tree (for lines) and build the data from it, safely."""
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        return node, loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()


def _line_map(root: yaml.Node) -> dict[Path, int]:
    """Map every mapping key and sequence item to its line, by path (aliases walked once)."""
    lines: dict[Path, int] = {(): root.start_mark.line + 1}
    seen: set[int] = set()
    stack: list[tuple[Path, yaml.Node]] = [((), root)]
    while stack:
        where, node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                key = str(key_node.value) if isinstance(key_node, yaml.ScalarNode) else "?"
                lines.setdefault((*where, key), key_node.start_mark.line + 1)
                stack.append(((*where, key), value_node))
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                lines.setdefault((*where, index), item.start_mark.line + 1)
                stack.append(((*where, index), item))
    return lines


@cache
def _module_adapter() -> TypeAdapter[Module]:
    from pydantic import TypeAdapter

    return TypeAdapter(Module)


@dataclasses.dataclass(slots=True)
class _YamlReader:
    """Validates the parsed data piece by piece, collecting diagnostics with lines."""

    path: str
    lines: dict[Path, int]
    diagnostics: list[Diagnostic] = dataclasses.field(default_factory=list)

    def line(self, where: Path) -> int | None:
        """Return the line of ``where`` or, when it has none, of the nearest enclosing key."""
        for end in range(len(where), -1, -1):
            found = self.lines.get(where[:end])
            if found is not None:
                return found
        return None

    def error(
        self, code: ArchitectureCode, where: Path, message: str, hint: str | None = None
    ) -> None:
        """Report a problem at the line of ``where``."""
        self.diagnostics.append(
            report(code, message, path=self.path, line=self.line(where), hint=hint)
        )

    def unknown_keys(
        self, body: dict[Any, Any], where: Path, known: frozenset[str], ignored: frozenset[str]
    ) -> None:
        """Report (AX013) every key the format lacks, with a did-you-mean."""
        for key in body:
            if str(key) in known or str(key) in ignored:
                continue
            close = difflib.get_close_matches(str(key), sorted(known), n=1)
            self.error(
                ArchitectureCode.YAML_UNKNOWN_KEY,
                (*where, str(key)),
                f"unknown key {str(key)!r} in {_dotted(where) or 'the top level'}",
                hint=f"did you mean {close[0]!r}?"
                if close
                else f"known keys: {', '.join(sorted(known))}",
            )

    def title(self, data: dict[Any, Any]) -> str:
        """Return the checked ``title``; report the top level's unknown keys."""
        self.unknown_keys(data, (), _TOP_KEYS, _IGNORED_TOP_KEYS)
        title = data.get("title", "")
        if title is None:
            return ""
        if not isinstance(title, str):
            self.error(ArchitectureCode.YAML_INVALID_VALUE, ("title",), "title: expected a string")
            return ""
        return title

    def modules(self, data: dict[Any, Any]) -> list[Module]:
        """Return every valid module; report and drop duplicates and unknown dependencies."""
        raw = data.get("modules")
        entries: list[tuple[Path, dict[Any, Any]]] = []
        if isinstance(raw, list):
            for index, item in enumerate(raw):
                where: Path = ("modules", index)
                if isinstance(item, str):
                    entries.append((where, {"name": item}))
                elif isinstance(item, dict):
                    entries.append((where, item))
                else:
                    self.error(
                        ArchitectureCode.YAML_INVALID_VALUE,
                        where,
                        f"{_dotted(where)}: expected a module (a mapping with 'name'), "
                        f"found {_kind(item)}",
                    )
        elif isinstance(raw, dict):
            for key, body in raw.items():
                where = ("modules", str(key))
                entries.append((where, self._named(where, str(key), body)))
        elif raw is not None:
            self.error(
                ArchitectureCode.YAML_INVALID_VALUE,
                ("modules",),
                f"modules: expected a list or a mapping of modules, found {_kind(raw)}",
            )
        located = [
            (where, module) for where, body in entries if (module := self._module(where, body))
        ]
        return self._resolve(self._unique(located))

    def _named(self, where: Path, key: str, body: object) -> dict[Any, Any]:
        if body is None:
            return {"name": key}
        if not isinstance(body, dict):
            self.error(
                ArchitectureCode.YAML_INVALID_VALUE,
                where,
                f"{_dotted(where)}: expected the module's fields as a mapping, found {_kind(body)}",
            )
            return {"name": key}
        named = body.get("name", key)
        if named != key:
            self.error(
                ArchitectureCode.YAML_INVALID_VALUE,
                (*where, "name"),
                f"{_dotted(where)}: name {named!r} differs from its key {key!r}; the key is used",
            )
        return {**body, "name": key}

    def _module(self, where: Path, body: dict[Any, Any]) -> Module | None:
        """Validate one module; a bad field is reported and left out, a bad name drops it."""
        self.unknown_keys(body, where, MODULE_KEYS, COMPUTED_MODULE_KEYS)
        values = {
            str(key): value
            for key, value in body.items()
            if str(key) in MODULE_KEYS and value is not None
        }
        for key in LIST_KEYS & values.keys():
            values[key] = self._as_list(key, values[key], (*where, key))
        name = values.get("name")
        if not isinstance(name, str) or not name.strip():
            self.error(
                ArchitectureCode.YAML_INVALID_VALUE,
                (*where, "name"),
                f"{_dotted(where)}: every module needs a non-empty 'name'; module skipped",
            )
            return None
        validated = self._validate(where, values)
        if validated is None:
            return None
        module, kept = validated
        lines = {"name": self.line(where) or 0}
        lines.update(
            (key, self.lines[(*where, key)]) for key in kept if (*where, key) in self.lines
        )
        self._todo_markers(where, {key: values[key] for key in kept if key != "name"})
        return dataclasses.replace(
            module, line=self.line(where), lines=lines, evidence=self._evidence(where, module, kept)
        )

    def _construct(self, where: Path) -> str:
        return f"{PurePath(self.path).name} {_dotted(where)}"

    def _evidence(self, where: Path, module: Module, kept: set[str]) -> tuple[Evidence, ...]:
        """Where each value was written: the line of its key or of its list item."""
        found = [
            Evidence(
                field="name",
                value=module.name,
                line=self.line(where) or 1,
                construct=self._construct(where),
            )
        ]
        for key in sorted(kept - {"name"}):
            value = getattr(module, key)
            items = value if isinstance(value, tuple) else (value,)
            for index, item in enumerate(items):
                at: Path = (*where, key, index) if isinstance(value, tuple) else (*where, key)
                found.append(
                    Evidence(
                        field=key,
                        value=str(item),
                        line=self.line(at) or 1,
                        construct=self._construct(at),
                    )
                )
        return tuple(found)

    def _todo_markers(self, where: Path, values: dict[str, Any]) -> None:
        """AX020 for every value that still says TODO (as ``init architecture`` wrote it).

        Names are not checked: a module of a to-do application may be called ``Todo``.
        """
        for key, value in values.items():
            items = value if isinstance(value, list) else [value]
            for index, item in enumerate(items):
                if isinstance(item, str) and item.strip().lower().startswith(_TODO):
                    at: Path = (*where, key, index) if isinstance(value, list) else (*where, key)
                    self.error(
                        ArchitectureCode.TODO_LEFT,
                        at,
                        f"{_dotted(at)} still says {item.strip()[:60]!r}",
                        hint="replace the TODO with what the document means, or delete the key",
                    )

    def _as_list(self, key: str, value: object, where: Path) -> object:
        """Check a list field item by item, so one bad entry does not cost the others.

        ``dependencies: a, b`` is accepted for a list; endpoint strings become mappings.
        """
        if isinstance(value, str):
            value = [value] if key == "invariants" else list(split_names(value))
        if not isinstance(value, list):
            return value
        kept: list[object] = []
        for index, entry in enumerate(value):
            item = self._endpoint(entry, (*where, index)) if key == "endpoints" else entry
            if key != "endpoints" and not isinstance(entry, str):
                self.error(
                    ArchitectureCode.YAML_INVALID_VALUE,
                    (*where, index),
                    f"{_dotted((*where, index))}: expected a string, found {_kind(entry)}",
                )
                item = None
            if item is not None:
                kept.append(item)
        return kept

    def _endpoint(self, entry: object, where: Path) -> dict[str, str] | None:
        """``"POST /orders"`` or ``{method: POST, path: /orders}`` as a mapping, else reported."""
        if isinstance(entry, str):
            endpoint = parse_endpoint(entry)
            if endpoint is not None:
                return {"method": endpoint.method, "path": endpoint.path}
            problem = f"{entry!r} is not an endpoint"
        elif isinstance(entry, dict):
            self.unknown_keys(entry, where, _ENDPOINT_KEYS, frozenset())
            method, route = entry.get("method", ""), entry.get("path")
            if isinstance(method, str) and isinstance(route, str) and route.strip():
                return {"method": method.upper(), "path": route}
            problem = "an endpoint needs a string 'path' (and a string 'method')"
        else:
            problem = f"found {_kind(entry)}"
        self.error(
            ArchitectureCode.YAML_INVALID_VALUE,
            where,
            f"{_dotted(where)}: {problem}; write 'METHOD /path' or {{method, path}}",
        )
        return None

    def _validate(self, where: Path, values: dict[str, Any]) -> tuple[Module, set[str]] | None:
        """Validate with pydantic; drop each field it rejects (reported) and try again."""
        from pydantic import ValidationError

        for _ in range(len(values) + 1):
            try:
                return _module_adapter().validate_python(values), set(values)
            except ValidationError as failure:
                rejected: set[str] = set()
                for error in failure.errors():
                    location: Path = tuple(
                        part if isinstance(part, int) else str(part) for part in error["loc"]
                    )
                    self.error(
                        ArchitectureCode.YAML_INVALID_VALUE,
                        (*where, *location),
                        f"{_dotted((*where, *location))}: {error['msg']}",
                    )
                    rejected.add(str(location[0]) if location else "name")
                if "name" in rejected:
                    return None
                values = {key: value for key, value in values.items() if key not in rejected}
        return None

    def _unique(self, located: list[tuple[Path, Module]]) -> list[tuple[Path, Module]]:
        first: dict[str, Module] = {}
        unique: list[tuple[Path, Module]] = []
        for where, module in located:
            earlier = first.get(name_key(module.name))
            if earlier is None:
                first[name_key(module.name)] = module
                unique.append((where, module))
                continue
            self.diagnostics.append(
                report(
                    ArchitectureCode.DUPLICATE_MODULE,
                    f"module {module.name!r} is listed twice (first at line {earlier.line}); "
                    "the second entry is ignored",
                    path=self.path,
                    line=module.line,
                )
            )
        return unique

    def _resolve(self, located: list[tuple[Path, Module]]) -> list[Module]:
        """Spell dependencies as their modules do; report and drop unknown names."""
        names = {name_key(module.name): module.name for _, module in located}
        resolved: list[Module] = []
        for where, module in located:
            kept: list[str] = []
            written: list[Evidence] = []
            for index, dependency in enumerate(module.dependencies):
                line = self.line((*where, "dependencies", index))
                target = names.get(name_key(dependency))
                if target is None:
                    self.diagnostics.append(
                        unknown_dependency(
                            module.name,
                            dependency,
                            list(names.values()),
                            path=self.path,
                            line=line,
                            strict=True,
                        )
                    )
                elif target == module.name:
                    self.diagnostics.append(
                        report(
                            ArchitectureCode.DEPENDENCY_CYCLE,
                            f"module {module.name!r} lists itself as a dependency",
                            path=self.path,
                            line=line,
                        )
                    )
                elif target not in kept:
                    kept.append(target)
                    at: Path = (*where, "dependencies", index)
                    written.append(
                        Evidence(
                            field="dependencies",
                            value=target,
                            line=line or 1,
                            construct=self._construct(at),
                        )
                    )
            evidence = tuple(item for item in module.evidence if item.field != "dependencies")
            evidence += tuple(written)
            resolved.append(
                dataclasses.replace(module, dependencies=tuple(kept), evidence=evidence)
            )
        return resolved


def _dotted(where: Path) -> str:
    """``("modules", 2, "phase")`` -> ``modules[2].phase``."""
    text = ""
    for part in where:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


_KINDS = {bool: "true/false", int: "a number", float: "a number", str: "a string", list: "a list"}


def _kind(value: object) -> str:
    """Describe a YAML value's type in the words of YAML, not Python."""
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a mapping"
    return _KINDS.get(type(value), f"a {type(value).__name__}")
