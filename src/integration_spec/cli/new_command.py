"""``integration-spec new``: draft a spec from the architecture (thin: options in, result out)."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import click

from integration_spec.cli.errors import (
    EXIT_INPUT_ERROR,
    fail,
    os_error_diagnostic,
    reports_input_errors,
)
from integration_spec.cli.options import quiet_option

if TYPE_CHECKING:
    from integration_spec import DraftError, DraftResult, ModulesNotPinnedError

TYPES = ("User Journey", "System Process", "Data Flow")


def _spec_type(_: click.Context, __: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    wanted = value.replace("-", " ").replace("_", " ").strip().casefold()
    for kind in TYPES:
        if kind.casefold() == wanted:
            return kind
    raise click.BadParameter(f"'{value}' is not one of: " + ", ".join(TYPES))


@click.command(
    "new",
    epilog="\b\nExamples:\n"
    '  integration-spec new refund-cancelled "Refund a cancelled order and restock the items"\n'
    '  integration-spec new guest-returns "Guest returns an item" --modules checkout,payments\n'
    '  integration-spec new order-fulfillment --flow "payments>checkout>inventory>shipping"\n'
    "  integration-spec new price-sync --modules catalog,pricing,cart --stdout --format json\n"
    "\b\nA description that does not pin the modules down (a word no module declares, or one\n"
    "met only through the thesaurus) is asked about on a terminal and refused elsewhere.",
)
@click.argument("name", callback=lambda _, __, value: _one_token(value))
@click.argument("description", required=False)
@click.option("--flow", metavar='"A>B>C"', help="The step order, module by module.")
@click.option(
    "--modules", metavar="A,B,C", help="The modules taking part; the planner orders them."
)
@click.option(
    "--type",
    "spec_type",
    callback=_spec_type,
    metavar="TYPE",
    help="User Journey, System Process or Data Flow [default: User Journey when the first "
    "step has an HTTP endpoint, else System Process].",
)
@click.option(
    "--priority",
    type=click.Choice(["P0", "P1", "P2", "P3"], case_sensitive=False),
    default="P2",
    show_default=True,
    help="Priority written in the header.",
)
@click.option(
    "--architecture",
    "architecture_path",
    type=click.Path(path_type=Path),
    help="Architecture document [default: from [tool.integration-spec], else "
    "docs/architecture/SYSTEM-ARCHITECTURE.md under the root].",
)
@click.option(
    "--root",
    type=click.Path(file_okay=False, path_type=Path),
    help="Project root [default: the nearest folder with the configuration, else the current one].",
)
@click.option("--stdout", "to_stdout", is_flag=True, help="Print the spec; write nothing.")
@click.option("--force", is_flag=True, help="Overwrite an existing spec; write despite triage.")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["md", "json"]),
    default="md",
    show_default=True,
    help="md: the spec itself; json: the spec model with the module picks and triage.",
)
@quiet_option
@reports_input_errors
def new(
    name: str,
    description: str | None,
    flow: str | None,
    modules: str | None,
    spec_type: str | None,
    priority: str,
    architecture_path: Path | None,
    root: Path | None,
    to_stdout: bool,
    force: bool,
    output_format: str,
    quiet: bool,
) -> None:
    """Draft features/integrations/NAME.md from the architecture and DESCRIPTION.

    Modules come from --flow or --modules, or are ranked from the description (the reason
    for each pick is shown). Without a description or modules, a terminal is asked for
    them. Exit codes: 0 written (or printed), 2 bad input, an existing spec without
    --force, or a single-module feature without --force.
    """
    from integration_spec import DraftError, ModulesNotPinnedError, draft_spec

    if flow and modules:
        raise click.UsageError("give either --flow or --modules, not both")
    steps = _split(flow, ">") if flow else ()
    named = _split(modules, ",") if modules else ()
    if not (description and description.strip()) and not steps and not named:
        description, named = _ask()
    project, configured = _project(root)
    architecture = architecture_path or configured
    try:
        result = draft_spec(
            name,
            description,
            root=project,
            architecture=architecture,
            flow=steps,
            modules=named,
            spec_type=spec_type,
            priority=priority.upper(),
            write=not to_stdout,
            force=force,
        )
    except ModulesNotPinnedError as error:
        if not _stdin_is_terminal():
            _fail(error)
        named = _ask_modules(error)
        try:
            result = draft_spec(
                name,
                description,
                root=project,
                architecture=architecture,
                modules=named,
                spec_type=spec_type,
                priority=priority.upper(),
                write=not to_stdout,
                force=force,
            )
        except DraftError as retry:
            _fail(retry)
    except DraftError as error:
        _fail(error)
    except OSError as error:  # the folder cannot be made or written: a file in the way, no rights
        fail(os_error_diagnostic(error, writing=True, path=f"features/integrations/{name}.md"))
    _report(result, to_stdout=to_stdout, output_format=output_format, quiet=quiet)


def _one_token(name: str) -> str:
    """A name is one printable word: a newline or control character never reaches a path."""
    if not name.isprintable() or name != name.strip() or any(char.isspace() for char in name):
        raise click.BadParameter(
            f"{name!r} contains white space or a control character; give a kebab-case name "
            "such as guest-checkout",
            param_hint="'NAME'",
        )
    return name


def _fail(error: DraftError) -> NoReturn:
    click.echo(f"error: {error.message}", err=True)
    if error.hint:
        click.echo(f"hint: {error.hint}", err=True)
    sys.exit(EXIT_INPUT_ERROR)


def _ask_modules(error: ModulesNotPinnedError) -> tuple[str, ...]:
    """The interactive mode: show the ranked candidates and ask which modules take part."""
    from integration_spec import Candidate

    click.echo(
        f"The description does not pin the modules down ({error.message.split(': ', 1)[-1]}).",
        err=True,
    )
    candidates = [item for item in error.candidates if isinstance(item, Candidate)]
    for number, candidate in enumerate(candidates[:9], start=1):
        click.echo(f"  {number}. {candidate.module}: {candidate.reason}", err=True)
    answer = click.prompt(
        "Which modules take part? (names or numbers, comma-separated)", err=True
    ).strip()
    chosen = []
    for part in _split(answer, ","):
        if part.isdigit() and 1 <= int(part) <= len(candidates[:9]):
            chosen.append(candidates[int(part) - 1].module)
        else:
            chosen.append(part)
    return tuple(chosen)


def _split(text: str, separator: str) -> tuple[str, ...]:
    parts = tuple(part.strip() for part in text.replace("→", ">").split(separator))
    if not all(parts):
        raise click.BadParameter(f"empty module name in '{text}'")
    return parts


def _ask() -> tuple[str | None, tuple[str, ...]]:
    """Ask for a description (or modules) on a terminal; never wait on a pipe."""
    if not _stdin_is_terminal():
        click.echo(
            "error: no description, --modules or --flow given, and there is no terminal to "
            "ask for them",
            err=True,
        )
        click.echo(
            'hint: integration-spec new NAME "what the feature does" (or --modules A,B,C)',
            err=True,
        )
        sys.exit(EXIT_INPUT_ERROR)
    description = click.prompt(
        "What does the feature do? (empty to name the modules instead)",
        default="",
        show_default=False,
    ).strip()
    if description:
        return description, ()
    answer = click.prompt("Which modules take part? (comma-separated)").strip()
    return None, _split(answer, ",")


def _stdin_is_terminal() -> bool:
    return sys.stdin.isatty()


def _project(root: Path | None) -> tuple[Path, Path | None]:
    """The project root and the architecture it uses (configured, else the default), if any.

    ``--root`` names the root; its configuration counts only when it is the root's own.
    """
    from integration_spec import load_project

    project = load_project(root)
    if root is not None and project.root != Path(os.path.normpath(root.absolute())):
        return root, None  # a parent project's settings are relative to the parent
    return project.root, project.architecture_for()


def _report(result: DraftResult, *, to_stdout: bool, output_format: str, quiet: bool) -> None:
    draft = result.draft
    todo = result.markdown.count("TODO")
    if output_format == "json":
        from integration_spec._api import spec_jsonable

        payload = {
            "path": result.relative_path,
            "written": result.written,
            "architecture": str(result.architecture_path),
            "modules": [
                {"module": pick.module, "score": pick.score, "reason": pick.reason}
                for pick in draft.selection.picks
            ],
            "triage": draft.triage.as_dict(),
            "todo_markers": todo,
            "spec": spec_jsonable(draft.spec),
        }
        if to_stdout:
            payload["markdown"] = result.markdown
        click.echo(json.dumps(payload, indent=2, ensure_ascii=False))
        return
    if not quiet:
        for pick in draft.selection.picks:
            click.echo(f"module {pick.module}: {pick.reason}", err=True)
        click.echo(f"triage: {draft.triage.decision.value} ({draft.triage.reason})", err=True)
    if to_stdout:
        click.echo(result.markdown, nl=False)
        return
    modules = len(draft.flow.modules)
    click.echo(
        f"wrote {result.relative_path}: {modules} modules, {len(draft.flow.stages)} steps, "
        f"{todo} TODO marker{'s' if todo != 1 else ''} to resolve"
    )
