"""``python -m integration_spec``."""

from integration_spec.cli import main

main()
