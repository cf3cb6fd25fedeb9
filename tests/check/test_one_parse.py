"""One ``check`` of a document parses its markdown once, whatever reads it."""

from __future__ import annotations

import pytest

from integration_spec.check.config import Config
from integration_spec.check.engine import check_document, select_rules
from integration_spec.markdown import _native
from tests.conftest import EXAMPLE

# A suppression comment (read by the suppression filter) and a short table row (a PS001
# with a fix), so every reader of the document has something to read.
_SUPPRESSION = "\n<!-- ispec: ignore-file RO -->\n"
_SHORT_ROW = "| Flag | Purpose | Default |\n|------|---------|---------|\n| `short-row` |\n"


def test_check_document_parses_once(monkeypatch: pytest.MonkeyPatch) -> None:
    text = (EXAMPLE / "features/integrations/guest-checkout.md").read_text(encoding="utf-8")
    text = text.replace("TODO", "to do").replace("| Flag | Purpose | Default |\n", _SHORT_ROW, 1)
    text += _SUPPRESSION
    calls: list[int] = []
    real_parse = _native.parse

    def counting_parse(source: str) -> object:
        calls.append(len(source))
        return real_parse(source)

    monkeypatch.setattr(_native, "parse", counting_parse)
    config = Config(root=EXAMPLE)
    outcome = check_document(
        text,
        "features/integrations/guest-checkout.md",
        architecture=None,
        config=config,
        rules=select_rules(config),
    )
    assert any(d.code == "PS001" and d.fixable for d in outcome.diagnostics)
    assert outcome.suppressed > 0
    assert len(calls) == 1
