"""The ``/integration-spec`` command texts installed by ``integration-spec init --agent``."""
