"""``**Label:** value`` and ``Label: value`` lines, as metadata, phases and steps use them."""

from __future__ import annotations

from dataclasses import dataclass

_MAX_PLAIN_LABEL_WORDS = 4


@dataclass(frozen=True, slots=True)
class LabelledText:
    """A label and the text after it."""

    label: str
    value: str
    bold: bool


def read_bold_label(line: str) -> LabelledText | None:
    """Read ``**Label:** value`` or ``**Label**: value`` (also with ``__``)."""
    text = line.strip()
    for marker in ("**", "__"):
        if not text.startswith(marker):
            continue
        end = text.find(marker, len(marker))
        if end < 0:
            return None
        label = text[len(marker) : end].strip()
        rest = text[end + len(marker) :]
        if label.endswith(":"):
            label = label[:-1].rstrip()
        elif rest.lstrip().startswith(":"):
            rest = rest.lstrip()[1:]
        else:
            return None
        return LabelledText(label, rest.strip(), bold=True) if label else None
    return None


def read_label(line: str) -> LabelledText | None:
    """Read a bold label, or a short plain ``Label: value`` prefix."""
    bold = read_bold_label(line)
    if bold is not None:
        return bold
    text = line.strip()
    label, colon, rest = text.partition(":")
    if not colon or not label or rest[:2] == "//":
        return None
    words = label.split()
    if len(words) > _MAX_PLAIN_LABEL_WORDS:
        return None
    if not all(word.replace("-", "").replace("/", "").isalpha() for word in words):
        return None
    return LabelledText(label.strip(), rest.strip(), bold=False)


def label_key(label: str) -> str:
    """A label folded for lookup: ``Exit Criteria`` -> ``exitcriteria``."""
    return "".join(ch for ch in label.casefold() if ch.isalnum())
