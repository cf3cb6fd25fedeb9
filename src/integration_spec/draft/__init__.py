"""The planner behind ``integration-spec new``: a complete spec drafted from the architecture.

Each section is a small pure function of the architecture and the user's inputs (see
:mod:`integration_spec.draft.planner`); :mod:`integration_spec.draft.api` adds reading the
architecture and writing the file safely.
"""
