"""Rollout rules: feature flags that start off and go away, migration steps that are verified."""

from __future__ import annotations

import re
from collections.abc import Iterator

from integration_spec.facts.sections import has_section
from integration_spec.facts.text import excerpt, has_todo, is_blank, missing_value, plain
from integration_spec.model.diagnostics import Severity
from integration_spec.model.names import normalize_name
from integration_spec.model.spec import FeatureFlag, SectionKey
from integration_spec.rules._structure_support import (
    section_line,
    section_written,
    tokens,
    word_pattern,
)
from integration_spec.rules.base import Family, Finding, Rule, RuleContext

FLAGS = "Rollout includes feature flags"


def _flags(context: RuleContext) -> list[FeatureFlag]:
    """Flag rows that name a flag (placeholder rows and TODOs are left to other rules)."""
    return [
        row
        for row in context.spec.feature_flags
        if not is_blank(row.flag) and not has_todo(row.flag)
    ]


class NoFeatureFlag(Rule):
    """The rollout plan has at least one feature flag.

    A flag is what makes a cross-module launch reversible without a deploy: when the
    third module misbehaves in production, the feature is switched off instead of rolled
    back. The seed's checklist asks for one.

    A spec without a Rollout Plan fails the checklist item too.

    Fails:

        ## Rollout Plan

        ### Migration Steps
        1. Deploy; verify: error rate unchanged

    Passes:

        ## Rollout Plan

        ### Feature Flags
        | Flag | Purpose | Default |
        |------|---------|---------|
        | guest-checkout | Enable guest checkout | off |
    """

    code = "RO001"
    name = "no-feature-flag"
    family = Family.ROLLOUT
    severity = Severity.ERROR
    checklist = (FLAGS,)

    def check(self, context: RuleContext) -> Iterator[Finding]:
        """Report a rollout plan without a named flag, or no rollout plan at all."""
        spec = context.spec
        if not has_section(spec, SectionKey.ROLLOUT):
            yield Finding(
                message="the spec has no Rollout Plan, so no feature flag",
                line=spec.title_line or 1,
                hint="add '## Rollout Plan' with a Feature Flags row: "
                "| <flag> | <what it enables> | off |",
            )
            return
        if not section_written(context, SectionKey.ROLLOUT):
            return
        if _flags(context) or any(has_todo(row.flag) for row in spec.feature_flags):
            return
        yield Finding(
            message="the rollout plan has no feature flag",
            line=section_line(spec, SectionKey.FEATURE_FLAGS, SectionKey.ROLLOUT),
            hint="add a Feature Flags row: | <flag> | <what it enables> | off |",
        )


_OFF = {"off", "false", "disabled", "disable", "0", "no", "inactive"}
_LEAD = {"default", "defaults", "is", "set", "to", "by"}


_PRODUCTION = {"prod", "production", "live"}
_TEST_SETTING = {"test", "tests", "testing", "simulated", "simulation", "simulate", "stub"}


def _defaults_off(value: str) -> bool:
    """Whether a default is off: ``off``, ``false (on in staging)``, ``false in prod``.

    Off where it matters is off: ``true in dev, false in prod`` ships dark to production.
    """
    words = re.findall(r"[a-z0-9]+", plain(value).casefold())
    while words and words[0] in _LEAD:
        words.pop(0)
    if bool(words) and words[0] in _OFF:
        return True
    # Per environment: the clause that names production must say off ("false in prod").
    for clause in re.split(r"[,;/]", plain(value).casefold()):
        found = set(re.findall(r"[a-z0-9]+", clause))
        if found & _PRODUCTION:
            return bool(found & _OFF)
    return False


def _test_setting(purpose: str) -> bool:
    """Whether a flag switches the test rig (``Simulated payment result in tests``).

    No production release depends on it.
    """
    return bool(_TEST_SETTING & set(re.findall(r"[a-z]+", plain(purpose).casefold())))


class FlagNotDefaultOff(Rule):
    """Every feature flag defaults to off.

    New behaviour must be dark when it is deployed, so that deploying and releasing are
    separate steps and the first production traffic is chosen, not accidental. ``off``,
    ``false``, ``disabled``, ``0`` and ``no`` are accepted, in any case and with trailing
    words (``off (on in staging)``), and so is a default that is off in production
    (``true in dev, false in prod``). A flag of the test rig (``Simulated payment result in
    test environments``) releases nothing and is not judged. A warning, not an error: the
    seed's table asks for a default, not for off, and a kill switch or an existing setting
    rightly defaults on.

    Fails:

        ## Rollout Plan

        ### Feature Flags
        | Flag | Purpose | Default |
        |------|---------|---------|
        | guest-checkout | Enable guest checkout | on |

    Passes:

        ## Rollout Plan

        ### Feature Flags
        | Flag | Purpose | Default |
        |------|---------|---------|
        | guest-checkout | Enable guest checkout | off |
    """

    code = "RO002"
    name = "flag-not-default-off"
    family = Family.ROLLOUT
    severity = Severity.WARNING

    def check(self, context: RuleContext) -> Iterator[Finding]:
        """Report each flag whose default is missing or not off."""
        if not section_written(context, SectionKey.ROLLOUT):
            return
        for row in _flags(context):
            name = plain(row.flag)
            if has_todo(row.default) or _test_setting(row.purpose):
                continue
            if missing_value(row.default):
                yield Finding(
                    message=f"flag '{name}' states no default",
                    line=row.line,
                    hint="new behaviour should ship dark: set the default to 'off'",
                )
            elif not _defaults_off(row.default):
                yield Finding(
                    message=f"flag '{name}' defaults to '{plain(row.default)}', not off",
                    line=row.line,
                    hint="ship new behaviour dark: default 'off', enable it in a migration step",
                )


