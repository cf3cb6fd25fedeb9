"""How well the markdown architecture reader lists what a careful human lists.

    python benchmarks/bench_architecture.py [--corpus ../shared/corpus] [--half development]
                                            [--save FILE] [--compare FILE] [--failures]

Scores the reader against the hand labels of ``truth.json`` (conventions in the corpus's
``LABELLING.md``), per document and per half of the corpus:

- module precision: found names that are labelled modules, sub-modules, aliases or
  ``excluded`` names (the lenient set), over all names found;
- module recall: labelled (strict) modules found, over the strict modules; F1 of the two;
- dependency recall: labelled ``[from, to]`` edges whose ``from`` is a strict module, found
  as a dependency of the module read for ``from``;
- event and endpoint recall: labelled events and endpoints found on the module read for
  their owner (those labelled ``_unassigned`` on any module);
- refused: the document describes modules but ``integration-spec modules`` would exit 2.

Names match case- and separator-insensitively (``name_key``), through the labels' aliases
and the aliases the reader found in the document; each found module matches one label.

The split: documents of both folders are ordered by the SHA-256 of their file name; the
first half (rounded up) is the DEVELOPMENT half, the rest is HELD-OUT. An entry with a
``half`` key keeps the half it was given (a corpus labelled later, split when it was
collected). Tune the reader on
the development half only; ``--failures`` lists what was missed on the development half
(``--show-held-out`` also on the other half, for the final report only). The gap between
the halves says whether the reader generalises.

Totals are micro-averaged (sums over the documents of a half); the macro F1 (mean of the
per-document F1 of documents with modules) is printed beside it. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from integration_spec import load_architecture
from integration_spec.model.architecture import Architecture, Module
from integration_spec.model.diagnostics import Severity
from integration_spec.model.names import name_key
from integration_spec.source import InputError

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus"
DEVELOPMENT = "development"
HELD_OUT = "held-out"


def split_of(names: list[str]) -> dict[str, str]:
    """Each file name's half: ordered by SHA-256 of the name, first half is development."""
    ordered = sorted(names, key=lambda name: hashlib.sha256(name.encode("utf-8")).hexdigest())
    cut = (len(ordered) + 1) // 2
    return {name: DEVELOPMENT if index < cut else HELD_OUT for index, name in enumerate(ordered)}


