"""Markdown block structure with line numbers: the one interface to the markdown parser.

Everything above this package sees only :mod:`integration_spec.markdown.blocks`; the
parser library behind it can be swapped for a faster one without touching the readers.
"""
