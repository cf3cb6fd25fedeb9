"""The spec format: markdown blocks to :class:`IntegrationSpec` and back."""
