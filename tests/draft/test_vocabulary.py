from __future__ import annotations

import pytest

from integration_spec.draft.vocabulary import humanize, kebab, parse_query, similar, split_words


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("reserve", "reservation"),
        ("authorize", "authorization"),
        ("price", "pricing"),
        ("ship", "shipment"),
        ("session", "sessions"),
        ("category", "categories"),
        ("send", "sent"),
        ("place", "placed"),
    ],
)
def test_forms_of_one_word_are_similar(left: str, right: str) -> None:
    assert similar(left, right)
    assert similar(right, left)


@pytest.mark.parametrize(
    ("left", "right"), [("cart", "card"), ("order", "ordinal"), ("pay", "payment")]
)
def test_different_words_are_not(left: str, right: str) -> None:
    assert not similar(left, right)


def test_identifiers_split_into_words() -> None:
    assert split_words("StartGuestSession") == ["start", "guest", "session"]
    assert split_words("GET /carts/{id}") == ["get", "carts", "id"]
    assert humanize("GetCartSnapshot") == "Get cart snapshot"
    assert kebab("StartGuestSession") == "start-guest-session"


def test_query_reads_name_description_negation_and_thesaurus() -> None:
    query = parse_query("guest-checkout-2", "Purchase without an account")
    terms = {term.word: term for term in query.terms}
    assert {"guest", "checkout", "purchase", "account", "order", "payment"} <= set(terms)
    assert terms["account"].negated
    assert not terms["guest"].negated
    assert terms["order"].via == "purchase"
    assert terms["order"].weight < terms["purchase"].weight
    assert not {"2", "without", "an"} & set(terms)


def test_forms_of_one_word_count_once() -> None:
    query = parse_query("refunds", "refund a cancelled order")
    assert [term.word for term in query.terms].count("refund") + [
        term.word for term in query.terms
    ].count("refunds") == 1


def test_negated_words_count_against() -> None:
    query = parse_query("x", "open an account without an alert")
    assert query.score(["open", "account"]) > 0
    assert query.score(["send", "alert"]) < 0
