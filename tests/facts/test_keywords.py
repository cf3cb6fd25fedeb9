"""``find_keyword`` answers as if every keyword were tried in order at every word.

The matcher indexes keywords by their first word for speed; this pins that the index changes
nothing: the first word position wins, and at one position the keyword listed first wins.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from integration_spec.facts.text import find_keyword

_WORDS = st.sampled_from(["cancel", "cancelled", "can", "refund", "order", "the", "x"])
_PARTS = st.one_of(_WORDS, st.sampled_from(["*", "can*", "cancel*", "re*", "o*"]))
_KEYWORDS = st.lists(st.lists(_PARTS, min_size=1, max_size=3).map(" ".join), max_size=6)


def _reference(found: list[str], keywords: list[str]) -> str | None:
    """Every keyword tried in order at every word: the definition the index must keep."""

    def matches(word: str, part: str) -> bool:
        if part == "*":
            return True
        if part.endswith("*"):
            return word.startswith(part[:-1])
        return word == part

    for start in range(len(found)):
        for keyword in keywords:
            parts = keyword.split()
            window = found[start : start + len(parts)]
            if len(window) == len(parts) and all(map(matches, window, parts)):
                return " ".join(window)
    return None


@given(st.lists(_WORDS, max_size=8), _KEYWORDS)
def test_the_index_answers_like_trying_every_keyword_in_order(
    found: list[str], keywords: list[str]
) -> None:
    assert find_keyword(found, tuple(keywords)) == _reference(found, keywords)


def test_the_keyword_listed_first_wins_at_one_position() -> None:
    assert find_keyword(["cancelled", "order"], ("cancel*", "cancelled order")) == "cancelled"
    assert find_keyword(["cancelled", "order"], ("cancelled order", "cancel*")) == (
        "cancelled order"
    )


def test_an_earlier_word_wins_over_an_earlier_keyword() -> None:
    assert find_keyword(["refund", "the", "order"], ("order", "refund*")) == "refund"
