"""``python -m integration_spec``."""

from integration_spec.cli.main import main

main()
