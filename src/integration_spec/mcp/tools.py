"""What each MCP tool does, as plain functions over the public API (no MCP import here).

The server in :mod:`integration_spec.mcp.server` registers these; tests call them directly
too. Every path an agent passes is confined to the project root, and every answer is a
JSON-ready ``dict``: the same shapes the CLI prints with ``--format json``.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import asdict
from pathlib import Path
from typing import Any

from integration_spec.draft.errors import DraftError
from integration_spec.source import InputError

MAX_TEXT_BYTES = 4 * 1024 * 1024
"""A spec passed as text obeys the same limit as a spec on disk."""


class ToolInputError(Exception):
    """Input the agent can fix: a path outside the root, an unknown module, a bad name."""


class ServedProject:
    """The project an MCP session serves: its root and where its architecture lives.

    Found by the one project lookup (:func:`integration_spec.load_project`); what this
    adds is the confinement an agent's paths need.
    """

    def __init__(self, root: Path) -> None:
        from integration_spec._api import find_project

        self.root, self.architecture = find_project(root)
        self.root = self.root.resolve()

    def confine(self, path: str) -> Path:
        """``path`` (relative to the root, or absolute) resolved, if it lies inside the root."""
        if not path or "\x00" in path:
            raise ToolInputError("the path is empty or contains a NUL character")
        candidate = Path(path)
        resolved = (candidate if candidate.is_absolute() else self.root / candidate).resolve()
        if resolved != self.root and self.root not in resolved.parents:
            raise ToolInputError(
                f"'{path}' is outside the project root {self.root}; "
                "pass a path inside the project (relative paths are read from the root)"
            )
        return resolved

    def shown(self, path: Path) -> str:
        """A path inside the root as the agent should write it: relative, with '/'."""
        return path.relative_to(self.root).as_posix() if path != self.root else "."

    def load_architecture(self) -> Any:
        """The project's architecture model, or a failure saying where it was looked for."""
        from integration_spec._api import load_architecture

        if not self.architecture.is_file():
            raise ToolInputError(
                f"no architecture document at {self.shown_any(self.architecture)}; set "
                "'architecture' under [tool.integration-spec] in pyproject.toml"
            )
        try:
            return load_architecture(self.architecture)
        except InputError as error:
            raise ToolInputError(error.diagnostic.format_text()) from None

    def shown_any(self, path: Path) -> str:
        """``path`` relative to the root when inside it, else as given."""
        try:
            return self.shown(path.resolve())
        except ValueError:
            return path.as_posix()


def _failure(error: DraftError | InputError) -> ToolInputError:
    if isinstance(error, InputError):
        return ToolInputError(error.diagnostic.format_text())
    return ToolInputError(f"{error.message} (hint: {error.hint})" if error.hint else error.message)


def list_modules(project: ServedProject) -> dict[str, Any]:
    """Every module: name, responsibility, build phase and dependencies."""
    architecture = project.load_architecture()
    return {
        "architecture": project.shown_any(project.architecture),
        "modules": [
            {
                "name": module.name,
                "responsibility": module.responsibility,
                "phase": module.phase,
                "dependencies": list(module.dependencies),
            }
            for module in architecture.modules
        ],
        "reader_diagnostics": [d.format_text() for d in architecture.diagnostics],
    }


def describe_module(project: ServedProject, name: str) -> dict[str, Any]:
    """Everything the architecture declares of one module, with the line of each attribute."""
    from integration_spec.draft.context import module_facts
    from integration_spec.draft.selection import resolve_module

    architecture = project.load_architecture()
    try:
        module = resolve_module(architecture, name)
    except DraftError as error:
        raise _failure(error) from None
    facts = asdict(module_facts(module))
    facts["evidence_lines"] = facts.pop("lines")
    facts["dependents"] = [
        other.name for other in architecture.modules if other.depends_on(module.name)
    ]
    return facts


def grounding_context(
    project: ServedProject, description: str | None, modules: list[str] | None
) -> dict[str, Any]:
    """The grounding context of a feature description (``integration-spec context``)."""
    from integration_spec._api import grounding_context as context

    try:
        return context(
            description, root=project.root, architecture=project.architecture, modules=modules or ()
        ).as_dict()
    except (DraftError, InputError) as error:
        raise _failure(error) from None


def triage(
    project: ServedProject, modules: list[str] | None, spec_path: str | None
) -> dict[str, Any]:
    """The seed's When-to-Use decision from module names or from a spec."""
    from integration_spec._api import parse_spec, triage_modules, triage_spec

    architecture = project.load_architecture()
    try:
        if spec_path:
            spec = parse_spec(project.confine(spec_path))
            return triage_spec(spec, architecture).as_dict()
        if not modules:
            raise ToolInputError("give the modules that change, or the path of a spec")
        return triage_modules(modules, architecture=architecture).as_dict()
    except InputError as error:
        raise _failure(error) from None


