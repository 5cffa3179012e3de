"""The price-adjustment clause (rules.price_adjustment): the worked example of its docstring,
the clause refused part by part, and properties: indices at their base give the base price,
and a higher index never lowers the price."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pasok.rules.price_adjustment import Clause, ClauseError, Component

CLAUSE = {"fixed": "0.30", "components": [
    {"name": "scrap", "weight": "0.50", "base_index": "8000"},
    {"name": "pig iron", "weight": "0.20", "base_index": "10000"}]}


def test_the_worked_example():
    clause = Clause.of(CLAUSE)
    indices = {"scrap": Decimal(8800), "pig iron": Decimal(9500)}
    assert clause.factor(indices) == Decimal("1.04")
    assert clause.adjusted(Decimal(450_000), indices) == Decimal("468000.00")


def test_no_clause_is_none():
    assert Clause.of({}) is None and Clause.of(None) is None


@pytest.mark.parametrize(("change", "field", "code"), [
    ({"fixed": "1"}, "fixed", "fixed"),
    ({"fixed": "-0.1"}, "fixed", "fixed"),
    ({"fixed": "0.40"}, "components", "sum"),
    ({"components": []}, "components", "none"),
    ({"components": [{"name": "scrap", "weight": "0.35", "base_index": "1"},
                     {"name": "scrap", "weight": "0.35", "base_index": "1"}]},
     "components", "names"),
    ({"components": [{"name": "scrap", "weight": "0.70", "base_index": "0"}]},
     "components", "bases"),
    ({"components": [{"name": "scrap", "weight": "0.80", "base_index": "1"},
                     {"name": "coke", "weight": "-0.10", "base_index": "1"}]},
     "components", "weights"),
    ({"fixed": "abc"}, "price_adjustment", "shape"),
])
def test_a_wrong_clause_names_its_part(change, field, code):
    with pytest.raises(ClauseError) as wrong:
        Clause.of({**CLAUSE, **change})
    assert (wrong.value.field, wrong.value.code) == (field, code)


def test_every_index_is_needed():
    with pytest.raises(ClauseError) as wrong:
        Clause.of(CLAUSE).factor({"scrap": Decimal(8000)})
    assert wrong.value.code == "missing"


def test_the_clause_reads_back_as_stored():
    assert Clause.of(Clause.of(CLAUSE).as_json()) == Clause.of(CLAUSE)


weights = st.lists(st.integers(1, 50), min_size=1, max_size=4)
index = st.decimals(min_value=1, max_value=100_000, places=2)


@given(weights, st.integers(0, 50), st.decimals(min_value=1, max_value=10_000_000, places=2))
def test_indices_at_their_base_give_the_base_price(parts, fixed, price):
    total = sum(parts) + fixed
    clause = Clause(Decimal(fixed) / total, tuple(
        Component(f"c{i}", Decimal(w) / total, Decimal(100 + i)) for i, w in enumerate(parts)))
    if clause.fixed + sum(c.weight for c in clause.components) != 1:
        return  # a division that does not come out exact is not a clause anyone signs
    assert clause.adjusted(price, {c.name: c.base_index for c in clause.components}) \
        == price.quantize(Decimal("0.01"))


@given(index, index, st.decimals(min_value=1, max_value=10_000_000, places=2))
def test_a_higher_index_never_lowers_the_price(now, higher, price):
    clause = Clause.of(CLAUSE)
    low, high = sorted((now, higher))
    assert clause.adjusted(price, {"scrap": high, "pig iron": Decimal(10000)}) >= \
        clause.adjusted(price, {"scrap": low, "pig iron": Decimal(10000)})