@dataclass
class Score:
    """Counts for one document (or summed over many)."""

    found: int = 0
    correct: int = 0
    strict: int = 0
    strict_found: int = 0
    dependencies: int = 0
    dependencies_found: int = 0
    events: int = 0
    events_found: int = 0
    endpoints: int = 0
    endpoints_found: int = 0
    refused: int = 0
    modular: int = 0
    missed: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)
    missed_dependencies: list[str] = field(default_factory=list)
    missed_events: list[str] = field(default_factory=list)
    missed_endpoints: list[str] = field(default_factory=list)
    error: str = ""

    def add(self, other: Score) -> None:
        for name in (
            "found",
            "correct",
            "strict",
            "strict_found",
            "dependencies",
            "dependencies_found",
            "events",
            "events_found",
            "endpoints",
            "endpoints_found",
            "refused",
            "modular",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @property
    def precision(self) -> float | None:
        return self.correct / self.found if self.found else None

    @property
    def recall(self) -> float | None:
        return self.strict_found / self.strict if self.strict else None

    @property
    def f1(self) -> float | None:
        precision, recall = self.precision, self.recall
        if precision is None and recall is None:
            return None
        precision, recall = precision or 0.0, recall or 0.0
        return 2 * precision * recall / (precision + recall) if precision + recall else 0.0

    def ratio(self, part: str, whole: str) -> float | None:
        total = getattr(self, whole)
        return getattr(self, part) / total if total else None


def _keys(name: str, aliases: list[str] | tuple[str, ...] = ()) -> set[str]:
    return {key for key in (name_key(n) for n in (name, *aliases)) if key}


def _endpoint_key(text: str) -> tuple[str, str]:
    parts = text.replace("`", "").split()
    if len(parts) >= 2 and parts[0].isalpha() and parts[0].isupper():
        return parts[0].upper(), parts[1].rstrip("/") or "/"
    return "", (parts[0].rstrip("/") or "/") if parts else ""


def score_document(truth: dict[str, Any], architecture: Architecture) -> Score:
    """Compare one reading with its labels."""
    score = Score()
    aliases: dict[str, list[str]] = truth.get("aliases", {})
    strict: list[str] = truth["modules"]
    children = [child for group in truth.get("submodules", {}).values() for child in group]
    lenient = [*strict, *truth.get("excluded", []), *children]
    label_keys = {name: _keys(name, aliases.get(name, [])) for name in lenient}
    modules = architecture.modules
    score.found = len(modules)
    score.strict = len(strict)
    score.modular = 1 if strict else 0
    matched: dict[str, Module] = {}
    for module in modules:
        keys = _keys(module.name, getattr(module, "aliases", ()))
        label = next(
            (name for name in lenient if name not in matched and keys & label_keys[name]), None
        )
        if label is None:
            score.extra.append(module.name)
            continue
        matched[label] = module
        score.correct += 1
    for name in strict:
        if name in matched:
            score.strict_found += 1
        else:
            score.missed.append(name)
    for source, target in truth.get("dependencies", []):
        if source not in strict:
            continue
        score.dependencies += 1
        module = matched.get(source)
        target_keys = label_keys.get(target) or _keys(target, aliases.get(target, []))
        if module is not None and any(
            _keys(dependency) & target_keys for dependency in module.dependencies
        ):
            score.dependencies_found += 1
        else:
            score.missed_dependencies.append(f"{source} -> {target}")
    for owner, events in truth.get("events", {}).items():
        for event in events:
            score.events += 1
            owners = list(modules) if owner == "_unassigned" else [matched.get(owner)]
            wanted = name_key(event)
            if any(
                module is not None and wanted in {name_key(e) for e in module.domain_events}
                for module in owners
            ):
                score.events_found += 1
            else:
                score.missed_events.append(f"{owner}: {event}")
    for owner, endpoints in truth.get("endpoints", {}).items():
        for endpoint in endpoints:
            score.endpoints += 1
            method, route = _endpoint_key(endpoint)
            owners = list(modules) if owner == "_unassigned" else [matched.get(owner)]
            read = [_endpoint_key(str(e)) for m in owners if m is not None for e in m.endpoints]
            if any(route == r and (not method or method == m) for m, r in read):
                score.endpoints_found += 1
            else:
                score.missed_endpoints.append(f"{owner}: {endpoint}")
    refused = not modules or any(d.severity is Severity.ERROR for d in architecture.diagnostics)
    score.refused = 1 if refused and strict else 0
    return score


def _pct(value: float | None) -> str:
    return "   -" if value is None else f"{value:4.2f}"


def _figures(score: Score, macro: float | None) -> dict[str, float | int | None]:
    return {
        "documents": None,
        "module_precision": score.precision,
        "module_recall": score.recall,
        "module_f1": score.f1,
        "macro_f1": macro,
        "dependency_recall": score.ratio("dependencies_found", "dependencies"),
        "event_recall": score.ratio("events_found", "events"),
        "endpoint_recall": score.ratio("endpoints_found", "endpoints"),
        "refused": score.refused,
        "modular_documents": score.modular,
    }


def run(corpus: Path) -> tuple[dict[str, tuple[str, Score]], float]:
    truth: list[dict[str, Any]] = json.loads((corpus / "truth.json").read_text(encoding="utf-8"))
    halves = split_of([entry["file"] for entry in truth])
    halves.update({entry["file"]: entry["half"] for entry in truth if "half" in entry})
    results: dict[str, tuple[str, Score]] = {}
    started = time.perf_counter()
    for entry in truth:
        path = corpus / entry["folder"] / entry["file"]
        try:
            architecture = load_architecture(path)
            score = score_document(entry, architecture)
        except InputError as error:
            score = Score(strict=len(entry["modules"]), modular=1 if entry["modules"] else 0)
            score.refused = score.modular
            score.error = error.diagnostic.format_text()
            score.missed = list(entry["modules"])
        results[entry["file"]] = (halves[entry["file"]], score)
    return results, time.perf_counter() - started


def summarise(results: dict[str, tuple[str, Score]]) -> dict[str, dict[str, Any]]:
    summary: dict[str, dict[str, Any]] = {}
    for half in (DEVELOPMENT, HELD_OUT, "all"):
        total = Score()
        f1s: list[float] = []
        count = 0
        for name in sorted(results):
            where, score = results[name]
            if half != "all" and where != half:
                continue
            count += 1
            total.add(score)
            if score.strict and score.f1 is not None:
                f1s.append(score.f1)
        figures = _figures(total, sum(f1s) / len(f1s) if f1s else None)
        figures["documents"] = count
        summary[half] = figures
    return summary


def print_documents(results: dict[str, tuple[str, Score]], show: set[str]) -> None:
    print(f"{'document':<52} {'half':<11} found  P    R    F1   dep  evt  end  refused")
    for name in sorted(results, key=lambda n: (results[n][0], n)):
        half, score = results[name]
        if half not in show:
            continue
        print(
            f"{name[:52]:<52} {half:<11} {score.found:5d} {_pct(score.precision)} "
            f"{_pct(score.recall)} {_pct(score.f1)} "
            f"{_pct(score.ratio('dependencies_found', 'dependencies'))} "
            f"{_pct(score.ratio('events_found', 'events'))} "
            f"{_pct(score.ratio('endpoints_found', 'endpoints'))} "
            f"{'REFUSED' if score.refused else ''}"
        )


def print_failures(results: dict[str, tuple[str, Score]], show: set[str]) -> None:
    for name in sorted(results):
        half, score = results[name]
        if half not in show:
            continue
        lines = []
        if score.error:
            lines.append(f"  error: {score.error}")
        if score.missed:
            lines.append(f"  missed modules: {', '.join(score.missed)}")
        if score.extra:
            lines.append(f"  not labelled:   {', '.join(score.extra)}")
        for title, items in (
            ("missed deps", score.missed_dependencies),
            ("missed events", score.missed_events),
            ("missed endpoints", score.missed_endpoints),
        ):
            if items:
                lines.append(f"  {title}: {'; '.join(items)}")
        if lines:
            print(f"\n{name} ({half})")
            print("\n".join(lines))


_ROWS = (
    ("documents", "documents"),
    ("modular_documents", "documents with modules"),
    ("module_precision", "module precision (lenient)"),
    ("module_recall", "module recall"),
    ("module_f1", "module F1 (micro)"),
    ("macro_f1", "module F1 (macro)"),
    ("dependency_recall", "dependency recall"),
    ("event_recall", "event recall"),
    ("endpoint_recall", "endpoint recall"),
    ("refused", "modular documents refused"),
)


def _cell(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.2f}"
    return str(value)


def print_summary(summary: dict[str, dict[str, Any]], before: dict[str, Any] | None) -> None:
    halves = (DEVELOPMENT, HELD_OUT, "all")
    columns: list[tuple[str, str, dict[str, Any]]] = []
    for half in halves:
        if before is not None:
            columns.append((half, "before", before[half]))
        columns.append((half, "now" if before is not None else "", summary[half]))
    print()
    print(f"{'':<28}" + "".join(f"{half:>13}" for half, _, _ in columns))
    if before is not None:
        print(f"{'':<28}" + "".join(f"{label:>13}" for _, label, _ in columns))
    for key, title in _ROWS:
        print(f"{title:<28}" + "".join(f"{_cell(figures[key]):>13}" for _, _, figures in columns))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument(
        "--half",
        choices=(DEVELOPMENT, HELD_OUT, "all"),
        default="all",
        help="which documents to list per document (totals always show both halves)",
    )
    parser.add_argument("--failures", action="store_true", help="list misses per document")
    parser.add_argument(
        "--show-held-out",
        action="store_true",
        help="allow per-document lines and failures of the held-out half",
    )
    parser.add_argument("--save", type=Path, help="write the totals as JSON")
    parser.add_argument("--compare", type=Path, help="totals saved earlier, shown side by side")
    arguments = parser.parse_args()
    if not (arguments.corpus / "truth.json").is_file():
        sys.exit(f"no truth.json under {arguments.corpus}")
    results, seconds = run(arguments.corpus)
    show = {DEVELOPMENT, HELD_OUT} if arguments.half == "all" else {arguments.half}
    if not arguments.show_held_out:
        show.discard(HELD_OUT)
    print_documents(results, show)
    if arguments.failures:
        print_failures(results, show)
    summary = summarise(results)
    before = json.loads(arguments.compare.read_text()) if arguments.compare else None
    print_summary(summary, before)
    print(f"\nread {len(results)} documents in {seconds:.2f} s")
    if arguments.save:
        arguments.save.write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    split = split_of(list(results))
    print(
        "split: "
        + ", ".join(
            f"{half} {sum(1 for h in split.values() if h == half)}"
            for half in (DEVELOPMENT, HELD_OUT)
        )
    )


if __name__ == "__main__":
    main()
