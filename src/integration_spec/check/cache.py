"""The content-hash cache: a parsed architecture, and the outcome of an unchanged spec.

Like ruff's ``.ruff_cache``, the cache is a directory at the project root
(``.integration-spec-cache/``, with a ``.gitignore`` and a ``CACHEDIR.TAG`` so that git and
backup tools skip it). One file per input path holds the hash of everything the result
depends on (the tool's version and code, the input's text, the architecture, the
configuration, the rules) and the result, so a changed input replaces its entry instead of
adding one.

Entries are JSON, never pickle: a cache directory can arrive in a checkout, and reading it
must not run code. Decoding builds only the tool's own model values. Writes go to a
temporary file renamed over the entry, so concurrent runs see a whole entry or none; an
unreadable, corrupt or foreign entry is a miss. The cache never fails a run: when the
directory cannot be written, the run goes on without it.
"""

from __future__ import annotations

import dataclasses
import enum
import hashlib
import json
import os
import tempfile
from collections.abc import Iterable
from functools import cache
from importlib import import_module
from pathlib import Path
from typing import Any

from integration_spec._version import __version__

CACHE_DIR = ".integration-spec-cache"
_TAG = "Signature: 8a477f597d28d172789f06886806bc55\n# integration-spec cache, safe to delete\n"
_TRUSTED_MODULES = ("integration_spec.model.", "integration_spec.rules.base")
"""Decoding instantiates classes from these modules only."""


class Cache:
    """Entries under ``root/.integration-spec-cache``, keyed by kind and input path."""

    def __init__(self, root: Path) -> None:
        self.directory = root / CACHE_DIR / __version__

    def load(self, kind: str, path: str, key: str) -> Any | None:
        """The value stored for ``path`` under ``key``, or ``None`` (missing, stale, corrupt)."""
        try:
            with self._entry(kind, path).open(encoding="utf-8") as file:
                entry = json.load(file)
            if not isinstance(entry, dict) or entry.get("key") != key:
                return None
            return decode(entry["value"])
        except (
            OSError,
            ValueError,
            KeyError,
            TypeError,
            AttributeError,
            ImportError,
            RecursionError,
        ):
            return None

    def store(self, kind: str, path: str, key: str, value: Any) -> None:
        """Write an entry atomically; give up quietly when the cache cannot be written."""
        entry = self._entry(kind, path)
        try:
            data = json.dumps({"key": key, "value": encode(value)}, separators=(",", ":"))
            entry.parent.mkdir(parents=True, exist_ok=True)
            self._mark(entry.parents[2])
            handle, temporary = tempfile.mkstemp(dir=entry.parent, prefix=".tmp-")
            try:
                with os.fdopen(handle, "w", encoding="utf-8") as file:
                    file.write(data)
                Path(temporary).replace(entry)
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
        except (OSError, TypeError, ValueError):
            return

    def _entry(self, kind: str, path: str) -> Path:
        name = hashlib.sha256(path.encode("utf-8", "surrogatepass")).hexdigest()[:32]
        return self.directory / kind / f"{name}.json"

    @staticmethod
    def _mark(top: Path) -> None:
        """Tell git and backup tools to skip the directory (written once)."""
        ignore = top / ".gitignore"
        if not ignore.exists():
            ignore.write_text("# Created by integration-spec.\n*\n", encoding="utf-8")
            (top / "CACHEDIR.TAG").write_text(_TAG, encoding="utf-8")


def content_key(*parts: object) -> str:
    """A hash of the inputs of a result, with the tool's version and code in it."""
    digest = hashlib.sha256(code_fingerprint().encode())
    for part in parts:
        digest.update(b"\0")
        digest.update(json.dumps(part, sort_keys=True, default=str).encode("utf-8", "replace"))
    return digest.hexdigest()


@cache
def code_fingerprint() -> str:
    """The version and the size and modification time of every module of the package.

    An editable install changes code without changing the version; a cached result must
    not outlive the rule that produced it.
    """
    package = Path(__file__).resolve().parents[1]
    stamps = [__version__]
    for module in sorted(package.rglob("*.py")):
        info = module.stat()
        stamps.append(f"{module}:{info.st_size}:{info.st_mtime_ns}")
    return hashlib.sha256("\n".join(stamps).encode("utf-8", "replace")).hexdigest()


# -- the codec: model values to JSON and back ---------------------------------------------------


def encode(value: Any) -> Any:
    """A JSON-ready form of a model value (dataclasses, enums, tuples, dicts, scalars)."""
    if isinstance(value, enum.Enum):  # before str: a StrEnum is a str
        return {"e": _name(type(value)), "v": value.value}
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = {field.name: encode(getattr(value, field.name)) for field in _fields(value)}
        return {"c": _name(type(value)), "f": fields}
    if isinstance(value, tuple):
        return {"t": [encode(item) for item in value]}
    if isinstance(value, list):
        return [encode(item) for item in value]
    if isinstance(value, dict):
        return {"d": [[encode(key), encode(item)] for key, item in value.items()]}
    if isinstance(value, frozenset):
        return {"s": [encode(item) for item in sorted(value, key=repr)]}
    raise TypeError(f"cannot cache a {type(value).__name__}")


def decode(value: Any) -> Any:
    """The model value :func:`encode` wrote; raises ``ValueError`` on anything else."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, list):
        return [decode(item) for item in value]
    if not isinstance(value, dict) or len(value) > 2:
        raise ValueError("not a cache value")
    if "t" in value:
        return tuple(decode(item) for item in value["t"])
    if "d" in value:
        return {decode(key): decode(item) for key, item in value["d"]}
    if "s" in value:
        return frozenset(decode(item) for item in value["s"])
    if "e" in value:
        enum_type = _trusted(value["e"])
        if not (isinstance(enum_type, type) and issubclass(enum_type, enum.Enum)):
            raise ValueError("not an enum")
        return enum_type(value["v"])
    if "c" in value:
        cls = _trusted(value["c"])
        if not (isinstance(cls, type) and dataclasses.is_dataclass(cls)):
            raise ValueError("not a model class")
        fields = {name: decode(item) for name, item in value["f"].items()}
        known = {field.name: field for field in dataclasses.fields(cls)}
        if set(fields) - set(known):
            raise ValueError("unknown field")
        instance = cls(**{name: item for name, item in fields.items() if known[name].init})
        for name, item in fields.items():
            if not known[name].init:
                object.__setattr__(instance, name, item)
        return instance
    raise ValueError("not a cache value")


def _fields(value: Any) -> Iterable[dataclasses.Field[Any]]:
    return dataclasses.fields(value)


def _name(cls: type) -> str:
    return f"{cls.__module__}:{cls.__qualname__}"


def _trusted(name: Any) -> Any:
    """A class of the tool's model, by ``module:qualname``; nothing else resolves."""
    if not isinstance(name, str) or ":" not in name:
        raise ValueError("not a class name")
    module_name, _, qualname = name.partition(":")
    if not module_name.startswith(_TRUSTED_MODULES) or not qualname.isidentifier():
        raise ValueError("not a model class")
    return getattr(import_module(module_name), qualname)
