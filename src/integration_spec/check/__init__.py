"""The check use case: configuration, rules over specs, suppressions, baseline, fixes."""
