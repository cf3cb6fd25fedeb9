"""Analysis of integration specs (DESIGN.md section 5).

Flow graph, saga plan, fault simulation, boundaries, diagrams and triage.

Use :mod:`integration_spec.analysis.api`; results are the dataclasses of
:mod:`integration_spec.model.analysis`, rendered by :mod:`integration_spec.analysis.render`.
Nothing is imported here, so ``triage`` never pays for networkx.
"""
