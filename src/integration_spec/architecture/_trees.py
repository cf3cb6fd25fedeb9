"""Modules listed as folders of a source tree drawn in a code block.

A modular code base keeps one folder per module under ``modules/`` (or ``services/``,
``contexts/``, ``domains/``); a document that draws its tree (``├── identity/  principals,
sessions``) lists the modules by those folder names, with a description beside each.
Only direct sub-folders of such a folder count: files (``index.ts``) and deeper folders
are the modules' insides.
"""

from __future__ import annotations

from dataclasses import dataclass

from integration_spec.architecture import _vocabulary as vocab
from integration_spec.model.names import normalize_name

_TREE_CHARS = frozenset("│├└─┬┼┐┘┌|`+\\- \t")
_MAX_LINE = 400
_MAX_ROWS = 2000


@dataclass(frozen=True, slots=True)
class TreeEntry:
    """A module folder: its name, the description written beside it, and its line."""

    name: str
    description: str
    line: int
    folder: str
    """The parent folder as written (``modules/``), for the evidence."""
    ancestors: tuple[str, ...] = ()
    """The folders above ``folder``, outermost first (``infrastructure/``)."""

    @property
    def in_module_folder(self) -> bool:
        """Under a folder that holds nothing but modules (``modules/``, ``contexts/``)."""
        return normalize_name(self.folder) in vocab.MODULE_TREE_FOLDERS

    @property
    def in_infrastructure_code(self) -> bool:
        """Under ``infrastructure/``, ``terraform/``...: modules of the IaC, not the system."""
        return any(
            normalize_name(name) in vocab.INFRASTRUCTURE_TREE_FOLDERS for name in self.ancestors
        )


@dataclass(frozen=True, slots=True)
class _Row:
    depth: int
    name: str
    rest: str
    line: int

    @property
    def is_folder(self) -> bool:
        return self.name.endswith("/")


_MIN_FOLDER_ROWS = 3


def looks_like_tree(content: str) -> bool:
    """Whether a code block draws a file tree (box-drawing branches or ``/``-ended names).

    Without branches, a tree is drawn by indentation alone: several lines that start with
    a ``name/`` folder, at more than one depth.
    """
    if "├" in content or "└" in content or "|--" in content or "+--" in content:
        return True
    folders = set()
    for raw in content.split("\n")[:_MAX_ROWS]:
        first = raw.strip().split(" ", 1)[0]
        if first.endswith("/") and len(first) > 1 and "://" not in raw:
            folders.add((len(raw) - len(raw.lstrip()), first))
    return len(folders) >= _MIN_FOLDER_ROWS and len({depth for depth, _ in folders}) > 1


def tree_modules(content: str, first_line: int) -> list[TreeEntry]:
    """The direct sub-folders of every ``modules/``-like folder in the tree."""
    rows = [
        row
        for offset, raw in enumerate(content.split("\n"))
        if (row := _row(raw, first_line + offset))
    ]
    entries: list[TreeEntry] = []
    for index, row in enumerate(rows):
        if not row.is_folder or normalize_name(row.name) not in vocab.TREE_FOLDERS:
            continue
        children: list[_Row] = []
        for later in rows[index + 1 :]:
            if later.depth <= row.depth:
                break
            children.append(later)
        if not children:
            continue
        top = min(child.depth for child in children)
        ancestors = _ancestors(rows, index)
        entries += [
            TreeEntry(child.name.rstrip("/"), child.rest, child.line, row.name, ancestors)
            for child in children
            if child.depth == top and child.is_folder
        ]
    return entries


def _ancestors(rows: list[_Row], index: int) -> tuple[str, ...]:
    """The folders that contain ``rows[index]``, outermost first."""
    found: list[str] = []
    depth = rows[index].depth
    for row in reversed(rows[:index]):
        if row.depth < depth and row.is_folder:
            found.append(row.name)
            depth = row.depth
    return tuple(reversed(found))


def _row(raw: str, line: int) -> _Row | None:
    if len(raw) > _MAX_LINE:
        return None
    depth = 0
    while depth < len(raw) and raw[depth] in _TREE_CHARS:
        depth += 1
    text = raw[depth:]
    if not text.strip():
        return None
    name, _, rest = text.partition(" ")
    rest = rest.strip().lstrip("#").strip()
    return _Row(depth, name.strip(), rest, line)