_VERIFICATION = word_pattern(
    (
        "verif",
        "check(?!out)",
        "confirm",
        "assert",
        "ensur",
        "validat",
        "monitor",
        "until\\b",
        "test",
        "watch",
        "observ",
        "measur",
        "expect",
        "smoke",
        "reconcil",
        "compar",
        "make sure",
        "review",
        "inspect",
        "audit",
        "e2e",
        "suite",
        "dashboard",
        "alarm",
        "alert",
        "inject",
    )
)
"""Words that observe or run checks; a step holding one says how it is verified.

A failure injection runs the failure paths on purpose, and an alert watches for them:
both are checks a rollout can stop at, as much as a smoke test or an alarm."""


class MigrationStepWithoutVerification(Rule):
    """Every migration step says how its success is verified.

    A rollout step without a check is a step nobody can stop at: the next step starts on
    hope. The seed's format asks for a "step with verification"; any wording that checks
    works (``verify:``, ``check that``, ``monitor``, ``until``, ``confirm``...).

    A warning, not an error: the format's template asks for it, but the seed's Validation
    Checklist does not, and a last step such as "enable for everyone" is often checked by
    the step before it.

    Fails:

        ## Rollout Plan

        ### Migration Steps
        1. Enable guest-checkout for 10 percent of visitors

    Passes:

        ## Rollout Plan

        ### Migration Steps
        1. Enable guest-checkout for 10 percent of visitors; verify: conversion holds
    """

    code = "RO003"
    name = "migration-step-without-verification"
    family = Family.ROLLOUT
    severity = Severity.WARNING

    def check(self, context: RuleContext) -> Iterator[Finding]:
        """Report each migration step with no verification wording."""
        if not section_written(context, SectionKey.ROLLOUT):
            return
        for number, step in enumerate(context.spec.migration_steps, 1):
            if is_blank(step.text) or has_todo(step.text) or _VERIFICATION.search(step.text):
                continue
            yield Finding(
                message=f"migration step {number} has no verification: '{excerpt(step.text)}'",
                line=step.line,
                hint="add how the step is checked, e.g. '; verify: <observable result>'",
            )


_REMOVAL = word_pattern(
    (
        "remov",
        "delet",
        "clean(?:s|ed|ing)?[ -]?up",
        "cleanup",
        "retir",
        "drop",
        "sunset",
        "decommission",
        "strip",
        "get rid",
    )
)
_FLAG_WORD = re.compile(r"\b(?:feature[ -])?(?:flag|toggle)s?\b", re.IGNORECASE)


_CLAUSE = re.compile(r";|\.\s|,?\s+then\s+")


def _actions(step: str) -> list[str]:
    """The clauses of a step that act, not the ones that verify (``...; verify: ...``).

    ``verify for a week, then remove the flag`` acts in its second clause.
    """
    return [
        clause
        for clause in _CLAUSE.split(step)
        if clause.strip() and not _VERIFICATION.match(clause.strip())
    ]


def _names_flag(text: str, flag: str) -> bool:
    name = plain(flag)
    if normalize_name(name) in tokens(text):
        return True
    pattern = r"(?<![\w-])" + re.escape(name.casefold()) + r"(?![\w-])"
    return re.search(pattern, text.casefold()) is not None


class FlagNeverRemoved(Rule):
    """Every feature flag is removed at the end of the rollout.

    A flag left in place forever doubles the code paths to test and becomes a switch that
    nobody dares to touch. Some migration step (usually the last) should remove the flag,
    by name, or all flags at once (``Remove the feature flags``). Information: the seed
    does not ask for it, and a permanent setting kept in the table is not a release flag.

    Fails:

        ## Rollout Plan

        ### Feature Flags
        | Flag | Purpose | Default |
        |------|---------|---------|
        | guest-checkout | Enable guest checkout | off |

        ### Migration Steps
        1. Enable guest-checkout for all visitors; verify: error rate below 0.5 percent

    Passes:

        ## Rollout Plan

        ### Feature Flags
        | Flag | Purpose | Default |
        |------|---------|---------|
        | guest-checkout | Enable guest checkout | off |

        ### Migration Steps
        1. Enable guest-checkout for all visitors; verify: error rate below 0.5 percent
        2. Remove the guest-checkout flag; verify: it is no longer referenced
    """

    code = "RO004"
    name = "flag-never-removed"
    family = Family.ROLLOUT
    severity = Severity.INFO

    def check(self, context: RuleContext) -> Iterator[Finding]:
        """Report each flag that no migration step removes."""
        spec = context.spec
        if not section_written(context, SectionKey.ROLLOUT):
            return
        flags = _flags(context)
        if not flags:
            return
        steps = [step.text for step in spec.migration_steps]
        if any(has_todo(text) for text in steps):
            return
        removals = [
            clause for text in steps for clause in _actions(text) if _REMOVAL.search(clause)
        ]
        for row in flags:
            if any(self._removes(text, row.flag, flags) for text in removals):
                continue
            yield Finding(
                message=f"flag '{plain(row.flag)}' is never removed",
                line=row.line,
                hint=f"end the migration with 'Remove the {plain(row.flag)} flag; verify: ...'",
            )

    @staticmethod
    def _removes(text: str, flag: str, flags: list[FeatureFlag]) -> bool:
        if _names_flag(text, flag):
            return True
        names_any = any(_names_flag(text, other.flag) for other in flags)
        return not names_any and _FLAG_WORD.search(text) is not None


RULES: tuple[type[Rule], ...] = (
    NoFeatureFlag,
    FlagNotDefaultOff,
    MigrationStepWithoutVerification,
    FlagNeverRemoved,
)
"""Rollout rules, in code order."""
