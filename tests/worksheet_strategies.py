"""Hypothesis strategies for valid TKDN worksheets in the JSON of docs/interfaces.md: both
regimes, both counting rules, imports and imported machines (0% local content by nature),
uncertified claims, zero-cost lines, and figures from a ten-thousandth of a rupiah to the
largest the interface takes."""

from decimal import Decimal

from hypothesis import strategies as st

from pasok.rules.tkdn import OVERHEAD_CATEGORIES, Regime
from pasok.rules.tkdn_json import LARGEST


def _decimals(low, high, places: int = 4):
    return st.decimals(min_value=Decimal(low), max_value=Decimal(high), places=places,
                       allow_nan=False, allow_infinity=False)


# Zero, tiny, everyday and huge amounts (each within the interface's LARGEST).
amounts = st.one_of(st.just(Decimal(0)), _decimals("0.0001", "0.01"), _decimals(1, 50_000, 2),
                    _decimals(10**8, LARGEST, 2))
positive_amounts = st.one_of(_decimals("0.0001", "0.01"), _decimals(1, 50_000, 2),
                             _decimals(10**8, LARGEST, 2))
percents = st.one_of(st.sampled_from([Decimal(0), Decimal(100)]), _decimals(0, 100, 2))
names = st.text(alphabet="ABCabc xyz-(),.&<>'\"=éü", min_size=0, max_size=24)
certificates = st.sampled_from(["", "", "TKDN-0421/2025"])


@st.composite
def material(draw, cost=amounts):
    origin = draw(st.sampled_from(["", "domestic", "import"]))
    line = {"name": draw(names), "quantity": str(draw(cost)), "unit_price": str(draw(cost)),
            "domestic_percent": "0" if origin == "import" else str(draw(percents)),
            "certificate": draw(certificates)}
    return line | ({"origin": origin} if origin else {})


@st.composite
def cost_line(draw, cost=amounts, categories=("",)):
    category = draw(st.sampled_from(categories))
    return {"name": draw(names), "cost": str(draw(cost)),
            "domestic_percent": "0" if category == "machine_imported" else str(draw(percents)),
            "certificate": draw(certificates)} | ({"category": category} if category else {})


def _lines(line, sure, weighed: bool, most: int):
    """A factor's lines; where the regime weighs the factor (and always for materials, which
    must not be empty), one of them costs more than 0."""
    rest = st.lists(line, max_size=most)
    if not weighed:
        return rest
    return st.tuples(sure, rest, st.integers(0, most)).map(
        lambda t: [*t[1][:t[2]], t[0], *t[1][t[2]:]])


@st.composite
def worksheet_data(draw, most: int = 3) -> dict:
    regime = draw(st.sampled_from(list(Regime)))
    weighed = regime == Regime.P35_2025
    categories = tuple(OVERHEAD_CATEGORIES)
    materials = draw(_lines(material(), material(cost=positive_amounts), True, most))
    labour = draw(_lines(cost_line(), cost_line(cost=positive_amounts), weighed, most))
    overhead = draw(_lines(cost_line(categories=categories),
                           cost_line(cost=positive_amounts, categories=categories), weighed,
                           most))
    return {"regime": regime.value, "product": draw(names).strip() or "Produk",
            "uncertified": draw(st.sampled_from(["declared", "foreign"])),
            "materials": materials, "labour": labour, "overhead": overhead}