def draft(
    project: ServedProject,
    name: str,
    description: str | None,
    modules: list[str] | None,
    flow: list[str] | None,
) -> dict[str, Any]:
    """A spec skeleton from the architecture (never written: the agent writes the file)."""
    from integration_spec._api import draft_spec

    try:
        result = draft_spec(
            name,
            description,
            root=project.root,
            architecture=project.architecture,
            modules=modules or (),
            flow=flow or (),
        )
    except (DraftError, InputError) as error:
        raise _failure(error) from None
    return {
        "path": result.relative_path,
        "exists": result.path.exists(),
        "modules": [
            {"module": pick.module, "reason": pick.reason} for pick in result.draft.selection.picks
        ],
        "triage": result.draft.triage.as_dict(),
        "todo_markers": result.markdown.count("TODO"),
        "markdown": result.markdown,
    }


def check_spec(
    project: ServedProject, path: str | None, text: str | None, name: str | None
) -> dict[str, Any]:
    """The CLI's JSON report for one spec, given as a path inside the root or as text.

    Text is checked as ``features/integrations/<name>.md`` of this project: it is written
    to a private temporary folder (never into the project), and the report names the
    path it would have. Only ST011 (does the Architecture reference resolve?) cannot look
    at a file that does not exist yet and stays silent.
    """
    if (path is None) == (text is None):
        raise ToolInputError("give exactly one of 'path' or 'text'")
    if path is not None:
        return _check_file(project, project.confine(path), None)
    assert text is not None
    if len(text.encode("utf-8")) > MAX_TEXT_BYTES:
        raise ToolInputError(f"the text is over the limit of {MAX_TEXT_BYTES:,} bytes")
    file_name = _spec_file_name(name)
    with tempfile.TemporaryDirectory(prefix="ispec-mcp-") as folder:
        temporary = Path(folder) / file_name
        temporary.write_text(text, encoding="utf-8")
        return _check_file(project, temporary, f"features/integrations/{file_name}")


def _spec_file_name(name: str | None) -> str:
    from integration_spec.draft.names import validate_name

    if name is None:
        return "spec.md"
    stem = name.removesuffix(".md")
    try:
        return f"{validate_name(stem)}.md"
    except DraftError as error:
        raise _failure(error) from None


def _check_file(project: ServedProject, file: Path, shown: str | None) -> dict[str, Any]:
    from integration_spec._api import CheckRequest, run_check
    from integration_spec.report.json import as_document

    try:
        result = run_check(
            CheckRequest(
                paths=(str(file),),
                start=project.root,
                architecture=str(project.architecture) if project.architecture.is_file() else None,
            )
        )
    except InputError as error:
        raise _failure(error) from None
    document = as_document(result.report)
    given = shown or project.shown(file)
    for diagnostic in document["diagnostics"]:
        if diagnostic["path"] and Path(diagnostic["path"]).resolve() == file.resolve():
            diagnostic["path"] = given
    if document.get("architecture"):
        document["architecture"] = project.shown_any(Path(document["architecture"]))
    summary = document["summary"]
    document["passed"] = summary["errors"] == 0
    return document


def analyze_spec(project: ServedProject, path: str | None, text: str | None) -> dict[str, Any]:
    """Saga plan, fault simulation, boundaries and flow graph of a spec (path or text)."""
    from integration_spec._api import (
        analyze,
        load_architecture,
        load_project,
        parse_spec_text,
    )
    from integration_spec.analysis.api import find_architecture, require_analysable

    if (path is None) == (text is None):
        raise ToolInputError("give exactly one of 'path' or 'text'")
    try:
        if path is not None:
            file = project.confine(path)
            spec = parse_spec_text(_read(file), project.shown(file))
            found = find_architecture(file, spec, start=project.root)
        else:
            assert text is not None
            spec = parse_spec_text(text, "features/integrations/spec.md")
            found = project.architecture if project.architecture.is_file() else None
        require_analysable(spec, spec.path)
        architecture = load_architecture(project.root / found) if found is not None else None
        config = load_project(project.root).config
    except InputError as error:
        raise _failure(error) from None
    report = analyze(spec, architecture, config=config)
    data: dict[str, Any] = report.as_dict()
    return data


def _read(file: Path) -> str:
    from integration_spec.source import read_text

    return read_text(file)


def explain_rule(code: str) -> dict[str, Any]:
    """The documentation of a rule or reserved code."""
    from integration_spec._api import explain_code

    text = explain_code(code)
    if text is None:
        raise ToolInputError(
            f"no rule or code '{code}'; the resource integration-spec://rules lists them"
        )
    return {"code": code.strip().upper(), "documentation": text}


def rules_catalogue() -> list[dict[str, Any]]:
    """Every rule with its code, name, family, severity, summary and checklist items."""
    from integration_spec.rules.registry import all_rules, rule_info

    return [
        {
            "code": info.code,
            "name": info.name,
            "family": info.family,
            "severity": info.default_severity.value,
            "summary": info.summary,
            "checklist": list(rule.checklist),
        }
        for rule, info in ((rule, rule_info(rule)) for rule in all_rules())
    ]


def format_text() -> str:
    """The spec format: the user's /integration-spec definition, shipped with the package."""
    from importlib.resources import files

    return (
        files("integration_spec.agents")
        .joinpath("seed", "integration-spec.md")
        .read_text(encoding="utf-8")
    )


def working_directory(root: Path) -> None:
    """Serve from the project root, so that every relative path means the same thing."""
    os.chdir(root)
