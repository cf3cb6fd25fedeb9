"""The checker's rules: one small documented unit per rule, grouped by family."""
